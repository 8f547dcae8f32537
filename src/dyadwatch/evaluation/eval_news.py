"""Scoring on exhaustively annotated real-news sentences: every event of a sentence, or none.

Same rules and numbers as ``../shared/tools/score_news.py``, computed in-process so that `dyadwatch
eval` reports them and the training scripts can label each candidate event right or wrong with the
very rule the project is judged by. Each item is context + sentence coded as one article; only events
that start inside the sentence count. Events match gold one to one, greedily, at three levels: type;
dyad (type + source and target country, IGO/IMG codes whole); strict (type + full codes).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dyadwatch.model import Article, CodedArticle, Event

if TYPE_CHECKING:
    from dyadwatch.pipeline import Pipeline

LEVELS = ("type", "dyad", "strict")
SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "PTY", "REB", "CVL", "REF", "BUS", "MED", "JRN",
                     "EDU", "REL", "HLH", "LAB", "CRM", "SPY", "UAF", "NGO", "ELI", "AGR", "SOC", "INS", "ENV",
                     "DEV", "MOD", "RAD", "IGO", "IMG", "SEP", "ETH"})


def country(code: str | None) -> str | None:
    """Country part of a code as the gold set counts it: ISO3 prefix, IGO/IMG codes whole, sectors none."""
    if not code:
        return None
    code = code.upper()
    if code.startswith(("IGO", "IMG")):
        return code[:6] if len(code) >= 6 else code
    head = code[:3]
    return None if head in SECTORS or not head.isalpha() else head


def keys(event_type: str, source: str | None, target: str | None) -> dict[str, tuple]:
    return {"type": (event_type,),
            "dyad": (event_type, country(source), country(target)),
            "strict": (event_type, (source or "").upper() or None, (target or "").upper() or None)}


def _code(actor: dict[str, Any] | None) -> str | None:
    return (actor or {}).get("code") or None


def reserved_bbc(shared: Path) -> frozenset[str]:
    """The BBC files (``category/name.txt``) that feed the gold sets: never for training or tuning."""
    text = (shared / "data" / "gold" / "reserved_bbc_files.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def load(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def article(item: dict[str, Any]) -> tuple[Article, int]:
    """The item as the scorer codes it (context + sentence), and where the sentence starts."""
    context = (item.get("context") or "").strip()
    text = f"{context} {item['text']}" if context else item["text"]
    return Article(text=text, id=item["id"], date=item.get("date")), (len(context) + 1 if context else 0)


def coded(items: Sequence[dict[str, Any]], pipeline: Pipeline) -> Iterator[tuple[CodedArticle, list[Event]]]:
    """Each item coded as context + sentence, with its events that start inside the sentence."""
    pairs = [article(it) for it in items]
    for (_, offset), done in zip(pairs, pipeline.pipe([a for a, _ in pairs]), strict=True):
        yield done, [e for e in done.events if e.span[0] >= offset]


def code_items(items: Sequence[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Each item's events in the sentence itself (as dicts), coded by the shipped pipeline."""
    from dyadwatch.pipeline import Pipeline

    return {it["id"]: [e.to_dict() for e in events]
            for it, (_, events) in zip(items, coded(items, Pipeline()), strict=True)}


def matched(gold: Sequence[dict[str, Any]], events: Sequence[dict[str, Any]], level: str) -> list[int | None]:
    """For each event, the index of the gold event it matches at `level` (greedy, gold order), else None."""
    out: list[int | None] = [None] * len(events)
    free = list(range(len(events)))
    for g_index, g in enumerate(gold):
        want = keys(g["type"], _code(g.get("source")), _code(g.get("target")))[level]
        for i in free:
            ev = events[i]
            got = keys((ev.get("event_type") or "").upper(), _code(ev.get("source")), _code(ev.get("target")))
            if got[level] == want:
                free.remove(i)
                out[i] = g_index
                break
    return out


@dataclass(slots=True)
class NewsScore:
    items: int = 0
    gold: int = 0
    system: int = 0
    hits: Counter[str] = field(default_factory=Counter)
    detection: Counter[tuple[bool, bool]] = field(default_factory=Counter)
    modality_agree: int = 0
    uncoded_actor: int = 0
    uncoded_source: int = 0
    by_confidence: dict[str, list[int]] = field(default_factory=dict)

    def add(self, gold: Sequence[dict[str, Any]], events: Sequence[dict[str, Any]]) -> None:
        self.items += 1
        self.gold += len(gold)
        self.system += len(events)
        self.detection[(bool(gold), bool(events))] += 1
        self.uncoded_actor += sum(1 for e in events if not _code(e.get("source"))
                                  or (e.get("target") and not _code(e.get("target"))))
        self.uncoded_source += sum(1 for e in events if not _code(e.get("source")))
        for level in LEVELS:
            found = matched(gold, events, level)
            self.hits[level] += sum(1 for m in found if m is not None)
            if level == "dyad":
                for e, m in zip(events, found, strict=True):
                    tally = self.by_confidence.setdefault(_bin(e.get("confidence")), [0, 0])
                    tally[0] += 1
                    tally[1] += m is not None
                self.modality_agree += sum(1 for e, m in zip(events, found, strict=True) if m is not None
                                           and (e.get("modality") or "asserted") == gold[m].get("modality", "asserted"))

    def prf(self, level: str) -> dict[str, float]:
        p = self.hits[level] / self.system if self.system else 0.0
        r = self.hits[level] / self.gold if self.gold else 0.0
        return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3)}

    def to_dict(self) -> dict[str, Any]:
        both, false_alarm, missed = (self.detection[(True, True)], self.detection[(False, True)],
                                     self.detection[(True, False)])
        return {"items": self.items, "gold_events": self.gold, "system_events": self.system,
                **{level: self.prf(level) for level in LEVELS},
                "detection": {"precision": round(both / max(1, both + false_alarm), 3),
                              "recall": round(both / max(1, both + missed), 3)},
                "modality_agreement": f"{self.modality_agree}/{self.hits['dyad']}",
                "uncoded_actor": f"{self.uncoded_actor}/{self.system}",
                "uncoded_source": f"{self.uncoded_source}/{self.system}",
                "calibration": [{"confidence": b, "events": n, "right_dyad": round(k / n, 3)}
                                for b, (n, k) in sorted(self.by_confidence.items())]}


CUTOFFS = (0.4, 0.5, 0.6, 0.8)


def _bin(confidence: float | None) -> str:
    """The calibration bin of a confidence: 0.0-0.2, ..., 0.8-1.0."""
    low = min(4, int((confidence or 0.0) * 5)) / 5
    return f"{low:.1f}-{low + 0.2:.1f}"


def score(items: Iterable[dict[str, Any]], events: dict[str, list[dict[str, Any]]]) -> NewsScore:
    result = NewsScore()
    for it in items:
        result.add(it.get("events") or [], events.get(it["id"], []))
    return result


def news_report(gold_path: Path) -> dict[str, Any]:
    """Code the gold file's sentences with the shipped pipeline and score them, all events and then only
    those at each `CUTOFFS` confidence or above: what `--min-confidence` gives an analyst."""
    items = load(gold_path)
    events = code_items(items)
    report = score(items, events).to_dict()
    report["min_confidence"] = [at_least(items, events, cutoff) for cutoff in CUTOFFS]
    return report


def at_least(items: Sequence[dict[str, Any]], events: dict[str, list[dict[str, Any]]],
             cutoff: float) -> dict[str, Any]:
    """The dyad-level score of the events at `cutoff` confidence or above, matched afresh."""
    kept = {key: [e for e in found if (e.get("confidence") or 0.0) >= cutoff] for key, found in events.items()}
    result = score(items, kept)
    return {"at_least": cutoff, "events": result.system, **result.prf("dyad")}

"""Compare the two independent passes, list the items they disagree on, and merge the adjudication.

Two coders annotated each chunk (passes/aN.jsonl, passes/bN.jsonl) following
../shared/data/gold/GUIDELINES.md. Items whose events agree at the dyad level (type + source and
target country, the level news_dev is scored at) are taken as they are ("both coders"); the others go
to a third coder (disagreements/chunkN.jsonl -> adjudicated/chunkN.jsonl). `merge` writes
events.jsonl, the training set, and prints the agreement figures.

usage: python training/annotation/merge.py disagreements
       python training/annotation/merge.py merge
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from dyadwatch.evaluation.eval_news import keys, matched

HERE = Path(__file__).resolve().parent


def load(path: Path) -> dict[str, dict]:
    with open(path, encoding="utf-8") as handle:
        return {item["id"]: item for item in map(json.loads, filter(str.strip, handle))}


CODE = re.compile(r"^[A-Z]{3}([A-Z]{3})*$")


def repaired(events: list[dict]) -> list[dict]:
    """One coder (chunk 2, pass b) wrote target codes in the text field with a null code; for the
    agreement figure only, such a code is read as the code."""
    out = []
    for e in events:
        target = e.get("target")
        if target and not target.get("code") and CODE.match(target.get("text") or ""):
            e = {**e, "target": {"text": None, "code": target["text"]}}
        out.append(e)
    return out


def dyads(events: list[dict]) -> Counter:
    return Counter(keys(e["type"], (e.get("source") or {}).get("code"), (e.get("target") or {}).get("code"))["dyad"]
                   for e in events)


def chunks() -> list[int]:
    return sorted(int(p.stem[5:]) for p in (HERE / "chunks").glob("chunk*.jsonl"))


def disagreements() -> None:
    out = HERE / "disagreements"
    out.mkdir(exist_ok=True)
    for n in chunks():
        if not all((HERE / "passes" / f"{coder}{n}.jsonl").is_file() for coder in "ab"):
            continue
        items = load(HERE / "chunks" / f"chunk{n}.jsonl")
        a, b = load(HERE / "passes" / f"a{n}.jsonl"), load(HERE / "passes" / f"b{n}.jsonl")
        if not all(i in a and i in b for i in items):
            continue
        with open(out / f"chunk{n}.jsonl", "w", encoding="utf-8") as handle:
            for item_id, item in items.items():
                if dyads(a[item_id]["events"]) != dyads(b[item_id]["events"]):
                    handle.write(json.dumps({**item, "coder_a": a[item_id]["events"], "coder_b": b[item_id]["events"]},
                                            ensure_ascii=False) + "\n")


@dataclass
class Agreement:
    """The two passes compared over a set of items: dyad-level hits, event counts, items alike."""

    items: int = 0
    alike: int = 0
    events_a: int = 0
    events_b: int = 0
    hits: int = 0
    repaired_alike: int = 0
    repaired_hits: int = 0

    def add(self, ea: list[dict], eb: list[dict]) -> None:
        self.items += 1
        self.events_a, self.events_b = self.events_a + len(ea), self.events_b + len(eb)
        self.hits += _hits(ea, eb)
        self.repaired_hits += _hits(ea, repaired(eb))
        self.alike += dyads(ea) == dyads(eb)
        self.repaired_alike += dyads(ea) == dyads(repaired(eb))

    def report(self, name: str) -> str:
        p, r = self.hits / max(1, self.events_b), self.hits / max(1, self.events_a)
        repaired_f1 = 2 * self.repaired_hits / max(1, self.events_a + self.events_b)
        return (f"{name}: {self.items} items; coders agree on {self.alike} ({self.alike / self.items:.3f}); dyad-level "
                f"agreement F1 {2 * p * r / max(1e-9, p + r):.3f} (coder a {self.events_a} events, coder b "
                f"{self.events_b}); with target codes read from the text field: items "
                f"{self.repaired_alike / self.items:.3f}, F1 {repaired_f1:.3f}")


def _hits(ea: list[dict], eb: list[dict]) -> int:
    return sum(1 for m in matched(ea, [{"event_type": e["type"], **e} for e in eb], "dyad") if m is not None)


def merge() -> None:
    """events.jsonl from every chunk, and the agreement of each round of drawing (`r2` ids: round 2, …)."""
    rounds: dict[str, Agreement] = {}
    rows = []
    for n in chunks():
        items = load(HERE / "chunks" / f"chunk{n}.jsonl")
        a, b = load(HERE / "passes" / f"a{n}.jsonl"), load(HERE / "passes" / f"b{n}.jsonl")
        settled = load(HERE / "adjudicated" / f"chunk{n}.jsonl")
        for item_id, item in items.items():
            ea, eb = a[item_id]["events"], b[item_id]["events"]
            drawn = re.match(r"r(\d+)", item_id)
            rounds.setdefault(f"round {drawn.group(1) if drawn else 1}", Agreement()).add(ea, eb)
            if dyads(ea) == dyads(eb):
                rows.append({**item, "events": ea, "agreement": "both coders"})
            else:
                rows.append({**item, "events": settled[item_id]["events"], "agreement": "adjudicated"})
    with open(HERE / "events.jsonl", "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} items, {sum(bool(r['events']) for r in rows)} with events, "
          f"{sum(len(r['events']) for r in rows)} events")
    for name, agreement in sorted(rounds.items()):
        print(agreement.report(name))


if __name__ == "__main__":
    {"disagreements": disagreements, "merge": merge}[sys.argv[1]]()

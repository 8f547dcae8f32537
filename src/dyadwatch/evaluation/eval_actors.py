"""Measure actor recognition on PLV: do our mentions cover the gold source and target spans?

Why: the event coder can only code a dyad whose two sides were found as actors. PLV
(../shared/data/plv_train.tsv) marks each row's source `<s>…</s>` and target `<t>…</t>`; a side is
recalled when a recognized mention overlaps it. A mention counts as recognized when it has a
country, or when it is a person, organization or group (many PLV actors are "the FBI", "Siemens"
or a person, which rightly have none).

    python -m dyadwatch.evaluation.eval_actors [PATH]
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

from dyadwatch.model import ActorMention, Article
from dyadwatch.stages.actors import ActorResolver
from dyadwatch.stages.nlp import parse

DEFAULT_PLV = Path(__file__).resolve().parents[4] / "shared" / "data" / "plv_train.tsv"
_TAG = re.compile(r"</?[st]>")


def gold_spans(marked: str) -> tuple[str, dict[str, tuple[int, int]]]:
    """Plain text and the character spans of `<s>` and `<t>` in it."""
    plain: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    opened: dict[str, int] = {}
    pos = 0
    length = 0
    for m in _TAG.finditer(marked):
        chunk = marked[pos:m.start()]
        plain.append(chunk)
        length += len(chunk)
        tag = m.group()
        if tag.startswith("</"):
            spans[tag[2]] = (opened[tag[2]], length)
        else:
            opened[tag[1]] = length
        pos = m.end()
    plain.append(marked[pos:])
    return "".join(plain), spans


def recognized(m: ActorMention) -> bool:
    """A mention the event coder can use as an actor."""
    return m.country is not None or m.kind in ("person", "organization", "group")


def _covers(mentions: list[ActorMention], span: tuple[int, int] | None) -> bool:
    if span is None:
        return False
    return any(recognized(m) and min(span[1], m.span[1]) > max(span[0], m.span[0]) for m in mentions)


def evaluate_plv(path: Path = DEFAULT_PLV) -> dict[str, float | int]:
    """Source/target overlap recall and the share of recognized mentions with a country."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    articles, golds = [], []
    for row in rows:
        text, spans = gold_spans(row["marked_sentence"])
        articles.append(Article(text=text, id=f"plv-{row['sentence_id']}-{len(articles)}"))
        golds.append(spans)
    resolver = ActorResolver()
    source_hits = target_hits = with_country = total = 0
    for parsed, spans in zip(parse(articles), golds, strict=True):
        mentions = resolver(parsed)
        source_hits += _covers(mentions, spans.get("s"))
        target_hits += _covers(mentions, spans.get("t"))
        usable = [m for m in mentions if recognized(m)]
        total += len(usable)
        with_country += sum(m.country is not None for m in usable)
    n = len(rows)
    return {
        "rows": n,
        "source_recall": round(source_hits / n, 4),
        "target_recall": round(target_hits / n, 4),
        "mentions": total,
        "country_share": round(with_country / total, 4) if total else 0.0,
    }


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_PLV
    print(json.dumps(evaluate_plv(path), indent=2))


if __name__ == "__main__":
    main()

"""End-to-end event evaluation on PLV: raw sentence in, our actors and events out, scored per row.

Each PLV row (../shared/data/plv_train.tsv) is one sentence with one gold dyad and its PLOVER root
type (CONCEDE and RETREAT merged as YIELD). The system sees only the plain sentence. For each row we
take the coded event whose source and target best overlap the gold spans and score its type
(macro-F1 over the 15 classes, quad-class accuracy) and its actors (both sides overlapping the gold
spans). A row with no event counts as a miss for every figure.

The row figures never count an extra, wrong event. `emitted` does: the share of a sentence's coded
events that match one of its gold rows. PLV labels some of a sentence's dyads, not all, so that share
is a lower bound on precision.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dyadwatch import reftables
from dyadwatch.evaluation.eval_actors import gold_spans
from dyadwatch.model import Article, Event, Span
from dyadwatch.stages.dyads import overlaps

PLV_CLASSES = ("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "YIELD", "REQUEST", "ACCUSE", "REJECT",
               "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
NO_EVENT = "NONE"


@dataclass(slots=True, frozen=True)
class PlvRow:
    sentence_id: str
    sentence: str
    source: Span | None
    target: Span | None
    label: str
    quad: int


def plv_rows(path: Path) -> list[PlvRow]:
    """Rows of a PLV file in file order, with gold spans located in the plain sentence (None when a
    marker is missing: such a row still counts for its type, and never for its actors)."""
    rows: list[PlvRow] = []
    with open(path, encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle, delimiter="\t"):
            plain, spans = gold_spans(record["marked_sentence"])
            rows.append(PlvRow(record["sentence_id"], plain, spans.get("s"), spans.get("t"), record["gold_root"],
                               int(record["gold_penta"])))
    return rows


def plv_label(event_type: str) -> str:
    """PLV merges CONCEDE and RETREAT as YIELD."""
    return "YIELD" if event_type in ("CONCEDE", "RETREAT") else event_type


def best_event(events: Sequence[Event], row: PlvRow) -> tuple[Event | None, bool]:
    """The event that best covers the gold dyad, and whether both its sides overlap the gold spans."""
    best: Event | None = None
    best_key = (-1, -1.0)
    for e in events:
        sides = (e.source is not None and overlaps(e.source.span, row.source)) + (
            e.target is not None and overlaps(e.target.span, row.target))
        key = (sides, e.confidence)
        if key > best_key:
            best, best_key = e, key
    return best, best_key[0] == 2


def macro_f1(gold: Sequence[str], predicted: Sequence[str], classes: Sequence[str] = PLV_CLASSES) -> float:
    """Mean F1 over the gold classes; predictions outside them (no event) only cost recall."""
    scores = []
    for c in classes:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == c and p != c)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)


@dataclass(slots=True)
class Prediction:
    row: PlvRow
    label: str
    quad: int | None
    both_actors: bool


def score(predictions: Sequence[Prediction]) -> dict[str, Any]:
    gold = [p.row.label for p in predictions]
    predicted = [p.label for p in predictions]
    n = len(predictions)
    per_class = {}
    for c in PLV_CLASSES:
        tp = sum(1 for g, q in zip(gold, predicted, strict=True) if g == c and q == c)
        support = gold.count(c)
        per_class[c] = {"support": support, "recall": round(tp / support, 3) if support else None}
    return {
        "rows": n,
        "macro_f1": round(macro_f1(gold, predicted), 4),
        "accuracy": round(sum(g == q for g, q in zip(gold, predicted, strict=True)) / n, 4),
        "quad_accuracy": round(sum(p.quad == p.row.quad for p in predictions) / n, 4),
        "both_actors_right": round(sum(p.both_actors for p in predictions) / n, 4),
        "no_event": round(predicted.count(NO_EVENT) / n, 4),
        "confusions": Counter(f"{g}->{q}" for g, q in zip(gold, predicted, strict=True) if g != q).most_common(10),
        "per_class": per_class,
    }


def emitted(rows: Sequence[PlvRow], events: Sequence[Sequence[Event]]) -> tuple[int, int]:
    """How many events were coded and how many match a gold row of their sentence (same class, both
    sides overlapping the gold spans). Rows of one sentence carry the same events; they count once."""
    by_sentence: dict[str, tuple[Sequence[Event], list[PlvRow]]] = {}
    for row, coded in zip(rows, events, strict=True):
        by_sentence.setdefault(row.sentence_id, (coded, []))[1].append(row)
    coded_events = matched = 0
    for coded, gold in by_sentence.values():
        coded_events += len(coded)
        matched += sum(1 for e in coded if e.source and e.target and any(
            plv_label(e.event_type) == r.label and overlaps(e.source.span, r.source)
            and overlaps(e.target.span, r.target) for r in gold))
    return coded_events, matched


Coder = Callable[[list[Article]], list[list[Event]]]


def predict(rows: Sequence[PlvRow], code: Coder) -> list[Prediction]:
    """Code every row's plain sentence and keep the event that best matches the gold dyad."""
    articles = [Article(text=row.sentence, id=f"plv-{i}") for i, row in enumerate(rows)]
    out: list[Prediction] = []
    for row, events in zip(rows, code(articles), strict=True):
        event, both = best_event(events, row)
        if event is None:
            out.append(Prediction(row, NO_EVENT, None, False))
            continue
        quad = event.quad_class if event.quad_class is not None else reftables.quad_class(event.event_type)
        out.append(Prediction(row, plv_label(event.event_type), quad, both))
    return out

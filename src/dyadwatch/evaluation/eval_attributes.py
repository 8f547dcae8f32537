"""Measure resolved dates and places against hand labels on real BBC sentences (issue 5).

Each label points at a sentence of an article in the BBC corpus by file and character offsets and
names the event's trigger word, the annotator's reference date for the article (the corpus has no
dates), the gold date (its length is the precision; null when the sentence states no date, where
the right answer is the article date at precision "document") and the gold place (country, and
city when the sentence names one; null when the sentence gives no location for the event).

Run: `python -m dyadwatch.evaluation.eval_attributes [LABELS] [BBC_DIR]`.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyadwatch.model import Article, Event
from dyadwatch.stages.attributes import AttributeAnnotator
from dyadwatch.stages.nlp import parse

_PRECISION_BY_LENGTH = {4: "year", 7: "month", 10: "day"}


@dataclass(slots=True)
class Score:
    """Accuracy of dates and places over the labels, with the misses for reading."""

    total: int = 0
    dates_right: int = 0
    places_right: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)

    @property
    def date_accuracy(self) -> float:
        return self.dates_right / self.total if self.total else 0.0

    @property
    def place_accuracy(self) -> float:
        return self.places_right / self.total if self.total else 0.0


def evaluate(labels_path: Path, corpus_dir: Path) -> Score:
    """Annotate each labelled sentence's event and compare its date and place with the gold."""
    labels = [json.loads(line) for line in labels_path.read_text(encoding="utf-8").splitlines() if line]
    by_file: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for label in labels:
        by_file[label["file"]].append(label)
    annotator = AttributeAnnotator()
    score = Score()
    articles = [Article(text=(corpus_dir / name).read_text(encoding="utf-8"), date=group[0]["article_date"])
                for name, group in by_file.items()]
    for parsed, group in zip(parse(articles), by_file.values(), strict=True):
        events = [_event(parsed, label) for label in group]
        annotator(parsed, events, [])
        for label, event in zip(group, events, strict=True):
            _score(score, label, event)
    return score


def _event(parsed: Any, label: dict[str, Any]) -> Event:
    text = parsed.article.text
    sentence = text[label["start"]:label["end"]]
    match = re.search(rf"\b{re.escape(label['trigger'])}\b", sentence)
    if match is None:
        raise ValueError(f"trigger {label['trigger']!r} is not in {label['file']}:{label['start']}")
    start = label["start"] + match.start()
    index = parsed.sentence_index(start)
    return Event(article_id=parsed.article.id, sentence_index=index, sentence=sentence,
                 span=(label["start"], label["end"]), event_type="UNCODED",
                 trigger=(start, start + len(label["trigger"])))


def _score(score: Score, label: dict[str, Any], event: Event) -> None:
    score.total += 1
    gold_date = label["date"]
    if gold_date is None:
        date_ok = event.date_precision == "document"
    else:
        date_ok = event.date == gold_date and event.date_precision == _PRECISION_BY_LENGTH[len(gold_date)]
    gold_place = label["place"]
    location = event.location
    if gold_place is None:
        place_ok = location is None
    else:
        place_ok = location is not None and location.country == gold_place["country"] and (
            gold_place.get("city") is None or location.name == gold_place["city"])
    score.dates_right += date_ok
    score.places_right += place_ok
    if not (date_ok and place_ok):
        score.misses.append({"file": label["file"], "trigger": label["trigger"],
                             "gold": [gold_date, gold_place],
                             "got": [event.date, event.date_precision, event.date_text,
                                     location.to_dict() if location else None]})


def main(argv: list[str]) -> int:
    root = Path(__file__).resolve().parents[3]
    labels = Path(argv[0]) if argv else root / "tests" / "data" / "bbc_dates_places.jsonl"
    corpus = Path(argv[1]) if len(argv) > 1 else root.parent / "shared" / "data" / "bbc"
    score = evaluate(labels, corpus)
    for miss in score.misses:
        print(json.dumps(miss, ensure_ascii=False))
    print(f"sentences {score.total}  dates {score.date_accuracy:.3f}  places {score.place_accuracy:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

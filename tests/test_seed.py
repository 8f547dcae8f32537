"""The seed article, scored against its hand annotation with the GUIDE's matching rule."""

from __future__ import annotations

import json

from dyadwatch.evaluation.evaluate import score_seed
from dyadwatch.io.readers import read
from tests.conftest import SEED_GOLD, SEED_TEXT, require_shared


def test_seed_required_events_and_precision(pipeline) -> None:  # type: ignore[no-untyped-def]
    gold = json.loads(require_shared(SEED_GOLD).read_text(encoding="utf-8"))
    [article] = list(read([str(SEED_TEXT)]))
    assert article.date == gold["published"]
    coded = pipeline.code(article)
    score = score_seed(coded.events, gold)
    assert score.required_missed == [], score.to_dict()
    assert score.precision >= 0.8, score.to_dict()


def test_seed_non_event_is_not_asserted(pipeline) -> None:  # type: ignore[no-untyped-def]
    gold = json.loads(require_shared(SEED_GOLD).read_text(encoding="utf-8"))
    [article] = list(read([str(SEED_TEXT)]))
    coded = pipeline.code(article)
    for non_event in gold["non_events"]:
        assert all(e.modality != "asserted" for e in coded.events if non_event["evidence"] in e.sentence)

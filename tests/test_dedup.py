"""Cross-article deduplication: re-reports merge into one event with all mentions; different events never do."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from dyadwatch.model import Actor, Event, Location, Quantity
from dyadwatch.store import Store, dedup
from tests.conftest import DYADWATCH, ROOT, SEED_TEXT

FOLLOWUPS = ROOT / "tests" / "data" / "followups"


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("dedup") / "corpus.duckdb"
    for args in (["--date", "2023-12-22", str(SEED_TEXT)], [str(FOLLOWUPS)]):
        done = subprocess.run([str(DYADWATCH), "ingest", *args, "--db", str(db)], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    return db


def test_re_report_is_one_event_with_two_mentions(corpus_db: Path) -> None:
    with Store(corpus_db, read_only=True) as store:
        closures = [c for c in dedup.clusters(store, source="FRA", target="NER")
                    if c["event"]["event_type"] == "SANCTION" and c["event"]["cameo"] == "161"]
    assert len(closures) == 1
    closure = closures[0]
    assert (closure["num_mentions"], closure["num_articles"]) == (2, 2)
    sentences = [m["sentence"] for m in closure["mentions"]]
    assert any("decided to close its embassy in Niger" in s for s in sentences)
    assert any("closed its embassy in Niger indefinitely" in s for s in sentences)


def test_same_article_mentions_of_one_withdrawal_merge(corpus_db: Path) -> None:
    with Store(corpus_db, read_only=True) as store:
        withdrawals = [c for c in dedup.clusters(store, source="FRA", target="NER")
                       if c["event"]["event_type"] == "RETREAT" and c["event"]["date"] == "2023-12-22"
                       and c["event"]["modality"] == "asserted"]
    assert len(withdrawals) == 1
    seed_sentences = {m["sentence_index"] for m in withdrawals[0]["mentions"]
                      if m["article_id"] == withdrawals[0]["event"]["article_id"]}
    assert {3, 8} <= seed_sentences, "'final French troops have departed' and 'the remaining 157 have now withdrawn'"


def test_different_quantities_or_places_never_merge(corpus_db: Path) -> None:
    with Store(corpus_db, read_only=True) as store:
        chad = [c for c in dedup.clusters(store, source="TCD", target="NER") if c["event"]["event_type"] == "RETREAT"]
        clashes = [c for c in dedup.clusters(store, source="NER", target="MLI")
                   if c["event"]["event_type"] == "ASSAULT"]
    assert len(chad) == 2 and all(c["num_mentions"] == 1 for c in chad)
    assert len(clashes) == 2 and {c["event"]["location"]["name"] for c in clashes} == {"Agadez", "Diffa"}


def _event(article: str, sentence: str, *, date: str = "2024-05-06", troops: int | None = None,
           place: Location | None = None, target: str = "NER") -> Event:
    quantities = [Quantity(troops, troops, troops, "troops", "exact", str(troops))] if troops else []
    return Event(article_id=article, sentence_index=0, sentence=sentence, span=(0, len(sentence)),
                 event_type="RETREAT", mode="withdraw", source=Actor("Chad", (0, 4), "TCD", "TCD"),
                 target=Actor(target, (20, 25), target, target), date=date, date_precision="day",
                 quantities=quantities, location=place)


def test_rules_on_hand_built_events() -> None:
    a = dedup.mention(_event("a1", "Chad withdrew its soldiers from Niger on Monday", troops=1000))
    b = dedup.mention(_event("b1", "Chad has withdrawn soldiers from Niger, the army said", troops=1000))
    assert dedup.same_event(a, b) is not None
    assert dedup.same_event(a, dedup.mention(_event("b1", "Chad has withdrawn soldiers from Niger", troops=400))) \
        is None
    far = dedup.mention(_event("b1", "Chad has withdrawn soldiers from Niger", date="2024-05-20"))
    assert dedup.same_event(a, far) is None
    assert dedup.same_event(a, dedup.mention(_event("b1", "Chad has withdrawn soldiers from Mali", target="MLI"))) \
        is None
    niger = Location("Niger", "NER", None, None, 2440476)
    agadez = Location("Agadez", "NER", 16.97, 7.99, 2448085)
    diffa = Location("Diffa", "NER", 13.31, 12.61, 2445488)
    in_agadez = dedup.mention(_event("a1", "Chad withdrew soldiers from Niger", place=agadez))
    assert dedup.same_event(in_agadez, dedup.mention(_event("b1", "Chad withdrew soldiers from Niger", place=niger)))
    assert dedup.same_event(in_agadez, dedup.mention(_event("b1", "Chad withdrew soldiers from Niger",
                                                            place=diffa))) is None
    unrelated = dedup.mention(_event("b1", "A football match ended in a draw in Lagos"))
    assert dedup.same_event(a, unrelated) is None

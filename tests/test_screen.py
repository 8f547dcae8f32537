"""The screen before the parser (issue 14): what it passes, and what a screened-out sentence keeps."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyadwatch import nlp, screen
from dyadwatch.model import Article
from dyadwatch.pipeline import Pipeline
from dyadwatch.store import Store
from dyadwatch.web import queries
from tests.conftest import SEED_TEXT

STORY = ("Heavy rain fell on the capital of Chad on Monday. France recalled its ambassador from Chad. "
         "The weather cleared later in the week.\nChad expelled the French envoy.")


def passes(text: str) -> bool:
    sieve = screen.shipped()
    return sieve.passes_text([t.lower_ for t in nlp.load().tokenizer(text)], text)


@pytest.mark.parametrize("text", [
    "France recalled its ambassador.",            # a regular inflection of a lexicon verb
    "Rebels fought government troops.",           # an irregular one, from the model's lemmatizer table
    "Protesters gathered outside the embassy.",   # an event noun
    "More than 1,500 troops are stationed there.",  # a state rule's pattern, no event
])
def test_sentences_that_can_hold_an_event_or_a_state_pass(text: str) -> None:
    assert passes(text)


@pytest.mark.parametrize("text", [
    "The weather cleared later in the week.",
    "Temperatures were mild across the region.",
    "The film opens in cinemas next month.",
])
def test_sentences_with_no_trigger_and_no_state_pattern_are_screened_out(text: str) -> None:
    assert not passes(text)


def test_inflections_cover_regular_forms() -> None:
    assert {"recalled", "recalls", "recalling"} <= screen.inflections("recall")
    assert {"denied", "denies"} <= screen.inflections("deny")
    assert "closing" in screen.inflections("close")


def test_a_screened_sentence_keeps_its_text_offsets_and_actors_but_is_not_coded(pipeline) -> None:  # type: ignore[no-untyped-def]
    article = Article(STORY, date="2024-05-02")
    parsed = next(nlp.parse([article], screen=screen.shipped()))
    assert parsed.doc.text == STORY
    texts = [s.text for s in parsed.sentences]
    assert texts == [s.text for s in next(nlp.parse([article])).sentences]
    screened = {parsed.sentences[i].text for i in parsed.screened}
    assert screened == {"Heavy rain fell on the capital of Chad on Monday.", "The weather cleared later in the week."}
    for s in parsed.sentences:
        assert STORY[s.start:s.end] == s.text
    coded = pipeline.code(article)
    first = coded.sentences[0]
    assert any(m.country == "TCD" and m.sentence_index == first.index for m in coded.mentions)
    assert all(e.sentence_index not in parsed.screened for e in coded.events)
    assert {(e.event_type, e.source.country, e.target.country) for e in coded.events if e.target} >= {
        ("SANCTION", "FRA", "TCD")}


def test_a_screened_sentence_is_stored_and_searchable(pipeline, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    coded = pipeline.code(Article(STORY, date="2024-05-02", title="Chad and France"))
    with Store(tmp_path / "s.duckdb") as store:
        store.write([coded])
        stored = [s.text for s in store.iter_sentences(coded.article.id)]
        assert "The weather cleared later in the week." in stored
        found = queries.articles(store, q="weather cleared", limit=10, offset=0)
    assert [a["id"] for a in found["articles"]] == [coded.article.id]


def test_the_screen_drops_nothing_the_coder_codes_on_the_seed(pipeline) -> None:  # type: ignore[no-untyped-def]
    article = Article(SEED_TEXT.read_text(encoding="utf-8"), date="2023-12-22")
    parsed = next(nlp.parse([article], screen=screen.shipped()))
    assert 0 < len(parsed.screened) < len(parsed.sentences)

    def dyads(coded) -> set[tuple]:  # type: ignore[no-untyped-def]
        return {(e.sentence, e.event_type, e.source.code, e.target.code if e.target else None) for e in coded.events}

    assert dyads(pipeline.code(article)) == dyads(Pipeline(screened=False).code(article))

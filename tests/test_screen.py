"""The screen before the parser (issue 14): what it passes, and what a screened-out sentence keeps."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from importlib import resources
from pathlib import Path

import pytest
from spacy.strings import hash_string

from dyadwatch.model import Article
from dyadwatch.pipeline import Pipeline
from dyadwatch.stages import nlp, screen
from dyadwatch.store import Store
from dyadwatch.web import queries
from tests.conftest import SEED_TEXT

STORY = ("Chad's football team won the cup on Sunday. France recalled its ambassador from Chad. "
         "The singer's new album reached number one in the charts.\nChad expelled the French envoy.")
QUIET = "Chad's football team won the cup on Sunday. The singer's new album reached number one in the charts."


def words(text: str) -> list[str]:
    return [t.lower_ for t in nlp.load().tokenizer(text) if not t.is_space]


def passes(text: str) -> bool:
    return screen.shipped().passes_text(words(text), text)


@pytest.mark.parametrize("text", [
    "France recalled its ambassador.",            # a regular inflection of a lexicon verb
    "Rebels fought government troops.",           # an irregular one, from the model's lemmatizer table
    "Protesters gathered outside the embassy.",   # an event noun
    "More than 1,500 troops are stationed there.",  # a state rule's pattern, no event
])
def test_sentences_that_can_hold_an_event_or_a_state_pass(text: str) -> None:
    assert passes(text)


@pytest.mark.parametrize("text", [
    "The film opens in cinemas next month.",
    "Chad's football team won the cup on Sunday.",
    "The singer's new album reached number one in the charts.",
])
def test_sport_and_culture_without_a_trigger_are_screened_out(text: str) -> None:
    assert not passes(text)


@pytest.mark.parametrize("text", [
    "Labour's plans were simply wrong, the shadow chancellor said.",
    "The Tories said the government had wasted billions.",
])
def test_the_word_score_lets_through_an_event_told_without_a_lexicon_word(text: str) -> None:
    hashes = [hash_string(w) for w in words(text)]
    sieve = screen.shipped()
    assert not sieve.triggered(hashes) and not sieve.patterned(text)
    assert passes(text)


def test_a_lexicon_word_in_a_sentence_the_word_score_finds_quiet_is_not_parsed() -> None:
    """"Released" is a trigger (RETREAT), but not in a music review: a sentence with a trigger word and a
    low word score is screened out, while one with a state rule's pattern passes whatever its score."""
    text = "The band recently released a new album, Astronaut, the first from the original line-up since 1983."
    sieve = screen.shipped()
    hashes = [hash_string(w) for w in words(text)]
    assert sieve.triggered(hashes) and not passes(text)
    assert passes("The junta released the detained opposition leaders on Friday.")
    assert sieve.score is not None and sieve.score.lexical_threshold > 0
    deaf = replace(sieve, score=replace(sieve.score, lexical_threshold=1.0, threshold=1.0))
    stationed = "More than 1,500 troops are stationed there."
    assert deaf.patterned(stationed) and deaf.passes_text(words(stationed), stationed)
    assert not deaf.passes_text(words("Rebels attacked the town."), "Rebels attacked the town.")


def test_the_word_score_reads_the_trained_weights_by_hash() -> None:
    """The runtime keys words and pairs by spaCy's hashes; the training script names them: the two agree."""
    data = json.loads(resources.files("dyadwatch").joinpath(*screen.ARTIFACT).read_text(encoding="utf-8"))
    score = screen.shipped().score
    assert score is not None and score.threshold == data["threshold"]
    assert data["cross_validation"]["chosen"]["event_recall"] >= data["cross_validation"]["target_recall"] >= 0.98
    text = "The minister said the ruling was ludicrous and wrong, and Labour's plans were simply wrong."
    named = screen.ngrams(words(text))
    assert sum(name.startswith("b=") and name in data["weights"] for name in named) >= 2
    z = data["bias"] + sum(data["weights"].get(name, 0.0) for name in named)
    assert score.probability([hash_string(w) for w in words(text)]) == pytest.approx(1 / (1 + math.exp(-z)))
    assert score.lexicon == data["lexicon"] and score.lexical_threshold == data["lexical_threshold"]
    z += data["lexicon"]
    assert score.probability([hash_string(w) for w in words(text)], lexical=True) == \
        pytest.approx(1 / (1 + math.exp(-z)))


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
    assert screened == {"Chad's football team won the cup on Sunday.",
                        "The singer's new album reached number one in the charts."}
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
        assert "The singer's new album reached number one in the charts." in stored
        found = queries.articles(store, q="album reached", limit=10, offset=0)
    assert [a["id"] for a in found["articles"]] == [coded.article.id]


def test_the_screen_drops_nothing_the_coder_codes_on_the_seed(pipeline) -> None:  # type: ignore[no-untyped-def]
    article = Article(f"{SEED_TEXT.read_text(encoding='utf-8')}\n\n{QUIET}", date="2023-12-22")
    parsed = next(nlp.parse([article], screen=screen.shipped()))
    assert len(parsed.screened) == 2

    def dyads(coded) -> set[tuple]:  # type: ignore[no-untyped-def]
        return {(e.sentence, e.event_type, e.source.code, e.target.code if e.target else None) for e in coded.events}

    assert dyads(pipeline.code(article)) == dyads(Pipeline(screened=False).code(article))


def test_a_known_name_in_a_screened_sentence_is_still_an_antecedent(pipeline) -> None:  # type: ignore[no-untyped-def]
    """"Gordon Brown" in a sentence the screen leaves unparsed still settles "Mr Brown" in the next one."""
    article = Article("Gordon Brown enjoys novels, films and music. Mr Brown visited Kenya on Monday.",
                      date="2005-01-10")
    assert next(nlp.parse([article], screen=screen.shipped())).screened == frozenset({0})
    coded = pipeline.code(article)
    assert [(m.text, m.code) for m in coded.mentions if m.kind == "person"] == [("Gordon Brown", "GBRGOV"),
                                                                                 ("Mr Brown", "GBRGOV")]
    assert {(e.event_type, e.source.code, e.target.code) for e in coded.events} == {("CONSULT", "GBRGOV", "KEN"),
                                                                                   ("CONSULT", "KEN", "GBRGOV")}


def test_capitalized_words_in_a_screened_sentence_are_not_people(pipeline) -> None:  # type: ignore[no-untyped-def]
    article = Article("The Blue Lagoon Music Festival opens in June.", date="2005-01-10")
    assert next(nlp.parse([article], screen=screen.shipped())).screened == frozenset({0})
    coded = pipeline.code(article)
    assert not [m for m in coded.mentions if m.kind == "person"]


def test_the_article_screen_reads_each_sentence_as_the_text_screen_does() -> None:
    """`nlp.screen_sentences` scores the tokenizer's hash arrays; `passes_text` the words' strings."""
    sieve, model = screen.shipped(), nlp.load()
    text = (SEED_TEXT.read_text(encoding="utf-8") + "\n\n" + QUIET
            + "\nLabour's plans were simply wrong, the shadow chancellor said.\n")
    doc, verdicts = nlp.screen_sentences(model, text, sieve)
    assert {passed for _, _, passed in verdicts} == {True, False}
    for start, end, passed in verdicts:
        sentence = doc[start:end]
        assert passed == sieve.passes_text([t.lower_ for t in sentence], text[sentence.start_char:]
                                           [:len(sentence.text_with_ws)])


def test_the_state_pattern_on_lowered_text_matches_as_the_rules_do_ignoring_case() -> None:
    """The screen searches the lowered text without IGNORECASE (three times faster); the observation
    stage reads the same rules ignoring case. An upper-case letter in a rule's pattern would part them."""
    import re

    from tests.conftest import BBC, require_shared

    pattern = screen.shipped().pattern
    assert pattern is not None and not pattern.flags & re.IGNORECASE
    ignoring_case = re.compile(pattern.pattern, re.IGNORECASE)
    files = sorted(require_shared(BBC).glob("*/*.txt"))[::10]
    lines = [line for f in files for line in f.read_text(encoding="utf-8", errors="replace").splitlines()]
    lines += ["The EMBASSY in Niamey", "More than 1,500 TROOPS are stationed there.", "The Junta said"]
    found = [screen.shipped().patterned(line) for line in lines]
    assert found == [ignoring_case.search(line) is not None for line in lines]
    assert sum(found) > 50

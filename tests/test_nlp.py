"""The parse: our attribute and lemma lookups give exactly what the model's attribute ruler and lemmatizer give."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from dyadwatch.model import Article
from dyadwatch.stages import nlp
from tests.conftest import BBC, SEED_TEXT, require_shared

# Each two-token or regular-expression rule of the ruler, and ordinary words its tag rules cover.
RULE_CASES = ("I'm gonna go, they ain't here and y'all know it; let's see.",
              "There is a plan and there were talks, but c'mon, we gotta wait.",
              "The minister's aides didn't say whether they'd go.")


def signature(doc: Doc) -> list[tuple[str, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, str(t.head.i)) for t in doc]


def test_lookups_and_numpy_matmul_give_spacys_own_analysis_token_for_token() -> None:
    """The lookups replace the ruler and the lemmatizer, and numpy's BLAS replaces BLIS in the layers'
    matrix products: tags, lemmas and the tree stay those of spaCy as shipped."""
    ours = nlp.load()
    assert {"attribute_lookup", "lemma_lookup"} <= set(ours.pipe_names)
    assert not {"attribute_ruler", "lemmatizer"} & set(ours.pipe_names)
    reference = spacy.load(nlp.MODEL_NAME, exclude=list(nlp.EXCLUDED_COMPONENTS))
    assert reference.get_pipe("tok2vec").model.ops.use_blis and not ours.get_pipe("tok2vec").model.ops.use_blis
    reference.add_pipe("line_breaks", before="parser")
    files = sorted(require_shared(BBC).glob("politics/*.txt"))[:25]
    texts = [*RULE_CASES, SEED_TEXT.read_text(encoding="utf-8"), *(f.read_text(encoding="utf-8") for f in files)]
    expected = [signature(d) for d in reference.pipe(texts)]
    got = [signature(d) for d in ours.pipe(texts)]
    assert got == expected
    lemmas = {t[0].lower(): t[4] for t in got[0]}
    assert lemmas["gon"] == "go" and lemmas["ai"] == "be"


def test_the_lemma_table_starts_afresh_when_full_and_gives_the_same_lemmas(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ours = nlp.load()
    texts = [*RULE_CASES, "Rebels fought government troops while leaders were meeting in the capitals."]
    expected = [[t.lemma_ for t in d] for d in ours.pipe(texts)]
    monkeypatch.setattr(nlp, "LEMMA_TABLE_SIZE", 3)
    lookup = ours.get_pipe("lemma_lookup")
    got = []
    for text in texts:
        got.append([t.lemma_ for t in ours(text)])
        assert len(lookup.table) <= 3 and len(lookup.lemmatizer.cache) <= 3
    assert got == expected


def test_the_attribute_table_starts_afresh_when_full_and_gives_the_same_analysis(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ours = nlp.load()
    texts = [*RULE_CASES, "There were talks; y'all know the rebels ain't gonna stop."]
    expected = [signature(d) for d in ours.pipe(texts)]
    monkeypatch.setattr(nlp, "LOOKUP_TABLE_SIZE", 3)
    lookup = ours.get_pipe("attribute_lookup")
    got = []
    for text in texts:
        got.append(signature(ours(text)))
        assert len(lookup.table) <= 3
    assert got == expected


def test_sentencize_gives_spacys_sentencizer_starts() -> None:
    from spacy.pipeline import Sentencizer

    model, reference = nlp.load(), Sentencizer()
    files = sorted(require_shared(BBC).glob("*/*.txt"))[::20]
    texts = ["", ".", "...", "Hi!", '"Yes." He said.', "a . . b", "\n\nx. y", "Wait?! Really... ok",
             *(f.read_text(encoding="utf-8", errors="replace") for f in files)]
    for text in texts:
        expected = [t.is_sent_start for t in reference(model.tokenizer(text))]
        assert [t.is_sent_start for t in nlp.sentencize(model.tokenizer(text))] == expected, text[:60]


def test_an_accent_typed_for_an_apostrophe_reads_as_one() -> None:
    """ "Ghani´s government" (an acute accent for the apostrophe, as some wire copy has it) is a possessive:
    the name and its "´s" are two tokens, parsed as "Ghani's" is, and the text is unchanged."""
    text = "The Taliban refused talks with President Ashraf Ghani´s government."
    doc = nlp.load()(text)
    assert doc.text == text
    owner = next(t for t in doc if t.text == "Ghani")
    assert owner.dep_ == "poss" and owner.head.text == "government"
    assert [t.text for t in owner.children][-1] == "´s"


def test_a_hyphenated_name_read_as_words_side_by_side_is_one_name() -> None:
    """The parser reads "Omar al-Bashir of Sudan expelled …" as four subjects of "expelled" (Omar, al, -, Bashir);
    the name's last word heads the others, as in "President Omar al-Bashir", and the rest of the sentence keeps its
    sentences and heads."""
    parsed = next(nlp.parse([Article(text="Omar al-Bashir of Sudan expelled aid workers. He left.", id="x")]))
    doc = parsed.doc
    bashir = next(t for t in doc if t.text == "Bashir")
    assert [t.text for t in bashir.subtree][:4] == ["Omar", "al", "-", "Bashir"]
    assert bashir.dep_ == "nsubj" and bashir.head.text == "expelled"
    assert len(parsed.sentences) == 2

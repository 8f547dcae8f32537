"""The screen: which sentences can hold a codable event or state, decided on tokens before any parse.

Most sentences of the news state no event, and the parse is most of the cost of coding one. Every event
the coder's rules emit hangs on a word of the trigger lexicon (`data/triggers.tsv`, a multiword entry
needing all its words), and every stative observation on a sentence row of `data/state_rules.tsv`, whose
`words`, `mention` and `unit` conditions are patterns on the sentence's text; the dyad scorer's pairs
with no such word are kept only when the classifier is sure, and are rare (one of news_dev's 129 events
sat in a sentence the screen drops). So a sentence with none of the lexicon's word forms and none of
those patterns is a candidate for not being parsed (`nlp.parse`).

Such a sentence can still tell an event in words of its own ("opened its borders", "the injunction is
ludicrous"), which a better coder would code: a small learned score over its words and word pairs
(`WordScore`, trained by `training/train_screen.py` on the exhaustively annotated sentences of
`training/annotation`) lets it through when it is high enough. The same score, lower down, holds back a
sentence whose only claim is a lexicon word in ordinary words ("the band released a new album"); a state
rule's pattern always passes. The two thresholds are those at which, out of fold, the screen keeps 98%
of the annotated events and parses the fewest sentences, with every trigger sentence of the seed parsed.
A sentence left unparsed is still stored and searchable, and the actors its gazetteer names and the
people the tables know by name still count for the article's salience and coreference (`actors`).

The word forms are the lexicon's lemmas with their regular inflections (-s, -es, -ed, -d, -ing, with a
doubled final consonant, a dropped e, y → ied/ies) and the irregular ones of the model's own lemmatizer
table ("fought" for "fight"). Over-generation is harmless here: a wrong form only lets a sentence
through. docs/benchmarks.md has the screen's pass rates and its recall on news_dev's gold events.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.strings import hash_string

from dyadwatch import reftables
from dyadwatch.stages import nlp
from dyadwatch.stages.gazetteer import read_table
from dyadwatch.stages.observations import rules

STATE_PATTERNS = ("words", "mention")


def inflections(lemma: str) -> set[str]:
    """Regular English forms of a verb or noun lemma, generously: more forms only let more through."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        forms.add(lemma[:-1] + "ing")
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ied", lemma[:-1] + "ies"}
    if len(lemma) > 2:
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


ARTIFACT = ("models", "screen", "weights.json")
# Odd 64-bit multiplier that folds two word hashes into the key of the pair.
PAIR = 0x9E3779B97F4A7C15
MASK = 2**64 - 1


def ngrams(words: Sequence[str]) -> dict[str, float]:
    """The named features of a sentence's lower-case words (spaces left out): each word and each pair of
    neighbours, present or not."""
    words = [w for w in words if not w.isspace()]
    named = {f"w={w}": 1.0 for w in words}
    named.update((f"b={a} {b}", 1.0) for a, b in itertools.pairwise(words))
    return named


def _key(name: str) -> int:
    """The hash key of a named feature, as `WordScore` computes it from the tokens' hashes."""
    kind, _, text = name.partition("=")
    if kind == "w":
        return hash_string(text)
    first, second = text.split(" ")
    return (hash_string(first) * PAIR + hash_string(second)) & MASK


@dataclass(frozen=True, slots=True)
class WordScore:
    """A logistic regression over a sentence's words and word pairs, keyed by spaCy's string hashes so that
    the tokenizer's LOWER array scores a sentence without a Python string per token.

    One more feature says whether the lexicon passes the sentence (`lexicon`, its weight). A sentence
    without a lexicon word passes at `threshold`; one with a trigger word alone (no state rule's pattern)
    at the lower `lexical_threshold`: "the band recently released a new album" has a word of the lexicon
    and no event, and need not be parsed."""

    weights: dict[int, float]
    bias: float
    threshold: float
    lexical_threshold: float = 0.0
    lexicon: float = 0.0

    @classmethod
    def from_named(cls, named: dict[str, float], bias: float, threshold: float, lexical_threshold: float = 0.0,
                   lexicon: float = 0.0) -> WordScore:
        return cls({_key(name): w for name, w in named.items()}, bias, threshold, lexical_threshold, lexicon)

    def probability(self, words: Sequence[int], lexical: bool = False) -> float:
        """The probability that a sentence, given the hashes of its words (no spaces) in order and whether
        the lexicon passes it, tells an event."""
        keys = set(words)
        keys.update((a * PAIR + b) & MASK for a, b in itertools.pairwise(words))
        z = self.bias + sum(self.weights.get(k, 0.0) for k in keys) + (self.lexicon if lexical else 0.0)
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True, slots=True)
class Screen:
    """Word forms that let a sentence through alone, multiword entries (every word needed), and the
    state rules' sentence patterns. Words are spaCy's string hashes of their lower case (the tokenizer's
    LOWER attribute), so a sentence is screened without making a Python object per token."""

    forms: frozenset[int]
    multiword: dict[int, tuple[tuple[frozenset[int], ...], ...]]
    pattern: re.Pattern[str] | None
    score: WordScore | None = None

    def passes(self, words: Sequence[int], text: str) -> bool:
        """Whether a sentence, given the hashes of its words in lower case (no spaces), in order, and its
        text, can hold an event or a state: a state rule's pattern passes it, a trigger word when the word
        score reaches `lexical_threshold`, none when it reaches `threshold` (`WordScore`)."""
        triggered = self.triggered(words)
        if self.score is None:
            return triggered or self.patterned(text)
        if triggered and self.score.probability(words, lexical=True) >= self.score.lexical_threshold:
            return True
        if self.patterned(text):
            return True
        return not triggered and self.score.probability(words) >= self.score.threshold

    def triggered(self, words: Sequence[int]) -> bool:
        """Whether the sentence has a word of the trigger lexicon (every word of a multiword entry)."""
        present = set(words)
        if not present.isdisjoint(self.forms):
            return True
        return any(any(all(not present.isdisjoint(forms) for forms in rest) for rest in self.multiword[word])
                   for word in present if word in self.multiword)

    def patterned(self, text: str) -> bool:
        """Whether the sentence matches a state rule's pattern (a unit of troops, a diplomatic post)."""
        return self.pattern is not None and self.pattern.search(text.lower()) is not None

    def passes_text(self, words: Iterable[str], text: str) -> bool:
        """`passes`, given the tokens' lower-case strings (spaces are left out here)."""
        return self.passes([hash_string(w) for w in words if not w.isspace()], text)

    @classmethod
    def build(cls, irregular: dict[str, list[str]], score: WordScore | None = None) -> Screen:
        """The screen of the shipped tables; `irregular` maps irregular forms to their lemmas."""
        by_lemma: dict[str, set[str]] = {}
        for form, lemmas in irregular.items():
            for lemma in lemmas:
                by_lemma.setdefault(lemma, set()).add(form)

        def forms_of(word: str) -> frozenset[int]:
            return frozenset(hash_string(f) for f in inflections(word) | by_lemma.get(word, set()))

        single: set[int] = set()
        multiword: dict[int, list[tuple[frozenset[int], ...]]] = {}
        for trigger in reftables.triggers().values():
            if len(trigger.words) == 1:
                single |= forms_of(trigger.words[0])
                continue
            rest = tuple(forms_of(word) for word in trigger.words[1:])
            for form in forms_of(trigger.words[0]):
                multiword.setdefault(form, []).append(rest)
        for rule in rules():
            if rule.source == "sentence" and not any(k in rule.when for k in (*STATE_PATTERNS, "unit")):
                # A sentence rule with no pattern to test: its verbs alone must let the sentence through.
                for lemma in rule.words("lemma"):
                    single |= forms_of(lemma)
        return cls(frozenset(single), {k: tuple(v) for k, v in multiword.items()}, _state_pattern(), score)


def _state_pattern() -> re.Pattern[str] | None:
    """One pattern for the sentence rules: each rule's `words` and `mention` patterns and `unit` words,
    to be searched in the sentence's lower-case text."""
    units: dict[str, list[str]] = {}
    for word, unit in read_table("attr_units.tsv")[1:]:
        units.setdefault(unit, []).append(re.escape(word))
    alternatives = []
    for rule in rules():
        if rule.source != "sentence":
            continue
        alternatives += [rule.when[key] for key in STATE_PATTERNS if key in rule.when]
        for unit in rule.words("unit"):
            alternatives.append(rf"\b(?:{'|'.join(units.get(unit, [re.escape(unit)]))})\b")
    if not alternatives:
        return None
    # The rules' patterns are in lower case and match the lowered text: three times faster than IGNORECASE.
    return re.compile("|".join(f"(?:{a})" for a in alternatives))


@lru_cache(maxsize=1)
def shipped() -> Screen:
    """The screen of the shipped tables and word score, built once per process."""
    data = json.loads(resources.files("dyadwatch").joinpath(*ARTIFACT).read_text(encoding="utf-8"))
    score = WordScore.from_named(data["weights"], float(data["bias"]), float(data["threshold"]),
                                 float(data.get("lexical_threshold", 0.0)), float(data.get("lexicon", 0.0)))
    return Screen.build(nlp.verb_forms(), score)

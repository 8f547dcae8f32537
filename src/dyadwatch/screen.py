"""The screen: which sentences can hold a codable event or state, decided on tokens before any parse.

Most sentences of the news state no event, and the parse is most of the cost of coding one. Every event
the coder's rules emit hangs on a word of the trigger lexicon (`data/triggers.tsv`, a multiword entry
needing all its words), and every stative observation on a sentence row of `data/state_rules.tsv`, whose
`words`, `mention` and `unit` conditions are patterns on the sentence's text; the dyad scorer's pairs
with no such word are kept only when the classifier is sure, and are rare (one of news_dev's 129 events
sat in a sentence the screen drops). So a sentence with none of the lexicon's word forms and none of
those patterns is not parsed (`nlp.parse`): it is still stored and searchable, and the actors its
gazetteer names still count for the article's salience and coreference.

The word forms are the lexicon's lemmas with their regular inflections (-s, -es, -ed, -d, -ing, with a
doubled final consonant, a dropped e, y → ied/ies) and the irregular ones of the model's own lemmatizer
table ("fought" for "fight"). Over-generation is harmless here: a wrong form only lets a sentence
through. docs/benchmarks.md has the screen's pass rates and its recall on news_dev's gold events.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from spacy.strings import hash_string

from dyadwatch import nlp, reftables
from dyadwatch.gazetteer import read_table
from dyadwatch.observations import rules

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


@dataclass(frozen=True, slots=True)
class Screen:
    """Word forms that let a sentence through alone, multiword entries (every word needed), and the
    state rules' sentence patterns. Words are spaCy's string hashes of their lower case (the tokenizer's
    LOWER attribute), so a sentence is screened without making a Python object per token."""

    forms: frozenset[int]
    multiword: dict[int, tuple[tuple[frozenset[int], ...], ...]]
    pattern: re.Pattern[str] | None

    def passes(self, words: Iterable[int], text: str) -> bool:
        """Whether a sentence, given the hashes of its tokens in lower case and its text, can hold an
        event or a state."""
        present = set(words)
        if not present.isdisjoint(self.forms):
            return True
        for word in present.intersection(self.multiword):
            if any(all(not present.isdisjoint(forms) for forms in rest) for rest in self.multiword[word]):
                return True
        return self.pattern is not None and self.pattern.search(text) is not None

    def passes_text(self, words: Iterable[str], text: str) -> bool:
        """`passes`, given the tokens' lower-case strings."""
        return self.passes((hash_string(w) for w in words), text)

    @classmethod
    def build(cls, irregular: dict[str, list[str]]) -> Screen:
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
        return cls(frozenset(single), {k: tuple(v) for k, v in multiword.items()}, _state_pattern())


def _state_pattern() -> re.Pattern[str] | None:
    """One pattern for the sentence rules: each rule's `words` and `mention` patterns and `unit` words."""
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
    return re.compile("|".join(f"(?:{a})" for a in alternatives), re.IGNORECASE)


@lru_cache(maxsize=1)
def shipped() -> Screen:
    """The screen of the shipped tables, built once per process."""
    return Screen.build(nlp.verb_forms())

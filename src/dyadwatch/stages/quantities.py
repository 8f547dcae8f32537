"""Counted quantities in a sentence: troops, bases, protesters, casualties, arrests, money.

Numbers are found by pattern (digits, number words, "thousands of", currency amounts) with their
qualifier; what is counted comes from the parse (the noun the number modifies, or the verb that
turns people into an outcome: "12 people were killed" counts 12 killed). A number whose noun is
elided ("the remaining 157") counts the nearest counted noun before it in the sentence.

Conventions (data/README.md): "more than N"/"over N" → value N, min N, max None (the bound is
kept as written, not N+1); "at least N" likewise with qualifier "at_least"; "nearly/almost/up to/
fewer than N" → value N, max N, min None; "about/around/some/an estimated N" → value N, no bounds;
plurals of round numbers take their smallest reading: "dozens" 24, "hundreds" 200, "thousands" 2000,
"tens of thousands" 20000, "millions" 2000000, each as value and min with max None. Money takes
the currency's ISO code as unit ("£1.2bn" → 1200000000 GBP).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span, Token

from dyadwatch.model import Quantity

_SMALL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
          "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
          "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
          "ninety": 90, "hundred": 100, "a hundred": 100, "a thousand": 1000, "a dozen": 12,
          "dozen": 12}
_SCALE = {"k": 1_000, "thousand": 1_000, "m": 1_000_000, "million": 1_000_000, "mn": 1_000_000,
          "bn": 1_000_000_000, "billion": 1_000_000_000}
_PLURALS = {"dozens": ("dozens", 24), "hundreds": ("hundreds", 200), "thousands": ("thousands", 2000),
            "tens of thousands": ("tens_of_thousands", 20_000),
            "hundreds of thousands": ("hundreds_of_thousands", 200_000),
            "millions": ("millions", 2_000_000)}
_QUALIFIERS = {"more than": "more_than", "over": "more_than", "in excess of": "more_than",
               "upwards of": "more_than", "at least": "at_least", "nearly": "nearly",
               "almost": "nearly", "up to": "up_to", "fewer than": "less_than",
               "less than": "less_than", "under": "less_than", "about": "about", "around": "about",
               "some": "about", "roughly": "about", "approximately": "about",
               "an estimated": "about", "estimated": "about", "the remaining": "exact",
               "remaining": "exact", "another": "exact", "a further": "exact"}
_CURRENCY = {"$": "USD", "£": "GBP", "€": "EUR"}

_WORD_NUMBER = "|".join(sorted((re.escape(w) for w in _SMALL), key=len, reverse=True))
_QUALIFIER = "|".join(sorted((re.escape(q) for q in _QUALIFIERS), key=len, reverse=True))
_PLURAL = "|".join(sorted((re.escape(p) for p in _PLURALS), key=len, reverse=True))
_NUMBER_RE = re.compile(
    rf"(?i:(?P<qualifier>{_QUALIFIER})\s+)?"
    rf"(?:(?P<currency>[$£€])\s?)?"
    rf"(?:(?P<plural>\b(?i:{_PLURAL})\s+of\b)"
    rf"|(?P<digits>\b\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\b\d+(?:\.\d+)?)"
    rf"(?:\s?(?P<scale>(?i:thousand|million|billion|bn|mn|m|k))\b)?"
    rf"|(?P<word>\b(?i:{_WORD_NUMBER})\b))"
)


@dataclass(frozen=True, slots=True)
class QuantityMention:
    """A quantity and the token it hangs on in the parse (its counted noun, or the number)."""

    quantity: Quantity
    start: int
    end: int
    anchor: int


def find_quantities(sentence: Span, *, skip: Sequence[tuple[int, int]] = ()) -> list[QuantityMention]:
    """Counted quantities of the sentence; character ranges in `skip` (dates) are not numbers."""
    found: list[QuantityMention] = []
    doc = sentence.doc
    for match in _NUMBER_RE.finditer(sentence.text):
        start, end = match.start() + sentence.start_char, match.end() + sentence.start_char
        if any(s < end and start < e for s, e in skip):
            continue
        value, qualifier_from_plural = _value(match)
        if value is None:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or _is_label(span, match):
            continue
        unit, anchor = _unit(sentence, span, match)
        if unit is None:
            continue
        qualifier = qualifier_from_plural or _QUALIFIERS.get((match.group("qualifier") or "").lower(),
                                                             "exact")
        found.append(QuantityMention(_bounded(value, unit, qualifier, match.group(0)),
                                     start, end, anchor.i))
    return found


def _value(match: re.Match[str]) -> tuple[float | int | None, str | None]:
    if match.group("plural"):
        qualifier, value = _PLURALS[re.sub(r"\s+of$", "", match.group("plural").lower())]
        return value, qualifier
    if match.group("word"):
        return _SMALL[match.group("word").lower()], None
    digits = match.group("digits")
    if digits is None:
        return None, None
    number = float(digits.replace(",", ""))
    scale = (match.group("scale") or "").lower()
    if scale in ("m", "k") and not match.group("currency"):
        return None, None
    number *= _SCALE.get(scale, 1)
    return (int(number) if number.is_integer() else number), None


def _is_label(span: Span, match: re.Match[str]) -> bool:
    """Numbers that name rather than count: "one of", years, ordinals, percentages, times."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if after is not None and after.text in ("%", "per", "of") and not match.group("plural"):
        return True
    if after is not None and after.lower_ in ("percent", "per", "cent", "pm", "am", "gmt"):
        return True
    digits = match.group("digits")
    return bool(digits and re.fullmatch(r"(?:19|20)\d\d", digits) and not match.group("currency"))


def _unit(sentence: Span, span: Span, match: re.Match[str]) -> tuple[str | None, Token]:
    if match.group("currency"):
        return _CURRENCY[match.group("currency")], span.root
    units, outcome = _units(), _outcome_verbs()
    noun = _counted_noun(span)
    if noun is not None:
        unit = units.get(noun.lower_) or units.get(noun.lemma_.lower())
        if unit in ("people", "civilians", None) and noun.pos_ in ("NOUN", "NUM", "PROPN"):
            verb = _governing_verb(noun)
            if verb is not None and verb.lemma_.lower() in outcome:
                return outcome[verb.lemma_.lower()], noun
        if unit is not None:
            return unit, noun
    root = span.root
    if root.dep_ in ("nsubj", "nsubjpass", "dobj") and root.pos_ == "NUM":
        verb = root.head
        if verb.lemma_.lower() in outcome and root.dep_ != "nsubj":
            return outcome[verb.lemma_.lower()], root
        for token in reversed(list(sentence.doc[sentence.start:span.start])):
            unit = units.get(token.lower_)
            if unit is not None and token.pos_ == "NOUN":
                return unit, root
    return None, root


def _counted_noun(span: Span) -> Token | None:
    """The noun a number counts: its head for "1,500 troops", the object of "of" for plurals."""
    root = span.root
    if root.lower_ in ("thousands", "hundreds", "dozens", "millions", "tens") or root.dep_ == "quantmod":
        for token in root.subtree:
            if token.dep_ == "pobj" and token.head.lower_ == "of" and token.i >= span.end - 1:
                return token
        if root.dep_ == "quantmod":
            return root.head.head if root.head.dep_ == "nummod" else None
    if root.dep_ == "nummod" or (root.dep_ == "compound" and root.pos_ == "NUM"):
        return root.head
    doc = span.doc
    if span.end < len(doc) and doc[span.end].pos_ in ("NOUN", "ADJ") and doc[span.end].lower_ in _units():
        return doc[span.end]
    return None


def _governing_verb(token: Token) -> Token | None:
    current = token
    for _ in range(4):
        if current.head.i == current.i:
            return current if current.pos_ in ("VERB", "AUX") else None
        current = current.head
        if current.pos_ == "VERB":
            return current
    return None


def _bounded(value: float | int, unit: str, qualifier: str, text: str) -> Quantity:
    low: float | int | None = value
    high: float | int | None = value
    if qualifier in ("more_than", "at_least") or qualifier in {q for q, _ in _PLURALS.values()}:
        high = None
    elif qualifier in ("nearly", "up_to", "less_than"):
        low = None
    elif qualifier == "about":
        low = high = None
    return Quantity(value=value, min=low, max=high, unit=unit, qualifier=qualifier, text=text)


@lru_cache(maxsize=1)
def _units() -> dict[str, str]:
    return _table("attr_units.tsv", "word", "unit")


@lru_cache(maxsize=1)
def _outcome_verbs() -> dict[str, str]:
    return _table("attr_outcome_verbs.tsv", "lemma", "unit")


def _table(name: str, key: str, value: str) -> dict[str, str]:
    text = resources.files("dyadwatch").joinpath(f"data/{name}").read_text(encoding="utf-8")
    rows = csv.DictReader([ln for ln in text.splitlines() if ln and not ln.startswith("#")],
                          delimiter="\t")
    return {row[key]: row[value] for row in rows}

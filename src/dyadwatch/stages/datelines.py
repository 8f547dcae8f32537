"""Datelines and agency credits: the parts of a wire story that say where it was filed and who filed it.

"KHARTOUM (AFP) - Sudan accused …" opens with a city and an agency that are neither actors nor the
place of the event; read as names they turn KHARTOUM into SDNGOV and "Canadian Press" into Canada.
`credits(text)` gives the character spans of every dateline and agency name in a text, and the
actors stage makes no mention inside them. Agencies come from `data/actors_agencies.tsv`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc

from dyadwatch.model import Span


@lru_cache(maxsize=1)
def _agencies() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Patterns for agency names: all-capital ones in their own case; the others in lower case, for the
    lowered text (IGNORECASE would make the search three times slower), and ignoring case, for a text
    whose lowering changes its length; and one pattern for datelines."""
    text = resources.files("dyadwatch.data").joinpath("actors_agencies.tsv").read_text(encoding="utf-8")
    exact: list[str] = []
    folded: list[str] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, _, aliases = line.partition("\t")
        for alias in [name, *aliases.split("|")]:
            alias = alias.strip()
            if alias:
                (exact if alias.replace("-", "").isupper() else folded).append(re.escape(alias))
    by_length = sorted(exact + folded, key=len, reverse=True)
    cased, uncased = ("|".join(sorted(group, key=len, reverse=True)) for group in (exact, folded))
    names = rf"\b(?:{cased})\b"
    folded_names = rf"\b(?:{uncased.lower()})\b"
    credit = rf"\((?:{'|'.join(by_length)})(?:[/,][^)]{{0,40}})?\)"
    # "KHARTOUM (AFP) -", "BEIJING, March 3 (Xinhua) --", "Baikonur, Kazakhstan (CP) -", "LONDON -"
    place = r"(?:,[ \t]*[A-Z][\w.'’ -]{0,30}?)?"
    dateline = (rf"^[ \t]*(?:[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){{0,3}}{place}"
                rf"(?:,[ \t]*[A-Z][a-z]{{2,8}}\.?[ \t]+\d{{1,2}})?[ \t]*{credit}[ \t]*[-–—:]*"
                rf"|[A-Z][A-Z.'’-]{{2,}}(?:[ \t]+[A-Z][A-Z.'’-]+){{0,3}}{place}[ \t]*[-–—]{{1,2}}[ \t]"
                # "KABUL (Pajhwok):": a city in capitals credits any agency in brackets, known or not.
                rf"|[A-Z][A-Z.'’-]{{2,}}(?:[ \t]+[A-Z][A-Z.'’-]+){{0,3}}{place}[ \t]*\([A-Z][\w.'’ -]{{1,30}}\)"
                rf"[ \t]*[-–—:]+)")
    return (re.compile(names), re.compile(folded_names), re.compile(folded_names, re.IGNORECASE),
            re.compile(dateline, re.MULTILINE))


def credits(text: str) -> list[Span]:
    """Character spans of datelines and agency names in `text`, in order, possibly overlapping."""
    names, folded, any_case, dateline = _agencies()
    lowered = text.lower()
    spans = [m.span() for m in dateline.finditer(text)]
    spans += [m.span() for m in names.finditer(text)]
    if len(lowered) == len(text):
        spans += [m.span() for m in folded.finditer(lowered)]
    else:
        spans += [m.span() for m in any_case.finditer(text)]
    return sorted(spans)


def inside(span: Span, credited: list[Span]) -> bool:
    """Whether a mention lies wholly within a dateline or an agency name."""
    return any(start <= span[0] and span[1] <= end for start, end in credited)


def start_after(doc: Doc, start: int, head: int, credited: list[Span]) -> int:
    """The first token of a phrase from `start` to `head` that the parser ran on from a dateline or agency name
    ("BAMAKO - Armed men" starts at "Armed"): past the credit and the punctuation after it."""
    at = doc[start].idx
    after = max((end for first, end in credited if first <= at < end), default=at)
    while start < head and (doc[start].idx < after or (after > at and doc[start].is_punct)):
        start += 1
    return start

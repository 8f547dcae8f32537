"""Temporal expressions in a sentence, and their resolution against the article date.

Finding is done with a small catalogue of patterns (news writes dates in few shapes); the surface
forms of calendar dates ("22 December 2023", "5 May", "March 2004") are read from the same shapes
(`_calendar`), and the anchoring rules of GUIDE.md are ours: a past event takes the latest day, month
or weekday not after the article date, a future one the first on or after it. Which event an
expression dates is decided by the parse in `dyadwatch.stages.attributes`; relative chains ("one month after
…") are returned here as `relative` expressions and anchored there, because they need the other events
of the article.

Conventions (documented in data/README.md): seasons resolve to the year of the latest such season
(precision year); "last/this/next week" to the month holding the day a week before/at/after the
article date (precision month; the contract has no week precision); "recently" and "in recent
months/years" to the article's year (precision year); "last night" to the day before the article.

Dates that cannot fail (issue 16): every value returned is a real calendar date within 0001-9999
with a four-digit year, or there is none. Offsets of more than `MAX_OFFSET_YEARS` ("3000 years ago",
"100 decades ago", "999999 days before") date history or hyperbole, not news, and give no date; so
do days and months that do not exist ("30 February") and arithmetic that leaves the calendar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"Sept": 9}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
MAX_OFFSET_YEARS = 100
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                "a few": 3, "several": 3, "a couple of": 2}

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_NUM = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several)"
_UNIT = r"(?P<unit>day|week|month|year|decade)s?"
_EDGE = r"(?:early|late|mid-?|the end of|the start of|the beginning of|the middle of)\s+"

# (kind, pattern); earlier patterns win where matches overlap. Month names and weekdays are
# case-sensitive so "may" the modal and "march" the verb are never read as dates.
_PATTERNS: tuple[tuple[str, str], ...] = (
    ("calendar", rf"\b{_DAYNUM}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b"),
    ("calendar", rf"\b{_MONTH}\s+{_DAYNUM},?\s+{_YEAR}\b"),
    ("calendar", rf"\b(?:{_EDGE})?{_MONTH}\s+(?:of\s+)?{_YEAR}\b"),
    ("calendar", rf"\b{_DAYNUM}\s+(?:of\s+)?{_MONTH}\b"),
    ("calendar", rf"\b{_MONTH}\s+{_DAYNUM}\b(?!,?\s*\d)"),
    ("relative", rf"(?i:\b{_NUM}\s+{_UNIT}\s+(?P<rel>after|before|later|earlier)\b)"),
    ("relative", r"(?i:\b(?P<near>shortly|soon|just|immediately|hours|days|moments|weeks)\s+"
                 r"(?P<rel>after|before)\b)"),
    ("ago", rf"(?i:\b{_NUM}\s+{_UNIT}\s+ago\b)"),
    ("season", rf"\b(?i:(?P<which>last|this|next|past)\s+)?(?P<season>(?i:spring|summer|autumn|"
               rf"winter))(?:\s+(?:of\s+)?(?P<year>{_YEAR}))?\b"),
    ("season", rf"\b(?i:(?P<which>last|this|next|past|the|in the)\s+)(?P<season>(?i:fall))"
               rf"(?:\s+(?:of\s+)?(?P<year>{_YEAR}))?\b"),
    ("weekday", rf"\b(?i:last|next|this|on|early on|late on|from|until|by|since)\s+{_WEEKDAY}{_PART}\b"),
    ("weekday", rf"\b{_WEEKDAY}{_PART}\b(?!\s*[a-z])"),
    ("month", rf"\b(?i:(?:last|next|this|in|since|until|by|during|from|on|of|before|after)\s+)"
              rf"(?:{_EDGE})?(?:January|February|March|April|May|June|July|August|September|"
              rf"October|November|December)\b"),
    ("month", rf"\b(?:{_EDGE})(?:January|February|March|April|May|June|July|August|September|"
              rf"October|November|December)\b"),
    ("year", rf"\b(?:(?i:in|since|during|by|until|from|of|before|after|early|late|mid-?|the year)\s+)"
             rf"{_YEAR}\b(?![,.]?\d|%|\s*(?:m|bn)\b)"),
    ("year", rf"\b(?i:the|its|their|his|her)\s+{_YEAR}\b(?=\s+[A-Za-z])"),
    ("deictic", r"(?i:\b(?:yesterday|today|tonight|tomorrow|last night|overnight|"
                r"this (?:morning|afternoon|evening)|now)\b)"),
    ("period", r"(?i:\b(?P<which>last|next|this|past|earlier this|later this|earlier in the|"
               r"later in the|the past|the previous|the following)\s+(?P<period>week|weekend|month|"
               r"year)\b)"),
    ("recent", r"(?i:\b(?:recently|lately|in recent (?:years|months|weeks|days))\b)"),
)
_COMPILED = tuple((kind, re.compile(pattern)) for kind, pattern in _PATTERNS)
_FUTURE_WORDS = re.compile(r"(?i)\b(next|tomorrow|later this|later in the|the following|tonight)\b")


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A temporal phrase in the article: `start`/`end` are absolute character offsets."""

    kind: str
    text: str
    start: int
    end: int
    groups: tuple[tuple[str, str], ...] = ()

    def group(self, name: str) -> str | None:
        return dict(self.groups).get(name)


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    """A date string of the contract (YYYY, YYYY-MM or YYYY-MM-DD) and its precision."""

    value: str
    precision: str

    @property
    def first_day(self) -> date:
        """The first day the value covers, so offsets ("one month after") can be applied."""
        parts = [int(p) for p in self.value.split("-")] + [1, 1]
        return date(parts[0], parts[1], parts[2])


def find_time_expressions(text: str, offset: int = 0) -> list[TimeExpression]:
    """Every temporal phrase of `text` (a sentence), longest-first, without overlaps."""
    found: list[TimeExpression] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _COMPILED:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            groups = tuple((k, v) for k, v in match.groupdict().items() if v)
            found.append(TimeExpression(kind, match.group(0), start + offset, end + offset, groups))
            taken.append((start, end))
    return sorted(found, key=lambda e: e.start)


def resolve(expression: TimeExpression, base: date, *, future: bool = False) -> ResolvedDate | None:
    """The date an expression names, seen from the article date `base`.

    `future` is true for events told in the future or as intentions ("will meet on Monday"): the
    first matching day or month on or after the article date is taken instead of the latest one.
    Relative chains return None here: they are anchored on other events by the caller.
    """
    try:
        return _checked(_resolve(expression, base, future))
    except (OverflowError, ValueError):
        return None  # calendar arithmetic left 0001-9999, or a day that does not exist: no date


def _resolve(expression: TimeExpression, base: date, future: bool) -> ResolvedDate | None:
    future = future or bool(_FUTURE_WORDS.search(expression.text))
    kind = expression.kind
    if kind == "calendar":
        return _calendar(expression.text, base, future)
    if kind == "month":
        return _month(expression.text, base, future)
    if kind == "weekday":
        return _weekday(expression.text, base, future)
    if kind == "year":
        year = re.search(_YEAR, expression.text)
        return ResolvedDate(year.group(0), "year") if year else None
    if kind == "season":
        return _season(expression, base, future)
    if kind == "deictic":
        return _deictic(expression.text.lower(), base)
    if kind == "period":
        return _period(expression, base)
    if kind == "ago":
        return _ago(expression, base)
    if kind == "recent":
        return ResolvedDate(f"{base.year:04d}", "year")
    return None


def shift(resolved: ResolvedDate, expression: TimeExpression, *, backwards: bool) -> ResolvedDate | None:
    """Apply a relative chain's offset ("one month after") to the date of its other end.

    The precision is the coarser of the anchor's and the offset's: "one month after" a September
    event is an August event at month precision; "shortly after" keeps the anchor's value. None when
    the offset is implausible or the result leaves the calendar.
    """
    try:
        return _checked(_shift(resolved, expression, backwards))
    except (OverflowError, ValueError):
        return None  # out of 0001-9999: no date


def _shift(resolved: ResolvedDate, expression: TimeExpression, backwards: bool) -> ResolvedDate | None:
    unit = expression.group("unit")
    if unit is None:
        return resolved
    count = _count(expression.text.lower())
    if count * {"day": 1, "week": 7, "month": 31, "year": 366, "decade": 3660}[unit] > MAX_OFFSET_YEARS * 366:
        return None
    sign = -1 if backwards else 1
    day = resolved.first_day
    if unit in ("day", "week"):
        moved = day + timedelta(days=sign * count * (7 if unit == "week" else 1))
        precision = resolved.precision if unit == "day" else _coarser(resolved.precision, "month")
        return _at(moved, precision)
    months = sign * count * {"month": 1, "year": 12, "decade": 120}[unit]
    moved = _add_months(day, months)
    precision = _coarser(resolved.precision, "month" if unit == "month" else "year")
    return _at(moved, precision)


def _count(text: str) -> int:
    """The number that opens a relative phrase: "11 days", "one month", "a few weeks"."""
    first = text.split()[0]
    if first.isdigit():
        return int(first)
    for words, value in sorted(NUMBER_WORDS.items(), key=lambda kv: -len(kv[0])):
        if text.startswith(words + " "):
            return value
    return 1


def _calendar(text: str, base: date, future: bool) -> ResolvedDate | None:
    """A calendar date in one of the catalogue's shapes: day, month and year ("22 December 2023",
    "December 22, 2023"), month and year ("early March 2004"), or day and month ("5 May"), whose year is
    the latest one not after the article date, or for a future event the first on or after it. Read
    here rather than by a general date parser: the shapes are few, and dateparser took 0.5 ms a date
    and 0.14 s on its first one in each process."""
    month = _month_number(text)
    if month is None:
        return None
    year = re.search(rf"\b{_YEAR}\b", text)
    day = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", text)
    if year is not None and day is None:
        return ResolvedDate(f"{year.group(0)}-{month:02d}", "month")
    if day is None:
        return None
    number = int(day.group(1))
    if year is not None:
        return _at(date(int(year.group(0)), month, number), "day")
    if future:
        later = (month, number) < (base.month, base.day)
        return _at(date(base.year + later, month, number), "day")
    earlier = (month, number) > (base.month, base.day)
    return _at(date(base.year - earlier, month, number), "day")


def _month_number(text: str) -> int | None:
    for word in re.findall(r"[A-Z][a-z]+", text):
        number = _MONTH_ABBR.get(word[:4] if word.startswith("Sept") else word[:3])
        if number and (word in MONTHS or len(word) <= 4):
            return number
    return None


def _month(text: str, base: date, future: bool) -> ResolvedDate | None:
    month = _month_number(text)
    if month is None:
        return None
    lowered = text.lower()
    if lowered.startswith("last "):
        year = base.year if month < base.month else base.year - 1
    elif lowered.startswith("next "):
        year = base.year if month > base.month else base.year + 1
    elif lowered.startswith("this "):
        year = base.year
    elif future:
        year = base.year if month >= base.month else base.year + 1
    else:
        year = base.year if month <= base.month else base.year - 1
    return ResolvedDate(f"{year:04d}-{month:02d}", "month")


def _weekday(text: str, base: date, future: bool) -> ResolvedDate:
    lowered = text.lower()
    target = next(i for i, name in enumerate(WEEKDAYS) if name in lowered)
    if lowered.startswith("next "):
        ahead = (target - base.weekday()) % 7 or 7
        return _at(base + timedelta(days=ahead), "day")
    if future:
        return _at(base + timedelta(days=(target - base.weekday()) % 7), "day")
    back = (base.weekday() - target) % 7
    if lowered.startswith("last ") and back == 0:
        back = 7
    return _at(base - timedelta(days=back), "day")


def _season(expression: TimeExpression, base: date, future: bool) -> ResolvedDate:
    year_text = expression.group("year")
    if year_text:
        return ResolvedDate(year_text, "year")
    start = SEASON_START[(expression.group("season") or "summer").lower()]
    which = (expression.group("which") or "").lower()
    if which == "this":
        year = base.year
    elif which == "next" or future:
        year = base.year if start >= base.month else base.year + 1
    else:
        year = base.year if start <= base.month else base.year - 1
        if which in ("last", "past") and start <= base.month < start + 3:
            year -= 1
    return ResolvedDate(f"{year:04d}", "year")


def _deictic(text: str, base: date) -> ResolvedDate:
    if text == "yesterday" or text == "last night":
        return _at(base - timedelta(days=1), "day")
    if text == "tomorrow":
        return _at(base + timedelta(days=1), "day")
    return _at(base, "day")


def _period(expression: TimeExpression, base: date) -> ResolvedDate:
    which = (expression.group("which") or "this").lower()
    period = (expression.group("period") or "year").lower()
    step = -1 if which in ("last", "past", "the past", "the previous") else (
        1 if which in ("next", "the following") else 0)
    if period in ("week", "weekend"):
        return _at(base + timedelta(days=7 * step), "month")
    if period == "month":
        return _at(_add_months(base, step), "month")
    return ResolvedDate(f"{base.year + step:04d}", "year")


def _ago(expression: TimeExpression, base: date) -> ResolvedDate | None:
    as_relative = TimeExpression("relative", expression.text, expression.start, expression.end,
                                 expression.groups)
    return shift(_at(base, "day"), as_relative, backwards=True)


def _add_months(day: date, months: int) -> date:
    """The first day of the month `months` after `day`'s; ValueError outside 0001-9999."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _at(day: date, precision: str) -> ResolvedDate:
    value = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": f"{day.year:04d}"}[precision]
    return ResolvedDate(value, precision)


_VALUE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def valid_value(value: str) -> bool:
    """A contract date: YYYY, YYYY-MM or YYYY-MM-DD naming a real day, month or year in 0001-9999."""
    if not _VALUE.fullmatch(value):
        return False
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def _checked(resolved: ResolvedDate | None) -> ResolvedDate | None:
    return resolved if resolved is not None and valid_value(resolved.value) else None


_ORDER = ("day", "month", "year")


def _coarser(a: str, b: str) -> str:
    known = [p for p in (a, b) if p in _ORDER]
    return max(known, key=_ORDER.index) if known else "month"

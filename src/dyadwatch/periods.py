"""Dates as periods: an event dated "2023" or "2023-07" covers that whole year or month.

Events carry day, month or year precision, and so do filters (`--since 2023`, `--until 2023-06`). One rule
serves both: a filter's range runs from the first day of `since` to the last day of `until`, and an event
matches when its whole period lies inside that range. So an event dated only "2023" is not inside
`--until 2023-06-30` (it may have happened in November), while `--since 2023 --until 2023` holds it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from dyadwatch.errors import DyadwatchError, Errors

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
PRECISIONS = {4: "year", 7: "month", 10: "day"}


def bounds(value: str) -> tuple[str, str]:
    """(first day, last day) of a YYYY, YYYY-MM or YYYY-MM-DD date; ValueError when it is none of them."""
    text = value.strip()
    if len(text) > 10 and text[10] in "T ":
        text = text[:10]
    match = _PARTIAL.match(text)
    if match is None:
        raise ValueError(value)
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if month is None:
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    if day is None:
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, 1).isoformat(), dt.date(year, month, last).isoformat()
    day_of = dt.date(year, month, day).isoformat()
    return day_of, day_of


def precision(value: str | None) -> str | None:
    """"day", "month" or "year" from how much of the date is written; None for no date."""
    return PRECISIONS.get(len(value)) if value else None


def event_bounds(date: str | None) -> tuple[str | None, str | None]:
    """(first day, last day) of an event's date, (None, None) when it has none or it is malformed."""
    if not date:
        return None, None
    try:
        return bounds(date)
    except ValueError:
        return None, None


def filter_start(value: str | None) -> str | None:
    """The first day a `since` filter admits (`2023` → 2023-01-01); a bad value is a coded error (E009)."""
    return _filter(value)[0] if value else None


def filter_end(value: str | None) -> str | None:
    """The last day an `until` filter admits (`2023-06` → 2023-06-30); a bad value is a coded error (E009)."""
    return _filter(value)[1] if value else None


def _filter(value: str) -> tuple[str, str]:
    try:
        return bounds(value)
    except ValueError:
        raise DyadwatchError(Errors.E009, value=value) from None

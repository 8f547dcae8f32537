"""Checks for query and path parameters: each returns a clean value or raises a 400 (E013 / E009).

Parameters arrive as strings (an HTML form sends blank fields as ""), so every page and its JSON
twin validate them here, the same way, before any SQL runs.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from dyadwatch import names, periods
from dyadwatch.errors import DyadwatchError
from dyadwatch.io import readers
from dyadwatch.store import ORIGINS, Store
from dyadwatch.web.problems import WebError, invalid
from dyadwatch.web.queries import SORTS
from dyadwatch.web.relations import FREQUENCIES

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_OFFSET = 10_000_000
MAX_TEXT = 200
ACTOR_CODE = re.compile(r"^[A-Z]{3}[A-Z0-9]{0,12}$")
ARTICLE_ID = re.compile(r"^[^\x00-\x1f\x7f]{1,300}$")
RELATIONS = ("diplomatic_mission", "ambassador", "military_presence", "alliance", "security_cooperation",
             "government", "sanctions", "armed_conflict")
ACTOR_KINDS = ("state", "person", "organization", "group", "location")
MODALITIES = ("asserted", "negated", "hypothetical", "future", "intended", "reported")


def blank(value: str | None) -> str | None:
    return None if value is None or not value.strip() else value.strip()


def integer(name: str, value: str | None, default: int, lo: int, hi: int | None = None, *, cap: bool = False) -> int:
    """An integer ≥ lo; above hi it is an error, or with `cap` it is lowered to hi (e.g. `limit`)."""
    value = blank(value)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise invalid(name, value, "give a whole number") from None
    if number < lo:
        raise invalid(name, value, f"must be at least {lo}")
    if hi is not None and number > hi:
        if cap:
            return hi
        raise invalid(name, value, f"must be at most {hi}")
    return number


def share(name: str, value: str | None) -> float | None:
    """A number from 0 to 1 (a confidence); blank is none."""
    value = blank(value)
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        raise invalid(name, value[:40], "give a number from 0 to 1") from None
    if not 0.0 <= number <= 1.0:
        raise invalid(name, value[:40], "give a number from 0 to 1")
    return number


def flag(name: str, value: str | None) -> bool:
    """A checkbox: absent or blank is off; 1/true/on/yes is on (a form sends "on" or "1")."""
    value = blank(value)
    if value is None or value.lower() in ("0", "false", "off", "no"):
        return False
    if value.lower() in ("1", "true", "on", "yes"):
        return True
    raise invalid(name, value[:40], "give 1 or 0")


def limit(value: str | None) -> int:
    return integer("limit", value, DEFAULT_LIMIT, 1, MAX_LIMIT, cap=True)


def offset(value: str | None) -> int:
    return integer("offset", value, 0, 0, MAX_OFFSET)


def date(name: str, value: str | None) -> str | None:
    return _dated(name, value, "use YYYY-MM-DD", readers.parse_date)


def _dated(name: str, value: str | None, hint: str, read: Callable[[str], str]) -> str | None:
    """A date-like parameter: blank is None, more than 32 characters or what `read` refuses is a 400."""
    value = blank(value)
    if value is None:
        return None
    if len(value) > 32:
        raise invalid(name, value[:32] + "…", hint)
    try:
        return read(value)
    except DyadwatchError as exc:
        raise WebError(400, "E009", f"{exc} (parameter {name})") from None


def text(name: str, value: str | None) -> str | None:
    value = blank(value)
    if value is not None and len(value) > MAX_TEXT:
        raise invalid(name, value[:40] + "…", f"at most {MAX_TEXT} characters")
    return value


def actor(name: str, value: str | None) -> str | None:
    """A country or organization name ("France", "United Nations", any case), an ISO3 country or a
    CAMEO-style actor code (letters and digits, from three characters), as a code.

    A code the reference tables cannot read is still accepted (imported files carry codes of their
    own); anything else is a 400 (E015) that names the nearest known name."""
    value = blank(value)
    if value is None:
        return None
    if len(value) > MAX_TEXT:
        raise invalid(name, value[:40] + "…", f"at most {MAX_TEXT} characters")
    try:
        return names.resolve(value, frozenset, field=name)
    except DyadwatchError as exc:
        if ACTOR_CODE.match(value.upper()) and " " not in value:
            return value.upper()
        raise WebError(400, exc.code, str(exc)) from None


def seen(store: Store, **codes: str | None) -> None:
    """Codes that neither the reference tables nor the store know are a 400 (E015) naming the nearest
    name: `actor` lets them through only because it cannot see the store."""
    for field, code in codes.items():
        if code and not names.known_code(code):
            names.resolve(code, store.actor_codes, field=field)


def required_actor(name: str, value: str | None) -> str:
    found = actor(name, value)
    if found is None:
        raise invalid(name, value, "required")
    return found


def choice(name: str, value: str | None, choices: tuple[str, ...] | list[str], *, upper: bool = False,
           default: str | None = None) -> str | None:
    value = blank(value)
    if value is None:
        return default
    value = value.upper() if upper else value.lower()
    if value not in choices:
        raise invalid(name, value[:40], "choose one of " + ", ".join(choices))
    return value


def event_type(value: str | None) -> str | None:
    """A PLOVER type in any case; an unknown one is a 400 naming the nearest type."""
    value = blank(value)
    if value is None:
        return None
    try:
        return names.event_type(value[:40], field="type")
    except DyadwatchError as exc:
        raise WebError(400, exc.code, str(exc)) from None


def quad_class(value: str | None) -> int | None:
    value = blank(value)
    return None if value is None else integer("quad_class", value, 0, 1, 4)


def sort(value: str | None) -> str:
    return choice("sort", value, tuple(SORTS), default="date") or "date"


def order(value: str | None) -> str:
    return choice("order", value, ("asc", "desc"), default="asc") or "asc"


def freq(value: str | None) -> str:
    return choice("freq", value, FREQUENCIES, default="month") or "month"


def article_id(value: str) -> str:
    if not ARTICLE_ID.match(value):
        raise invalid("article id", value[:40], "at most 300 characters, no control characters")
    return value


def period(name: str, value: str | None) -> str | None:
    """A YYYY, YYYY-MM or YYYY-MM-DD filter, kept as given (dyadwatch.periods gives its first and last day)."""

    def checked(text: str) -> str:
        periods.filter_start(text)
        return text

    return _dated(name, value, "use YYYY, YYYY-MM or YYYY-MM-DD", checked)


def date_range(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """`since` and `until` as periods: 2023 starts on 2023-01-01, until=2023-06 ends on 2023-06-30."""
    lo, hi = period("since", since), period("until", until)
    if lo and hi and periods.filter_start(lo) > periods.filter_end(hi):  # type: ignore[operator]
        raise invalid("since", lo, f"is after until ({hi})")
    return lo, hi


def origin(value: str | None) -> str | None:
    return choice("origin", value, ORIGINS)

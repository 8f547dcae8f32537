"""The people table: who a name is, and what role they held on a date.

News names leaders bare ("Blair said …", "Putin met …") and the role decides the code: Tony Blair in
2005 is GBRGOV, Vladimir Putin is RUSGOV as president in 2004 and as prime minister in 2009, Mohamed
Bazoum is NERGOV in 2022 and, deposed, plain NER in 2024. `data/actors_people.tsv` (built by
training/build_actors.py from the PETRARCH/Phoenix dictionaries and our curated leaders of 2015-2026)
lists each person's name variants, the short form the press uses alone, and their dated roles.

A full name is looked up among every variant and short form ("Duncan Smith"); a bare surname only among short
forms, and then only someone in office on the article's date, or a well-known person out of office, counts, so
that a footballer who shares an obscure minister's surname is not coded as the minister. A name several people
share is settled by who held office on the date, then by the countries the article has named, then by how well
known each is; what stays ambiguous is not coded at all. A bare surname, or one many people in the table share
(Smith, Khan, Morris) after an honorific, names one who is not well known only in an article that has named their
state: "Mr Morris" in a British paper is not the Marshall Islands' minister, nor "Carlisle" Antigua's
Governor-General.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from dyadwatch.stages import places
from dyadwatch.stages.gazetteer import norm

if TYPE_CHECKING:
    from spacy.tokens import Token

    from dyadwatch.stages.coref import Found

# Confidence of a role chosen without the article's date (the person's latest role).
UNDATED_CONFIDENCE = 0.7
# A role the store saw is taken to hold this long after its last sighting, unless seen again.
RECORDED_TERM_DAYS = 365
_HYPHEN = re.compile(r"\s*-\s*")
_INITIAL = re.compile(r"\b([a-z])\.(?=\s|$)")


# How the press names and styles people (read by the actors stage).
HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "madam",
                        "lord", "lady", "baroness"})
# Styles of the British peerage and honours: whoever bears one is British when nothing else places them.
PEERAGE = {"lord": "GBR", "baroness": "GBR", "sir": "GBR", "dame": "GBR"}
# Those only a peer bears (knighthoods are also given in the Commonwealth: "Sir Anerood Jugnauth").
PEER_STYLES = frozenset({"lord", "baroness"})
FORMER = frozenset({"former", "ex", "ousted", "deposed", "outgoing", "exiled", "late", "retired"})
# Kin of a person, a closed class of nouns: a first name after one is a relative's ("his wife Sharon", "her son
# Mark": `persons`), and kin of no stated state are of their person's ("the son of former Prime Minister Vladimir
# Filat": `actor_phrases.kin_of`).
KIN = frozenset({"family", "relative", "parent", "child", "wife", "husband", "son", "daughter", "mother", "father",
                 "brother", "sister", "widow", "widower", "partner", "girlfriend", "boyfriend", "fiancee", "fiance",
                 "fiancée", "fiancé", "grandson", "granddaughter", "nephew", "niece", "cousin", "uncle", "aunt",
                 "stepson", "stepdaughter"})
CALENDAR = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "jan.", "feb.", "aug.", "sept.", "oct.", "nov.", "dec.",
    # time zones: "at 4pm local time (1300 GMT)"
    "gmt", "utc", "bst", "cet", "cest", "est", "edt", "cst", "cdt", "pst", "pdt",
})


@dataclass(frozen=True, slots=True)
class Role:
    """One role of a person: a code held from `start` to `end` (ISO dates; empty for an open end)."""

    code: str
    start: str
    end: str
    curated: bool

    @property
    def dated(self) -> bool:
        return bool(self.start or self.end)

    @property
    def in_office(self) -> bool:
        """A role with a sector; a bare country is Phoenix's 'elite' background, not an office."""
        return len(self.code) > 3

    def holds(self, day: str) -> bool:
        return self.dated and (self.start or "0000") <= day <= (self.end or "9999")


@dataclass(frozen=True, slots=True)
class Person:
    entity: str
    name: str
    roles: tuple[Role, ...]
    prominence: int

    def role_on(self, day: str | None) -> tuple[Role | None, bool]:
        """The role held on `day` (or the latest one when there is no date) and whether it is an office.

        On a date no dated role covers, Phoenix's undated default role applies, except after every
        dated role has ended: out of office for good, the person keeps the country of their nearest
        role with no sector ("deposed President Bazoum", "former president Karzai").
        """
        if day is None:
            latest = max((r for r in self.roles if r.dated), key=lambda r: (r.start, r.in_office), default=None)
            return (latest, latest.in_office) if latest else (self._default(), False)
        holding = [r for r in self.roles if r.holds(day)]
        if holding:
            best = max(holding, key=lambda r: (r.in_office, r.curated, r.start))
            return best, best.in_office
        dated = [r for r in self.roles if r.dated]
        default = self._default()
        if default is not None and not (dated and all(r.end and r.end < day for r in dated)):
            return default, False
        nearest = min(dated, key=lambda r: min(abs(_days(r.start, day)), abs(_days(r.end, day))), default=None)
        if nearest is None or nearest.code.startswith(INTERNATIONAL_CODES):
            return None, False  # an international body's official has no state of their own to keep
        return Role(nearest.code[:3], "", "", nearest.curated), False

    def _default(self) -> Role | None:
        return next((r for r in self.roles if not r.dated), None)


@dataclass(frozen=True, slots=True)
class Known:
    """A name resolved against the table: the person, the code on the date, and how sure we are."""

    entity: str
    name: str
    code: str
    in_office: bool
    confidence: float

    @property
    def country(self) -> str | None:
        return None if self.code.startswith(INTERNATIONAL_CODES) or len(self.code) < 3 else self.code[:3]

    @property
    def ambiguous(self) -> bool:
        return not self.code

    @property
    def sector(self) -> str | None:
        return self.code[3:6] if self.country and len(self.code) > 3 else None

    @property
    def organization_code(self) -> str | None:
        """The code of a person who speaks for an organization (a UN Secretary-General: IGOUNO)."""
        return self.code if self.country is None else None


class People:
    """Name → person index over `data/actors_people.tsv`, loaded once per process, or over the people a store
    has seen (`sighted`, see `recorded`)."""

    def __init__(self, rows: list[list[str]], *, sighted: bool = False) -> None:
        self.sighted = sighted
        self.persons: list[Person] = []
        self.full: dict[str, list[int]] = {}
        self.short: dict[str, list[int]] = {}
        self.surnames: dict[str, list[int]] = {}
        self.peers: set[int] = set()
        for entity, name, variants, short, roles, prominence, _origin in rows:
            index = len(self.persons)
            self.persons.append(Person(entity, name, tuple(_role(r) for r in roles.split()), int(prominence)))
            for form in {f for v in [name, *variants.split("|")] if v for f in (key(v), unhyphenated(key(v)))}:
                self.full.setdefault(form, []).append(index)
            for s in {key(s) for s in short.split("|") if s}:
                self.short.setdefault(s, []).append(index)
            if any(key(v).partition(" ")[0] in PEER_STYLES for v in [*variants.split("|"), *short.split("|")] if v):
                self.peers.add(index)
            if " " in name and (last := surname(name, short)) is not None:
                self.surnames.setdefault(key(last), []).append(index)

    def lookup(self, name: str, *, day: str | None, countries: Iterable[str] = (), titled: bool = False,
               peer: bool = False) -> Known | None:
        """The person `name` (a full name or a bare surname) means on `day`: None when the table
        does not know the name, `AMBIGUOUS` when it knows several holders and nothing settles it.

        A surname after an honorific (`titled`: "Dr Fox", "Mrs May") is a person's name whatever else
        the word means, so every surname counts then: first the short forms the press uses alone, then
        the other holders of the surname ("Mr Bell" when no one known as plain "Bell" is in office).

        `countries` are those the article has named so far, most salient first; they settle a name
        that people of several countries share, and are only read then (they may be a lazy generator).
        A name after a peer's style (`peer`: "Lord Kerr") is only someone the table knows by that style.
        """
        k = key(name)
        single = " " not in k
        if " " in k and k not in self.full:
            k = unhyphenated(k)  # "Adil Abdul-Mahdi" written "Adil Abdul Mahdi", or the other way round
        if k in self.full:
            tiers = [(self.full[k], False)]
        elif single and titled:
            # The short forms the press uses alone come first: "Mr Blair" is Tony Blair, not Sir Ian Blair. A holder
            # little known, found by surname alone, needs their state named, as a common surname's does: "Mr Sayeed"
            # in an article naming only Britain is no Indian minister.
            tiers = [(t, True) for t in (self.short.get(k), self.surnames.get(k)) if t]
            countries = list(countries)
        else:
            # A bare surname of a holder little known needs their state named: "eventually to Carlisle" in a
            # British article is no Governor-General of Antigua, "Andersen" no Danish minister. A person the
            # store saw (`sighted`) belongs to this corpus, and only a word that names a place needs it then
            # ("Hodgson was at Liverpool's clash").
            obscure = single and (not self.sighted or places.is_place(name))
            tiers = [(self.short[k], obscure)] if k in self.short else []
        if peer:
            tiers = [(peers, obscure) for candidates, obscure in tiers
                     if (peers := [i for i in candidates if i in self.peers])]
        for candidates, obscure in tiers:
            found = self._holder(candidates, single, day, countries, obscure)
            if found is not None:
                return found
        return None

    def _holder(self, candidates: list[int], single: bool, day: str | None, countries: Iterable[str],
                obscure: bool) -> Known | None:
        """Which of the `candidates` a name means on `day` (see `lookup`); an `obscure` match needs its state
        named, as a common surname does."""
        found = [(self.persons[i], *self.persons[i].role_on(day)) for i in candidates]
        found = [(p, r, office) for p, r, office in found if r is not None]
        common = single and (obscure or len(candidates) >= COMMON_SURNAME)
        if common:
            countries = list(countries)
        if single and day is None:
            # Without a date nobody can be shown in office, so a bare surname names only the well known.
            found = [(p, r, office) for p, r, office in found if p.prominence >= WELL_KNOWN]
        if any(office for _p, _r, office in found):
            found = [(p, r, office) for p, r, office in found if office]
        elif single and found and (len(found) > 1 or (day is not None and found[0][0].prominence < WELL_KNOWN)):
            return None
        if not found:
            return None
        if len({r.code[:3] for _p, r, _o in found}) > 1:
            found = _settle(found, countries)
            if not found:
                return AMBIGUOUS
        found = _best_known(found)
        person, role, office = found[0]
        if common and person.prominence < WELL_KNOWN and role.code[:3] not in countries:
            return None  # "Mr Morris": an obscure holder of a common surname, in an article not naming their state
        code = role.code if len({r.code for _p, r, _o in found}) == 1 else role.code[:3]
        confidence = 1.0 if day is not None else UNDATED_CONFIDENCE
        return Known(person.entity, person.name, code, office, confidence)


# Codes of actors that belong to no state: international bodies, transnational armed groups, NGOs.
INTERNATIONAL_CODES = ("IGO", "IMG", "NGO")
# Out of office, a bare surname still names a person this well known (curated office-holders are).
WELL_KNOWN = 5
# Holders in the table from which a bare surname counts as common (Smith, Khan, Kim).
COMMON_SURNAME = 5
# A name the table knows but cannot settle: the mention gets no country from it, nor from salience.
AMBIGUOUS = Known("", "", "", False, 1.0)
# A surname shared across countries goes to the best-known holder when they are this much better known.
PROMINENCE_RATIO = 2


def _settle(found: list[tuple[Person, Role, bool]], countries: Iterable[str]) -> list[tuple[Person, Role, bool]]:
    """Holders of one name in several countries: those of the article's most salient country among
    them, else the best-known holder by a clear margin, else nobody."""
    named = next((c for c in countries if any(r.code[:3] == c for _p, r, _o in found)), None)
    if named is not None:
        return [f for f in found if f[1].code[:3] == named]
    ranked = sorted(found, key=lambda f: -f[0].prominence)
    if ranked[0][0].prominence >= PROMINENCE_RATIO * ranked[1][0].prominence:
        return ranked[:1]
    return []


def _best_known(found: list[tuple[Person, Role, bool]]) -> list[tuple[Person, Role, bool]]:
    """Of several holders left, the best known when clearly so: "Dr Fox" in 2005 is the shadow minister
    Liam Fox, not the police chiefs' president Chris Fox; else all of them, and only their state is sure."""
    ranked = sorted(found, key=lambda f: -f[0].prominence)
    if len(ranked) > 1 and ranked[0][0].prominence >= PROMINENCE_RATIO * ranked[1][0].prominence:
        return ranked[:1]
    return found


def surname(name: str, short: str) -> str | None:
    """The surname an honorific goes before: the last word, or a short form of several words that ends the
    name ("Kamina Johnson Smith" is "Ms Johnson Smith", never "Ms Smith"). A person the press names by
    another word alone has none ("Abiy" for Abiy Ahmed, "Lu-Olo" for Francisco Guterres); a short form
    that is the whole name only keeps the bare surname from standing alone without an honorific."""
    words = name.split()
    # A peer's style is no part of the surname: "Lord Sainsbury" is Mr Sainsbury's title, not another name.
    shorts = [s.split(maxsplit=1)[1] if " " in s and key(s).partition(" ")[0] in PEER_STYLES else s
              for s in short.split("|") if s]
    suffix = next((s for s in shorts if 1 < len(s.split()) < len(words) and name.endswith(" " + s)), None)
    if suffix is not None:
        return suffix
    if shorts and not any(key(s) in (key(words[-1]), key(name)) for s in shorts):
        return None
    return words[-1]


def key(name: str) -> str:
    """Lookup form of a name: normalized, hyphens and apostrophes joined ("el - Sisi" ≡ "el-sisi"), an initial's
    stop dropped ("George W. Bush" ≡ "George W Bush", as the BBC writes it)."""
    text = _INITIAL.sub(r"\1", _HYPHEN.sub("-", norm(name).replace(" '", "'")))
    return " ".join(text.split())


def unhyphenated(k: str) -> str:
    """A name's key with its hyphens as spaces: transliterated names are written both ways."""
    return k.replace("-", " ")


def _role(text: str) -> Role:
    """`GBRGOV@1997-05-02..2007-06-27`; a trailing `*` marks a curated role."""
    curated = text.endswith("*")
    code, _, dates = text.rstrip("*").partition("@")
    start, _, end = dates.partition("..")
    return Role(code, start, end, curated)


def _days(iso: str, day: str) -> int:
    """Days between two ISO dates; an open end is far from any day."""
    if not iso:
        return 10**6
    return (date.fromisoformat(iso) - date.fromisoformat(day)).days


def recorded(rows: Iterable[Mapping[str, object]], known: People | None = None) -> People:
    """The people a store has seen that `known` (the shipped table) does not know, as a table.

    An analyst's corpus names people the dictionaries never listed ("French Foreign Minister
    Jean-Noël Barrot"); once an article has given their role, later articles that name them bare
    ("Barrot said") resolve to it. Each code they were seen with holds from its first sighting until
    `RECORDED_TERM_DAYS` after its last; the code seen most often is their undated default. `rows`
    are the store's person roles (`Store.persons()`): entity, name, country, sector, date; `known` is
    the shipped table unless given.
    """
    table_entities = {p.entity for p in (known or table()).persons}
    seen: dict[str, list[Mapping[str, object]]] = {}
    for row in rows:
        entity = str(row["entity"])
        if row.get("country") and entity not in table_entities:
            seen.setdefault(entity, []).append(row)
    out: list[list[str]] = []
    for entity, sightings in sorted(seen.items()):
        codes = Counter(_sighted_code(r) for r in sightings)
        names = Counter(str(r["name"]) for r in sightings)
        roles = [codes.most_common(1)[0][0]]
        for code in sorted(codes):
            days = sorted(str(r["date"]) for r in sightings if r.get("date") and _sighted_code(r) == code)
            if days:
                last = date.fromisoformat(days[-1])
                until = last + timedelta(days=RECORDED_TERM_DAYS) if last.year < date.max.year else date.max
                roles.append(f"{code}@{days[0]}..{until.isoformat()}")
        name = names.most_common(1)[0][0]
        shorts = {n.split()[-1] for n in names if len(n.split()) > 1}
        out.append([entity, name, "|".join(sorted(names)), "|".join(sorted(shorts)), " ".join(roles),
                    str(len(sightings)), "store"])
    return People(out, sighted=True)


def _sighted_code(row: Mapping[str, object]) -> str:
    return f"{row['country']}{row.get('sector') or ''}"


@lru_cache(maxsize=1)
def table() -> People:
    """The shipped people table (about 18,000 people), parsed once."""
    text = resources.files("dyadwatch.data").joinpath("actors_people.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return People(rows)


_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """`Sylvain Itté` → `sylvain-itte`, the stable tail of a person or organization entity id."""
    return _SLUG.sub("-", norm(text)).strip("-")


def person_known(f: Found, known: Known, name: str, titles: list[Token], title_sectors: tuple[str, ...],
                 former: bool) -> Found:
    """A person the table knows: the role held on the date decides the code, not the title, except that a
    legislator's title refines the table's GOV (the dictionary codes legislators GOV).

    Out of office ("deposed President Bazoum" a year later) the person keeps their country; a
    current title the table lacks ("Senator X") still gives the sector.
    """
    if known.ambiguous:
        f.kind, f.klass, f.sectors = "person", "person", title_sectors
        f.name, f.entity = name, f"person:{slug(name)}"
        f.role = role_text(titles, former) if titles else None
        return f
    f.kind, f.name, f.entity, f.klass = "person", known.name, known.entity, "person"
    f.country = known.country
    f.code = known.organization_code
    if known.sector == "GOV" and title_sectors == ("LEG",) and not former:
        # "Senator John McCain": the dictionary codes nearly every office holder GOV (25,643 roles against 14
        # LEG); a legislator's title in the text is the finer fact.
        f.sectors = title_sectors
    elif known.sector:
        f.sectors = (known.sector,)
    elif not known.in_office and titles and not former:
        f.sectors = title_sectors
    else:
        f.sectors = ()
    f.role = role_text(titles, former) if titles else None
    f.confidence = known.confidence
    return f


def role_text(titles: list[Token], former: bool) -> str:
    """The title words before a name ("interior minister"), marked when the title is a former one."""
    role = " ".join(t.text for t in titles if t.pos_ in ("NOUN", "PROPN"))
    return f"{role} (former)" if former else role

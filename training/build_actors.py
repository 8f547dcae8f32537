"""Build the people and organization tables from the PETRARCH/Phoenix dictionaries and our curated rows.

Reads (never copies) `../shared/data/phoenix/` (MIT, Open Event Data Alliance) and the curated
`src/dyadwatch/data/actors_leaders.tsv`; writes, deterministically:

- `src/dyadwatch/data/actors_people.tsv`: one row per person, `entity name variants short roles origin`.
  `roles` lists `CODE@START..END` (ISO dates, either end may be open); an undated role is Phoenix's
  default for the times its dated roles do not cover.
- `src/dyadwatch/data/actors_dictionary.tsv`: organizations and armed groups, `entity name aliases
  country sector kind code origin`, in the layout of `actors_organizations.tsv`.

Phoenix codes are mapped onto ours: `GBRGOV` stays, the elite code `ELI` means a state with no sector
(`GBRELI` → `GBR`), merged sectors keep their first (`KORGOVBUS` → `KORGOV`), IGOs are `IGO` + the body
GUIDELINES.md names (`IGOUNOKID` → `IGOUNO`, `IGOEUREEC` → `IGOEEC`) or plain `IGO`, NGOs are `NGO`,
multinationals `BUS` with their country when it is a state, armed groups country + `REB` and transnational
ones `IMG` + their group code (`IMGMUSALQ` → `IMGALQ`). States Phoenix codes outside ISO 3166 take their ISO
code (`LEGACY_STATES`: `KSVGOV` → `XKXGOV`); entries under regional pseudo-countries (`MEAREB`) or states
that no longer exist (`DDRGOV`) are left out.

usage: python training/build_actors.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pycountry

from dyadwatch.stages.gazetteer import norm
from dyadwatch.stages.people import CALENDAR, key, slug

DATA = Path(__file__).resolve().parent.parent / "src" / "dyadwatch" / "data"
ISO3 = {c.alpha_3 for c in pycountry.countries} | {"XKX", "PSE"}
# States Phoenix codes outside ISO 3166: CAMEO's TMP for Timor-Leste, the World Bank's KSV for Kosovo (so
# its comment in Phoenix.Countries.actors.txt), and ANG for Angola in Phoenix.MilNonState.actors.txt (UNITA).
LEGACY_STATES = {"TMP": "TLS", "KSV": "XKX", "ANG": "AGO"}
SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "PTY", "REB", "CVL", "REF", "BUS", "MED", "JRN", "EDU",
           "REL", "HLH", "LAB", "CRM", "SPY", "UAF", "AGR", "ENV", "DEV", "MOD", "RAD", "SEP", "ETH", "INS"}
# Region, religion and ideology parts of Phoenix's IMG codes; what follows them names the group.
IMG_QUALIFIERS = {"MUS", "CHR", "JEW", "HIN", "BUD", "SEA", "SAS", "KAS", "MEA", "AFR", "WEU", "EUR", "ASA",
                  "RUS", "CNY", "CAU", "NAF", "WAF", "EAF", "SAF", "LAM", "CAS", "BAL", "SUN", "SHI", "REB"}
# Title words in Phoenix's variants ("PRESIDENT_VLADIMIR_PUTIN"): the actors stage strips titles first. A peer's
# style is no such word: "Lord Goldsmith" stays a variant, as it tells a peer from a namesake (`People.peers`).
TITLE_WORDS = {"president", "prime", "minister", "secretary", "mr", "mr.", "mrs", "ms", "dr", "senator", "king",
               "queen", "general", "gen.", "chancellor", "premier", "sheikh", "emir", "russian", "us", "u.s.",
               "american", "british", "former", "president-elect", "leader", "foreign", "defense", "defence",
               "chairman", "ambassador", "governor", "vice", "deputy", "lt.", "col.", "colonel", "sir",
               "gov.", "sen.", "rep."}
# Words that make a Phoenix variant a phrase about the person, not a name ("The Obama Administration").
NOT_NAME_WORDS = {"the", "administration", "government", "cabinet", "regime", "of", "states", "united"}
# Words of an organization's name: a dated Phoenix entry with one ("THE_ISLAMIC_STATE") is no person.
ORG_NAME_WORDS = {"state", "party", "army", "front", "movement", "brigade", "brigades", "forces", "force", "council",
                  "committee", "group", "organization", "organisation", "union", "league", "ministry", "government",
                  "administration", "corps", "police", "guard", "office", "agency", "authority", "assembly",
                  "congress", "parliament", "court", "bank", "company", "islamic", "liberation", "national",
                  "people's", "peoples", "republic", "coalition", "alliance", "commission", "network", "al-qaeda"}
# The international bodies GUIDELINES.md (../shared/data/gold) codes by name; every other one is plain IGO.
# Phoenix writes region and field qualifiers before the body ("IGOEUREEC" is the EU, "IGOWSTNAT" NATO,
# "IGOUNOHLHWHO" the WHO, of the UN system): the first body named is the one coded.
IGO_BODIES = ("UNO", "EEC", "NAT", "AFU", "WAS", "IMF", "WBK", "ARL")
ORIGIN_PHOENIX = "phoenix"
# The dictionaries were generated in January 2014 (CountryInfo.140130): an open-ended role there means
# "in office then", not now. Later office-holders come from our curated rows.
PHOENIX_HORIZON = "2014-12-31"
MIN_SURNAME = 4
# Curated office-holders count as this many surface forms when names compete (see `prominence`).
CURATED_PROMINENCE = 10
# Curated roles of people the press does not know by surname alone everywhere (junior and devolved ministers,
# MPs, officials, union leaders, the foreign ministers of 2000-2014): they count as Phoenix's own rows do, so that a
# common surname names them only in an article that has named their state.
MINOR_ROLES = frozenset({"junior minister", "devolved minister", "devolved party leader", "party official",
                         "committee chairman", "member of parliament", "police chief", "public official",
                         "union leader", "NGO director", "broadcasting executive", "business executive",
                         "earlier foreign minister"})
# A word after a lower-case word in the same sentence: its case is the word's own, not the sentence's.
_INNER_WORD = re.compile(r"(?<=[a-z,] )[A-Za-z][a-z'-]+")
_ROLE = re.compile(r"\[([A-Z-]+)\s*([<>]?\d{6,8})?(?:-(\d{6,8}))?\s*\]")


@dataclass
class Role:
    code: str
    start: str = ""
    end: str = ""
    origin: str = ORIGIN_PHOENIX
    prominent: bool = False

    def text(self) -> str:
        return f"{self.code}@{self.start}..{self.end}" + ("*" if self.origin != ORIGIN_PHOENIX else "")


@dataclass
class Person:
    name: str
    variants: list[str] = field(default_factory=list)
    short: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)


def display(raw: str) -> str:
    """`TONY_BLAIR_` → `Tony Blair`; `AL-QAEDA_` → `Al-Qaeda`."""
    words = raw.strip("_ ").replace("_", " ").split()
    if len(words) == 1 and len(words[0]) <= 5:
        return words[0]  # an acronym as written: PLA, DGSE
    return " ".join(w if any(c.islower() for c in w) else _capitalized(w) for w in words)


def _capitalized(word: str) -> str:
    """`PEOPLE'S` → `People's`, `AL-QAEDA` → `Al-Qaeda`."""
    return "-".join(part[:1] + part[1:].lower() for part in word.split("-"))


def phoenix_date(raw: str | None) -> str:
    """`970502` → 1997-05-02, `20100711` → 2010-07-11; two-digit years up to 29 are 20xx.

    Malformed values (seven or nine digits, impossible days) give "" and the role is dropped by the caller.
    """
    if not raw:
        return ""
    digits = raw.lstrip("<>")
    if len(digits) == 6:
        yy = int(digits[:2])
        digits = f"{2000 + yy if yy <= 29 else 1900 + yy}{digits[2:]}"
    if len(digits) != 8:
        return ""
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:])).isoformat()
    except ValueError:
        return ""


def map_code(raw: str) -> str | None:
    """A Phoenix actor code in our scheme, or None for codes we do not carry."""
    raw = raw.strip("-~")
    if not raw:
        return None
    head, rest = LEGACY_STATES.get(raw[:3], raw[:3]), raw[3:]
    if head == "IGO":
        parts = [rest[i:i + 3] for i in range(0, len(rest), 3)]
        body = next((p for p in parts if p in IGO_BODIES), None)
        return "IGO" + body if body else "IGO"
    if head == "NGO":
        return "NGO"
    if head == "MNC":
        country = rest[:3]
        country = LEGACY_STATES.get(country, country)
        return country + "BUS" if country in ISO3 else "BUS"
    if head == "IMG":
        parts = [rest[i:i + 3] for i in range(0, len(rest), 3)]
        named = [p for p in parts if p not in IMG_QUALIFIERS]
        return "IMG" + named[-1] if named else "IMG"
    if head in ISO3:
        sector = rest[:3]
        return head + sector if sector in SECTORS else head
    if head in SECTORS:
        return head
    return None


def read_blocks(path: Path) -> list[tuple[str, list[str], list[tuple[str, str, str]], str]]:
    """Phoenix entries: (name, + variants, [(code, start, end)], comment of the first line)."""
    blocks: list[tuple[str, list[str], list[tuple[str, str, str]], str]] = []
    for line in path.read_text(encoding="latin-1").splitlines():
        body, _, comment = line.partition("#")
        if not body.strip():
            continue
        codes = []
        for code, start, end in _ROLE.findall(body):
            if start.startswith("<"):
                start, end = "", start
            codes.append((code, start.lstrip(">"), end))
        word = _ROLE.sub("", body).strip()
        if line[:1] in (" ", "\t") and not word:
            if blocks:
                blocks[-1][2].extend(codes)
        elif word.startswith("+"):
            if blocks:
                blocks[-1][1].append(word[1:].strip())
                blocks[-1][2].extend(codes)
        elif word and not word.startswith(("!", "<", "{")):
            blocks.append((word, [], codes, comment.strip()))
    return blocks


def phoenix_people_and_orgs(shared: Path) -> tuple[list[Person], list[list[str]]]:
    people: list[Person] = []
    orgs: list[list[str]] = []
    files = [("Phoenix.Countries.actors.txt", "organization"), ("Phoenix.International.actors.txt", "organization"),
             ("Phoenix.MilNonState.actors.txt", "group")]
    states = state_names()
    for filename, kind in files:
        for raw, variants, codes, _comment in read_blocks(shared / "data" / "phoenix" / filename):
            mapped = [(map_code(c), s, e) for c, s, e in codes]
            # A country block with dated codes ("MOLDOVA", "KOSOVO") is a state, not a person.
            named_state = norm(display(raw)).replace("-", " ") in states
            if any(s or e for _c, s, e in codes) and not named_state and is_person(raw, [c for c, _s, _e in mapped]):
                roles = []
                for (code, start, end), (_raw, s_raw, e_raw) in zip(mapped, codes, strict=True):
                    s, e = phoenix_date(start), phoenix_date(end)
                    if code is None or (s_raw and not s) or (e_raw and not e) or (s and e and s > e):
                        continue
                    if s and not e and s < PHOENIX_HORIZON:
                        e = PHOENIX_HORIZON
                    roles.append(Role(code, s, e))
                if roles:
                    people.append(Person(display(raw), [display(v) for v in variants], [], roles, [ORIGIN_PHOENIX]))
                continue
            codes_ok = [c for c, _s, _e in mapped if c]
            if not codes_ok or (len(codes_ok[0]) == 3 and codes_ok[0] in ISO3):
                continue  # country blocks: our gazetteer has the states; their cities are places, not actors
            code = codes_ok[0]
            group = kind == "group" or code.startswith("IMG") or code[3:6] in ("REB", "UAF")
            orgs.append(org_row(display(raw), [display(v) for v in variants], code, "group" if group else kind))
    return people, orgs


def state_names() -> set[str]:
    """Normalized names of the states: ISO 3166's names and our gazetteer's (actors_countries.tsv)."""
    names = {getattr(c, attr) for c in pycountry.countries for attr in ("name", "official_name", "common_name")
             if hasattr(c, attr)}
    for line in (DATA / "actors_countries.tsv").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#") and line.count("\t") >= 2 and line.split("\t")[2] == "name":
            names.add(line.split("\t")[0])
    return {norm(n).replace("-", " ") for n in names}


def is_person(raw: str, codes: list[str | None]) -> bool:
    """A dated entry names a person unless it reads or is coded as an organization or armed group."""
    words = set(norm(display(raw)).split())
    return not words & ORG_NAME_WORDS and not any(
        c and (c.startswith(("IMG", "NGO")) or c.endswith("BUS") or c[3:6] in ("REB", "UAF")) for c in codes)


def without_article(name: str) -> str:
    """`The European Union` → `European Union`: the actors stage reads the article itself."""
    return name[4:] if name[:4].lower() == "the " and len(name) > 4 else name


def org_row(name: str, variants: list[str], code: str, kind: str) -> list[str]:
    name, variants = without_article(name), [without_article(v) for v in variants]
    country = code[:3] if code[:3] in ISO3 else ""
    sector = code[3:6] if country else code[:3]
    if kind == "group" and sector not in ("REB", "UAF") and not code.startswith("IMG"):
        code, sector = (country + "REB") if country else "REB", "REB"
    if code.startswith("IMG"):
        sector = "REB"
    aliases = [v for v in dict.fromkeys(variants) if v != name and len(norm(v)) > 1]
    return [f"{'group' if kind == 'group' else 'org'}:{slug(name)}", name, "|".join(aliases), country,
            sector, kind, code, ORIGIN_PHOENIX]


def curated_people() -> list[Person]:
    """Rows of actors_leaders.tsv: name short aliases country sector role title start end source."""
    out: dict[str, Person] = {}
    for line in (DATA / "actors_leaders.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, short, aliases, country, sector, role, _title, start, end, source = (c.strip() for c in line.split("\t"))
        person = out.setdefault(norm(name), Person(name))
        person.variants += [a for a in aliases.split("|") if a]
        person.short += [s for s in short.split("|") if s]
        person.roles.append(Role(country + sector, full_date(start, first=True), full_date(end, first=False),
                                 "curated", prominent=role not in MINOR_ROLES))
        if source not in person.origins:
            person.origins.append(source)
    return list(out.values())


def full_date(text: str, *, first: bool) -> str:
    """`2021`, `2021-04` or `2021-04-02` as a day: the first day of the period for starts, the last for ends."""
    if not text:
        return ""
    parts = text.split("-")
    if len(parts) == 3:
        return text
    year = int(parts[0])
    if len(parts) == 2:
        month = int(parts[1])
        if first:
            return date(year, month, 1).isoformat()
        nxt = date(year + month // 12, month % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1).isoformat()
    return f"{year}-01-01" if first else f"{year}-12-31"


def merge(phoenix: list[Person], curated: list[Person]) -> list[Person]:
    """One person per full name: curated rows join the Phoenix person they name."""
    by_key: dict[str, Person] = {}
    ordered: list[Person] = []
    for person in phoenix + curated:
        keys = [key(person.name), *(key(v) for v in person.variants)]
        found = next((by_key[k] for k in keys if k in by_key and _same_state(by_key[k], person)), None)
        if found is None or found.origins == person.origins:
            found = Person(person.name)
            ordered.append(found)
        else:
            found.name = person.name  # curated spelling ("Recep Tayyip Erdoğan") wins for display
        found.variants += [v for v in [person.name, *person.variants] if v not in found.variants]
        found.short += [s for s in person.short if s not in found.short]
        found.roles += person.roles
        found.origins += [o for o in person.origins if o not in found.origins]
        for k in keys:
            by_key.setdefault(k, found)
    for person in ordered:
        curated_ends = [r.end or "9999" for r in person.roles if r.origin != ORIGIN_PHOENIX]
        if curated_ends:
            # Phoenix's open ends stop in 2014; where our rows know later, a stale open end goes.
            person.roles = [r for r in person.roles if r.origin != ORIGIN_PHOENIX or r.end or not r.start
                            or r.start > max(curated_ends)]
    return ordered


def _same_state(a: Person, b: Person) -> bool:
    """Whether two people named alike held office in one state (or either has none): Saudi Arabia's King
    Abdullah is not Jordan's King Abdullah II, whom Phoenix also calls "King Abdullah". Offices at
    international bodies belong to no state (Jens Stoltenberg led Norway, then NATO)."""
    states_a, states_b = ({r.code[:3] for r in p.roles if not r.code.startswith(("IGO", "IMG"))} for p in (a, b))
    return not states_a or not states_b or bool(states_a & states_b)


def prominence(p: Person) -> int:
    """How well known a person is, by how many surface forms the dictionaries list for them (Phoenix
    lists dozens for a Bush or a Putin, one for a provincial minister); curated office-holders rank high, but
    for `MINOR_ROLES`.
    It settles a bare surname that people of several countries share when the article names neither."""
    return len(p.variants) + 1 + (CURATED_PROMINENCE if any(r.prominent for r in p.roles) else 0)


def usable_variant(v: str) -> bool:
    words = norm(v).split()
    return (1 < len(words) <= 5 and words[0] not in TITLE_WORDS and not any(ch.isdigit() for ch in v)
            and not NOT_NAME_WORDS.intersection(words))


def lowercase_words(shared: Path) -> set[str]:
    """Words the BBC corpus writes in lower case at least as often as capitalized inside a sentence
    ("state", "total", "shell"): as a one-word name they would mostly match ordinary words. The files
    reserved for evaluation are left out."""
    reserved = set((shared / "data" / "gold" / "reserved_bbc_files.txt").read_text(encoding="utf-8").split())
    lower: dict[str, int] = defaultdict(int)
    upper: dict[str, int] = defaultdict(int)
    for path in sorted((shared / "data" / "bbc").rglob("*.txt")):
        if path.name in reserved or str(path.relative_to(shared / "data" / "bbc")) in reserved:
            continue
        for word in _INNER_WORD.findall(path.read_text(encoding="utf-8", errors="replace")):
            (upper if word[0].isupper() else lower)[word.lower()] += 1
    return {w for w, n in lower.items() if n >= upper.get(w, 0)}


def common_words(shared: Path) -> set[str]:
    """Words of our own tables (agent nouns, triggers), calendar words and words news writes in lower
    case: never a surname or an organization's name on its own."""
    words = set(TITLE_WORDS) | ORG_NAME_WORDS | set(CALENDAR) | lowercase_words(shared)
    for name, column in (("actors_sectors.tsv", 0), ("triggers.tsv", 0)):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                words.update(line.split("\t")[column].split())
    return words


def derived_short(person: Person, common: set[str]) -> list[str]:
    """The surname the press uses alone: curated forms, Phoenix one-word variants and the last name,
    unless that is a common word ("State", "March") or the curated row names the forms the press uses
    instead ("Abiy" for Abiy Ahmed, "Lu-Olo" for Francisco Guterres, "Johnson Smith" and not "Smith")."""
    forms = [v for v in person.variants if len(v.split()) == 1]
    last = person.name.split()[-1]
    if len(person.name.split()) > 1 and len(last) >= MIN_SURNAME and last[:1].isupper() and not person.short:
        forms.append(last)
    forms = [f for f in forms if norm(f) not in common and len(norm(f)) >= MIN_SURNAME]
    return list(dict.fromkeys(person.short + forms))


def people_rows(people: list[Person], common: set[str]) -> list[list[str]]:
    """One row per person; names several people share are settled at code time by date and country."""
    rows = []
    used: set[str] = set()
    for p in people:
        variants = [v for v in dict.fromkeys([p.name, *p.variants]) if usable_variant(v)]
        short = derived_short(p, common)
        entity = f"person:{slug(p.name)}"
        while entity in used:
            entity += "-2"
        used.add(entity)
        roles = sorted({r.text(): r for r in p.roles}.values(), key=lambda r: (r.start or "0000", r.end, r.code))
        rows.append([entity, p.name, "|".join(variants), "|".join(short), " ".join(r.text() for r in roles),
                     str(prominence(p)), "|".join(p.origins)])
    return rows


HEADER_PEOPLE = """# entity\tname\tvariants\tshort\troles\tprominence\torigin
# Generated by training/build_actors.py; do not edit by hand. People with dated roles, from the
# PETRARCH/Phoenix dictionaries (Phoenix.Countries.actors.txt, Phoenix.International.actors.txt; MIT,
# Copyright (c) 2014 Open Event Data Alliance, see data/README.md for the notice) and our curated
# actors_leaders.tsv (heads of state and government and foreign ministers 2015-2026, each row with its source).
# roles: CODE@START..END, ISO dates, open ends empty, `*` after a curated role; a role with no dates
# holds whenever no dated role does.
# A name several people share is settled at code time: by who held office on the article's date, then
# by the countries the article names.
"""
HEADER_ORGS = """# entity\tname\taliases\tcountry\tsector\tkind\tcode\torigin
# Generated by training/build_actors.py; do not edit by hand. International organizations, NGOs,
# multinationals, state institutions and armed groups from the PETRARCH/Phoenix dictionaries
# (Phoenix.International.actors.txt, Phoenix.Countries.actors.txt, Phoenix.MilNonState.actors.txt; MIT,
# Copyright (c) 2014 Open Event Data Alliance, see data/README.md). Our curated actors_organizations.tsv
# and actors_groups.tsv come first wherever an alias is in both; actors_dictionary_exclusions.tsv names the
# aliases left out.
"""


def build(shared: Path) -> tuple[str, str, str]:
    """The two tables' text, and a one-line summary; the same inputs give the same bytes."""
    phoenix, orgs = phoenix_people_and_orgs(shared)
    people = merge(phoenix, curated_people())
    common = common_words(shared)
    rows = people_rows(people, common)
    excluded = {line.split("\t")[0] for line in (DATA / "actors_dictionary_exclusions.tsv").read_text(
        encoding="utf-8").splitlines() if line and not line.startswith("#")}
    seen: set[str] = set()
    org_lines = []
    for row in orgs:
        names = [a for a in [row[1], *row[2].split("|")]
                 if a and a not in excluded and not (" " not in a and norm(a) in common)]
        if row[0] in seen or not names:
            continue
        seen.add(row[0])
        row = [row[0], names[0], "|".join(names[1:]), *row[3:]]
        org_lines.append("\t".join(row) + "\n")
    roles = sum(len(r[4].split()) for r in rows)
    summary = f"{len(rows)} people ({roles} roles); {len(org_lines)} organizations and groups"
    return (HEADER_PEOPLE + "".join("\t".join(r) + "\n" for r in rows), HEADER_ORGS + "".join(org_lines), summary)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    args = ap.parse_args()
    people_text, orgs_text, summary = build(args.shared)
    (DATA / "actors_people.tsv").write_text(people_text, encoding="utf-8")
    (DATA / "actors_dictionary.tsv").write_text(orgs_text, encoding="utf-8")
    print(summary)


if __name__ == "__main__":
    main()

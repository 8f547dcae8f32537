"""CAMEO codes and the trigger lexicon: the package's curated reference tables.

The tables live as TSV files in ``dyadwatch/data`` (their origin is in ``data/README.md``) so that analysts
can read and review them without reading code.  Each table is parsed once, on first use, and checked while
it is parsed: a malformed table is a packaging error, so it raises instead of coding events with wrong
Goldstein values.  Lookups that find nothing return ``None``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

# PLOVER type -> quad class (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
# conflict).  It follows the CAMEO roots the types come from, except CONCEDE, a verbal concession (CAMEO
# 035x); PROTEST stays 3 because CAMEO 14 is verbal conflict.  cameo.tsv gives every code its type's quad
# class (training/build_reftables.py), so 02x appeals are 3 and 09x investigations 3.
QUAD_CLASS: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 3,
    "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}  # fmt: skip

# The most general CAMEO code of each PLOVER type: the "not specified below" code of the CAMEO root the
# type is named after.  CONCEDE, a verbal concession, takes 035 "Express intent to yield"; RETREAT takes 084
# "Return, release", the first RETREAT code of root 08 whose mapping names no mode or context.
GENERAL_CAMEO: dict[str, str] = {
    "AGREE": "030", "CONSULT": "040", "SUPPORT": "050", "CONCEDE": "035", "COOPERATE": "060",
    "AID": "070", "RETREAT": "084", "REQUEST": "100", "ACCUSE": "110", "REJECT": "120",
    "THREATEN": "130", "PROTEST": "140", "SANCTION": "160", "MOBILIZE": "150", "COERCE": "170",
    "ASSAULT": "180",
}  # fmt: skip

# (type, mode) pairs where the rule in default_cameo picks a narrower or different action than the mode's
# codebook definition: e.g. COERCE/restrict spans 163 (embargo), 172 (administrative sanctions) and 191
# (blockade); THREATEN/violence would otherwise be 137 "threaten with violent repression".
GENERAL_CAMEO_BY_MODE: dict[tuple[str, str], str] = {
    ("COERCE", "restrict"): "172",
    ("COERCE", "curfew"): "1723",
    ("ACCUSE", "allege"): "112",
    ("REJECT", "yield"): "124",
    ("THREATEN", "relations"): "1313",
    ("THREATEN", "violence"): "138",
    ("ASSAULT", "assassinate"): "186",
}

POS_TAGS = ("VERB", "NOUN")
CAMEO_COLUMNS = ("code", "description", "goldstein", "quad_class", "event_type", "mode", "context")
TRIGGER_COLUMNS = ("lemma", "pos", "event_type", "mode", "cameo")


class ReferenceTableError(ValueError):
    """A packaged reference table is malformed; the message names the file and line."""


# Words that make a noun entry head-first ("state of emergency", "call for").
PREPOSITIONS = frozenset({"of", "for", "on", "to", "with", "against"})


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO code (manual 1.1b3 numbering) with its Goldstein value and PLOVER mapping."""

    code: str
    description: str
    goldstein: float
    quad_class: int
    event_type: str
    mode: str | None
    context: tuple[str, ...]


@dataclass(frozen=True)
class Trigger:
    """A word (or head word plus particle/complement) that signals an event of one PLOVER type."""

    lemma: str
    pos: str
    event_type: str
    mode: str | None
    cameo: str

    @property
    def words(self) -> tuple[str, ...]:
        """The lemma split into words."""
        return tuple(self.lemma.split(" "))

    @property
    def head_last(self) -> bool:
        """A noun compound ("hunger strike", "cyber attack") is headed by its last word; a verb with its
        particle or complement ("pull out", "close embassy") and a noun with its preposition ("state of
        emergency", "call for") by their first."""
        return self.pos == "NOUN" and len(self.words) > 1 and PREPOSITIONS.isdisjoint(self.words)

    @property
    def head(self) -> str:
        """The word a parser finds as the head of the entry's phrase."""
        return self.words[-1] if self.head_last else self.words[0]

    @property
    def others(self) -> tuple[str, ...]:
        """The entry's words besides its head: the head's modifiers, or its particle or complement."""
        return self.words[:-1] if self.head_last else self.words[1:]


def rows(name: str, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Read a packaged TSV, checking its header and column count; returns (line number, row) pairs.

    Lines starting with ``#`` before the header say where the table comes from and are skipped."""
    text = resources.files("dyadwatch").joinpath("data", name).read_text(encoding="utf-8")
    lines = text.splitlines()
    skipped = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))
    reader = csv.reader(lines[skipped:], delimiter="\t", quoting=csv.QUOTE_NONE)
    header = tuple(next(reader, ()))
    if header != columns:
        raise ReferenceTableError(f"{name}: header {header!r}, expected {columns!r}")
    rows = []
    for number, record in enumerate(reader, skipped + 2):
        if len(record) != len(columns):
            raise ReferenceTableError(f"{name}:{number}: {len(record)} columns, expected {len(columns)}")
        rows.append((number, dict(zip(columns, record, strict=True))))
    return rows


def _check_type(name: str, number: int, event_type: str) -> None:
    if event_type not in QUAD_CLASS:
        raise ReferenceTableError(f"{name}:{number}: unknown PLOVER event type {event_type!r}")


@cache
def cameo_codes() -> dict[str, CameoCode]:
    """All CAMEO codes keyed by code, parsed once from ``data/cameo.tsv``."""
    codes: dict[str, CameoCode] = {}
    for number, row in rows("cameo.tsv", CAMEO_COLUMNS):
        code = row["code"]
        if not (code.isdigit() and 3 <= len(code) <= 4):
            raise ReferenceTableError(f"cameo.tsv:{number}: malformed CAMEO code {code!r}")
        if code in codes:
            raise ReferenceTableError(f"cameo.tsv:{number}: CAMEO code {code} listed twice")
        _check_type("cameo.tsv", number, row["event_type"])
        goldstein = float(row["goldstein"])
        if not -10.0 <= goldstein <= 10.0:
            raise ReferenceTableError(f"cameo.tsv:{number}: Goldstein value {goldstein} outside [-10, 10]")
        codes[code] = CameoCode(
            code=code,
            description=row["description"],
            goldstein=goldstein,
            quad_class=int(row["quad_class"]),
            event_type=row["event_type"],
            mode=row["mode"] or None,
            context=tuple(row["context"].split(",")) if row["context"] else (),
        )
    return codes


def cameo(code: str) -> CameoCode | None:
    """The CAMEO code's entry, or ``None`` when the table has no such code."""
    return cameo_codes().get(code)


def quad_class(event_type: str) -> int:
    """Quad class of a PLOVER type; an unknown type is a programming error and raises ``KeyError``."""
    return QUAD_CLASS[event_type]


def default_cameo(event_type: str, mode: str | None = None) -> str:
    """The most general CAMEO code for a PLOVER type, narrowed by mode when some code has that mode.

    Among the codes of the type and mode (those in the root of the type's general code when there are any,
    so REQUEST stays in 10x "demand" rather than 02x "appeal"), their common parent code is taken when it
    exists and has the same type (RETREAT/withdraw: 0872 and 0874 give 087); otherwise the shortest, lowest
    code.  A few pairs are pinned in GENERAL_CAMEO_BY_MODE.  Only codes in cameo.tsv are returned, so an
    event never carries a code the table cannot describe.
    """
    codes = cameo_codes()
    general = GENERAL_CAMEO[event_type]
    if mode is None:
        return general
    if (event_type, mode) in GENERAL_CAMEO_BY_MODE:
        return GENERAL_CAMEO_BY_MODE[event_type, mode]
    candidates = sorted(c.code for c in codes.values() if c.event_type == event_type and c.mode == mode)
    if not candidates:
        return general
    in_root = [code for code in candidates if code[:2] == general[:2]]
    candidates = in_root or candidates
    parent = _common_prefix(candidates)
    if len(parent) >= 3 and parent in codes and codes[parent].event_type == event_type:
        return parent
    return min(candidates, key=lambda code: (len(code), code))


def _common_prefix(codes: list[str]) -> str:
    """Longest string every code starts with: CAMEO nests codes by prefix (087 ⊃ 0872, 0874)."""
    first, last = min(codes), max(codes)
    length = 0
    while length < min(len(first), len(last)) and first[length] == last[length]:
        length += 1
    return first[:length]


@cache
def triggers() -> dict[tuple[str, str], Trigger]:
    """The trigger lexicon keyed by (lemma, pos), parsed once from ``data/triggers.tsv``."""
    table: dict[tuple[str, str], Trigger] = {}
    for number, row in rows("triggers.tsv", TRIGGER_COLUMNS):
        key = (row["lemma"], row["pos"])
        if not row["lemma"] or row["lemma"] != " ".join(row["lemma"].split()):
            raise ReferenceTableError(f"triggers.tsv:{number}: malformed lemma {row['lemma']!r}")
        if row["pos"] not in POS_TAGS:
            raise ReferenceTableError(f"triggers.tsv:{number}: pos {row['pos']!r} is not one of {POS_TAGS}")
        if key in table:
            raise ReferenceTableError(f"triggers.tsv:{number}: {key} listed twice")
        _check_type("triggers.tsv", number, row["event_type"])
        table[key] = Trigger(
            lemma=row["lemma"],
            pos=row["pos"],
            event_type=row["event_type"],
            mode=row["mode"] or None,
            cameo=row["cameo"],
        )
    return table


@cache
def trigger_heads() -> dict[tuple[str, str], list[Trigger]]:
    """Triggers grouped by (head word, pos), so a parser can look up "pull out" from the verb "pull" and
    "hunger strike" from the noun "strike".

    Within a group the longest entries come first: a matcher that tries them in order prefers
    "take control" over a plain "take" when both would match.
    """
    heads: dict[tuple[str, str], list[Trigger]] = {}
    for trigger in triggers().values():
        heads.setdefault((trigger.head, trigger.pos), []).append(trigger)
    for group in heads.values():
        group.sort(key=lambda t: (-len(t.words), t.lemma))
    return heads

"""Build ``src/dyadwatch/data/cameo.tsv`` from the reference files in ``../shared/data``.

Why a build step: the CAMEO→PLOVER map (``cameo2plover.txt``, CAMEO 1.1b3 manual numbering) and the
Goldstein table (``cameo_codes_goldstein.tsv``, GDELT's file, which numbers the 16x codes and parts of
02x/035x/10x/12x differently) disagree on numbering and wording.  The package ships one merged table;
this script is the only place where the two sources are reconciled, so every pinned value is visible
here and in ``src/dyadwatch/data/README.md``.  ``tests/test_reftables.py`` re-runs :func:`build_rows`
and compares the result with the committed file.

Usage: ``python training/build_reftables.py [--data DIR] [--out FILE]``
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from dyadwatch.reftables import QUAD_CLASS  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "data"
DEFAULT_OUT = REPO / "src" / "dyadwatch" / "data" / "cameo.tsv"
COLUMNS = ("code", "description", "goldstein", "quad_class", "event_type", "mode", "context")

# CAMEO 02x (APPEAL), manual 1.1b3 numbering.  cameo2plover.txt has no 02 section, but PLOVER REQUEST
# ("all requests, demands, and orders") covers appeals, and news verbs such as "urge", "appeal" and
# "call for" are 02x in CAMEO.  Each 02x code mirrors the 10x (DEMAND) code with the same last digits,
# from which it takes PLOVER mode and context.
APPEAL_CODES: dict[str, str] = {
    "020": "Make an appeal or request",
    "021": "Appeal for material cooperation",
    "0211": "Appeal for economic cooperation",
    "0212": "Appeal for military cooperation",
    "0213": "Appeal for judicial cooperation",
    "0214": "Appeal for intelligence",
    "022": "Appeal for diplomatic cooperation (such as policy support)",
    "023": "Appeal for aid",
    "0231": "Appeal for economic aid",
    "0232": "Appeal for military aid",
    "0233": "Appeal for humanitarian aid",
    "0234": "Appeal for military protection or peacekeeping",
    "024": "Appeal for political reform",
    "0241": "Appeal for change in leadership",
    "0242": "Appeal for policy change",
    "0243": "Appeal for rights",
    "0244": "Appeal for change in institutions, regime",
    "025": "Appeal to yield",
    "0251": "Appeal for easing of administrative sanctions",
    "0252": "Appeal for easing of popular dissent",
    "0253": "Appeal for release of persons or property",
    "0254": "Appeal for easing of economic sanctions, boycott, or embargo",
    "0255": "Appeal for target to allow international involvement (non-mediation)",
    "0256": "Appeal for de-escalation of military engagement",
    "026": "Appeal to others to meet or negotiate",
    "027": "Appeal to others to settle dispute",
    "028": "Appeal to others to engage in or accept mediation",
}

# PLOVER modes pinned where cameo2plover.txt uses a mode that plover_codebook.csv does not define for the
# event type (or, for 0874, where the codebook's definition of another mode fits the description).
MODE_PINS: dict[str, str] = {
    "085": "",  # "ease": cameo2plover's own note says "ease" is no longer a mode
    "0874": "withdraw",  # codebook: withdraw = "retreat from territory", "withdraw forces from an area"
    "1321": "rights",  # "political" is not a THREATEN mode; codebook "rights" = restrict speech, expression
    "1712": "destroy",  # "seize" is not an ASSAULT mode; codebook "destroy" = destroy property
    "1724": "curfew",  # "martial-law" is not a mode; codebook "curfew" = impose state of emergency/martial law
    "195": "aerial",  # codebook: aerial = attack from manned aircraft; "heavy-weapons" is artillery and tanks
    "175": "",  # "pro_autocracy" is a context written in the mode column; moved to context below
}
CONTEXT_PINS: dict[str, str] = {"175": "military,pro_autocracy"}
# PLOVER types pinned where cameo2plover.txt contradicts the quad class (issue 13): PLOVER CONCEDE is a
# verbal concession (codebook: "no immediate material effect"), so it takes CAMEO 035x "express intent
# to yield" (verbal cooperation); the material 080-083 yields that actually happen are RETREAT.
TYPE_PINS: dict[str, str] = {
    **dict.fromkeys(("035", "0351", "0352", "0353", "0354", "0355", "0356"), "CONCEDE"),
    **dict.fromkeys(("080", "081", "0811", "0812", "082", "083", "0831", "0832", "0833", "0834"), "RETREAT"),
}
# Descriptions cleaned where cameo2plover.txt has an editor's note or a typo in the comment.
DESCRIPTION_PINS: dict[str, str] = {
    "0813": "Ease curfew",
    "055": "Apologize",
    "100": "Demand",
    "1444": "Obstruct passage to demand change in institutions, regime",
}

# Goldstein values are carried over from GDELT's table by description.  Where the wording differs, the
# GDELT description that says the same thing is named here (manual code -> GDELT description).
GOLDSTEIN_ALIASES: dict[str, str] = {
    "020": "Appeal, not specified below",
    "021": "Appeal for cooperation, not specified below",
    "0211": "Appeal for cooperation, not specified below",
    "0212": "Appeal for cooperation, not specified below",
    "0213": "Appeal for judicial cooperation",
    "0214": "Make an appeal for, request, or suggest sharing of intelligence.",
    "022": "Appeal for policy support",
    "028": "Appeal to others to engage in mediation",
    "031": "Express intent to engage in material cooperation",
    "032": "Express intent to provide policy support",
    "033": "Express intent to provide aid",
    "0313": "Express intent to cooperate economically",
    "0314": "Express intent to cooperate economically",
    "0352": "Express intent to stop protests",
    "0353": "Express intent to release persons or property",
    "0354": "Express intent to ease economic sanctions, boycott, or embargo",
    "0355": "Express intent allow international involvement (not mediation)",
    "0356": "Express intent to de-escalate military engagement",
    "044": "Meet at a \u201cthird\u201d location",
    "045": "Mediate",
    "0872": "Ease military blocka[-2.0",  # GDELT's row is garbled; its value column reads 9.0
    "0811": "Ease restrictions on freedoms of speech and expression",
    "082": "Ease popular protest",
    "083": "Accede to demands for political reform",
    "100": "Demand, not specified below",
    "101": "Demand, not specified below",
    "102": "Demand policy support",
    "103": "Demand aid, protection, or peacekeeping",
    "105": "Demand, not specified below",
    "1053": "Demand release of persons or property",
    "106": "Demand meeting, negotiation",
    "107": "Demand, not specified below",
    "108": "Demand mediation",
    "110": "Disapprove",
    "116": "Disapprove, not specified below",
    "121": "Reject proposal, not specified below",
    "122": "Reject request for material aid",
    "123": "Reject demands for political reform",
    "124": "Reject, not specified below",
    "125": "Reject proposal to meet, discuss, or negotiate",
    "127": "Reject settlement",
    "128": "Defy norms, law",
    "129": "Veto",
    "133": "Threaten collective dissent",
    "136": "Threaten to expel or withdraw peacekeepers",
    "138": "Threaten to use military force",
    "140": "Engage in popular protest",
    "1411": "Demonstrate for change in leadership",
    "1421": "Conduct hunger strike for change in leadership",
    "164": "Halt negotiations",
    "166": "Expel or withdraw",
    "1661": "Expel or withdraw peacekeepers",
    "1662": "Expel or withdraw inspectors, observers",
    "1663": "Expel or withdraw aid agencies",
    "180": "Use unconventional violence",
    "181": "Abduct, hijack, or take hostage",
    "183": "Conduct suicide, car, or other non-military bombing",
    "200": "Engage in unconventional mass violence",
    "2041": "Use chemical, biological, or radiologicalweapons",
}
# Four-digit codes under these parents have no counterpart in GDELT's table (or, for 145x, a garbled one:
# GDELT repeats the 144x wording there), so they take the value of their three-digit parent, the "not
# specified below" form of the same action.  GDELT gives every sub-code of these parents the parent's
# value (1053, 1233 match by description and agree), so nothing is invented.
GOLDSTEIN_FROM_PARENT = ("025", "101", "103", "105", "121", "122", "123", "124", "145")

ENTRY = re.compile(r"^(?P<code>\d{3,4}):\s*(?P<type>[A-Z]+)\s*,(?P<mode>[^,#]*),(?P<context>[^#]*)#(?P<desc>.*)$")
SECTION = re.compile(r"^\d\d:\s*[A-Z]+\s*$")


def quad_class_of(code: str, event_type: str) -> int:
    """Quad class of the code's PLOVER type (``dyadwatch.reftables.QUAD_CLASS``), so that a code never
    contradicts its type: CAMEO's root puts 02x appeals in verbal cooperation and 09x investigations in
    material cooperation, where PLOVER's REQUEST and ACCUSE are verbal conflict."""
    root = int(code[:2])
    if not 1 <= root <= 20:
        raise ValueError(f"CAMEO code {code!r} has no root in 01-20")
    return QUAD_CLASS[event_type]


def normalize(description: str) -> str:
    """Description key for matching: case, punctuation and the "not specified below" tail do not count."""
    text = description.lower()
    text = re.sub(r",?\s*not spec(ified)? below", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return text.strip()


def read_cameo2plover(path: Path) -> dict[str, dict[str, str]]:
    """Parse ``code: TYPE, mode, context # description`` lines; two-digit lines are section headings."""
    rows: dict[str, dict[str, str]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or stripped.startswith("~") or SECTION.match(stripped):
            continue
        match = ENTRY.match(stripped)
        if match is None:
            raise ValueError(f"{path}:{number}: unparsed line {line!r}")
        code = match["code"]
        contexts = [c.strip() for c in match["context"].split(";") if c.strip()]
        row = {
            "code": code,
            "description": re.sub(r"\s+", " ", match["desc"]).strip(),
            "event_type": match["type"],
            "mode": match["mode"].strip(),
            "context": ",".join(contexts),
        }
        if code in rows:
            # 175 is listed twice with two wordings; the mapping must agree, the first wording is kept.
            old = rows[code]
            if (old["event_type"], old["mode"], old["context"]) != (row["event_type"], row["mode"], row["context"]):
                raise ValueError(f"{path}:{number}: code {code} mapped twice with different PLOVER values")
            continue
        rows[code] = row
    return rows


def read_goldstein(path: Path) -> dict[str, float]:
    """GDELT's table keyed by normalized description; a description listed twice must have one value.

    Two-digit root rows are skipped: cameo.tsv has no root rows, and a root's value can differ from its
    "not specified below" code (13 THREATEN -6.0, 130 -4.4).
    """
    values: dict[str, float] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")
        next(reader)
        for record in reader:
            if not record or len(record[0].strip()) == 2:
                continue
            key, value = normalize(record[1]), float(record[2])
            if key in values and values[key] != value:
                raise ValueError(f"{path}: description {record[1]!r} has two Goldstein values")
            values[key] = value
    return values


def build_rows(data_dir: Path) -> list[dict[str, str]]:
    """Merge the sources into the rows of cameo.tsv, sorted by code; raise on anything unmatched."""
    mapping = read_cameo2plover(data_dir / "cameo2plover.txt")
    goldstein = read_goldstein(data_dir / "cameo_codes_goldstein.tsv")
    for code, description in APPEAL_CODES.items():
        demand = mapping["10" + code[2:]]
        mapping[code] = {
            "code": code,
            "description": description,
            "event_type": "REQUEST",
            "mode": demand["mode"],
            "context": demand["context"],
        }
    for code, mode in MODE_PINS.items():
        mapping[code]["mode"] = mode
    for code, context in CONTEXT_PINS.items():
        mapping[code]["context"] = context
    for code, event_type in TYPE_PINS.items():
        mapping[code]["event_type"] = event_type
    for code, description in DESCRIPTION_PINS.items():
        mapping[code]["description"] = description

    def value_of(code: str) -> float:
        if len(code) == 4 and code[:3] in GOLDSTEIN_FROM_PARENT:
            return value_of(code[:3])
        key = normalize(GOLDSTEIN_ALIASES.get(code, mapping[code]["description"]))
        if key not in goldstein:
            raise ValueError(f"CAMEO {code} {mapping[code]['description']!r}: no Goldstein value by description")
        return goldstein[key]

    rows = []
    for code in sorted(mapping, key=lambda c: (c[:3], c)):
        row = dict(mapping[code])
        row["goldstein"] = f"{value_of(code):.1f}"
        row["quad_class"] = str(quad_class_of(code, row["event_type"]))
        rows.append({column: row[column] for column in COLUMNS})
    return rows


def render(rows: list[dict[str, str]]) -> str:
    """TSV text with a header line and Unix newlines, so rebuilding is byte-for-byte reproducible."""
    lines = ["\t".join(COLUMNS)]
    lines += ["\t".join(row[column] for column in COLUMNS) for row in rows]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="directory with the shared reference files")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write cameo.tsv")
    args = parser.parse_args()
    rows = build_rows(args.data)
    args.out.write_text(render(rows), encoding="utf-8")
    print(f"wrote {len(rows)} CAMEO codes to {args.out}")


if __name__ == "__main__":
    main()

"""Integrity of the packaged reference tables (cameo.tsv, triggers.tsv) and of their small API."""

from __future__ import annotations

import csv
import importlib.util
from collections import defaultdict
from importlib import resources
from pathlib import Path

import pytest

from dyadwatch import reftables

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
needs_shared_data = pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="../shared/data is not available")

# Triggers whose CAMEO code belongs to another PLOVER type in cameo.tsv; each is explained in data/README.md.
TYPE_EXCEPTIONS: dict[str, set[str]] = {
    "0831": {"RETREAT"},  # resign, step down: codebook RETREAT/resign; CAMEO's code is 0831 (CONCEDE)
    "116": {"SANCTION"},  # convict, sentence: codebook SANCTION/convict; CAMEO 116 maps to ACCUSE
    "163": {"SANCTION"},  # impose sanctions, embargo: the gold guidelines' SANCTION; CAMEO 163 maps to COERCE
}


def load_build_script():
    spec = importlib.util.spec_from_file_location("build_reftables", REPO / "training" / "build_reftables.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_code_has_one_goldstein_value_in_range():
    text = resources.files("dyadwatch").joinpath("data", "cameo.tsv").read_text(encoding="utf-8")
    values: dict[str, set[str]] = defaultdict(set)
    for row in csv.DictReader(text.splitlines(), delimiter="\t"):
        values[row["code"]].add(row["goldstein"])
    assert all(len(v) == 1 for v in values.values())
    assert all(-10.0 <= code.goldstein <= 10.0 for code in reftables.cameo_codes().values())


def test_every_event_type_has_codes_and_a_quad_class():
    codes = reftables.cameo_codes().values()
    assert set(reftables.EVENT_TYPES) == set(reftables.QUAD_CLASS)
    for event_type in reftables.EVENT_TYPES:
        own = [c for c in codes if c.event_type == event_type]
        assert own, event_type
        assert reftables.quad_class(event_type) in {c.quad_class for c in own}, event_type


def test_quad_class_follows_the_plover_type_and_otherwise_the_cameo_root():
    """CAMEO's roots and PLOVER's types disagree only on 02x appeals (REQUEST), 035x (CONCEDE) and 09x
    investigations (ACCUSE); there the PLOVER type decides."""
    for code in reftables.cameo_codes().values():
        root = int(code.code[:2])
        assert code.quad_class == reftables.quad_class(code.event_type), code.code
        if root not in (2, 9) and not code.code.startswith("035"):
            assert code.quad_class == (1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4), code.code


def test_lookups():
    withdrawal = reftables.cameo("0874")
    assert withdrawal is not None
    assert (withdrawal.event_type, withdrawal.mode, withdrawal.goldstein, withdrawal.quad_class) == (
        "RETREAT", "withdraw", 10.0, 2,
    )  # fmt: skip
    assert reftables.cameo("163").description == "Impose embargo, boycott, or sanctions"
    assert reftables.cameo("166").description == "Expel or withdraw"
    assert reftables.cameo("9999") is None
    assert reftables.quad_class("PROTEST") == 3
    assert reftables.quad_class("RETREAT") == 2


def test_default_cameo_is_a_real_code_of_the_type():
    modes = {(c.event_type, c.mode) for c in reftables.cameo_codes().values()}
    for event_type, mode in modes | {(t, None) for t in reftables.EVENT_TYPES}:
        code = reftables.cameo(reftables.default_cameo(event_type, mode))
        assert code is not None and code.event_type == event_type, (event_type, mode)
    assert reftables.default_cameo("RETREAT", "withdraw") == "087"
    assert reftables.default_cameo("REQUEST", "yield") == "105"
    assert reftables.default_cameo("ASSAULT") == "180"
    assert reftables.default_cameo("CONSULT", "no-such-mode") == "040"


@needs_shared_data
def test_every_cameo2plover_code_is_present():
    build = load_build_script()
    mapped = build.read_cameo2plover(SHARED_DATA / "cameo2plover.txt")
    assert set(mapped) <= set(reftables.cameo_codes())


@needs_shared_data
def test_rebuilding_gives_the_committed_table():
    build = load_build_script()
    committed = resources.files("dyadwatch").joinpath("data", "cameo.tsv").read_text(encoding="utf-8")
    assert build.render(build.build_rows(SHARED_DATA)) == committed


def test_triggers_are_valid():
    codes = reftables.cameo_codes()
    table = reftables.triggers()
    assert 400 <= len(table) <= 1000
    assert {t.event_type for t in table.values()} == set(reftables.EVENT_TYPES)
    for trigger in table.values():
        code = codes.get(trigger.cameo)
        assert code is not None, trigger
        assert code.event_type == trigger.event_type or trigger.event_type in TYPE_EXCEPTIONS.get(code.code, ()), (
            trigger
        )


def test_trigger_file_has_no_duplicate_keys():
    text = resources.files("dyadwatch").joinpath("data", "triggers.tsv").read_text(encoding="utf-8")
    keys = [(row["lemma"], row["pos"]) for row in csv.DictReader(text.splitlines(), delimiter="\t")]
    assert len(keys) == len(set(keys))


@needs_shared_data
def test_trigger_modes_are_codebook_modes():
    modes: dict[str, set[str]] = defaultdict(set)
    with (SHARED_DATA / "plover_codebook.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            modes[row["event"]].add(row["mode"])
    for trigger in reftables.triggers().values():
        assert trigger.mode is None or trigger.mode in modes[trigger.event_type], trigger


def test_multiword_triggers_are_found_from_their_head():
    heads = reftables.trigger_heads()
    pulls = [t.lemma for t in heads[("pull", "VERB")]]
    assert "pull out" in pulls
    assert reftables.triggers()[("attack", "NOUN")].event_type == "ASSAULT"
    assert reftables.triggers()[("attack", "VERB")].event_type == "ASSAULT"
    takes = heads[("take", "VERB")]
    assert "take control" in [t.lemma for t in takes]
    assert [len(t.words) for t in takes] == sorted((len(t.words) for t in takes), reverse=True)
    strikes = [t.lemma for t in heads[("strike", "NOUN")]]
    assert {"hunger strike", "air strike", "drone strike"} <= set(strikes)
    assert ("hunger", "NOUN") not in heads
    assert sorted(t.lemma for t in heads[("state", "NOUN")]) == ["state of emergency", "state of siege"]

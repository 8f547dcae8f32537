"""Integrity of PLV's rows typed by the guidelines (training/plv_guidelines): every row once, in PLV's order,
each type one of the 16 or NONE, and each label what the two passes agreed on or the adjudicator decided."""

from __future__ import annotations

import csv
import importlib.util
import json

from tests.conftest import ROOT, SHARED, require_shared

FOLDER = ROOT / "training" / "plv_guidelines"


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("plv_guidelines", FOLDER / "plv_guidelines.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _labels() -> list[dict]:
    return [json.loads(line) for line in (FOLDER / "labels.jsonl").read_text(encoding="utf-8").splitlines()]


def test_every_plv_row_is_labelled_once_in_order() -> None:
    with require_shared(SHARED / "data" / "plv_train.tsv").open(newline="", encoding="utf-8") as handle:
        plv = list(csv.DictReader(handle, delimiter="\t"))
    assert [(x["row"], x["sentence_id"]) for x in _labels()] == [(i, r["sentence_id"]) for i, r in enumerate(plv)]


def test_labels_are_the_agreed_or_adjudicated_types() -> None:
    script = _script()
    first, second = script.passes()
    ruled = {r["row"]: r["type"] for r in script.read_jsonl(FOLDER / "adjudicated.jsonl")}
    for label in _labels():
        row = label["row"]
        assert label["type"] in script.TYPES
        if label["agreement"] == "both coders":
            assert first[row]["type"] == second[row]["type"] == label["type"], row
        else:
            assert label["agreement"] == "adjudicated" and first[row]["type"] != second[row]["type"], row
            assert ruled[row] == label["type"], row
    assert set(ruled) == {r for r in first if first[r]["type"] != second[r]["type"]}

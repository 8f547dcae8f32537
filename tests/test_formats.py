"""Imports (GDELT 1.0/2.0, ICEWS, POLECAT/PLOVER) and exports, on the real sample rows in ../shared/data."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb

from dyadwatch import formats
from dyadwatch.formats import gdelt, icews
from dyadwatch.model import Actor, Article, CodedArticle, Event, Location, Sentence
from dyadwatch.store import Store
from tests.conftest import SHARED, require_shared

ICEWS = SHARED / "data" / "icews_events_2018_sample.tab"
GDELT1 = SHARED / "data" / "gdelt1_sample_20240921.csv"


def test_icews_sample_every_row_imported_or_reported(store: Store) -> None:
    with open(require_shared(ICEWS), encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    statements = sum(1 for r in rows if r["CAMEO Code"].startswith("01"))
    report = formats.import_file("icews", ICEWS, store)
    assert report.rows == len(rows) == 3705 and report.accounted
    assert report.imported == len(rows) - statements and len(report.unmapped) == statements
    assert report.rejected == [] and all("[E032]" in r.message for r in report.unmapped)
    assert report.unmapped_codes().startswith("010×528, ")
    assert store.counts()["events"] == report.imported
    again = formats.import_file("icews", ICEWS, store)
    assert again.imported == 0 and again.known == report.imported


def test_icews_row_mapped_to_our_codes(store: Store) -> None:
    formats.import_file("icews", require_shared(ICEWS), store)
    event = next(e for e in store.events() if e.id == "icews:32889836")
    assert (event.article_id, event.sentence_index, event.date) == ("icews:47400351", 2, "2018-06-01")
    assert (event.event_type, event.cameo, event.quad_class) == ("CONSULT", "040", 1)
    assert event.source and (event.source.country, event.source.sector, event.source.code) == ("BGD", "GOV", "BGDGOV")
    assert event.target and (event.target.country, event.target.sector) == ("VNM", "MIL")
    assert event.location and (event.location.name, event.location.country) == ("Hanoi", "VNM")
    origins = store.con.execute("SELECT DISTINCT origin FROM events").fetchall()
    assert origins == [("icews",)]


def test_gdelt1_sample_imported_with_actor_codes(store: Store) -> None:
    report = formats.import_file("gdelt", require_shared(GDELT1), store)
    assert (report.rows, report.imported, len(report.unmapped), report.rejected) == (10, 9, 1, [])
    event = next(e for e in store.events() if e.id == "gdelt:1199516025")
    assert (event.event_type, event.mode, event.cameo, event.date) == ("SANCTION", "withdraw", "161", "2014-09-24")
    assert event.target and (event.target.code, event.target.country, event.target.sector) == ("TURMIL", "TUR", "MIL")
    assert event.location and event.location.country == "TUR" and event.location.lat == 36.272


def test_gdelt2_rows_and_malformed_rows(tmp_path: Path, store: Store) -> None:
    lines = require_shared(GDELT1).read_text(encoding="utf-8").splitlines()
    v2 = []
    for line in lines[:3]:
        row = gdelt.LAYOUTS[58] and dict(zip(gdelt.LAYOUTS[58], line.split("\t"), strict=True))
        v2.append("\t".join(row.get(c, "") for c in gdelt.LAYOUTS[61]))
    path = tmp_path / "v2.export.CSV"
    path.write_text("\n".join([*v2, "123\tonly three\tcells", "x" + v2[0]]) + "\n", encoding="utf-8")
    report = formats.import_file("gdelt", path, store)
    assert (report.rows, report.imported) == (5, 3) and report.accounted
    assert all("[E031]" in r.message for r in report.rejected)


def test_plover_lines_and_malformed_lines(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "polecat.jsonl"
    good = {"Event ID": "p1", "Event Date": "2023-08-02", "Event Type": "RETREAT", "Event Mode": "withdraw",
            "Contexts": "military", "Actor Name": "France", "Actor Country": "FRA", "Primary Actor Sector": "MIL",
            "Recipient Name": "Niger", "Recipient Country": "Niger", "Story ID": "s9", "Placename": "Niamey"}
    path.write_text("\n".join([json.dumps(good), "{not json", json.dumps({"event_id": "p2", "event_type": "DANCE",
                                                                            "event_date": "2023-01-01"}),
                               json.dumps([1, 2])]) + "\n", encoding="utf-8")
    report = formats.import_file("plover", path, store)
    assert (report.rows, report.imported, len(report.rejected)) == (4, 1, 3)
    (event,) = store.events()
    assert (event.id, event.article_id, event.event_type, event.mode, event.context) == (
        "polecat:p1", "polecat:s9", "RETREAT", "withdraw", ["military"])
    assert event.cameo and event.target and event.target.country == "NER" and event.source
    assert event.source.code == "FRAMIL"


def our_store(path: Path) -> Store:
    """A store holding one event coded by us, built by hand (no parse needed for format tests)."""
    text = "France withdrew its last troops from Niger."
    article = Article(text=text, date="2023-12-22", url="https://example.org/niger")
    event = Event(article_id=article.id, sentence_index=0, sentence=text, span=(0, len(text)),
                  event_type="RETREAT", mode="withdraw", context=["military"], cameo="0874", goldstein=10.0,
                  quad_class=2, source=Actor("France", (0, 6), "FRAMIL", "FRA", "MIL", "France", "country:FRA"),
                  target=Actor("Niger", (37, 42), "NER", "NER", None, "Niger", "country:NER"), date="2023-12-22",
                  date_precision="day", location=Location("Niger", "NER", None, None, 2440476), confidence=0.9)
    store = Store(path)
    store.write([CodedArticle(article, [Sentence(article.id, 0, 0, len(text), text)], [], [event])])
    return store


def test_export_round_trips_our_fields(tmp_path: Path) -> None:
    with our_store(tmp_path / "ours.duckdb") as store:
        (ours,) = store.events()
        for fmt, kind in (("plover", "plover"), ("gdelt", "gdelt"), ("icews", "icews")):
            out = tmp_path / f"out.{fmt}"
            assert formats.export(store, fmt, out) == 1
            with Store(tmp_path / f"back-{fmt}.duckdb") as back:
                report = formats.import_file(kind, out, back)
                assert report.imported == 1, report.rejected
                (event,) = back.events()
            assert (event.cameo, event.goldstein, event.quad_class, event.date) == ("0874", 10.0, 2, "2023-12-22")
            assert event.source and event.target and ours.source and ours.target
            assert (event.source.country, event.source.sector, event.target.country) == ("FRA", "MIL", "NER")
            assert event.location and event.location.country == "NER"
            if fmt == "plover":
                same = ("event_type", "mode", "context", "sentence", "modality", "date_precision", "sentence_index")
                assert {k: getattr(event, k) for k in same} == {k: getattr(ours, k) for k in same}
                assert event.location.geonames_id == 2440476 and event.source.code == "FRAMIL"
            if fmt == "gdelt":
                line = out.read_text(encoding="utf-8").rstrip("\n").split("\t")
                assert len(line) == 61 and line[-1] == "https://example.org/niger"


def test_gdelt_rows_export_back_with_their_own_columns(tmp_path: Path, store: Store) -> None:
    formats.import_file("gdelt", require_shared(GDELT1), store)
    out = tmp_path / "back.gdelt"
    formats.export(store, "gdelt", out)
    original = {line.split("\t")[0]: dict(zip(gdelt.LAYOUTS[58], line.split("\t"), strict=True))
                for line in GDELT1.read_text(encoding="utf-8").splitlines()}
    for line in out.read_text(encoding="utf-8").splitlines():
        row = dict(zip(gdelt.LAYOUTS[61], line.split("\t"), strict=True))
        source = original[row["GLOBALEVENTID"]]
        for column in ("SQLDATE", "EventCode", "Actor1Code", "Actor2Code", "NumMentions", "AvgTone", "SOURCEURL",
                       "ActionGeo_FullName", "ActionGeo_FeatureID", "DATEADDED"):
            assert row[column] == source[column], column


def test_parquet_and_csv_exports_hold_every_event(tmp_path: Path, store: Store) -> None:
    formats.import_file("icews", require_shared(ICEWS), store)
    n = formats.export(store, "parquet", tmp_path / "e.parquet", source="USA")
    assert n == formats.export(store, "csv", tmp_path / "e.csv", source="USA") > 0
    con = duckdb.connect()
    got = con.execute(f"SELECT count(*), count(DISTINCT id), min(origin) FROM read_parquet('{tmp_path}/e.parquet')"
                      " WHERE source_country = 'USA'").fetchone()
    assert got == (n, n, "icews")
    with open(tmp_path / "e.csv", encoding="utf-8") as handle:
        assert sum(1 for _ in csv.DictReader(handle)) == n


def test_icews_sector_table_uses_known_codes() -> None:
    from dyadwatch.gazetteer import read_sectors

    known = {code for codes in read_sectors().values() for code in codes}
    assert {code for _, code in icews.sector_table()} <= known
    assert icews.sector_of("Military,Government") == "MIL" and icews.sector_of("Unspecified") is None

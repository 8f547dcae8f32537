"""Imports (GDELT 1.0/2.0, ICEWS, POLECAT/PLOVER) and exports, on the real sample rows in ../shared/data."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from dyadwatch.errors import DyadwatchError
from dyadwatch.io import formats
from dyadwatch.io.formats import gdelt, icews
from dyadwatch.model import Actor, Article, CodedArticle, Event, Location, Sentence
from dyadwatch.store import MIGRATIONS, Store
from tests.conftest import SHARED, require_shared

ICEWS = SHARED / "data" / "icews_events_2018_sample.tab"
GDELT1 = SHARED / "data" / "gdelt1_sample_20240921.csv"


def test_icews_sample_every_row_imported_or_reported(store: Store) -> None:
    with open(require_shared(ICEWS), encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    statements = [r for r in rows if r["CAMEO Code"].startswith("01")]
    report = formats.import_file("icews", ICEWS, store)
    assert report.rows == len(rows) == 3705 and report.accounted
    assert report.imported == len(rows) and report.untyped == len(statements) == 610
    assert report.rejected == [] and report.unmapped == []
    assert store.counts()["events"] == report.imported
    again = formats.import_file("icews", ICEWS, store)
    assert again.imported == 0 and again.known == report.imported


def test_icews_statements_kept_untyped_with_cameo_and_goldstein(store: Store) -> None:
    with open(require_shared(ICEWS), encoding="utf-8") as handle:
        row = next(r for r in csv.DictReader(handle, delimiter="\t") if r["CAMEO Code"] == "013")
    formats.import_file("icews", ICEWS, store)
    event = next(e for e in store.events(origin="icews") if e.id == "icews:" + row["Event ID"])
    assert (event.event_type, event.mode, event.cameo, event.quad_class) == (None, None, "013", 1)
    assert event.goldstein == float(row["Intensity"])
    untyped = store.con.execute("SELECT count(*) FROM events WHERE event_type IS NULL").fetchone()
    assert untyped == (610,)


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
    assert (report.rows, report.imported, report.untyped, report.unmapped, report.rejected) == (10, 10, 1, [], [])
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
    assert event.origin == "plover"
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
    from dyadwatch.stages.gazetteer import read_sectors

    known = {code for codes in read_sectors().values() for code in codes}
    assert {code for _, code in icews.sector_table()} <= known
    assert icews.sector_of("Military,Government") == "MIL" and icews.sector_of("Unspecified") is None


def mixed_store(path: Path) -> Store:
    """Our event dated to a month, one undated, and the ICEWS sample (with its 01x statements)."""
    store = our_store(path)
    text = "Niger and France talked about troops."
    article = Article(text=text, date=None)
    coded = [Event(article_id=article.id, sentence_index=0, sentence=text, span=(0, len(text)),
                   event_type="CONSULT", cameo="040", goldstein=1.0, quad_class=1, date=date, date_precision=precision,
                   source=Actor("Niger", (0, 5), "NER", "NER"), target=Actor("France", (10, 16), "FRA", "FRA"))
             for date, precision in (("2023-07", "month"), (None, "unknown"))]
    coded[1].span = (0, 5)
    coded[1].id = coded[1].make_id()
    store.write([CodedArticle(article, [Sentence(article.id, 0, 0, len(text), text)], [], coded)])
    formats.import_file("icews", require_shared(ICEWS), store)
    return store


def test_every_export_reimports_with_zero_rejects(tmp_path: Path) -> None:
    with mixed_store(tmp_path / "mixed.duckdb") as store:
        total = store.counts()["events"]
        assert total == 3705 + 3
        for name, kind in (("e.export.CSV", "gdelt"), ("e.tab", "icews"), ("e.jsonl", "plover"),
                           ("e.csv", "csv"), ("e.parquet", "parquet")):
            fmt = formats.format_of(name)
            assert formats.export(store, fmt, tmp_path / name) == total
            with Store(tmp_path / f"back-{kind}.duckdb") as back:
                report = formats.import_file(kind, tmp_path / name, back)
                assert (report.rejected, report.unmapped, report.imported) == ([], [], total), kind
                assert report.untyped == 610
                dates = dict(back.con.execute("SELECT json_extract_string(data, '$.cameo') || '|' || "
                                              "coalesce(json_extract_string(data, '$.date'), '-'), count(*) "
                                              "FROM events WHERE json_extract_string(data, '$.cameo') = '040' "
                                              "AND coalesce(json_extract_string(data, '$.date'), '') NOT LIKE '2018%' "
                                              "GROUP BY 1").fetchall())
                month = "040|2023-07" if kind in ("plover", "csv", "parquet") else "040|2023-07-01"
                assert dates == {month: 1, "040|-": 1}, kind
                if kind in ("csv", "parquet"):
                    assert back.con.execute("SELECT origin, count(*) FROM events GROUP BY 1 ORDER BY 1").fetchall() \
                        == [("coded", 3), ("icews", 3705)]


def test_export_format_from_file_name_and_typed_columns(tmp_path: Path) -> None:
    with pytest.raises(DyadwatchError, match="E013"):
        formats.format_of(tmp_path / "events.dat")
    with mixed_store(tmp_path / "m.duckdb") as store:
        formats.export(store, "csv", tmp_path / "e.csv", origin="coded")
        formats.export(store, "parquet", tmp_path / "e.parquet", origin="coded")
    lines = (tmp_path / "e.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4 and all('"040"' in line or '"0874"' in line for line in lines[1:])
    rows = duckdb.sql(f"SELECT cameo, date, CAST(date_start AS VARCHAR), CAST(date_end AS VARCHAR), date_precision "
                      f"FROM read_csv('{tmp_path}/e.csv') "
                      "ORDER BY date_start NULLS LAST").fetchall()
    assert rows[0] == ("040", "2023-07", "2023-07-01", "2023-07-31", "month")
    assert rows[2][0] == "040" and rows[2][1:4] == (None, None, None)
    schema = pq.read_schema(tmp_path / "e.parquet")
    assert str(schema.field("cameo").type) == "string" and {"date_start", "date_end"} <= set(schema.names)


def test_gdelt_and_icews_dates_are_whole_days(tmp_path: Path) -> None:
    with mixed_store(tmp_path / "m.duckdb") as store:
        formats.export(store, "gdelt", tmp_path / "e.export.CSV", origin="coded")
        formats.export(store, "icews", tmp_path / "e.tab", origin="coded")
    sqldates = {line.split("\t")[1] for line in (tmp_path / "e.export.CSV").read_text().splitlines()}
    assert sqldates == {"20231222", "20230701", ""}
    with open(tmp_path / "e.tab", encoding="utf-8") as handle:
        assert {r["Event Date"] for r in csv.DictReader(handle, delimiter="\t")} == {"2023-12-22", "2023-07-01", ""}


def test_old_store_origins_renamed_on_open(tmp_path: Path) -> None:
    path = tmp_path / "v4.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMP)")
    for version, sql in MIGRATIONS[:4]:
        con.execute(sql)
        con.execute("INSERT INTO schema_migrations (version) VALUES (?)", [version])
    for origin, date in (("dyadwatch", "2023"), ("polecat", "2023-07")):
        event = Event(article_id=origin, sentence_index=0, sentence="", span=(0, 0), event_type="CONSULT",
                      date=date, date_precision="year")
        con.execute("INSERT INTO events (id, article_id, sentence_index, start_char, end_char, event_type, date, data, "
                    "origin) VALUES (?, ?, 0, 0, 0, 'CONSULT', ?, ?, ?)",
                    [event.id, origin, date + "-01" * (3 - len(date.split("-"))), json.dumps(event.to_dict()), origin])
    con.close()
    with Store(path, read_only=True) as store:
        assert sorted(e.origin or "" for e in store.events()) == ["coded", "plover"]
        assert [e.date for e in store.events(until="2023-07")] == ["2023-07"]
        assert [e.date for e in store.events(since="2023", until="2023")] == ["2023", "2023-07"]

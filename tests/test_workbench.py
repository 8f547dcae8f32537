"""The analyst's workbench (issue 15): partial-date filters, origins, stale and two-sided states, redating,
titles and headlines. Stores are real DuckDB files; commands run through the real entry point."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from dyadwatch import periods
from dyadwatch.errors import DyadwatchError
from dyadwatch.io import formats
from dyadwatch.model import Actor, Article, CodedArticle, Event, Observation, Sentence
from dyadwatch.store import Store, state
from tests.conftest import DYADWATCH, SHARED, require_shared
from tests.web_support import fetch, serving

ICEWS = SHARED / "data" / "icews_events_2018_sample.tab"


def run(*args: str | Path, ok: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(DYADWATCH), *map(str, args)], capture_output=True, text=True, timeout=600)
    if ok:
        assert done.returncode == 0, done.stderr
    return done


def article(text: str, date: str | None = "2023-12-22", **events: tuple[str | None, str]) -> CodedArticle:
    """An article with one CONSULT event NER → FRA per (date, precision) given, built by hand."""
    item = Article(text=text, date=date)
    coded = []
    for number, (when, precision) in enumerate(events.values()):
        event = Event(article_id=item.id, sentence_index=0, sentence=text, span=(0, number + 1),
                      event_type="CONSULT", cameo="040", goldstein=1.0, quad_class=1, date=when,
                      date_precision=precision, source=Actor("Niger", (0, 5), "NER", "NER"),
                      target=Actor("France", (10, 16), "FRA", "FRA"))
        coded.append(event)
    return CodedArticle(item, [Sentence(item.id, 0, 0, len(text), text)], [], coded)


@pytest.fixture()
def dated(tmp_path: Path) -> Path:
    """Events dated to a day, a month and a year of 2023, plus the ICEWS sample (2018)."""
    db = tmp_path / "dated.duckdb"
    with Store(db) as store:
        store.write([article("Niger and France met.", day=("2023-06-30", "day"), month=("2023-07", "month"),
                             year=("2023", "year"))])
        formats.import_file("icews", require_shared(ICEWS), store)
    return db


def dates_of(db: Path, *args: str) -> list[str]:
    lines = run("events", "--db", db, "--format", "jsonl", "--origin", "coded", *args).stdout.splitlines()
    return [json.loads(line)["date"] for line in lines]


def test_periods_bounds_and_errors() -> None:
    assert periods.bounds("2024-02") == ("2024-02-01", "2024-02-29")
    assert periods.bounds("2023") == ("2023-01-01", "2023-12-31")
    assert periods.bounds("2023-06-30T10:00:00") == ("2023-06-30", "2023-06-30")
    for bad in ("2023-13", "23", "2023-02-30", "last week"):
        with pytest.raises(DyadwatchError, match="E009"):
            periods.filter_start(bad)


def test_partial_date_filters_keep_whole_periods(dated: Path) -> None:
    assert dates_of(dated, "--since", "2023") == ["2023", "2023-06-30", "2023-07"]
    assert dates_of(dated, "--until", "2023-06-30") == ["2023-06-30"]
    assert dates_of(dated, "--until", "2023-06") == ["2023-06-30"]
    assert dates_of(dated, "--since", "2023-07", "--until", "2023-07") == ["2023-07"]
    assert dates_of(dated, "--since", "2023-07") == ["2023-07"]
    assert dates_of(dated, "--since", "2023", "--until", "2023") == ["2023", "2023-06-30", "2023-07"]
    bad = run("events", "--db", dated, "--since", "2023-13", ok=False)
    assert bad.returncode == 2 and "[E009]" in bad.stderr


def test_origin_shown_and_filtered(dated: Path) -> None:
    icews = run("events", "--db", dated, "--origin", "icews", "--format", "jsonl").stdout.splitlines()
    assert len(icews) == 3705 and {json.loads(line)["origin"] for line in icews} == {"icews"}
    assert sum(json.loads(line)["event_type"] is None for line in icews) == 610
    table = run("events", "--db", dated, "--origin", "coded").stdout
    header = next(line for line in table.splitlines() if line.startswith("date "))
    assert "origin" in header and len(re.findall(r"\bcoded\b", table)) == 3
    rows = run("events", "--db", dated, "--origin", "coded", "--format", "csv").stdout.splitlines()
    assert len(rows) == 4 and all(',"040",' in row and ',"coded",' in row for row in rows[1:])
    ranked = json.loads(run("dyads", "--db", dated, "--top", "200", "--format", "json").stdout)["active"]
    assert {d["origins"] for d in ranked} == {"icews", "coded"}
    assert [d["origins"] for d in ranked if (d["source"], d["target"]) == ("NER", "FRA")] == ["coded"]
    bad = run("events", "--db", dated, "--origin", "acled", ok=False)
    assert bad.returncode == 2 and "E013" in bad.stderr
    out = dated.parent / "coded.dat"
    unknown = run("export", out, "--db", dated, ok=False)
    assert unknown.returncode == 2 and "E013" in unknown.stderr and not out.exists()
    run("export", dated.parent / "coded.parquet", "--db", dated, "--origin", "coded", "--since", "2023")
    with Store(dated.parent / "back.duckdb") as back:
        report = formats.import_file("parquet", dated.parent / "coded.parquet", back)
        assert (report.imported, report.rejected) == (3, [])


def test_api_origin_and_partial_dates(dated: Path) -> None:
    with serving(dated) as url:
        icews = fetch(url + "/api/events?origin=icews&limit=5").json()
        assert icews["total"] == 3705 and {e["origin"] for e in icews["events"]} == {"icews"}
        ours = fetch(url + "/api/events?origin=coded&until=2023-06").json()
        assert [e["date"] for e in ours["events"]] == ["2023-06-30"]
        year = fetch(url + "/api/events?origin=coded&since=2023&until=2023").json()
        assert year["total"] == 3
        assert fetch(url + "/api/events?origin=acled").status == 400
        assert fetch(url + "/api/events?since=2023-13").json()["error"]["code"] == "E009"
        page = fetch(url + "/events?origin=icews&type=").text
        assert "None" not in page.split("<table", 1)[-1]


def observation(relation: str, value: object, date: str, holder: str, other: str, rule: str,
                by: str | None = None, number: int = 0) -> Observation:
    side = "partner" if relation == "armed_conflict" else "host"
    return Observation(article_id=f"a{number}", sentence_index=0, text=f"sentence {number}", relation=relation,
                       value=value, phase="from", rule=rule, holder=holder, date=date, date_precision="day",
                       by=by, **{side: other})  # type: ignore[arg-type]


def states_store(path: Path, observations: list[Observation]) -> Path:
    with Store(path) as store:
        for o in observations:
            item = Article(text=o.text, id=o.article_id, date=o.date)
            store.write([CodedArticle(item, [Sentence(item.id, 0, 0, len(o.text), o.text)], [], [], [o])])
    return path


def test_states_go_stale_unless_confirmed(tmp_path: Path) -> None:
    troops = {"troops": 500, "status": "deployed"}
    db = states_store(tmp_path / "stale.duckdb", [
        observation("military_presence", troops, "2005-03-01", "USA", "GBR", "troops-stationed", number=1),
        observation("sanctions", "lifted", "2005-04-01", "CHN", "USA", "sanctions-lifted", number=2),
        observation("military_presence", troops, "2023-06-01", "USA", "GBR", "troops-stationed", number=3),
        Observation(article_id="a4", sentence_index=0, text="sentence 4", relation="sanctions", value="in_force",
                    phase="from", rule="sanctions-imposed", holder="IRN", partner="GBR")])
    with Store(db, read_only=True) as store:
        early = state.states_at(store, "2005-12-31")
        assert {s.relation for s in early} == {"military_presence", "sanctions"}
        assert [s.age_days for s in early if s.relation == "sanctions"] == [274]
        late = state.states_at(store, "2023-12-22")
        assert [(s.relation, s.evidence_date(), s.age_days) for s in late] == [
            ("military_presence", "2023-06-01", 204)]
        assert len(state.states_at(store, "2023-12-22", stale_after=None)) == 3
        assert [s.relation for s in state.states_at(store, "2010-01-01")] == []
    shown = json.loads(run("state", "--db", db, "--at", "2023-12-22", "--format", "json").stdout)
    assert [(s["relation"], s["evidence_date"], s["age_days"]) for s in shown] == [
        ("military_presence", "2023-06-01", 204)]
    table = run("state", "--db", db, "--at", "2023-12-22", "--stale-after", "0").stdout
    assert "sanctions" in table and "6839" in table


def test_armed_conflict_needs_both_sides_or_a_stated_war(tmp_path: Path) -> None:
    one_sided = [observation("armed_conflict", "active", "2024-02-26", "MLI", "NER", "conflict-active", "NER", 1)]
    answered = [*one_sided,
                observation("armed_conflict", "active", "2024-05-01", "MLI", "NER", "conflict-active", "MLI", 2)]
    war = [observation("armed_conflict", "active", "2024-02-26", "RUS", "UKR", "conflict-war", number=3)]
    late = [*one_sided,
            observation("armed_conflict", "active", "2025-01-10", "MLI", "NER", "conflict-active", "MLI", 4)]
    for name, observations, expected in (("one", one_sided, []), ("both", answered, [("MLI", "NER")]),
                                         ("war", war, [("RUS", "UKR")]), ("late", late, [])):
        db = states_store(tmp_path / f"{name}.duckdb", observations)
        with Store(db, read_only=True) as store:
            active = state.states_at(store, "2024-06-01", relation="armed_conflict")
            assert [(s.holder, s.partner) for s in active] == expected, name


def test_a_stated_war_is_read_from_text(tmp_path: Path) -> None:
    source = tmp_path / "war.jsonl"
    source.write_text(json.dumps({"text": "Russia declared war on Ukraine on Monday.", "date": "2024-03-01"}) + "\n",
                      encoding="utf-8")
    db = tmp_path / "war.duckdb"
    run("ingest", source, "--db", db)
    found = json.loads(run("state", "--db", db, "--at", "2024-03-10", "--format", "json").stdout)
    assert [(s["relation"], s["holder"], s["partner"], s["value"]) for s in found] == [
        ("armed_conflict", "RUS", "UKR", "active")]


def test_undated_ingest_warns_once_and_redate_recodes(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("France closed its embassy in Niger on Friday.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Mali expelled the French ambassador on Monday.\n", encoding="utf-8")
    db = tmp_path / "u.duckdb"
    done = run("ingest", folder, "--db", db)
    warnings = [line for line in done.stderr.splitlines() if "no date" in line]
    assert len(warnings) == 1 and "2 article(s)" in warnings[0]
    again = run("ingest", folder, "--db", db, "--date", "2023-12-22")
    assert "no date" not in again.stderr
    rows = [json.loads(line) for line in run("articles", "--db", db, "--format", "jsonl").stdout.splitlines()]
    target = next(r for r in rows if r["title"] is None and r["events"])
    before = [json.loads(line) for line in run("events", "--db", db, "--format", "jsonl").stdout.splitlines()]
    assert {e["date"] for e in before if e["article_id"] == target["id"]} == {None}
    redone = run("redate", target["id"], "--date", "2023-12-22", "--db", db)
    assert "redated" in redone.stderr
    after = [json.loads(line) for line in run("events", "--db", db, "--format", "jsonl").stdout.splitlines()]
    mine = [e for e in after if e["article_id"] == target["id"]]
    assert mine and all(e["date"] and "2023-12-15" <= e["date"] <= "2023-12-22" for e in mine)
    assert [e for e in after if e["article_id"] != target["id"]] == [e for e in before
                                                                    if e["article_id"] != target["id"]]
    assert [r["date"] for r in map(json.loads, run("articles", "--db", db, "--format", "jsonl").stdout.splitlines())
            if r["id"] == target["id"]] == ["2023-12-22"]
    with Store(db, read_only=True) as store:
        orphans = store.con.execute("SELECT count(*) FROM event_clusters c LEFT JOIN events e ON e.id = c.cluster_id "
                                    "WHERE e.id IS NULL").fetchone()
        assert orphans == (0,)
    missing = run("redate", "nope", "--date", "2023-12-22", "--db", db, ok=False)
    assert missing.returncode == 1 and "E012" in missing.stderr


HEADLINED = "Niger expels French ambassador\n\nThe weather in Niamey was hot on Friday, and the markets were busy.\n"


def test_title_first_line_and_headlines_not_coded(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(HEADLINED, encoding="utf-8")

    def sentences(*args: str) -> list[int]:
        lines = run("code", path, "--date", "2023-09-01", *args).stdout.splitlines()
        return [json.loads(line)["sentence_index"] for line in lines]

    assert 0 in sentences("--code-headlines")
    assert 0 not in sentences()
    assert 0 in sentences("--no-title-first-line")
    db = tmp_path / "t.duckdb"
    run("ingest", path, "--db", db, "--date", "2023-09-01")
    (row,) = [json.loads(line) for line in run("articles", "--db", db, "--format", "jsonl").stdout.splitlines()]
    assert row["title"] == "Niger expels French ambassador" and row["events"] == 0
    forced = tmp_path / "forced.txt"
    forced.write_text("France closed its embassy in Niger.\nTalks went on.\n", encoding="utf-8")
    db2 = tmp_path / "f.duckdb"
    run("ingest", forced, "--db", db2, "--title-first-line")
    (row,) = [json.loads(line) for line in run("articles", "--db", db2, "--format", "jsonl").stdout.splitlines()]
    assert row["title"] == "France closed its embassy in Niger."

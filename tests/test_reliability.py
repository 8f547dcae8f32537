"""Issue 16: one bad article never takes down a batch (defects D1-D7, D12, per-article isolation, budgets)."""

from __future__ import annotations

import json
import os
import subprocess
import time
from datetime import date
from pathlib import Path

import pytest

from dyadwatch import batch
from dyadwatch.io import readers
from dyadwatch.model import Article
from dyadwatch.pipeline import Pipeline
from dyadwatch.stages import dates, nlp
from dyadwatch.store import Store
from tests.conftest import DYADWATCH

GOOD = "Niger expelled the French ambassador on 22 December 2023."
OTHER = "Mali signed a security agreement with Burkina Faso on Saturday."


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(DYADWATCH), *args], input=stdin, capture_output=True, text=True, timeout=1200)


def events_of(result: subprocess.CompletedProcess[str]) -> list[dict[str, object]]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def assert_valid_dates(events: list[dict[str, object]]) -> None:
    for event in events:
        value = event["date"]
        assert value is None or (isinstance(value, str) and dates.valid_value(value)), value


# D2, D3, D4: dates that cannot fail

IMPOSSIBLE = ["year 0", "the 99th", "30 February", "100 decades ago", "in the year 10000", "2024 years ago",
              "5000 years after", "3000 years ago", "999999 days before"]


@pytest.mark.parametrize("base", [date(2024, 1, 1), date(1, 1, 1), date(9999, 12, 31)])
def test_d2_dates_before_year_one_give_no_date(base: date) -> None:
    for text in IMPOSSIBLE:
        for expression in dates.find_time_expressions(f"It happened {text}, they said."):
            assert dates.resolve(expression, base) is None, (text, base)


def test_d2_dates_before_year_one_cli(tmp_path: Path) -> None:
    text = "Archaeologists say Egypt attacked Nubia 3000 years ago.\n\nFrance attacked Mali 2024 years ago."
    coded = run("code", "--date", "2024-01-01", "-", stdin=text)
    assert coded.returncode == 0, coded.stderr
    assert_valid_dates(events_of(coded))
    ingested = run("ingest", "--db", str(tmp_path / "d2.duckdb"), "--date", "2024-01-01", "-", stdin=text)
    assert ingested.returncode == 0 and "stored 1 new article" in ingested.stderr, ingested.stderr


@pytest.mark.parametrize(("day", "text"), [("9999-12-31", "Russia will attack Ukraine tomorrow."),
                                           ("9999-12-31", "Russia attacked Ukraine next year."),
                                           ("0001-01-01", "Russia attacked Ukraine yesterday."),
                                           ("0001-01-01", "Russia attacked Ukraine 999999 days before the war.")])
def test_d3_calendar_edges(day: str, text: str) -> None:
    coded = run("code", "--date", day, "-", stdin=f"{text}\n\n{GOOD}")
    assert coded.returncode == 0, coded.stderr
    events = events_of(coded)
    assert any(e["sentence"] == GOOD for e in events)
    assert_valid_dates(events)


def test_d4_years_of_four_digits(store: Store) -> None:
    old = dates.find_time_expressions("They met last year.")[0]
    assert dates.resolve(old, date(923, 6, 1)).value == "0922"  # type: ignore[union-attr]
    coded = Pipeline().code(Article(text="Russia attacked Ukraine last year.", date="0923-06-01"))
    assert [e.date for e in coded.events] == ["0922"]
    assert store.write([coded]) == 1
    assert [e.date for e in store.events()] == ["0922"]


def test_d4_store_validates_dates_before_writing(store: Store, pipeline: Pipeline) -> None:  # type: ignore[no-untyped-def]
    good, bad, other = (pipeline.code(Article(text=t, date="2024-01-01", origin=f"in:{i}"))
                        for i, t in enumerate((GOOD, "Russia attacked Ukraine on Monday.", OTHER)))
    bad.events[0].date = "923"
    report, announced = batch.Report(), []
    stored = batch.store_isolated(store, [good, bad, other], batch.Guard(report, announced.append))
    assert stored == 2 and store.known_ids([good.article.id, other.article.id, bad.article.id]) == {
        good.article.id, other.article.id}
    assert [r.code for r in announced] == ["E046"] and announced[0].where == "in:1"


# Per-article isolation


def test_a_failing_article_is_rejected_alone_and_the_batch_goes_on(store: Store, pipeline: Pipeline) -> None:  # type: ignore[no-untyped-def]
    # An article built by a library caller, not the readers: spaCy cannot hash a lone surrogate.
    poison = Article(text="France met Niger.\ud800", id="poison", origin="lib:2")
    articles = [Article(text=GOOD, origin="lib:1"), poison, Article(text=OTHER, origin="lib:3")]
    report, traces = batch.Report(), []
    batch.ingest(articles, store, report, lambda r: None, pipeline=pipeline, on_traceback=traces.append,
                 batch_articles=32)
    assert (report.read, report.stored, len(report.rejected)) == (3, 2, 1)
    rejection = report.rejected[0]
    assert rejection.where == "lib:2" and rejection.code == "E040" and "UnicodeEncodeError" in rejection.message
    assert "poison" in rejection.message and len(traces) == 1 and "Traceback" in traces[0]
    assert store.counts()["articles"] == 2
    coded = list(batch.code(articles, batch.Report(), lambda r: None, pipeline=pipeline))
    assert [c.article.origin for c in coded] == ["lib:1", "lib:3"]


def test_time_budget_is_a_coded_rejection() -> None:
    report = batch.Report()
    coded = list(batch.code([Article(text=GOOD)], report, lambda r: None, pipeline=Pipeline(budget=0.0)))
    assert coded == [] and [r.code for r in report.rejected] == ["E041"]
    assert Pipeline().budget is not None


def test_budget_and_debug_on_the_command_line() -> None:
    result = run("code", "--budget", "0", "--debug", "-", stdin=GOOD)
    assert result.returncode == 1 and "[E041]" in result.stderr and "Traceback" in result.stderr
    quiet = run("code", "--budget", "0", "-", stdin=GOOD)
    assert quiet.returncode == 1 and "[E041]" in quiet.stderr and "Traceback" not in quiet.stderr


# D1: long texts; D12: pathological tokens


def test_d1_long_texts_are_parsed_in_pieces() -> None:
    text = "The weather was mild and the market in the town was quiet that day.\n\n" * 1_600
    assert len(text) > nlp.PIECE_CHARS
    cut = nlp.pieces(text, nlp.PIECE_CHARS)
    assert len(cut) == 2 and "".join(cut) == text and all(len(p) <= nlp.PIECE_CHARS for p in cut)
    assert cut[0].endswith("\n\n")
    parsed = next(nlp.parse([Article(text=text)]))
    assert parsed.doc.text == text and len(parsed.sentences) == 1_600
    assert all(text[s.start:s.end] == s.text for s in parsed.sentences)


@pytest.mark.slow
def test_d1_texts_up_to_the_limit_are_coded(tmp_path: Path) -> None:
    # Quiet paragraphs padded with spaces: past spaCy's max_length with few sentences to parse.
    quiet = "The weather was mild and the market in the town was quiet that day." + " " * 160 + "\n\n"
    news = "France withdrew its troops from Niger on 22 December 2023."
    long = quiet * (1_000_000 // len(quiet) + 1) + news
    assert len(long) > 1_000_000
    (tmp_path / "long.txt").write_text(long, encoding="utf-8")
    coded = run("code", "--date", "2024-01-01", str(tmp_path / "long.txt"))
    assert coded.returncode == 0, coded.stderr[-2000:]
    events = events_of(coded)
    assert [e["sentence"] for e in events] == [news] and events[0]["date"] == "2023-12-22"
    assert long[events[0]["span"][0]:events[0]["span"][1]] in news  # type: ignore[index]
    too_long = run("code", "-", stdin="x " * (readers.MAX_CHARS // 2 + 1))
    assert too_long.returncode == 1 and "[E003]" in too_long.stderr


def test_d12_long_runs_of_symbols_take_linear_time() -> None:
    tokenizer = nlp.load().tokenizer
    timings = {}
    for n in (4_000, 16_000):
        for symbol in ("\U0001F600", "!", "\u2014"):
            started = time.perf_counter()
            doc = tokenizer(f"Hello {symbol * n} world.")
            timings[(n, symbol)] = time.perf_counter() - started
            assert doc.text == f"Hello {symbol * n} world."
    for symbol in ("\U0001F600", "!", "\u2014"):
        assert timings[(16_000, symbol)] < 3.0, timings
    coded = Pipeline().code(Article(text=f"France met Niger. {'😀' * 16_000} Mali met Chad."))
    assert coded.sentences


# D5, D6, D7 and the other inputs: each gets a coded rejection, the good ones are stored


def test_d5_deep_json_is_e004(tmp_path: Path) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    (tmp_path / "a.jsonl").write_text(json.dumps({"text": GOOD}) + "\n" + deep + "\n" +
                                      '{"text": "x", "title": ' + deep + "}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(OTHER, encoding="utf-8")
    (tmp_path / "b.json").write_text(deep, encoding="utf-8")
    (tmp_path / "c.txt").write_text(OTHER + " Again.", encoding="utf-8")
    result = run("ingest", "--db", str(tmp_path / "d5.duckdb"), str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.count("[E004] malformed JSON: nested too deeply") == 3, result.stderr
    assert "a.jsonl:2" in result.stderr and "a.jsonl:3" in result.stderr and "b.json" in result.stderr
    assert "stored 2 new article" in result.stderr


def test_d6_lone_surrogates_are_rejected(tmp_path: Path) -> None:
    lines = [json.dumps({"text": GOOD}), json.dumps({"text": "France met\ud800 Niger."}),
             json.dumps({"text": OTHER, "title": "bad \udc00 title"})]
    (tmp_path / "s.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("ingest", "--db", str(tmp_path / "d6.duckdb"), str(tmp_path / "s.jsonl"))
    assert result.returncode == 1 and result.stderr.count("[E042]") == 2, result.stderr
    assert "s.jsonl:2" in result.stderr and "s.jsonl:3" in result.stderr and "stored 1 new article" in result.stderr


def test_d7_line_separators_inside_json_strings(tmp_path: Path) -> None:
    records = [{"text": f"France recalled its ambassador.{sep}Niger protested.", "id": f"r{i}"}
               for i, sep in enumerate(("\u2028", "\u2029", "\u0085"))]
    (tmp_path / "l.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n"
                                      + "{broken\n", encoding="utf-8")
    items = list(readers.read([str(tmp_path / "l.jsonl")]))
    assert [i.id for i in items if isinstance(i, Article)] == ["r0", "r1", "r2"]
    assert [i.text for i in items if isinstance(i, Article)] == [r["text"] for r in records]
    rejected = [i for i in items if isinstance(i, readers.Rejection)]
    assert [r.where for r in rejected] == [f"{tmp_path / 'l.jsonl'}:4"]


def test_folder_edge_cases_are_named_and_counted(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "sub" / "other.txt").write_text(OTHER, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text(" \n\t \n", encoding="utf-8")
    (folder / "records.jsonl").write_text('{"text": ""}\n{"text": "   "}\n', encoding="utf-8")
    (folder / "side.txt").write_text("Chad met Sudan.", encoding="utf-8")
    (folder / "side.json").write_text('{"date": "someday"}', encoding="utf-8")
    (folder / "notes.csv").write_text("a,b\n", encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    os.symlink(folder, folder / "sub" / "loop")
    result = run("ingest", "--db", str(tmp_path / "f.duckdb"), str(folder), str(tmp_path / "missing.txt"))
    assert result.returncode == 1, result.stderr
    err = result.stderr
    for where, code in (("empty.txt", "E002"), ("blank.txt", "E002"), ("records.jsonl:1", "E002"),
                        ("records.jsonl:2", "E002"), ("side.txt", "E009"), ("pipe.txt", "E043"),
                        ("loop", "E045"), ("notes.csv", "E044"), ("missing.txt", "E010")):
        assert any(where in line and f"[{code}]" in line for line in err.splitlines()), (where, code, err)
    assert "stored 2 new article(s)" in err and "1 file(s) ignored as not input" in err
    assert "8 input(s) rejected" in err


def test_date_option_rejects_trailing_text() -> None:
    result = run("code", "--date", "2023-12-22xyz", "-", stdin=GOOD)
    assert result.returncode == 2 and "[E009]" in result.stderr
    assert readers.parse_date("2023-12-22T10:00:00+01:00") == "2023-12-22"

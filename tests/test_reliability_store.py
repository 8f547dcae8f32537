"""Issue 16: a busy store (D8, D9), error responses (D10), older stores (D11), the API and Dask isolation."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from dyadwatch import batch, distributed
from dyadwatch.model import Article
from dyadwatch.store import MIGRATIONS, SCHEMA_VERSION, Store
from dyadwatch.web.app import SECURITY_HEADERS
from tests.conftest import DYADWATCH, SEED_TEXT
from tests.web_support import build_store, fetch, free_port, post_json, serving

GOOD = "Niger expelled the French ambassador on 22 December 2023."
OTHER = "Mali signed a security agreement with Burkina Faso on Saturday."
READ_COMMANDS = [["events"], ["articles"], ["dyads"], ["persons"], ["state", "--at", "2023-12-22"],
                 ["timeline", "FRA", "NER"], ["export", "OUT", "--format", "csv"]]


def run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(DYADWATCH), *args], input=stdin, capture_output=True, text=True, timeout=600,
                          env=env)


def test_d8_second_writer_gets_the_coded_message(tmp_path: Path) -> None:
    db = build_store(tmp_path / "busy.duckdb")
    with serving(db, allow_ingest=True, token="s3cret-token"):
        result = run("ingest", "--db", str(db), str(SEED_TEXT))
    assert result.returncode == 2, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert re.search(rf"\[E047\] the store .* is being written by another dyadwatch process, PID {os.getpid()}; "
                     r"try again when it finishes", lines[0]), lines
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] > 0


def test_d9_ingest_while_the_read_only_server_answers(tmp_path: Path) -> None:
    db = build_store(tmp_path / "shared.duckdb")
    statuses: list[tuple[int, str]] = []
    stop = threading.Event()
    (tmp_path / "in").mkdir()
    for i, text in enumerate((GOOD, OTHER, "Chad expelled the ambassador of Sudan on Monday.")):
        (tmp_path / "in" / f"{i}.txt").write_text(text, encoding="utf-8")
    with serving(db) as base:
        def hammer() -> None:
            while not stop.is_set():
                reply = fetch(base + "/api/dashboard")
                statuses.append((reply.status, reply.json().get("error", {}).get("code", "") if reply.status != 200
                                 else ""))

        threads = [threading.Thread(target=hammer) for _ in range(3)]
        for thread in threads:
            thread.start()
        try:
            results = [run("ingest", "--db", str(db), "--date", "2024-01-01", str(tmp_path / "in")) for _ in range(2)]
        finally:
            stop.set()
            for thread in threads:
                thread.join()
        assert fetch(base + "/api/dashboard").status == 200
    assert all(r.returncode == 0 for r in results), [r.stderr for r in results]
    assert "stored 3 new article(s)" in results[0].stderr
    assert statuses and all(status == 200 or (status, code) == (503, "W005") for status, code in statuses), statuses


def test_d10_security_headers_on_500s(tmp_path: Path) -> None:
    db = build_store(tmp_path / "broken.duckdb")
    with serving(db) as base:
        assert fetch(base + "/api/events").status == 200
        con = duckdb.connect(str(db))
        con.execute("DROP VIEW dyad_month")
        con.execute("DROP VIEW dyad_week")
        con.execute("DROP VIEW dyad_day")
        con.execute("DROP VIEW dyad_events")
        con.execute("DROP TABLE events")
        con.close()
        for path in ("/api/events", "/events"):
            reply = fetch(base + path)
            assert reply.status == 500, (path, reply.status)
            for name, value in SECURITY_HEADERS.items():
                assert reply.headers.get(name) == value, (path, name)
        assert fetch(base + "/api/events").json()["error"]["code"] == "E500"


def half_migrated(path: Path, versions: list[int]) -> Path:
    """A store as a kill during its migrations leaves it: the migrations table, and only some migrations."""
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
                "applied_at TIMESTAMP DEFAULT current_timestamp)")
    for version, sql in MIGRATIONS:
        if version in versions:
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations (version) VALUES (?)", [version])
    con.close()
    return path


@pytest.mark.parametrize("versions", [[], [1, 2]])
def test_d11_half_migrated_store_works_with_every_read_command(tmp_path: Path, versions: list[int]) -> None:
    db = half_migrated(tmp_path / "old.duckdb", versions)
    for command in READ_COMMANDS:
        args = [str(tmp_path / "out.csv") if a == "OUT" else a for a in command]
        result = run(*args, "--db", str(db))
        assert result.returncode == 0 and "Traceback" not in result.stderr, (command, result.stderr)
    shown = run("show", "nothing", "--db", str(db))
    assert shown.returncode == 1 and "[E012]" in shown.stderr
    with Store(db, read_only=True) as store:
        assert store.schema_version() == SCHEMA_VERSION


def test_d11_a_file_that_is_not_a_store_is_one_coded_line(tmp_path: Path) -> None:
    (tmp_path / "junk.duckdb").write_text("not a database", encoding="utf-8")
    result = run("events", "--db", str(tmp_path / "junk.duckdb"))
    assert result.returncode == 2 and "Traceback" not in result.stderr and "[E006]" in result.stderr


def test_token_is_checked_before_the_body_and_articles_are_isolated(tmp_path: Path) -> None:
    db = build_store(tmp_path / "api.duckdb")
    with serving(db, allow_ingest=True, token="s3cret-token") as base:
        headers = {"content-type": "application/json"}
        assert fetch(base + "/api/articles", method="POST", body=b"{not json", headers=headers).status == 401
        assert post_json(base + "/api/articles", {"articles": "x"}).status == 401
        assert post_json(base + "/api/articles", {"articles": "x"}, "s3cret-token").status == 400
        reply = post_json(base + "/api/articles", {"articles": [
            {"text": GOOD, "id": "ok-1"}, {"text": "   "}, {"text": OTHER, "date": "2023-12-22xyz"},
            {"text": "Year 10000 came.", "date": "10000-01-01"}]}, "s3cret-token")
        assert reply.status == 201, reply.text
        body = reply.json()
        assert body["stored"] == 1 and body["ids"] == ["ok-1"]
        assert [(r["index"], r["code"]) for r in body["rejected"]] == [(1, "E002"), (2, "E009"), (3, "E009")]
        for name, value in SECURITY_HEADERS.items():
            assert reply.headers.get(name) == value


def test_head_is_answered_wherever_get_is(tmp_path: Path) -> None:
    db = build_store(tmp_path / "head.duckdb")
    with serving(db) as base:
        for path in ("/", "/api/dashboard", "/events", "/static/style.css"):
            got, head = fetch(base + path), fetch(base + path, method="HEAD")
            assert (head.status, head.body) == (got.status, b""), path
            assert head.headers["content-security-policy"] == SECURITY_HEADERS["content-security-policy"]
        assert fetch(base + "/nowhere", method="HEAD").status == 404


def test_token_file_for_serve(tmp_path: Path) -> None:
    db = build_store(tmp_path / "t.duckdb")
    (tmp_path / "token").write_text("from-a-file\n", encoding="utf-8")
    port = free_port()
    server = subprocess.Popen([str(DYADWATCH), "serve", "--db", str(db), "--port", str(port), "--allow-ingest",
                               "--token-file", str(tmp_path / "token")], stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if fetch(base + "/api/dashboard").status == 200:
                    break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None
                time.sleep(0.2)
        assert post_json(base + "/api/articles", {"articles": [{"text": "  "}]}, "wrong").status == 401
        reply = post_json(base + "/api/articles", {"articles": [{"text": "  "}]}, "from-a-file")
        assert reply.status == 400 and reply.json()["error"]["code"] == "E002"
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(30)
    missing = run("serve", "--db", str(db), "--allow-ingest", "--token-file", str(tmp_path / "none"))
    assert missing.returncode == 2 and "[E013]" in missing.stderr


@pytest.fixture(scope="module")
def client() -> Iterator[distributed.Client]:
    with distributed.connect(workers=2) as c:
        yield c


def test_a_poison_article_in_a_dask_run_costs_only_itself(tmp_path: Path, client: distributed.Client) -> None:
    articles = [Article(text=f"{GOOD} Talks number {i} went on.", date="2024-01-01", origin=f"in:{i}")
                for i in range(8)]
    # Built by a library caller, not the readers: spaCy cannot hash a lone surrogate.
    articles.insert(4, Article(text="France met Niger.\ud800", id="poison", origin="in:poison"))
    with Store(tmp_path / "dask.duckdb") as store:
        report = batch.Report()
        stats = distributed.ingest(articles, store, report, lambda r: None, client=client, partition_articles=9)
        assert (report.stored, stats.parts_failed) == (8, 0)
        assert [(r.where, r.code) for r in report.rejected] == [("in:poison", "E040")]
        assert "UnicodeEncodeError" in report.rejected[0].message
        rerun = batch.Report()
        distributed.ingest(articles, store, rerun, lambda r: None, client=client, partition_articles=9)
        assert (rerun.stored, rerun.skipped_known, len(rerun.rejected)) == (0, 8, 1)


def session_processes(sid: int) -> list[int]:
    """Processes still alive in session `sid` (the driver and any Dask scheduler, nanny or worker it started)."""
    alive = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
                if os.getsid(int(entry.name)) == sid and state != "Z":
                    alive.append(int(entry.name))
            except (ProcessLookupError, PermissionError, FileNotFoundError):
                continue  # the process ended while we looked
    return alive


@pytest.mark.slow
def test_killing_the_dask_driver_leaves_no_orphans_and_the_rerun_completes(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(40):
        (folder / f"{i:02}.txt").write_text(f"{GOOD} Talks number {i} went on.\n\n{OTHER}", encoding="utf-8")
    db = tmp_path / "driver.duckdb"
    driver = subprocess.Popen([str(DYADWATCH), "ingest", str(folder), "--db", str(db), "--scheduler", "local",
                               "--workers", "2", "--batch-size", "2", "--date", "2024-01-01"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while len(list(Path(f"{db}.parts").glob("*/*.parquet"))) < 2:
        assert driver.poll() is None and time.monotonic() < deadline, "the ingest ended before it could be killed"
        time.sleep(0.2)
    os.kill(driver.pid, signal.SIGKILL)
    driver.wait(30)
    deadline = time.monotonic() + 60
    while session_processes(driver.pid):
        assert time.monotonic() < deadline, f"orphans: {session_processes(driver.pid)}"
        time.sleep(0.5)
    rerun = run("ingest", str(folder), "--db", str(db), "--scheduler", "local", "--workers", "2", "--batch-size", "2",
                "--date", "2024-01-01")
    assert rerun.returncode == 0, rerun.stderr
    with Store(db, read_only=True) as store:
        rows = store.con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone()
    assert rows == (40, 40)

"""Every core by default: worker processes give the one-process output, in the same order (issue 14)."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import duckdb
import pytest

from .conftest import DYADWATCH, SHARED, require_shared

pytestmark = pytest.mark.slow


def _bbc(tmp_path: Path, n: int) -> Path:
    """n BBC politics articles copied into a folder of the test's own (the corpus is read, not changed)."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for path in sorted((require_shared(SHARED) / "data" / "bbc" / "politics").glob("*.txt"))[:n]:
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def _run(*args: str) -> str:
    return subprocess.run([str(DYADWATCH), *args], capture_output=True, text=True, check=True).stdout


def test_code_on_two_workers_prints_what_one_process_prints(tmp_path: Path) -> None:
    folder = _bbc(tmp_path, 9)
    one = _run("code", str(folder), "--date", "2005-03-01", "--workers", "1")
    two = _run("code", str(folder), "--date", "2005-03-01", "--workers", "2")
    assert one.count("\n") >= 5
    assert two == one


def test_ingest_on_two_workers_stores_what_one_process_stores(tmp_path: Path) -> None:
    folder = _bbc(tmp_path, 9)
    stores = {n: tmp_path / f"w{n}.duckdb" for n in (1, 2)}
    for n, db in stores.items():
        _run("ingest", str(folder), "--db", str(db), "--date", "2005-03-01", "--workers", str(n))
    listed = {n: _run("events", "--db", str(db), "--format", "jsonl", "--limit", "100000")
              for n, db in stores.items()}
    assert listed[1].count("\n") >= 5
    assert listed[2] == listed[1]


def _workers(pid: int) -> list[int]:
    """The pool's worker processes among pid's children (not multiprocessing's resource tracker)."""
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False)
    children = [int(line) for line in found.stdout.split()]
    return [child for child in children if b"spawn_main" in _cmdline(child)]


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except FileNotFoundError:
        return b""


def _alive(pid: int) -> bool:
    return Path(f"/proc/{pid}").exists() and "(Z)" not in Path(f"/proc/{pid}/stat").read_text().split(")")[1][:4]


def test_killing_a_pooled_ingest_leaves_no_workers_and_resumes(tmp_path: Path) -> None:
    folder = _bbc(tmp_path, 16)
    db = tmp_path / "store.duckdb"
    cmd = [str(DYADWATCH), "ingest", str(folder), "--db", str(db), "--date", "2005-03-01", "--workers", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    # Workers start one after the other: wait for both, not for the first.
    while len(workers := _workers(proc.pid)) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
    assert len(workers) >= 2, "the ingest never started its worker processes"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 120
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not any(_alive(w) for w in workers), "worker processes outlived their killed parent"
    subprocess.run(cmd, capture_output=True, check=True, timeout=600)
    con = duckdb.connect(str(db), read_only=True)
    try:
        stored = con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone()
    finally:
        con.close()
    assert stored == (16, 16)


def test_coding_settles_the_loaded_tables_out_of_the_collector() -> None:
    """After the first article, the models' and tables' objects are frozen (`pipeline.settle`), so the
    collector's full passes no longer walk them; a later article is still coded."""
    import gc

    from dyadwatch.model import Article
    from dyadwatch.pipeline import Pipeline

    pipeline = Pipeline()
    pipeline.code(Article(text="France recalled its ambassador from Niger."))
    assert gc.get_freeze_count() > 100_000
    coded = pipeline.code(Article(text="Niger expelled the French ambassador."))
    assert [e.event_type for e in coded.events]

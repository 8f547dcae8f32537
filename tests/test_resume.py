"""Kill-and-resume and idempotence on real BBC articles (slow: run by `make test`)."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

import duckdb
import pytest

from tests.conftest import BBC, DYADWATCH, require_shared

pytestmark = pytest.mark.slow


def bbc_files(n: int) -> list[str]:
    files = sorted(require_shared(BBC).glob("*/*.txt"))
    return [str(p) for p in files[:: max(1, len(files) // n)][:n]]


def counts(db: Path) -> tuple[int, int, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        articles = con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone()
        orphans = con.execute(
            "SELECT count(*) FROM articles a WHERE NOT EXISTS "
            "(SELECT 1 FROM sentences s WHERE s.article_id = a.id)").fetchone()
    finally:
        con.close()
    assert articles is not None and orphans is not None
    return articles[0], articles[1], orphans[0]


def test_sigkill_mid_ingest_then_resume_stores_each_article_once(tmp_path: Path) -> None:
    files = bbc_files(300)
    db = tmp_path / "bbc.duckdb"
    # One process (worker processes never write the store; tests/test_parallel.py kills a pooled ingest).
    # The kill follows the first progress line, which is printed once a batch is committed: a sleep would
    # let a fast machine finish every batch first.
    cmd = [str(DYADWATCH), "ingest", *files, "--db", str(db), "--date", "2005-01-01", "--batch-size", "16",
           "--workers", "1"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    for line in proc.stderr:
        if line.startswith("ingest:"):
            break
    assert proc.poll() is None, "ingest finished before it could be killed; give it more articles"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stderr.close()
    stored, distinct, orphans = counts(db)
    assert 0 < stored < len(set(files)) and stored == distinct and orphans == 0
    # The resume runs on every core (the default): it must give the same store as one process would.
    resumed = subprocess.run(cmd[:-2], capture_output=True, text=True, timeout=900)
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    assert f"{stored} already" in resumed.stderr
    total, distinct, orphans = counts(db)
    assert total == distinct == distinct_ids(files) and orphans == 0
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    assert "stored 0 new article(s)" in rerun.stderr
    assert counts(db) == (total, distinct, 0)


def distinct_ids(files: list[str]) -> int:
    """BBC has a few verbatim duplicate articles; they share one id by design."""
    from dyadwatch.io import readers
    from dyadwatch.model import Article

    return len({item.id for item in readers.read(files) if isinstance(item, Article)})

"""Distributed ingest on a real Dask LocalCluster: same events as one process, reruns, a killed worker."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from dyadwatch import batch, distributed
from dyadwatch.errors import DyadwatchError
from dyadwatch.io import readers
from dyadwatch.store import Store
from tests.conftest import BBC, SEED_TEXT, require_shared


@pytest.fixture(scope="module")
def client() -> Iterator[distributed.Client]:
    with distributed.connect(workers=2) as c:
        yield c


def bbc_files(n: int, offset: int = 0) -> list[str]:
    files = sorted(require_shared(BBC).glob("*/*.txt"))
    return [str(p) for p in files[offset:: max(1, len(files) // n)][:n]]


def items(files: list[str]) -> Iterator[readers.Item]:
    return readers.read(files, default_date="2005-01-01")


def snapshot(store: Store) -> tuple[object, ...]:
    """Everything ingest stores that a reader sees: events, counts, relation observations, event clusters."""
    events = sorted((e.to_dict() | {"trigger": e.trigger} for e in store.events()), key=lambda d: str(d["id"]))
    tables = tuple(store.con.execute(f"SELECT {columns} FROM {table} ORDER BY ALL").fetchall()
                   for table, columns in (("articles", "* EXCLUDE (ingested_at)"), ("sentences", "*"),
                                          ("actor_mentions", "*"), ("observations", "*"), ("event_clusters", "*"),
                                          ("person_roles", "*")))
    return events, store.counts(), tables


def test_a_part_carries_every_field_of_a_coded_article() -> None:
    from dataclasses import fields

    from dyadwatch.model import CodedArticle

    assert tuple(f.name for f in fields(CodedArticle)) == distributed.PART_FIELDS, (
        "CodedArticle has a new field: write and read it in distributed._part_row and read_part")


def test_distributed_gives_the_events_of_one_process(tmp_path: Path, client: distributed.Client,
                                                    pipeline) -> None:  # type: ignore[no-untyped-def]
    files = [str(SEED_TEXT), *bbc_files(20)]
    with Store(tmp_path / "one.duckdb") as one:
        single = batch.ingest(items(files), one, batch.Report(), print, pipeline=pipeline)
        expected = snapshot(one)
    with Store(tmp_path / "many.duckdb") as many:
        report = batch.Report()
        stats = distributed.ingest(items(files), many, report, print, client=client, partition_articles=4)
        assert snapshot(many) == expected and store_has_events(expected)
        assert (report.read, report.stored, report.sentences, report.events) == (
            single.read, single.stored, single.sentences, single.events)
        assert stats.parts_loaded == 6 and stats.parts_failed == 0
        assert list(Path(f"{many.path}.parts").glob("month=2005-01/*.parquet"))
        rerun = batch.Report()
        again = distributed.ingest(items(files), many, rerun, print, client=client, partition_articles=4)
        assert (again.parts_loaded, again.parts_skipped, rerun.stored, rerun.skipped_known) == (0, 6, 0, len(files))
        assert snapshot(many) == expected


def test_existing_scheduler_and_unreachable_one(tmp_path: Path, client: distributed.Client) -> None:
    files = bbc_files(3, offset=5)
    with distributed.connect(scheduler=client.scheduler.address) as remote, Store(tmp_path / "r.duckdb") as store:
        report = batch.Report()
        distributed.ingest(items(files), store, report, print, client=remote)
        assert report.stored == len(files)
    with pytest.raises(DyadwatchError, match="E034"), distributed.connect(scheduler="tcp://127.0.0.1:9",
                                                                          timeout="2s"):
        pass


def test_failed_partitions_are_reported_and_stored_by_the_rerun(tmp_path: Path, client: distributed.Client) -> None:
    files = bbc_files(6, offset=3)
    db = tmp_path / "fail.duckdb"
    Path(f"{db}.parts").write_text("a file where the parts folder should be", encoding="utf-8")
    with Store(db) as store:
        report = batch.Report()
        stats = distributed.ingest(items(files), store, report, lambda r: None, client=client, partition_articles=3)
        assert (stats.parts_failed, stats.parts_loaded, store.counts()["articles"]) == (2, 0, 0)
        assert len(report.rejected) == len(files) and all("[E030]" in r.message for r in report.rejected)
        Path(f"{db}.parts").unlink()
        rerun = batch.Report()
        again = distributed.ingest(items(files), store, rerun, lambda r: None, client=client, partition_articles=3)
        assert (again.parts_loaded, rerun.stored, rerun.rejected) == (2, len(files), [])


def store_has_events(snap: tuple[object, ...]) -> bool:
    counts = snap[1]
    return isinstance(counts, dict) and counts["events"] > 0


@pytest.mark.slow
def test_killed_worker_mid_run_stores_every_article_once(tmp_path: Path, client: distributed.Client) -> None:
    files = bbc_files(60, offset=7)
    pids = list(client.run(os.getpid).values())
    killed: list[int] = []

    def kill_one_after_first_part(articles: int, sentences: int) -> None:
        if not killed:
            os.kill(pids[0], signal.SIGKILL)
            killed.append(pids[0])

    with Store(tmp_path / "kill.duckdb") as store:
        report = batch.Report()
        stats = distributed.ingest(items(files), store, report, print, kill_one_after_first_part, client=client,
                                   partition_articles=3, in_flight=6)
        assert killed and report.rejected == [] and stats.parts_failed == 0
        expected_ids = {a.id for a in items(files) if isinstance(a, readers.Article)}
        rows = store.con.execute("SELECT id, count(*) FROM articles GROUP BY id").fetchall()
        assert {r[0] for r in rows} == expected_ids and all(r[1] == 1 for r in rows)
        orphans = store.con.execute("SELECT count(*) FROM articles a WHERE NOT EXISTS "
                                    "(SELECT 1 FROM sentences s WHERE s.article_id = a.id)").fetchone()
        assert orphans == (0,)
        duplicates = store.con.execute("SELECT count(*) - count(DISTINCT id) FROM events").fetchone()
        assert duplicates == (0,)
    assert killed[0] not in client.run(os.getpid).values()

"""Distributed ingest on Dask: the same pipeline on many workers, one DuckDB writer.

Why this shape: DuckDB allows one writing process, and spaCy wants one process per core. So the
driver (the process that runs `dyadwatch ingest --workers N`) reads inputs as a stream, cuts them into
partitions of `partition_articles` articles and hands each to a Dask worker; the worker codes it with
its own `Pipeline` (models loaded once per worker by `PipelinePlugin`) and writes a Parquet part file
under `<db>.parts/month=YYYY-MM/` (partitioned by article month). The driver loads each finished part
through `Store.write`, the single-process write path, and records the part in the `parts` table in the
same transaction. So:

- memory is bounded: at most `in_flight` partitions are out at once, and inputs are read lazily;
- an article that fails on a worker is rejected alone (E040, E041: `batch.code_isolated`), and the rest of
  its partition is coded and stored; a partition whose task still fails (a worker that dies is
  rescheduled by Dask on another) is retried (`RETRIES`), then reported (E030) and the run goes on;
- a rerun skips parts already recorded and articles already stored (ids are content hashes), so
  nothing is lost or stored twice, and the stored events are those the single-process path stores.

The part files stay after loading: DuckDB can query them directly
(`SELECT * FROM read_parquet('<db>.parts/**/*.parquet', hive_partitioning = true)`).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import tempfile
import time
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from distributed import Client, Future, LocalCluster, WorkerPlugin, wait

from dyadwatch import batch
from dyadwatch.errors import DyadwatchError, Errors
from dyadwatch.io import readers
from dyadwatch.model import ActorMention, Article, CodedArticle, Event, Observation, Sentence
from dyadwatch.pipeline import Pipeline
from dyadwatch.store import Part, Store

PARTITION_ARTICLES = 32
RETRIES = 2
WARMUP_TEXT = "France withdrew its last 157 troops from Niger on 22 December 2023, the army said."

PART_SCHEMA = pa.schema([
    ("article_id", pa.string()), ("date", pa.string()), ("title", pa.string()), ("source", pa.string()),
    ("url", pa.string()), ("origin", pa.string()), ("text", pa.string()),
    ("sentence_count", pa.int32()), ("event_count", pa.int32()),
    ("sentences", pa.string()), ("mentions", pa.string()), ("events", pa.string()), ("observations", pa.string()),
])
# Every field of CodedArticle travels in a part; tests/test_distributed.py fails when one is added and not here.
PART_FIELDS = ("article", "sentences", "mentions", "events", "observations")


# worker side


@lru_cache(maxsize=1)
def worker_pipeline() -> Pipeline:
    """The worker's one Pipeline, warmed on a sentence so spaCy, the gazetteer and the tables are loaded."""
    pipeline = Pipeline(threads=1)
    list(pipeline.pipe([Article(text=WARMUP_TEXT, date="2023-12-23")]))
    return pipeline


class PipelinePlugin(WorkerPlugin):
    """Loads the pipeline when a worker starts (also a worker restarted after a crash), not on its first task."""

    name = "dyadwatch-pipeline"

    def setup(self, worker: Any) -> None:
        worker_pipeline()


@dataclass(slots=True, frozen=True)
class PartResult:
    """What a worker returns for a partition: where its part files are, and counts. Never the data."""

    part_id: str
    paths: tuple[str, ...]
    articles: int
    sentences: int
    events: int
    worker_pid: int
    worker_peak_mb: float
    rejected: tuple[tuple[str, str, str], ...] = ()  # (where, message, traceback) per article that failed


def code_partition(part_id: str, articles: list[Article], root: str) -> PartResult:
    """Code one partition and write it as Parquet, one file per article month (written atomically).

    An article that fails is left out of the part and returned as a rejection; the driver reports it.
    """
    failed = batch.Report()
    tracebacks: list[str] = []
    coded = list(batch.code_isolated(worker_pipeline(), articles, batch.Guard(failed, lambda r: None,
                                                                              tracebacks.append)))
    rejected = tuple((r.where, r.message, trace) for r, trace in zip(failed.rejected, tracebacks, strict=True))
    by_month: dict[str, list[dict[str, Any]]] = {}
    for c in coded:
        by_month.setdefault(_month(c.article.date), []).append(_part_row(c))
    paths = []
    for month, rows in sorted(by_month.items()):
        folder = Path(root) / f"month={month}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{part_id}.parquet"
        tmp = folder / f".{part_id}.{os.getpid()}.tmp"
        pq.write_table(pa.Table.from_pylist(rows, schema=PART_SCHEMA), tmp)
        os.replace(tmp, path)
        paths.append(str(path))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return PartResult(part_id, tuple(paths), len(coded), sum(len(c.sentences) for c in coded),
                      sum(len(c.events) for c in coded), os.getpid(), peak, rejected)


def _month(date: str | None) -> str:
    return date[:7] if date else "undated"


def _part_row(c: CodedArticle) -> dict[str, Any]:
    a = c.article
    events = [{**e.to_dict(), "trigger": list(e.trigger) if e.trigger else None} for e in c.events]
    return {
        "article_id": a.id, "date": a.date, "title": a.title, "source": a.source, "url": a.url, "origin": a.origin,
        "text": a.text, "sentence_count": len(c.sentences), "event_count": len(c.events),
        "sentences": json.dumps([s.to_dict() for s in c.sentences], ensure_ascii=False),
        "mentions": json.dumps([m.to_dict() for m in c.mentions], ensure_ascii=False),
        "events": json.dumps(events, ensure_ascii=False),
        "observations": json.dumps([o.to_dict() for o in c.observations], ensure_ascii=False),
    }


def read_part(paths: Iterable[str]) -> list[CodedArticle]:
    """The coded articles of a part, rebuilt exactly as the worker's pipeline produced them."""
    coded = []
    for path in paths:
        for row in pq.read_table(path).to_pylist():
            article = Article(text=row["text"], id=row["article_id"], date=row["date"], title=row["title"],
                              source=row["source"], url=row["url"], origin=row["origin"])
            events = []
            for d in json.loads(row["events"]):
                event = Event.from_dict(d)
                event.trigger = tuple(d["trigger"]) if d.get("trigger") else None
                events.append(event)
            coded.append(CodedArticle(
                article, [Sentence(**s) for s in json.loads(row["sentences"])],
                [ActorMention.from_dict(m) for m in json.loads(row["mentions"])], events,
                [Observation.from_dict(o) for o in json.loads(row["observations"])]))
    return coded


# driver side


@dataclass(slots=True)
class RunStats:
    """What the cluster did, beyond the batch Report: parts loaded, skipped, failed; workers' peak memory."""

    parts_loaded: int = 0
    parts_skipped: int = 0
    parts_failed: int = 0
    worker_peak_mb: dict[int, float] = field(default_factory=dict)


def parts_dir(db_path: str) -> Path:
    """Part files live next to the store: `<db>.parts/` (a temporary folder for an in-memory store)."""
    if db_path == ":memory:":
        return Path(tempfile.mkdtemp(prefix="dyadwatch-parts-"))
    return Path(os.path.abspath(db_path + ".parts"))


def part_id(article_ids: Iterable[str]) -> str:
    """A partition is named by its articles, so the same input cut the same way gives the same parts."""
    return hashlib.sha256("\n".join(sorted(article_ids)).encode()).hexdigest()[:20]


@contextmanager
def connect(workers: int | None = None, scheduler: str | None = None, *, timeout: str = "20s") -> Iterator[Client]:
    """A client on an existing scheduler, or on a LocalCluster of `workers` single-threaded processes."""
    if scheduler:
        try:
            client = Client(scheduler, timeout=timeout)
        except OSError as exc:
            raise DyadwatchError(Errors.E034, address=scheduler, detail=exc) from exc
        with client:
            client.register_plugin(PipelinePlugin())
            yield client
        return
    with LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True, dashboard_address=":0",
                      scheduler_port=0) as cluster, Client(cluster) as client:
        client.register_plugin(PipelinePlugin())
        yield client


def ingest(items: Iterable[readers.Item], store: Store, report: batch.Report, on_rejection: batch.OnRejection,
           on_progress: batch.OnProgress | None = None, *, client: Client,
           partition_articles: int = PARTITION_ARTICLES, in_flight: int | None = None,
           on_traceback: batch.OnTraceback | None = None) -> RunStats:
    """Code and store articles on a Dask cluster; `report` gets the same counts as `batch.ingest`."""
    stats = RunStats()
    guard = batch.Guard(report, on_rejection, on_traceback)
    root = parts_dir(store.path)
    limit = in_flight or 2 * max(1, len(client.scheduler_info(n_workers=-1)["workers"]))
    # Parts are loaded in input order (the oldest first), as the single-process path writes its batches:
    # cross-article deduplication clusters each new event with those stored before it, so the order of
    # loading decides the clusters. Later parts keep computing meanwhile; only loading waits.
    pending: deque[tuple[Future, str, list[Article], int]] = deque()  # (future, part, articles coded, read)

    def finish_oldest() -> None:
        future, pid, articles, read = pending.popleft()
        wait([future])
        if future.status != "finished":
            _fail(future, pid, articles, report, on_rejection, stats)
            return
        result: PartResult = future.result()
        for where, message, trace in result.rejected:
            rejection = readers.Rejection(where, message)
            report.rejected.append(rejection)
            on_rejection(rejection)
            if on_traceback is not None:
                on_traceback(trace)
        coded = read_part(result.paths)
        # A part with a rejected article is not recorded as done, so a rerun retries that article alone.
        part = None if result.rejected else Part(result.part_id, ";".join(result.paths), result.articles,
                                                 result.sentences, result.events)
        report.stored += batch.store_isolated(store, coded, guard, part=part)
        report.sentences += result.sentences
        report.events += result.events
        stats.parts_loaded += 1
        stats.worker_peak_mb[result.worker_pid] = max(stats.worker_peak_mb.get(result.worker_pid, 0.0),
                                                      result.worker_peak_mb)
        if on_progress:
            on_progress(read, result.sentences)

    for chunk in batch.chunks(batch.articles_only(items, report, on_rejection), partition_articles):
        unique = list({a.id: a for a in chunk}.values())
        pid = part_id(a.id for a in unique)
        if store.done_parts([pid]):
            report.skipped_known += len(chunk)
            stats.parts_skipped += 1
            if on_progress:
                on_progress(len(chunk), 0)
            continue
        known = store.known_ids(a.id for a in unique)
        todo = [a for a in unique if a.id not in known]
        report.skipped_known += len(chunk) - len(todo)
        if not todo:
            store.write([], part=Part(pid, "", 0, 0, 0))
            stats.parts_skipped += 1
            if on_progress:
                on_progress(len(chunk), 0)
            continue
        future = client.submit(code_partition, pid, todo, str(root), retries=RETRIES, pure=False)
        pending.append((future, pid, todo, len(chunk)))
        while len(pending) >= limit:
            finish_oldest()
    while pending:
        finish_oldest()
    return stats


def _fail(future: Future, pid: str, articles: list[Article], report: batch.Report, on_rejection: batch.OnRejection,
          stats: RunStats) -> None:
    """A partition that failed after its retries: each article is reported, none stored, a rerun retries."""
    exc = future.exception()
    stats.parts_failed += 1
    detail = f"{type(exc).__name__}: {exc}"
    for article in articles:
        rejection = readers.Rejection(article.origin or article.id,
                                      Errors.E030.format(part=pid, detail=detail))
        report.rejected.append(rejection)
        on_rejection(rejection)


# scaling benchmark (`make bench-scale`)


def bench(paths: list[str], workers: int, partition_articles: int = PARTITION_ARTICLES) -> dict[str, Any]:
    """Ingest `paths` into a fresh store on `workers` workers; models are loaded before the clock starts."""
    folder = Path(tempfile.mkdtemp(prefix="dyadwatch-bench-"))
    try:
        with connect(workers) as client, Store(folder / "bench.duckdb") as store:
            report = batch.Report()
            load_before = os.getloadavg()[0]
            cpu_before = sum(client.run(_cpu_seconds).values()), _cpu_seconds()
            start = time.perf_counter()
            stats = ingest(readers.read(paths, default_date="2005-01-01"), store, report, lambda r: None,
                           client=client, partition_articles=partition_articles)
            seconds = time.perf_counter() - start
            worker_cpu = sum(client.run(_cpu_seconds).values()) - cpu_before[0]
            driver_cpu = _cpu_seconds() - cpu_before[1]
            load_after = os.getloadavg()[0]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {"workers": workers, "articles": report.read, "sentences": report.sentences, "events": report.events,
            "seconds": round(seconds, 1), "articles_per_s": round(report.read / seconds, 2),
            "sentences_per_s": round(report.sentences / seconds, 1),
            "peak_mb_per_worker": round(max(stats.worker_peak_mb.values(), default=0.0)),
            "worker_cpu_s": round(worker_cpu, 1), "driver_cpu_s": round(driver_cpu, 1),
            "sentences_per_worker_cpu_s": round(report.sentences / max(worker_cpu, 1e-6), 1),
            "load_1min_before": round(load_before, 2), "load_1min_after": round(load_after, 2)}


def _cpu_seconds() -> float:
    """CPU time of this process so far: on a shared machine, throughput per CPU-second is the fair figure."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Scaling benchmark: ingest with 1 and 2 Dask workers.")
    parser.add_argument("paths", nargs="+", help="Inputs (e.g. ../shared/data/bbc).")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--partition-articles", type=int, default=PARTITION_ARTICLES)
    args = parser.parse_args(argv)
    results = [bench(args.paths, n, args.partition_articles) for n in args.workers]
    for r in results:
        print(json.dumps(r))
    one = next((r for r in results if r["workers"] == 1), None)
    for r in results:
        if one and r["workers"] > 1:
            efficiency = r["articles_per_s"] / (r["workers"] * one["articles_per_s"])
            cpu = r["sentences_per_worker_cpu_s"] / one["sentences_per_worker_cpu_s"]
            print(f"scaling efficiency {r['workers']} workers: {efficiency:.2f} (wall clock); "
                  f"{cpu:.2f} (per worker CPU-second)")


if __name__ == "__main__":
    main()

"""Every core of one machine: the pipeline in worker processes, output in input order.

spaCy's parser and our stages hold the interpreter, so threads cannot use a second core; processes
can. `PooledPipeline` has `Pipeline`'s `pipe` interface, so `batch.code` and `batch.ingest` (and so
`code`, `ingest` and their store writes, which stay in this process) run unchanged on top of it.
Articles go to the workers in chunks and come back in input order (`Pool.imap`), so the output is
the one-process output. A short input never pays for the workers' start (each loads the models,
a few seconds): when the whole input fits in the first chunks it is coded here, in one process.
A cluster is a different matter: `--scheduler` uses Dask (dyadwatch.distributed).
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from multiprocessing.pool import Pool

from dyadwatch.batch import chunks
from dyadwatch.io.readers import BUDGET_SECONDS
from dyadwatch.model import Article, CodedArticle
from dyadwatch.pipeline import Pipeline
from dyadwatch.stages.people import People

CHUNK_ARTICLES = 4

_worker: Pipeline | None = None


def cores() -> int:
    """The cores this process may run on (a container's CPU set, not the host's)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class PooledPipeline:
    """`Pipeline.pipe` on `workers` processes, each a one-core pipeline (`Pipeline(threads=1)`).

    Use it as a context manager: the workers start on the first input long enough to need them and
    serve every later `pipe` call (`ingest` calls it once per transaction) until the block ends.
    """

    def __init__(self, workers: int, *, recorded: People | None = None, code_headlines: bool = False,
                 budget: float | None = BUDGET_SECONDS, min_confidence: float | None = None,
                 chunk: int = CHUNK_ARTICLES) -> None:
        self.workers = workers
        self.options = {"recorded": recorded, "code_headlines": code_headlines, "budget": budget,
                        "min_confidence": min_confidence}
        self.chunk = chunk
        self.pool: Pool | None = None
        self.local: Pipeline | None = None

    def __enter__(self) -> PooledPipeline:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is None:
            return
        if exc[0] is None:
            self.pool.close()
        else:
            self.pool.terminate()
        self.pool.join()
        self.pool = None

    def pipe(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        stream = iter(articles)
        head = list(itertools.islice(stream, self.workers * self.chunk))
        if self.pool is None and (self.workers < 2 or len(head) < self.workers * self.chunk):
            yield from self._local().pipe(itertools.chain(head, stream))
            return
        if self.pool is None:
            context = multiprocessing.get_context("spawn")
            self.pool = context.Pool(self.workers, initializer=_start, initargs=(self.options,))
        for coded in self.pool.imap(_code, chunks(itertools.chain(head, stream), self.chunk)):
            yield from coded

    def code(self, article: Article) -> CodedArticle:
        """One article, in this process: how `batch.code_isolated` retries the articles of a failed chunk."""
        return self._local().code(article)

    def _local(self) -> Pipeline:
        if self.local is None:
            self.local = Pipeline(**self.options)  # type: ignore[arg-type]
        return self.local


def _start(options: dict[str, object]) -> None:
    """Worker start: one pipeline per process, its models loaded once."""
    global _worker
    _worker = Pipeline(threads=1, **options)  # type: ignore[arg-type]


def _code(articles: list[Article]) -> list[CodedArticle]:
    if _worker is None:
        raise RuntimeError("a worker process was started without its pipeline (see _start)")
    return list(_worker.pipe(articles))

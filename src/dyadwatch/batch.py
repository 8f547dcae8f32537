"""Batch jobs behind `code` and `ingest`: read, code and store, reporting bad input as it goes.

The CLI and the API call these functions; they hold no terminal or HTTP logic themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from dyadwatch import people, readers
from dyadwatch.model import Article, CodedArticle
from dyadwatch.pipeline import Pipeline
from dyadwatch.store import Store

BATCH_ARTICLES = 32


@dataclass(slots=True)
class Report:
    """What a batch job did: counts and every rejected input."""

    read: int = 0
    stored: int = 0
    skipped_known: int = 0
    sentences: int = 0
    events: int = 0
    rejected: list[readers.Rejection] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejected


OnRejection = Callable[[readers.Rejection], None]
OnProgress = Callable[[int, int], None]


def articles_only(items: Iterable[readers.Item], report: Report, on_rejection: OnRejection) -> Iterator[Article]:
    """Pass articles on; count and announce rejections without stopping."""
    for item in items:
        if isinstance(item, readers.Rejection):
            report.rejected.append(item)
            on_rejection(item)
        else:
            report.read += 1
            yield item


def code(items: Iterable[readers.Item], report: Report, on_rejection: OnRejection,
         pipeline: Pipeline | None = None) -> Iterator[CodedArticle]:
    """Code every article read, in order, without storing anything."""
    pipeline = pipeline or Pipeline()
    for coded in pipeline.pipe(articles_only(items, report, on_rejection)):
        report.sentences += len(coded.sentences)
        report.events += len(coded.events)
        yield coded


def ingest(items: Iterable[readers.Item], store: Store, report: Report, on_rejection: OnRejection,
           on_progress: OnProgress | None = None, pipeline: Pipeline | None = None,
           batch_articles: int = BATCH_ARTICLES) -> Report:
    """Code and store articles in transactional batches; stored articles are skipped before parsing.

    Names resolve against the people the store has already seen, as of the start of the run."""
    pipeline = pipeline or Pipeline(recorded=people.recorded(store.persons(), people.table()))
    batch: list[Article] = []

    def flush() -> None:
        known = store.known_ids(a.id for a in batch)
        todo = list({a.id: a for a in batch if a.id not in known}.values())
        report.skipped_known += len(batch) - len(todo)
        coded = list(pipeline.pipe(todo))
        report.stored += store.write(coded)
        sentences = sum(len(c.sentences) for c in coded)
        report.sentences += sentences
        report.events += sum(len(c.events) for c in coded)
        if on_progress:
            on_progress(len(batch), sentences)
        batch.clear()

    for article in articles_only(items, report, on_rejection):
        batch.append(article)
        if len(batch) >= batch_articles:
            flush()
    if batch:
        flush()
    return report

"""Batch jobs behind `code`, `ingest` and POST /api/articles: read, code and store, one bad article at a time.

The CLI and the API call these functions; they hold no terminal or HTTP logic themselves. Whatever
goes wrong while coding or storing one article (a bug, a date out of range, a spent time budget)
becomes that article's coded rejection (E040, E041, E046) and the batch goes on: coding falls back to
one article at a time when a batch fails, and storing validates each article before its transaction
and, should the transaction still fail, writes the batch article by article.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import duckdb

from dyadwatch.errors import DyadwatchError, Errors
from dyadwatch.io import readers
from dyadwatch.model import Article, CodedArticle
from dyadwatch.pipeline import Pipeline
from dyadwatch.stages import people
from dyadwatch.store import Part, Store

BATCH_ARTICLES = 32


@dataclass(slots=True)
class Report:
    """What a batch job did: counts, every rejected input and every file skipped as not an input."""

    read: int = 0
    stored: int = 0
    skipped_known: int = 0
    sentences: int = 0
    events: int = 0
    rejected: list[readers.Rejection] = field(default_factory=list)
    ignored: list[readers.Rejection] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejected


OnRejection = Callable[[readers.Rejection], None]
OnProgress = Callable[[int, int], None]
OnTraceback = Callable[[str], None]


@dataclass(slots=True)
class Guard:
    """Turns one article's exception into its rejection: counted in `report`, announced, traceback on demand."""

    report: Report
    on_rejection: OnRejection
    on_traceback: OnTraceback | None = None

    def reject(self, article: Article, exc: BaseException) -> None:
        if isinstance(exc, DyadwatchError):
            message = str(exc)
        else:
            detail = " ".join(str(exc).split())[:200]
            message = Errors.E040.format(article_id=article.id, exc_class=type(exc).__name__, detail=detail)
        rejection = readers.Rejection(article.origin or article.id, message, article_id=article.id)
        self.report.rejected.append(rejection)
        self.on_rejection(rejection)
        if self.on_traceback is not None:
            self.on_traceback("".join(traceback.format_exception(exc)))


def articles_only(items: Iterable[readers.Item], report: Report, on_rejection: OnRejection) -> Iterator[Article]:
    """Pass articles on; count and announce rejections (and files ignored) without stopping."""
    for item in items:
        if isinstance(item, readers.Rejection):
            (report.ignored if item.ignored else report.rejected).append(item)
            on_rejection(item)
        else:
            report.read += 1
            yield item


def chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def code_isolated(pipeline: Pipeline, articles: Sequence[Article], guard: Guard) -> Iterator[CodedArticle]:
    """Code `articles` as one batch; if the batch fails, code the rest one by one, rejecting only those that fail.

    The pipeline yields one coded article per input, in order, so the articles yielded before a failure
    are done; which of the in-flight ones failed is not known until each is tried alone.
    """
    done = 0
    try:
        for coded in pipeline.pipe(articles):
            done += 1
            yield coded
        return
    except Exception:  # not swallowed: each remaining article is retried alone below
        pass
    for article in articles[done:]:
        try:
            yield pipeline.code(article)
        except Exception as exc:  # this article's coded rejection (E040, E041)
            guard.reject(article, exc)


def code(items: Iterable[readers.Item], report: Report, on_rejection: OnRejection,
         pipeline: Pipeline | None = None, on_traceback: OnTraceback | None = None,
         batch_articles: int = 2 * BATCH_ARTICLES) -> Iterator[CodedArticle]:
    """Code every article read, in order, without storing anything; a failing article is rejected alone."""
    pipeline = pipeline or Pipeline()
    guard = Guard(report, on_rejection, on_traceback)
    for chunk in chunks(articles_only(items, report, on_rejection), batch_articles):
        for coded in code_isolated(pipeline, chunk, guard):
            report.sentences += len(coded.sentences)
            report.events += len(coded.events)
            yield coded


def store_isolated(store: Store, coded: Sequence[CodedArticle], guard: Guard, *, part: Part | None = None) -> int:
    """Write a batch in one transaction, never holding a half-written article.

    Each article is validated first (a bad one is rejected, E046); if the transaction still fails, it
    was rolled back whole, and the articles are written one transaction each so only the culprit is lost.
    """
    valid = []
    for c in coded:
        try:
            store.validate(c)
        except DyadwatchError as exc:
            guard.reject(c.article, exc)
            continue
        valid.append(c)
    try:
        return store.write(valid, part=part)
    except (duckdb.Error, ValueError, TypeError, OverflowError):
        stored = 0
        for c in valid:
            try:
                stored += store.write([c])
            except (duckdb.Error, ValueError, TypeError, OverflowError) as exc:
                guard.reject(c.article, exc)
        if part is not None:
            store.write([], part=part)
        return stored


def ingest(items: Iterable[readers.Item], store: Store, report: Report, on_rejection: OnRejection,
           on_progress: OnProgress | None = None, pipeline: Pipeline | None = None,
           batch_articles: int = BATCH_ARTICLES, on_traceback: OnTraceback | None = None) -> Report:
    """Code and store articles in transactional batches; stored articles are skipped before parsing.

    Names resolve against the people the store has already seen, as of the start of the run."""
    pipeline = pipeline or Pipeline(recorded=people.recorded(store.persons()))
    guard = Guard(report, on_rejection, on_traceback)
    for batch in chunks(articles_only(items, report, on_rejection), batch_articles):
        known = store.known_ids(a.id for a in batch)
        todo = list({a.id: a for a in batch if a.id not in known}.values())
        report.skipped_known += len(batch) - len(todo)
        coded = list(code_isolated(pipeline, todo, guard))
        report.stored += store_isolated(store, coded, guard)
        stored_ids = store.known_ids(c.article.id for c in coded)
        sentences = sum(len(c.sentences) for c in coded if c.article.id in stored_ids)
        report.sentences += sentences
        report.events += sum(len(c.events) for c in coded if c.article.id in stored_ids)
        if on_progress:
            on_progress(len(batch), sentences)
    return report

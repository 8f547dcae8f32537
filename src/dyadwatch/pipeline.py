"""The pipeline, assembled in one place: nlp → actors → events → deeds → event types → attributes →
relevance → observations.

Stages are built once per process (models load lazily on first use) and articles flow through
in batches, so `code`, `ingest`, the API and Dask workers all share this one path.
"""

from __future__ import annotations

import atexit
import gc
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cache, cached_property

from dyadwatch.errors import DyadwatchError, Errors
from dyadwatch.io.readers import BUDGET_CHARS, BUDGET_SECONDS
from dyadwatch.model import ActorMention, Article, CodedArticle, Event
from dyadwatch.stages import deeds, nlp, screen
from dyadwatch.stages.actors import ActorResolver
from dyadwatch.stages.attributes import AttributeAnnotator
from dyadwatch.stages.classifier import EventTypeClassifier
from dyadwatch.stages.event_types import EventTyper
from dyadwatch.stages.events import EventCoder
from dyadwatch.stages.nlp import Parsed
from dyadwatch.stages.observations import ObservationFinder
from dyadwatch.stages.people import People
from dyadwatch.stages.relevance import RelevanceModel
from dyadwatch.stages.slots import actor_slots, mutual, one_addressee, one_per_actor, victims_placed

HANDOFF = 8


@cache
def settle() -> None:
    """Once per process, when the first articles have gone through every stage and so loaded the models
    and tables: move every object alive then out of the cyclic garbage collector's sight (`gc.freeze`).
    The tables are some 380,000 objects that live as long as the process, and every full collection
    walked them all: 4-5% of the CPU of coding (docs/benchmarks.md). Frozen objects are still freed
    when no longer referenced, and thawed at exit so that the interpreter's teardown collects them (DuckDB's
    bindings report every object left to it as a leak)."""
    gc.collect()
    gc.freeze()
    atexit.register(gc.unfreeze)


def budget(article: Article, base: float = BUDGET_SECONDS) -> float:
    """Seconds an article may take: `base` once more for every `BUDGET_CHARS` characters (60 s for a news
    story, 1,260 s for 2,000,000 characters, several times what dense text takes), so only runaway work
    spends it."""
    return base * (1 + len(article.text) / BUDGET_CHARS)


class Clock:
    """One article's time budget, checked between stages; spending it is a coded rejection (E041).

    Only the article's own time counts (paused while it waits for the rest of its hand-off), so a
    busy machine or a large batch does not spend a normal article's budget.
    """

    def __init__(self, article: Article, started: float, base: float | None) -> None:
        self.article = article
        self.started = started
        self.spent = 0.0
        self.limit = None if base is None else budget(article, base)

    def check(self) -> None:
        if self.limit is not None and self.spent + time.monotonic() - self.started >= self.limit:
            raise DyadwatchError(Errors.E041, article_id=self.article.id, seconds=round(self.limit, 1))

    def pause(self) -> None:
        self.spent += time.monotonic() - self.started

    def resume(self) -> None:
        self.started = time.monotonic()


class Pipeline:
    """Codes articles end to end; one instance per process.

    `threads` caps the classifier's threads: a Dask worker is one core, and two workers each running
    two classifier threads on two cores would fight over them. With a whole machine (`threads=None`)
    the stages after the event coder run in a second thread, one batch behind the parser (see `pipe`).
    `recorded` are the people a store has seen (`people.recorded`): names the people table does not
    know resolve to the roles earlier articles gave them. With `gate=False` every proposed event comes
    out, ungated by the relevance model: that is how its training data is made
    (training/train_relevance.py). A headline (an article whose text starts with its title) is parsed
    and shown but not coded unless `code_headlines`: headline wording ("Fox attacks Blair's Tory
    'lies'") is a figure of speech more often than an event, and the story repeats its facts. `budget`
    is the base of each article's time budget in seconds (see `budget`; None: no budget). It covers the
    stages after the parse: spaCy parses a batch at once, so its time is no one article's, and it is
    linear in the length (`nlp.parse`). With `screened` (the default) only the sentences the screen passes
    are parsed (`dyadwatch.stages.screen`); the others are kept, unparsed and uncoded. A `min_confidence`
    below the gate's threshold lowers it (`RelevanceModel.at_least`): more of what the coder proposes comes
    out, each event with its calibrated confidence, for an analyst who would rather miss less.
    """

    def __init__(self, *, threads: int | None = None, gate: bool = True, recorded: People | None = None,
                 code_headlines: bool = False, budget: float | None = BUDGET_SECONDS, screened: bool = True,
                 min_confidence: float | None = None) -> None:
        self.threads = threads
        self.screened = screened
        self.overlap = threads is None
        self.gate = gate
        self.recorded = recorded
        self.code_headlines = code_headlines
        self.budget = budget
        self.min_confidence = min_confidence

    @cached_property
    def actors(self) -> ActorResolver:
        return ActorResolver(nlp=nlp.load(), recorded=self.recorded)

    @cached_property
    def coder(self) -> EventCoder:
        return EventCoder()

    @cached_property
    def attributes(self) -> AttributeAnnotator:
        return AttributeAnnotator()

    @cached_property
    def observations(self) -> ObservationFinder:
        return ObservationFinder()

    @cached_property
    def relevance(self) -> RelevanceModel:
        return RelevanceModel.load().at_least(self.min_confidence)

    @cached_property
    def typer(self) -> EventTyper:
        return EventTyper(classifier=EventTypeClassifier.load(threads=self.threads),
                          worth=self.relevance.could_pass if self.gate else None)

    def pipe(self, articles: Iterable[Article], *, batch_size: int = nlp.BATCH_SIZE) -> Iterator[CodedArticle]:
        """Code articles in input order, a batch at a time.

        While spaCy parses, a second thread types, annotates and derives the observations of the
        articles parsed just before (`HANDOFF` at a time, so that little time passes with one thread
        idle at the start and the end): ONNX Runtime lets go of the interpreter while the classifier
        runs, so on two cores the classifier and the parser overlap. The typing step works per
        article and hand-offs are finished in order, so the output does not depend on the overlap.
        """
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="dyadwatch-finish") as finisher:
            pending: Future[list[CodedArticle]] | None = None
            chunk: list[tuple[Parsed, list[ActorMention], list[Event], Clock]] = []
            sieve = screen.shipped() if self.screened else None
            for parsed in nlp.parse(articles, batch_size=batch_size, screen=sieve):
                clock = Clock(parsed.article, time.monotonic(), self.budget)
                mentions = self.actors(parsed)
                clock.check()
                headline = self._headline(parsed)
                events = [e for e in deeds.code(parsed, self.coder(parsed, mentions), mentions)
                          if e.sentence_index not in headline]
                chunk.append((parsed, mentions, events, clock))
                clock.check()
                clock.pause()
                if len(chunk) >= (HANDOFF if self.overlap else batch_size):
                    if pending is not None:
                        yield from pending.result()
                        pending = None
                    if self.overlap:
                        pending = finisher.submit(self._finish, chunk)
                    else:
                        yield from self._finish(chunk)
                    chunk = []
            if pending is not None:
                yield from pending.result()
            yield from self._finish(chunk)

    def _finish(self, chunk: list[tuple[Parsed, list[ActorMention], list[Event], Clock]]) -> list[CodedArticle]:
        typed = self.typer.pipe([(parsed, events) for parsed, _, events, _ in chunk])
        out = []
        for (parsed, mentions, _, clock), events in zip(chunk, typed, strict=True):
            clock.resume()
            events = mutual(one_addressee(actor_slots(events, mentions), parsed), parsed.sentences)
            events = victims_placed(self.attributes(parsed, events, mentions), mentions)
            clock.check()
            if self.gate:
                events = self.relevance(parsed.sentences, events, mentions)
            events = one_per_actor(events, parsed)
            headline = self._headline(parsed)
            observations = [o for o in self.observations(parsed, mentions, events) if o.sentence_index not in headline]
            clock.check()
            out.append(CodedArticle(parsed.article, parsed.sentences, mentions, events, observations))
        settle()
        return out

    def _headline(self, parsed: Parsed) -> set[int]:
        """Indexes of the sentences of the article's headline: its first line when that line is its title."""
        title = (parsed.article.title or "").strip()
        text = parsed.article.text
        start = len(text) - len(text.lstrip())
        end = text.find("\n", start)
        if self.code_headlines or not title or text[start:end if end >= 0 else len(text)].strip() != title:
            return set()
        return {s.index for s in parsed.sentences if s.start < (end if end >= 0 else len(text))}

    def code(self, article: Article) -> CodedArticle:
        return next(self.pipe([article]))

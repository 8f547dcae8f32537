"""The pipeline, assembled in one place: nlp → actors → events → attributes → observations.

Stages are built once per process (models load lazily on first use) and articles flow through
in batches, so `code`, `ingest`, the API and Dask workers all share this one path.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cached_property

from dyadwatch import nlp
from dyadwatch.actors import ActorResolver
from dyadwatch.attributes import AttributeAnnotator
from dyadwatch.events import EventCoder
from dyadwatch.model import Article, CodedArticle
from dyadwatch.observations import ObservationFinder


class Pipeline:
    """Codes articles end to end; one instance per process."""

    @cached_property
    def actors(self) -> ActorResolver:
        return ActorResolver(nlp=nlp.load())

    @cached_property
    def coder(self) -> EventCoder:
        return EventCoder()

    @cached_property
    def attributes(self) -> AttributeAnnotator:
        return AttributeAnnotator()

    @cached_property
    def observations(self) -> ObservationFinder:
        return ObservationFinder()

    def pipe(self, articles: Iterable[Article], *, batch_size: int = nlp.BATCH_SIZE) -> Iterator[CodedArticle]:
        """Code articles in input order."""
        for parsed in nlp.parse(articles, batch_size=batch_size):
            mentions = self.actors(parsed)
            events = self.coder(parsed, mentions)
            events = self.attributes(parsed, events, mentions)
            observations = self.observations(parsed, mentions, events)
            yield CodedArticle(parsed.article, parsed.sentences, mentions, events, observations)

    def code(self, article: Article) -> CodedArticle:
        return next(self.pipe([article]))

"""Relevance: the learned, precision-first gate on coded events.

Triggers and the parse propose events; most sentences of ordinary news state none, and a figurative
verb, a sports transfer or a statistic can look like one. An analyst counts what we emit, so a wrong
event costs more than a missed one. This stage scores each proposed event with a logistic regression
trained on exhaustively annotated real news (``training/train_relevance.py``): the probability that
the event matches an annotated one at the dyad level (type, source country, target country). Events
below the shipped threshold are dropped; the rest carry that probability as their confidence, which
cross-validation calibrated (docs/benchmarks.md has the table).

Features are what the earlier stages know: the type, how the trigger was read, the trigger word, the
typing step's belief, the modality, the kinds, sectors and countries of source and target, and the
sentence's words. Nothing about coreference: the annotated items are a sentence with two of context,
where a pronoun resolved to an actor is a weak sign; in a whole article it is how most events are told.
The weights are a JSON file of named features, so the runtime needs only the standard library.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from dyadwatch.model import ActorMention, Event, Sentence

ARTIFACT = ("models", "relevance", "weights.json")
WORD = re.compile(r"[a-z][a-z'-]{2,}")
TYPER_STEPS = (0.5, 0.7, 0.9)


def features(event: Event, sentence: Sentence, mentions: dict[tuple[int, int], ActorMention]) -> dict[str, float]:
    """The named features of one event; `mentions` maps spans to the article's actor mentions."""
    f: dict[str, float] = {f"type={event.event_type}": 1.0, f"quad={event.quad_class}": 1.0,
                           f"reading={event.reading}": 1.0, f"modality={event.modality}": 1.0,
                           "typer": event.confidence}
    for step in TYPER_STEPS:
        f[f"typer>={step}"] = float(event.confidence >= step)
    if event.trigger:
        word = sentence.text[event.trigger[0] - sentence.start:event.trigger[1] - sentence.start].lower()
        f[f"trigger={word}"] = 1.0
        f[f"trigger={word}|{event.event_type}"] = 1.0
    for role, actor in (("src", event.source), ("tgt", event.target)):
        if actor is None:
            f[f"{role}=none"] = 1.0
            continue
        mention = mentions.get(actor.span)
        f[f"{role}_sector={actor.sector or '-'}"] = 1.0
        f[f"{role}_kind={mention.kind if mention else '-'}"] = 1.0
        f[f"{role}_country={'igo' if (actor.code or '').startswith(('IGO', 'IMG')) else bool(actor.country)}"] = 1.0
    if event.source and event.target and event.source.country and event.source.country == event.target.country:
        f["same_country"] = 1.0
    words = set(WORD.findall(sentence.text.lower()))
    for word in words:
        f[f"w={word}"] = 1 / math.sqrt(len(words))
    return f


@dataclass(frozen=True, slots=True)
class RelevanceModel:
    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, named: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in named.items())
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))

    def probabilities(self, sentences: Sequence[Sentence], events: list[Event],
                      mentions: list[ActorMention]) -> list[float]:
        """Each event's probability of being right at the dyad level."""
        by_span = {m.span: m for m in mentions}
        return [self.probability(features(e, sentences[e.sentence_index], by_span)) for e in events]

    def __call__(self, sentences: Sequence[Sentence], events: list[Event], mentions: list[ActorMention]) -> list[Event]:
        """The events worth counting, each with its probability of being right as confidence."""
        kept = []
        for e, p in zip(events, self.probabilities(sentences, events, mentions), strict=True):
            if p >= self.threshold:
                e.confidence = round(p, 3)
                kept.append(e)
        return kept

    @classmethod
    def load(cls) -> RelevanceModel:
        """The shipped model, read once per process."""
        return _shipped()


@lru_cache(maxsize=1)
def _shipped() -> RelevanceModel:
    data = json.loads(resources.files("dyadwatch").joinpath(*ARTIFACT).read_text(encoding="utf-8"))
    return RelevanceModel(weights=data["weights"], bias=float(data["bias"]), threshold=float(data["threshold"]))

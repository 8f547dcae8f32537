"""Relevance: the learned, precision-first gate on coded events.

Triggers and the parse propose events; most sentences of ordinary news state none, and a figurative
verb, a sports transfer or a statistic can look like one. An analyst counts what we emit, so a wrong
event costs more than a missed one. This stage scores each proposed event with a logistic regression
trained on exhaustively annotated real news (``training/train_relevance.py``): the probability that
the event matches an annotated one at the dyad level (type, source country, target country). Events
below the shipped threshold are dropped; the rest carry that probability as their confidence, which
cross-validation calibrated (docs/benchmarks.md has the table).

Features are what the earlier stages know: the type, how the trigger was read, the trigger word, the
typing step's belief, the modality, the kinds, sectors and countries of source and target, whether a
role is a personal pronoun read from context ("he said"), and the sentence's words.
The weights are a JSON file of named features, so the runtime needs only the standard library.

The classifier of the typing step is the dearest part of coding, and the gate drops most proposals. So
before it runs, the gate says which events are worth typing: those whose ceiling (their best score
whatever the typing decides) reaches the threshold, and among them those its foresight (`Foresight`,
learned from what the gate keeps) expects to pass.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

from dyadwatch import reftables
from dyadwatch.model import Actor, ActorMention, Event, Sentence
from dyadwatch.stages.coref import PERSONAL_PRONOUNS
from dyadwatch.stages.roles import (
    INTERNATIONAL_CODES,
    domestic_source,
    domestic_target,
    implied_government,
    own_forces,
)

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
        if actor.text.lower() in PERSONAL_PRONOUNS:
            f[f"{role}_pronoun"] = 1.0
        f[f"{role}_sector={actor.sector or '-'}"] = 1.0
        f[f"{role}_kind={mention.kind if mention else '-'}"] = 1.0
        # An international body or NGO has no state to miss ("Amnesty International issued a statement").
        stateless = (actor.code or "").startswith(INTERNATIONAL_CODES)
        f[f"{role}_country={'igo' if stateless else bool(actor.country)}"] = 1.0
    if event.source and event.target and event.source.country and event.source.country == event.target.country:
        f["same_country"] = 1.0
    words = set(WORD.findall(sentence.text.lower()))
    for word in words:
        f[f"w={word}"] = 1 / math.sqrt(len(words))
    return f


# Features the typing and attribute steps settle after the gate's ceiling is taken (`RelevanceModel.could_pass`).
OPEN = re.compile(r"^(?:type|quad|reading|modality|src_kind|tgt_kind)=|^typer|^trigger=.*\|")


@dataclass(frozen=True, slots=True)
class Foresight:
    """A logistic regression that tells, before the classifier runs, whether an event will come out of the
    gate: over the features already settled and the gate's ceiling (`RelevanceModel.ceiling`). Trained by
    training/train_relevance.py on what the shipped pipeline keeps; its threshold keeps 98% of those events
    out of fold (and every event the seed keeps), so the classifier runs on fewer events than the ceiling alone
    lets through: 11% fewer with the gate of 2026-12-05, whose threshold is low (docs/benchmarks.md)."""

    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, named: dict[str, float], ceiling: float) -> float:
        """`named` may hold the open features too: trained without them, the model has no weight for them."""
        z = self.bias + self.weights.get("ceiling", 0.0) * logit(ceiling)
        return _logistic(z + sum(self.weights.get(name, 0.0) * value for name, value in named.items()))


@dataclass(frozen=True, slots=True)
class RelevanceModel:
    weights: dict[str, float]
    bias: float
    threshold: float
    foresight: Foresight | None = None
    best: dict[str, float] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        """The largest weight of each open feature's values, 0 standing for a value without weight;
        the typer's features together at their best (its belief is at most 1)."""
        best: dict[str, float] = {"typer": 0.0}
        for name, value in self.weights.items():
            if name.startswith("typer"):
                best["typer"] += max(0.0, value)
            elif OPEN.match(name) and "|" not in name:
                prefix = name.split("=", 1)[0]
                best[prefix] = max(best.get(prefix, 0.0), value)
        object.__setattr__(self, "best", best)

    def at_least(self, confidence: float | None) -> RelevanceModel:
        """The gate with its threshold lowered to `confidence` when that is lower (else this gate): an analyst's
        choice of recall over precision. The foresight, fitted to keep what the shipped threshold keeps, is
        left out then, so that nothing the lower threshold would pass is skipped before typing."""
        if confidence is None or confidence >= self.threshold:
            return self
        return replace(self, threshold=confidence, foresight=None)

    def probability(self, named: dict[str, float]) -> float:
        return _logistic(self.bias + sum(self.weights.get(name, 0.0) * value for name, value in named.items()))

    def could_pass(self, event: Event, sentence: Sentence) -> bool:
        """Whether `event`, not yet typed, is worth typing: it could reach the threshold whatever the later
        steps decide, and the foresight, when the model has one, expects it to."""
        ceiling = self.ceiling(event, sentence)
        if ceiling < self.threshold:
            return False
        return self.foresight is None or self.foresight.probability(
            features(event, sentence, {}), ceiling) >= self.foresight.threshold

    def ceiling(self, event: Event, sentence: Sentence) -> float:
        """The highest probability `event`, not yet typed, could get from the gate.

        Its type, the typer's belief, its reading, its modality and its actors' kinds are taken at
        their best weights, and its slots as `slots.actor_slots` will leave them (no coded source: the
        event is dropped; a target naming no actor: none; a target `roles.domestic_target` may place in
        the source's state, or `roles.own_forces` may drop: either way; no target, to which
        `roles.implied_government` may give one: either way; a source `roles.domestic_source` may place in the
        target's). An event that falls short even so is not worth the classifier's time: most
        proposals on ordinary news do (docs/benchmarks.md).
        """
        if event.source is None or not event.source.code:
            return 0.0
        target = event.target if event.target is not None and (event.target.code or event.target.entity) else None
        slots = [target]
        placed = domestic_target(event.source, target, None)
        if placed is not None:
            slots.append(placed)
        implied = implied_government(event.source, None, 0) if target is None else None
        if implied is not None:
            slots.append(implied)
        if own_forces(event.source, target, None):
            slots.append(None)
        dyads = [(event.source, t) for t in slots]
        dyads += [(home, t) for t in slots if (home := domestic_source(event.source, t, None)) is not None]
        return max(self._ceiling(event, sentence, s, t) for s, t in dyads)

    def _ceiling(self, event: Event, sentence: Sentence, source: Actor, target: Actor | None) -> float:
        named = features(replace(event, source=source, target=target), sentence, {})
        w = self.weights
        z = self.bias + sum(w.get(name, 0.0) * value for name, value in named.items() if not OPEN.match(name))
        word = next((name for name in named if name.startswith("trigger=")), None)
        z += max(w.get(f"type={t}", 0.0) + (w.get(f"{word}|{t}", 0.0) if word else 0.0) for t in reftables.EVENT_TYPES)
        z += max(w.get(f"reading={event.reading}", 0.0), w.get("reading=fixed", 0.0))
        z += self.best.get("quad", 0.0) + self.best.get("modality", 0.0) + self.best["typer"]
        z += sum(self.best.get(f"{role}_kind", 0.0) for role, actor in (("src", source), ("tgt", target))
                 if actor)
        return _logistic(z)

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


def _logistic(z: float) -> float:
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def logit(p: float) -> float:
    """The log-odds of a probability (clipped away from 0 and 1)."""
    p = min(max(p, 1e-9), 1 - 1e-9)
    return math.log(p / (1 - p))


@lru_cache(maxsize=1)
def _shipped() -> RelevanceModel:
    data = json.loads(resources.files("dyadwatch").joinpath(*ARTIFACT).read_text(encoding="utf-8"))
    ahead = data.get("foresight")
    foresight = Foresight(ahead["weights"], float(ahead["bias"]), float(ahead["threshold"])) if ahead else None
    return RelevanceModel(weights=data["weights"], bias=float(data["bias"]), threshold=float(data["threshold"]),
                          foresight=foresight)

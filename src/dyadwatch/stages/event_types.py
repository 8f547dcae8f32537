"""The learned typing step: each coded event's PLOVER type from the classifier and the trigger together.

The event coder proposes dyads from triggers and the parse, with the trigger lexicon's type. The
classifier (`dyadwatch.stages.classifier`) reads the sentence with that dyad's source and target marked and
gives calibrated probabilities over the PLV classes. The final type mixes the two: the classifier's
distribution, with the trigger's type given a fixed extra weight (`TRIGGER_WEIGHT`). A multiword
lexicon entry ("close embassy") always gets the larger `SPECIFIC_WEIGHT`, and so does a specific reading
("ordered … to leave") that the classifier would turn from conflict into cooperation or back: the
classifier refines a type, it does not reverse one. Both weights are chosen by end-to-end
cross-validation on PLV, the annotated real news (training/annotation) and the seed article (see
docs/benchmarks.md).

A dyad that the dyad scorer proposes without any lexicon trigger is kept only when the classifier
is confident (`UNTYPED_MIN_PROBABILITY`). When the chosen type differs from the trigger's, the CAMEO
code and mode come from another trigger of that type in the same sentence, or else from the type's
general CAMEO code in the pinned table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from dyadwatch import reftables
from dyadwatch.model import Actor, Event, Sentence
from dyadwatch.stages.classifier import EventTypeClassifier
from dyadwatch.stages.nlp import Parsed

TRIGGER_WEIGHT = 0.3
SPECIFIC_WEIGHT = 0.5
# An event proposed without a lexicon trigger needs this much belief.
UNTYPED_MIN_PROBABILITY = 0.6
YIELD = "YIELD"
# Changes the classifier may not make on its own, where PLV's conventions (after CAMEO) and the gold
# guidelines part (GUIDELINES.md; counted on training/annotation, docs/benchmarks.md):
# - PLV codes "will meet" as intent to meet (AGREE 036); a scheduled meeting is CONSULT, future. An offer
#   or pledge to meet is AGREE already, read as "fixed" by the words-versus-deeds stage;
# - PLV codes accepting and signing as SUPPORT; the guidelines' AGREE is agreeing to and accepting;
# - an offer of aid is AGREE, not the aid; a conviction is SANCTION, not ACCUSE; a request is not a
#   refusal because a refusal is near it;
# - criticizing a plan is ACCUSE ("slammed the plan"), not its rejection;
# - a call, a meeting or talks are CONSULT whatever was asked or backed in them: PLV types the call by
#   its purpose ("called Erdogan to convey support"), the guidelines code the call and the words apart;
# - PLV codes an actor's announcement of its own coming conflict act as a threat (CAMEO 13x); the
#   guidelines code the act, future ("said they would boycott the elections" is PROTEST, "announced the
#   government will extend the curfew" COERCE). A threat said as one ("threatened to") is read by the
#   words-versus-deeds stage before the typer;
# - a seizure or a blockade is coercion (PLOVER COERCE/seize, restrict), which PLV's classifier reads as
#   fighting ("marines seized the tanker").
# - approving, backing, asking and meeting are no material yielding, which PLV's classifier reads into a
#   sentence about a release or a resignation ("the Commons approved the measures"); an agreement it reads as
#   yielding is a concession (`choose`: "accepts the key demands by protesters" is CONCEDE, as the annotators
#   and PLV's YIELD have it). With a pardon read as a release (triggers.tsv), type-right events on the annotated
#   news +7 gated, +10 ungated (docs/benchmarks.md).
# - a concession (an apology, an admission) is no refusal, which PLV's classifier reads into what it concedes
#   ("apologised for the country's role in slavery").
# - an accusation is not the violence it alleges ("Amnesty alleged that civilians were killed by the army").
# - an accusation, a coercion or a concession is no request, and an attack no refusal, which the classifier reads
#   into words around them ("Mr Cable also attacked Labour's unfair taxes", "increase deportations of failed
#   asylum seekers", "the Somali government said it will never stop its war on Al Shabaab").
GUARDED_CHANGES = frozenset({("CONSULT", "AGREE"), ("AGREE", "SUPPORT"), ("AGREE", "AID"), ("SANCTION", "ACCUSE"),
                             ("ACCUSE", "ASSAULT"),
                             ("REQUEST", "REJECT"), ("ACCUSE", "REJECT"), ("CONCEDE", "REJECT"), ("CONSULT", "REQUEST"),
                             ("COERCE", "ASSAULT"), ("CONSULT", "SUPPORT"), ("ASSAULT", "REJECT")}
                            | {(act, "REQUEST") for act in ("ACCUSE", "COERCE", "CONCEDE")}
                            | {(act, "RETREAT") for act in ("SUPPORT", "REQUEST", "CONSULT")}
                            | {(act, "THREATEN") for act in ("PROTEST", "COERCE", "SANCTION", "ASSAULT", "MOBILIZE")})


def plv_class(event_type: str) -> str:
    """PLV merges CONCEDE and RETREAT as YIELD; the classifier speaks PLV."""
    return YIELD if event_type in ("CONCEDE", "RETREAT") else event_type


def marked_sentence(event: Event, sentence_start: int) -> str:
    """The event's sentence with `<s>…</s>` around its source and `<t>…</t>` around its target.

    A role outside the sentence (an implicit target from context) or overlapping the other is left
    unmarked; the classifier then reads the sentence as a whole for that role.
    """
    text = event.sentence
    marks: list[tuple[int, int, str]] = []
    for actor, tag in ((event.source, "s"), (event.target, "t")):
        if actor is None:
            continue
        start, end = actor.span[0] - sentence_start, actor.span[1] - sentence_start
        if 0 <= start < end <= len(text) and not any(start < e and s < end for s, e, _ in marks):
            marks.append((start, end, tag))
    for start, end, tag in sorted(marks, reverse=True):
        text = f"{text[:start]}<{tag}>{text[start:end]}</{tag}>{text[end:]}"
    return text


class TypeModel(Protocol):
    """What the typing step needs of a classifier: its labels and calibrated probabilities."""

    labels: tuple[str, ...]

    def predict_proba(self, marked_sentences: list[str]) -> np.ndarray: ...


@dataclass(slots=True)
class _Choice:
    event_type: str
    probability: float


def choose(trigger_type: str, probs: np.ndarray, labels: Sequence[str], weight: float) -> _Choice:
    """Mix the classifier's distribution with the trigger's type and take the best class.

    YIELD, PLV's merged class, becomes the trigger's CONCEDE or RETREAT; an agreement so read is a concession
    ("accepts the key demands"), else RETREAT: words of concession (pledges, declared ceasefires) reach the typer
    already read as CONCEDE by the words-versus-deeds stage, so a yielding the classifier finds elsewhere is the
    act ("rolled back tariffs").
    """
    mixed = (1 - weight) * probs
    trigger_class = plv_class(trigger_type)
    if trigger_class in labels:
        mixed[list(labels).index(trigger_class)] += weight
    best = int(mixed.argmax())
    label = labels[best]
    if label == YIELD:
        label = trigger_type if trigger_type in ("CONCEDE", "RETREAT") else \
            "CONCEDE" if trigger_type == "AGREE" else "RETREAT"
    return _Choice(label, float(mixed[best]))


def _flips_polarity(trigger_type: str, chosen: str) -> bool:
    """Cooperation (quad classes 1-2) turned into conflict (3-4) or back."""
    if not trigger_type:
        return False
    return (reftables.quad_class(trigger_type) <= 2) != (reftables.quad_class(chosen) <= 2)


class EventTyper:
    """Assign each event its final type, CAMEO code, Goldstein value, quad class and confidence."""

    def __init__(self, *, classifier: TypeModel | None = None, trigger_weight: float = TRIGGER_WEIGHT,
                 specific_weight: float = SPECIFIC_WEIGHT,
                 untyped_min_probability: float = UNTYPED_MIN_PROBABILITY,
                 worth: Callable[[Event, Sentence], bool] | None = None):
        """`worth`, when given, says which events to classify at all: the relevance gate's ceiling, so
        that the classifier does not run on events the gate would drop whatever their type."""
        self.classifier = classifier or EventTypeClassifier.load()
        self.worth = worth
        self.untyped_min_probability = untyped_min_probability
        self.trigger_weight = trigger_weight
        self.specific_weight = specific_weight
        self.labels = self.classifier.labels

    def pipe(self, batch: Sequence[tuple[Parsed, list[Event]]]) -> list[list[Event]]:
        """Type the events of several articles, one classifier call per article.

        Per article, because the int8 model scales its activations per call: with a classifier that
        batches its inputs (`batch_size` > 1), a call mixing articles would let one article's batch-mates
        nudge another's probabilities, and the same article would come out differently in one process
        and on a Dask worker. The shipped classifier reads one input at a time, so not even the other
        events of the article move an event's type.
        """
        return [self(parsed, events) for parsed, events in batch]

    def __call__(self, parsed: Parsed, events: list[Event]) -> list[Event]:
        """Type one article's events; triggers that led to the same dyad and type merge."""
        readings: dict[tuple[int, object], set[str]] = {}
        for e in events:
            readings.setdefault((e.sentence_index, _who(e.source)), set()).add(e.event_type)
        lexicon = {(e.sentence_index, e.event_type): (e.cameo, e.mode) for e in events if e.cameo}
        if self.worth is not None:
            events = [e for e in events if self.worth(e, parsed.sentences[e.sentence_index])]
        if not events:
            return []
        marked = [marked_sentence(e, parsed.sentences[e.sentence_index].start) for e in events]
        typed = []
        for event, probs in zip(events, self.classifier.predict_proba(marked), strict=True):
            if event.event_type and len(readings[(event.sentence_index, _who(event.source))]) > 1:
                # "accused Ethiopia of aggression and recalled its ambassador": one source, two triggers, two
                # events; the classifier reads nearly the same marked sentence for both: the trigger decides.
                event.reading = "fixed"
            choice = self._choose(event, probs)
            if choice is not None:
                typed.append(self._apply(event, choice, lexicon))
        return _merge(typed)

    def _choose(self, event: Event, probs: np.ndarray) -> _Choice | None:
        """The event's type, or None for an untyped proposal the classifier is not sure of."""
        if not event.event_type and probs.max() < self.untyped_min_probability:
            return None
        choice = choose(event.event_type, probs, self.labels, self.trigger_weight)
        if event.reading == "fixed" or (event.event_type, choice.event_type) in GUARDED_CHANGES or (
                event.reading == "specific" and _flips_polarity(event.event_type, choice.event_type)):
            choice = choose(event.event_type, probs, self.labels, self.specific_weight)
        return choice

    def _apply(self, event: Event, choice: _Choice, lexicon: dict[tuple[int, str], tuple[str | None, str | None]],
               ) -> Event:
        """Set the chosen type; the CAMEO code and mode come from a trigger of that type in the sentence."""
        event.confidence = round(choice.probability, 3)
        if choice.event_type == event.event_type:
            return event
        cameo, mode = lexicon.get((event.sentence_index, choice.event_type),
                                  (reftables.default_cameo(choice.event_type), None))
        event.event_type = choice.event_type
        event.cameo, event.mode = cameo, mode
        code = reftables.cameo(event.cameo) if event.cameo else None
        event.goldstein = code.goldstein if code else None
        event.quad_class = code.quad_class if code else reftables.quad_class(choice.event_type)
        event.context = list(code.context) if code else []
        event.id = event.make_id()
        return event


def _who(actor: Actor | None) -> object:
    """An actor slot's identity: its span, and its code where one phrase stands for two ("both countries")."""
    return (actor.span, actor.code) if actor else None


def _person(actor: Actor | None) -> object:
    """A person slot's identity is the person, whichever mention names them ("Howard said he would not
    back the plans": Howard and "he" are one source); other slots are their phrase (`_who`)."""
    if actor is not None and (actor.entity or "").startswith("person:"):
        return actor.entity, actor.code
    return _who(actor)


def _merge(events: list[Event]) -> list[Event]:
    """One event per sentence, dyad and type: triggers that led to the same coding collapse."""
    kept: dict[tuple[int, object, object, str], Event] = {}
    for e in events:
        key = (e.sentence_index, _person(e.source), _person(e.target), e.event_type)
        if key not in kept or e.confidence > kept[key].confidence:
            kept[key] = e
    return sorted(kept.values(), key=lambda e: (e.sentence_index, e.span))

"""The data model every stage speaks: articles, sentences, actor mentions and events.

The JSON produced by `Event.to_dict` is the public contract of GUIDE.md; field names and order
follow it exactly, so users and tests can rely on `dyadwatch code --format jsonl` output.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field, fields
from typing import Any

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
MODALITIES: tuple[str, ...] = ("asserted", "negated", "hypothetical", "future", "intended", "reported")
DATE_PRECISIONS: tuple[str, ...] = ("day", "month", "year", "document", "unknown")
ACTOR_KINDS: tuple[str, ...] = ("state", "person", "organization", "group", "location")

Span = tuple[int, int]
# Standing relations and the role of the second country in each (observations and states share them).
RELATION_ROLES: dict[str, str | None] = {
    "diplomatic_mission": "host", "ambassador": "host", "military_presence": "host",
    "security_cooperation": "partner", "sanctions": "partner", "armed_conflict": "partner",
    "alliance": "members", "government": None,
}


def normalize_text(text: str) -> str:
    """Canonical form used only for hashing, so trivially different copies share one id."""
    text = unicodedata.normalize("NFC", text)
    return re.sub(r"\s+", " ", text).strip()


def article_id_for(text: str) -> str:
    """Article id = sha256 of the normalized text (first 16 hex digits), per GUIDE.md."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class Article:
    """One input document; `text` is stored as read, and all offsets index into it."""

    text: str
    id: str = ""
    date: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    origin: str | None = None

    def __post_init__(self) -> None:
        if not self.id:
            self.id = article_id_for(self.text)
        self.date = self.date or None  # an empty date is no date

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Sentence:
    article_id: str
    index: int
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Actor:
    """An actor as it appears in an event's `source`, `target` or `attribution`."""

    text: str
    span: Span
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    name: str | None = None
    entity: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["span"] = list(self.span)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Actor | None:
        if d is None:
            return None
        return cls(**{**_known(cls, d), "span": tuple(d["span"])})


@dataclass(slots=True)
class ActorMention:
    """A resolved actor mention in an article (GUIDE.md, `dyadwatch actors`)."""

    article_id: str
    sentence_index: int
    text: str
    span: Span
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    name: str | None = None
    entity: str | None = None
    kind: str = "state"
    role: str | None = None
    coref_of: Span | None = None
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        """The contract's fields; `confidence` (lower for a role chosen without the article's date)
        reaches users through the events' confidence, not here."""
        d = asdict(self)
        del d["confidence"]
        d["span"] = list(self.span)
        d["coref_of"] = list(self.coref_of) if self.coref_of else None
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ActorMention:
        coref = d.get("coref_of")
        return cls(**{**_known(cls, d), "span": tuple(d["span"]),
                      "coref_of": tuple(coref) if coref else None})

    def as_actor(self) -> Actor:
        return Actor(text=self.text, span=self.span, code=self.code, country=self.country,
                     sector=self.sector, name=self.name, entity=self.entity)


@dataclass(slots=True)
class Location:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Quantity:
    value: float | int
    min: float | int | None
    max: float | int | None
    unit: str | None
    qualifier: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Event:
    """A coded event: one dyad, one sentence, one PLOVER type (GUIDE.md contract).

    `trigger` is the character span of the word that carries the event (a verb or an event noun);
    it is kept for highlighting and for the attribute stage, and is not part of the JSON contract.
    `reading` says how far the typing step trusts the trigger over the classifier: "fixed" for a
    multiword lexicon entry ("close embassy"), "specific" for a reading of the construction
    ("ordered … to leave", "formed an alliance"), "scored" for a pair the dyad scorer added, else
    "general"; it is not stored. `origin` says what made a stored event (coded | gdelt | icews | plover):
    the store sets it on read, outputs of stored events show it, and it is not in the coder's contract.
    `event_type` is null only for imported CAMEO 01x statements, which PLOVER has no type for.
    """

    article_id: str
    sentence_index: int
    sentence: str
    span: Span
    event_type: str | None
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    cameo: str | None = None
    goldstein: float | None = None
    quad_class: int | None = None
    source: Actor | None = None
    target: Actor | None = None
    date: str | None = None
    date_precision: str = "unknown"
    date_text: str | None = None
    location: Location | None = None
    quantities: list[Quantity] = field(default_factory=list)
    modality: str = "asserted"
    attribution: Actor | None = None
    confidence: float = 0.0
    id: str = ""
    trigger: Span | None = None
    reading: str = "general"
    origin: str | None = None

    def __post_init__(self) -> None:
        if not self.id:
            self.id = self.make_id()

    def make_id(self) -> str:
        """Stable id from where the event sits and what it is, so re-coding is idempotent."""
        key = "|".join([
            self.article_id, str(self.sentence_index), f"{self.span[0]}-{self.span[1]}",
            self.event_type or "",
            str(self.source.span if self.source else None),
            str(self.target.span if self.target else None),
            # One phrase can stand for two actors ("both countries"): their codes tell the events apart.
            str(self.source.code if self.source else None),
            str(self.target.code if self.target else None),
        ])
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "span": list(self.span),
            "event_type": self.event_type,
            "mode": self.mode,
            "context": list(self.context),
            "cameo": self.cameo,
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "date": self.date,
            "date_precision": self.date_precision,
            "date_text": self.date_text,
            "location": self.location.to_dict() if self.location else None,
            "quantities": [q.to_dict() for q in self.quantities],
            "modality": self.modality,
            "attribution": self.attribution.to_dict() if self.attribution else None,
            "confidence": self.confidence,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        loc = d.get("location")
        return cls(
            id=d["id"], article_id=d["article_id"], sentence_index=d["sentence_index"],
            sentence=d["sentence"], span=tuple(d["span"]), event_type=d["event_type"],
            mode=d.get("mode"), context=list(d.get("context") or []), cameo=d.get("cameo"),
            goldstein=d.get("goldstein"), quad_class=d.get("quad_class"),
            source=Actor.from_dict(d.get("source")), target=Actor.from_dict(d.get("target")),
            date=d.get("date"), date_precision=d.get("date_precision", "unknown"),
            date_text=d.get("date_text"),
            location=Location(**loc) if loc else None,
            quantities=[Quantity(**q) for q in d.get("quantities") or []],
            modality=d.get("modality", "asserted"),
            attribution=Actor.from_dict(d.get("attribution")),
            confidence=d.get("confidence", 0.0),
        )


@dataclass(slots=True)
class Observation:
    """One sentence's claim about a standing relation: what held, between whom, from or until when.

    Found at ingest time by `dyadwatch.stages.observations` from coded events and stative sentences, by a
    row of `data/state_rules.tsv` (`rule`); `dyadwatch.store.state` folds them into states over time.
    `phase` says how the date bounds the value: "from" (it changed to the value then), "asof"
    (it was reported to hold then) or "until" (it held up to then). `during` names a leader whose
    time in office bounds an undated past fact ("during Mr. Bazoum's leadership"). `by` is the acting
    side of an event behind a symmetric relation (armed_conflict stores its two sides in code order).
    """

    article_id: str
    sentence_index: int
    text: str
    relation: str
    value: Any
    phase: str
    rule: str
    holder: str | None = None
    host: str | None = None
    partner: str | None = None
    members: list[str] | None = None
    date: str | None = None
    date_precision: str = "unknown"
    partner_entity: str | None = None
    kind: str | None = None
    during: str | None = None
    event_id: str | None = None
    rank: int = 0
    by: str | None = None

    def key(self) -> tuple[str, str | None, str | None, str | None, tuple[str, ...] | None]:
        """What the observation is about: one relation between the same actors."""
        return (self.relation, self.holder, self.host, self.partner,
                tuple(self.members) if self.members is not None else None)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Observation:
        return cls(**_known(cls, d))


@dataclass(slots=True)
class CodedArticle:
    """Everything the pipeline produced for one article, written to the store together."""

    article: Article
    sentences: list[Sentence]
    mentions: list[ActorMention]
    events: list[Event]
    observations: list[Observation] = field(default_factory=list)


def _known(cls: type, d: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in d.items() if k in names}

"""Cross-article deduplication: one real event, reported many times, becomes one cluster of mentions.

Two coded events are mentions of the same event (GDELT's NumMentions/NumArticles) when they have
the same dyad (source and target country, or the actor code where there is no country), the same
PLOVER type, a compatible mode and modality, and dates that agree: within `WINDOW_DAYS` days when
both are known to the day (the article date of a "document" date counts as its day), inside the
same month or year when one is coarser. Across articles their sentences must also be alike
(content-word overlap of at least `MIN_SIMILARITY`); inside one article the dyad, type and an equal
date suffice ("the final French troops have departed Niger" … "the remaining 157 have now withdrawn").

Never merged, whatever else agrees: two events that count the same unit differently (1,000 soldiers
withdrawn vs 400) or that happen in different places (near Agadez vs near Diffa; a country and a
city inside it are compatible). Clusters are assigned when events are stored, so each new batch is
compared only with stored events of its own types and dates, and a cluster keeps the id of its
first event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from dyadwatch.model import Actor, Event

if TYPE_CHECKING:
    from dyadwatch.store import Store

WINDOW_DAYS = 3
MIN_SIMILARITY = 0.2
FACTUAL = frozenset({"asserted", "reported"})
_STEM = 5
_STOP = frozenset({"a", "after", "also", "an", "and", "are", "as", "at", "be", "been", "before", "but", "by",
                   "for", "from", "had", "has", "have", "he", "her", "his", "in", "into", "is", "it", "its",
                   "more", "most", "no", "not", "of", "on", "or", "other", "over", "said", "says", "she",
                   "than", "that", "the", "their", "them", "they", "this", "to", "was", "were", "which",
                   "while", "who", "will", "with", "would"})


@dataclass(frozen=True, slots=True)
class Mention:
    """What clustering needs to know of one coded event."""

    id: str
    article_id: str
    cluster_id: str
    event_type: str
    mode: str | None
    source: str | None
    target: str | None
    date: str | None
    precision: str
    modality: str
    quantities: tuple[tuple[str, float], ...]
    place: tuple[str | None, str, bool] | None
    words: frozenset[str]


def side(actor: Actor | None) -> str | None:
    """A dyad side: the actor's country, else its code (IGOs, armed groups)."""
    if actor is None:
        return None
    return actor.country or actor.code


def mention(event: Event, cluster_id: str | None = None) -> Mention:
    loc = event.location
    place = (loc.country, loc.name.lower(), loc.lat is not None) if loc else None
    quantities = tuple(sorted((q.unit or "", float(q.value)) for q in event.quantities))
    return Mention(event.id, event.article_id, cluster_id or event.id, event.event_type, event.mode,
                   side(event.source), side(event.target), event.date, event.date_precision, event.modality,
                   quantities, place, content_words(event.sentence))


def content_words(sentence: str) -> frozenset[str]:
    """Lower-cased content words cut to a short stem, so "closed" meets "close" and "closure"."""
    return frozenset(w[:_STEM] for w in re.findall(r"[a-z]+", sentence.lower()) if w not in _STOP and len(w) > 2)


def similarity(a: Mention, b: Mention) -> float:
    if not a.words or not b.words:
        return 0.0
    return len(a.words & b.words) / len(a.words | b.words)


def same_event(a: Mention, b: Mention) -> float | None:
    """How alike two mentions of the same event are, or None when they are different events."""
    if a.id == b.id or (a.source, a.target, a.event_type) != (b.source, b.target, b.event_type):
        return None
    if a.source is None or a.target is None or a.date is None or b.date is None:
        return None
    if a.mode and b.mode and a.mode != b.mode:
        return None
    if a.modality != b.modality and not (a.modality in FACTUAL and b.modality in FACTUAL):
        return None
    if not _compatible_quantities(a, b) or not _compatible_places(a, b):
        return None
    if a.article_id == b.article_id:
        return 1.0 if a.date == b.date else None
    if not _dates_close(a, b):
        return None
    score = similarity(a, b)
    return score if score >= MIN_SIMILARITY else None


def assign(new: list[Event], stored: list[Mention]) -> dict[str, str]:
    """Event id → cluster id for new events: the cluster of the most alike stored (or earlier new)
    mention, else a cluster of its own."""
    pool: dict[tuple[str | None, str | None, str], list[Mention]] = {}
    for m in stored:
        pool.setdefault((m.source, m.target, m.event_type), []).append(m)
    out: dict[str, str] = {}
    for event in new:
        this = mention(event)
        best: tuple[float, str] | None = None
        for other in pool.get((this.source, this.target, this.event_type), []):
            score = same_event(this, other)
            if score is not None and (best is None or score > best[0]):
                best = (score, other.cluster_id)
        cluster = best[1] if best else event.id
        out[event.id] = cluster
        pool.setdefault((this.source, this.target, this.event_type), []).append(mention(event, cluster))
    return out


def clusters(store: Store, *, source: str | None = None, target: str | None = None,
             min_mentions: int = 1) -> list[dict[str, Any]]:
    """Deduplicated events: each with its first event, mention and article counts, and all mentions."""
    grouped: dict[str, list[Event]] = {}
    for cluster_id, event in store.clustered_events(source=source, target=target):
        grouped.setdefault(cluster_id, []).append(event)
    out = []
    for cluster_id, events in grouped.items():
        if len(events) < min_mentions:
            continue
        first = next((e for e in events if e.id == cluster_id), events[0])
        out.append({"id": cluster_id, "event": first.to_dict(), "num_mentions": len(events),
                    "num_articles": len({e.article_id for e in events}),
                    "mentions": [{"event_id": e.id, "article_id": e.article_id, "sentence_index": e.sentence_index,
                                  "sentence": e.sentence, "date": e.date} for e in events]})
    return out


def window(events: list[Event]) -> tuple[str, str] | None:
    """The stored dates that can match these events (a year either side covers year-precision dates)."""
    days = [_first_day(e.date) for e in events if e.date]
    if not days:
        return None
    return (date(max(min(days).year - 1, 1), 1, 1).isoformat(), date(min(max(days).year + 1, 9999), 12, 31).isoformat())


def _compatible_quantities(a: Mention, b: Mention) -> bool:
    units_a = {u: v for u, v in a.quantities}
    return all(units_a[u] == v for u, v in b.quantities if u in units_a)


def _compatible_places(a: Mention, b: Mention) -> bool:
    if a.place is None or b.place is None:
        return True
    (country_a, name_a, point_a), (country_b, name_b, point_b) = a.place, b.place
    if country_a and country_b and country_a != country_b:
        return False
    return not (point_a and point_b and name_a != name_b)


def _dates_close(a: Mention, b: Mention) -> bool:
    if a.date is None or b.date is None:
        return False
    if len(a.date) == 10 and len(b.date) == 10:
        return abs((_first_day(a.date) - _first_day(b.date)).days) <= WINDOW_DAYS
    shorter = min(len(a.date), len(b.date))
    return a.date[:shorter] == b.date[:shorter]


def _first_day(value: str) -> date:
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])

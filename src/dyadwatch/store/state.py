"""Relation states over time: how things stand between actors on any date, and why.

The observations stage stores, per sentence, what an article says about a standing relation
(`dyadwatch.stages.observations`, rules in `data/state_rules.tsv`). This module folds the observations of
one relation between the same actors (a *key*) into consecutive intervals, in date order:

- a "from" observation starts a new value on its date (the embassy closed on 2023-12-22);
- an "asof" report says the value held on its date (two US bases, reported 2023-12-22);
- an "until" observation says the value held up to its date, its start unknown ("France had more
  than 1,500 troops … during Mr. Bazoum's leadership" holds until the coup that ended his rule).

Dict values (military presence, government) carry over the fields a later observation does not
mention ("agreed to withdraw" keeps the troop count and sets the status). Two reports of the same
relation that disagree on a count within `CONFLICT_DAYS`, with no change between them, are a
conflict: the value backed by more articles wins, the later one on a tie, and the losing report stays
visible under "conflicts". Every interval keeps all the sentences it rests on.

Folding happens at query time over the stored observations of the keys asked for, so ingesting an
article adds rows and never recomputes stored states.

Two rules keep states from misleading. A state with an open end holds at most `stale_after` days
(default `STALE_AFTER`, a year) past its latest evidence unless a later report confirms it: a 2005
sentence about US troops says nothing about 2023. And `armed_conflict` is active only where material
conflict (quad 4) comes from both sides within `CONFLICT_DAYS` of each other, or a sentence states a
war (rule `conflict-war`): one side's attack is an event, not yet a war.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dyadwatch import periods
from dyadwatch.model import RELATION_ROLES, Observation
from dyadwatch.store import Store, dedup

RELATIONS: tuple[str, ...] = tuple(RELATION_ROLES)
CONFLICT_DAYS = 180
STALE_AFTER = 365
STATED_WAR_RULES = frozenset({"conflict-war"})
_PHASE_ORDER = {"until": 0, "from": 1, "asof": 2}
_COUNTS = ("troops", "bases")
_LOWER_BOUND_SPAN = 1.5
_ABOUT_SPAN = 0.1


@dataclass(slots=True)
class RelationState:
    """One value of one relation between actors, with its validity interval and its evidence."""

    relation: str
    holder: str | None
    host: str | None
    partner: str | None
    members: list[str] | None
    value: Any
    valid_from: str | None
    valid_to: str | None
    evidence: list[dict[str, Any]]
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    partner_entity: str | None = None
    kind: str | None = None
    _last_phase: str = "from"
    age_days: int | None = None
    as_of: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The GUIDE.md JSON: relation, holder, host | partner | members, value, valid_from, valid_to,
        evidence; plus conflicts, partner_entity and kind where they apply."""
        out: dict[str, Any] = {"relation": self.relation, "holder": self.holder}
        role = RELATION_ROLES.get(self.relation)
        if role is not None:
            out[role] = getattr(self, role)
        if self.partner_entity:
            out["partner_entity"] = self.partner_entity
        if self.kind:
            out["kind"] = self.kind
        out.update(value=self.value, valid_from=self.valid_from, valid_to=self.valid_to,
                   evidence_date=self.evidence_date(), evidence=list(self.evidence))
        if self.age_days is not None:
            out["age_days"] = self.age_days
        if self.conflicts:
            out["conflicts"] = list(self.conflicts)
        return out

    def evidence_date(self) -> str | None:
        """The date of the latest dated sentence the state rests on (as precise as that sentence); with
        `as_of` set (states_at), the latest one known on that day: a later report cannot vouch for it."""
        dates = [e["date"] for e in self.evidence if e.get("date") and (
            self.as_of is None or _pad(e["date"]) <= _pad(self.as_of))]
        return max(dates, key=_pad) if dates else None

    def stale_at(self, at: str, stale_after: int | None) -> bool:
        """Whether an open-ended state's latest evidence is more than `stale_after` days before `at`; the
        evidence's whole period counts (a "2005" report is stale from 2006-12-31 with a year's limit).
        Evidence with no date known on `at` cannot vouch for that day either, so such a state is stale."""
        self.as_of = at
        last = self.evidence_date()
        if stale_after is None or self.valid_to is not None:
            return False
        return last is None or (_day(at) - _last_day(last)).days > stale_after

    def holds_at(self, at: str) -> bool:
        """Whether the interval covers a day; month and year bounds count from their first day."""
        day = _pad(at)
        return (self.valid_from is None or _pad(self.valid_from) <= day) and (
            self.valid_to is None or day < _pad(self.valid_to))

    def actors(self) -> set[str]:
        return {a for a in (self.holder, self.host, self.partner, *(self.members or [])) if a}


def states_at(store: Store, at: str, *, actor: str | None = None, relation: str | None = None,
              stale_after: int | None = STALE_AFTER) -> list[RelationState]:
    """Every relation state that holds on `at` (YYYY-MM-DD), optionally for one actor or relation.

    A state whose latest evidence is more than `stale_after` days old on `at` is left out (None: never);
    each state returned carries `age_days`, the age of that evidence on `at` counted from the end of its
    period (a report dated only "2023" is 0 days old on any day of 2023).
    """
    found = []
    for state in _fold_all(store, actor=actor, relation=relation):
        if state.holds_at(at) and not state.stale_at(at, stale_after):
            last = state.evidence_date()
            state.age_days = max(0, (_day(at) - _last_day(last)).days) if last else None
            found.append(state)
    return sorted(found, key=_state_order)


def history(store: Store, *, actor: str, relation: str | None = None) -> list[RelationState]:
    """All intervals of the relations an actor takes part in, oldest first per relation."""
    return _fold_all(store, actor=actor, relation=relation)


def timeline(store: Store, a: str, b: str, *, min_confidence: float | None = None) -> list[dict[str, Any]]:
    """Events (one per deduplicated cluster) and state changes between two actors, in date order; with
    `min_confidence`, only the events whose cluster's first event is at least that confident, as the dyad
    rankings count them."""
    a, b = a.upper(), b.upper()
    rows: list[dict[str, Any]] = []
    for cluster in dedup.clusters(store, source=a, target=b) + dedup.clusters(store, source=b, target=a):
        event = cluster["event"]
        if min_confidence is not None and (event["confidence"] is None or event["confidence"] < min_confidence):
            continue
        rows.append({"date": event["date"], "kind": "event", "event_type": event["event_type"],
                     "mode": event["mode"], "cameo": event["cameo"], "goldstein": event["goldstein"],
                     "source": dedup_side(event["source"]), "target": dedup_side(event["target"]),
                     "modality": event["modality"], "mentions": cluster["num_mentions"],
                     "sources": [{"article_id": m["article_id"], "sentence_index": m["sentence_index"],
                                  "text": m["sentence"]} for m in cluster["mentions"]]})
    for state in _fold_all(store, actor=a, relation=None):
        if b not in state.actors():
            continue
        row = {"date": state.valid_from, "kind": "state", **state.to_dict()}
        row["sources"] = row.pop("evidence")
        rows.append(row)
    return sorted(rows, key=lambda r: (_pad(r["date"]) if r["date"] else "0000", r["kind"] == "event"))


def dedup_side(actor: dict[str, Any] | None) -> str | None:
    if actor is None:
        return None
    return actor.get("country") or actor.get("code")


def fold(observations: Iterable[Observation]) -> list[RelationState]:
    """Fold observations into intervals, one list per key, in key then date order."""
    by_key: dict[tuple[Any, ...], list[Observation]] = {}
    for o in observations:
        by_key.setdefault(o.key(), []).append(o)
    leaders = _leader_ends(by_key)
    out: list[RelationState] = []
    for key in sorted(by_key, key=lambda k: json.dumps(k)):
        items = by_key[key] if key[0] != "armed_conflict" else _two_sided(by_key[key])
        out.extend(_fold_key([_bounded(o, leaders) for o in items]))
    return out


def _two_sided(observations: list[Observation]) -> list[Observation]:
    """Armed-conflict observations without the one-sided "active" ones: an attack counts toward an active
    conflict when the other side's material conflict comes within CONFLICT_DAYS of it, or a war is stated."""
    def attacks(o: Observation) -> bool:
        return o.value == "active" and o.by is not None and o.rule not in STATED_WAR_RULES

    kept = []
    for o in observations:
        if attacks(o) and not any(attacks(other) and other.by != o.by and _near(o.date, other.date)
                                  for other in observations):
            continue
        kept.append(o)
    return kept


def _near(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and abs((_day(a) - _day(b)).days) <= CONFLICT_DAYS


def _fold_all(store: Store, *, actor: str | None, relation: str | None) -> list[RelationState]:
    observations = store.observations(relation=relation, actor=actor)
    if any(o.during for o in observations) and relation != "government":
        keys = {o.key() for o in observations}
        observations += [o for o in store.observations(relation="government") if o.key() not in keys]
        states = fold(observations)
        wanted = {o.key() for o in observations if (relation is None or o.relation == relation) and (
            actor is None or actor.upper() in {o.holder, o.host, o.partner, *(o.members or [])})}
        return [s for s in states if _state_key(s) in wanted]
    return fold(observations)


def _state_key(s: RelationState) -> tuple[Any, ...]:
    return (s.relation, s.holder, s.host, s.partner, tuple(s.members) if s.members is not None else None)


def _state_order(s: RelationState) -> tuple[Any, ...]:
    return (RELATIONS.index(s.relation) if s.relation in RELATIONS else 99, s.holder or "", s.host or "",
            s.partner or "", s.members or [])


def _leader_ends(by_key: dict[tuple[Any, ...], list[Observation]]) -> dict[str, tuple[str, str]]:
    """Leader name → (date, precision) their government ended, for facts dated by "during X's rule"."""
    ends: dict[str, tuple[str, str]] = {}
    for key, observations in by_key.items():
        if key[0] != "government":
            continue
        for o in observations:
            leader = o.value.get("leader") if isinstance(o.value, dict) else None
            if leader and o.phase == "until" and o.date:
                ends[leader] = (o.date, o.date_precision)
    return ends


def _bounded(o: Observation, leaders: dict[str, tuple[str, str]]) -> Observation:
    """An "until" fact bounded by a leader's time in office ends when their government ended."""
    if not o.during or o.phase != "until":
        return o
    for leader, (end, precision) in leaders.items():
        if re.search(rf"\b{re.escape(o.during)}\b", leader):
            return Observation.from_dict({**o.to_dict(), "date": end, "date_precision": precision})
    return o


def _fold_key(observations: list[Observation]) -> list[RelationState]:
    items = sorted(observations, key=lambda o: (_pad(o.date) if o.date else "0000", _PHASE_ORDER.get(o.phase, 1),
                                                o.rank, o.article_id, o.sentence_index))
    states: list[RelationState] = []
    for o in items:
        current = states[-1] if states else None
        value = o.value
        if current is not None and o.phase != "until" and isinstance(value, dict) and isinstance(current.value, dict):
            value = {**current.value, **value}
        if current is not None and value == current.value:
            current.evidence.append(_evidence(o))
            current._last_phase = o.phase
            continue
        if current is not None and o.phase == "asof" and current._last_phase != "from" and _disagree(current, o):
            if len({e["article_id"] for e in current.evidence}) > 1:
                current.conflicts.append({"value": value, "evidence": [_evidence(o)]})
                continue
            conflict = {"value": current.value, "evidence": list(current.evidence)}
        else:
            conflict = None
        if o.phase == "until":
            if current is not None and current.valid_to is None:
                current.valid_to = current.evidence[-1]["date"] or current.valid_from
            start, end = (current.valid_to if current else None), o.date
        else:
            start, end = o.date, None
            if current is not None and current.valid_to is None:
                current.valid_to = o.date
            if current is not None and current.valid_from is not None and current.valid_from == o.date:
                states.pop()
        state = RelationState(o.relation, o.holder, o.host, o.partner, o.members, value, start, end,
                              [_evidence(o)], [conflict] if conflict else [], o.partner_entity, o.kind, o.phase)
        states.append(state)
    return states


def _evidence(o: Observation) -> dict[str, Any]:
    return {"article_id": o.article_id, "sentence_index": o.sentence_index, "text": o.text, "date": o.date,
            "rule": o.rule}


def _disagree(current: RelationState, o: Observation) -> bool:
    """Two reports disagree when they give incompatible counts within `CONFLICT_DAYS` of each other."""
    last = current.evidence[-1].get("date")
    if not last or not o.date or abs((_day(o.date) - _day(last)).days) > CONFLICT_DAYS:
        return False
    if not isinstance(current.value, dict) or not isinstance(o.value, dict):
        return False
    for name in _COUNTS:
        if name in current.value and name in o.value and not _overlap(current.value[name], o.value[name]):
            return True
    return False


def _overlap(a: Any, b: Any) -> bool:
    (lo_a, hi_a), (lo_b, hi_b) = _range(a), _range(b)
    return lo_a <= hi_b and lo_b <= hi_a


def _range(count: Any) -> tuple[float, float]:
    """The numbers a reported count allows. News rounds down, so "more than 600" is read as 600–900
    and "some 1,100" as ±10%; an exact count is itself."""
    if isinstance(count, int | float):
        return float(count), float(count)
    text = str(count)
    number = float(text.lstrip("<>~"))
    if text.startswith(">"):
        return number, number * _LOWER_BOUND_SPAN
    if text.startswith("<"):
        return 0.0, number
    return number * (1 - _ABOUT_SPAN), number * (1 + _ABOUT_SPAN)


def _pad(value: str) -> str:
    return {4: value + "-01-01", 7: value + "-01"}.get(len(value), value)


def _day(value: str) -> date:
    return date.fromisoformat(_pad(value))


def _last_day(value: str) -> date:
    """The last day of a date's period: 2005 → 2005-12-31, 2023-07 → 2023-07-31."""
    return date.fromisoformat(periods.bounds(value)[1])

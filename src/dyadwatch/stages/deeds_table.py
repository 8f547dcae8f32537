"""The words of ``data/deeds.tsv`` by role: what tells words from deeds (`dyadwatch.stages.deeds`) and a
proposal from no event at all (`dyadwatch.stages.non_events`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from dyadwatch import reftables

COLUMNS = ("word", "role", "value")


@dataclass(frozen=True, slots=True)
class Deeds:
    commitments: dict[str, str]
    requests: frozenset[str]
    refusals: frozenset[str]
    permissions: frozenset[str]
    blockings: frozenset[str]
    actor_objects: frozenset[str]
    non_events: frozenset[tuple[str, str]]
    attempts: frozenset[str]
    figurative: frozenset[str]
    quarrels: frozenset[str]
    namings: frozenset[str]
    physical: frozenset[str]
    declarations: frozenset[tuple[str, str]]
    concessions: frozenset[str]
    speech: frozenset[str]
    warnings: frozenset[str]
    contentions: frozenset[str]
    failings: frozenset[str]
    questions: frozenset[str]
    instructions: frozenset[str]
    theatres: frozenset[str]
    pledges: frozenset[str]
    resultatives: frozenset[str]
    references: frozenset[str]
    makings: frozenset[str]
    gatherings: frozenset[str]
    settings: frozenset[str]
    departures: frozenset[str]
    handovers: frozenset[str]
    outlooks: frozenset[str]
    dismissals: frozenset[str]
    sympathies: frozenset[tuple[str, str]]
    endorsements: frozenset[tuple[str, str]]
    rulings: frozenset[str]
    refuges: frozenset[str]
    unlawful: frozenset[str]
    denials: frozenset[tuple[str, str]]
    opinions: frozenset[str]
    peacekeeping: frozenset[str]
    wholehearted: frozenset[str]
    gifts: frozenset[str]
    claims: frozenset[tuple[str, str]]
    witnessings: frozenset[str]
    accusations: frozenset[tuple[str, str]]
    denyings: frozenset[str]
    disputed: frozenset[str]
    bids: frozenset[str]
    weapons: frozenset[str]
    fights: frozenset[str]


@lru_cache(maxsize=1)
def table() -> Deeds:
    """``data/deeds.tsv``, read once."""
    rows = [row for _, row in reftables.rows("deeds.tsv", COLUMNS)]
    read = {"commitment"}

    def words(role: str) -> frozenset[str]:
        read.add(role)
        return frozenset(r["word"] for r in rows if r["role"] == role)

    def pairs(role: str) -> frozenset[tuple[str, str]]:
        return frozenset((first, second) for first, _, second in (w.partition(" ") for w in words(role)))

    deeds = Deeds(commitments={r["word"]: r["value"] for r in rows if r["role"] == "commitment"},
                  requests=words("request"), refusals=words("refusal"), permissions=words("permission"),
                  blockings=words("blocking"), actor_objects=words("actor_object"),
                  non_events=pairs("non_event"), attempts=words("attempt"), figurative=words("figurative"),
                  quarrels=words("quarrel"), namings=words("naming"), physical=words("physical"),
                  declarations=pairs("declaration"), concessions=words("concession"), speech=words("speech"),
                  warnings=words("warning"), questions=words("question"), instructions=words("instruction"),
                  contentions=words("contention"), failings=words("failing"),
                  theatres=words("theatre"),
                  pledges=words("pledge"), resultatives=words("resultative"), references=words("reference"),
                  makings=words("making"), gatherings=words("gathering"), settings=words("setting"),
                  departures=words("departure"), handovers=words("handover"),
                  outlooks=words("outlook"), dismissals=words("dismissal"),
                  sympathies=pairs("sympathy"), denials=pairs("denial"), endorsements=pairs("endorsement"),
                  rulings=words("ruling"), refuges=words("refuge"),
                  unlawful=words("unlawful"),
                  opinions=words("opinion"), peacekeeping=words("peacekeeping"),
                  wholehearted=words("wholehearted"), gifts=words("gift"),
                  claims=pairs("reported"), witnessings=words("witnessing"),
                  accusations=pairs("accusation"), denyings=words("denying"),
                  disputed=words("disputed"), bids=words("bid"),
                  weapons=words("weapon"), fights=words("fight"))
    # A role no field reads would be rows that silently do nothing (as `reported` once was).
    unread = {r["role"] for r in rows} - read
    if unread:
        raise ValueError(f"data/deeds.tsv: roles no stage reads: {sorted(unread)}")
    return deeds

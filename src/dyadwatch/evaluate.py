"""Scoring against hand annotations: the seed gold file's events.

Matching rule (issue 2): an event matches a gold event when its sentence contains the gold
`evidence`, its type is one of the gold `types`, and its source and target countries are among
the gold `source` and `target` (a gold `null` accepts an actor without a country).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dyadwatch.model import Event


@dataclass(slots=True)
class SeedScore:
    required: int
    required_found: list[str] = field(default_factory=list)
    required_missed: list[str] = field(default_factory=list)
    asserted: int = 0
    asserted_matching: int = 0
    unmatched: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.asserted_matching / self.asserted if self.asserted else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {"required": self.required, "required_found": len(self.required_found),
                "required_missed": self.required_missed, "asserted": self.asserted,
                "asserted_matching": self.asserted_matching, "precision": round(self.precision, 3),
                "unmatched": self.unmatched}


def matches(event: Event, gold: dict[str, Any]) -> bool:
    if gold["evidence"] not in event.sentence or event.event_type not in gold["types"]:
        return False
    source = event.source.country if event.source else None
    target = event.target.country if event.target else None
    return source in gold["source"] and target in gold["target"]


def score_seed(events: list[Event], gold: dict[str, Any]) -> SeedScore:
    """Required-event recall and the share of asserted events that match any gold event."""
    required = [g for g in gold["events"] if g.get("required")]
    score = SeedScore(required=len(required))
    for g in required:
        (score.required_found if any(matches(e, g) for e in events) else score.required_missed).append(g["id"])
    for e in events:
        if e.modality != "asserted":
            continue
        score.asserted += 1
        if any(matches(e, g) for g in gold["events"]):
            score.asserted_matching += 1
        else:
            src = e.source.country if e.source else None
            tgt = e.target.country if e.target else None
            score.unmatched.append(f"{e.event_type} {src}->{tgt}: {e.sentence[:70]}")
    return score

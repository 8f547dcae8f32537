"""Scoring against hand annotations (the seed gold file's events) and the recorded cross-validation.

Matching rule (issue 2): an event matches a gold event when its sentence contains the gold
`evidence`, its type is one of the gold `types`, and its source and target countries are among
the gold `source` and `target` (a gold `null` accepts an actor without a country).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyadwatch.errors import DyadwatchError, Errors
from dyadwatch.model import Article, Event


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


def recorded_cv() -> dict[str, Any]:
    """The cross-validation figures recorded with the shipped model by `make train`: the classifier
    given gold actor spans (meta.json), the dyad scorer's coverage of gold dyads (models/dyads) and the
    whole system end to end (cv_end_to_end.json), on PLV's labels and on the guidelines' types of its rows."""
    from importlib import resources

    folder = resources.files("dyadwatch") / "models" / "event_type"
    out: dict[str, Any] = {}
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    out["classifier_gold_spans"] = {k: meta["cv"].get(k) for k in (
        "macro_f1_mean", "macro_f1_sd", "quad_accuracy_mean", "accuracy_mean", "folds", "partial", "temperature",
        "ece_before", "ece_after")}
    dyads = json.loads((resources.files("dyadwatch") / "models" / "dyads" / "weights.json").read_text(encoding="utf-8"))
    cv = dyads["cross_validation"]
    setting = f"C={dyads['c']} threshold={dyads['threshold']} fallback={dyads['fallback']}"
    out["dyads"] = {"setting": setting, "rules_only_both_actors_covered": cv["rules_only_both_actors_covered"],
                    **cv["by_setting"].get(setting, {})}
    end_to_end = folder / "cv_end_to_end.json"
    if end_to_end.is_file():
        report = json.loads(end_to_end.read_text(encoding="utf-8"))
        out["end_to_end"] = {"folds": report["folds"], "rows": report["rows"], "setting": report["shipped_setting"],
                             **{k: v for k, v in report["shipped"].items() if k != "per_class"}}
        # The same events against the types GUIDELINES.md gives PLV's rows (training/plv_guidelines).
        out["end_to_end_by_guidelines"] = {**{k: v for k, v in report["shipped_by_guidelines"].items()
                                              if k != "per_class"},
                                           "guidelines_against_plv": report["guidelines_against_plv"]}
    return out


def find_shared(given: Path | None, needs: str) -> Path:
    """The shared/ data folder: `given`, else $DYADWATCH_SHARED, else ../shared beside the checkout this
    package runs from (an editable install), so that `eval` and `bench` work from any directory.
    `needs` is a path the folder must hold ("seed", "data/bbc"); without it the folder is E016."""
    from_env = os.environ.get("DYADWATCH_SHARED")
    folder = given or (Path(from_env) if from_env else Path(__file__).resolve().parents[4] / "shared")
    if not (folder / needs).exists():
        raise DyadwatchError(Errors.E016, detail=f"no {needs}/ in {folder}")
    return folder


def seed_report(gold_path: Path, article_path: Path) -> dict[str, Any]:
    """Code the seed article (dated as the gold file says) with the shipped pipeline and score it."""
    from dyadwatch.pipeline import Pipeline

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    article = Article(text=article_path.read_text(encoding="utf-8"), date=gold["published"])
    return score_seed(Pipeline().code(article).events, gold).to_dict()

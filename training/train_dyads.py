"""Train and cross-validate the dyad scorer (`dyadwatch.stages.dyads`) on plv_train.tsv.

Every PLV sentence is parsed once; our actor resolver finds its actors and the trigger rules code
what they can (`EventCoder(rules_only=True)`). Each ordered pair of actor mentions is an example,
positive when the two overlap the gold source and target of a row of that sentence. A logistic
regression over the pair features is cross-validated on the 5 folds of `train_event_type.folds`
(grouped by sentence), then fitted on all rows; its weights and decision threshold ship in
``src/dyadwatch/models/dyads/weights.json``.

    .venv/bin/python training/train_dyads.py

Deterministic: the solver (liblinear) is seeded and the examples come in file order.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_event_type as tet
from dyadwatch.evaluation.eval_events import PlvRow, plv_rows
from dyadwatch.model import Article, Event
from dyadwatch.stages import nlp
from dyadwatch.stages.actors import ActorResolver
from dyadwatch.stages.dyads import DyadScorer, overlaps
from dyadwatch.stages.events import EventCoder, PairExample

ARTIFACT = tet.REPO / "src" / "dyadwatch" / "models" / "dyads" / "weights.json"
C_VALUES = (0.3, 1.0, 3.0)
THRESHOLDS = (0.3, 0.4, 0.5, 0.6)
FALLBACKS = (None, 0.1, 0.2, 0.3)


@dataclass(slots=True)
class Sentence:
    """One distinct PLV sentence: its rows, the rules' events and its candidate pairs with labels."""

    text: str
    rows: list[int]
    events: list[Event]
    pairs: list[PairExample]
    labels: list[int]


def sentences(gold: Sequence[PlvRow]) -> list[Sentence]:
    """The distinct sentences of the PLV rows, coded by the rules, with every pair labelled."""
    by_text: dict[str, list[int]] = {}
    for i, row in enumerate(gold):
        by_text.setdefault(row.sentence, []).append(i)
    texts = list(by_text)
    resolver, coder = ActorResolver(), EventCoder(rules_only=True)
    out = []
    for text, parsed in zip(texts, nlp.parse([Article(text=t, id=f"plv-{i}") for i, t in enumerate(texts)]),
                            strict=True):
        events, pairs = coder.code(parsed, resolver(parsed))
        rows = by_text[text]
        labels = [int(any(overlaps(p.source.mention.span, gold[r].source)
                          and overlaps(p.target.mention.span, gold[r].target) for r in rows)) for p in pairs]
        out.append(Sentence(text, rows, events, pairs, labels))
    return out


def fit(data: Sequence[Sentence], c: float, threshold: float, fallback: float | None = None,
        seed: int = tet.SEED) -> DyadScorer:
    features = [{f: 1 for f in p.features} for s in data for p in s.pairs]
    y = np.array([label for s in data for label in s.labels])
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(features).astype(np.float64)
    x.indices = x.indices.astype(np.int32)
    x.indptr = x.indptr.astype(np.int32)
    model = LogisticRegression(C=c, solver="liblinear", random_state=seed, max_iter=1000).fit(x, y)
    weights = {name: round(float(w), 4) for name, w in zip(vectorizer.feature_names_, model.coef_[0], strict=True)
               if abs(w) >= 1e-4}
    return DyadScorer(weights, round(float(model.intercept_[0]), 4), threshold, fallback)


def both_right(s: Sentence, row: PlvRow, selected: list[PairExample]) -> bool:
    """Whether a rule event or a selected pair covers the row's gold dyad."""
    spans = [(e.source.span, e.target.span) for e in s.events if e.source and e.target]
    spans += [(p.source.mention.span, p.target.mention.span) for p in selected]
    return any(overlaps(a, row.source) and overlaps(b, row.target) for a, b in spans)


def fold_of(records: list[dict]) -> np.ndarray:
    """Each row's fold in `train_event_type.folds` (a sentence's rows share one)."""
    out = np.zeros(len(records), dtype=int)
    for k, (_, test_idx) in enumerate(tet.folds(records, tet.SEED)):
        out[test_idx] = k
    return out


def fit_fold(data: Sequence[Sentence], folds: np.ndarray, k: int, c: float, threshold: float,
             fallback: float | None = None) -> DyadScorer:
    """The scorer fold k's sentences are coded with: fitted on the other folds."""
    return fit([s for s in data if folds[s.rows[0]] != k], c, threshold, fallback)


def cross_validate(data: list[Sentence], gold: Sequence[PlvRow], records: list[dict]) -> dict:
    """Out-of-fold row figures for every regularization and threshold."""
    folds = fold_of(records)
    report: dict[str, dict] = {}
    rules_only = sum(both_right(s, gold[r], []) for s in data for r in s.rows) / len(gold)
    for c in C_VALUES:
        scorers = {k: fit_fold(data, folds, k, c, 0.5) for k in range(tet.N_FOLDS)}
        for threshold in THRESHOLDS:
            for fallback in FALLBACKS:
                right = added = 0
                for s in data:
                    scorer = scorers[int(folds[s.rows[0]])]
                    scorer.threshold, scorer.fallback = threshold, fallback
                    triggered = [bool(p.reading.event_type) for p in s.pairs]
                    selected = [s.pairs[i] for i, _ in scorer.select([p.features for p in s.pairs], bool(s.events),
                                                                     triggered)]
                    added += len(selected)
                    right += sum(both_right(s, gold[r], selected) for r in s.rows)
                report[f"C={c} threshold={threshold} fallback={fallback}"] = {
                    "both_actors_covered": round(right / len(gold), 4),
                    "added_pairs_per_sentence": round(added / len(data), 3)}
    return {"rows": len(gold), "sentences": len(data), "rules_only_both_actors_covered": round(rules_only, 4),
            "by_setting": report}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularization of the shipped model")
    parser.add_argument("--threshold", type=float, default=0.5, help="shipped decision threshold")
    parser.add_argument("--fallback", type=float, default=None,
                        help="shipped threshold for the best pair of a sentence the rules coded nothing in")
    parser.add_argument("--cv-only", action="store_true")
    args = parser.parse_args(argv)
    gold = plv_rows(tet.PLV_TSV)
    data = sentences(gold)
    cv = cross_validate(data, gold, tet.read_plv())
    print(json.dumps(cv, indent=1))
    if args.cv_only:
        return
    scorer = fit(data, args.c, args.threshold, args.fallback)
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    artifact = {"model": "logistic regression over dyad features (training/train_dyads.py)",
                "data": f"plv_train.tsv sha256 {tet.sha256(tet.PLV_TSV)}", "c": args.c,
                "threshold": scorer.threshold, "fallback": scorer.fallback, "bias": scorer.bias, "cross_validation": cv,
                "weights": dict(sorted(scorer.weights.items()))}
    ARTIFACT.write_text(json.dumps(artifact, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {ARTIFACT} ({len(scorer.weights)} weights)")


if __name__ == "__main__":
    main()

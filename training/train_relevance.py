"""Train and cross-validate the relevance gate (`dyadwatch.stages.relevance`) on exhaustively annotated news.

Data, all read from where it lives (nothing is copied):
- training/annotation/events.jsonl: 7,685 real news sentences (BBC 2004-05 outside the reserved files,
  plv_train and cameo_real_news sentences) with every event annotated, two coders + adjudication
  (training/annotation/README.md). Each item is coded as its context + sentence, ungated
  (`Pipeline(gate=False)`); an event in the sentence is positive when it matches an annotated event
  at the dyad level (type, source country, target country), one to one, as score_news.py matches
  (`right`: a withdrawal that names the state it leaves also matches the annotators' target-less one).
- weak negatives: every event proposed in BBC sport and entertainment articles outside the reserved
  files (the first `--negatives` of each, by name): political events are rare there.

A logistic regression over the named features is cross-validated in 5 folds grouped by item (article
for the negatives); C is chosen by out-of-fold log-loss, the threshold by out-of-fold dyad-level F1
on the annotated items: the one with the best F-beta (beta 0.5 by default, precision counting twice as
much as recall: a wrong event misleads an analyst more than a missed one is lost) among those that keep
every required event of the seed article (../shared/seed, the first user story: the gate must not lose
them, whatever it learned from shorter items). The out-of-fold
calibration table, the figures and the weights ship in src/dyadwatch/models/relevance/weights.json.

    .venv/bin/python training/train_relevance.py
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import sys
from collections.abc import Iterable
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from dyadwatch.evaluation import eval_news, evaluate  # noqa: E402
from dyadwatch.model import Article, CodedArticle, Event, Sentence  # noqa: E402
from dyadwatch.pipeline import Pipeline  # noqa: E402
from dyadwatch.stages.relevance import OPEN, Foresight, RelevanceModel, features, logit  # noqa: E402

ARTIFACT = REPO / "src" / "dyadwatch" / "models" / "relevance" / "weights.json"
C_VALUES = (0.1, 0.3, 1.0, 3.0)
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.05, 0.91, 0.05))
BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.01)
FOLDS = 5


def examples(coded: Iterable[tuple[CodedArticle, list[Event]]]) -> list[list[tuple[dict, dict]]]:
    """(features, event dict) of the given events of each coded article."""
    out: list[list[tuple[dict, dict]]] = []
    for article, events in coded:
        by_span = {m.span: m for m in article.mentions}
        out.append([(features(e, article.sentences[e.sentence_index], by_span), e.to_dict()) for e in events])
    return out


def right(gold: list[dict], events: list[dict]) -> list[bool]:
    """Which events match an annotated one at the dyad level, one to one, as score_news.py matches.

    A withdrawal's target is the state it leaves (PLOVER's RETREAT and the seed article's gold: the states
    of troops and embassies end on it), while GUIDELINES.md has annotators name no target for a place left
    ("withdrew peacekeepers from Liberia"). So a RETREAT left unmatched also matches a remaining annotated
    RETREAT of its source with no target: otherwise the gate learns that every withdrawal we code is wrong.
    """
    hits = eval_news.matched(gold, events, "dyad")
    used = set(hits)
    left = [g for index, g in enumerate(gold) if index not in used]
    withdrawals = [i for i, hit in enumerate(hits) if hit is None and events[i].get("event_type") == "RETREAT"]
    hostless = eval_news.matched(left, [{**events[i], "target": None} for i in withdrawals], "dyad")
    return [hit is not None or (i in withdrawals and hostless[withdrawals.index(i)] is not None)
            for i, hit in enumerate(hits)]


def seed(shared: Path) -> tuple[Article, dict]:
    """The seed article (../shared/seed, the first user story) and its gold annotation."""
    gold = json.loads((shared / "seed" / "niger-france-embassy.gold.json").read_text(encoding="utf-8"))
    text = (shared / "seed" / "niger-france-embassy.txt").read_text(encoding="utf-8")
    return Article(text=text, id="seed", date=gold["published"]), gold


def seed_ceiling(pipeline: Pipeline, model: RelevanceModel, shared: Path) -> float:
    """The highest threshold at which every required event of the seed still has a matching event."""
    article, gold = seed(shared)
    coded = pipeline.code(article)
    scored = list(zip(model.probabilities(coded.sentences, coded.events, coded.mentions), coded.events, strict=True))
    return min(max((p for p, e in scored if evaluate.matches(e, g)), default=0.0)
               for g in gold["events"] if g.get("required"))


def foresight(gate: RelevanceModel, articles: list[Article], seed: Article, recall: float) -> dict:
    """Train the gate's foresight (`relevance.Foresight`): which events, once past the ceiling, the gated
    pipeline keeps. Each event the typer is offered is a row, positive when an event of the same sentence
    and trigger comes out; the threshold keeps `recall` of the positives out of fold (folds by article), and
    every event the seed article keeps."""

    def offered(batch: list[Article]) -> tuple[list[tuple[dict[str, float], float]], list[str], list[bool]]:
        pipeline = Pipeline(threads=1)
        pipeline.relevance = gate
        rows: list[tuple[dict[str, float], float, tuple]] = []

        def worth(event: Event, sentence: Sentence) -> bool:
            ceiling = gate.ceiling(event, sentence)
            if ceiling >= gate.threshold:
                named = {k: v for k, v in features(event, sentence, {}).items() if not OPEN.match(k)}
                rows.append((named, ceiling, (event.article_id, event.sentence_index, event.trigger)))
            return ceiling >= gate.threshold

        pipeline.typer.worth = worth
        kept = {(c.article.id, e.sentence_index, e.trigger) for c in pipeline.pipe(batch) for e in c.events}
        return [(r, c) for r, c, _ in rows], [k[0] for _, _, k in rows], [k in kept for _, _, k in rows]

    rows, articles_of, labels = offered(articles)
    y = np.array(labels, dtype=int)
    groups = np.unique(articles_of, return_inverse=True)[1]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([{**named, "ceiling": logit(ceiling)} for named, ceiling in rows]).tocsr()
    x.indices, x.indptr = x.indices.astype(np.int32), x.indptr.astype(np.int32)
    p = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=FOLDS).split(x, y, groups):
        model = LogisticRegression(C=1.0, max_iter=3000, solver="liblinear", random_state=0)
        p[test] = model.fit(x[train], y[train]).predict_proba(x[test])[:, 1]
    threshold = float(np.sort(p[y == 1])[int((1 - recall) * y.sum())])
    model = LogisticRegression(C=1.0, max_iter=3000, solver="liblinear", random_state=0).fit(x, y)
    weights = {name: round(float(w), 5) for name, w in zip(vectorizer.feature_names_, model.coef_[0], strict=True)
               if abs(w) >= 1e-4}
    bias = round(float(model.intercept_[0]), 5)
    seed_rows, _, seed_kept = offered([seed])
    ahead = Foresight(weights, bias, 0.0)
    seed_low = min((ahead.probability(named, ceiling) for (named, ceiling), k in zip(seed_rows, seed_kept, strict=True)
                    if k), default=1.0)
    chosen = round(min(threshold, seed_low) - 1e-4, 4)
    report = {"offered": len(y), "kept": int(y.sum()), "recall_target": recall,
              "out_of_fold_threshold": round(threshold, 4), "seed_lowest": round(seed_low, 4),
              "out_of_fold_recall": round(float((p[y == 1] >= chosen).mean()), 4),
              "out_of_fold_skipped": round(float((p < chosen).mean()), 4)}
    print("foresight", report, flush=True)
    return {"threshold": chosen, "bias": bias, "cross_validation": report, "weights": dict(sorted(weights.items()))}


def bbc_negatives(shared: Path, n: int) -> list[Article]:
    reserved = eval_news.reserved_bbc(shared)
    out = []
    for category in ("sport", "entertainment"):
        files = [p for p in sorted((shared / "data" / "bbc" / category).iterdir())
                 if f"{category}/{p.name}" not in reserved][:n]
        out += [Article(text=p.read_text(encoding="utf-8", errors="replace"), id=f"{category}/{p.name}",
                        date="2005-01-01") for p in files]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--annotations", type=Path, default=REPO / "training" / "annotation" / "events.jsonl")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--negatives", type=int, default=100, help="BBC sport and entertainment articles, each")
    ap.add_argument("--beta", type=float, default=0.5, help="F-beta that chooses the threshold")
    ap.add_argument("--out", type=Path, default=ARTIFACT)
    ap.add_argument("--foresight-recall", type=float, default=0.98,
                    help="share of the gated pipeline's events the foresight keeps out of fold (with an earlier "
                         "gate 0.99 skipped 22%% of the classifier's work and 0.98 33%%; with that of "
                         "2026-12-05, 0.98 skips 11%%: docs/benchmarks.md)")
    args = ap.parse_args()

    items = eval_news.load(args.annotations)
    pipeline = Pipeline(gate=False)
    coded = examples(eval_news.coded(items, pipeline))
    rows, labels, groups, annotated = [], [], [], []
    n_gold = 0
    for g, (item, found) in enumerate(zip(items, coded, strict=True)):
        gold = item.get("events") or []
        n_gold += len(gold)
        for (named, _), hit in zip(found, right(gold, [d for _, d in found]), strict=True):
            rows.append(named)
            labels.append(int(hit))
            groups.append(g)
            annotated.append(True)
    negatives = bbc_negatives(args.shared, args.negatives)
    for g, found in enumerate(examples((c, c.events) for c in pipeline.pipe(negatives)), len(items)):
        for named, _ in found:
            rows.append(named)
            labels.append(0)
            groups.append(g)
            annotated.append(False)
    y, groups_a, mask = np.array(labels), np.array(groups), np.array(annotated)
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(rows).tocsr()
    x.indices, x.indptr = x.indices.astype(np.int32), x.indptr.astype(np.int32)
    print(f"{len(items)} annotated items, {n_gold} gold events; {mask.sum()} proposed events there "
          f"({y[mask].sum()} right at the dyad level); {(~mask).sum()} weak negatives from {len(negatives)} "
          f"BBC articles; {x.shape[1]} features", flush=True)

    def out_of_fold(c: float) -> np.ndarray:
        p = np.zeros(len(y))
        for train, test in GroupKFold(n_splits=FOLDS).split(x, y, groups_a):
            model = LogisticRegression(C=c, max_iter=2000, solver="liblinear", random_state=0)
            model.fit(x[train], y[train])
            p[test] = model.predict_proba(x[test])[:, 1]
        return p

    def log_loss(p: np.ndarray) -> float:
        q = np.clip(p[mask], 1e-6, 1 - 1e-6)
        return float(-np.mean(y[mask] * np.log(q) + (1 - y[mask]) * np.log(1 - q)))

    oof = {c: out_of_fold(c) for c in C_VALUES}
    losses = {c: log_loss(p) for c, p in oof.items()}
    best_c = min(losses, key=losses.get)
    p = oof[best_c]

    def at(threshold: float) -> dict[str, float]:
        keep = mask & (p >= threshold)
        tp = int(y[keep].sum())
        precision = tp / keep.sum() if keep.sum() else 0.0
        recall = tp / n_gold
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        b2 = args.beta ** 2
        fbeta = (1 + b2) * precision * recall / (b2 * precision + recall) if precision + recall else 0.0
        kept_negatives = int(((~mask) & (p >= threshold)).sum())
        return {"threshold": float(threshold), "precision": round(float(precision), 3),
                "recall": round(recall, 3), "f1": round(float(f1), 3),
                "f_beta": round(float(fbeta), 3), "kept": int(keep.sum()), "weak_negatives_kept": kept_negatives}

    model = LogisticRegression(C=best_c, max_iter=2000, solver="liblinear", random_state=0).fit(x, y)
    weights = {name: round(float(w), 5) for name, w in zip(vectorizer.feature_names_, model.coef_[0], strict=True)
               if abs(w) >= 1e-4}
    bias = round(float(model.intercept_[0]), 5)
    ceiling = seed_ceiling(pipeline, RelevanceModel(weights, bias, 0.0), args.shared)
    table = [at(t) for t in THRESHOLDS]
    ungated = at(0.0)
    eligible = [row for row in table if row["threshold"] <= ceiling] or table[:1]
    chosen = max(eligible, key=lambda row: (row["f_beta"], row["threshold"]))
    calibration = []
    for lo, hi in itertools.pairwise(BINS):
        sel = mask & (p >= lo) & (p < hi)
        calibration.append({"confidence": f"{lo:.1f}-{min(hi, 1.0):.1f}", "events": int(sel.sum()),
                            "right": round(float(y[sel].mean()), 3) if sel.sum() else None})
    for row in table:
        print(row)
    print("seed ceiling", round(ceiling, 3), "ungated", ungated, "\nchosen", chosen)
    print("C", best_c, {c: round(v, 4) for c, v in losses.items()})
    print("calibration", calibration)

    gate = RelevanceModel(weights, bias, chosen["threshold"])
    ahead = foresight(gate, [eval_news.article(it)[0] for it in items] + negatives, seed(args.shared)[0],
                      args.foresight_recall)

    digest = hashlib.sha256(args.annotations.read_bytes()).hexdigest()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({
        "model": "logistic regression over named event features (training/train_relevance.py)",
        "data": f"{args.annotations.name} sha256 {digest}; weak negatives: {len(negatives)} BBC sport and "
                f"entertainment articles outside reserved_bbc_files.txt",
        "c": best_c, "threshold": chosen["threshold"], "bias": bias,
        "cross_validation": {"folds": FOLDS, "beta": args.beta, "annotated_items": len(items), "gold_events": n_gold,
                             "ungated": ungated, "chosen": chosen, "seed_ceiling": round(ceiling, 3),
                             "by_threshold": table,
                             "log_loss_by_c": {str(c): round(v, 4) for c, v in losses.items()},
                             "calibration": calibration},
        "weights": dict(sorted(weights.items())),
        "foresight": ahead,
    }, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(weights)} weights)")


if __name__ == "__main__":
    main()

"""Experiment (not shipped): a fine-tuned MiniLM that judges each proposed event, against the logistic gate.

The relevance gate (`dyadwatch.stages.relevance`) is a logistic regression over named features: the type, the trigger
word, the typing step's belief, the roles' kinds, sectors and countries, and the sentence's words. Could a
transformer that reads the proposal itself do better? Each event the pipeline proposes ungated on the annotation
(training/annotation/events.jsonl), plus the weak negatives of `train_relevance.py`, becomes one input: its
type, a colon, and the sentence with its source and target marked (`event_types.marked_sentence`); the label is
whether it matches an annotated event at the dyad level (`train_relevance.right`). MiniLM-L6 (the classifier's
base, the classifier's pooling) is fine-tuned with a two-class head on four folds of `train_relevance.py`'s
GroupKFold by item, and both models are scored on the fifth: area under the ROC curve, average precision, and
precision and recall (of the held-out items' annotated events) at the threshold with the best F0.5.

    .venv-train/bin/python training/experiment_pair_judge.py --fold 0     # about 10 minutes on 2 cores

Result (docs/classifier-experiments.md, row 7): the judge is worse than the gate, and their mean is too.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_event_type as tet
from dyadwatch.evaluation import eval_news
from dyadwatch.model import CodedArticle, Event
from dyadwatch.pipeline import Pipeline
from dyadwatch.stages.event_types import marked_sentence
from dyadwatch.stages.relevance import features
from train_relevance import FOLDS, REPO, bbc_negatives, right

THRESHOLDS = np.arange(0.05, 0.95, 0.05)


def proposals(coded: CodedArticle, events: list[Event], labels: list[bool], group: int, annotated: bool) -> list[dict]:
    """One row per proposed event: what the judge reads, what the gate reads, and the label."""
    by_span = {m.span: m for m in coded.mentions}
    rows = []
    for event, label in zip(events, labels, strict=True):
        sentence = coded.sentences[event.sentence_index]
        rows.append({"group": group, "annotated": annotated, "label": int(label),
                     "text": f"{event.event_type.lower()}: {marked_sentence(event, sentence.start)}",
                     "features": features(event, sentence, by_span)})
    return rows


def report(name: str, y: np.ndarray, annotated: np.ndarray, p: np.ndarray, n_gold: int) -> None:
    best = (0.0, 0.0, 0.0, 0.0)
    for threshold in THRESHOLDS:
        keep = annotated & (p >= threshold)
        tp = int(y[keep].sum())
        precision, recall = tp / max(1, int(keep.sum())), tp / n_gold
        f = 1.25 * precision * recall / (0.25 * precision + recall) if precision + recall else 0.0
        best = max(best, (f, float(threshold), precision, recall))
    print(f"{name}: AUC {roc_auc_score(y[annotated], p[annotated]):.3f}, "
          f"AP {average_precision_score(y[annotated], p[annotated]):.3f}; best F0.5 {best[0]:.3f} at {best[1]:.2f} "
          f"(P {best[2]:.3f}, R {best[3]:.3f})", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--annotations", type=Path, default=REPO / "training" / "annotation" / "events.jsonl")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--fold", type=int, default=0, help=f"the held-out fold, 0 to {FOLDS - 1}")
    ap.add_argument("--epochs", type=int, default=4)
    args = ap.parse_args()

    items = eval_news.load(args.annotations)
    pipeline = Pipeline(gate=False)
    rows: list[dict] = []
    for g, (item, (coded, events)) in enumerate(zip(items, eval_news.coded(items, pipeline), strict=True)):
        rows += proposals(coded, events, right(item.get("events") or [], [e.to_dict() for e in events]), g, True)
    for g, coded in enumerate(pipeline.pipe(bbc_negatives(args.shared, 100)), len(items)):
        rows += proposals(coded, coded.events, [False] * len(coded.events), g, False)

    y = np.array([r["label"] for r in rows])
    groups = np.array([r["group"] for r in rows])
    annotated = np.array([r["annotated"] for r in rows])
    train, test = list(GroupKFold(n_splits=FOLDS).split(rows, y, groups))[args.fold]
    n_gold = sum(len(items[g].get("events") or []) for g in set(groups[test].tolist()) if g < len(items))
    print(f"{len(train)} proposals to train on ({y[train].sum()} right), {len(test)} held out ({y[test].sum()} "
          f"right; {n_gold} annotated events in their items)", flush=True)

    x = DictVectorizer().fit_transform([r["features"] for r in rows]).tocsr()
    gate = LogisticRegression(C=1.0, max_iter=2000, solver="liblinear", random_state=0).fit(x[train], y[train])
    p_gate = gate.predict_proba(x[test])[:, 1]

    cfg = tet.Config(epochs=args.epochs, label_smoothing=0.0)
    tet.seed_everything(cfg.seed, cfg.threads)
    encoded = tet.encode(tet.load_tokenizer(cfg.max_length), [r["text"] for r in rows])
    judge = tet.fit(tet.EventTypeNet(cfg, 2), [encoded[i] for i in train], y[train], cfg, cfg.epochs, log="judge")
    p_judge = tet.softmax(tet.logits_of(judge, [encoded[i] for i in test]))[:, 1]

    held = (y[test], annotated[test])
    report("logistic gate (C = 1)", *held, p_gate, n_gold)
    report("fine-tuned judge", *held, p_judge, n_gold)
    report("mean of the two", *held, (p_gate + p_judge) / 2, n_gold)


if __name__ == "__main__":
    main()

"""Experiment (not shipped): a fine-tuned MiniLM that reads a sentence and says which PLOVER types it states.

Most annotated events the coder misses get no proposal of their type at all (criticism in a speaker's own words,
chiefly), and the rules propose what they can read. Could a model that reads the whole sentence propose the rest,
sharpen the gate, or retype what the rules propose? MiniLM-L6 (the classifier's base, mean pooling, no markers) is
fine-tuned with one sigmoid per type (binary cross-entropy, 3 epochs, the classifier's learning rates) on the
annotated sentences (training/annotation/events.jsonl), 5 folds grouped by article. From the out-of-fold
probabilities the report gives:

- per type, and for "any event", the area under the ROC curve and the average precision over sentences;
- as a proposer: where the sentence model believes a type (p >= 0.9, 0.8, 0.7) that the shipped, gated coder
  does not code in the sentence, the event with the sentence's parsed subject that has a state as source, and the
  first placed object, else the source's own state, as target; right or wrong at the dyad level against the
  annotated events the gated coder leaves unmatched;
- as a gate feature: the probability of the proposal's type and of any event added to the gate's features, the gate
  refitted out of fold on the ungated proposals (annotated items only), F1 at the shipped threshold;
- as a retyper: a gated event whose type the sentence model gives < 0.2 retyped to its top type when that is >= 0.7.

    .venv-train/bin/python training/experiment_sentence_types.py --fold 0   # one fold: ~9 minutes on one thread
    .venv-train/bin/python training/experiment_sentence_types.py --report   # the five folds (cached), then the report
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.model_selection import GroupKFold
from spacy.language import Language

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_event_type as tet
from dyadwatch.evaluation import eval_news
from dyadwatch.pipeline import Pipeline
from dyadwatch.stages import nlp
from train_relevance import FOLDS, REPO, examples, right

TYPES = ("ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE", "MOBILIZE", "PROTEST",
         "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN")  # fmt: skip
CACHE = Path("/tmp/dyadwatch-sentence-types")
EPOCHS = 3
GATE_THRESHOLD = 0.20


def labels(items: list[dict]) -> np.ndarray:
    y = np.zeros((len(items), len(TYPES)), dtype=np.float32)
    for i, item in enumerate(items):
        for event in item.get("events") or []:
            y[i, TYPES.index(event["type"])] = 1.0
    return y


def splits(items: list[dict], y: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """Five folds grouped by article (a BBC file, else the item), so no article has sentences on both sides."""
    groups = [item.get("file") or item["id"] for item in items]
    return list(GroupKFold(n_splits=FOLDS, shuffle=True, random_state=13).split(y, y[:, 0], groups))


def fine_tune(items: list[dict], y: np.ndarray, fold: int, threads: int) -> None:
    """Out-of-fold logits of one fold, cached as foldK.npy (rows in the order of foldK-index.npy)."""
    cfg = tet.Config(pooling="mean", markers=False, threads=threads)
    tet.seed_everything(cfg.seed, threads)
    encoded = tet.encode(tet.load_tokenizer(cfg.max_length), [item["text"] for item in items])
    train, test = splits(items, y)[fold]
    model = tet.EventTypeNet(cfg, len(TYPES))
    head = {id(p) for p in model.head.parameters()}
    optim = torch.optim.AdamW([{"params": [p for p in model.parameters() if id(p) not in head], "lr": cfg.lr},
                               {"params": list(model.head.parameters()), "lr": cfg.head_lr}],
                              weight_decay=cfg.weight_decay)
    batches = (len(train) + cfg.batch_size - 1) // cfg.batch_size
    sched = tet.warmup_then_decay(optim, EPOCHS * batches, cfg.warmup)
    loss_fn, rng, targets = torch.nn.BCEWithLogitsLoss(), random.Random(cfg.seed), torch.tensor(y[train])
    rows = [encoded[i] for i in train]
    model.train()
    for epoch in range(EPOCHS):
        started = time.time()
        for batch in tet.length_batches(rows, cfg.batch_size, rng):
            ids, mask, s_pos, t_pos = tet.collate([rows[i] for i in batch])
            tet.step(model, optim, sched, loss_fn(model(ids, mask, s_pos, t_pos), targets[batch]))
        print(f"fold {fold} epoch {epoch + 1}/{EPOCHS} ({time.time() - started:.0f}s)", flush=True)
    CACHE.mkdir(exist_ok=True)
    np.save(CACHE / f"fold{fold}.npy", tet.logits_of(model, [encoded[i] for i in test]))
    np.save(CACHE / f"fold{fold}-index.npy", test)


def out_of_fold(n: int) -> np.ndarray:
    p = np.zeros((n, len(TYPES)))
    for fold in range(FOLDS):
        p[np.load(CACHE / f"fold{fold}-index.npy")] = 1 / (1 + np.exp(-np.load(CACHE / f"fold{fold}.npy")))
    return p


def type_of(p: np.ndarray, event_type: str) -> float:
    return float(p[TYPES.index(event_type)]) if event_type in TYPES else 0.0


def dyad_right(gold: list[dict], events: list[dict]) -> int:
    return sum(m is not None for m in eval_news.matched(gold, events, "dyad"))


def proposer(items: list[dict], p: np.ndarray, gated: list[tuple], parser: Language) -> None:
    """Each item's candidate event roles once (the parsed subject that has a state; the first placed object), then
    the proposals at each threshold, scored against the annotated events the gated coder leaves unmatched."""
    roles = []
    for item, (coded, events) in zip(items, gated, strict=True):
        have = [e.to_dict() for e in events]
        gold = item.get("events") or []
        hit = set(eval_news.matched(gold, have, "dyad"))
        _, offset = eval_news.article(item)
        doc = parser(item["text"])
        placed = []
        for m in coded.mentions:
            span = doc.char_span(m.span[0] - offset, m.span[1] - offset, alignment_mode="expand") \
                if m.span[0] >= offset else None
            if span is not None and (m.country or (m.code or "").startswith(("IGO", "IMG"))):
                placed.append((m, span.root.dep_))
        source = next((m for m, dep in placed if dep in ("nsubj", "nsubjpass")), None)
        obj = next((m for m, dep in placed if m is not source and dep in ("dobj", "pobj", "dative")), None)
        target = obj.code if obj is not None else source.country if source is not None else None
        roles.append(([g for k, g in enumerate(gold) if k not in hit], {e["event_type"] for e in have}, source, target))
    for threshold in (0.9, 0.8, 0.7):
        right_ = wrong = sourceless = 0
        for i, (left, coded_types, source, target) in enumerate(roles):
            for j, event_type in enumerate(TYPES):
                if p[i, j] < threshold or event_type in coded_types:
                    continue
                if source is None:
                    sourceless += 1
                    continue
                event = {"event_type": event_type, "source": {"code": source.code},
                         "target": {"code": target} if target else None}
                if dyad_right(left, [event]):
                    right_ += 1
                else:
                    wrong += 1
        print(f"proposer at p >= {threshold}: {right_} right, {wrong} wrong "
              f"(precision {right_ / max(1, right_ + wrong):.3f}); {sourceless} with no placed subject", flush=True)


def with_types(row: tuple, p: np.ndarray) -> dict:
    """The gate's features of a proposal, with the sentence model's belief in its type and in any event."""
    return {**row[0], "st_type": type_of(p, row[1]["event_type"]), "st_any": float(1 - np.prod(1 - p))}


def gate_feature(items: list[dict], p: np.ndarray, ungated: list[tuple]) -> None:
    rows = []
    for g, (item, found) in enumerate(zip(items, examples(iter(ungated)), strict=True)):
        hits = right(item.get("events") or [], [d for _, d in found])
        rows += [(named, d, int(hit), g) for (named, d), hit in zip(found, hits, strict=True)]
    y, groups = np.array([r[2] for r in rows]), np.array([r[3] for r in rows])
    n_gold = sum(len(item.get("events") or []) for item in items)
    for name, extra in (("shipped features", False), ("+ sentence types", True)):
        x = DictVectorizer().fit_transform([with_types(r, p[r[3]]) if extra else r[0] for r in rows]).tocsr()
        oof = np.zeros(len(rows))
        for train, test in GroupKFold(n_splits=FOLDS).split(x, y, groups):
            model = LogisticRegression(C=1.0, max_iter=2000, solver="liblinear", random_state=0)
            oof[test] = model.fit(x[train], y[train]).predict_proba(x[test])[:, 1]
        keep = oof >= GATE_THRESHOLD
        precision, recall = y[keep].sum() / max(1, keep.sum()), y[keep].sum() / n_gold
        print(f"gate ({name}), out of fold at {GATE_THRESHOLD}: precision {precision:.3f}, recall {recall:.3f}, "
              f"F1 {2 * precision * recall / (precision + recall):.3f}", flush=True)


def retyper(items: list[dict], p: np.ndarray, gated: list[tuple]) -> None:
    before = after = changed = 0
    for i, (item, (_, events)) in enumerate(zip(items, gated, strict=True)):
        have = [e.to_dict() for e in events]
        top = TYPES[int(np.argmax(p[i]))]
        free = p[i].max() >= 0.7 and top not in {e["event_type"] for e in have}
        retyped = []
        for e in have:
            if free and type_of(p[i], e["event_type"]) < 0.2:
                e, changed = {**e, "event_type": top}, changed + 1
            retyped.append(e)
        before += dyad_right(item.get("events") or [], have)
        after += dyad_right(item.get("events") or [], retyped)
    print(f"retyper: {changed} gated events retyped, dyad-right {before} -> {after}", flush=True)


def report(items: list[dict], y: np.ndarray) -> None:
    p = out_of_fold(len(items))
    for j, event_type in enumerate(TYPES):
        print(f"{event_type:10s} {int(y[:, j].sum()):4d} sentences: AUC {roc_auc_score(y[:, j], p[:, j]):.3f}, "
              f"AP {average_precision_score(y[:, j], p[:, j]):.3f}")
    any_y, any_p = y.max(1), 1 - np.prod(1 - p, 1)
    print(f"any event  {int(any_y.sum()):4d} sentences: AUC {roc_auc_score(any_y, any_p):.3f}, "
          f"AP {average_precision_score(any_y, any_p):.3f}", flush=True)
    gated = list(eval_news.coded(items, Pipeline(gate=True)))
    proposer(items, p, gated, nlp.load())
    retyper(items, p, gated)
    gate_feature(items, p, list(eval_news.coded(items, Pipeline(gate=False))))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--annotations", type=Path, default=REPO / "training" / "annotation" / "events.jsonl")
    ap.add_argument("--fold", type=int, help=f"fine-tune and cache one fold, 0 to {FOLDS - 1}")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--report", action="store_true", help="fine-tune the folds not cached, then report")
    args = ap.parse_args()
    items = eval_news.load(args.annotations)
    y = labels(items)
    if args.fold is not None:
        fine_tune(items, y, args.fold, args.threads)
    if args.report:
        for fold in range(FOLDS):
            if not (CACHE / f"fold{fold}.npy").exists():
                fine_tune(items, y, fold, args.threads)
        report(items, y)


if __name__ == "__main__":
    main()

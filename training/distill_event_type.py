"""Distil the event-type classifier into a smaller student that reads the same marked sentences.

Typing costs about as much CPU as parsing (docs/benchmarks.md, issue 14), and most of it is the encoder's
six layers. The student keeps some of the teacher's layers and learns to give the teacher's logits:

1. *Teacher.* The six-layer model of ``training/train_event_type.py``, trained on all of plv_train (its
   ``--folds final`` model, seeded and cached in ``--cv-dir``), in fp32.
2. *Transfer set.* Every marked sentence the pipeline, ungated, gives the classifier on text outside the gold
   sets: the BBC corpus less ``reserved_bbc_files.txt``, the sentences of plv_train and cameo_real_news, the
   annotation pool (training/annotation), the NGEC synthetic stories; plus plv_train's own marked sentences.
   The pipeline's inputs do not depend on the classifier (every proposal is typed when the gate is off), so
   the set is the same whichever model is shipped. news_dev is never read.
3. *Student.* The teacher's embeddings, head and the layers in ``--keep``, trained on the KL divergence to
   the teacher's distribution at ``--kd-temperature`` (plus cross-entropy on plv_train's gold labels,
   ``--gold-weight``). With ``--readout markers`` (the default) the last kept layer runs at the ``<s>`` and
   ``<t>`` markers only and the mean is pooled one layer down (`MarkerReadout`). One tenth of the transfer
   set's sentences is held out to measure how often the student agrees with the teacher.
4. *Export.* int8 ONNX with the same inputs and outputs as the teacher's, into ``models/event_type``; the
   teacher's calibration temperature is kept, since the student learns the teacher's logits.

    .venv-train/bin/python training/distill_event_type.py              # collect, train, export
    .venv-train/bin/python training/distill_event_type.py --no-export  # report the held-out agreement only
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_event_type as teacher_training
from dyadwatch.evaluation import eval_news
from dyadwatch.model import Article
from dyadwatch.pipeline import Pipeline
from dyadwatch.stages.classifier import EventTypeClassifier
from train_event_type import LABELS, Config, collate, encode, load_tokenizer, read_plv

REPO = Path(__file__).resolve().parents[1]
HELD_OUT = 10
WARMUP = 0.1


def transfer_articles(shared: Path, rows: list[dict]) -> list[Article]:
    """The texts whose classifier inputs make the transfer set (never a reserved BBC file, never news_dev)."""
    reserved = eval_news.reserved_bbc(shared)
    out = []
    for path in sorted((shared / "data" / "bbc").glob("*/*.txt")):
        key = f"{path.parent.name}/{path.name}"
        if key not in reserved:
            text = path.read_text(encoding="utf-8", errors="replace")
            out.append(Article(text=text, id=key, date="2005-01-01", title=text.split("\n", 1)[0].strip()))
    out += [Article(text=row["sentence"], id=f"plv/{i}", date="2020-01-01") for i, row in enumerate(rows)]
    with (shared / "data" / "cameo_real_news.jsonl").open(encoding="utf-8") as handle:
        out += [Article(text=json.loads(line)["text"], id=f"cameo/{i}", date="2020-01-01")
                for i, line in enumerate(handle) if line.strip()]  # fmt: skip
    pool = REPO / "training" / "annotation" / "pool.jsonl"
    out += [eval_news.article(item)[0] for item in eval_news.load(pool)]
    csv.field_size_limit(10**9)
    with teacher_training.NGEC_CSV.open(newline="", encoding="utf-8") as handle:
        out += [Article(text=row["text"], id=f"ngec/{i}", date="2020-01-01")
                for i, row in enumerate(csv.DictReader(handle))]
    return out


class Recorder:
    """Stands in for the classifier's logits while the pipeline runs, keeping each distinct input."""

    def __init__(self, classifier: EventTypeClassifier) -> None:
        self.inputs: dict[str, None] = {}
        self.logits = classifier.logits

    def __call__(self, marked: list[str]) -> np.ndarray:
        self.inputs.update(dict.fromkeys(marked))
        return self.logits(marked)


def collect(shared: Path, rows: list[dict], cache: Path) -> list[str]:
    """The transfer set's marked sentences, in a fixed order (cached in `cache`)."""
    if cache.exists():
        return json.loads(cache.read_text(encoding="utf-8"))
    classifier = EventTypeClassifier.load()
    recorder = Recorder(classifier)
    classifier.logits = recorder  # type: ignore[method-assign]
    recorder.inputs.update(dict.fromkeys(row["marked_sentence"] for row in rows))
    pipeline = Pipeline(gate=False, budget=None)
    articles = transfer_articles(shared, rows)
    started = time.time()
    for k, article in enumerate(articles):
        pipeline.code(article)
        if k % 500 == 0:
            print(f"collect {k}/{len(articles)}: {len(recorder.inputs)} inputs "
                  f"({time.time() - started:.0f}s)", flush=True)
    marked = list(recorder.inputs)
    cache.write_text(json.dumps(marked), encoding="utf-8")
    return marked


def held_out(marked: list[str]) -> np.ndarray:
    """One sentence in `HELD_OUT` (all its marked readings together) is kept from training; seeded."""
    sentences = sorted({_plain(text) for text in marked})
    rng = random.Random(teacher_training.SEED)
    rng.shuffle(sentences)
    test = set(sentences[: len(sentences) // HELD_OUT])
    return np.array([_plain(text) in test for text in marked])


def _plain(marked: str) -> str:
    for tag in ("<s>", "</s>", "<t>", "</t>"):
        marked = marked.replace(tag, "")
    return marked


def teacher_logits(marked: list[str], rows: list[dict], cv_dir: Path, cache: Path) -> np.ndarray:
    """The teacher's logits as the runtime reads them: its int8 graph (in a folder of `cv_dir`), one input at a
    time. On real text they differ from the fp32 model's in one input in ten (docs/classifier-experiments.md), so
    the student learns the graph that was shipped, not the model before quantization."""
    if cache.exists():
        return np.load(cache)
    cfg = Config()
    graph = cv_dir / "teacher-int8"
    teacher_training.write_onnx(teacher_training.final_model(rows, cfg, cv_dir), cfg, rows, graph)
    for name in ("tokenizer.json", "labels.json", "calibration.json", "meta.json"):
        shutil.copy(teacher_training.ARTIFACT_DIR / name, graph / name)
    out = EventTypeClassifier(graph).logits(marked)
    np.save(cache, out)
    return out


def student_from(teacher: torch.nn.Module, keep: list[int]) -> torch.nn.Module:
    """The teacher itself, cut down to the layers in `keep`: starting from its embeddings, layers and head, the
    student begins close to what it must learn."""
    teacher.encoder.encoder.layer = torch.nn.ModuleList(teacher.encoder.encoder.layer[i] for i in keep)
    teacher.encoder.config.num_hidden_layers = len(keep)
    return teacher


class MarkerReadout(torch.nn.Module):
    """A student whose last layer reads the source and target markers only.

    The classifier pools the mean of the last hidden states with the states at ``<s>`` and ``<t>``. Here the
    mean is taken one layer down, so the last layer's queries, attention output and feed-forward run on the
    two marker positions instead of every token (its keys and values still read every token): three layers
    then cost about what two and a sixth do. Inputs and outputs are the classifier's, so the runtime is
    unchanged."""

    def __init__(self, teacher: torch.nn.Module, keep: list[int]) -> None:
        super().__init__()
        self.embeddings = teacher.encoder.embeddings
        layers = [teacher.encoder.encoder.layer[i] for i in keep]
        self.layers = torch.nn.ModuleList(layers[:-1])
        self.last = layers[-1]
        self.dropout = teacher.dropout
        self.head = teacher.head

    def forward(self, input_ids, attention_mask, s_pos, t_pos):
        hidden = self.embeddings(input_ids=input_ids)
        blocked = (1.0 - attention_mask[:, None, None, :].to(hidden.dtype)) * torch.finfo(hidden.dtype).min
        for layer in self.layers:
            hidden = layer(hidden, blocked)
        mean = teacher_training.masked_mean(hidden, attention_mask)
        rows = torch.arange(hidden.shape[0])
        read = self.read_markers(hidden, torch.stack([hidden[rows, s_pos], hidden[rows, t_pos]], dim=1), blocked)
        return self.head(self.dropout(torch.cat([mean, read[:, 0], read[:, 1]], dim=-1)))

    def read_markers(self, hidden: torch.Tensor, markers: torch.Tensor, blocked: torch.Tensor) -> torch.Tensor:
        """The last layer's output at the marker positions: its own attention, with queries from `markers`."""
        attention = self.last.attention.self
        heads, size = attention.num_attention_heads, attention.attention_head_size

        def split(x: torch.Tensor) -> torch.Tensor:
            return x.view(x.shape[0], x.shape[1], heads, size).transpose(1, 2)

        query, key = split(attention.query(markers)), split(attention.key(hidden))
        weights = torch.softmax(query @ key.transpose(2, 3) * attention.scaling + blocked, dim=-1)
        context = (attention.dropout(weights) @ split(attention.value(hidden))).transpose(1, 2).reshape(markers.shape)
        attended = self.last.attention.output(context, markers)
        return self.last.output(self.last.intermediate(attended), attended)


def distil(student: torch.nn.Module, items: list, targets: np.ndarray, gold: np.ndarray,
           args: argparse.Namespace) -> None:
    """KL to the teacher's softened distribution, plus cross-entropy where a gold label exists (gold ≥ 0)."""
    rng = random.Random(args.seed)
    optim = torch.optim.AdamW(student.parameters(), lr=args.lr, weight_decay=0.01)
    batches_per_epoch = (len(items) + args.batch_size - 1) // args.batch_size
    sched = teacher_training.warmup_then_decay(optim, args.epochs * batches_per_epoch, WARMUP)
    t = args.kd_temperature
    soft = torch.softmax(torch.tensor(targets) / t, dim=-1)
    labels = torch.tensor(gold, dtype=torch.long)
    student.train()
    for epoch in range(args.epochs):
        started, total = time.time(), 0.0
        for batch in teacher_training.length_batches(items, args.batch_size, rng):
            logits = student(*collate([items[i] for i in batch]))
            loss = torch.nn.functional.kl_div(
                torch.log_softmax(logits / t, dim=-1), soft[batch], reduction="batchmean") * t * t
            has_gold = labels[batch] >= 0
            if args.gold_weight and has_gold.any():
                loss = loss + args.gold_weight * torch.nn.functional.cross_entropy(
                    logits[has_gold], labels[batch][has_gold])
            teacher_training.step(student, optim, sched, loss)
            total += loss.item() * len(batch)
        print(f"student epoch {epoch + 1}/{args.epochs} loss {total / len(items):.4f} "
              f"({time.time() - started:.0f}s)", flush=True)  # fmt: skip
    student.eval()


def agreement(student_logits: np.ndarray, teacher: np.ndarray, temperature: float) -> dict:
    def probs(z: np.ndarray) -> np.ndarray:
        return teacher_training.softmax(z / temperature)

    p_student, p_teacher = probs(student_logits), probs(teacher)
    same = p_student.argmax(1) == p_teacher.argmax(1)
    confident = p_teacher.max(1) >= 0.5
    return {"inputs": len(teacher),
            "argmax_agreement": round(float(same.mean()), 4),
            "teacher_confident_share": round(float(confident.mean()), 4),
            "argmax_agreement_teacher_confident": round(float(same[confident].mean()), 4),
            "mean_abs_prob_diff_top": round(float(np.abs(p_student.max(1) - p_teacher.max(1)).mean()), 4),
            "mean_total_variation": round(float(0.5 * np.abs(p_student - p_teacher).sum(1).mean()), 4)}  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--cv-dir", type=Path, default=Path(tempfile.gettempdir()) / "dyadwatch-event-type-cv")
    parser.add_argument("--keep", default="0,2,4", help="the teacher's layers the student keeps, comma-separated")
    parser.add_argument("--readout", choices=("markers", "all"), default="markers",
                        help="the last layer reads the markers only (MarkerReadout) or every token")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--kd-temperature", type=float, default=2.0)
    parser.add_argument("--gold-weight", type=float, default=0.5)
    parser.add_argument("--seed", type=int, default=teacher_training.SEED)
    parser.add_argument("--no-export", action="store_true")
    args = parser.parse_args(argv)
    args.cv_dir.mkdir(parents=True, exist_ok=True)
    rows = read_plv()
    marked = collect(args.shared, rows, args.cv_dir / "transfer.json")
    teacher_key = teacher_training.config_key(Config())
    targets = teacher_logits(marked, rows, args.cv_dir, args.cv_dir / f"transfer-teacher-{teacher_key}.npy")
    plv = {row["marked_sentence"]: LABELS.index(row["gold_root"]) for row in rows}
    gold = np.array([plv.get(text, -1) for text in marked])
    test = held_out(marked)
    print(f"transfer set: {len(marked)} inputs, {int(test.sum())} held out", flush=True)

    cfg = Config()
    teacher_training.seed_everything(args.seed, cfg.threads)
    keep = [int(k) for k in args.keep.split(",")]
    teacher = teacher_training.final_model(rows, cfg, args.cv_dir)
    student = MarkerReadout(teacher, keep) if args.readout == "markers" else student_from(teacher, keep)
    items = encode(load_tokenizer(cfg.max_length), marked)
    train = np.flatnonzero(~test)
    settings = {k: v for k, v in vars(args).items() if k not in {"shared", "cv_dir", "no_export"}}
    key = hashlib.sha256(json.dumps([teacher_key, settings], sort_keys=True, default=str).encode()).hexdigest()[:12]
    weights = args.cv_dir / f"student-{key}.pt"
    if weights.exists():
        student.load_state_dict(torch.load(weights))
        student.eval()
    else:
        distil(student, [items[i] for i in train], targets[train], gold[train], args)
        torch.save(student.state_dict(), weights)
    temperature = json.loads((teacher_training.ARTIFACT_DIR / "calibration.json").read_text())["temperature"]
    report = agreement(teacher_training.logits_of(student, [items[i] for i in np.flatnonzero(test)]),
                       targets[test], temperature)  # fmt: skip
    print("held-out agreement with the teacher", json.dumps(report), flush=True)
    if args.no_export:
        return
    fidelity = teacher_training.write_onnx(student, cfg, rows)
    meta_path = teacher_training.ARTIFACT_DIR / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["onnx_fidelity"] = fidelity
    meta["distilled"] = {
        "teacher": "the six-layer model of training/train_event_type.py (config and cv above are the teacher's)",
        "layers_kept": keep,
        "readout": "the last layer reads the <s> and <t> markers only; the mean is pooled one layer down"
                   if args.readout == "markers" else "every layer reads every token",
        "transfer_set": {"inputs": len(marked), "held_out": int(test.sum()),
                         "from": "pipeline inputs, ungated, on BBC outside reserved_bbc_files.txt, plv_train "
                                 "and cameo_real_news sentences, training/annotation/pool.jsonl, NGEC synthetic "
                                 "stories; plv marked sentences"},
        "held_out_agreement": report,
        "settings": settings,
        "command": ".venv-train/bin/python training/distill_event_type.py " + " ".join(argv or sys.argv[1:]),
    }  # fmt: skip
    meta_path.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"exported the {len(keep)}-layer student to {teacher_training.ARTIFACT_DIR}")


if __name__ == "__main__":
    main()

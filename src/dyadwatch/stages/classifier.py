"""PLOVER event type of a sentence given its source and target spans: the shipped learned model.

The model (MiniLM-L6 fine-tuned on plv_train, ``training/train_event_type.py``, then distilled into a
three-layer student whose last layer reads the two markers only, ``training/distill_event_type.py``: a
little over a third of the teacher's CPU per input) runs as an int8 ONNX graph with onnxruntime; the
tokenizer is HF ``tokenizers``. No torch at run time, no network: every file comes from
``dyadwatch/models/event_type`` inside the package.

Input is a *marked* sentence, the source actor's text wrapped in ``<s>…</s>`` and the target's in
``<t>…</t>``; the graph reads the hidden states at those markers, so the same sentence with the
roles swapped or with another dyad can get another type. Probabilities are temperature-calibrated
(temperature fitted on cross-validation out-of-fold logits, ``calibration.json``).
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

ARTIFACT = "models/event_type"
MARKERS = ("<s>", "<t>")
CACHE_SIZE = 4096


class EventTypeClassifier:
    """Classifier over marked sentences; build it with :meth:`load` (cached per process).

    Each input is read on its own by default (`batch_size=1`). The int8 model quantizes its activations
    per call, over the whole batch, so in a batch an input's probabilities move with its batch-mates (by
    up to 0.03 on the test sentences): which other events of the article were typed could flip a near tie.
    Alone, a marked sentence always gets the same type, and on one thread it costs 10% less than in
    batches of 8 of similar length, as nothing is padded; on two threads it takes 10% longer
    (docs/benchmarks.md). Larger batches are sorted by length to cut padding.
    """

    labels: tuple[str, ...]

    def __init__(self, directory: Path, *, threads: int | None = None, batch_size: int = 1):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        directory = Path(directory)
        missing = [
            name
            for name in ("model.onnx", "tokenizer.json", "labels.json", "calibration.json", "meta.json")
            if not (directory / name).is_file()
        ]
        if missing:
            raise FileNotFoundError(
                f"event-type model incomplete in {directory}: missing {', '.join(missing)}; "
                "rebuild it with `.venv/bin/python training/train_event_type.py`"
            )
        meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
        self.meta = meta
        self.labels = tuple(json.loads((directory / "labels.json").read_text(encoding="utf-8")))
        calibration = json.loads((directory / "calibration.json").read_text(encoding="utf-8"))
        self.temperature = float(calibration["temperature"])
        self.max_length = int(meta["max_length"])
        self.batch_size = batch_size

        self._tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(self.max_length)

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or min(2, os.cpu_count() or 1)
        options.inter_op_num_threads = 1
        # Idle pool threads that spin would take the core the parser runs on (see Pipeline.pipe).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = ort.InferenceSession(str(directory / "model.onnx"), options, providers=["CPUExecutionProvider"])
        self._alone = lru_cache(maxsize=CACHE_SIZE)(self._alone)  # type: ignore[method-assign]

    @classmethod
    def load(cls, *, threads: int | None = None) -> EventTypeClassifier:
        """The shipped model, loaded once per process (and thread count) from the package's own files."""
        return _load_shipped(threads)

    def logits(self, marked_sentences: list[str]) -> np.ndarray:
        """Uncalibrated logits, shape (n, len(labels)).

        Read alone (`batch_size=1`), an input's logits depend on nothing else, so they are kept for the
        last `CACHE_SIZE` distinct inputs: syndicated copies of a story, a re-ingest, the same sentence
        typed for two triggers. Batches are sorted by length to cut padding, and not cached."""
        out = np.zeros((len(marked_sentences), len(self.labels)), dtype=np.float32)
        if not marked_sentences:
            return out
        if self.batch_size == 1:
            for i, text in enumerate(marked_sentences):
                out[i] = self._alone(text)
            return out
        encodings = self._tokenizer.encode_batch(list(marked_sentences))
        order = sorted(range(len(encodings)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), self.batch_size):
            batch = order[start : start + self.batch_size]
            out[batch] = self._run([marked_sentences[i] for i in batch], [encodings[i] for i in batch])
        return out

    def forget(self) -> None:
        """Empty the cache of logits, so that the next inputs are all run through the graph: a benchmark
        that codes the same text in several rounds would otherwise time the cache from the second on."""
        self._alone.cache_clear()  # type: ignore[attr-defined]

    def _alone(self, text: str) -> np.ndarray:
        row = self._run([text], [self._tokenizer.encode(text)])[0]
        row.setflags(write=False)
        return row

    def _run(self, texts: list[str], encodings: list) -> np.ndarray:
        """One call of the graph on `texts`, padded to the longest."""
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(texts), width), dtype=np.int64)
        mask = np.zeros((len(texts), width), dtype=np.int64)
        s_pos = np.zeros(len(texts), dtype=np.int64)
        t_pos = np.zeros(len(texts), dtype=np.int64)
        for row, (text, encoding) in enumerate(zip(texts, encodings, strict=True)):
            ids[row, : len(encoding.ids)] = encoding.ids
            mask[row, : len(encoding.ids)] = 1
            s_pos[row], t_pos[row] = _marker_positions(text, encoding)
        feeds = {"input_ids": ids, "attention_mask": mask, "s_pos": s_pos, "t_pos": t_pos}
        return self._session.run(None, feeds)[0]

    def predict_proba(self, marked_sentences: list[str]) -> np.ndarray:
        """Calibrated probabilities, shape (n, len(labels)); each row sums to 1."""
        z = self.logits(marked_sentences) / self.temperature
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def predict(self, marked_sentences: list[str]) -> list[tuple[str, float]]:
        """(event type, calibrated probability) of the most likely type for each sentence."""
        probs = self.predict_proba(marked_sentences)
        return [(self.labels[i], float(p[i])) for p, i in zip(probs, probs.argmax(axis=1), strict=True)]


def _marker_positions(text: str, encoding) -> tuple[int, int]:
    """Token index of ``<s>`` and ``<t>``; 0 ([CLS]) when a marker is absent or truncated away.

    Must match ``marker_positions`` in training/train_event_type.py, which built the model.
    """
    out = []
    for marker in MARKERS:
        char = text.find(marker)
        token = encoding.char_to_token(char) if char >= 0 else None
        out.append(token if token is not None else 0)
    return out[0], out[1]


@lru_cache(maxsize=2)
def _load_shipped(threads: int | None) -> EventTypeClassifier:
    with resources.as_file(resources.files("dyadwatch") / ARTIFACT) as directory:
        return EventTypeClassifier(directory, threads=threads)

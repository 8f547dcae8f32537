"""The shipped event-type model: loads offline, gives calibrated probabilities, gets plain cases right.

Sentences here are written for these tests (not taken from plv_train or the seed article).
Throughput is measured in docs/classifier-experiments.md, not asserted here.
"""

import json
import subprocess
import sys
from importlib import resources

import numpy as np
import pytest

from dyadwatch.stages.classifier import EventTypeClassifier, _marker_positions

ARTIFACT = resources.files("dyadwatch") / "models" / "event_type"

# Labels follow plv_train / the PLOVER codebook: imposing sanctions is COERCE there, while SANCTION
# is "reductions in existing, routine, or cooperative relations" (suspend aid, expel diplomats).
OBVIOUS = [
    ("<s>Russian warplanes</s> carried out air strikes on <t>rebel positions</t> near the border overnight, "
     "killing at least twelve fighters.", "ASSAULT"),
    ("<s>The Japanese prime minister</s> arrived in Manila on Monday for a two-day visit and held talks "
     "with <t>President Marcos</t>.", "CONSULT"),
    ("<s>Norway</s> suspended all development aid to <t>Mali</t> after the coup.", "SANCTION"),
    ("<s>Lithuania</s> expelled <t>three Russian diplomats</t> on Thursday.", "SANCTION"),
    ("<s>The European Union</s> imposed sanctions on <t>Iran</t> over its nuclear programme.", "COERCE"),
    ("<s>Ghana</s> and <t>Togo</t> agreed on Tuesday to demarcate their shared border.", "AGREE"),
    ("<s>The World Food Programme</s> delivered 300 tonnes of food aid to <t>flood victims in Sindh</t>.",
     "AID"),
    ("<s>Opposition leader Maria Lopez</s> accused <t>the ruling party</t> of rigging Sunday's vote.",
     "ACCUSE"),
    ("<s>The parliament</s> rejected <t>the government's</t> proposed budget by a wide margin.", "REJECT"),
    ("<s>Students</s> rallied outside the embassy to protest against <t>the government's</t> new law.",
     "PROTEST"),
]  # fmt: skip


@pytest.fixture(scope="module")
def clf() -> EventTypeClassifier:
    return EventTypeClassifier.load()


def test_artifact_is_small_and_complete():
    names = {p.name for p in ARTIFACT.iterdir()}
    assert {"model.onnx", "tokenizer.json", "labels.json", "calibration.json", "meta.json"} <= names
    total = sum(p.stat().st_size for p in ARTIFACT.iterdir() if p.is_file())
    assert total <= 30 * 1024 * 1024


def test_load_is_cached(clf):
    assert EventTypeClassifier.load() is clf


def test_runtime_imports_no_training_stack():
    """The shipped model runs on onnxruntime + tokenizers + numpy: no torch, transformers, sklearn."""
    code = (
        "import sys\n"
        "from dyadwatch.stages.classifier import EventTypeClassifier\n"
        "EventTypeClassifier.load().predict_proba(['<s>Chad</s> met <t>Sudan</t>.'])\n"
        "heavy = {'torch', 'transformers', 'sklearn', 'sentence_transformers'}\n"
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_labels_are_the_fifteen_plover_roots(clf):
    assert len(clf.labels) == 15
    assert "YIELD" in clf.labels and "CONCEDE" not in clf.labels and "RETREAT" not in clf.labels
    meta = json.loads((ARTIFACT / "meta.json").read_text())
    assert meta["labels"] == list(clf.labels)
    assert set(meta["quad_class"]) == set(clf.labels)


def test_probabilities_shape_and_sum(clf):
    texts = [text for text, _ in OBVIOUS]
    probs = clf.predict_proba(texts)
    assert probs.shape == (len(texts), len(clf.labels))
    assert np.all(probs >= 0)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, atol=1e-5)


def test_one_at_a_time_a_marked_sentence_gets_the_same_probabilities_whatever_is_beside_it(clf):
    """The int8 model quantizes activations per call: in a batch, inputs move each other a little. The
    shipped classifier reads one input at a time, so the same inputs in any order, alone or together,
    give the same probabilities."""
    texts = [text for text, _ in OBVIOUS]
    assert clf.batch_size == 1
    together = clf.predict_proba(texts)
    assert np.array_equal(together, np.vstack([clf.predict_proba([text]) for text in texts]))
    assert np.array_equal(clf.predict_proba(texts[::-1])[::-1], together)


def test_empty_batch(clf):
    assert clf.predict_proba([]).shape == (0, len(clf.labels))


@pytest.mark.parametrize(("text", "expected"), OBVIOUS, ids=[e for _, e in OBVIOUS])
def test_obvious_sentences(clf, text, expected):
    label, prob = clf.predict([text])[0]
    assert label == expected, f"{expected} expected, got {label} ({prob:.2f})"


def test_batching_and_order_change_results_only_slightly(clf):
    """int8 dynamic quantization scales activations per batch tensor, so in batches a sentence's
    probabilities move a little with its batch neighbours (documented in docs/classifier-experiments.md)."""
    texts = [text for text, _ in OBVIOUS]
    with resources.as_file(ARTIFACT) as directory:
        batched = EventTypeClassifier(directory, batch_size=8)
    together = batched.predict_proba(texts)
    one_by_one = clf.predict_proba(texts)
    np.testing.assert_allclose(together, one_by_one, atol=0.1)  # seen: up to 0.057
    assert (together.argmax(1) == one_by_one.argmax(1)).all()
    np.testing.assert_array_equal(batched.predict_proba(texts), together)  # same batch, same bytes


def test_marker_positions_point_at_the_markers(clf):
    text = "On Friday <s>the EU</s> urged <t>China</t> to free him."
    enc = clf._tokenizer.encode(text)
    s_pos, t_pos = _marker_positions(text, enc)
    assert enc.tokens[s_pos] == "<" and enc.tokens[s_pos + 1] == "s"
    assert enc.tokens[t_pos] == "<" and enc.tokens[t_pos + 1] == "t"
    # No target marker: fall back to [CLS] rather than fail.
    enc = clf._tokenizer.encode("<s>Egypt</s> lifted its state of emergency.")
    assert _marker_positions("<s>Egypt</s> lifted its state of emergency.", enc)[1] == 0


def test_long_input_is_truncated_not_rejected(clf):
    text = "<s>The council</s> met <t>the envoy</t>. " + "It was a long day of talks. " * 80
    probs = clf.predict_proba([text])
    assert probs.shape == (1, len(clf.labels))


def test_calibration_temperature_is_recorded(clf):
    calibration = json.loads((ARTIFACT / "calibration.json").read_text())
    assert calibration["temperature"] == pytest.approx(clf.temperature)
    assert 0.1 < clf.temperature < 10


def test_an_input_read_again_comes_from_the_cache(clf):
    """Read alone, an input's logits depend on nothing else, so a repeated input (a syndicated copy of a
    story, a re-ingest) is not run through the graph again, and gets the same bytes."""
    text = "<s>Iran</s> denounced <t>Israel</t> on the day the cache was tested."
    before = clf._alone.cache_info()
    first = clf.predict_proba([text])
    again = clf.predict_proba([text, "<s>Chile</s> thanked <t>Peru</t>.", text])
    after = clf._alone.cache_info()
    assert after.misses - before.misses <= 2 and after.hits - before.hits >= 2
    assert np.array_equal(first[0], again[0]) and np.array_equal(again[0], again[2])


def test_forget_empties_the_cache_and_the_graph_gives_the_same_bytes_again(clf):
    """`dyadwatch bench` codes its text in several rounds; it makes the classifier forget between them, so
    that no round is timed on logits an earlier round kept."""
    text = "<s>Chile</s> recalled its ambassador from <t>Peru</t> before the cache was emptied."
    first = clf.predict_proba([text])
    clf.forget()
    assert clf._alone.cache_info().currsize == 0
    again = clf.predict_proba([text])
    assert clf._alone.cache_info().misses == 1 and np.array_equal(first, again)

"""The relevance gate and the real-news yardstick (issue 13)."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from importlib import resources
from pathlib import Path

from dyadwatch.evaluation import eval_news
from dyadwatch.model import Actor, Article, Event, Sentence
from dyadwatch.reftables import EVENT_TYPES
from dyadwatch.stages.relevance import RelevanceModel, features
from tests.conftest import BBC, SEED_TEXT, require_shared

SHARED = Path(__file__).resolve().parents[2] / "shared"
TEXT = "Sudan accused Ethiopia of aggression. Chelsea beat Arsenal 2-1 on Sunday."


def test_gate_drops_below_threshold_and_sets_confidence(pipeline) -> None:  # type: ignore[no-untyped-def]
    parsed_events = pipeline.code(Article(TEXT, date="2005-03-01"))
    assert parsed_events.events
    ungated = type(pipeline)(gate=False).code(Article(TEXT, date="2005-03-01"))
    mentions, sentences = ungated.mentions, ungated.sentences
    assert RelevanceModel({}, -30.0, 0.5)(sentences, list(ungated.events), mentions) == []
    kept = RelevanceModel({}, 30.0, 0.5)(sentences, list(ungated.events), mentions)
    assert len(kept) == len(ungated.events) and all(e.confidence == 1.0 for e in kept)


def test_a_lower_confidence_lowers_the_gate_and_a_higher_one_leaves_it() -> None:
    shipped = RelevanceModel.load()
    assert shipped.at_least(None) is shipped and shipped.at_least(min(1.0, shipped.threshold + 0.1)) is shipped
    lowered = shipped.at_least(shipped.threshold / 4)
    assert lowered.threshold == shipped.threshold / 4 and lowered.foresight is None
    assert lowered.weights == shipped.weights and lowered.bias == shipped.bias


def test_an_analyst_who_would_rather_miss_less_gets_the_events_the_gate_drops(pipeline) -> None:  # type: ignore[no-untyped-def]
    """`--min-confidence` below the gate's threshold: a strike the gate finds too unlikely comes out, with its
    (low) calibrated confidence."""
    text = "Workers at the mine went on strike for better pay on Thursday."
    assert pipeline.code(Article(text, date="2005-03-01")).events == []
    events = type(pipeline)(min_confidence=0.0).code(Article(text, date="2005-03-01")).events
    assert [e.event_type for e in events] == ["PROTEST"]
    assert all(e.confidence < RelevanceModel.load().threshold for e in events)


def test_the_gate_ceiling_is_never_exceeded(ungated) -> None:  # type: ignore[no-untyped-def]
    """The typing step skips events below the ceiling: whatever type, belief, reading and modality the later
    steps give an event, the gate must not score it above its ceiling."""
    gate = RelevanceModel.load()
    files = sorted(require_shared(BBC).glob("politics/*.txt"))[:12]
    texts = [SEED_TEXT.read_text(encoding="utf-8"), *(f.read_text(encoding="utf-8") for f in files)]
    kept = skipped = 0
    for coded in ungated.pipe(Article(text, date="2005-03-01") for text in texts):
        by_span = {m.span: m for m in coded.mentions}
        for event in coded.events:
            sentence = coded.sentences[event.sentence_index]
            ceiling = gate.ceiling(event, sentence)
            scores = [gate.probability(features(replace(event, event_type=t, quad_class=q, reading=r, modality=m,
                                                        confidence=c), sentence, by_span))
                      for t in EVENT_TYPES for q in (1, 2, 3, 4) for r in ("general", "fixed")
                      for m in ("asserted", "future", "negated") for c in (0.0, 1.0)]
            assert max(scores) <= ceiling + 1e-9, event
            kept += gate.probability(features(event, sentence, by_span)) >= gate.threshold
            skipped += ceiling < gate.threshold
    assert kept >= 10 and skipped >= 5


def test_the_ceiling_knows_a_mobilization_drops_its_own_forces() -> None:
    """"Bolivia sent in troops": before typing, the troops are the target; as a mobilization the event has
    none (`roles.own_forces`), and the ceiling must cover the gate's score of that event too."""
    text = "Bolivia sent in troops."
    sentence = Sentence("a", 0, 0, len(text), text)
    event = Event(article_id="a", sentence_index=0, sentence=text, span=(0, len(text)), event_type="MOBILIZE",
                  source=Actor("Bolivia", (0, 7), "BOL", "BOL"), target=Actor("troops", (16, 22), "MIL", None, "MIL"))
    gate = RelevanceModel({"tgt=none": 5.0}, -2.0, 0.5)
    assert gate.probability(features(replace(event, target=None), sentence, {})) <= gate.ceiling(event, sentence)


def test_an_international_body_or_ngo_lacks_no_state() -> None:
    """A named NGO, like the UN, belongs to no state: the gate must not read it as an actor whose state is
    unknown ("Amnesty International issued a statement calling on …")."""
    text = "Amnesty International called on Belarus to free the activists."
    sentence = Sentence("a", 0, 0, len(text), text)
    event = Event(article_id="a", sentence_index=0, sentence=text, span=(0, len(text)), event_type="REQUEST",
                  source=Actor("Amnesty International", (0, 21), "NGO", None, "NGO"),
                  target=Actor("Belarus", (33, 40), "BLR", "BLR"))
    named = features(event, sentence, {})
    assert named.get("src_country=igo") == 1.0 and "src_country=False" not in named
    unplaced = replace(event, source=Actor("Police", (0, 6), "COP", None, "COP"))
    assert features(unplaced, sentence, {}).get("src_country=False") == 1.0


def test_the_foresight_spares_the_classifier_events_the_gate_would_drop(ungated) -> None:  # type: ignore[no-untyped-def]
    """Past the ceiling, the foresight turns away events it expects the gate to drop: with a foresight that
    expects nothing, no event is worth typing; the shipped one turns some away, and keeps every event that
    the shipped pipeline keeps on these articles. The classifier reads one input at a time, so the events
    the foresight skips do not move the others' probabilities (`EventTypeClassifier`)."""
    gate = RelevanceModel.load()
    assert gate.foresight is not None
    closed = replace(gate, foresight=replace(gate.foresight, bias=-30.0, weights={}))
    files = sorted(require_shared(BBC).glob("politics/*.txt"))[:12]
    articles = [Article(f.read_text(encoding="utf-8"), date="2005-03-01", id=f.name) for f in files]
    offered = turned_away = 0
    for coded in ungated.pipe(articles):
        for event in coded.events:
            sentence = coded.sentences[event.sentence_index]
            if gate.ceiling(event, sentence) >= gate.threshold:
                offered += 1
                turned_away += not gate.could_pass(event, sentence)
                assert not closed.could_pass(event, sentence)
    assert offered >= 20 and 0 < turned_away < offered
    without = type(ungated)()
    without.relevance = replace(gate, foresight=None)
    keys = [{(e.sentence_index, e.event_type, e.source.code if e.source else None) for c in pipe.pipe(articles)
             for e in c.events} for pipe in (type(ungated)(), without)]
    assert keys[0] == keys[1]


def test_shipped_gate_records_its_cross_validation() -> None:
    data = json.loads(resources.files("dyadwatch").joinpath("models", "relevance", "weights.json").read_text())
    cv = data["cross_validation"]
    assert 0 < data["threshold"] < 1 and data["threshold"] <= cv["seed_ceiling"]
    assert cv["chosen"]["precision"] > cv["ungated"]["precision"]
    assert [row["confidence"] for row in cv["calibration"]] == ["0.0-0.2", "0.2-0.4", "0.4-0.6", "0.6-0.8",
                                                                "0.8-1.0"]
    assert cv["annotated_items"] >= 1500
    ahead = data["foresight"]["cross_validation"]
    assert ahead["out_of_fold_recall"] >= ahead["recall_target"] >= 0.98 and 0 < ahead["out_of_fold_skipped"] < 1
    assert data["foresight"]["threshold"] <= ahead["seed_lowest"]


def test_news_scoring_matches_the_shared_script(tmp_path: Path) -> None:
    gold = [
        {"id": "a", "text": "x", "context": "", "events": [
            {"type": "ACCUSE", "source": {"text": "Sudan", "code": "SDNGOV"}, "target": {"text": "E", "code": "ETH"},
             "modality": "asserted"},
            {"type": "SANCTION", "source": {"text": "Sudan", "code": "SDN"}, "target": None, "modality": "asserted"}]},
        {"id": "b", "text": "y", "context": "", "events": []},
    ]
    system = [
        {"article_id": "a", "span": [0, 1], "event_type": "ACCUSE", "source": {"code": "SDN"},
         "target": {"code": "ETHMIL"}, "modality": "asserted"},
        {"article_id": "a", "span": [0, 1], "event_type": "ACCUSE", "source": {"code": "SDN"}, "target": None},
        {"article_id": "b", "span": [0, 1], "event_type": "ASSAULT", "source": {"code": "GBR"}, "target": None},
    ]
    (tmp_path / "gold.jsonl").write_text("\n".join(json.dumps(g) for g in gold) + "\n")
    (tmp_path / "events.jsonl").write_text("\n".join(json.dumps(e) for e in system) + "\n")
    shared = subprocess.run([sys.executable, str(SHARED / "tools" / "score_news.py"), "--gold",
                             str(tmp_path / "gold.jsonl"), "--events", str(tmp_path / "events.jsonl")],
                            capture_output=True, text=True, check=True).stdout
    by_item: dict[str, list[dict]] = {}
    for e in system:
        by_item.setdefault(e["article_id"], []).append(e)
    ours = eval_news.score(gold, by_item).to_dict()
    assert ours["dyad"] == {"precision": 0.333, "recall": 0.5, "f1": 0.4}
    assert f"news-gold dyad: precision {ours['dyad']['precision']:.3f} recall {ours['dyad']['recall']:.3f}" in shared
    assert f"detection precision {ours['detection']['precision']:.3f}" in shared
    assert f"type  : precision {ours['type']['precision']:.3f}" in shared


def test_reserved_bbc_files_are_read_from_shared() -> None:
    reserved = eval_news.reserved_bbc(SHARED)
    assert len(reserved) > 100 and all("/" in name and name.endswith(".txt") for name in reserved)

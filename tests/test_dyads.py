"""The learned dyad scorer: pairs of actors the trigger rules miss, and how pairs are chosen."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys

import pytest

from dyadwatch.model import Article
from dyadwatch.stages.actors import ActorResolver
from dyadwatch.stages.dyads import DyadScorer, one_body
from dyadwatch.stages.events import EventCoder
from dyadwatch.stages.nlp import parse


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver()


def code(text: str, resolver: ActorResolver, coder: EventCoder):
    parsed = next(parse([Article(text=text, id="t")]))
    return coder.code(parsed, resolver(parsed))


def test_shipped_scorer_adds_a_dyad_the_rules_miss(resolver: ActorResolver) -> None:
    text = "The African Union peacekeepers are being deployed to relieve the Kenyan soldiers."
    rules, _ = code(text, resolver, EventCoder(rules_only=True))
    events, _ = code(text, resolver, EventCoder())
    assert not [e for e in rules if e.target is not None]
    assert [(e.source.text, e.target.country, e.event_type) for e in events if e.target is not None] == [
        ("African Union", "KEN", "MOBILIZE")]


def test_rule_events_stay_and_the_scorer_does_not_repeat_them(resolver: ActorResolver) -> None:
    text = "The Turkish government summoned the Swedish ambassador over the protest."
    rules, _ = code(text, resolver, EventCoder(rules_only=True))
    events, pairs = code(text, resolver, EventCoder())
    dyads = [(e.source.country, e.target.country) for e in events]
    assert dyads.count(("TUR", "SWE")) == 1
    assert [(e.source.text, e.target.text) for e in rules] == [(e.source.text, e.target.text) for e in events]
    assert any("rule=pair" in p.features for p in pairs)


def test_candidates_are_whole_actors_never_a_word_inside_one(resolver: ActorResolver) -> None:
    _, pairs = code("Iranian Foreign Minister Mohammad Javad Zarif met the Omani sultan.", resolver,
                    EventCoder(rules_only=True))
    sides = {p.source.mention.text for p in pairs} | {p.target.mention.text for p in pairs}
    assert sides == {"Iranian Foreign Minister Mohammad Javad Zarif", "the Omani sultan"}
    assert len(pairs) == 2


def scorer(threshold: float, fallback: float | None) -> DyadScorer:
    return DyadScorer({"path=good": 2.0, "path=weak": -1.0}, 0.0, threshold, fallback)


def test_pairs_reaching_the_threshold_are_selected() -> None:
    pairs = [["rule=none", "path=good"], ["rule=none", "path=weak"], ["rule=none", "path=unknown"],
             ["rule=reverse", "path=good"]]
    chosen = scorer(0.6, None).select(pairs, rules_coded=True, triggered=[True] * 4)
    assert [i for i, _ in chosen] == [0]
    assert chosen[0][1] == pytest.approx(1 / (1 + math.exp(-2.0)))


def test_fallback_picks_the_best_triggered_pair_only_where_the_rules_coded_nothing() -> None:
    pairs = [["rule=none", "path=weak"], ["rule=none", "path=unknown"], ["rule=none", "path=good"]]
    triggered = [True, True, False]
    assert [i for i, _ in scorer(0.9, None).select(pairs, rules_coded=False, triggered=triggered)] == []
    assert [i for i, _ in scorer(0.9, 0.3).select(pairs, rules_coded=False, triggered=triggered)] == [1]
    assert scorer(0.9, 0.3).select(pairs, rules_coded=True, triggered=triggered) == []
    assert scorer(0.9, 0.6).select(pairs, rules_coded=False, triggered=triggered) == []


def test_shipped_weights_record_their_training_and_cross_validation() -> None:
    shipped = DyadScorer.load()
    assert 0 < shipped.threshold < 1 and shipped.fallback is not None and shipped.fallback < shipped.threshold
    from importlib import resources

    artifact = json.loads((resources.files("dyadwatch") / "models" / "dyads" / "weights.json").read_text())
    assert artifact["data"].startswith("plv_train.tsv sha256 ")
    assert len(artifact["weights"]) == len(shipped.weights) > 100


def test_organization_aliases_match_whatever_the_hash_seed() -> None:
    """An alias listed in mixed case too ("ECOWAS|Ecowas") matches in any case in every process; which
    spelling won used to depend on the order of a set of strings, so on the process's hash seed."""
    script = ("import spacy; from dyadwatch.stages.gazetteer import build, norm; g = build(spacy.blank('en')); "
              "print([(g.phrases[(norm(a),)][0].entity, g.phrases[(norm(a),)][0].case_sensitive) "
              "for a in ('Ecowas', 'NATO')])")
    seen = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout.strip() for seed in ("0", "1", "5")}
    assert seen == {"[('org:ecowas', False), ('org:nato', False)]"}


@pytest.mark.parametrize(("text", "target"), [
    ("Israel rejected a UN draft resolution presented by Egypt.", "EGY"),
    ("US President Donald Trump rejected accusation of racism after referring to the coronavirus as the Chinese "
     "virus.", None),
])
def test_the_rules_aim_a_thing_at_who_put_it_forward_or_said_it(resolver: ActorResolver, text: str,
                                                                target: str | None) -> None:
    """Who put a resolution forward is aimed at, not the body it is put to; an accusation is its speaker's, and
    no state named further inside what it says is aimed at."""
    rules, _ = code(text, resolver, EventCoder(rules_only=True))
    assert [e.target.country if e.target else None for e in rules if e.event_type == "REJECT"] == [target], rules


@pytest.mark.parametrize(("source", "target", "one"), [
    ("IGOUNOSEC", "IGOUNO", True),
    ("IGOUNO", "IGOUNOSEC", True),
    ("IGOUNO", "IGOUNO", False),
    ("IGO", "IGOEEC", False),
    ("USAGOV", "USA", False),
])
def test_an_international_body_and_its_own_organ_are_one_body(source: str, target: str, one: bool) -> None:
    """"The UN Security Council approved the deployment of a U.N. team": no dyad between the UN and its Council;
    a bare IGO code (Mercosur) is a body of its own, and a state's bodies are read elsewhere."""
    assert one_body(source, target) is one

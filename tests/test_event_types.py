"""The typing step: marking dyads for the classifier and mixing its output with the trigger's type."""

from __future__ import annotations

import numpy as np

from dyadwatch.model import Actor, Article, Event
from dyadwatch.stages.event_types import EventTyper, choose, marked_sentence


def event(source: tuple[int, int], target: tuple[int, int], offset: int = 0) -> Event:
    sentence = "Chile accused Peru of spying on its navy."
    return Event(article_id="a", sentence_index=0, sentence=sentence, span=(offset, offset + len(sentence)),
                 event_type="ACCUSE", source=Actor(sentence[source[0]:source[1]], (source[0] + offset,
                                                                                  source[1] + offset)),
                 target=Actor(sentence[target[0]:target[1]], (target[0] + offset, target[1] + offset)))


def test_marked_sentence_marks_both_roles_in_sentence_offsets() -> None:
    assert marked_sentence(event((0, 5), (14, 18), offset=100), 100) == \
        "<s>Chile</s> accused <t>Peru</t> of spying on its navy."


def test_role_outside_the_sentence_stays_unmarked() -> None:
    e = event((0, 5), (14, 18))
    e.target = Actor("Bolivia", (500, 507))
    assert marked_sentence(e, 0) == "<s>Chile</s> accused Peru of spying on its navy."


def test_trigger_weight_breaks_near_ties_and_yield_keeps_the_trigger_subtype() -> None:
    labels = EventTyper().labels
    probs = np.zeros(len(labels))
    probs[labels.index("REJECT")] = 0.45
    probs[labels.index("ACCUSE")] = 0.40
    assert choose("ACCUSE", probs.copy(), labels, 0.2).event_type == "ACCUSE"
    assert choose("ACCUSE", probs.copy(), labels, 0.0).event_type == "REJECT"
    probs[:] = 0
    probs[labels.index("YIELD")] = 0.9
    assert choose("RETREAT", probs.copy(), labels, 0.2).event_type == "RETREAT"
    assert choose("CONCEDE", probs.copy(), labels, 0.2).event_type == "CONCEDE"
    assert choose("AGREE", probs.copy(), labels, 0.2).event_type == "CONCEDE"
    assert choose("ASSAULT", probs.copy(), labels, 0.2).event_type == "RETREAT"
    assert choose("SANCTION", probs.copy(), labels, 0.5).event_type == "SANCTION"


def test_typed_events_take_code_goldstein_and_quad_from_the_table(pipeline) -> None:  # type: ignore[no-untyped-def]
    coded = pipeline.code(Article(text="Israeli jets bombed Hamas positions in Gaza on Sunday.", date="2024-01-07"))
    found = [e for e in coded.events if e.source and e.source.country == "ISR"]
    assert found and any(e.target and "Hamas" in e.target.text for e in found)
    for e in found:
        assert e.event_type == "ASSAULT" and e.cameo and e.cameo.startswith(("18", "19", "20"))
        assert e.quad_class == 4 and e.goldstein is not None and e.goldstein < -5
        assert 0.3 < e.confidence <= 1.0


def test_the_classifier_does_not_turn_a_conviction_into_an_accusation(ungated) -> None:  # type: ignore[no-untyped-def]
    text = "A Nigerian court has convicted 45 Boko Haram members in the largest mass trial in the group's history."
    coded = ungated.code(Article(text=text, date="2019-06-01"))
    assert [e.event_type for e in coded.events] == ["SANCTION"]

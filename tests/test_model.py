from __future__ import annotations

import json

from dyadwatch.model import Actor, ActorMention, Article, Event, Location, Quantity

GUIDE_EVENT_KEYS = ["id", "article_id", "sentence_index", "sentence", "span", "event_type", "mode", "context",
                    "cameo", "goldstein", "quad_class", "source", "target", "date", "date_precision", "date_text",
                    "location", "quantities", "modality", "attribution", "confidence"]
ACTOR_KEYS = ["text", "span", "code", "country", "sector", "name", "entity"]


def make_event() -> Event:
    return Event(
        article_id="a1", sentence_index=2, sentence="Chad recalled its ambassador from Sudan.", span=(100, 139),
        event_type="SANCTION", mode="withdraw", context=["diplomatic"], cameo="1662", goldstein=-4.4, quad_class=4,
        source=Actor("Chad", (100, 104), "TCD", "TCD", None, "Chad", "country:TCD"),
        target=Actor("Sudan", (133, 138), "SDN", "SDN", None, "Sudan", "country:SDN"),
        date="2024-05", date_precision="month", date_text="in May",
        location=Location("Khartoum", "SDN", 15.55, 32.53, 379252),
        quantities=[Quantity(3, 3, 3, "diplomats", "exact", "three diplomats")],
        modality="asserted", confidence=0.8, trigger=(105, 113),
    )


def test_event_json_has_exactly_the_guide_fields_in_order() -> None:
    d = make_event().to_dict()
    assert list(d) == GUIDE_EVENT_KEYS
    assert list(d["source"]) == ACTOR_KEYS
    assert d["span"] == [100, 139]
    json.dumps(d)


def test_event_round_trip() -> None:
    event = make_event()
    again = Event.from_dict(json.loads(json.dumps(event.to_dict())))
    assert again.to_dict() == event.to_dict()


def test_event_id_is_stable_and_depends_on_the_dyad() -> None:
    a, b = make_event(), make_event()
    assert a.id == b.id
    b.target = Actor("Egypt", (120, 125), "EGY", "EGY")
    assert b.make_id() != a.id


def test_mention_round_trip_keeps_coref() -> None:
    m = ActorMention("a1", 0, "the country", (40, 51), "NER", "NER", None, "Niger", "country:NER", "state", None,
                     (0, 5))
    assert ActorMention.from_dict(json.loads(json.dumps(m.to_dict()))) == m


def test_an_empty_date_is_no_date() -> None:
    assert Article(text="Lord Goldsmith said the war was legal.", date="").date is None

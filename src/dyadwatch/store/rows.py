"""Rows: how coded articles' mentions, events, observations and people become table rows, and rows model objects
again (`Store` writes and reads through these)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from dyadwatch import periods
from dyadwatch.model import ActorMention, CodedArticle, Event, Observation

MENTION_COLUMNS = ["article_id", "sentence_index", "start_char", "end_char", "text", "code", "country", "sector",
                   "name", "entity", "kind", "role", "coref_start", "coref_end"]
EVENT_COLUMNS = ["id", "article_id", "sentence_index", "start_char", "end_char", "trigger_start", "trigger_end",
                 "event_type", "mode", "cameo", "goldstein", "quad_class", "source_code", "source_country",
                 "source_name", "target_code", "target_country", "target_name", "date", "date_end", "date_precision",
                 "modality", "confidence", "data"]


OBSERVATION_COLUMNS = ["article_id", "sentence_index", "relation", "holder", "host", "partner", "members", "date",
                       "phase", "rule", "data"]


def observation_row(o: Observation) -> list[Any]:
    return [o.article_id, o.sentence_index, o.relation, o.holder, o.host, o.partner,
            ",".join(o.members) if o.members is not None else None, pad_date(o.date) if o.date else None, o.phase,
            o.rule, json.dumps(o.to_dict(), ensure_ascii=False)]


def plain(row: Sequence[Any]) -> list[Any]:
    """DuckDB sums come back as Decimal or HUGEINT; JSON wants int and float."""
    return [round(float(v), 3) if isinstance(v, float) or type(v).__name__ == "Decimal" else
            int(v) if isinstance(v, int) else v for v in row]


PERSON_ROLE_COLUMNS = ["entity", "name", "role", "country", "sector", "article_id", "sentence_index", "date", "text"]


def person_rows(coded: CodedArticle) -> list[list[Any]]:
    """One row per person and sentence where the article names them, keeping the role it gives."""
    rows: dict[tuple[str, int], list[Any]] = {}
    for m in coded.mentions:
        if m.kind != "person" or not m.entity:
            continue
        key = (m.entity, m.sentence_index)
        if key not in rows or (m.role and not rows[key][2]):
            sentence = coded.sentences[m.sentence_index].text if m.sentence_index < len(coded.sentences) else m.text
            rows[key] = [m.entity, m.name or m.text, m.role, m.country, m.sector, coded.article.id,
                         m.sentence_index, coded.article.date, sentence]
    return list(rows.values())


def unique_mentions(mentions: list[ActorMention]) -> list[ActorMention]:
    return list({(m.span[0], m.span[1]): m for m in mentions}.values())


def unique_events(events: list[Event]) -> list[Event]:
    return list({e.id: e for e in events}.values())


def mention_row(m: ActorMention) -> list[Any]:
    coref = m.coref_of or (None, None)
    return [m.article_id, m.sentence_index, m.span[0], m.span[1], m.text, m.code, m.country, m.sector, m.name,
            m.entity, m.kind, m.role, coref[0], coref[1]]


def mention_from_row(r: Sequence[Any]) -> ActorMention:
    return ActorMention(article_id=r[0], sentence_index=r[1], span=(r[2], r[3]), text=r[4], code=r[5], country=r[6],
                        sector=r[7], name=r[8], entity=r[9], kind=r[10], role=r[11],
                        coref_of=(r[12], r[13]) if r[12] is not None else None)


def event_row(e: Event) -> list[Any]:
    trigger = e.trigger or (None, None)
    date, date_end = periods.event_bounds(e.date)
    return [e.id, e.article_id, e.sentence_index, e.span[0], e.span[1], trigger[0], trigger[1], e.event_type,
            e.mode, e.cameo, e.goldstein, e.quad_class,
            e.source.code if e.source else None, e.source.country if e.source else None,
            e.source.name if e.source else None,
            e.target.code if e.target else None, e.target.country if e.target else None,
            e.target.name if e.target else None,
            date, date_end, e.date_precision, e.modality, e.confidence, json.dumps(e.to_dict(), ensure_ascii=False)]


def pad_date(date: str) -> str:
    """A month or year date is stored at its first day for sorting; `data` keeps the real precision."""
    return {4: date + "-01-01", 7: date + "-01"}.get(len(date), date)


def event_from_row(r: Sequence[Any]) -> Event:
    event = Event.from_dict(json.loads(r[0]))
    if r[1] is not None:
        event.trigger = (r[1], r[2])
    event.origin = r[3]
    return event

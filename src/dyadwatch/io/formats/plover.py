"""POLECAT / PLOVER event data as JSON Lines, in and out.

One JSON object per line with POLECAT's fields in snake case (its column names lower-cased, spaces → `_`,
so "Event Type" and "event_type" are the same key): `event_id`, `event_date`, `event_type`, `event_mode`,
`contexts` (a list or a comma-separated string), `actor_name`, `actor_country`, `actor_sector`,
`recipient_name`, `recipient_country`, `recipient_sector`, `placename`, `country`, `latitude`, `longitude`,
`geonames_id`, `story_id`, `source`, `url`, `event_text`. `source_*`/`target_*` are read as aliases of
`actor_*`/`recipient_*`, and `primary_actor_sector`/`primary_recipient_sector` as the sectors.

Mapping: the PLOVER type and mode are kept as given; the CAMEO code is the record's `cameo` when our pinned
table has it, else the most general code of the type and mode (`reftables.default_cameo`), and Goldstein
and quad class come from that code. Countries are ISO alpha-3 codes or names; sectors are our codes or
ICEWS-style names. `id` = "polecat:<event_id>", `article_id` = "polecat:<story_id>" (or the event id),
origin "plover"; `event_text` is the sentence when given. A record with no `event_type` and a CAMEO 01x
`cameo` is a public statement, imported untyped. `event_date` may be YYYY, YYYY-MM or YYYY-MM-DD; with
`date_precision` month or year, a full date is read as that period (our own exports write its first day).

Export writes the same fields plus ours that POLECAT has no column for (`cameo`, `goldstein`,
`quad_class`, `modality`, `date_precision`, `date_start`, `date_end`, `sentence_index`, `article_id`,
`origin`), so our events round-trip through this format field for field. `event_date` is always a full
date (a month or year event's first day); `date_start`/`date_end` give the period it stands for.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from dyadwatch import periods, reftables
from dyadwatch.errors import Errors
from dyadwatch.io.formats import common, icews
from dyadwatch.io.readers import Rejection
from dyadwatch.model import Actor, Event, Location
from dyadwatch.store import SourceRecord

ALIASES = {
    "id": "event_id", "date": "event_date", "story_date": "event_date", "type": "event_type", "event": "event_type",
    "mode": "event_mode", "context": "contexts", "event_context": "contexts",
    "source_name": "actor_name", "source_country": "actor_country", "source_sector": "actor_sector",
    "primary_actor_sector": "actor_sector", "target_name": "recipient_name",
    "target_country": "recipient_country", "target_sector": "recipient_sector",
    "primary_recipient_sector": "recipient_sector", "sentence": "event_text", "location": "placename",
}
SECTORS = frozenset(code for _, code in icews.sector_table())


def read(path: str | Path) -> Iterator[common.Row]:
    return common.rows_of(to_event, records(path))


def records(path: str | Path) -> Iterator[tuple[str, dict[str, Any] | Rejection]]:
    with open(path, encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield where, Rejection(where, Errors.E031.format(fmt="PLOVER", detail=f"malformed JSON: {exc.msg}"))
                continue
            if not isinstance(record, dict):
                yield where, Rejection(where, Errors.E031.format(fmt="PLOVER", detail="a line must be an object"))
                continue
            yield where, record


def normalize(record: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in record.items():
        name = key.strip().lower().replace(" ", "_")
        out.setdefault(ALIASES.get(name, name), value)
    return out


def to_event(raw: dict[str, Any], where: str) -> tuple[Event, SourceRecord]:
    row = normalize(raw)
    event_id = str(row.get("event_id") or "").strip()
    if not event_id:
        raise common.RowError(Errors.E031.format(fmt="PLOVER", detail="no event_id"))
    event_type = str(row.get("event_type") or "").strip().upper()
    code = str(row.get("cameo") or "").strip()
    mode = str(row.get("event_mode") or "").strip().lower() or None
    cameo: reftables.CameoCode | common.Statement
    if not event_type and code.startswith(common.STATEMENT_ROOT):
        cameo = common.plover_of_cameo(code, str(row.get("goldstein") or ""))
    elif event_type not in reftables.QUAD_CLASS:
        raise common.RowError(Errors.E031.format(fmt="PLOVER", detail=f"event_type {event_type!r} is not a PLOVER "
                                                 "type"))
    else:
        cameo = reftables.cameo(code) or common.cameo_of_plover(event_type, mode)
    contexts = row.get("contexts") or []
    if isinstance(contexts, str):
        contexts = [c.strip() for c in contexts.split(",") if c.strip()]
    story = str(row.get("story_id") or row.get("article_id") or "").strip()
    if story.startswith("polecat:"):
        story = story.removeprefix("polecat:")
    sentence_index = row.get("sentence_index")
    date, precision = _date(str(row.get("event_date") or ""), str(row.get("date_precision") or ""))
    event = common.event_for(
        origin="plover", prefix="polecat", source_id=event_id.removeprefix("polecat:"), article=story or None,
        sentence_index=int(sentence_index) if isinstance(sentence_index, int) else 0, cameo=cameo,
        date=date, source=_actor(row, "actor"), target=_actor(row, "recipient"), location=_location(row),
        event_type=event_type or None, mode=mode, context=[str(c) for c in contexts])
    event.sentence = str(row.get("event_text") or "")
    if row.get("modality"):
        event.modality = str(row["modality"])
    if precision:
        event.date_precision = precision
    return event, SourceRecord("plover", event_id, row.get("url") or None, raw)


def _date(value: str, precision: str) -> tuple[str | None, str | None]:
    """The event's date at its precision: ("2023-07", "month") from "2023-07-01" with precision month."""
    value = value.strip()
    written = periods.precision(value) if len(value) in (4, 7) else None
    if written:
        periods.bounds(value)
        return value, written
    day = common.iso_date(value)
    if day is None:
        return None, precision or None
    if precision == "month":
        return day[:7], precision
    if precision == "year":
        return day[:4], precision
    return day, precision or None


def _country(value: Any) -> str | None:
    text = str(value or "").strip()
    return common.country_of_code(text) or common.country_of_name(text)


def _sector(value: Any) -> str | None:
    text = str(value or "").strip()
    if text.upper() in SECTORS:
        return text.upper()
    return icews.sector_of(text) if text else None


def _actor(row: dict[str, Any], side: str) -> Actor | None:
    name = str(row.get(f"{side}_name") or "").strip() or None
    code = str(row.get(f"{side}_code") or "").strip() or None
    return common.make_actor(name, country=_country(row.get(f"{side}_country")),
                             sector=_sector(row.get(f"{side}_sector")), code=code)


def _location(row: dict[str, Any]) -> Location | None:
    name = str(row.get("placename") or "").strip()
    if not name:
        return None
    geonames = row.get("geonames_id")

    def number(key: str) -> float | None:
        value = row.get(key)
        return float(value) if value not in (None, "") else None

    return Location(name=name, country=_country(row.get("country")), lat=number("latitude"),
                    lon=number("longitude"), geonames_id=int(geonames) if geonames not in (None, "") else None)


def write(rows: Iterable[tuple[Event, str, str | None, SourceRecord | None]], out: IO[str]) -> int:
    count = 0
    for event, origin, url, record in rows:
        out.write(json.dumps(from_event(event, origin, url, record), ensure_ascii=False) + "\n")
        count += 1
    return count


def from_event(event: Event, origin: str, url: str | None, record: SourceRecord | None) -> dict[str, Any]:
    base = normalize(record.record) if record and record.origin == "plover" else {}
    loc = event.location
    first, last = periods.event_bounds(event.date)
    row = {
        **base,
        "event_id": record.record_id if base and record else event.id,
        "event_date": first, "event_type": event.event_type, "event_mode": event.mode,
        "contexts": list(event.context),
        "actor_name": event.source.name or event.source.text if event.source else None,
        "actor_code": event.source.code if event.source else None,
        "actor_country": event.source.country if event.source else None,
        "actor_sector": event.source.sector if event.source else None,
        "recipient_name": event.target.name or event.target.text if event.target else None,
        "recipient_code": event.target.code if event.target else None,
        "recipient_country": event.target.country if event.target else None,
        "recipient_sector": event.target.sector if event.target else None,
        "placename": loc.name if loc else None, "country": loc.country if loc else None,
        "latitude": loc.lat if loc else None, "longitude": loc.lon if loc else None,
        "geonames_id": loc.geonames_id if loc else None,
        "story_id": base.get("story_id") or event.article_id, "url": url, "event_text": event.sentence,
        "cameo": event.cameo, "goldstein": event.goldstein, "quad_class": event.quad_class,
        "modality": event.modality, "date_precision": event.date_precision, "date_start": first, "date_end": last,
        "sentence_index": event.sentence_index, "origin": origin,
    }
    return row

"""Flat exports for analysis tools: Parquet (typed columns) and CSV, one row per event.

Columns are our event fields flattened (source_*/target_*/location_*), plus `origin` and `url`, plus
`data`, the event's full JSON, so nothing of the contract is lost in either format.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from dyadwatch.model import Actor, Event
from dyadwatch.store import SourceRecord

SCHEMA = pa.schema([
    ("id", pa.string()), ("origin", pa.string()), ("article_id", pa.string()), ("sentence_index", pa.int32()),
    ("date", pa.string()), ("date_precision", pa.string()), ("event_type", pa.string()), ("mode", pa.string()),
    ("context", pa.list_(pa.string())), ("cameo", pa.string()), ("goldstein", pa.float64()),
    ("quad_class", pa.int8()),
    *[(f"{side}_{f}", pa.string()) for side in ("source", "target") for f in ("text", "code", "country", "sector",
                                                                            "name", "entity")],
    ("location_name", pa.string()), ("location_country", pa.string()), ("location_lat", pa.float64()),
    ("location_lon", pa.float64()), ("location_geonames_id", pa.int64()),
    ("modality", pa.string()), ("confidence", pa.float64()), ("sentence", pa.string()), ("url", pa.string()),
    ("data", pa.string()),
])
COLUMNS = SCHEMA.names


def flat(event: Event, origin: str, url: str | None) -> dict[str, Any]:
    d = event.to_dict()
    row: dict[str, Any] = {k: d.get(k) for k in COLUMNS if k in d}
    for side, actor in (("source", event.source), ("target", event.target)):
        for f in ("text", "code", "country", "sector", "name", "entity"):
            row[f"{side}_{f}"] = getattr(actor, f) if isinstance(actor, Actor) else None
    loc = event.location
    for f in ("name", "country", "lat", "lon", "geonames_id"):
        row[f"location_{f}"] = getattr(loc, f) if loc else None
    row.update(origin=origin, url=url, data=json.dumps(d, ensure_ascii=False))
    return row


def write_parquet(rows: Iterable[tuple[Event, str, str | None, SourceRecord | None]], out: Path,
                  chunk: int = 10_000) -> int:
    count = 0
    with pq.ParquetWriter(out, SCHEMA) as writer:
        buffer: list[dict[str, Any]] = []
        for event, origin, url, _record in rows:
            buffer.append(flat(event, origin, url))
            if len(buffer) >= chunk:
                writer.write_table(pa.Table.from_pylist(buffer, schema=SCHEMA))
                count += len(buffer)
                buffer.clear()
        if buffer:
            writer.write_table(pa.Table.from_pylist(buffer, schema=SCHEMA))
            count += len(buffer)
    return count


def write_csv(rows: Iterable[tuple[Event, str, str | None, SourceRecord | None]], out: IO[str]) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    count = 0
    for event, origin, url, _record in rows:
        row = flat(event, origin, url)
        row["context"] = ",".join(row["context"] or [])
        writer.writerow(["" if row[c] is None else row[c] for c in COLUMNS])
        count += 1
    return count

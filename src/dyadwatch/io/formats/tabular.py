"""Flat exports for analysis tools: Parquet (typed columns) and CSV, one row per event; and their import.

Columns are our event fields flattened (source_*/target_*/location_*), plus `origin` and `url`, plus
`data`, the event's full JSON, so nothing of the contract is lost in either format. `date` is as coded
(2023, 2023-07 or 2023-07-14) and `date_start`/`date_end` give the period's first and last day. `cameo` is
text: a string column in Parquet, and in CSV every text cell is quoted while numbers and empty cells are
bare, so readers that honour quotes (DuckDB) keep "040" as text (pandas needs `dtype={"cameo": str}`).

`import csv|parquet` reads these files back from `data` (origin and ids kept), so an export of any store
re-imports into another one.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from dyadwatch import periods
from dyadwatch.errors import Errors
from dyadwatch.io.formats import common
from dyadwatch.io.readers import Rejection
from dyadwatch.model import Actor, Event
from dyadwatch.store import ORIGINS, SourceRecord

SCHEMA = pa.schema([
    ("id", pa.string()), ("origin", pa.string()), ("article_id", pa.string()), ("sentence_index", pa.int32()),
    ("date", pa.string()), ("date_start", pa.string()), ("date_end", pa.string()), ("date_precision", pa.string()),
    ("event_type", pa.string()), ("mode", pa.string()),
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
    row["date_start"], row["date_end"] = periods.event_bounds(event.date)
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
    out.write(",".join(COLUMNS) + "\n")
    count = 0
    for event, origin, url, _record in rows:
        row = flat(event, origin, url)
        row["context"] = ",".join(row["context"] or [])
        out.write(csv_line([row[c] for c in COLUMNS]))
        count += 1
    return count


def csv_line(values: list[Any]) -> str:
    """One CSV record: text quoted, numbers bare, missing values empty (RFC 4180, "\n" ends it)."""
    return ",".join(_csv_cell(v) for v in values) + "\n"


def _csv_cell(value: Any) -> str:
    """Text quoted (so "040" stays text), numbers bare, missing values empty and bare (read as null)."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return str(value)
    return '"' + str(value).replace('"', '""') + '"'


def read_csv(path: str | Path) -> Iterator[common.Row]:
    csv.field_size_limit(sys.maxsize)
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or "data" not in reader.fieldnames:
            where = f"{path}:1"
            yield Rejection(where, Errors.E033.format(fmt="CSV", detail="no `data` column: not a dyadwatch export"))
            return
        yield from common.rows_of(_to_event("csv"), ((f"{path}:{n}", r) for n, r in enumerate(reader, 2)))


def read_parquet(path: str | Path) -> Iterator[common.Row]:
    try:
        table = pq.ParquetFile(path)
    except (pa.ArrowInvalid, OSError) as exc:
        yield Rejection(str(path), Errors.E033.format(fmt="Parquet", detail=str(exc)))
        return
    if "data" not in table.schema_arrow.names:
        yield Rejection(str(path), Errors.E033.format(fmt="Parquet", detail="no `data` column: not a dyadwatch "
                                                      "export"))
        return
    number = 0
    for batch in table.iter_batches(batch_size=5000):
        records = []
        for record in batch.to_pylist():
            number += 1
            records.append((f"{path}:row {number}", record))
        yield from common.rows_of(_to_event("parquet"), records)


def _to_event(kind: str) -> Callable[[dict[str, Any], str], tuple[Event, SourceRecord]]:
    """The mapper of one flat format: the event from `data`, its origin from `origin`."""

    def to_event(row: dict[str, Any], where: str) -> tuple[Event, SourceRecord]:
        origin = row.get("origin") or "coded"
        if origin not in ORIGINS:
            raise common.RowError(Errors.E031.format(fmt=kind, detail=f"origin {origin!r} is not one of "
                                                     + ", ".join(ORIGINS)))
        event = Event.from_dict(json.loads(row["data"]))
        event.origin = origin
        kept = {k: v for k, v in row.items() if k != "data"}
        return event, SourceRecord(kind, event.id, row.get("url") or None, kept)

    return to_event

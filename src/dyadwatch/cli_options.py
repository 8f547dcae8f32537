"""The command line's shared options, argument checks and input reporting: each check turns a bad value
into a coded one-line error and exit code 2 (usage), and inputs are read, announced when rejected and
summed up here, so the commands in dyadwatch.cli stay thin."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from dyadwatch import names, periods
from dyadwatch.errors import DyadwatchError, Errors
from dyadwatch.io import readers
from dyadwatch.model import Article
from dyadwatch.store import ORIGINS, Store, default_path

if TYPE_CHECKING:
    from dyadwatch import batch

# Piped output is 200 columns wide unless COLUMNS says otherwise (rich reads it when width is None).
out = Console(soft_wrap=True, width=None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 200)
err = Console(stderr=True, soft_wrap=True)

PathsArg = Annotated[list[str], typer.Argument(help="Files, folders (read recursively) or - for standard input.")]
DateOpt = Annotated[str | None, typer.Option("--date", help="Article date (YYYY-MM-DD) for inputs that give none.")]
InputFormatOpt = Annotated[str, typer.Option("--input-format", help="auto, text, jsonl or html.")]
DbOpt = Annotated[str | None, typer.Option("--db", help="DuckDB store (default: $DYADWATCH_DB or ./dyadwatch.duckdb).")]
WorkersOpt = Annotated[int | None, typer.Option("--workers", min=1, help="Worker processes (default: every "
                                                 "core; 1 codes in this process). Output is the same.")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Print the traceback of each failed article to stderr.")]
BudgetOpt = Annotated[float, typer.Option("--budget", min=0, help="Seconds an article may take (as many again per "
                                          "100,000 characters); one that takes longer is rejected (E041).")]
EVENT_FORMATS = ("table", "jsonl", "csv")
DEFAULT_LIMIT = 50
SourceOpt = Annotated[str | None, typer.Option("--source", help="Source actor: a name (France, \"United Nations\"), "
                                               "an ISO3 country (FRA) or an actor code (FRAMIL).")]
TargetOpt = Annotated[str | None, typer.Option("--target", help="Target actor: a name, an ISO3 country or an actor "
                                               "code.")]
TypeOpt = Annotated[str | None, typer.Option("--type", help="PLOVER event type (ASSAULT, AGREE, ...).")]
CodedOnlyOpt = Annotated[bool, typer.Option("--coded-only", help="Only events whose source and target both have "
                                            "an actor code.")]
_CONFIDENCE = ("Only events whose confidence (the calibrated probability that the event is right at the dyad level; "
               "docs/benchmarks.md has the calibration table) is at least this")
MinConfidenceOpt = Annotated[float | None, typer.Option(
    "--min-confidence", min=0.0, max=1.0,
    help=f"{_CONFIDENCE}; imported events carry none and are left out.")]
CodeMinConfidenceOpt = Annotated[float | None, typer.Option(
    "--min-confidence", min=0.0, max=1.0,
    help=f"{_CONFIDENCE}. Below the relevance gate's threshold (README, Data model) it lowers the gate: more events, "
         "fewer of them right.")]
SinceOpt = Annotated[str | None, typer.Option(help="Events whose date (its whole year or month when that is all "
                                              "it has) is on or after this YYYY, YYYY-MM or YYYY-MM-DD.")]
UntilOpt = Annotated[str | None, typer.Option(help="Events whose date lies wholly on or before the end of this "
                                              "YYYY, YYYY-MM or YYYY-MM-DD (an event dated 2023 is not in "
                                              "--until 2023-06).")]
OriginOpt = Annotated[str | None, typer.Option(help="Only events made by: " + ", ".join(ORIGINS)
                                               + " (coded: by dyadwatch from text).")]


def fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[red]error[/red] {message}", highlight=False)
    return typer.Exit(code)


def check_choice(value: str, choices: tuple[str, ...], name: str) -> None:
    if value not in choices:
        raise fail(Errors.E013.format(field=name, value=value, detail="choose one of " + ", ".join(choices)))


def check_date(value: str | None) -> str | None:
    try:
        return readers.parse_date(value)
    except DyadwatchError as exc:
        raise fail(str(exc)) from exc


@contextmanager
def reader(db: str | None) -> Iterator[Store]:
    """The store opened read-only; a missing file (a typo in --db) is E014 and exit 2, never a new store."""
    try:
        store = Store(db or default_path(), read_only=True)
    except DyadwatchError as exc:
        raise fail(str(exc)) from exc
    with store:
        yield store


def actor_code(store: Store, value: str | None, field: str) -> str | None:
    """An actor filter as a code: names ("France", "United Nations") and codes are accepted; anything
    else is E015 with the nearest known name, and exit 2."""
    if value is None:
        return None
    try:
        return names.resolve(value, store.actor_codes, field=field)
    except DyadwatchError as exc:
        raise fail(str(exc)) from exc


def event_type_code(value: str | None) -> str | None:
    try:
        return names.event_type(value) if value is not None else None
    except DyadwatchError as exc:
        raise fail(str(exc)) from exc


def check_period(value: str | None) -> str | None:
    """A --since/--until value: YYYY, YYYY-MM or YYYY-MM-DD (dyadwatch.periods gives its first/last day)."""
    try:
        periods.filter_start(value)
    except DyadwatchError as exc:
        raise fail(str(exc)) from exc
    return value


def check_origin(value: str | None) -> str | None:
    if value is not None:
        check_choice(value, ORIGINS, "--origin")
    return value


TitleOpt = Annotated[bool | None, typer.Option(
    "--title-first-line/--no-title-first-line", show_default="auto",
    help="Line 1 of a text file is its title (default: when it has no final full stop and a blank line follows).")]
HeadlinesOpt = Annotated[bool, typer.Option("--code-headlines", help="Code the headline (a first line that is the "
                                            "title) like any sentence; by default it is not coded.")]


def read_items(paths: list[str], input_format: str, date: str | None,
               title_first_line: bool | None = None) -> Iterator[readers.Item]:
    check_choice(input_format, readers.INPUT_FORMATS, "--input-format")
    return readers.read(paths, input_format=input_format, default_date=check_date(date),
                        title_first_line=title_first_line)


def counting_undated(items: Iterator[readers.Item], undated: list[str]) -> Iterator[readers.Item]:
    """Pass items on, noting the articles that have no date (for one warning at the end)."""
    for item in items:
        if isinstance(item, Article) and item.date is None:
            undated.append(item.id)
        yield item


def announce(rejection: readers.Rejection) -> None:
    err.print(f"[yellow]skipped[/yellow] {rejection}", highlight=False, markup=True)


def traceback_printer(debug: bool) -> batch.OnTraceback | None:
    return (lambda text: err.out(text, highlight=False)) if debug else None


def finish(report: batch.Report, verb: str) -> None:
    rejected = len(report.rejected)
    ignored = f"; {len(report.ignored)} file(s) ignored as not input" if report.ignored else ""
    err.print(f"{verb} {report.read} article(s), {report.sentences} sentence(s), {report.events} event(s); "
              f"{rejected} input(s) rejected{ignored}", highlight=False)
    if rejected:
        raise typer.Exit(1)


def estimate(paths: list[str]) -> int | None:
    """How many articles the inputs hold, counted cheaply for the progress bar's ETA."""
    total = 0
    for raw in paths:
        if raw == "-":
            return None
        path = Path(raw)
        if path.is_dir():
            files = [p for p in readers.walk(path) if isinstance(p, Path) and p.is_file()]
        else:
            files = [path] if path.is_file() else []
        for file in files:
            if file.suffix.lower() in readers.JSONL_SUFFIXES:
                with open(file, "rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            else:
                total += 1
    return total

"""Command line: thin commands over the library (readers, batch, store).

Exit codes: 0 when every input was read and coded; 1 when any input was rejected (the rest of
the batch still ran and was stored); 2 for usage errors such as an unknown option value.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from dyadwatch import batch, readers
from dyadwatch.errors import DyadwatchError, Errors
from dyadwatch.model import Actor, Event
from dyadwatch.store import Store, default_path

app = typer.Typer(help="Code news text into PLOVER/CAMEO events and relation states.", no_args_is_help=True,
                  add_completion=False)
out = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 200)
err = Console(stderr=True, soft_wrap=True)

PathsArg = Annotated[list[str], typer.Argument(help="Files, folders (read recursively) or - for standard input.")]
DateOpt = Annotated[str | None, typer.Option("--date", help="Article date (YYYY-MM-DD) for inputs that give none.")]
InputFormatOpt = Annotated[str, typer.Option("--input-format", help="auto, text, jsonl or html.")]
DbOpt = Annotated[str | None, typer.Option("--db", help="DuckDB store (default: $DYADWATCH_DB or ./dyadwatch.duckdb).")]
EVENT_FORMATS = ("table", "jsonl", "csv")


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[red]error[/red] {message}", highlight=False)
    return typer.Exit(code)


def _check_choice(value: str, choices: tuple[str, ...], name: str) -> None:
    if value not in choices:
        raise _fail(Errors.E013.format(field=name, value=value, detail="choose one of " + ", ".join(choices)))


def _check_date(value: str | None) -> str | None:
    try:
        return readers.parse_date(value)
    except DyadwatchError as exc:
        raise _fail(str(exc)) from exc


def _items(paths: list[str], input_format: str, date: str | None) -> Iterator[readers.Item]:
    _check_choice(input_format, readers.INPUT_FORMATS, "--input-format")
    return readers.read(paths, input_format=input_format, default_date=_check_date(date))


def _announce(rejection: readers.Rejection) -> None:
    err.print(f"[yellow]skipped[/yellow] {rejection}", highlight=False, markup=True)


def _finish(report: batch.Report, verb: str) -> None:
    rejected = len(report.rejected)
    err.print(f"{verb} {report.read} article(s), {report.sentences} sentence(s), {report.events} event(s); "
              f"{rejected} input(s) rejected", highlight=False)
    if rejected:
        raise typer.Exit(1)


@app.command("code")
def code_cmd(paths: PathsArg, date: DateOpt = None, input_format: InputFormatOpt = "auto",
             fmt: Annotated[str, typer.Option("--format", help="jsonl or table.")] = "jsonl") -> None:
    """Code articles and print their events to standard output (nothing is stored)."""
    _check_choice(fmt, ("jsonl", "table"), "--format")
    report = batch.Report()
    events: list[Event] = []
    for coded in batch.code(_items(paths, input_format, date), report, _announce):
        if fmt == "jsonl":
            for event in coded.events:
                out.out(json.dumps(event.to_dict(), ensure_ascii=False), highlight=False)
        else:
            events.extend(coded.events)
    if fmt == "table":
        out.print(events_table(events))
    _finish(report, "coded")


@app.command()
def actors(paths: PathsArg, date: DateOpt = None, input_format: InputFormatOpt = "auto",
           fmt: Annotated[str, typer.Option("--format", help="jsonl or table.")] = "jsonl") -> None:
    """Resolve and print every actor mention (country, sector, entity, kind, role, coreference)."""
    _check_choice(fmt, ("jsonl", "table"), "--format")
    report = batch.Report()
    table = Table("sentence", "text", "code", "country", "sector", "kind", "name", "role", "coref")
    for coded in batch.code(_items(paths, input_format, date), report, _announce):
        for m in coded.mentions:
            if fmt == "jsonl":
                out.out(json.dumps(m.to_dict(), ensure_ascii=False), highlight=False)
            else:
                coref = coded.article.text[m.coref_of[0]:m.coref_of[1]] if m.coref_of else ""
                table.add_row(str(m.sentence_index), Text(m.text), m.code or "", m.country or "", m.sector or "",
                              m.kind, Text(m.name or ""), Text(m.role or ""), Text(coref))
    if fmt == "table":
        out.print(table)
    _finish(report, "read")


@app.command()
def persons(name: Annotated[str | None, typer.Argument(help="Part of a name, or a person entity id.")] = None,
            db: DbOpt = None) -> None:
    """People named in stored articles, with each role, its date and the sentence that gives it."""
    with Store(db or default_path(), read_only=True) as store:
        rows = store.persons(name)
    table = Table("name", "role", "country", "date", "sentence", title="persons")
    for row in rows:
        table.add_row(Text(row["name"]), Text(row["role"] or ""), row["country"] or "", row["date"] or "",
                      Text(row["text"]))
    out.print(table)


@app.command()
def ingest(paths: PathsArg, db: DbOpt = None, date: DateOpt = None, input_format: InputFormatOpt = "auto",
           batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles per transaction.")] = 32,
           ) -> None:
    """Code articles and store them; already stored articles are skipped (re-ingest is a no-op)."""
    items = _items(paths, input_format, date)
    total = _estimate(paths)
    report = batch.Report()
    columns = (TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("articles"),
               TextColumn("{task.fields[rate]:.0f} sentences/s"), TimeRemainingColumn())
    with Store(db or default_path()) as store, Progress(*columns, console=err, transient=False) as progress:
        task = progress.add_task("ingest", total=total, rate=0.0)
        start = progress.get_time()

        def advance(articles: int, sentences: int) -> None:
            elapsed = max(progress.get_time() - start, 1e-6)
            progress.update(task, advance=articles, rate=report.sentences / elapsed)

        batch.ingest(items, store, report, _announce, advance, batch_articles=batch_size)
        progress.update(task, total=report.read, completed=report.read)
    err.print(f"stored {report.stored} new article(s); {report.skipped_known} already in {store.path}",
              highlight=False)
    _finish(report, "read")


def _estimate(paths: list[str]) -> int | None:
    """How many articles the inputs hold, counted cheaply for the progress bar's ETA."""
    total = 0
    for raw in paths:
        if raw == "-":
            return None
        path = Path(raw)
        files = [p for p in path.rglob("*") if p.is_file() and readers._is_input(p)] if path.is_dir() else [path]
        for file in files:
            if file.suffix.lower() in readers.JSONL_SUFFIXES:
                with open(file, "rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            else:
                total += 1
    return total


@app.command()
def events(db: DbOpt = None,
           source: Annotated[str | None, typer.Option(help="Source country (ISO3) or actor code.")] = None,
           target: Annotated[str | None, typer.Option(help="Target country (ISO3) or actor code.")] = None,
           event_type: Annotated[str | None, typer.Option("--type", help="PLOVER event type.")] = None,
           since: Annotated[str | None, typer.Option(help="Events on or after this date.")] = None,
           until: Annotated[str | None, typer.Option(help="Events on or before this date.")] = None,
           limit: Annotated[int | None, typer.Option(min=1, help="At most this many events.")] = None,
           fmt: Annotated[str, typer.Option("--format", help="table, jsonl or csv.")] = "table") -> None:
    """List stored events, filtered."""
    _check_choice(fmt, EVENT_FORMATS, "--format")
    with Store(db or default_path(), read_only=True) as store:
        found = store.events(source=source, target=target, event_type=event_type, since=_check_date(since),
                             until=_check_date(until), limit=limit)
    if fmt == "jsonl":
        for event in found:
            out.out(json.dumps(event.to_dict(), ensure_ascii=False), highlight=False)
    elif fmt == "csv":
        write_csv(found)
    else:
        out.print(events_table(found))


@app.command()
def articles(db: DbOpt = None, limit: Annotated[int, typer.Option(min=1, help="At most this many.")] = 50,
             fmt: Annotated[str, typer.Option("--format", help="table or jsonl.")] = "table") -> None:
    """List stored articles with their sentence and event counts."""
    _check_choice(fmt, ("table", "jsonl"), "--format")
    with Store(db or default_path(), read_only=True) as store:
        rows = store.articles(limit=limit)
    if fmt == "jsonl":
        for row in rows:
            out.out(json.dumps(row, ensure_ascii=False), highlight=False)
        return
    table = Table("id", "date", "title", "sentences", "events")
    for row in rows:
        table.add_row(row["id"], row["date"] or "", Text(row["title"] or ""), str(row["sentences"]),
                      str(row["events"]))
    out.print(table)


@app.command()
def show(article_id: Annotated[str, typer.Argument(help="Article id (see `dyadwatch articles`).")],
         db: DbOpt = None) -> None:
    """Show an article with its events highlighted and the coded events under it."""
    with Store(db or default_path(), read_only=True) as store:
        try:
            article = store.article(article_id)
        except DyadwatchError as exc:
            raise _fail(str(exc), 1) from exc
        found = store.events(article_id=article_id)
    text = Text(article.text)
    for event in found:
        for actor, style in ((event.source, "bold cyan"), (event.target, "bold magenta")):
            if actor:
                text.stylize(style, *actor.span)
        if event.trigger:
            text.stylize("bold yellow underline", *event.trigger)
    out.print(Text(f"{article.title or article.id}  {article.date or ''}", style="bold"))
    out.print(text)
    out.print(events_table(found))


@app.command()
def dyads(db: DbOpt = None, top: Annotated[int, typer.Option("--top", min=1, help="How many pairs.")] = 10) -> None:
    """Summarize stored events per dyad (source country → target country)."""
    with Store(db or default_path(), read_only=True) as store:
        found = store.events()
    out.print(dyad_table(found, top))


def events_table(found: list[Event]) -> Table:
    table = Table("date", "type", "mode", "cameo", "gold.", "source", "target", "modality",
                  title=f"{len(found)} event(s)")
    table.add_column("sentence", max_width=90, overflow="ellipsis", no_wrap=True)
    for e in found:
        table.add_row(e.date or "", e.event_type, e.mode or "", e.cameo or "",
                      "" if e.goldstein is None else f"{e.goldstein:+.1f}",
                      Text(e.source.code or e.source.text if e.source else ""),
                      Text(e.target.code or e.target.text if e.target else ""), e.modality,
                      Text(e.sentence))
    return table


def dyad_table(found: list[Event], top: int) -> Table:
    summary: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for e in found:
        pair = (_dyad_side(e.source), _dyad_side(e.target))
        summary[pair].append(e)
    table = Table("source", "target", "events", "goldstein sum", "types", title="dyads")
    ranked = sorted(summary.items(), key=lambda kv: -len(kv[1]))[:top]
    for (src, tgt), evs in ranked:
        types = ", ".join(sorted({e.event_type for e in evs}))
        table.add_row(src, tgt, str(len(evs)), f"{sum(e.goldstein or 0 for e in evs):+.1f}", types)
    return table


def _dyad_side(actor: Actor | None) -> str:
    """A dyad is between countries; actors without one (IGOs, armed groups) stand by their code."""
    if actor is None:
        return "?"
    return actor.country or actor.code or actor.text


CSV_COLUMNS = ("id", "article_id", "sentence_index", "date", "date_precision", "event_type", "mode", "cameo",
               "goldstein", "quad_class", "source_code", "source_country", "target_code", "target_country",
               "modality", "confidence", "sentence")


def write_csv(found: list[Event]) -> None:
    writer = csv.writer(sys.stdout)
    writer.writerow(CSV_COLUMNS)
    for e in found:
        d = e.to_dict()
        d.update(source_code=e.source.code if e.source else None, source_country=e.source.country if e.source else None,
                 target_code=e.target.code if e.target else None, target_country=e.target.country if e.target else None)
        writer.writerow([d[c] for c in CSV_COLUMNS])


def main() -> None:
    app()

"""Command line: thin commands over the library (readers, batch, store).

Exit codes: 0 when every input was read and coded; 1 when any input or article was rejected (the
rest of the batch still ran and was stored); 2 for usage errors such as an unknown option value, and
for a store that cannot be opened (busy with another writer, or too old to upgrade here).
"""

from __future__ import annotations

import csv
import datetime
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from dyadwatch import batch, evaluate, indicators, readers
from dyadwatch import state as state_mod
from dyadwatch.errors import DyadwatchError, Errors
from dyadwatch.model import Event
from dyadwatch.pipeline import BUDGET_SECONDS, Pipeline
from dyadwatch.store import Store, default_path

app = typer.Typer(help="Code news text into PLOVER/CAMEO events and relation states.", no_args_is_help=True,
                  add_completion=False)
out = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 200)
err = Console(stderr=True, soft_wrap=True)

PathsArg = Annotated[list[str], typer.Argument(help="Files, folders (read recursively) or - for standard input.")]
DateOpt = Annotated[str | None, typer.Option("--date", help="Article date (YYYY-MM-DD) for inputs that give none.")]
InputFormatOpt = Annotated[str, typer.Option("--input-format", help="auto, text, jsonl or html.")]
DbOpt = Annotated[str | None, typer.Option("--db", help="DuckDB store (default: $DYADWATCH_DB or ./dyadwatch.duckdb).")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Print the traceback of each failed article to stderr.")]
BudgetOpt = Annotated[float, typer.Option("--budget", min=0, help="Seconds an article may take (as many again per "
                                          "100,000 characters); one that takes longer is rejected (E015).")]
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


def _traceback(debug: bool) -> batch.OnTraceback | None:
    return (lambda text: err.out(text, highlight=False)) if debug else None


def _finish(report: batch.Report, verb: str) -> None:
    rejected = len(report.rejected)
    ignored = f"; {len(report.ignored)} file(s) ignored as not input" if report.ignored else ""
    err.print(f"{verb} {report.read} article(s), {report.sentences} sentence(s), {report.events} event(s); "
              f"{rejected} input(s) rejected{ignored}", highlight=False)
    if rejected:
        raise typer.Exit(1)


@app.command("code")
def code_cmd(paths: PathsArg, date: DateOpt = None, input_format: InputFormatOpt = "auto",
             fmt: Annotated[str, typer.Option("--format", help="jsonl or table.")] = "jsonl",
             debug: DebugOpt = False, budget: BudgetOpt = BUDGET_SECONDS) -> None:
    """Code articles and print their events to standard output (nothing is stored)."""
    _check_choice(fmt, ("jsonl", "table"), "--format")
    report = batch.Report()
    events: list[Event] = []
    for coded in batch.code(_items(paths, input_format, date), report, _announce, pipeline=Pipeline(budget=budget),
                            on_traceback=_traceback(debug)):
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
           batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles per transaction "
                                                   "(with --workers or --scheduler: per partition).")] = 32,
           workers: Annotated[int | None, typer.Option("--workers", min=1, help="Code on a local Dask cluster of "
                                                        "N worker processes.")] = None,
           scheduler: Annotated[str | None, typer.Option("--scheduler", help="Code on an existing Dask cluster "
                                                         "(tcp://HOST:PORT).")] = None,
           debug: DebugOpt = False, budget: BudgetOpt = BUDGET_SECONDS) -> None:
    """Code articles and store them; already stored articles are skipped (re-ingest is a no-op)."""
    items = _items(paths, input_format, date)
    total = _estimate(paths)
    report = batch.Report()
    columns = (TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("articles"),
               TextColumn("{task.fields[rate]:.0f} sentences/s"), TimeRemainingColumn())
    try:
        store = Store(db or default_path())
    except DyadwatchError as exc:
        raise _fail(str(exc)) from exc
    with store, Progress(*columns, console=err, transient=False) as progress:
        task = progress.add_task("ingest", total=total, rate=0.0)
        start = progress.get_time()

        def advance(articles: int, sentences: int) -> None:
            elapsed = max(progress.get_time() - start, 1e-6)
            progress.update(task, advance=articles, rate=report.sentences / elapsed)

        if workers or scheduler:
            _ingest_distributed(items, store, report, advance, workers, scheduler, batch_size, debug)
        else:
            batch.ingest(items, store, report, _announce, advance, batch_articles=batch_size,
                         pipeline=Pipeline(budget=budget), on_traceback=_traceback(debug))
        progress.update(task, total=report.read, completed=report.read)
    err.print(f"stored {report.stored} new article(s); {report.skipped_known} already in {store.path}",
              highlight=False)
    _finish(report, "read")


def _ingest_distributed(items: Iterator[readers.Item], store: Store, report: batch.Report,
                        advance: batch.OnProgress, workers: int | None, scheduler: str | None, size: int,
                        debug: bool) -> None:
    """Dask is imported only here: the single-process path does not pay for it."""
    from dyadwatch import distributed

    try:
        with distributed.connect(workers, scheduler) as client:
            distributed.ingest(items, store, report, _announce, advance, client=client, partition_articles=size,
                               on_traceback=_traceback(debug))
    except DyadwatchError as exc:
        raise _fail(str(exc), 1) from exc


def _estimate(paths: list[str]) -> int | None:
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
def dyads(db: DbOpt = None, top: Annotated[int, typer.Option("--top", min=1, help="How many pairs.")] = 10,
          fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table") -> None:
    """The most active and the most hostile dyads (source → target; one event per deduplicated cluster)."""
    _check_choice(fmt, ("table", "json"), "--format")
    with Store(db or default_path(), read_only=True) as store:
        ranked = indicators.top_dyads(store, top)
    if fmt == "json":
        out.out(json.dumps(ranked, ensure_ascii=False), highlight=False)
        return
    for name, title in (("active", "most active dyads"), ("hostile", "most hostile dyads")):
        table = Table("source", "target", "events", "quad 1", "quad 2", "quad 3", "quad 4", "goldstein sum",
                      "goldstein mean", "mentions", title=title)
        for row in ranked[name]:
            table.add_row(row["source"], row["target"], *(str(row[k]) for k in ("events", "quad1", "quad2", "quad3",
                                                                                  "quad4")),
                          f"{row['goldstein_sum'] or 0:+.1f}", f"{row['goldstein_mean'] or 0:+.2f}",
                          str(row["mentions"]))
        out.print(table)


STATE_FORMATS = ("table", "json", "csv")


@app.command()
def state(db: DbOpt = None,
          at: Annotated[str | None, typer.Option("--at", help="Date (YYYY-MM-DD) the states hold on; default today.")]
          = None,
          actor: Annotated[str | None, typer.Option("--actor", help="Only relations of this actor (ISO3 or code).")]
          = None,
          relation: Annotated[str | None, typer.Option("--relation", help="Only this relation: "
                                                       + ", ".join(state_mod.RELATIONS) + ".")] = None,
          show_history: Annotated[bool, typer.Option("--history", help="Every interval of the relations of "
                                                     "--actor instead of the states on one date.")] = False,
          fmt: Annotated[str, typer.Option("--format", help="table, json or csv.")] = "table") -> None:
    """Relation states (embassies, ambassadors, troops, alliances, governments, ...) with their evidence."""
    _check_choice(fmt, STATE_FORMATS, "--format")
    if relation is not None:
        _check_choice(relation, state_mod.RELATIONS, "--relation")
    if show_history and not actor:
        raise _fail(Errors.E013.format(field="--history", value=True, detail="give --actor too"))
    day = _check_date(at) or datetime.date.today().isoformat()
    with Store(db or default_path(), read_only=True) as store:
        if show_history:
            found = state_mod.history(store, actor=actor or "", relation=relation)
        else:
            found = state_mod.states_at(store, day, actor=actor, relation=relation)
    rows = [s.to_dict() for s in found]
    if fmt == "json":
        out.out(json.dumps(rows, ensure_ascii=False, indent=1), highlight=False)
    elif fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(("relation", "holder", "other", "value", "valid_from", "valid_to", "conflicts", "evidence"))
        for row in rows:
            writer.writerow((row["relation"], row["holder"], _other_side(row), _cell(row["value"]), row["valid_from"],
                             row["valid_to"], len(row.get("conflicts", [])),
                             " | ".join(e["text"] for e in row["evidence"])))
    else:
        title = f"relation states of {actor.upper()}" if show_history and actor else f"relation states on {day}"
        table = Table("relation", "holder", "host / partner / members", "value", "from", "to", title=title)
        table.add_column("evidence", max_width=80, overflow="fold")
        for row in rows:
            value = _cell(row["value"]) + (f"  [{len(row['conflicts'])} conflicting report(s): "
                                           + "; ".join(_cell(c["value"]) for c in row["conflicts"]) + "]"
                                           if row.get("conflicts") else "")
            table.add_row(row["relation"], row["holder"] or "", _other_side(row), Text(value),
                          row["valid_from"] or "?", row["valid_to"] or "",
                          Text("\n".join(f"{e['text']} ({e['article_id'][:8]}#{e['sentence_index']})"
                                         for e in row["evidence"][:3])))
        out.print(table)


def _other_side(row: dict[str, object]) -> str:
    other = row.get("host") or row.get("partner") or row.get("members") or ""
    text = ", ".join(other) if isinstance(other, list) else str(other)
    return f"{text} ({row['partner_entity']})" if row.get("partner_entity") else text


def _cell(value: object) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}={'?' if v is None else v}" for k, v in value.items())
    return str(value)


@app.command()
def timeline(a: Annotated[str, typer.Argument(help="One actor (ISO3 or code).")],
             b: Annotated[str, typer.Argument(help="The other actor (ISO3 or code).")], db: DbOpt = None,
             fmt: Annotated[str, typer.Option("--format", help="table or jsonl.")] = "table") -> None:
    """Events and relation-state changes between two actors in date order, with their sources."""
    _check_choice(fmt, ("table", "jsonl"), "--format")
    with Store(db or default_path(), read_only=True) as store:
        rows = state_mod.timeline(store, a, b)
    if fmt == "jsonl":
        for row in rows:
            out.out(json.dumps(row, ensure_ascii=False), highlight=False)
        return
    table = Table("date", "what", "who", "mentions", title=f"timeline {a.upper()} – {b.upper()}")
    table.add_column("source sentence", max_width=90, overflow="fold")
    for row in rows:
        if row["kind"] == "event":
            what = f"{row['event_type']} {row['mode'] or ''} ({row['cameo']}, {row['goldstein']:+.1f})"
            who = f"{row['source']} → {row['target']}"
        else:
            what = f"{row['relation']}: {_cell(row['value'])}"
            who = f"{row['holder'] or ''} / {_other_side(row)}"
        table.add_row(row["date"] or "?", Text(what), who, str(row.get("mentions", len(row["sources"]))),
                      Text(row["sources"][0]["text"] if row["sources"] else ""))
    out.print(table)


@app.command()
def serve(db: DbOpt = None,
          host: Annotated[str, typer.Option(help="Address to bind; loopback by default.")] = "127.0.0.1",
          port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
          allow_ingest: Annotated[bool, typer.Option("--allow-ingest",
                                                     help="Accept POST /api/articles (needs --token); the "
                                                          "server is then the store's only writer.")] = False,
          token: Annotated[str | None, typer.Option(envvar="DYADWATCH_TOKEN",
                                                    help="Bearer token for POST /api/articles (visible in `ps`: "
                                                         "prefer $DYADWATCH_TOKEN or --token-file).")] = None,
          token_file: Annotated[Path | None, typer.Option("--token-file", help="Read the bearer token from this "
                                                          "file (its first line).")] = None) -> None:
    """Serve the web app and the JSON API over the store (read-only unless --allow-ingest)."""
    if token_file is not None:
        try:
            token = token_file.read_text(encoding="utf-8").strip().splitlines()[0].strip() or None
        except (OSError, UnicodeDecodeError, IndexError) as exc:
            raise _fail(Errors.E013.format(field="--token-file", value=str(token_file),
                                           detail="cannot read a token from it")) from exc
    if allow_ingest and not token:
        raise _fail("--allow-ingest needs --token, --token-file or $DYADWATCH_TOKEN")
    import uvicorn

    from dyadwatch.web import create_app

    path = db or default_path()
    try:
        web = create_app(path, allow_ingest=allow_ingest, token=token)
    except DyadwatchError as exc:
        raise _fail(str(exc)) from exc
    err.print(f"dyadwatch web app on http://{host}:{port}/ over {path}"
              f"{' (ingest over HTTP on)' if allow_ingest else ' (read-only)'}; Ctrl+C stops it", highlight=False)
    uvicorn.run(web, host=host, port=port, log_level="warning")


@app.command("import")
def import_cmd(kind: Annotated[str, typer.Argument(help="gdelt (1.0 or 2.0 event export), icews (coded event file) "
                                                        "or plover (POLECAT JSON Lines).")],
               paths: Annotated[list[str], typer.Argument(help="Files to import.")], db: DbOpt = None) -> None:
    """Import GDELT, ICEWS or POLECAT/PLOVER events into the store, keeping their origin; bad rows are reported."""
    from dyadwatch import formats

    _check_choice(kind, formats.IMPORT_KINDS, "KIND")
    rejected = 0
    with Store(db or default_path()) as store:
        for path in paths:
            try:
                report = formats.import_file(kind, path, store, _announce)
            except DyadwatchError as exc:
                err.print(f"[yellow]skipped[/yellow] {path}: {exc}", highlight=False)
                rejected += 1
                continue
            rejected += len(report.rejected)
            unmapped = f" ({report.unmapped_codes()})" if report.unmapped else ""
            err.print(f"{path}: {report.rows} row(s): {report.imported} imported, {report.known} already stored, "
                      f"{len(report.unmapped)} without a PLOVER type{unmapped}, {len(report.rejected)} rejected",
                      highlight=False)
    if rejected:
        raise typer.Exit(1)


@app.command()
def export(out_path: Annotated[str, typer.Argument(metavar="OUT", help="File to write.")], db: DbOpt = None,
           fmt: Annotated[str, typer.Option("--format", help="gdelt, icews, plover, parquet or csv.")] = "csv",
           source: Annotated[str | None, typer.Option(help="Source country (ISO3) or actor code.")] = None,
           target: Annotated[str | None, typer.Option(help="Target country (ISO3) or actor code.")] = None,
           event_type: Annotated[str | None, typer.Option("--type", help="PLOVER event type.")] = None,
           since: Annotated[str | None, typer.Option(help="Events on or after this date.")] = None,
           until: Annotated[str | None, typer.Option(help="Events on or before this date.")] = None) -> None:
    """Export stored events (ours and imported) as GDELT 2.0, ICEWS, POLECAT JSON Lines, Parquet or CSV."""
    from dyadwatch import formats

    _check_choice(fmt, formats.EXPORT_FORMATS, "--format")
    with Store(db or default_path(), read_only=True) as store:
        count = formats.export(store, fmt, out_path, source=source, target=target, event_type=event_type,
                               since=_check_date(since), until=_check_date(until))
    err.print(f"wrote {count} event(s) to {out_path} ({fmt})", highlight=False)


@app.command("eval")
def eval_cmd(shared: Annotated[Path, typer.Option(help="The shared/ folder holding seed/ and data/.")] = Path(
                 "../shared"),
             fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table") -> None:
    """Evaluation report: the seed article and the real-news gold set (news_dev) scored now, and the
    cross-validation recorded by `make train`."""
    _check_choice(fmt, ("table", "json"), "--format")
    gold = shared / "seed" / "niger-france-embassy.gold.json"
    if not gold.is_file():
        raise _fail(Errors.E013.format(field="--shared", value=str(shared), detail="no seed/ gold file there"))
    report = {"seed": evaluate.seed_report(gold, gold.with_name("niger-france-embassy.txt"))}
    news = shared / "data" / "gold" / "news_dev.jsonl"
    if news.is_file():
        from dyadwatch import eval_news

        report["news_dev"] = eval_news.news_report(news)
    report.update(evaluate.recorded_cv())
    if fmt == "json":
        out.out(json.dumps(report, indent=1, ensure_ascii=False), highlight=False)
        return
    for section, figures in report.items():
        table = Table("measure", "value", title=section.replace("_", " "))
        for key, value in figures.items():
            table.add_row(key, Text(json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value))
        out.print(table)


@app.command()
def bench(shared: Annotated[Path, typer.Option(help="The shared/ folder holding data/bbc.")] = Path("../shared"),
          articles: Annotated[int, typer.Option("-n", min=1, help="How many BBC articles.")] = 200) -> None:
    """Speed: the whole pipeline against spaCy's small model on the same BBC text, in the same run."""
    from dyadwatch import bench as bench_mod

    for line in bench_mod.run(bench_mod.bbc_articles(shared, n=articles)).lines():
        out.out(line, highlight=False)


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
    """Run the CLI; a coded error that reaches here (a busy or unusable store) is one line and exit 2."""
    try:
        app()
    except DyadwatchError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        sys.exit(2)

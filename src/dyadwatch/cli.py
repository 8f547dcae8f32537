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
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from dyadwatch import __version__, names
from dyadwatch.cli_examples import add_examples
from dyadwatch.cli_options import (
    DEFAULT_LIMIT,
    EVENT_FORMATS,
    BudgetOpt,
    CodedOnlyOpt,
    CodeMinConfidenceOpt,
    DateOpt,
    DbOpt,
    DebugOpt,
    HeadlinesOpt,
    InputFormatOpt,
    MinConfidenceOpt,
    OriginOpt,
    PathsArg,
    SinceOpt,
    SourceOpt,
    TargetOpt,
    TitleOpt,
    TypeOpt,
    UntilOpt,
    WorkersOpt,
    actor_code,
    announce,
    check_choice,
    check_date,
    check_origin,
    check_period,
    counting_undated,
    err,
    estimate,
    event_type_code,
    fail,
    finish,
    out,
    read_items,
    reader,
    traceback_printer,
)
from dyadwatch.errors import DyadwatchError, Errors
from dyadwatch.evaluation import evaluate
from dyadwatch.io import readers
from dyadwatch.io.readers import BUDGET_SECONDS
from dyadwatch.model import Event
from dyadwatch.store import Store, default_path, indicators
from dyadwatch.store import state as state_mod
from dyadwatch.tables import ProgressLines, code_cell, eval_tables, events_table, with_names, write_csv

if TYPE_CHECKING:  # the coding commands import these when they run: --help and queries load no model
    from dyadwatch import batch

app = typer.Typer(help="Code news text into PLOVER/CAMEO events and relation states.", no_args_is_help=True,
                  add_completion=False)
@app.command("code")
def code_cmd(paths: PathsArg, date: DateOpt = None, input_format: InputFormatOpt = "auto",
             fmt: Annotated[str, typer.Option("--format", help="jsonl or table.")] = "jsonl",
             db: Annotated[str | None, typer.Option("--db", help="Also resolve names against the people this "
                                                    "store has seen (read only).")] = None,
             workers: WorkersOpt = None, title_first_line: TitleOpt = None,
             code_headlines: HeadlinesOpt = False, debug: DebugOpt = False,
             budget: BudgetOpt = BUDGET_SECONDS, min_confidence: CodeMinConfidenceOpt = None) -> None:
    """Code articles and print their events to standard output (nothing is stored)."""
    from dyadwatch import batch
    from dyadwatch.parallel import PooledPipeline, cores
    from dyadwatch.stages import people

    check_choice(fmt, ("jsonl", "table"), "--format")
    report = batch.Report()
    events: list[Event] = []
    recorded = None
    if db is not None:
        with reader(db) as store:
            recorded = people.recorded(store.persons())
    with PooledPipeline(workers or cores(), recorded=recorded, code_headlines=code_headlines,
                        budget=budget, min_confidence=min_confidence) as pipeline:
        for coded in batch.code(read_items(paths, input_format, date, title_first_line), report, announce, pipeline,
                                on_traceback=traceback_printer(debug)):
            kept = [e for e in coded.events if min_confidence is None or e.confidence >= min_confidence]
            if fmt == "jsonl":
                for event in kept:
                    out.out(json.dumps(event.to_dict(), ensure_ascii=False), highlight=False)
            else:
                events.extend(kept)
    if fmt == "table":
        out.print(events_table(events, out.width))
    finish(report, "coded")


@app.command()
def actors(paths: PathsArg, date: DateOpt = None, input_format: InputFormatOpt = "auto",
           fmt: Annotated[str, typer.Option("--format", help="jsonl or table.")] = "jsonl") -> None:
    """Resolve and print every actor mention (country, sector, entity, kind, role, coreference)."""
    from dyadwatch import batch

    check_choice(fmt, ("jsonl", "table"), "--format")
    report = batch.Report()
    table = Table("sentence", "text", "code", "country", "sector", "kind", "name", "role", "coref")
    for coded in batch.code(read_items(paths, input_format, date), report, announce):
        for m in coded.mentions:
            if fmt == "jsonl":
                out.out(json.dumps(m.to_dict(), ensure_ascii=False), highlight=False)
            else:
                coref = coded.article.text[m.coref_of[0]:m.coref_of[1]] if m.coref_of else ""
                table.add_row(str(m.sentence_index), Text(m.text), m.code or "", m.country or "", m.sector or "",
                              m.kind, Text(m.name or ""), Text(m.role or ""), Text(coref))
    if fmt == "table":
        out.print(table)
    finish(report, "read")


@app.command()
def persons(name: Annotated[str | None, typer.Argument(help="Part of a name, or a person entity id.")] = None,
            db: DbOpt = None,
            limit: Annotated[int, typer.Option(min=0, help="At most this many rows (0: all).")] = DEFAULT_LIMIT,
            ) -> None:
    """People named in stored articles, with each role, its date and the sentence that gives it.

    Only names that read as a person's are listed (not "A", a bill, a council or a country)."""
    with reader(db) as store:
        rows = [row for row in store.persons(name) if names.looks_like_person(row["name"])]
    shown = rows[:limit] if limit else rows
    table = Table("name", "role", "country", "date", title="persons", title_justify="left")
    table.add_column("sentence", ratio=1, min_width=len("sentence"))
    for row in shown:
        table.add_row(Text(row["name"]), Text(row["role"] or ""), row["country"] or "", row["date"] or "",
                      Text(row["text"]))
    out.print(table)
    _shown(len(shown), len(rows))


@app.command()
def ingest(paths: PathsArg, db: DbOpt = None, date: DateOpt = None, input_format: InputFormatOpt = "auto",
           batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles per transaction "
                                                   "(with --scheduler: per partition).")] = 32,
           workers: WorkersOpt = None,
           scheduler: Annotated[str | None, typer.Option("--scheduler", help="Code on a Dask cluster: an existing "
                                                         "one (tcp://HOST:PORT), or `local` for a LocalCluster of "
                                                         "--workers processes.")] = None,
           title_first_line: TitleOpt = None, code_headlines: HeadlinesOpt = False,
           debug: DebugOpt = False, budget: BudgetOpt = BUDGET_SECONDS) -> None:
    """Code articles and store them; already stored articles are skipped (re-ingest is a no-op: to give a
    stored article another date, use `dyadwatch redate`)."""
    from dyadwatch import batch
    from dyadwatch.parallel import PooledPipeline, cores
    from dyadwatch.stages import people

    if code_headlines and scheduler:
        raise fail(Errors.E013.format(field="--code-headlines", value=True, detail="Dask workers code with the "
                                       "default pipeline; ingest without --scheduler to code headlines"))
    undated: list[str] = []
    items = counting_undated(read_items(paths, input_format, date, title_first_line), undated)
    total = estimate(paths)
    report = batch.Report()
    columns = (TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("articles"),
               TextColumn("{task.fields[rate]:.0f} sentences/s"), TimeRemainingColumn())
    plain = not err.is_terminal
    try:
        store = Store(db or default_path())
    except DyadwatchError as exc:
        raise fail(str(exc)) from exc
    with store, Progress(*columns, console=err, transient=False, disable=plain) as progress:
        task = progress.add_task("ingest", total=total, rate=0.0)
        start = progress.get_time()
        lines = ProgressLines(err, total) if plain else None

        def advance(articles: int, sentences: int) -> None:
            elapsed = max(progress.get_time() - start, 1e-6)
            progress.update(task, advance=articles, rate=report.sentences / elapsed)
            if lines is not None:
                lines.show(report, elapsed)

        if scheduler:
            _ingest_distributed(items, store, report, advance, scheduler, workers, batch_size, debug)
        else:
            recorded = people.recorded(store.persons())
            with PooledPipeline(workers or cores(), recorded=recorded, code_headlines=code_headlines,
                                budget=budget) as pipeline:
                batch.ingest(items, store, report, announce, advance, pipeline, batch_articles=batch_size,
                             on_traceback=traceback_printer(debug))
        progress.update(task, total=report.read, completed=report.read)
    err.print(f"stored {report.stored} new article(s); {report.skipped_known} already in {store.path}",
              highlight=False)
    if undated:
        err.print(f"[yellow]warning[/yellow] {len(undated)} article(s) have no date (e.g. {undated[0]}): their events "
                  "are dated only where the text gives a full date; give --date or a \"date\" field, or run "
                  "`dyadwatch redate ID --date YYYY-MM-DD`", highlight=False)
    finish(report, "read")


@app.command()
def redate(article_id: Annotated[str, typer.Argument(help="Article id (see `dyadwatch articles`).")],
           date: Annotated[str, typer.Option("--date", help="The article's date (YYYY-MM-DD).")], db: DbOpt = None,
           code_headlines: HeadlinesOpt = False) -> None:
    """Give a stored article a new date and re-code it, so its events' dates ("on Friday", "in July") are
    resolved again against the new date.

    Example: dyadwatch redate 7f3a9c1e2b4d5f60 --date 2023-12-22
    """
    from dyadwatch.pipeline import Pipeline
    from dyadwatch.stages import people

    day = check_date(date)
    with Store(db or default_path()) as store:
        try:
            article = store.article(article_id)
        except DyadwatchError as exc:
            raise fail(str(exc), 1) from exc
        before = article.date
        article.date = day
        recorded = people.recorded(store.persons())
        coded = Pipeline(recorded=recorded, code_headlines=code_headlines).code(article)
        store.replace(coded)
    err.print(f"redated {article_id}: {before or 'no date'} → {day}; {len(coded.events)} event(s) re-coded",
              highlight=False)


def _ingest_distributed(items: Iterator[readers.Item], store: Store, report: batch.Report,
                        advance: batch.OnProgress, scheduler: str, workers: int | None, size: int,
                        debug: bool) -> None:
    """Dask is imported only here: the single-process path does not pay for it."""
    from dyadwatch import distributed

    try:
        local = scheduler == "local"
        with distributed.connect(workers if local else None, None if local else scheduler) as client:
            distributed.ingest(items, store, report, announce, advance, client=client, partition_articles=size,
                               on_traceback=traceback_printer(debug))
    except DyadwatchError as exc:
        raise fail(str(exc), 1) from exc


@app.command()
def events(db: DbOpt = None,
           source: SourceOpt = None, target: TargetOpt = None, event_type: TypeOpt = None,
           since: SinceOpt = None, until: UntilOpt = None, origin: OriginOpt = None,
           coded_only: CodedOnlyOpt = False, min_confidence: MinConfidenceOpt = None,
           limit: Annotated[int | None, typer.Option(min=0, help=f"At most this many events (default: "
                                                     f"{DEFAULT_LIMIT} in a table, all in jsonl and csv; 0: all).")]
           = None,
           fmt: Annotated[str, typer.Option("--format", help="table, jsonl or csv.")] = "table") -> None:
    """List stored events, filtered; each actor code comes with its name (a name column in tables,
    `source_name`/`target_name` in JSON Lines and CSV)."""
    check_choice(fmt, EVENT_FORMATS, "--format")
    wanted = _limit(limit, fmt)
    with reader(db) as store:
        filters = {"source": actor_code(store, source, "--source"), "target": actor_code(store, target, "--target"),
                   "event_type": event_type_code(event_type), "since": check_period(since),
                   "until": check_period(until), "coded_only": coded_only, "origin": check_origin(origin),
                   "min_confidence": min_confidence}
        found = store.events(**filters, limit=wanted)  # type: ignore[arg-type]
        cut = wanted is not None and len(found) == wanted
        total = store.count_events(**filters) if cut else len(found)  # type: ignore[arg-type]
    if fmt == "jsonl":
        for event in found:
            out.out(json.dumps({**with_names(event), "origin": event.origin}, ensure_ascii=False), highlight=False)
    elif fmt == "csv":
        write_csv(found)
    else:
        out.print(events_table(found, out.width, origins=True))
    _shown(len(found), total)


def _limit(limit: int | None, fmt: str) -> int | None:
    """--limit as a SQL limit: None (all) for 0, the default in tables, all in machine formats."""
    if limit is None:
        return DEFAULT_LIMIT if fmt == "table" else None
    return limit or None


def _shown(shown: int, total: int) -> None:
    """The footer of a cut listing, on stderr so that piped output stays clean."""
    if shown < total:
        err.print(f"showing {shown} of {total}; --limit 0 for all", highlight=False)


@app.command()
def articles(db: DbOpt = None, limit: Annotated[int, typer.Option(min=1, help="At most this many.")] = 50,
             fmt: Annotated[str, typer.Option("--format", help="table or jsonl.")] = "table") -> None:
    """List stored articles with their sentence and event counts."""
    check_choice(fmt, ("table", "jsonl"), "--format")
    with reader(db) as store:
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
    with reader(db) as store:
        try:
            article = store.article(article_id)
        except DyadwatchError as exc:
            raise fail(str(exc), 1) from exc
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
    out.print(events_table(found, out.width))


@app.command()
def dyads(db: DbOpt = None, top: Annotated[int, typer.Option("--top", min=1, help="How many pairs.")] = 10,
          fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
          min_confidence: MinConfidenceOpt = None) -> None:
    """The most active and the most hostile dyads (source → target; one event per deduplicated cluster)."""
    check_choice(fmt, ("table", "json"), "--format")
    with reader(db) as store:
        ranked = indicators.top_dyads(store, top, min_confidence=min_confidence)
    for row in (row for rows in ranked.values() for row in rows):
        row.update(source_name=names.actor_name(row["source"]), target_name=names.actor_name(row["target"]))
    if fmt == "json":
        out.out(json.dumps(ranked, ensure_ascii=False), highlight=False)
        return
    for name, title in (("active", "most active dyads"), ("hostile", "most hostile dyads")):
        table = Table("source", "target", "events", "quad 1", "quad 2", "quad 3", "quad 4", "goldstein sum",
                      "goldstein mean", "mentions", "origin", title=title)
        for row in ranked[name]:
            table.add_row(code_cell(row["source"]), code_cell(row["target"]),
                          *(str(row[k]) for k in ("events", "quad1", "quad2", "quad3", "quad4")),
                          f"{row['goldstein_sum'] or 0:+.1f}", f"{row['goldstein_mean'] or 0:+.2f}",
                          str(row["mentions"]), row["origins"] or "")
        out.print(table)


STATE_FORMATS = ("table", "json", "csv")


@app.command()
def state(db: DbOpt = None,
          at: Annotated[str | None, typer.Option("--at", help="Date (YYYY-MM-DD) the states hold on; default today.")]
          = None,
          actor: Annotated[str | None, typer.Option("--actor", help="Only relations of this actor (a name, ISO3 "
                                                    "or code).")]
          = None,
          relation: Annotated[str | None, typer.Option("--relation", help="Only this relation: "
                                                       + ", ".join(state_mod.RELATIONS) + ".")] = None,
          show_history: Annotated[bool, typer.Option("--history", help="Every interval of the relations of "
                                                     "--actor instead of the states on one date.")] = False,
          stale_after: Annotated[int, typer.Option("--stale-after", min=0, help="A state holds at most this many "
                                                   "days past its latest evidence unless a later report confirms "
                                                   "it (0: no limit).")] = state_mod.STALE_AFTER,
          fmt: Annotated[str, typer.Option("--format", help="table, json or csv.")] = "table") -> None:
    """Relation states (embassies, ambassadors, troops, alliances, governments, ...) with their evidence,
    the date of the latest evidence and its age in days on the date asked for.

    Example: dyadwatch state --at 2023-12-22 --actor NER --stale-after 730
    """
    check_choice(fmt, STATE_FORMATS, "--format")
    if relation is not None:
        check_choice(relation, state_mod.RELATIONS, "--relation")
    if show_history and not actor:
        raise fail(Errors.E013.format(field="--history", value=True, detail="give --actor too"))
    day = check_date(at) or datetime.date.today().isoformat()
    with reader(db) as store:
        actor = actor_code(store, actor, "--actor")
        if show_history:
            found = state_mod.history(store, actor=actor or "", relation=relation)
        else:
            found = state_mod.states_at(store, day, actor=actor, relation=relation, stale_after=stale_after or None)
    rows = [s.to_dict() for s in found]
    if fmt == "json":
        out.out(json.dumps(rows, ensure_ascii=False, indent=1), highlight=False)
    elif fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(("relation", "holder", "other", "value", "valid_from", "valid_to", "evidence_date",
                         "age_days", "conflicts", "evidence"))
        for row in rows:
            writer.writerow((row["relation"], row["holder"], _other_side(row), _cell(row["value"]), row["valid_from"],
                             row["valid_to"], row["evidence_date"], row.get("age_days"), len(row.get("conflicts", [])),
                             " | ".join(e["text"] for e in row["evidence"])))
    else:
        title = f"relation states of {actor.upper()}" if show_history and actor else f"relation states on {day}"
        table = Table("relation", "holder", "host / partner / members", "value", "from", "to", "evidence of",
                      *([] if show_history else ["age (days)"]), title=title)
        table.add_column("evidence", max_width=80, overflow="fold")
        for row in rows:
            value = _cell(row["value"]) + (f"  [{len(row['conflicts'])} conflicting report(s): "
                                           + "; ".join(_cell(c["value"]) for c in row["conflicts"]) + "]"
                                           if row.get("conflicts") else "")
            table.add_row(row["relation"], row["holder"] or "", _other_side(row), Text(value),
                          row["valid_from"] or "?", row["valid_to"] or "", row["evidence_date"] or "?",
                          *([] if show_history else [_age(row.get("age_days"))]),
                          Text("\n".join(f"{e['text']} ({e['article_id'][:8]}#{e['sentence_index']})"
                                         for e in row["evidence"][:3])))
        out.print(table)


def _age(days: object) -> str:
    return "?" if days is None else str(days)


def _other_side(row: dict[str, object]) -> str:
    other = row.get("host") or row.get("partner") or row.get("members") or ""
    text = ", ".join(other) if isinstance(other, list) else str(other)
    return f"{text} ({row['partner_entity']})" if row.get("partner_entity") else text


def _cell(value: object) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}={'?' if v is None else v}" for k, v in value.items())
    return str(value)


@app.command()
def timeline(a: Annotated[str, typer.Argument(help="One actor (a name, ISO3 or code).")],
             b: Annotated[str, typer.Argument(help="The other actor (a name, ISO3 or code).")], db: DbOpt = None,
             fmt: Annotated[str, typer.Option("--format", help="table or jsonl.")] = "table",
             min_confidence: MinConfidenceOpt = None) -> None:
    """Events and relation-state changes between two actors in date order, with their sources."""
    check_choice(fmt, ("table", "jsonl"), "--format")
    with reader(db) as store:
        a, b = actor_code(store, a, "A") or a, actor_code(store, b, "B") or b
        rows = state_mod.timeline(store, a, b, min_confidence=min_confidence)
    if fmt == "jsonl":
        for row in rows:
            out.out(json.dumps(row, ensure_ascii=False), highlight=False)
        return
    table = Table("date", "what", "who", "mentions", title=f"timeline {a.upper()} – {b.upper()}")
    table.add_column("source sentence", max_width=90, overflow="fold")
    for row in rows:
        if row["kind"] == "event":
            gold = "" if row["goldstein"] is None else f", {row['goldstein']:+.1f}"
            what = f"{row['event_type'] or 'no PLOVER type'} {row['mode'] or ''} ({row['cameo']}{gold})"
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
            raise fail(Errors.E013.format(field="--token-file", value=str(token_file),
                                           detail="cannot read a token from it")) from exc
    if allow_ingest and not token:
        raise fail("--allow-ingest needs --token, --token-file or $DYADWATCH_TOKEN")
    import uvicorn

    from dyadwatch.web import create_app

    path = db or default_path()
    if not Path(path).exists():
        raise fail(Errors.E014.format(path=path))
    try:
        web = create_app(path, allow_ingest=allow_ingest, token=token)
    except DyadwatchError as exc:
        raise fail(str(exc)) from exc
    err.print(f"dyadwatch web app on http://{host}:{port}/ over {path}"
              f"{' (ingest over HTTP on)' if allow_ingest else ' (read-only)'}; Ctrl+C stops it", highlight=False)
    uvicorn.run(web, host=host, port=port, log_level="warning")


@app.command("import")
def import_cmd(kind: Annotated[str, typer.Argument(help="gdelt (1.0 or 2.0 event export), icews (coded event file), "
                                                        "plover (POLECAT JSON Lines), or csv / parquet (a "
                                                        "dyadwatch export).")],
               paths: Annotated[list[str], typer.Argument(help="Files to import.")], db: DbOpt = None) -> None:
    """Import GDELT, ICEWS or POLECAT/PLOVER events into the store, keeping their origin; bad rows are reported."""
    from dyadwatch.io import formats

    check_choice(kind, formats.IMPORT_KINDS, "KIND")
    rejected = 0
    with Store(db or default_path()) as store:
        for path in paths:
            try:
                report = formats.import_file(kind, path, store, announce)
            except DyadwatchError as exc:
                err.print(f"[yellow]skipped[/yellow] {path}: {exc}", highlight=False)
                rejected += 1
                continue
            rejected += len(report.rejected)
            unmapped = f" ({report.unmapped_codes()})" if report.unmapped else ""
            err.print(f"{path}: {report.rows} row(s): {report.imported} imported ({report.untyped} without a "
                      f"PLOVER type: CAMEO 01x statements), {report.known} already stored, {len(report.unmapped)} "
                      f"with an unknown CAMEO code{unmapped}, {len(report.rejected)} rejected", highlight=False)
    if rejected:
        raise typer.Exit(1)


@app.command()
def export(out_path: Annotated[str, typer.Argument(metavar="OUT", help="File to write; its name gives the format "
                                                   "unless --format does: .parquet, .csv, .jsonl (PLOVER), .tab "
                                                   "(ICEWS), .export.CSV (GDELT).")], db: DbOpt = None,
           fmt: Annotated[str | None, typer.Option("--format", help="gdelt, icews, plover, parquet or csv.")] = None,
           source: SourceOpt = None, target: TargetOpt = None, event_type: TypeOpt = None,
           since: SinceOpt = None, until: UntilOpt = None, origin: OriginOpt = None,
           coded_only: CodedOnlyOpt = False, min_confidence: MinConfidenceOpt = None) -> None:
    """Export stored events (ours and imported) as GDELT 2.0, ICEWS, POLECAT JSON Lines, Parquet or CSV."""
    from dyadwatch.io import formats

    if fmt is None:
        try:
            fmt = formats.format_of(out_path)
        except DyadwatchError as exc:
            raise fail(str(exc)) from exc
    check_choice(fmt, formats.EXPORT_FORMATS, "--format")
    with reader(db) as store:
        count = formats.export(store, fmt, out_path, source=actor_code(store, source, "--source"),
                               target=actor_code(store, target, "--target"), event_type=event_type_code(event_type),
                               since=check_period(since), until=check_period(until),
                               origin=check_origin(origin), coded_only=coded_only,
                               min_confidence=min_confidence)
    err.print(f"wrote {count} event(s) to {out_path} ({fmt})", highlight=False)


SharedOpt = Annotated[Path | None, typer.Option(help="The shared/ folder holding seed/ and data/ (default: "
                                                  "$DYADWATCH_SHARED, else ../shared beside the dyadwatch checkout).")]


def _shared(given: Path | None, needs: str) -> Path:
    try:
        return evaluate.find_shared(given, needs)
    except DyadwatchError as exc:
        raise fail(str(exc)) from exc


@app.command("eval")
def eval_cmd(shared: SharedOpt = None,
             fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table") -> None:
    """Evaluation report: the seed article and the real-news gold set (news_dev) scored now, and the
    cross-validation recorded by `make train`."""
    check_choice(fmt, ("table", "json"), "--format")
    shared = _shared(shared, "seed")
    gold = shared / "seed" / "niger-france-embassy.gold.json"
    if not gold.is_file():
        raise fail(Errors.E013.format(field="--shared", value=str(shared), detail="no seed/ gold file there"))
    report = {"seed": evaluate.seed_report(gold, gold.with_name("niger-france-embassy.txt"))}
    news = shared / "data" / "gold" / "news_dev.jsonl"
    if news.is_file():
        from dyadwatch.evaluation import eval_news

        report["news_dev"] = eval_news.news_report(news)
    report.update(evaluate.recorded_cv())
    if fmt == "json":
        out.out(json.dumps(report, indent=1, ensure_ascii=False), highlight=False)
        return
    for table in eval_tables(report):
        out.print(table)


@app.command()
def bench(shared: SharedOpt = None,
          articles: Annotated[int, typer.Option("-n", min=1, help="How many BBC articles.")] = 200,
          rounds: Annotated[int, typer.Option(min=1, help="Timings of each, taken in turn; the best is kept.")] = 3,
          ) -> None:
    """Speed: the whole pipeline against spaCy's small model on the same BBC text, in the same run."""
    from dyadwatch.evaluation import bench as bench_mod

    root = _shared(shared, "data/bbc")
    for line in bench_mod.run(bench_mod.bbc_articles(root, n=articles), root, rounds).lines():
        out.out(line, highlight=False)


def _version(value: bool) -> None:
    if value:
        out.out(f"dyadwatch {__version__}", highlight=False)
        raise typer.Exit()


@app.callback()
def _options(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                   help="Print the version and exit.")] = False) -> None:
    """Code news text into PLOVER/CAMEO events and relation states."""


add_examples(app)


def main() -> None:
    """Run the CLI; a coded error that reaches here (a busy or unusable store) is one line and exit 2."""
    try:
        app()
    except DyadwatchError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        sys.exit(2)

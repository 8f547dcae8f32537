"""The store: the one module that opens DuckDB, owns the schema and decides who may write.

DuckDB allows one read-write process or many read-only ones on a file. `ingest` opens the store
read-write for the length of the run; readers (`events`, `show`, `serve`) open it read-only, so any
number of them can share a file while no ingest is running. Each batch of articles is written in
one transaction, and an article whose id is already stored is skipped, so re-ingesting is a no-op
and a killed ingest resumes without loss or duplicates.

Opening waits up to `wait` seconds for a lock held by another process (a reader holds it for one
request), then says who holds it (E047). A reader that finds an older or half-migrated store
upgrades it first, or says in one line how to (E048). `validate` checks an article's rows before
they are written, so a transaction never fails half-way through an article for bad data.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dyadwatch import names, periods
from dyadwatch.errors import DyadwatchError, Errors
from dyadwatch.model import ActorMention, Article, CodedArticle, Event, Observation, Sentence
from dyadwatch.stages.dates import valid_value
from dyadwatch.store import dedup
from dyadwatch.store.rows import (
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    OBSERVATION_COLUMNS,
    PERSON_ROLE_COLUMNS,
    event_from_row,
    event_row,
    mention_from_row,
    mention_row,
    observation_row,
    person_rows,
    plain,
    unique_events,
    unique_mentions,
)
from dyadwatch.store.schema import MIGRATIONS, SCHEMA_VERSION

if TYPE_CHECKING:
    import duckdb

DEFAULT_DB = "dyadwatch.duckdb"
# What made a stored event: our coder, or an import of GDELT, ICEWS or POLECAT/PLOVER rows.
ORIGINS = ("coded", "gdelt", "icews", "plover")
WAIT_SECONDS = 10.0


@dataclass(slots=True, frozen=True)
class Part:
    """A Parquet part file written by a Dask worker: its id (a hash of its article ids) and counts."""

    id: str
    path: str
    articles: int
    sentences: int
    events: int


@dataclass(slots=True, frozen=True)
class SourceRecord:
    """An imported event's row as read from its source file, kept for a faithful export."""

    origin: str
    record_id: str | None
    url: str | None
    record: dict[str, Any]


def writer_waiting(path: str) -> Path:
    """The file in which a writer waiting for the store's lock leaves its PID (see `Store._connect`)."""
    return Path(f"{path}.writer-waiting")


def a_writer_waits(path: str) -> bool:
    """Whether a live process other than this one waits to write the store at `path`."""
    try:
        pid = int(writer_waiting(path).read_text(encoding="utf-8").strip() or 0)
    except (FileNotFoundError, ValueError):
        return False
    if pid in (0, os.getpid()):
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def default_path() -> str:
    """The store path: `DYADWATCH_DB` when set, else ./dyadwatch.duckdb."""
    return os.environ.get("DYADWATCH_DB") or DEFAULT_DB


class Store:
    """A dyadwatch store in one DuckDB file (or in memory with `:memory:`)."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False,
                 wait: float = WAIT_SECONDS) -> None:
        self.path = str(path or default_path())
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise DyadwatchError(Errors.E014, path=self.path)
        self.read_only = read_only and self.path != ":memory:"
        self.con = self._connect(wait)
        if self.read_only:
            self._check_version()
            applied = self._applied()
            if {version for version, _ in MIGRATIONS} - applied:
                self.con.close()
                self._upgrade(wait, applied)
                self.con = self._connect(wait)
        else:
            self._migrate()

    def _connect(self, wait: float) -> duckdb.DuckDBPyConnection:
        """Connect, waiting up to `wait` seconds while another process holds the lock (E047 after that).

        A writer that has to wait says so in `writer_waiting(path)` (its PID), so that a busy read-only
        server stops opening the file and leaves it a gap (`web.access`): readers that never pause all
        at once would otherwise hold the lock for ever. DuckDB is imported on the first connection, so
        that commands that open no store (`--help`) do not load it."""
        import duckdb

        deadline = time.monotonic() + wait
        flag = None
        try:
            while True:
                try:
                    return duckdb.connect(self.path, read_only=self.read_only)
                except duckdb.IOException as exc:
                    message = str(exc)
                    if "lock" not in message.lower():
                        raise DyadwatchError(Errors.E006, detail=" ".join(message.split())[:300]) from exc
                    if time.monotonic() >= deadline:
                        pid = re.search(r"PID (\d+)", message)
                        raise DyadwatchError(Errors.E047, path=self.path,
                                             pid=pid.group(1) if pid else "unknown") from exc
                if flag is None and not self.read_only and self.path != ":memory:":
                    flag = writer_waiting(self.path)
                    flag.write_text(str(os.getpid()), encoding="utf-8")
                time.sleep(0.1)
        finally:
            if flag is not None:
                flag.unlink(missing_ok=True)

    def _upgrade(self, wait: float, applied: set[int]) -> None:
        """A read-only open of an older or half-migrated store: migrate it read-write once, or say how (E048)."""
        try:
            Store(self.path, wait=wait).close()
        except DyadwatchError as exc:
            if exc.code == "E047":
                raise
            raise DyadwatchError(Errors.E048, path=self.path, found=max(applied, default=0),
                                 known=SCHEMA_VERSION, detail=str(exc)) from exc

    def _applied(self) -> set[int]:
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
        ).fetchone()
        if not exists or not exists[0]:
            return set()
        return {int(row[0]) for row in self.con.execute("SELECT version FROM schema_migrations").fetchall()}

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def schema_version(self) -> int:
        return max(self._applied(), default=0)

    def _check_version(self) -> None:
        found = self.schema_version()
        if found > SCHEMA_VERSION:
            raise DyadwatchError(Errors.E011, path=self.path, found=found, known=SCHEMA_VERSION)

    def _migrate(self) -> None:
        self._check_version()
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
            "applied_at TIMESTAMP DEFAULT current_timestamp)"
        )
        # Applied versions, not the highest one: a store migrated while a lower-numbered migration was
        # still being written (4 landed before 3) gets the missing one on its next open.
        applied = self._applied()
        for version, sql in sorted(MIGRATIONS):
            if version in applied:
                continue
            with self._transaction():
                self.con.execute(sql)
                self.con.execute("INSERT INTO schema_migrations (version) VALUES (?)", [version])

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """All or nothing: commit when the block ends, roll back and re-raise when it fails."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    # writing

    def _present(self, table: str, ids: Iterable[str]) -> set[str]:
        """Which of these ids the table already holds (`table` is one of ours, never user input)."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return set()
        rows = self.con.execute(f"SELECT id FROM {table} WHERE id IN (SELECT unnest(?))", [wanted]).fetchall()
        return {r[0] for r in rows}

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these article ids are already stored."""
        return self._present("articles", ids)

    @staticmethod
    def validate(coded: CodedArticle) -> None:
        """Check what the database would refuse or what would corrupt the store, before any row is written:
        dates (E046) and offsets into the article text (E013)."""
        article = coded.article
        dates = [("article date", article.date)]
        dates += [("event date", e.date) for e in coded.events]
        dates += [("observation date", o.date) for o in coded.observations]
        for what, value in dates:
            if value is not None and not valid_value(value):
                raise DyadwatchError(Errors.E046, article_id=article.id, what=what, value=value)
        size = len(article.text)
        spans = [s_.start for s_ in coded.sentences] + [s_.end for s_ in coded.sentences]
        spans += [x for e in coded.events for x in e.span] + [x for m in coded.mentions for x in m.span]
        if any(not 0 <= x <= size for x in spans):
            raise DyadwatchError(Errors.E013, field="span", value=article.id, detail="an offset lies outside the text")

    def write(self, batch: Sequence[CodedArticle], *, part: Part | None = None) -> int:
        """Write a batch in one transaction; articles already stored are left as they are.

        With `part`, the Parquet part file the batch came from is recorded in the same transaction
        (dyadwatch.distributed), so a part is either loaded and recorded, or neither.
        """
        fresh: dict[str, CodedArticle] = {}
        for coded in batch:
            fresh.setdefault(coded.article.id, coded)
        for known in self.known_ids(fresh):
            del fresh[known]
        if not fresh and part is None:
            return 0
        items = list(fresh.values())
        with self._transaction():
            if part is not None:
                self.con.execute("INSERT INTO parts (id, path, articles, sentences, events) VALUES (?, ?, ?, ?, ?)",
                                 [part.id, part.path, part.articles, part.sentences, part.events])
            if not items:
                return 0
            self._insert(items)
        return len(items)

    def replace(self, coded: CodedArticle) -> None:
        """Swap a stored article for a new coding of it (a new date: `dyadwatch redate`), in one transaction.

        Its sentences, mentions, events, person roles and observations go; a cluster whose representative
        was one of its events is taken over by the cluster's earliest remaining member, so other articles'
        mentions keep counting once; then the new coding is written and clustered as at ingest.
        """
        article_id = coded.article.id
        with self._transaction():
            rows = self.con.execute("SELECT id FROM events WHERE article_id = ?", [article_id]).fetchall()
            gone = [r[0] for r in rows]
            self.con.execute("DELETE FROM event_clusters WHERE event_id IN (SELECT unnest(?))", [gone])
            self.con.execute(
                "UPDATE event_clusters SET cluster_id = n.keeper FROM (SELECT cluster_id AS old, "
                "min(event_id) AS keeper FROM event_clusters WHERE cluster_id IN (SELECT unnest(?)) GROUP BY 1) n "
                "WHERE event_clusters.cluster_id = n.old", [gone])
            for table in ("events", "sentences", "actor_mentions", "person_roles", "observations"):
                self.con.execute(f"DELETE FROM {table} WHERE article_id = ?", [article_id])
            self.con.execute("DELETE FROM articles WHERE id = ?", [article_id])
            self._insert([coded])

    def _insert(self, items: list[CodedArticle]) -> None:
        """Insert new articles with everything coded from them (inside the caller's transaction)."""
        if items:
            self.con.executemany(
                "INSERT INTO articles (id, date, title, source, url, origin, text) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [[c.article.id, c.article.date, c.article.title, c.article.source, c.article.url,
                  c.article.origin, c.article.text] for c in items])
            self._insert_rows("sentences", ["article_id", "sentence_index", "start_char", "end_char", "text"],
                              [[s.article_id, s.index, s.start, s.end, s.text] for c in items for s in c.sentences])
            self._insert_rows("actor_mentions", MENTION_COLUMNS,
                              [mention_row(m) for c in items for m in unique_mentions(c.mentions)])
            self._insert_rows("events", EVENT_COLUMNS,
                              [event_row(e) for c in items for e in unique_events(c.events)])
            self._insert_rows("person_roles", PERSON_ROLE_COLUMNS, [row for c in items for row in person_rows(c)])
            self._insert_rows("observations", OBSERVATION_COLUMNS,
                              [observation_row(o) for c in items for o in c.observations])
            self._cluster([e for c in items for e in unique_events(c.events)])

    def _insert_rows(self, table: str, columns: list[str], rows: list[list[Any]]) -> None:
        if not rows:
            return
        # Through Arrow: DuckDB's executemany costs about a millisecond a row, which made writing a batch
        # cost ~40% of coding it (issue 8). Rows that Arrow cannot type take the executemany path. Arrow
        # is imported here, by writers only: read commands start faster without it.
        import pyarrow as pa

        try:
            frame = pa.table({name: [row[i] for row in rows] for i, name in enumerate(columns)})  # noqa: F841
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            placeholders = ", ".join("?" for _ in columns)
            self.con.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})", rows)
            return
        # DuckDB reads the local `frame` by name (a replacement scan): nothing to register or clean up.
        self.con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT * FROM frame")

    # reading

    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("articles", "sentences", "actor_mentions", "events"):
            row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(row[0]) if row else 0
        return out

    def article(self, article_id: str) -> Article:
        row = self.con.execute(
            "SELECT id, text, CAST(date AS VARCHAR), title, source, url, origin FROM articles WHERE id = ?",
            [article_id]).fetchone()
        if row is None:
            raise DyadwatchError(Errors.E012, article_id=article_id)
        return Article(id=row[0], text=row[1], date=row[2], title=row[3], source=row[4], url=row[5], origin=row[6])

    def articles(self, *, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        rows = self.con.execute(
            "SELECT a.id, CAST(a.date AS VARCHAR), a.title, a.source, a.origin, "
            "(SELECT count(*) FROM sentences s WHERE s.article_id = a.id), "
            "(SELECT count(*) FROM events e WHERE e.article_id = a.id) "
            "FROM articles a ORDER BY a.date NULLS LAST, a.id LIMIT ? OFFSET ?", [limit, offset]).fetchall()
        keys = ("id", "date", "title", "source", "origin", "sentences", "events")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def events(self, *, source: str | None = None, target: str | None = None, event_type: str | None = None,
               since: str | None = None, until: str | None = None, article_id: str | None = None,
               coded_only: bool = False, origin: str | None = None, min_confidence: float | None = None,
               limit: int | None = None) -> list[Event]:
        """Events matching all given filters; `source`/`target` match a country or a full actor code.

        `since` and `until` are YYYY, YYYY-MM or YYYY-MM-DD; an event matches when its whole period lies
        between the first day of `since` and the last day of `until` (dyadwatch.periods). `coded_only`
        keeps events whose source and target both carry an actor code; `min_confidence` those whose
        confidence is at least that (imported events carry none, so none of them).
        """
        where, params = _event_filters(source, target, event_type, since, until, article_id, coded_only, origin,
                                       min_confidence)
        sql = "SELECT data, trigger_start, trigger_end, origin FROM events" + where
        sql += " ORDER BY date NULLS LAST, article_id, sentence_index, start_char, id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [event_from_row(r) for r in self.con.execute(sql, params).fetchall()]

    def count_events(self, *, source: str | None = None, target: str | None = None, event_type: str | None = None,
                     since: str | None = None, until: str | None = None, coded_only: bool = False,
                     origin: str | None = None, min_confidence: float | None = None) -> int:
        """How many events `events` returns for the same filters without a limit (for "50 of N")."""
        where, params = _event_filters(source, target, event_type, since, until, None, coded_only, origin,
                                       min_confidence)
        row = self.con.execute("SELECT count(*) FROM events" + where, params).fetchone()
        return int(row[0]) if row else 0

    def actor_codes(self) -> set[str]:
        """Every actor code and country the events and relation states hold, for checking filters."""
        rows = self.con.execute(
            "SELECT DISTINCT unnest([source_code, source_country, target_code, target_country]) FROM events "
            "UNION SELECT DISTINCT unnest([holder, host, partner]) FROM observations").fetchall()
        return {r[0] for r in rows if r[0]}

    def mentions(self, article_id: str) -> list[ActorMention]:
        rows = self.con.execute(
            f"SELECT {', '.join(MENTION_COLUMNS)} FROM actor_mentions WHERE article_id = ? ORDER BY start_char",
            [article_id]).fetchall()
        return [mention_from_row(r) for r in rows]

    def persons(self, name: str | None = None) -> list[dict[str, Any]]:
        """People seen across articles, each role with its date and the sentence that gives it."""
        sql = (f"SELECT {', '.join(PERSON_ROLE_COLUMNS[:5])}, CAST(date AS VARCHAR), article_id, sentence_index, "
               "text FROM person_roles")
        params: list[Any] = []
        if name:
            sql += " WHERE name ILIKE ? OR entity = ?"
            params += [f"%{name}%", name]
        rows = self.con.execute(sql + " ORDER BY name, date NULLS LAST", params).fetchall()
        keys = ("entity", "name", "role", "country", "sector", "date", "article_id", "sentence_index", "text")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    # distributed parts and imported events (issue 8)

    def done_parts(self, ids: Iterable[str]) -> set[str]:
        """Which of these part ids were already loaded (dyadwatch.distributed skips them on a rerun)."""
        return self._present("parts", ids)

    def known_events(self, ids: Iterable[str]) -> set[str]:
        """Which of these event ids are already stored (a re-import skips them)."""
        return self._present("events", ids)

    def write_imported(self, items: Sequence[tuple[Event, SourceRecord]]) -> int:
        """Store imported events with their source rows in one transaction; known event ids are skipped."""
        fresh = {event.id: (event, record) for event, record in items}
        for known in self.known_events(fresh):
            del fresh[known]
        if not fresh:
            return 0
        with self._transaction():
            self._insert_rows("events", [*EVENT_COLUMNS, "origin"],
                              [[*event_row(e), e.origin or r.origin] for e, r in fresh.values()])
            self._insert_rows("event_records", ["event_id", "origin", "record_id", "url", "record"],
                              [[e.id, r.origin, r.record_id, r.url, json.dumps(r.record, ensure_ascii=False)]
                               for e, r in fresh.values()])
        return len(fresh)

    def provenance(self, event_ids: Iterable[str]) -> dict[str, tuple[str, str | None, SourceRecord | None]]:
        """Event id → (origin, article or source URL, imported source row or None), for exports."""
        wanted = list(dict.fromkeys(event_ids))
        if not wanted:
            return {}
        rows = self.con.execute(
            "SELECT e.id, coalesce(e.origin, 'coded'), coalesce(r.url, a.url), r.origin, r.record_id, r.record "
            "FROM events e LEFT JOIN event_records r ON r.event_id = e.id LEFT JOIN articles a ON a.id = e.article_id "
            "WHERE e.id IN (SELECT unnest(?))", [wanted]).fetchall()
        return {r[0]: (r[1], r[2], SourceRecord(r[3], r[4], r[2], json.loads(r[5])) if r[5] is not None else None)
                for r in rows}

    # relation states, clusters and dyad indicators (issue 6)

    def _cluster(self, events: list[Event]) -> None:
        """Put each new event in the cluster of an earlier mention of the same real event, or its own."""
        if not events:
            return
        stored: list[dedup.Mention] = []
        span = dedup.window(events)
        if span is not None:
            rows = self.con.execute(
                "SELECT e.data, c.cluster_id FROM events e JOIN event_clusters c ON c.event_id = e.id "
                "WHERE e.event_type IN (SELECT unnest(?)) AND e.date BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)",
                [sorted({e.event_type for e in events}), *span]).fetchall()
            stored = [dedup.mention(Event.from_dict(json.loads(r[0])), r[1]) for r in rows]
        assigned = dedup.assign(events, stored)
        self._insert_rows("event_clusters", ["event_id", "cluster_id"], [[k, v] for k, v in assigned.items()])

    def observations(self, *, relation: str | None = None, actor: str | None = None) -> list[Observation]:
        """Stored observations of relation states, oldest first; `actor` matches any side."""
        where, params = [], []
        if relation:
            where.append("relation = ?")
            params.append(relation)
        if actor:
            where.append("(holder = ? OR host = ? OR partner = ? OR list_contains(string_split(members, ','), ?))")
            params += [actor.upper()] * 4
        sql = "SELECT data FROM observations" + (" WHERE " + " AND ".join(where) if where else "")
        rows = self.con.execute(sql + " ORDER BY date NULLS FIRST, article_id, sentence_index", params).fetchall()
        return [Observation.from_dict(json.loads(r[0])) for r in rows]

    def clustered_events(self, *, source: str | None = None, target: str | None = None) -> list[tuple[str, Event]]:
        """(cluster id, event) for stored events, grouped by cluster and in date order."""
        sql = ("SELECT coalesce(c.cluster_id, e.id), e.data FROM events e LEFT JOIN event_clusters c "
               "ON c.event_id = e.id")
        where, params = _dyad_filters(source, target, table="e.")
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = self.con.execute(sql + " ORDER BY e.date NULLS LAST, 1, e.article_id, e.sentence_index", params)
        return [(r[0], Event.from_dict(json.loads(r[1]))) for r in rows.fetchall()]

    def dyad_periods(self, a: str, b: str, *, freq: str = "month", directed: bool = False) -> list[dict[str, Any]]:
        """Rows of the dyad_day/week/month view for the pair, both directions unless `directed`."""
        if freq not in ("day", "week", "month"):
            raise DyadwatchError(Errors.E013, field="freq", value=freq, detail="choose day, week or month")
        pairs = [(a.upper(), b.upper())] + ([] if directed else [(b.upper(), a.upper())])
        where = " OR ".join("(source = ? AND target = ?)" for _ in pairs)
        rows = self.con.execute(
            f"SELECT CAST(period AS VARCHAR), sum(events), sum(quad1), sum(quad2), sum(quad3), sum(quad4), "
            f"sum(goldstein_sum), sum(goldstein_sum) / sum(events), sum(mentions) FROM dyad_{freq} "
            f"WHERE ({where}) AND period IS NOT NULL GROUP BY period ORDER BY period",
            [x for p in pairs for x in p]).fetchall()
        keys = ("period", "events", "quad1", "quad2", "quad3", "quad4", "goldstein_sum", "goldstein_mean", "mentions")
        return [dict(zip(keys, plain(r), strict=True)) for r in rows]

    def dyad_totals(self, *, order: str, limit: int, international: bool = True,
                    min_confidence: float | None = None) -> list[dict[str, Any]]:
        """Dyads over all time, ranked by `order` ("active": most events; "hostile": lowest Goldstein sum),
        counting only events whose confidence is at least `min_confidence` when it is given."""
        ranking = {"active": "events DESC, goldstein_sum", "hostile": "goldstein_sum ASC, events DESC"}[order]
        where = "WHERE source IS NOT NULL AND target IS NOT NULL"
        params: list[Any] = []
        if international:
            where += " AND source <> target"
        if min_confidence is not None:
            where += " AND confidence >= ?"
            params.append(min_confidence)
        rows = self.con.execute(
            f"SELECT source, target, count(*) AS events, count(*) FILTER (WHERE quad_class = 1), "
            f"count(*) FILTER (WHERE quad_class = 2), count(*) FILTER (WHERE quad_class = 3), "
            f"count(*) FILTER (WHERE quad_class = 4), sum(goldstein) AS goldstein_sum, avg(goldstein), sum(mentions), "
            f"string_agg(DISTINCT origin, ',' ORDER BY origin) "
            f"FROM dyad_events {where} GROUP BY source, target ORDER BY {ranking}, source, target LIMIT ?",
            [*params, limit]).fetchall()
        keys = ("source", "target", "events", "quad1", "quad2", "quad3", "quad4", "goldstein_sum", "goldstein_mean",
                "mentions", "origins")
        return [dict(zip(keys, plain(r), strict=True)) for r in rows]

    def iter_sentences(self, article_id: str) -> Iterator[Sentence]:
        rows = self.con.execute(
            "SELECT article_id, sentence_index, start_char, end_char, text FROM sentences "
            "WHERE article_id = ? ORDER BY sentence_index", [article_id]).fetchall()
        for r in rows:
            yield Sentence(*r)


def _event_filters(source: str | None, target: str | None, event_type: str | None, since: str | None,
                   until: str | None, article_id: str | None, coded_only: bool,
                   origin: str | None = None, min_confidence: float | None = None) -> tuple[str, list[Any]]:
    """The WHERE clause (with its leading " WHERE ", or empty) and parameters of an event query."""
    where, params = _dyad_filters(source, target)
    if event_type:
        where.append("event_type = ?")
        params.append(event_type.upper())
    if since:
        where.append("date >= CAST(? AS DATE)")
        params.append(periods.filter_start(since))
    if until:
        where.append("date_end <= CAST(? AS DATE)")
        params.append(periods.filter_end(until))
    if article_id:
        where.append("article_id = ?")
        params.append(article_id)
    if coded_only:
        where.append("source_code IS NOT NULL AND target_code IS NOT NULL")
    if origin:
        where.append("origin = ?")
        params.append(origin)
    if min_confidence is not None:
        where.append("confidence >= ?")
        params.append(min_confidence)
    return (" WHERE " + " AND ".join(where) if where else ""), params


def _dyad_filters(source: str | None, target: str | None, *, table: str = "") -> tuple[list[str], list[Any]]:
    """SQL conditions for a source and a target side: each matches a country or a full actor code, and an
    organization's code also matches actors stored under its name (ICEWS codes the EU as plain IGO)."""
    where: list[str] = []
    params: list[Any] = []
    for column, value in (("source", source), ("target", target)):
        if value:
            code = value.upper()
            organization = names.organization_names().get(code)
            by_name = f" OR lower({table}{column}_name) = ?" if organization else ""
            where.append(f"({table}{column}_country = ? OR {table}{column}_code = ?{by_name})")
            params += [code, code] + ([organization.lower()] if organization else [])
    return where, params

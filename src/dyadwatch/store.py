"""The store: the one module that opens DuckDB, owns the schema and decides who may write.

DuckDB allows one read-write process or many read-only ones on a file. `ingest` opens the store
read-write for the length of the run; readers (`events`, `show`, `serve`) open it read-only, so any
number of them can share a file while no ingest is running. Each batch of articles is written in
one transaction, and an article whose id is already stored is skipped, so re-ingesting is a no-op
and a killed ingest resumes without loss or duplicates.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import duckdb

from dyadwatch.errors import DyadwatchError, Errors
from dyadwatch.model import ActorMention, Article, CodedArticle, Event, Sentence

DEFAULT_DB = "dyadwatch.duckdb"

MIGRATIONS: list[tuple[int, str]] = [
    (1, """
    CREATE TABLE articles (
        id VARCHAR PRIMARY KEY, date DATE, title VARCHAR, source VARCHAR, url VARCHAR,
        origin VARCHAR, text VARCHAR NOT NULL, ingested_at TIMESTAMP DEFAULT current_timestamp);
    CREATE TABLE sentences (
        article_id VARCHAR NOT NULL, sentence_index INTEGER NOT NULL, start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL, text VARCHAR NOT NULL, PRIMARY KEY (article_id, sentence_index));
    CREATE TABLE actor_mentions (
        article_id VARCHAR NOT NULL, sentence_index INTEGER NOT NULL, start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL, text VARCHAR NOT NULL, code VARCHAR, country VARCHAR, sector VARCHAR,
        name VARCHAR, entity VARCHAR, kind VARCHAR, role VARCHAR, coref_start INTEGER, coref_end INTEGER,
        PRIMARY KEY (article_id, start_char, end_char));
    CREATE TABLE events (
        id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, sentence_index INTEGER NOT NULL,
        start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, trigger_start INTEGER, trigger_end INTEGER,
        event_type VARCHAR NOT NULL, mode VARCHAR, cameo VARCHAR, goldstein DOUBLE, quad_class INTEGER,
        source_code VARCHAR, source_country VARCHAR, source_name VARCHAR,
        target_code VARCHAR, target_country VARCHAR, target_name VARCHAR,
        date DATE, date_precision VARCHAR, modality VARCHAR, confidence DOUBLE,
        data JSON NOT NULL);
    CREATE INDEX events_article ON events (article_id);
    """),
    (2, """
    ALTER TABLE events ADD COLUMN origin VARCHAR DEFAULT 'dyadwatch';
    CREATE TABLE person_roles (
        entity VARCHAR NOT NULL, name VARCHAR NOT NULL, role VARCHAR, country VARCHAR, sector VARCHAR,
        article_id VARCHAR NOT NULL, sentence_index INTEGER NOT NULL, date DATE, text VARCHAR NOT NULL,
        PRIMARY KEY (entity, article_id, sentence_index));
    """),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]


def default_path() -> str:
    """The store path: `DYADWATCH_DB` when set, else ./dyadwatch.duckdb."""
    return os.environ.get("DYADWATCH_DB") or DEFAULT_DB


class Store:
    """A dyadwatch store in one DuckDB file (or in memory with `:memory:`)."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = str(path or default_path())
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            Store(self.path).close()
        self.read_only = read_only and self.path != ":memory:"
        self.con = duckdb.connect(self.path, read_only=self.read_only)
        if self.read_only:
            self._check_version()
        else:
            self._migrate()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def schema_version(self) -> int:
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
        ).fetchone()
        if not exists or not exists[0]:
            return 0
        row = self.con.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0) if row else 0

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
        current = self.schema_version()
        for version, sql in MIGRATIONS:
            if version <= current:
                continue
            self.con.execute("BEGIN TRANSACTION")
            self.con.execute(sql)
            self.con.execute("INSERT INTO schema_migrations (version) VALUES (?)", [version])
            self.con.execute("COMMIT")

    # writing

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these article ids are already stored."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return set()
        rows = self.con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [wanted]).fetchall()
        return {r[0] for r in rows}

    def write(self, batch: Sequence[CodedArticle]) -> int:
        """Write a batch in one transaction; articles already stored are left as they are."""
        fresh: dict[str, CodedArticle] = {}
        for coded in batch:
            fresh.setdefault(coded.article.id, coded)
        for known in self.known_ids(fresh):
            del fresh[known]
        if not fresh:
            return 0
        items = list(fresh.values())
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.executemany(
                "INSERT INTO articles (id, date, title, source, url, origin, text) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [[c.article.id, c.article.date, c.article.title, c.article.source, c.article.url,
                  c.article.origin, c.article.text] for c in items])
            self._insert_rows("sentences", ["article_id", "sentence_index", "start_char", "end_char", "text"],
                              [[s.article_id, s.index, s.start, s.end, s.text] for c in items for s in c.sentences])
            self._insert_rows("actor_mentions", MENTION_COLUMNS,
                              [_mention_row(m) for c in items for m in _unique_mentions(c.mentions)])
            self._insert_rows("events", EVENT_COLUMNS,
                              [_event_row(e) for c in items for e in _unique_events(c.events)])
            self._insert_rows("person_roles", PERSON_ROLE_COLUMNS, [row for c in items for row in _person_rows(c)])
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        return len(items)

    def _insert_rows(self, table: str, columns: list[str], rows: list[list[Any]]) -> None:
        if not rows:
            return
        placeholders = ", ".join("?" for _ in columns)
        self.con.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})", rows)

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
               limit: int | None = None) -> list[Event]:
        """Events matching all given filters; `source`/`target` match a country or a full actor code."""
        where, params = [], []
        for column, value in (("source", source), ("target", target)):
            if value:
                where.append(f"({column}_country = ? OR {column}_code = ?)")
                params += [value.upper(), value.upper()]
        if event_type:
            where.append("event_type = ?")
            params.append(event_type.upper())
        if since:
            where.append("date >= CAST(? AS DATE)")
            params.append(since)
        if until:
            where.append("date <= CAST(? AS DATE)")
            params.append(until)
        if article_id:
            where.append("article_id = ?")
            params.append(article_id)
        sql = "SELECT data, trigger_start, trigger_end FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY date NULLS LAST, article_id, sentence_index, start_char"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [_event_from_row(r) for r in self.con.execute(sql, params).fetchall()]

    def mentions(self, article_id: str) -> list[ActorMention]:
        rows = self.con.execute(
            f"SELECT {', '.join(MENTION_COLUMNS)} FROM actor_mentions WHERE article_id = ? ORDER BY start_char",
            [article_id]).fetchall()
        return [_mention_from_row(r) for r in rows]

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

    def iter_sentences(self, article_id: str) -> Iterator[Sentence]:
        rows = self.con.execute(
            "SELECT article_id, sentence_index, start_char, end_char, text FROM sentences "
            "WHERE article_id = ? ORDER BY sentence_index", [article_id]).fetchall()
        for r in rows:
            yield Sentence(*r)


MENTION_COLUMNS = ["article_id", "sentence_index", "start_char", "end_char", "text", "code", "country", "sector",
                   "name", "entity", "kind", "role", "coref_start", "coref_end"]
EVENT_COLUMNS = ["id", "article_id", "sentence_index", "start_char", "end_char", "trigger_start", "trigger_end",
                 "event_type", "mode", "cameo", "goldstein", "quad_class", "source_code", "source_country",
                 "source_name", "target_code", "target_country", "target_name", "date", "date_precision",
                 "modality", "confidence", "data"]


PERSON_ROLE_COLUMNS = ["entity", "name", "role", "country", "sector", "article_id", "sentence_index", "date", "text"]


def _person_rows(coded: CodedArticle) -> list[list[Any]]:
    """One row per person and sentence where the article names them, keeping the role it gives."""
    rows: dict[tuple[str, int], list[Any]] = {}
    for m in coded.mentions:
        if m.kind != "person" or not m.entity:
            continue
        key = (m.entity, m.sentence_index)
        if key not in rows or (m.role and not rows[key][2]):
            sentence = coded.sentences[m.sentence_index].text if m.sentence_index < len(coded.sentences) else m.text
            rows[key] = [m.entity, m.name or m.text, m.role, m.country, m.sector, coded.article.id,
                         m.sentence_index, coded.article.date, sentence]
    return list(rows.values())


def _unique_mentions(mentions: list[ActorMention]) -> list[ActorMention]:
    return list({(m.span[0], m.span[1]): m for m in mentions}.values())


def _unique_events(events: list[Event]) -> list[Event]:
    return list({e.id: e for e in events}.values())


def _mention_row(m: ActorMention) -> list[Any]:
    coref = m.coref_of or (None, None)
    return [m.article_id, m.sentence_index, m.span[0], m.span[1], m.text, m.code, m.country, m.sector, m.name,
            m.entity, m.kind, m.role, coref[0], coref[1]]


def _mention_from_row(r: Sequence[Any]) -> ActorMention:
    return ActorMention(article_id=r[0], sentence_index=r[1], span=(r[2], r[3]), text=r[4], code=r[5], country=r[6],
                        sector=r[7], name=r[8], entity=r[9], kind=r[10], role=r[11],
                        coref_of=(r[12], r[13]) if r[12] is not None else None)


def _event_row(e: Event) -> list[Any]:
    trigger = e.trigger or (None, None)
    date = _pad_date(e.date) if e.date else None
    return [e.id, e.article_id, e.sentence_index, e.span[0], e.span[1], trigger[0], trigger[1], e.event_type,
            e.mode, e.cameo, e.goldstein, e.quad_class,
            e.source.code if e.source else None, e.source.country if e.source else None,
            e.source.name if e.source else None,
            e.target.code if e.target else None, e.target.country if e.target else None,
            e.target.name if e.target else None,
            date, e.date_precision, e.modality, e.confidence, json.dumps(e.to_dict(), ensure_ascii=False)]


def _pad_date(date: str) -> str:
    """A month or year date is stored at its first day for sorting; `data` keeps the real precision."""
    return {4: date + "-01-01", 7: date + "-01"}.get(len(date), date)


def _event_from_row(r: Sequence[Any]) -> Event:
    event = Event.from_dict(json.loads(r[0]))
    if r[1] is not None:
        event.trigger = (r[1], r[2])
    return event

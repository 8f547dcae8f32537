"""Read-only queries behind the web pages and their JSON twins.

Every function takes an open `Store` and plain, already validated values and returns plain data
(dicts and lists) that the API returns as JSON and the templates render. SQL is parameterized; the
only names spliced into SQL text come from the fixed table `SORTS` in this module.
"""

from __future__ import annotations

import itertools
import json
from typing import Any

from dyadwatch import names, periods
from dyadwatch.store import Store

# A dyad is between countries; actors without one (IGOs, armed groups) stand by their code.
SOURCE_SIDE = "coalesce(source_country, source_code)"
TARGET_SIDE = "coalesce(target_country, target_code)"
SORTS = {"date": "date", "type": "event_type", "goldstein": "goldstein", "quad_class": "quad_class",
         "source": SOURCE_SIDE, "target": TARGET_SIDE, "confidence": "confidence", "cameo": "cameo"}
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def like(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, with its own wildcards taken literally (ESCAPE '\\')."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _rows(store: Store, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = store.con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _scalar(store: Store, sql: str, params: list[Any] | None = None) -> Any:
    row = store.con.execute(sql, params or []).fetchone()
    return row[0] if row else None


def _event(data: str, trigger_start: int | None, trigger_end: int | None, origin: str | None) -> dict[str, Any]:
    """An event's JSON (GUIDE.md) with its trigger span, its origin (imported events have no article to
    link to) and the readable names of its actor codes."""
    event = json.loads(data)
    event["trigger"] = [trigger_start, trigger_end] if trigger_start is not None else None
    event["origin"] = origin or "coded"
    for side in ("source", "target"):
        event[f"{side}_name"] = names.actor_name((event.get(side) or {}).get("code"))
    return event


# dashboard


def dashboard(store: Store, *, latest: int = 10) -> dict[str, Any]:
    counts = store.counts()
    counts["dyads"] = int(_scalar(store, f"SELECT count(DISTINCT ({SOURCE_SIDE}, {TARGET_SIDE})) FROM events") or 0)
    first, last = store.con.execute("SELECT CAST(min(date) AS VARCHAR), CAST(max(date) AS VARCHAR) FROM events"
                                    ).fetchone() or (None, None)
    rows = store.con.execute(
        "SELECT data, trigger_start, trigger_end, origin FROM events "
        "ORDER BY date DESC NULLS LAST, article_id, sentence_index, start_char LIMIT ?", [latest]).fetchall()
    types = _rows(store, "SELECT event_type, count(*) AS events FROM events WHERE event_type IS NOT NULL "
                  "GROUP BY 1 ORDER BY 2 DESC, 1", [])
    quads = _rows(store, "SELECT quad_class, count(*) AS events FROM events WHERE quad_class IS NOT NULL "
                         "GROUP BY 1 ORDER BY 1", [])
    return {"counts": counts, "first_date": first, "last_date": last, "latest_events": [_event(*r) for r in rows],
            "event_types": types, "quad_classes": quads}


def activity(store: Store) -> dict[str, Any]:
    """Events per week by quad class (per month over more than five years, per year over more than 25).

    Only events dated to the day (or by their article) count: a month- or year-precision date would
    pile its events into the first week of the period; `coarse` says how many are left out.
    """
    dated = "date IS NOT NULL AND coalesce(date_precision, 'day') NOT IN ('month', 'year')"
    first, last, coarse = store.con.execute(
        f"SELECT min(date), max(date), count(*) FILTER (WHERE date IS NOT NULL AND NOT ({dated})) FROM events"
    ).fetchone() or (None, None, 0)
    if first is None or last is None:
        return {"freq": "week", "periods": [], "coarse": int(coarse or 0)}
    span = (last - first).days
    freq = "week" if span <= 5 * 366 else "month" if span <= 25 * 366 else "year"
    periods = _rows(store,
                    f"SELECT CAST(CAST(date_trunc('{freq}', date) AS DATE) AS VARCHAR) AS period, count(*) AS events, "
                    + ", ".join(f"count(*) FILTER (WHERE quad_class = {q}) AS quad{q}" for q in (1, 2, 3, 4))
                    + f" FROM events WHERE {dated} GROUP BY 1 ORDER BY 1", [])
    return {"freq": freq, "periods": periods, "coarse": int(coarse or 0)}


# articles


def articles(store: Store, *, q: str | None, limit: int, offset: int) -> dict[str, Any]:
    where, params = "", []
    if q:
        where = "WHERE a.title ILIKE ? ESCAPE '\\' OR a.text ILIKE ? ESCAPE '\\' OR a.id = ?"
        params = [like(q), like(q), q]
    total = _scalar(store, f"SELECT count(*) FROM articles a {where}", params)
    items = _rows(store,
                  "SELECT a.id, CAST(a.date AS VARCHAR) AS date, a.title, a.source, a.url, "
                  "left(a.text, 240) AS excerpt, "
                  "(SELECT count(*) FROM sentences s WHERE s.article_id = a.id) AS sentences, "
                  "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events "
                  f"FROM articles a {where} ORDER BY a.date DESC NULLS LAST, a.id LIMIT ? OFFSET ?",
                  [*params, limit, offset])
    return {"q": q, "total": total, "limit": limit, "offset": offset, "articles": items}


def article(store: Store, article_id: str) -> dict[str, Any]:
    """The article, its sentences, mentions and events, and the text cut into highlight segments."""
    found = store.article(article_id)  # raises E012 when missing
    events = [_event(*r) for r in store.con.execute(
        "SELECT data, trigger_start, trigger_end, origin FROM events WHERE article_id = ? "
        "ORDER BY sentence_index, start_char", [article_id]).fetchall()]
    mentions = [m.to_dict() for m in store.mentions(article_id)]
    sentences = [s.to_dict() for s in store.iter_sentences(article_id)]
    return {"article": found.to_dict(), "sentences": sentences, "mentions": mentions, "events": events,
            "segments": segments(found.text, events, mentions, sentences)}


def segments(text: str, events: list[dict[str, Any]], mentions: list[dict[str, Any]],
             sentences: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Cut the text at every highlight boundary; each piece lists its marks and the events it belongs to.

    Marks: `trigger`, `source` and `target` of an event, `actor` for any resolved mention. Pieces are
    plain text: the template escapes them, so no stored string is ever written into HTML as markup.
    """
    spans: list[tuple[int, int, str, int | None]] = []
    for m in mentions:
        spans.append((m["span"][0], m["span"][1], "actor", None))
    for number, e in enumerate(events):
        if e.get("trigger"):
            spans.append((e["trigger"][0], e["trigger"][1], "trigger", number))
        for role in ("source", "target"):
            if e.get(role):
                spans.append((e[role]["span"][0], e[role]["span"][1], role, number))
    starts = {s["start"]: s["index"] for s in sentences}
    cuts = sorted({0, len(text), *starts, *(max(0, min(len(text), p)) for s in spans for p in s[:2])})
    pieces = []
    for start, end in itertools.pairwise(cuts):
        covering = [s for s in spans if s[0] <= start and end <= s[1]]
        marks = sorted({s[2] for s in covering})
        numbers = sorted({s[3] for s in covering if s[3] is not None})
        pieces.append({"start": start, "end": end, "text": text[start:end], "marks": marks,
                       "events": [events[n]["id"] for n in numbers], "sentence_start": starts.get(start)})
    return pieces


# events


def event_filters(store: Store, f: dict[str, Any]) -> tuple[str, list[Any]]:
    where, params = [], []
    for column, side in (("source", SOURCE_SIDE), ("target", TARGET_SIDE)):
        if f.get(column):
            organization = names.organization_names().get(f[column])
            by_name = f" OR lower({column}_name) = ?" if organization else ""
            where.append(f"({side} = ? OR {column}_code = ?{by_name})")
            params += [f[column], f[column]] + ([organization.lower()] if organization else [])
    if f.get("country"):
        where.append(f"({SOURCE_SIDE} = ? OR {TARGET_SIDE} = ?)")
        params += [f["country"], f["country"]]
    if f.get("dyad"):
        a, b = f["dyad"]
        where.append(f"(({SOURCE_SIDE} = ? AND {TARGET_SIDE} = ?) OR ({SOURCE_SIDE} = ? AND {TARGET_SIDE} = ?))")
        params += [a, b, b, a]
    for key, sql in (("type", "event_type = ?"), ("quad_class", "quad_class = ?"), ("article_id", "article_id = ?"),
                     ("modality", "modality = ?"), ("origin", "origin = ?")):
        if f.get(key) is not None:
            where.append(sql)
            params.append(f[key])
    if f.get("coded_only"):
        where.append("source_code IS NOT NULL AND target_code IS NOT NULL")
    if f.get("min_confidence") is not None:
        where.append("confidence >= ?")
        params.append(f["min_confidence"])
    # An event matches a date range when its whole period (a day, month or year) lies inside it.
    if f.get("since"):
        where.append("date >= CAST(? AS DATE)")
        params.append(periods.filter_start(f["since"]))
    if f.get("until"):
        where.append("date_end <= CAST(? AS DATE)")
        params.append(periods.filter_end(f["until"]))
    if f.get("text"):
        where.append("json_extract_string(data, '$.sentence') ILIKE ? ESCAPE '\\'")
        params.append(like(f["text"]))
    return (" WHERE " + " AND ".join(where)) if where else "", params


def events(store: Store, filters: dict[str, Any], *, sort: str, order: str, limit: int,
           offset: int) -> dict[str, Any]:
    where, params = event_filters(store, filters)
    direction = "DESC" if order == "desc" else "ASC"
    total = _scalar(store, f"SELECT count(*) FROM events{where}", params)
    rows = store.con.execute(
        f"SELECT data, trigger_start, trigger_end, origin FROM events{where} "
        f"ORDER BY {SORTS[sort]} {direction} NULLS LAST, date, article_id, sentence_index, start_char "
        "LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
    return {"filters": filters, "sort": sort, "order": order, "total": total, "limit": limit, "offset": offset,
            "events": [_event(*r) for r in rows]}


# actors


def actors(store: Store, *, q: str | None, kind: str | None, limit: int, offset: int) -> dict[str, Any]:
    """Codes with their most frequent mention text as name, and the country the code itself carries.

    A code's country is its first three letters when its mentions resolve to that country (FRAMIL →
    FRA); a code that carries none (IGOEEC, GOV) has none, whatever country a mention was given. `q`
    picks codes with any matching mention; the counts are over all their mentions.
    """
    where, params = ["code IS NOT NULL"], []
    if q:
        where.append("code IN (SELECT code FROM actor_mentions WHERE name ILIKE ? ESCAPE '\\' "
                     "OR text ILIKE ? ESCAPE '\\' OR code = ? OR country = ?)")
        params += [like(q), like(q), q.upper(), q.upper()]
    if kind:
        where.append("kind = ?")
        params.append(kind)
    clause = " AND ".join(where)
    base = (f"WITH m AS (SELECT * FROM actor_mentions WHERE {clause}), "
            "t AS (SELECT code, text, count(*) AS n FROM m GROUP BY 1, 2), "
            "top AS (SELECT code, first(text ORDER BY n DESC, length(text), text) AS name FROM t GROUP BY 1) "
            "SELECT code, CASE WHEN bool_or(country = left(code, 3)) THEN left(code, 3) END AS country, "
            "mode(sector) AS sector, any_value(top.name) AS name, mode(kind) AS kind, count(*) AS mentions, "
            "count(DISTINCT article_id) AS articles FROM m JOIN top USING (code) GROUP BY code")
    total = _scalar(store, f"SELECT count(*) FROM ({base})", params)
    items = _rows(store,
                  f"WITH a AS ({base}), "
                  "s AS (SELECT source_code AS code, count(*) AS n FROM events GROUP BY 1), "
                  "g AS (SELECT target_code AS code, count(*) AS n FROM events GROUP BY 1) "
                  "SELECT a.*, coalesce(s.n, 0) AS events_as_source, coalesce(g.n, 0) AS events_as_target "
                  "FROM a LEFT JOIN s USING (code) LEFT JOIN g USING (code) "
                  "ORDER BY a.mentions DESC, a.code LIMIT ? OFFSET ?", [*params, limit, offset])
    return {"q": q, "kind": kind, "total": total, "limit": limit, "offset": offset, "actors": items}


# network


def state_side(role: str) -> str:
    """The country of a state actor: a code that is or starts with its country (FRA, FRAMIL); else NULL."""
    return f"CASE WHEN starts_with({role}_code, {role}_country) THEN {role}_country END"


def network(store: Store, *, since: str | None, until: str | None, scope: str, actor: str | None,
            min_events: int, top: int, max_nodes: int) -> dict[str, Any]:
    """The `top` heaviest directed dyads (by events) as edges, their sides as nodes.

    With scope "states" a side is a state actor's country and sector-only or organization codes (GOV,
    IGOEEC) are left out; with "all" a side is the country, else the code. `actor` keeps the dyads it is
    a side of (as country or full code); `min_events` drops lighter edges.
    """
    where, params = event_filters(store, {"since": since, "until": until})
    extra = " AND " if where else " WHERE "
    if scope == "states":
        source, target = state_side("source"), state_side("target")
    else:
        source, target = SOURCE_SIDE, TARGET_SIDE
    keep = ["src IS NOT NULL", "tgt IS NOT NULL", "src <> tgt"]
    wanted: list[Any] = []
    if actor:
        keep.append("(src = ? OR tgt = ? OR source_code = ? OR target_code = ?)")
        wanted = [actor] * 4
    dyads = (f"SELECT src AS source, tgt AS target, count(*) AS events, round(sum(goldstein), 1) AS goldstein_sum, "
             "count(*) FILTER (WHERE quad_class <= 2) AS cooperation, "
             "count(*) FILTER (WHERE quad_class >= 3) AS conflict "
             f"FROM (SELECT {source} AS src, {target} AS tgt, * FROM events{where}{extra}"
             "source_code IS NOT NULL AND target_code IS NOT NULL) "
             f"WHERE {' AND '.join(keep)} GROUP BY 1, 2 HAVING count(*) >= ?")
    arguments = [*params, *wanted, min_events]
    total = int(_scalar(store, f"SELECT count(*) FROM ({dyads})", arguments) or 0)
    edges = _rows(store, f"{dyads} ORDER BY events DESC, 1, 2 LIMIT ?", [*arguments, top])
    degree: dict[str, int] = {}
    for e in edges:
        for side in (e["source"], e["target"]):
            degree[side] = degree.get(side, 0) + e["events"]
    kept = set(sorted(degree, key=lambda k: (-degree[k], k))[:max_nodes])
    edges = [e for e in edges if e["source"] in kept and e["target"] in kept]
    for e in edges:
        e["tone"] = "conflict" if e["conflict"] > e["cooperation"] else "cooperation"
    nodes = [{"id": k, "events": degree[k]} for k in sorted(kept, key=lambda k: (-degree[k], k))]
    return {"since": since, "until": until, "scope": scope, "actor": actor, "min_events": min_events, "top": top,
            "dyads": total, "nodes": nodes, "edges": edges}


# map


def map_points(store: Store, *, since: str | None, until: str | None, event_type: str | None) -> dict[str, Any]:
    """Event locations: points where the coder found coordinates, and event counts per country located."""
    where, params = event_filters(store, {"since": since, "until": until, "type": event_type})
    extra = " AND " if where else " WHERE "
    def loc(field: str) -> str:
        return f"json_extract_string(data, '$.location.{field}')"

    points = _rows(store,
                   f"SELECT {loc('name')} AS name, {loc('country')} AS country, "
                   f"CAST({loc('lat')} AS DOUBLE) AS lat, CAST({loc('lon')} AS DOUBLE) AS lon, "
                   "count(*) AS events, count(*) FILTER (WHERE quad_class >= 3) AS conflict "
                   f"FROM events{where}{extra}{loc('name')} IS NOT NULL GROUP BY 1, 2, 3, 4 "
                   "ORDER BY events DESC, name", params)
    countries = _rows(store,
                      f"SELECT {loc('country')} AS country, count(*) AS events FROM events{where}{extra}"
                      f"{loc('country')} IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1", params)
    return {"since": since, "until": until, "type": event_type, "points": points, "countries": countries}


# dyads


def dyad_events(store: Store, a: str, b: str) -> list[dict[str, Any]]:
    where, params = event_filters(store, {"dyad": (a, b)})
    rows = store.con.execute(f"SELECT data, trigger_start, trigger_end, origin FROM events{where} "
                             "ORDER BY date NULLS LAST, article_id, sentence_index, start_char, id", params).fetchall()
    return [_event(*r) for r in rows]

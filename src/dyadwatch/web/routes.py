"""Routes: each data function answers its `/api/…` path as JSON and, through `_page`, its HTML page.

One function feeds both twins, so a page never shows anything its JSON twin does not return. Query
parameters arrive as strings and are checked in `params` (400 on anything invalid, never a 500).
"""

from __future__ import annotations

import functools
import hmac
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Header, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field, ValidationError

from dyadwatch import batch
from dyadwatch.errors import DyadwatchError
from dyadwatch.io import readers
from dyadwatch.model import Article
from dyadwatch.store import Store
from dyadwatch.web import charts, params, queries, relations, timecharts
from dyadwatch.web.app import NAV, describe
from dyadwatch.web.problems import WebError, WebErrors

api = APIRouter(prefix="/api")
pages = APIRouter(include_in_schema=False)
Q = Annotated[str | None, Query()]
MAX_POST_ARTICLES = 100
LOG = logging.getLogger("dyadwatch.web")


@contextmanager
def reading(request: Request) -> Iterator[Store]:
    with request.app.state.access.reader() as store:
        yield store


def _page(fn: Callable[..., dict[str, Any]], template: str,
          decorate: Callable[[dict[str, Any]], dict[str, Any]] | None = None) -> Callable[..., HTMLResponse]:
    """The HTML twin of a data function: same parameters, same data, rendered with `template`."""

    @functools.wraps(fn)
    def page(**kwargs: Any) -> HTMLResponse:
        request: Request = kwargs["request"]
        data = fn(**kwargs)
        extra = decorate(data) if decorate else {}
        path = request.url.path
        twin = "/api/dashboard" if path == "/" else "/api" + path
        if request.url.query:
            twin += "?" + request.url.query

        def link(**changes: Any) -> str:
            query = {k: v for k, v in request.query_params.items() if v}
            query.update({k: v for k, v in changes.items() if v is not None})
            for k in [k for k, v in changes.items() if v is None]:
                query.pop(k, None)
            return path + ("?" + urlencode(query) if query else "")

        env = request.app.state.templates
        html = env.get_template(template).render(request=request, data=data, nav=NAV, twin=twin, link=link, **extra)
        return HTMLResponse(html)

    return page


def twin(page_path: str, api_path: str, template: str, summary: str,
         decorate: Callable[[dict[str, Any]], dict[str, Any]] | None = None) -> Callable[..., Any]:
    def register(fn: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
        api.add_api_route(api_path, fn, methods=["GET"], summary=summary,
                          description=(fn.__doc__ or "") + f"\n\nHTML page: `{page_path}`.")
        pages.add_api_route(page_path, _page(fn, template, decorate), methods=["GET"], response_class=HTMLResponse)
        return fn

    return register


# dashboard


def _activity_picture(data: dict[str, Any]) -> dict[str, Any]:
    return {"activity": timecharts.weekly_chart(data["activity"]["periods"], data["activity"]["freq"])}


@twin("/", "/dashboard", "dashboard.html", "Counts, events per week, latest events, most active and most hostile dyads",
      decorate=_activity_picture)
def dashboard(request: Request) -> dict[str, Any]:
    """Store counts, the date range, events per week by quad class, the latest events, event types, and the
    top dyads."""
    with reading(request) as store:
        data = queries.dashboard(store)
        data["activity"] = queries.activity(store)
        try:
            data["top_dyads"] = relations.top_dyads(store, 10)
        except WebError as exc:  # a build without indicators: the page says so instead of the tables
            data["top_dyads"] = None
            data["top_dyads_error"] = exc.message
    return data


# articles


@twin("/articles", "/articles", "articles.html", "Articles: list, full-text search, paging")
def list_articles(request: Request, q: Annotated[str | None, Query(description="Words in title or text.")] = None,
                  limit: Annotated[str | None, Query(description=f"Page size, capped at {params.MAX_LIMIT}.")] = None,
                  offset: Q = None) -> dict[str, Any]:
    """Stored articles, newest first, with sentence and event counts; `q` searches title and text."""
    query, size, start = params.text("q", q), params.limit(limit), params.offset(offset)
    with reading(request) as store:
        return queries.articles(store, q=query, limit=size, offset=start)


@twin("/articles/{article_id:path}", "/articles/{article_id:path}", "article.html",
      "One article: text, sentences, actor mentions, events with character spans")
def show_article(request: Request, article_id: Annotated[str, Path()]) -> dict[str, Any]:
    """The article text with its sentences, mentions and coded events (spans index into `text`)."""
    wanted = params.article_id(article_id)
    with reading(request) as store:
        return queries.article(store, wanted)


# events


def event_query(source: str | None, target: str | None, country: str | None, type: str | None,
                quad_class: str | None, since: str | None, until: str | None, text: str | None,
                article_id: str | None, modality: str | None, coded_only: str | None = None,
                origin: str | None = None, min_confidence: str | None = None) -> dict[str, Any]:
    lo, hi = params.date_range(since, until)
    return {"source": params.actor("source", source), "target": params.actor("target", target),
            "country": params.actor("country", country), "type": params.event_type(type),
            "quad_class": params.quad_class(quad_class), "since": lo, "until": hi,
            "text": params.text("text", text),
            "article_id": params.article_id(article_id) if params.blank(article_id) else None,
            "modality": params.choice("modality", modality, params.MODALITIES),
            "coded_only": params.flag("coded_only", coded_only),
            "origin": params.origin(origin), "min_confidence": params.share("min_confidence", min_confidence)}


@twin("/events", "/events", "events.html", "Events: filters, sorting, paging")
def list_events(request: Request,
                source: Annotated[str | None, Query(description="Source: a name (France), ISO3 or actor code.")]
                = None,
                target: Annotated[str | None, Query(description="Target: a name, ISO3 or actor code.")] = None,
                country: Annotated[str | None, Query(description="Either side of the dyad.")] = None,
                type: Annotated[str | None, Query(description="PLOVER event type.")] = None,
                quad_class: Annotated[str | None, Query(description="1–4.")] = None,
                since: Annotated[str | None, Query(description="YYYY, YYYY-MM or YYYY-MM-DD: events whose whole "
                                                   "period starts on or after its first day.")] = None,
                until: Annotated[str | None, Query(description="YYYY, YYYY-MM or YYYY-MM-DD: events whose whole "
                                                   "period ends on or before its last day.")] = None,
                text: Annotated[str | None, Query(description="Words in the sentence.")] = None,
                article_id: Q = None, modality: Q = None,
                coded_only: Annotated[str | None, Query(description="1 or true: only events whose source and target "
                                                                    "both have an actor code.")] = None,
                origin: Annotated[str | None, Query(description="coded, gdelt, icews or plover.")] = None,
                min_confidence: Annotated[str | None, Query(description="0–1: only events whose confidence (the "
                                                            "calibrated probability of being right) is at least "
                                                            "this; imported events carry none.")] = None,
                sort: Annotated[str | None, Query(description=", ".join(queries.SORTS))] = None,
                order: Annotated[str | None, Query(description="asc or desc.")] = None,
                limit: Annotated[str | None, Query(description=f"Page size, capped at {params.MAX_LIMIT}.")] = None,
                offset: Q = None) -> dict[str, Any]:
    """Coded events (GUIDE.md JSON contract, plus `trigger`), filtered, sorted and paged."""
    filters = event_query(source, target, country, type, quad_class, since, until, text, article_id, modality,
                          coded_only, origin, min_confidence)
    key, direction = params.sort(sort), params.order(order)
    size, start = params.limit(limit), params.offset(offset)
    with reading(request) as store:
        params.seen(store, source=filters["source"], target=filters["target"], country=filters["country"])
        return queries.events(store, filters, sort=key, order=direction, limit=size, offset=start)


# actors


@twin("/actors", "/actors", "actors.html", "Actors: codes seen in articles, with mention and event counts")
def list_actors(request: Request, q: Q = None, kind: Q = None, limit: Q = None, offset: Q = None) -> dict[str, Any]:
    """Actor codes resolved in stored articles, most mentioned first."""
    query, which = params.text("q", q), params.choice("kind", kind, params.ACTOR_KINDS)
    size, start = params.limit(limit), params.offset(offset)
    with reading(request) as store:
        return queries.actors(store, q=query, kind=which, limit=size, offset=start)


# network and map


def _network_picture(data: dict[str, Any]) -> dict[str, Any]:
    return {"picture": charts.network_layout(data["nodes"], data["edges"])}


@twin("/network", "/network", "network.html", "Actor network: dyads as edges, cooperation or conflict",
      decorate=_network_picture)
def network(request: Request, since: Q = None, until: Q = None,
            scope: Annotated[str | None, Query(description="states (default: country actors only) or all.")] = None,
            actor: Annotated[str | None, Query(description="Only dyads this actor (ISO3 or code) is a side of.")
                             ] = None,
            min_events: Annotated[str | None, Query(description="Only dyads with at least this many events.")
                                  ] = None,
            top: Annotated[str | None, Query(description="The heaviest dyads drawn (default 40, ≤ 300).")] = None,
            max_nodes: Annotated[str | None, Query(description="At most this many actors (≤ 80).")] = None,
            ) -> dict[str, Any]:
    """The heaviest directed dyads as edges (cooperation and conflict counts), their sides as nodes."""
    lo, hi = params.date_range(since, until)
    which = params.choice("scope", scope, ("states", "all"), default="states") or "states"
    who = params.actor("actor", actor)
    least = params.integer("min_events", min_events, 1, 1)
    heaviest = params.integer("top", top, 40, 1, 300, cap=True)
    most = params.integer("max_nodes", max_nodes, 80, 2, 80, cap=True)
    with reading(request) as store:
        return queries.network(store, since=lo, until=hi, scope=which, actor=who, min_events=least, top=heaviest,
                               max_nodes=most)


def _world_picture(data: dict[str, Any]) -> dict[str, Any]:
    return {"picture": charts.world(data["points"], data["countries"])}


@twin("/map", "/map", "map.html", "Event locations on an offline world map", decorate=_world_picture)
def event_map(request: Request, since: Q = None, until: Q = None, type: Q = None) -> dict[str, Any]:
    """Places named as event locations (with coordinates where known) and event counts per country."""
    lo, hi = params.date_range(since, until)
    kind = params.event_type(type)
    with reading(request) as store:
        return queries.map_points(store, since=lo, until=hi, event_type=kind)


# dyads


@twin("/dyads", "/dyads", "dyads.html", "Most active and most hostile directed dyads")
def list_dyads(request: Request, n: Annotated[str | None, Query(description="How many (≤ 100).")] = None,
               ) -> dict[str, Any]:
    """The most active dyads (event counts) and the most hostile (lowest Goldstein sums)."""
    most = params.integer("n", n, 20, 1, 100, cap=True)
    with reading(request) as store:
        return relations.top_dyads(store, most)


def _dyad_picture(data: dict[str, Any]) -> dict[str, Any]:
    directions = [d["series"] for d in data["directions"]]
    return {"chart": timecharts.dyad_chart(data["a"], data["b"], directions, data["series"], data["events"],
                                           _bands(data["timeline"]), data["freq"])}


def _bands(timeline: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The timeline's relation states as labelled chart bands over their validity intervals."""
    bands = []
    for item in timeline:
        if item.get("kind") != "state":
            continue
        value = describe(item.get("value"))
        tone = "conflict" if item["relation"] in ("armed_conflict", "sanctions") else "neutral"
        bands.append({"label": f"{item['relation']}: {value}", "start": item.get("valid_from"),
                      "end": item.get("valid_to"), "tone": tone})
    return bands


@twin("/dyads/{a}/{b}", "/dyads/{a}/{b}", "dyad.html",
      "Dyad view: series, events and timeline between two actors", decorate=_dyad_picture)
def dyad(request: Request, a: Annotated[str, Path(description="ISO3 or actor code.")],
         b: Annotated[str, Path(description="ISO3 or actor code.")],
         freq: Annotated[str | None, Query(description="day, week or month.")] = None,
         ) -> dict[str, Any]:
    """Both directions between `a` and `b`: the series per period (together and per direction), every
    event, and the timeline."""
    first, second = params.required_actor("a", a), params.required_actor("b", b)
    period = params.freq(freq)
    with reading(request) as store:
        params.seen(store, a=first, b=second)
        return {"a": first, "b": second, "freq": period,
                "series": relations.dyad_series(store, first, second, period),
                "directions": [{"source": s, "target": t,
                                "series": relations.dyad_series(store, s, t, period, directed=True)}
                               for s, t in ((first, second), (second, first))],
                "events": queries.dyad_events(store, first, second),
                "timeline": relations.dyad_timeline(store, first, second)}


@api.get("/dyads/{a}/{b}/series", summary="Dyad series per period")
def dyad_series(request: Request, a: str, b: str, freq: Q = None) -> dict[str, Any]:
    """Events per period between `a` and `b` (both directions): counts, Goldstein, quad classes."""
    first, second = params.required_actor("a", a), params.required_actor("b", b)
    period = params.freq(freq)
    with reading(request) as store:
        return {"a": first, "b": second, "freq": period,
                "series": relations.dyad_series(store, first, second, period)}


@api.get("/dyads/{a}/{b}/timeline", summary="Dyad timeline: events and state changes in date order")
def dyad_timeline(request: Request, a: str, b: str) -> dict[str, Any]:
    """Events and relation-state changes between `a` and `b`, in date order."""
    first, second = params.required_actor("a", a), params.required_actor("b", b)
    with reading(request) as store:
        return {"a": first, "b": second, "timeline": relations.dyad_timeline(store, first, second)}


# relation states


@twin("/state", "/state", "state.html", "Relation states of an actor on a date, with evidence")
def state_panel(request: Request,
                at: Annotated[str | None, Query(description="YYYY-MM-DD; default: the latest event date.")] = None,
                actor: Annotated[str | None, Query(description="ISO3 country or actor code.")] = None,
                relation: Annotated[str | None, Query(description=", ".join(params.RELATIONS))] = None,
                ) -> dict[str, Any]:
    """Every relation state in force on `at` (for `actor` when given), each with its evidence."""
    day = params.date("at", at)
    who = params.actor("actor", actor)
    which = params.choice("relation", relation, params.RELATIONS)
    with reading(request) as store:
        params.seen(store, actor=who)
        if day is None:
            day = queries.dashboard(store, latest=0)["last_date"]
        states = relations.states_at(store, day, who, which) if day else []
    return {"at": day, "actor": who, "relation": which, "states": states}


# API reference

PARAMETERS = {  # for parameters declared without a description of their own
    "q": "Words to look for.", "limit": f"Page size (default {params.DEFAULT_LIMIT}, capped at {params.MAX_LIMIT}).",
    "offset": "Rows to skip, for paging.", "since": "YYYY-MM-DD, inclusive.", "until": "YYYY-MM-DD, inclusive.",
    "type": "PLOVER event type.", "kind": ", ".join(params.ACTOR_KINDS) + ".",
    "modality": ", ".join(params.MODALITIES) + ".", "article_id": "An article id (on /api/events: only its events).",
    "freq": "day, week or month (default month).", "a": "ISO3 or actor code.", "b": "ISO3 or actor code.",
    "authorization": "Bearer <token> given to `dyadwatch serve --token`.",
}


@pages.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The JSON endpoints and their parameters, read from the app's own OpenAPI description (no script)."""
    spec = request.app.openapi()
    endpoints = []
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            endpoints.append({"path": path, "method": method.upper(), "summary": op.get("summary", ""),
                              "description": (op.get("description") or "").split("\n\n")[0],
                              "page": _html_page(op.get("description") or ""),
                              "parameters": [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                                              "description": p.get("description") or PARAMETERS.get(p["name"], "")}
                                             for p in op.get("parameters", [])],
                              "body": "requestBody" in op})
    html = request.app.state.templates.get_template("docs.html").render(
        request=request, nav=NAV, twin="/openapi.json", endpoints=endpoints, title=spec["info"]["title"],
        version=spec["info"]["version"], description=spec["info"].get("description", ""))
    return HTMLResponse(html)


def _html_page(description: str) -> str | None:
    marker = "HTML page: `"
    return description.split(marker, 1)[1].split("`", 1)[0].replace(":path", "") if marker in description else None


# ingest over HTTP


class ArticleIn(BaseModel):
    text: str = Field(max_length=readers.MAX_CHARS, description="The article text (required).")
    id: str | None = Field(None, max_length=300)
    date: str | None = Field(None, max_length=32, description="YYYY-MM-DD")
    title: str | None = Field(None, max_length=2000)
    source: str | None = Field(None, max_length=2000)
    url: str | None = Field(None, max_length=2000)


class IngestRequest(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_POST_ARTICLES)


def _authorize(request: Request, authorization: str | None) -> None:
    if not request.app.state.allow_ingest:
        raise WebError.of(WebErrors.W003)
    expected = f"Bearer {request.app.state.token}".encode()
    if not authorization or not hmac.compare_digest(authorization.encode(), expected):
        raise WebError.of(WebErrors.W004)


_ARTICLES_SCHEMA = {"type": "object", "required": ["articles"], "properties": {"articles": {
    "type": "array", "minItems": 1, "maxItems": MAX_POST_ARTICLES, "items": ArticleIn.model_json_schema()}}}


@api.post("/articles", status_code=201, summary="Ingest articles (only with --allow-ingest and a token)",
          openapi_extra={"requestBody": {"required": True,
                                         "content": {"application/json": {"schema": _ARTICLES_SCHEMA}}}})
async def post_articles(request: Request, authorization: Annotated[str | None, Header()] = None) -> JSONResponse:
    """Code and store up to 100 articles; stored ids are skipped. Needs `Authorization: Bearer <token>`.

    The token is checked before the body is read (401 before 400). An article that cannot be read, coded
    or stored is listed under `rejected` and the others are stored; when every article is rejected, the
    answer is a 400 with the first one's code.
    """
    _authorize(request, authorization)
    try:
        body = IngestRequest.model_validate_json(await request.body())
    except ValidationError as exc:
        raise RequestValidationError(exc.errors(include_context=False)) from exc
    return await run_in_threadpool(_ingest, request, body)


def _ingest(request: Request, body: IngestRequest) -> JSONResponse:
    rejected: list[dict[str, Any]] = []
    built: list[Article] = []
    positions: dict[str, int] = {}
    for index, record in enumerate(body.articles):
        try:
            built.append(readers.make_article(record.text, record.model_dump(), origin="http"))
            positions.setdefault(built[-1].id, index)
        except DyadwatchError as exc:
            rejected.append({"index": index, "id": record.id, "code": exc.code, "message": str(exc)})
    report = batch.Report()
    guard = batch.Guard(report, lambda r: None, lambda trace: LOG.warning("rejected article: %s", trace))
    with request.app.state.ingest_lock:
        pipeline = _pipeline(request)
        with request.app.state.access.writer_store() as store:
            known = store.known_ids(a.id for a in built)
        todo = list({a.id: a for a in built if a.id not in known}.values())
        coded = list(batch.code_isolated(pipeline, todo, guard))
        with request.app.state.access.writer_store() as store:
            stored = batch.store_isolated(store, coded, guard)
            stored_ids = store.known_ids(c.article.id for c in coded)
    failed = {a.id for a in todo} - stored_ids
    for rejection in report.rejected:
        rejected.append({"index": positions.get(rejection.article_id or ""), "id": rejection.article_id,
                         "code": rejection.code, "message": rejection.message})
    if rejected and len(rejected) == len(body.articles):
        first = rejected[0]
        raise WebError(400, first["code"], first["message"])
    return JSONResponse({"stored": stored, "skipped": len(built) - stored - len(failed),
                         "ids": [a.id for a in built], "rejected": rejected,
                         "events": sum(len(c.events) for c in coded if c.article.id in stored_ids)},
                        status_code=201)


def _pipeline(request: Request) -> Any:
    if getattr(request.app.state, "pipeline", None) is None:
        from dyadwatch.pipeline import Pipeline

        request.app.state.pipeline = Pipeline()
    return request.app.state.pipeline

"""The FastAPI app: pages and their JSON twins over one store, with one error shape and hard limits.

`create_app(db_path)` is all `dyadwatch serve` needs. Pages are rendered on the server with Jinja2
(autoescaping on: every stored string is escaped wherever it is shown); charts and the world map are
inline SVG; the only script is a small local one. Nothing is fetched from a CDN or a tile server.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dyadwatch import __version__
from dyadwatch.errors import DyadwatchError
from dyadwatch.store import ORIGINS
from dyadwatch.web.access import StoreAccess
from dyadwatch.web.problems import WebError, WebErrors
from dyadwatch.web.queries import QUAD_NAMES

NAV = (("/", "Dashboard"), ("/articles", "Articles"), ("/events", "Events"), ("/actors", "Actors"),
       ("/dyads", "Dyads"), ("/network", "Network"), ("/map", "Map"), ("/state", "State"))

HERE = Path(__file__).parent
MAX_BODY_BYTES = 8 * 1024 * 1024  # one article of 2,000,000 characters as UTF-8 JSON fits
SECURITY_HEADERS = {
    "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
}
CODE_STATUS = {"E012": 404}


def create_app(db_path: str, *, allow_ingest: bool = False, token: str | None = None) -> FastAPI:
    """The web app over the store at `db_path`; ingest over HTTP only with `allow_ingest` and a token."""
    if allow_ingest and not token:
        raise ValueError("allow_ingest needs a token: clients send it as `Authorization: Bearer <token>`")
    app = FastAPI(title="dyadwatch", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json", lifespan=lifespan,
                  description="Coded events (PLOVER/CAMEO), articles, actors, dyads and relation states. "
                              "Every HTML page has a JSON twin under /api/. Errors share one shape: "
                              '{"error": {"status", "code", "message"}}.')
    app.state.access = StoreAccess(str(db_path), writer=allow_ingest)
    app.state.allow_ingest = allow_ingest
    app.state.token = token
    app.state.ingest_lock = threading.Lock()  # one ingest at a time: the pipeline is not shared across threads
    app.state.templates = templates()
    app.add_middleware(Guard)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _handlers(app)
    from dyadwatch.web import routes

    app.include_router(routes.api)
    app.include_router(routes.pages)

    return app


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    app.state.access.close()


def templates() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["signed"] = lambda v: "" if v is None else f"{v:+.1f}"
    env.globals["quad_names"] = QUAD_NAMES
    env.globals["origins"] = ORIGINS
    env.filters["describe"] = describe
    return env


def describe(value: Any) -> str:
    """A state value for people: `{"troops": 0, "status": "withdrawn"}` → "troops 0, status withdrawn"."""
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items() if v is not None)
    return "" if value is None else str(value)


def wants_html(request: Request) -> bool:
    return not request.url.path.startswith(("/api/", "/openapi.json", "/static/"))


def error_response(request: Request, error: WebError) -> Response:
    """The error page or JSON body, with the security headers set here too: a 500 is answered by Starlette's
    outermost middleware, outside `Guard`."""
    response = _error_body(request, error)
    response.headers.update(SECURITY_HEADERS)
    return response


def _error_body(request: Request, error: WebError) -> Response:
    if wants_html(request):
        path = request.url.path
        twin = ("/api/dashboard" if path == "/" else "/api" + path) + (f"?{request.url.query}" if request.url.query
                                                                      else "")
        page = request.app.state.templates.get_template("error.html").render(
            error=error, request=request, nav=NAV, twin=twin if error.status != 404 else None)
        return HTMLResponse(page, status_code=error.status)
    return JSONResponse(error.body(), status_code=error.status)


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(WebError)
    async def web_error(request: Request, exc: WebError) -> Response:
        return error_response(request, exc)

    @app.exception_handler(DyadwatchError)
    async def library_error(request: Request, exc: DyadwatchError) -> Response:
        return error_response(request, WebError(CODE_STATUS.get(exc.code, 400), exc.code, str(exc)))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors())
        return error_response(request, WebError(400, "E013", f"[E013] invalid request: {problems}"))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            error = WebError.of(WebErrors.W001, path=request.url.path[:200])
        elif exc.status_code == 405:
            error = WebError.of(WebErrors.W007, method=request.method)
        else:
            error = WebError(exc.status_code, "HTTP", str(exc.detail))
        return error_response(request, error)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        return error_response(request, WebError(500, "E500", "[E500] internal error; the server log has the details"))


class Guard:
    """ASGI middleware: caps request bodies (413 W002), adds security headers to every response, and answers
    HEAD wherever GET is answered (as GET, without the body)."""

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.decode("latin-1").lower() not in SECURITY_HEADERS]
                headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        if scope["method"] == "HEAD":
            scope = {**scope, "method": "GET"}
            send_with_headers = _without_body(send_with_headers)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            await self._too_large(send_with_headers)
            return
        if scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send_with_headers)
            return
        body, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            size += len(message.get("body", b""))
            if size > self.max_body:
                await self._too_large(send_with_headers)
                return
            body.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        replay: list[Message] = [{"type": "http.request", "body": b"".join(body), "more_body": False}]

        async def replay_receive() -> Message:
            return replay.pop() if replay else await receive()

        await self.app(scope, replay_receive, send_with_headers)

    async def _too_large(self, send: Send) -> None:
        error = WebError.of(WebErrors.W002, limit=self.max_body)
        response = JSONResponse(error.body(), status_code=error.status)
        await response({"type": "http"}, _no_body, send)


def _without_body(send: Send) -> Send:
    async def send_head(message: Message) -> None:
        if message["type"] == "http.response.body":
            if message.get("more_body"):
                return
            message = {"type": "http.response.body", "body": b"", "more_body": False}
        await send(message)

    return send_head


async def _no_body() -> dict[str, Any]:
    return {"type": "http.request", "body": b"", "more_body": False}

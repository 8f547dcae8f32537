"""Helpers for the web tests: a real store built from examples/, a real uvicorn server, plain HTTP.

The store is coded by the real pipeline (loaded once per test run) into a DuckDB file; the server
runs uvicorn on 127.0.0.1 with a free port in a thread of the test process; requests go over HTTP
with urllib, so the tests see exactly what a browser or a script sees.
"""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import uvicorn

from dyadwatch import batch
from dyadwatch.io import readers
from dyadwatch.pipeline import Pipeline
from dyadwatch.store import Store
from dyadwatch.web import create_app
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"
SEED_ID = "735d50f0f4292f42"
HOSTILE_ID = 'x"><script>alert(3)</script>'
HOSTILE = {
    "id": HOSTILE_ID,
    "date": "2024-05-01",
    "title": "<script>alert('title')</script> France and Niger",
    "source": "<img src=x onerror=alert('source')>",
    "url": "javascript:alert('url')",
    "text": "France closed its embassy in Niger <script>alert('text')</script> on Monday.\n"
            "Niger's military government expelled the French ambassador <img src=x onerror=alert('img')> "
            "and accused France of interference.",
}


@cache
def pipeline() -> Pipeline:
    return Pipeline()


def build_store(path: Path, *, hostile: bool = False, extra: list[dict[str, Any]] | None = None) -> Path:
    """Code examples/ (and, for the security tests, an article full of markup) into a new store."""
    items: list[readers.Item] = list(readers.read([str(EXAMPLES)]))
    for record in ([HOSTILE] if hostile else []) + (extra or []):
        items.append(readers.make_article(record["text"], record, origin="test"))
    report = batch.Report()
    with Store(path) as store:
        batch.ingest(items, store, report, on_rejection=lambda r: None, pipeline=pipeline())
    assert not report.rejected, report.rejected
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(db: Path, **options: Any) -> Iterator[str]:
    """Run the app over `db` with uvicorn on a free loopback port; yields the base URL."""
    port = free_port()
    config = uvicorn.Config(create_app(str(db), **options), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self) -> Any:
        return json.loads(self.body)


def fetch(url: str, *, method: str = "GET", body: bytes | None = None,
          headers: dict[str, str] | None = None) -> Reply:
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return Reply(response.status, {k.lower(): v for k, v in response.headers.items()}, response.read())
    except urllib.error.HTTPError as error:
        return Reply(error.code, {k.lower(): v for k, v in error.headers.items()}, error.read())


def post_json(url: str, payload: Any, token: str | None = None) -> Reply:
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    return fetch(url, method="POST", body=json.dumps(payload).encode(), headers=headers)

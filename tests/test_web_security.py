"""Security of the web app: stored markup is escaped on every page, limits hold, no paths from users."""

from __future__ import annotations

import json
import re
import socket
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.web_support import HOSTILE_ID, build_store, fetch, post_json, serving

RAW = ["<script>alert", "<img src=x onerror", 'href="javascript:']


class Markup(HTMLParser):
    """Collects what a browser would act on: tags, event-handler attributes and script-like URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("img", "iframe", "object", "embed", "base"):
            self.problems.append(f"<{tag}>")
        if tag == "script" and not (dict(attrs).get("src") or "").startswith("/static/"):
            self.problems.append("inline <script>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}=")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"{tag} {name}=javascript:")


def active_markup(body: str) -> list[str]:
    parser = Markup()
    parser.feed(body)
    return parser.problems
PAGES = ["/", "/articles", "/articles?q=script", f"/articles/{quote(HOSTILE_ID, safe='')}", "/events",
         "/events?text=script", "/actors", "/actors?q=France", "/dyads", "/dyads/FRA/NER", "/network", "/map",
         "/state", "/state?actor=NER&at=2024-05-02"]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("security") / "hostile.duckdb", hostile=True)


@pytest.fixture(scope="module")
def url(db: Path) -> Iterator[str]:
    with serving(db) as base:
        yield base


def test_the_hostile_article_is_stored_as_given(url: str) -> None:
    data = fetch(url + "/api/articles/" + quote(HOSTILE_ID, safe="")).json()
    assert "<script>alert('text')</script>" in data["article"]["text"]
    assert data["events"], "the hostile article should yield events so event cards and dyads show its text"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_escapes_stored_strings(url: str, page: str) -> None:
    reply = fetch(url + page)
    assert reply.status in (200, 503), (page, reply.status)
    assert reply.headers["content-type"].startswith("text/html")
    for raw in RAW:
        assert raw not in reply.text, f"{raw!r} unescaped on {page}"
    assert active_markup(reply.text) == [], page


@pytest.mark.parametrize("page", ["/articles", f"/articles/{quote(HOSTILE_ID, safe='')}", "/events"])
def test_the_markup_is_shown_as_text(url: str, page: str) -> None:
    body = fetch(url + page).text
    assert "&lt;script&gt;alert(" in body or "&lt;img src=x onerror" in body


@pytest.mark.parametrize("page", ["/articles?q=<script>alert(1)</script>", "/events?text=<img src=x onerror=alert(1)>",
                                  "/events?source=<script>alert(1)</script>", "/nothing<script>alert(1)</script>",
                                  "/articles/<script>alert(1)<%2Fscript>"])
def test_user_input_echoed_back_is_escaped(url: str, page: str) -> None:
    reply = fetch(url + quote(page, safe="/?=&%"))
    for raw in RAW:
        assert raw not in reply.text, (page, raw)
    assert active_markup(reply.text) == [], page


def test_json_is_served_as_json_and_pages_carry_security_headers(url: str) -> None:
    api = fetch(url + "/api/articles/" + quote(HOSTILE_ID, safe=""))
    assert api.headers["content-type"] == "application/json"
    page = fetch(url + "/")
    policy = page.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["x-frame-options"] == "DENY"


def test_nothing_is_loaded_from_another_host(url: str) -> None:
    for page in ["/", "/map", "/network", "/dyads/FRA/NER"]:
        body = fetch(url + page).text
        assert not re.search(r"""(src|href)=["'](https?:)?//""", body), page


@pytest.mark.parametrize("path", ["/static/", "/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2Fapp.py",
                                  "/static/%2e%2e/%2e%2e/store.py", "/static/templates", "/templates/base.html",
                                  "/static//etc/passwd", "/api/articles/..%2F..%2Fetc%2Fpasswd"])
def test_no_directory_listing_and_no_paths_from_user_input(url: str, path: str) -> None:
    reply = fetch(url + path)
    assert reply.status == 404, (path, reply.status)
    assert "def " not in reply.text and "root:" not in reply.text


def test_static_assets_are_served(url: str) -> None:
    assert fetch(url + "/static/style.css").status == 200
    world = fetch(url + "/static/world.json").json()
    assert len(world["countries"]) > 170


def _raw_post(url: str, head: str, chunks: list[bytes]) -> bytes:
    """Send a request by hand (the server may answer before the body is sent) and return the reply."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as conn:
        conn.sendall(f"POST /api/articles HTTP/1.1\r\nHost: {host}\r\n{head}\r\n".encode())
        try:
            for chunk in chunks:
                conn.sendall(chunk)
        except OSError:
            pass  # the server stopped reading once the limit was passed
        reply = b""
        while b"\r\n\r\n" not in reply or not reply.rstrip().endswith(b"}"):
            data = conn.recv(65536)
            if not data:
                break
            reply += data
    return reply


def test_request_bodies_are_capped(url: str) -> None:
    declared = _raw_post(url, "Content-Type: application/json\r\nContent-Length: 9437184\r\n", [])
    assert declared.startswith(b"HTTP/1.1 413") and b'"W002"' in declared
    piece = b"x" * (1024 * 1024)
    chunked = [b"%x\r\n%s\r\n" % (len(piece), piece)] * 9 + [b"0\r\n\r\n"]
    streamed = _raw_post(url, "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n", chunked)
    assert streamed.startswith(b"HTTP/1.1 413") and b'"W002"' in streamed


def test_post_is_refused_without_allow_ingest(url: str) -> None:
    reply = post_json(url + "/api/articles", {"articles": [{"text": "France recalled its ambassador."}]}, "x")
    assert reply.status == 403 and reply.json()["error"]["code"] == "W003"


def test_malformed_json_is_a_400(tmp_path: Path) -> None:
    db = build_store(tmp_path / "w.duckdb")
    with serving(db, allow_ingest=True, token="t0ken-long-enough") as base:
        headers = {"content-type": "application/json", "authorization": "Bearer t0ken-long-enough"}
        reply = fetch(base + "/api/articles", method="POST", body=b"{not json", headers=headers)
        assert reply.status == 400 and reply.json()["error"]["code"] == "E013"
        reply = fetch(base + "/api/articles", method="POST", body=json.dumps({"articles": "x"}).encode(),
                      headers=headers)
        assert reply.status == 400


def test_page_size_is_capped_on_pages_too(url: str) -> None:
    reply = fetch(url + "/events?limit=99999999")
    assert reply.status == 200
    assert fetch(url + "/api/events?limit=99999999").json()["limit"] == 500

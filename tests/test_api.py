"""The JSON API over real HTTP (uvicorn on loopback) against a real DuckDB store coded from examples/."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.conftest import DYADWATCH
from tests.web_support import SEED_ID, build_store, fetch, post_json, serving

PAGES = ["/", "/articles", f"/articles/{SEED_ID}", "/events", "/actors", "/dyads", "/dyads/FRA/NER", "/network",
         "/map", "/state"]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("api") / "api.duckdb")


@pytest.fixture(scope="module")
def url(db: Path) -> Iterator[str]:
    with serving(db) as base:
        yield base


def test_dashboard_counts_latest_events_and_top_dyads(url: str) -> None:
    data = fetch(url + "/api/dashboard").json()
    assert data["counts"]["articles"] == 4
    assert data["counts"]["events"] >= 20
    assert data["latest_events"][0]["date"] >= data["latest_events"][-1]["date"]
    active = {(d["source"], d["target"]) for d in data["top_dyads"]["active"]}
    assert ("FRA", "NER") in active or ("NER", "FRA") in active
    assert all(d["goldstein_sum"] < 0 for d in data["top_dyads"]["hostile"])


def test_articles_list_search_and_paging(url: str) -> None:
    everything = fetch(url + "/api/articles").json()
    assert everything["total"] == 4 and len(everything["articles"]) == 4
    found = fetch(url + "/api/articles?q=embassy").json()
    assert SEED_ID in {a["id"] for a in found["articles"]}
    assert all("embassy" in (a["title"] + a["excerpt"]).lower() or a["events"] for a in found["articles"])
    page = fetch(url + "/api/articles?limit=2&offset=2").json()
    assert (page["limit"], page["offset"], page["total"], len(page["articles"])) == (2, 2, 4, 2)
    assert not {a["id"] for a in page["articles"]} & {a["id"] for a in everything["articles"][:2]}
    # LIKE wildcards are taken literally
    assert fetch(url + "/api/articles?q=%25").json()["total"] == 0


def test_article_has_text_sentences_and_events_with_spans(url: str) -> None:
    data = fetch(url + f"/api/articles/{SEED_ID}").json()
    text = data["article"]["text"]
    assert data["sentences"] and data["events"]
    for event in data["events"]:
        start, end = event["span"]
        assert text[start:end] in event["sentence"]
        assert text[slice(*event["source"]["span"])] == event["source"]["text"]
        if event["trigger"]:
            assert event["trigger"][0] >= start
    assert "".join(piece["text"] for piece in data["segments"]) == text
    assert any("trigger" in piece["marks"] for piece in data["segments"])


def test_events_filters_sorting_and_paging(url: str) -> None:
    retreats = fetch(url + "/api/events?type=retreat").json()
    assert retreats["total"] >= 3 and {e["event_type"] for e in retreats["events"]} == {"RETREAT"}
    fra = fetch(url + "/api/events?source=FRA").json()["events"]
    assert fra and all(e["source"]["country"] == "FRA" for e in fra)
    both = fetch(url + "/api/events?country=NER").json()["events"]
    assert all("NER" in (e["source"]["country"], e["target"]["country"]) for e in both)
    conflict = fetch(url + "/api/events?quad_class=4").json()["events"]
    assert conflict and {e["quad_class"] for e in conflict} == {4}
    ranged = fetch(url + "/api/events?since=2024-01-01&until=2024-03-31").json()["events"]
    assert ranged and all("2024-01-01" <= e["date"] <= "2024-03-31" for e in ranged)
    worded = fetch(url + "/api/events?text=embassy").json()["events"]
    assert worded and all("embassy" in e["sentence"].lower() for e in worded)
    ordered = fetch(url + "/api/events?sort=goldstein&order=desc").json()["events"]
    values = [e["goldstein"] for e in ordered if e["goldstein"] is not None]
    assert values == sorted(values, reverse=True)
    first, second = (fetch(url + f"/api/events?limit=3&offset={o}").json()["events"] for o in (0, 3))
    assert len(first) == 3 and not {e["id"] for e in first} & {e["id"] for e in second}


def test_limit_is_capped(url: str) -> None:
    data = fetch(url + "/api/events?limit=1000000").json()
    assert data["limit"] == 500


def test_actors_network_map(url: str) -> None:
    actors = fetch(url + "/api/actors").json()["actors"]
    assert {"FRA", "NER"} <= {a["code"] for a in actors}
    network = fetch(url + "/api/network").json()
    ids = {n["id"] for n in network["nodes"]}
    assert {"FRA", "NER"} <= ids
    assert {e["tone"] for e in network["edges"]} == {"cooperation", "conflict"}
    late = fetch(url + "/api/network?since=2024-03-01").json()
    assert "FRA" not in {n["id"] for n in late["nodes"]}
    places = fetch(url + "/api/map").json()
    assert {"Niamey", "Bamako"} <= {p["name"] for p in places["points"]}
    assert any(p["lat"] for p in places["points"])


def test_dyad_series_and_timeline(url: str) -> None:
    dyad = fetch(url + "/api/dyads/fra/ner").json()
    assert (dyad["a"], dyad["b"]) == ("FRA", "NER")
    assert len(dyad["events"]) >= 5 and 0 < sum(s["events"] for s in dyad["series"]) <= len(dyad["events"])
    series = fetch(url + "/api/dyads/FRA/NER/series?freq=month").json()["series"]
    assert series and all(s["period"][:4] == "2023" for s in series)
    assert all(s["events"] == s["quad1"] + s["quad2"] + s["quad3"] + s["quad4"] for s in series)
    timeline = fetch(url + "/api/dyads/FRA/NER/timeline").json()["timeline"]
    assert {"event", "state"} <= {t["kind"] for t in timeline}
    closed = [t for t in timeline if t.get("relation") == "diplomatic_mission"]
    assert closed and closed[-1]["value"] == "closed" and closed[-1]["sources"]


def test_state_of_niger_at_the_seed_date(url: str) -> None:
    reply = fetch(url + "/api/state?at=2023-12-22&actor=NER")
    assert reply.status == 200, reply.text
    states = reply.json()["states"]
    assert {"diplomatic_mission", "ambassador", "military_presence", "alliance", "government"} <= {
        s["relation"] for s in states}
    assert all(s["evidence"] and s["evidence"][0]["text"] for s in states)
    mission = next(s for s in states if s["relation"] == "diplomatic_mission")
    assert (mission["holder"], mission["host"], mission["value"]) == ("FRA", "NER", "closed")
    french = next(s for s in states if s["relation"] == "military_presence" and s["holder"] == "FRA")
    assert french["value"]["troops"] == 0
    assert "USA" in {s["holder"] for s in states if s["relation"] == "military_presence"}
    alliance = next(s for s in states if s["relation"] == "alliance")
    assert sorted(alliance["members"]) == ["BFA", "MLI", "NER"]
    filtered = fetch(url + "/api/state?at=2023-12-22&actor=NER&relation=alliance").json()["states"]
    assert {s["relation"] for s in filtered} == {"alliance"}
    before = fetch(url + "/api/state?at=2023-06-01&actor=NER").json()["states"]
    assert not any(s["relation"] == "diplomatic_mission" and s["value"] == "closed" for s in before)


@pytest.mark.parametrize("path", [
    "/api/events?limit=abc", "/api/events?limit=0", "/api/events?offset=-1", "/api/events?since=2023-13-01",
    "/api/events?since=2024-02-01&until=2024-01-01", "/api/events?type=PARTY", "/api/events?quad_class=5",
    "/api/events?source=N", "/api/events?source=%27%3B%20DROP%20TABLE%20events%3B--", "/api/events?sort=sentence",
    "/api/events?order=sideways", "/api/events?text=" + "x" * 300, "/api/articles?limit=-5", "/api/actors?kind=alien",
    "/api/dyads/FRA/N1", "/api/dyads/FRA/NER/series?freq=year", "/api/state?at=tomorrow",
    "/api/state?relation=friendship", "/api/network?max_nodes=1", "/api/map?type=x",
])
def test_invalid_parameters_get_400_with_the_error_shape(url: str, path: str) -> None:
    reply = fetch(url + path)
    assert reply.status == 400, (path, reply.status, reply.text)
    error = reply.json()["error"]
    assert set(error) == {"status", "code", "message"} and error["status"] == 400
    assert error["code"] in ("E009", "E013", "E015") and error["message"].startswith(f"[{error['code']}]")


@pytest.mark.parametrize(("path", "status", "code"), [
    ("/api/articles/" + quote("no such article"), 404, "E012"), ("/api/nothing", 404, "W001"),
    ("/api/dashboard", 405, "W007"),
])
def test_other_errors_share_the_shape(url: str, path: str, status: int, code: str) -> None:
    reply = fetch(url + path, method="DELETE" if status == 405 else "GET")
    assert reply.status == status
    assert reply.json() == {"error": {"status": status, "code": code, "message": reply.json()["error"]["message"]}}


def test_every_page_has_a_json_twin_documented_in_openapi(url: str) -> None:
    spec = fetch(url + "/openapi.json").json()
    documented = set(spec["paths"])
    for page in PAGES:
        html = fetch(url + page)
        assert html.status in (200, 503) and html.headers["content-type"].startswith("text/html"), page
        twin = "/api/dashboard" if page == "/" else "/api" + page
        assert f'href="{twin}"' in html.text, page
        reply = fetch(url + twin)
        assert reply.headers["content-type"].startswith("application/json"), twin
        templated = {p for p in documented if p.replace("{article_id}", SEED_ID).replace("{a}", "FRA")
                     .replace("{b}", "NER") == twin}
        assert templated, f"{twin} is not in /openapi.json"
    assert {"/api/dyads/{a}/{b}/series", "/api/dyads/{a}/{b}/timeline"} <= documented
    assert "post" in spec["paths"]["/api/articles"]


def test_ingest_over_http_is_off_by_default(url: str) -> None:
    reply = post_json(url + "/api/articles", {"articles": [{"text": "France recalled its ambassador."}]}, "guess")
    assert reply.status == 403 and reply.json()["error"]["code"] == "W003"


def test_cli_ingest_into_the_served_file_while_the_server_is_idle(db: Path, url: str, tmp_path: Path) -> None:
    """The read-only server holds no lock between requests, so `dyadwatch ingest` can write the same file."""
    before = fetch(url + "/api/dashboard").json()["counts"]["articles"]
    article = tmp_path / "talks.txt"
    article.write_text("Ghana hosted talks with Togo on border security in Kpalime on Monday.\n", encoding="utf-8")
    result = subprocess.run([str(DYADWATCH), "ingest", str(article), "--db", str(db), "--date", "2024-06-03"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert fetch(url + "/api/dashboard").json()["counts"]["articles"] == before + 1
    assert fetch(url + "/api/articles?q=Kpalime").json()["total"] == 1


def test_requests_during_a_write_get_503_then_recover(db: Path, url: str) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('locked', "
         "flush=True); sys.stdin.readline()", str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        reply = fetch(url + "/api/dashboard")
        assert reply.status == 503 and reply.json()["error"]["code"] == "W005"
        assert fetch(url + "/").status == 503
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(10)
    deadline = time.monotonic() + 10
    while fetch(url + "/api/dashboard").status != 200:
        assert time.monotonic() < deadline
        time.sleep(0.1)


def test_with_allow_ingest_the_server_is_the_single_writer(tmp_path: Path) -> None:
    db = build_store(tmp_path / "writer.duckdb")
    with serving(db, allow_ingest=True, token="s3cret-token") as base:
        record = {"id": "http-1", "date": "2024-06-01", "title": "Talks",
                  "text": "Senegal signed a security agreement with Mali on Saturday."}
        assert post_json(base + "/api/articles", {"articles": [record]}).status == 401
        assert post_json(base + "/api/articles", {"articles": [record]}, "wrong").status == 401
        reply = post_json(base + "/api/articles", {"articles": [record]}, "s3cret-token")
        assert reply.status == 201, reply.text
        assert reply.json()["stored"] == 1 and reply.json()["ids"] == ["http-1"]
        again = post_json(base + "/api/articles", {"articles": [record]}, "s3cret-token").json()
        assert (again["stored"], again["skipped"]) == (0, 1)
        assert fetch(base + "/api/articles/http-1").json()["article"]["title"] == "Talks"
        bad = post_json(base + "/api/articles", {"articles": [{"text": "   "}]}, "s3cret-token")
        assert bad.status == 400 and bad.json()["error"]["code"] == "E002"
        bad_date = post_json(base + "/api/articles", {"articles": [{"text": "x", "date": "soon"}]}, "s3cret-token")
        assert bad_date.status == 400 and bad_date.json()["error"]["code"] == "E009"
        too_many = post_json(base + "/api/articles", {"articles": [{"text": "x"}] * 101}, "s3cret-token")
        assert too_many.status == 400
        other = subprocess.run([sys.executable, "-c", "import duckdb, sys; duckdb.connect(sys.argv[1], "
                                "read_only=True)", str(db)], capture_output=True, text=True)
        assert other.returncode != 0 and "lock" in other.stderr.lower()


def test_allow_ingest_needs_a_token(tmp_path: Path) -> None:
    from dyadwatch.web import create_app

    with pytest.raises(ValueError, match="token"):
        create_app(str(tmp_path / "x.duckdb"), allow_ingest=True)

"""The analyst's workbench on the web (issue 15): actor names and countries, the coded-only and confidence
filters, the
network's state scope and filters, the dashboard's events per week, the API page, and the chart rules.

A real store coded from examples/ plus one article whose "Turkish EU delegation" resolves to IGOEEC with
country TUR (and whose ceasefire has no target), served by uvicorn and read over HTTP; the chart geometry
is checked on plain data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from dyadwatch.io import formats
from dyadwatch.store import Store
from dyadwatch.web import timecharts
from tests.conftest import SHARED, require_shared
from tests.web_support import build_store, fetch, serving

GDELT1 = SHARED / "data" / "gdelt1_sample_20240921.csv"

EU_ARTICLE = {"id": "workbench-eu", "date": "2024-03-04", "title": "Turkey and the EU",
              "text": "The Turkish EU delegation criticised Greece on Monday.\n"
                      "Turkish EU negotiators met the French government in Ankara.\n"
                      "Turkey declared a unilateral ceasefire on Wednesday."}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("workbench") / "workbench.duckdb", extra=[EU_ARTICLE])


@pytest.fixture(scope="module")
def url(db: Path) -> Iterator[str]:
    with serving(db) as base:
        yield base


def mention_counts(db: Path) -> dict[str, dict[str, int]]:
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT code, text, count(*) FROM actor_mentions WHERE code IS NOT NULL "
                           "GROUP BY 1, 2").fetchall()
    counts: dict[str, dict[str, int]] = {}
    for code, text, n in rows:
        counts.setdefault(code, {})[text] = n
    return counts


def test_actor_names_are_the_most_frequent_mention_text(db: Path, url: str) -> None:
    actors = fetch(url + "/api/actors?limit=500").json()["actors"]
    counts = mention_counts(db)
    assert {a["code"] for a in actors} == set(counts)
    for a in actors:
        assert counts[a["code"]][a["name"]] == max(counts[a["code"]].values()), a
    fragov = next(a for a in actors if a["code"] == "FRAGOV")
    assert fragov["name"] == "The embassy"  # twice; "Sylvain Itté" (the alphabetically last name) once
    page = fetch(url + "/actors?q=FRAGOV").text
    assert "The embassy" in page and "Sylvain Itté" not in page


def test_an_actor_country_is_the_code_own_country(db: Path, url: str) -> None:
    with duckdb.connect(str(db), read_only=True) as con:
        given = {r[0] for r in con.execute("SELECT country FROM actor_mentions WHERE code = 'IGOEEC'").fetchall()}
    assert "TUR" in given  # the coder put the delegation in Turkey; the code carries no country
    actors = {a["code"]: a for a in fetch(url + "/api/actors?limit=500").json()["actors"]}
    assert actors["IGOEEC"]["country"] is None
    assert actors["FRAGOV"]["country"] == "FRA" and actors["NERMIL"]["country"] == "NER"
    assert all(a["country"] is None or a["code"].startswith(a["country"]) for a in actors.values())
    assert fetch(url + "/api/actors?q=European").json()["actors"][0]["country"] is None


def test_coded_only_keeps_events_whose_two_actors_have_codes(url: str) -> None:
    every = fetch(url + "/api/events?limit=500").json()
    coded = fetch(url + "/api/events?limit=500&coded_only=1").json()
    uncoded = [e for e in every["events"] if not (e["target"] or {}).get("code")]
    assert uncoded, "the examples have events with an uncoded target"
    assert coded["total"] == every["total"] - len(uncoded)
    assert all(e["source"]["code"] and e["target"]["code"] for e in coded["events"])
    assert coded["filters"]["coded_only"] is True
    page = fetch(url + "/events?coded_only=1").text
    assert 'name="coded_only" value="1" checked' in page
    assert fetch(url + "/api/events?coded_only=maybe").status == 400


def test_min_confidence_keeps_the_likelier_events(url: str) -> None:
    every = fetch(url + "/api/events?limit=500").json()["events"]
    confidences = sorted(e["confidence"] for e in every)
    cut = confidences[len(confidences) // 2]
    kept = fetch(url + f"/api/events?limit=500&min_confidence={cut}").json()
    assert kept["total"] == sum(1 for c in confidences if c >= cut) < len(every)
    assert all(e["confidence"] >= cut for e in kept["events"]) and kept["filters"]["min_confidence"] == cut
    assert f'name="min_confidence" value="{cut}"' in fetch(url + f"/events?min_confidence={cut}").text
    for wrong in ("2", "-0.1", "high"):
        assert fetch(url + f"/api/events?min_confidence={wrong}").status == 400


def test_network_defaults_to_state_actors_and_the_heaviest_dyads(url: str) -> None:
    states = fetch(url + "/api/network").json()
    assert states["scope"] == "states" and states["top"] == 40
    ids = {n["id"] for n in states["nodes"]}
    assert {"FRA", "NER", "MLI"} <= ids
    assert not {i for i in ids if len(i) != 3} and "IGO" not in ids
    everyone = fetch(url + "/api/network?scope=all&top=300").json()
    assert {"IGOWAS", "IGOEEC"} & {n["id"] for n in everyone["nodes"]}
    assert everyone["dyads"] > states["dyads"]
    weights = [e["events"] for e in states["edges"]]
    assert weights == sorted(weights, reverse=True)
    two = fetch(url + "/api/network?top=2").json()
    assert [e["events"] for e in two["edges"]] == weights[:2] and two["dyads"] == states["dyads"]


def test_network_filters_by_weight_and_actor(url: str) -> None:
    heavy = fetch(url + "/api/network?min_events=3").json()
    assert heavy["edges"] and all(e["events"] >= 3 for e in heavy["edges"])
    assert heavy["dyads"] < fetch(url + "/api/network").json()["dyads"]
    mali = fetch(url + "/api/network?actor=mli").json()
    assert mali["actor"] == "MLI" and mali["edges"]
    assert all("MLI" in (e["source"], e["target"]) for e in mali["edges"])
    page = fetch(url + "/network?actor=MLI&min_events=1").text
    for e in mali["edges"]:
        assert f'href="/dyads/{e["source"]}/{e["target"]}"' in page
    assert page.index('class="edges"') < page.index('class="nodes"') < page.index('class="labels"')
    for bad in ("scope=friends", "min_events=0", "actor=%3Cx%3E", "top=abc"):
        assert fetch(url + "/api/network?" + bad).status == 400, bad


def test_dashboard_counts_events_per_week_by_quad_class(db: Path, url: str) -> None:
    activity = fetch(url + "/api/dashboard").json()["activity"]
    assert activity["freq"] == "week"
    with duckdb.connect(str(db), read_only=True) as con:
        day_dated, coarse = con.execute(
            "SELECT count(*) FILTER (WHERE date_precision NOT IN ('month', 'year')), "
            "count(*) FILTER (WHERE date_precision IN ('month', 'year')) FROM events WHERE date IS NOT NULL"
        ).fetchone()
    assert sum(p["events"] for p in activity["periods"]) == day_dated and activity["coarse"] == coarse
    for p in activity["periods"]:
        assert p["events"] == sum(p[f"quad{q}"] for q in (1, 2, 3, 4))
        assert dt.date.fromisoformat(p["period"]).weekday() == 0  # ISO weeks start on Monday
    page = fetch(url + "/").text
    assert 'id="activity-chart"' in page and "Events per week by quad class" in page


def test_docs_page_lists_every_json_endpoint(url: str) -> None:
    spec = fetch(url + "/openapi.json").json()
    page = fetch(url + "/docs")
    assert page.status == 200 and page.headers["content-type"].startswith("text/html")
    assert "content-security-policy" in page.headers and "<script" not in page.text
    for path in spec["paths"]:
        assert f">{path}<" in page.text, path
    for name in ("coded_only", "min_events", "scope", "freq"):
        assert f"<code>{name}</code>" in page.text


def test_lines_break_over_periods_without_events() -> None:
    def x(d: float) -> float:
        return d

    def y(g: float) -> float:
        return g

    jan, feb, apr = (timecharts.day(m) for m in ("2023-01", "2023-02", "2023-04"))
    assert jan is not None and feb is not None and apr is not None
    runs = timecharts.segments([(jan, 1.0), (feb, 2.0), (apr, 3.0)], "month", x, y)
    assert [len(r) for r in runs] == [2, 1]
    weeks = timecharts.segments([(jan, 1.0), (jan + 7, 1.0), (jan + 21, 1.0)], "week", x, y)
    assert [len(r) for r in weeks] == [2, 1]


def test_count_axis_and_labels_fit() -> None:
    assert timecharts.count_ticks(7) == (8, [0, 2, 4, 6, 8])
    assert timecharts.count_ticks(1) == (1, [0, 1])
    top, ticks = timecharts.count_ticks(3_419)
    assert top >= 3_419 and ticks[0] == 0 and len(ticks) <= 6
    label = "military_presence: troops 0, status withdrawn, bases 0"
    assert timecharts.fit(label, 1000) == label
    short = timecharts.fit(label, 60)
    assert short.endswith("…") and len(short) * timecharts.CHAR_WIDTH <= 60


def test_imported_events_do_not_link_to_a_missing_article(tmp_path: Path) -> None:
    db = tmp_path / "imported.duckdb"
    with Store(db) as store:
        formats.import_file("gdelt", require_shared(GDELT1), store)
    with serving(db) as base:
        events = fetch(base + "/api/events").json()["events"]
        assert events and {e["origin"] for e in events} == {"gdelt"}
        assert fetch(base + "/articles/" + events[0]["article_id"]).status == 404
        for page in ("/events", "/"):
            html = fetch(base + page).text
            assert "imported from gdelt" in html and "/articles/gdelt" not in html, page


def test_events_page_shows_and_filters_origin_and_dyads_say_where_they_come_from(tmp_path: Path) -> None:
    db = build_store(tmp_path / "mixed.duckdb")
    with Store(db) as store:
        formats.import_file("gdelt", require_shared(GDELT1), store)
    with serving(db) as base:
        page = fetch(base + "/events?origin=coded&since=2023&until=2023").text
        assert '<option selected>coded</option>' in page and "<th>origin</th>" in page
        assert "imported from gdelt" not in page and ">coded</td>" in page
        imported = fetch(base + "/events?origin=gdelt").text
        assert "imported from gdelt" in imported and ">coded</td>" not in imported
        dashboard = fetch(base + "/").text
        assert "<th>from</th>" in dashboard and ("gdelt</td>" in dashboard or "coded</td>" in dashboard)

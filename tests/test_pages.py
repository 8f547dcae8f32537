"""The pages in a real browser: Debian's chromium, headless, driven by Selenium through chromium-driver.

The walk goes dashboard → a dyad → an article (click a highlighted trigger, land on its card) → the
events table (filter, sort) → the state panel for Niger on 2023-12-22, the network and the map, and
saves a screenshot of each under docs/screenshots/ for the README. Then the workbench: the network's
weight and actor filter, the dyad chart's axes and legend, the dashboard's events per week, and event
links that land on the card and highlight the sentence. `make browsers` (run by `make test`
and .ci/run) installs chromium and chromium-driver with apt-get when they are missing.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from tests.conftest import ROOT
from tests.web_support import SEED_ID, build_store, serving

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SHOTS = ROOT / "docs" / "screenshots"


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = build_store(tmp_path_factory.mktemp("pages") / "pages.duckdb")
    with serving(db) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.fail("chromium and chromium-driver are not installed: run `make browsers` (apt-get, as root)")
    profile = tempfile.mkdtemp(prefix="dyadwatch-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--hide-scrollbars", "--window-size=1400,1000", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def shot(browser: WebDriver, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(SHOTS / f"{name}.png"))


def no_console_errors(browser: WebDriver) -> None:
    """Nothing blocked by the content security policy, no failed loads (the map and CSS are local)."""
    logs = browser.get_log("browser")
    assert [entry for entry in logs if entry["level"] == "SEVERE"] == []


def test_dashboard_then_a_dyad(browser: WebDriver, url: str) -> None:
    browser.get(url + "/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Dashboard"
    counts = {c.find_element(By.TAG_NAME, "span").text: c.find_element(By.TAG_NAME, "b").text
              for c in browser.find_elements(By.CSS_SELECTOR, ".count")}
    assert counts["articles"] == "4"
    assert browser.find_elements(By.CSS_SELECTOR, ".card")
    no_console_errors(browser)
    shot(browser, "dashboard")
    browser.find_element(By.PARTIAL_LINK_TEXT, "FRA → NER").click()
    assert browser.current_url.endswith("/dyads/FRA/NER")
    chart = browser.find_element(By.ID, "dyad-chart")
    assert chart.find_elements(By.CSS_SELECTOR, "circle") and chart.find_elements(By.CSS_SELECTOR, "rect")
    assert browser.find_elements(By.CSS_SELECTOR, "ol.timeline li.event")
    no_console_errors(browser)


def test_article_reader_links_highlights_to_event_cards(browser: WebDriver, url: str) -> None:
    browser.get(url + "/articles")
    browser.find_element(By.PARTIAL_LINK_TEXT, "France closes its embassy").click()
    assert browser.current_url.endswith(f"/articles/{SEED_ID}")
    triggers = browser.find_elements(By.CSS_SELECTOR, "#article-text a.mark.trigger")
    cards = browser.find_elements(By.CSS_SELECTOR, "aside.cards article.card")
    assert len(triggers) >= 5 and len(cards) >= 8
    assert browser.find_elements(By.CSS_SELECTOR, "#article-text .mark.source")
    assert browser.find_elements(By.CSS_SELECTOR, "#article-text .mark.target")
    shot(browser, "article")
    trigger = next(t for t in triggers if t.text == "departed")
    target = trigger.get_attribute("href").split("#", 1)[1]
    trigger.click()
    card = browser.find_element(By.ID, target)
    assert "RETREAT" in card.text and "FRAMIL" in card.text
    assert browser.execute_script("return document.querySelector(':target') && document.querySelector(':target').id"
                                  ) == target
    no_console_errors(browser)


def test_events_table_filters_and_sorts(browser: WebDriver, url: str) -> None:
    browser.get(url + "/events")
    browser.find_element(By.NAME, "type").send_keys("retreat")
    browser.find_element(By.CSS_SELECTOR, "form.filters button").click()
    WebDriverWait(browser, 10).until(lambda b: "type=retreat" in b.current_url)
    rows = browser.find_elements(By.CSS_SELECTOR, "table.events tbody tr")
    assert rows and all("RETREAT" in r.find_elements(By.TAG_NAME, "td")[1].text for r in rows)
    browser.get(url + "/events")
    browser.find_element(By.PARTIAL_LINK_TEXT, "Goldstein").click()
    WebDriverWait(browser, 10).until(lambda b: "order=asc" in b.current_url)
    browser.find_element(By.PARTIAL_LINK_TEXT, "Goldstein").click()
    WebDriverWait(browser, 10).until(lambda b: "order=desc" in b.current_url)
    assert "sort=goldstein" in browser.current_url
    values = [float(r.find_elements(By.TAG_NAME, "td")[3].text)
              for r in browser.find_elements(By.CSS_SELECTOR, "table.events tbody tr")
              if r.find_elements(By.TAG_NAME, "td")[3].text]
    assert values == sorted(values, reverse=True)
    shot(browser, "events")


def test_state_panel_for_niger_on_the_seed_date(browser: WebDriver, url: str) -> None:
    browser.get(url + "/state")
    actor = browser.find_element(By.NAME, "actor")
    actor.send_keys("NER")
    browser.execute_script("document.querySelector('input[name=at]').value = '2023-12-22'")
    browser.find_element(By.CSS_SELECTOR, "form.filters button").click()
    WebDriverWait(browser, 10).until(lambda b: "actor=NER" in b.current_url)
    assert "at=2023-12-22" in browser.current_url
    relations = {s.get_attribute("id") for s in browser.find_elements(By.CSS_SELECTOR, "section.relation")}
    assert {"rel-diplomatic_mission", "rel-military_presence", "rel-alliance", "rel-government"} <= relations
    mission = browser.find_element(By.ID, "rel-diplomatic_mission")
    assert "closed" in mission.text and "close its embassy" in mission.text
    troops = browser.find_element(By.ID, "rel-military_presence").text
    assert "troops 0" in troops and "USA" in troops
    assert "BFA, MLI, NER" in browser.find_element(By.ID, "rel-alliance").text
    no_console_errors(browser)
    shot(browser, "state")


def test_network_and_map(browser: WebDriver, url: str) -> None:
    browser.get(url + "/network")
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.network circle")) >= 8
    assert browser.find_elements(By.CSS_SELECTOR, "svg.network line")
    shot(browser, "network")
    browser.get(url + "/map")
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.world path")) > 170
    assert browser.find_elements(By.CSS_SELECTOR, "svg.world circle")
    no_console_errors(browser)
    shot(browser, "map")


def test_network_filter_by_weight_and_actor(browser: WebDriver, url: str) -> None:
    browser.get(url + "/network")
    default = browser.find_elements(By.CSS_SELECTOR, "svg.network a.edge")
    assert default
    groups = browser.find_elements(By.CSS_SELECTOR, "svg.network > g")
    assert [g.get_attribute("class") for g in groups] == ["edges", "nodes", "labels"]  # labels drawn last, on top
    weight = browser.find_element(By.NAME, "min_events")
    weight.clear()
    weight.send_keys("2")
    browser.find_element(By.NAME, "actor").send_keys("ner")
    browser.find_element(By.CSS_SELECTOR, "form.filters button").click()
    WebDriverWait(browser, 10).until(lambda b: "min_events=2" in b.current_url and "actor=ner" in b.current_url)
    edges = browser.find_elements(By.CSS_SELECTOR, "svg.network a.edge")
    assert 0 < len(edges) < len(default)
    for edge in edges:
        source, target = edge.get_dom_attribute("href").split("/dyads/", 1)[1].split("/")
        assert "NER" in (source, target)
        title = edge.find_element(By.TAG_NAME, "title").get_attribute("textContent")
        assert int(title.split(": ", 1)[1].split(" event", 1)[0]) >= 2
    assert "involving NER" in browser.find_element(By.ID, "network-summary").text
    browser.get(url + edges[0].get_dom_attribute("href"))
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Dyad ")
    no_console_errors(browser)


def test_dyad_chart_has_axes_legend_and_both_directions(browser: WebDriver, url: str) -> None:
    browser.get(url + "/dyads/FRA/NER")
    chart = browser.find_element(By.ID, "dyad-chart")
    assert chart.find_element(By.CSS_SELECTOR, ".goldstein-axis .axis-title").text == "Goldstein"
    assert chart.find_element(By.CSS_SELECTOR, ".count-axis .axis-title").text == "events"
    counts = [int(t.text) for t in chart.find_elements(By.CSS_SELECTOR, ".count-axis text:not(.axis-title)")
              if t.text.isdigit()]
    assert counts[0] == 0 and len(counts) >= 3 and counts == sorted(counts)
    legend = [t.text for t in chart.find_elements(By.CSS_SELECTOR, ".legend text")]
    assert {"FRA → NER", "NER → FRA", "material conflict"} <= set(legend)
    ab, ba = chart.find_elements(By.CSS_SELECTOR, "circle.d0"), chart.find_elements(By.CSS_SELECTOR, "circle.d1")
    assert ab and ba and ab[0].get_attribute("fill") != ba[0].get_attribute("fill")
    assert chart.find_elements(By.CSS_SELECTOR, ".mean")
    width = float(chart.get_dom_attribute("viewBox").split()[2])
    boxes = browser.execute_script(
        "return [...document.querySelectorAll('#dyad-chart .band text, #dyad-chart .legend text')].map(t => {"
        " const b = t.getBBox();"
        " return [b.x, b.x + b.width, t.textContent]; })")
    assert boxes
    for lo, hi, label in boxes:
        assert lo >= 0 and hi <= width, (lo, hi, label)
    no_console_errors(browser)
    shot(browser, "dyad")


def test_dashboard_chart_of_events_per_week(browser: WebDriver, url: str) -> None:
    browser.get(url + "/")
    chart = browser.find_element(By.ID, "activity-chart")
    bars = chart.find_elements(By.CSS_SELECTOR, "a rect")
    assert len(bars) >= 3 and all(float(b.get_attribute("height")) > 0 for b in bars)
    assert chart.find_element(By.CSS_SELECTOR, ".count-axis .axis-title").text == "events"
    assert {"verbal cooperation", "material cooperation", "verbal conflict", "material conflict"} <= {
        t.text for t in chart.find_elements(By.CSS_SELECTOR, ".legend text")}
    assert chart.find_elements(By.CSS_SELECTOR, ".time-axis text")
    link = url + chart.find_element(By.CSS_SELECTOR, "a").get_dom_attribute("href")
    quad = link.rsplit("quad_class=", 1)[1]
    browser.get(link)
    rows = browser.find_elements(By.CSS_SELECTOR, "table.events tbody tr")
    assert rows and all(r.find_elements(By.TAG_NAME, "td")[4].text == quad for r in rows)


def test_event_links_land_on_the_card_and_highlight_the_sentence(browser: WebDriver, url: str) -> None:
    browser.get(url + "/events?sort=date&order=desc")
    link = browser.find_element(By.CSS_SELECTOR, "table.events td.sentence a")
    fragment = link.get_attribute("href").split("#", 1)[1]
    assert fragment.startswith("e-")
    link.click()
    WebDriverWait(browser, 10).until(lambda b: b.find_elements(By.CSS_SELECTOR, ".sentence.lit"))
    card = browser.find_element(By.ID, fragment)
    assert browser.execute_script("return document.querySelector(':target').id") == fragment
    assert card.find_element(By.CSS_SELECTOR, ".quote").is_displayed()
    lit = browser.find_element(By.CSS_SELECTOR, ".sentence.lit")
    assert lit.get_attribute("id") == "s" + card.get_attribute("data-sentence")
    assert lit.value_of_css_property("background-color") not in ("rgba(0, 0, 0, 0)", "transparent")
    assert browser.execute_script("const r = arguments[0].getBoundingClientRect();"
                                  "return r.top >= 0 && r.bottom <= window.innerHeight;", lit)
    assert card.is_displayed()
    no_console_errors(browser)
    browser.get(url + "/state?actor=NER&at=2023-12-22")
    evidence = browser.find_element(By.CSS_SELECTOR, "ul.evidence a")
    assert "#s" in evidence.get_attribute("href")
    evidence.click()
    WebDriverWait(browser, 10).until(lambda b: "/articles/" in b.current_url)
    target = browser.execute_script("const t = document.querySelector(':target'); return t && t.className")
    assert target == "sentence"
    sentence = browser.find_element(By.CSS_SELECTOR, ".sentence:target")
    assert sentence.value_of_css_property("background-color") not in ("rgba(0, 0, 0, 0)", "transparent")

"""Relation states: the seed's gold states, the follow-up corpus, history, timeline, dyads, the rules table.

Stores are real DuckDB files built through the real command line; library calls read the same files.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import duckdb
import pytest

from dyadwatch.model import PLOVER_TYPES
from dyadwatch.stages import observations
from dyadwatch.store import MIGRATIONS, Store, indicators, state
from tests.conftest import DYADWATCH, ROOT, SEED_GOLD, SEED_TEXT, require_shared

FOLLOWUPS = ROOT / "tests" / "data" / "followups"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(DYADWATCH), *map(str, args)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return done


def states(db: Path, *args: str) -> list[dict[str, Any]]:
    return json.loads(run("state", "--db", db, "--format", "json", *args).stdout)


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("seed") / "seed.duckdb"
    run("ingest", "--date", "2023-12-22", SEED_TEXT, "--db", db)
    return db


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("corpus") / "corpus.duckdb"
    run("ingest", "--date", "2023-12-22", SEED_TEXT, "--db", db)
    run("ingest", FOLLOWUPS, "--db", db)
    return db


def find(found: list[dict[str, Any]], relation: str, **sides: Any) -> dict[str, Any]:
    hits = [s for s in found if s["relation"] == relation and all(
        (sorted(s.get(k) or []) == sorted(v)) if k == "members" else s.get(k) == v for k, v in sides.items())]
    assert len(hits) == 1, (relation, sides, found)
    return hits[0]


def cites(state_row: dict[str, Any], text: str) -> bool:
    return any(text in e["text"] for e in state_row["evidence"])


def test_seed_gold_states_hold_on_publication_day(seed_db: Path) -> None:
    gold = json.loads(require_shared(SEED_GOLD).read_text())
    found = states(seed_db, "--at", "2023-12-22")
    for g in gold["states"]:
        if g.get("optional"):
            continue
        sides = {k: g[k] for k in ("host", "partner") if k in g}
        if "members" in g:
            sides["members"] = g["members"]
        else:
            sides["holder"] = g["holder"]
        row = find(found, g["relation"], **sides)
        assert cites(row, g["evidence"]), (g["id"], row["evidence"])
        if "since" in g:
            assert row["valid_from"] == g["since"], g["id"]
    assert find(found, "diplomatic_mission", holder="FRA", host="NER")["value"] == "closed"
    assert find(found, "ambassador", holder="FRA", host="NER")["value"] == "absent"
    assert find(found, "military_presence", holder="FRA", host="NER")["value"]["troops"] == 0
    us = find(found, "military_presence", holder="USA", host="NER")["value"]
    assert (us["troops"], us["bases"], us["status"]) == (">600", 2, "deployed")
    alliance = find(found, "alliance", members=["NER", "BFA", "MLI"])
    assert (alliance["value"], alliance["kind"]) == ("active", "defense")
    assert find(found, "government", holder="NER")["value"]["regime"] == "military"
    wagner = find(found, "security_cooperation", holder="MLI", partner="RUS")
    assert (wagner["value"], wagner["partner_entity"]) == ("active", "Wagner Group")


def test_seed_before_the_coup(seed_db: Path) -> None:
    found = states(seed_db, "--at", "2023-06-30")
    troops = find(found, "military_presence", holder="FRA", host="NER")
    assert troops["value"] == {"troops": ">1500", "status": "deployed"}
    assert cites(troops, "more than 1,500 troops stationed in Niger")
    government = find(found, "government", holder="NER")
    assert government["value"] == {"regime": "civilian", "leader": "Mohamed Bazoum"}
    assert not [s for s in found if s["relation"] in ("diplomatic_mission", "ambassador")]


def test_seed_troop_history(seed_db: Path) -> None:
    found = states(seed_db, "--history", "--actor", "FRA", "--relation", "military_presence")
    assert [s["value"].get("troops") for s in found] == [">1500", 157, 0]
    assert found[0]["valid_to"] == "2023-07" and found[-1]["valid_from"] == "2023-12-22"
    assert cites(found[1], "the remaining 157 have now withdrawn")
    assert cites(found[2], "final French troops have departed Niger")


def test_followups_update_and_supersede(corpus_db: Path) -> None:
    late = states(corpus_db, "--at", "2024-12-31")
    assert find(late, "ambassador", holder="FRA", host="NER")["value"] == "present"
    assert find(late, "diplomatic_mission", holder="FRA", host="NER")["value"] == "open"
    assert find(late, "sanctions", holder="IGOWAS", partner="NER")["value"] == "lifted"
    assert find(late, "security_cooperation", holder="NER", partner="USA")["value"] == "ended"
    assert find(late, "military_presence", holder="USA", host="NER")["value"]["status"] == "withdrawn"
    with Store(corpus_db, read_only=True) as store:
        mission = state.history(store, actor="FRA", relation="diplomatic_mission")
        assert [(s.value, s.valid_from, s.valid_to) for s in mission] == [
            ("closed", "2023-12-22", "2024-10-07"), ("open", "2024-10-07", None)]
        assert len({e["article_id"] for e in mission[0].evidence}) == 2, "the re-report is evidence too"
        sanctions = state.history(store, actor="NER", relation="sanctions")
        assert [s.value for s in sanctions] == ["in_force", "lifted"]


def test_conflicting_troop_count_stays_visible(corpus_db: Path) -> None:
    found = states(corpus_db, "--history", "--actor", "USA", "--relation", "military_presence")
    assert [s["value"]["status"] for s in found] == ["deployed", "deployed", "withdrawing", "withdrawn"]
    later = found[1]
    assert later["value"]["troops"] == "~1100" and later["valid_from"] == "2024-01-10"
    assert later["conflicts"][0]["value"]["troops"] == ">600"
    assert "still maintains two military bases" in later["conflicts"][0]["evidence"][0]["text"]
    assert found[0]["valid_to"] == "2024-01-10", "the older report is superseded, with its evidence kept"
    table = run("state", "--db", corpus_db, "--history", "--actor", "USA", "--relation", "military_presence").stdout
    assert "conflicting" in table


def test_timeline_in_date_order_with_sources(corpus_db: Path) -> None:
    rows = [json.loads(line) for line in run("timeline", "FRA", "NER", "--db", corpus_db, "--format",
                                             "jsonl").stdout.splitlines()]
    dates = [r["date"] for r in rows if r["date"]]
    assert dates == sorted(dates, key=lambda d: d.ljust(10, "0"))
    assert {"event", "state"} <= {r["kind"] for r in rows}
    assert all(r["sources"] and r["sources"][0]["text"] for r in rows)
    closure = [r for r in rows if r["kind"] == "event" and r["event_type"] == "SANCTION" and r["cameo"] == "161"]
    assert closure and closure[0]["mentions"] == 2
    assert "timeline FRA – NER" in run("timeline", "fra", "ner", "--db", corpus_db).stdout


def test_dyads_and_series(corpus_db: Path) -> None:
    ranked = json.loads(run("dyads", "--db", corpus_db, "--top", "5", "--format", "json").stdout)
    assert {"active", "hostile"} == set(ranked)
    assert ("FRA", "NER") in {(r["source"], r["target"]) for r in ranked["active"]}
    assert ranked["hostile"][0]["goldstein_sum"] <= ranked["hostile"][-1]["goldstein_sum"]
    with Store(corpus_db, read_only=True) as store:
        months = indicators.dyad_series(store, "FRA", "NER", "month")
        december = next(m for m in months if m["period"] == "2023-12-01")
        assert december["mentions"] > december["events"], "re-reports count as mentions, not events"
        assert december["quad1"] + december["quad2"] + december["quad3"] + december["quad4"] == december["events"]
        days = indicators.dyad_series(store, "NER", "MLI", "day", directed=True)
        assert days == [] or all(d["period"].startswith("20") for d in days)
    assert "most hostile dyads" in run("dyads", "--db", corpus_db).stdout


def test_dyads_count_only_confident_events_when_asked(corpus_db: Path) -> None:
    def ranked(*args: str) -> dict[tuple[str, str], int]:
        found = json.loads(run("dyads", "--db", corpus_db, "--top", "50", "--format", "json", *args).stdout)
        return {(r["source"], r["target"]): r["events"] for r in found["active"]}

    every = ranked()
    assert ranked("--min-confidence", "0") == every
    confident = ranked("--min-confidence", "0.6")
    assert confident and all(n <= every[dyad] for dyad, n in confident.items())
    assert sum(confident.values()) < sum(every.values())


def test_a_timeline_keeps_only_confident_events_when_asked_and_every_state(corpus_db: Path) -> None:
    def rows(*args: str) -> list[dict[str, Any]]:
        shown = run("timeline", "fra", "ner", "--db", corpus_db, "--format", "jsonl", *args).stdout
        return [json.loads(line) for line in shown.splitlines()]

    every, confident = rows(), rows("--min-confidence", "0.6")
    events = [r for r in every if r["kind"] == "event"]
    kept = [r for r in confident if r["kind"] == "event"]
    assert 0 < len(kept) < len(events)
    assert [r for r in confident if r["kind"] == "state"] == [r for r in every if r["kind"] == "state"]


def test_incremental_ingest_adds_only_its_observations(tmp_path: Path) -> None:
    db = tmp_path / "inc.duckdb"
    run("ingest", "--date", "2023-12-22", SEED_TEXT, "--db", db)
    with Store(db, read_only=True) as store:
        before = [o.to_dict() for o in store.observations()]
        assert state.states_at(store, "2024-09-01", actor="USA", relation="military_presence")[0].value["status"] \
            == "deployed"
    run("ingest", FOLLOWUPS / "08-us-withdrawal-complete.txt", "--db", db)
    with Store(db, read_only=True) as store:
        after = [o.to_dict() for o in store.observations()]
        assert [o for o in after if o in before] == before
        assert {o["article_id"] for o in after if o not in before} != set()
        now = state.states_at(store, "2024-09-01", actor="USA", relation="military_presence")
        assert now[0].value["status"] == "withdrawn" and now[0].value["troops"] == 0


def test_state_command_checks_its_options(seed_db: Path) -> None:
    bad = subprocess.run([str(DYADWATCH), "state", "--db", str(seed_db), "--relation", "friendship"],
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "E013" in bad.stderr
    bad = subprocess.run([str(DYADWATCH), "state", "--db", str(seed_db), "--history"], capture_output=True, text=True)
    assert bad.returncode == 2 and "--actor" in bad.stderr
    csv_out = run("state", "--db", seed_db, "--at", "2023-12-22", "--format", "csv", "--actor", "NER").stdout
    assert csv_out.splitlines()[0].startswith("relation,holder,other,value")


def test_rules_table_integrity() -> None:
    rules = observations.rules()
    assert len({r.id for r in rules}) == len(rules)
    assert {r.relation for r in rules} == set(observations.RELATION_ROLES)
    for rule in rules:
        for event_type in rule.words("type"):
            assert event_type.upper() in PLOVER_TYPES, rule.id
        if rule.source == "sentence":
            assert rule.holder in ("subject", "mention", "members"), rule.id


def test_a_schema_2_store_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMP)")
    for version, sql in MIGRATIONS:
        if version <= 2:
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations (version) VALUES (?)", [version])
    con.close()
    with Store(path) as store:
        assert store.observations() == []
        assert state.states_at(store, "2024-01-01") == []
        assert indicators.top_dyads(store) == {"active": [], "hostile": []}

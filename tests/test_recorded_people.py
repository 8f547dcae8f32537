"""Names the people table does not know resolve to the roles the store saw them in (issue 12)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from dyadwatch.stages import people

from .conftest import DYADWATCH

FIRST = ("French Foreign Minister Pierre Valmorin met Chinese officials in Beijing on Monday "
         "to discuss trade.\n")
LATER = "Valmorin accused Russia of spreading lies about the talks.\n"


def test_store_persons_resolve_a_bare_name_in_a_later_article(tmp_path: Path) -> None:
    first, later, db = tmp_path / "first.txt", tmp_path / "later.txt", tmp_path / "store.duckdb"
    first.write_text(FIRST, encoding="utf-8")
    later.write_text(LATER, encoding="utf-8")
    subprocess.run([str(DYADWATCH), "ingest", str(first), "--db", str(db), "--date", "2024-03-01"],
                   capture_output=True, check=True)
    done = subprocess.run([str(DYADWATCH), "code", str(later), "--date", "2024-04-02", "--db", str(db)],
                          capture_output=True, text=True, check=True)
    events = [json.loads(line) for line in done.stdout.splitlines()]
    assert any(e["source"]["code"] == "FRAGOV" for e in events), events
    blind = subprocess.run([str(DYADWATCH), "code", str(later), "--date", "2024-04-02"],
                           capture_output=True, text=True, check=True)
    assert not any((json.loads(line)["source"] or {}).get("code") == "FRAGOV" for line in blind.stdout.splitlines())


def test_recorded_roles_lapse_a_year_after_the_last_sighting() -> None:
    rows = [{"entity": "person:pierre-valmorin", "name": "Pierre Valmorin", "country": "FRA", "sector": "GOV",
             "date": "2024-03-01"}]
    table = people.recorded(rows, people.table())
    assert table.lookup("Valmorin", day="2024-09-01").code == "FRAGOV"
    assert table.lookup("Pierre Valmorin", day="2024-09-01").code == "FRAGOV"
    assert table.lookup("Valmorin", day="2026-01-01") is None


def test_people_the_table_knows_are_left_to_the_table() -> None:
    rows = [{"entity": people.table().lookup("Tony Blair", day="2005-01-01").entity, "name": "Tony Blair",
             "country": "IRQ", "sector": "GOV", "date": "2005-01-01"}]
    assert people.recorded(rows, people.table()).persons == []

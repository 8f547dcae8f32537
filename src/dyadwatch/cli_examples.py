"""Examples for every command's --help: a new user sees a working command line before the options.

Set on the registered commands after they are defined, so that the commands in cli.py stay as they are.
"""

from __future__ import annotations

import typer

EXAMPLES = {
    "code": ["dyadwatch code --date 2023-12-22 examples/niger-france-embassy.txt --format table",
             "echo 'Chad recalled its ambassador from Sudan.' | dyadwatch code -"],
    "actors": ["dyadwatch actors examples/niger-france-embassy.txt --format table"],
    "persons": ["dyadwatch persons --db news.duckdb", "dyadwatch persons Bazoum --db news.duckdb --limit 0"],
    "ingest": ["dyadwatch ingest examples --db news.duckdb",
               "dyadwatch ingest ../shared/data/bbc --db bbc.duckdb --workers 2"],
    "events": ["dyadwatch events --db news.duckdb --source France --target Niger",
               "dyadwatch events --db news.duckdb --type ASSAULT --coded-only --since 2023-07-01 --limit 0",
               "dyadwatch events --db news.duckdb --format jsonl > events.jsonl"],
    "articles": ["dyadwatch articles --db news.duckdb --limit 10"],
    "show": ["dyadwatch show 735d50f0f4292f42 --db news.duckdb"],
    "dyads": ["dyadwatch dyads --db news.duckdb --top 5"],
    "state": ["dyadwatch state --db news.duckdb --at 2023-12-22 --actor Niger",
              "dyadwatch state --db news.duckdb --actor FRA --history --relation diplomatic_mission"],
    "timeline": ["dyadwatch timeline France Niger --db news.duckdb"],
    "serve": ["dyadwatch serve --db news.duckdb --port 8000"],
    "import": ["dyadwatch import icews ../shared/data/icews_events_2018_sample.tab --db news.duckdb"],
    "export": ["dyadwatch export events.csv --db news.duckdb --source \"United Nations\" --coded-only",
               "dyadwatch export events.tsv --db news.duckdb --format gdelt"],
    "eval": ["dyadwatch eval", "dyadwatch eval --shared /data/shared --format json"],
    "bench": ["dyadwatch bench -n 50"],
}


def add_examples(app: typer.Typer) -> None:
    """Every command's --help ends with examples (one paragraph each, so that help keeps the lines)."""
    for command in app.registered_commands:
        name = command.name or (command.callback.__name__ if command.callback else "")
        lines = EXAMPLES.get(name, [])
        command.epilog = "Examples:\n\n" + "\n\n".join(f"  $ {line}" for line in lines) if lines else None

"""The command line through its real entry point (.venv/bin/dyadwatch), on real files and stores."""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import DYADWATCH, ROOT, SEED_TEXT, SHARED

COMMANDS = ["code", "actors", "ingest", "events", "articles", "show", "dyads", "persons", "state", "timeline",
            "import", "export", "serve", "eval", "bench", "redate"]


def run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(DYADWATCH), *args], input=stdin, capture_output=True, text=True, timeout=300,
                          env=env)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_is_documented(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0, result.stderr
    assert "Usage" in result.stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"dyadwatch {command}\b", readme), f"`dyadwatch {command}` is not in the README"


def test_code_prints_jsonl_events(tmp_path: Path) -> None:
    result = run("code", "--date", "2023-12-22", str(SEED_TEXT))
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(events) >= 8
    assert all(e["event_type"] and e["source"]["span"] and e["article_id"] for e in events)
    assert "0 input(s) rejected" in result.stderr


def test_the_readme_example_is_what_code_prints() -> None:
    """The README's first screen shows `code` on the seed as a table: its count, its first events and its summary
    line are today's output."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```console\n", 1)[1].split("```", 1)[0].splitlines()
    command, shown = block[0].removeprefix("$ ").split(), block[1:]
    assert command[:2] == ["COLUMNS=100", ".venv/bin/dyadwatch"]
    result = subprocess.run([str(DYADWATCH), *command[2:]], capture_output=True, text=True, timeout=300, cwd=ROOT,
                            env={**os.environ, "COLUMNS": "100"})
    assert result.returncode == 0, result.stderr
    printed = [line.rstrip() for line in result.stdout.splitlines()]
    cut = shown.index("…")
    assert printed[:cut] == shown[:cut]
    assert shown[cut + 1] in result.stderr


def test_code_min_confidence_below_the_gate_lets_more_events_out() -> None:
    text = "Workers at the mine went on strike for better pay on Thursday.\n"
    gated = run("code", "--workers", "1", "-", stdin=text)
    assert gated.returncode == 0, gated.stderr
    assert gated.stdout.strip() == ""
    lowered = run("code", "--workers", "1", "--min-confidence", "0", "-", stdin=text)
    assert lowered.returncode == 0, lowered.stderr
    assert [json.loads(line)["event_type"] for line in lowered.stdout.splitlines()] == ["PROTEST"]


def test_code_reads_stdin_and_reports_bad_lines() -> None:
    lines = [json.dumps({"text": "Chad recalled its ambassador from Sudan on Monday.", "date": "2024-05-06"}),
             "{not json", json.dumps({"text": ""})]
    result = run("code", "-", stdin="\n".join(lines))
    assert result.returncode == 1
    assert "<stdin>:2: [E004]" in result.stderr and "<stdin>:3: [E002]" in result.stderr


def test_ingest_is_idempotent_and_rejects_bad_files(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text("Sudan accused Ethiopia of violating its sovereignty.", encoding="utf-8")
    (inputs / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    first = run("ingest", str(inputs), "--db", str(db), "--date", "2024-03-08")
    assert first.returncode == 1
    assert "bin.txt: [E001]" in first.stderr and "stored 1 new article(s)" in first.stderr
    (inputs / "bin.txt").unlink()
    again = run("ingest", str(inputs), "--db", str(db), "--date", "2024-03-08")
    assert again.returncode == 0 and "stored 0 new article(s); 1 already" in again.stderr
    listed = run("articles", "--db", str(db), "--format", "jsonl")
    [article] = [json.loads(line) for line in listed.stdout.splitlines()]
    assert article["date"] == "2024-03-08"
    shown = run("show", article["id"], "--db", str(db))
    assert shown.returncode == 0 and "Ethiopia" in shown.stdout


def test_events_filters_and_formats(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    assert run("ingest", str(SEED_TEXT), "--db", str(db)).returncode == 0
    everything = [json.loads(x) for x in run("events", "--db", str(db), "--format", "jsonl").stdout.splitlines()]
    french = [json.loads(x) for x in
              run("events", "--db", str(db), "--source", "FRA", "--format", "jsonl").stdout.splitlines()]
    assert french and len(french) < len(everything)
    assert all(e["source"]["country"] == "FRA" for e in french)
    csv_out = run("events", "--db", str(db), "--format", "csv", "--limit", "2").stdout.splitlines()
    assert csv_out[0].startswith("id,article_id") and len(csv_out) == 3
    bad = run("events", "--db", str(db), "--since", "last week")
    assert bad.returncode == 2 and "[E009]" in bad.stderr


def test_db_from_environment(tmp_path: Path) -> None:
    import os

    env = {**os.environ, "DYADWATCH_DB": str(tmp_path / "env.duckdb")}
    assert run("ingest", str(SEED_TEXT), env=env).returncode == 0
    assert (tmp_path / "env.duckdb").exists()


def test_show_unknown_article(tmp_path: Path) -> None:
    from dyadwatch.store import Store

    Store(tmp_path / "s.duckdb").close()
    result = run("show", "nope", "--db", str(tmp_path / "s.duckdb"))
    assert result.returncode == 1 and "[E012]" in result.stderr


def test_actors_command_prints_mentions() -> None:
    text = "Former Chadian prime minister Albert Pahimi met Sudan's army chief in N'Djamena."
    result = run("actors", "-", "--input-format", "text", stdin=text)
    assert result.returncode == 0, result.stderr
    mentions = [json.loads(line) for line in result.stdout.splitlines()]
    assert {"article_id", "sentence_index", "text", "span", "code", "country", "sector", "name", "entity", "kind",
            "role", "coref_of"} == set(mentions[0])
    assert any(m["country"] == "SDN" and m["sector"] == "MIL" for m in mentions)
    assert any(m["kind"] == "person" and m["country"] == "TCD" for m in mentions)


def test_eval_scores_the_seed_and_news_dev_and_prints_the_recorded_cross_validation() -> None:
    result = run("eval", "--format", "json", "--shared", str(SHARED))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["seed"]["required_found"] == report["seed"]["required"] == 12
    news = report["news_dev"]
    assert news["items"] == 400 and news["gold_events"] == 312
    assert {"type", "dyad", "strict", "detection", "modality_agreement", "uncoded_actor"} <= set(news)
    assert news["dyad"]["precision"] >= news["strict"]["precision"] and 0 < news["detection"]["precision"] <= 1
    cuts = news["min_confidence"]
    assert [c["at_least"] for c in cuts] == sorted(c["at_least"] for c in cuts)
    assert all(a["events"] >= b["events"] and a["recall"] >= b["recall"] for a, b in itertools.pairwise(cuts))
    assert cuts[0]["events"] <= news["system_events"] and cuts[0]["recall"] <= news["dyad"]["recall"]
    assert 0 < report["classifier_gold_spans"]["macro_f1_mean"] <= 1
    assert report["dyads"]["rules_only_both_actors_covered"] < report["dyads"]["both_actors_covered"] <= 1
    assert report["end_to_end"]["rows"] == 1050 and "threshold" in report["end_to_end"]["setting"]


def test_help_loads_no_model_no_database_and_no_date_parser() -> None:
    """Issue 14: `--help` starts in well under a second because it imports none of the models, DuckDB
    or dateparser (0.1 s each on this machine)."""
    probe = ("import sys\nfrom typer.main import get_command\nfrom dyadwatch.cli import app\n"
             "try:\n    get_command(app).main(['--help'], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in ('spacy', 'onnxruntime', 'dask', 'torch', 'duckdb', 'dateparser')"
             " if m in sys.modules))\n")
    done = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "-c", probe], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout[-500:]


def test_help_and_store_queries_load_no_model(tmp_path: Path) -> None:
    """Issue 14: --help and read commands start fast because they never import spaCy, ONNX Runtime
    or Dask; only the coding commands do."""
    db = tmp_path / "s.duckdb"
    subprocess.run([str(DYADWATCH), "ingest", str(ROOT / "examples" / "niger-france-embassy.txt"), "--db", str(db),
                    "--date", "2023-12-22", "--workers", "1"], capture_output=True, check=True)
    probe = ("import sys\nfrom typer.main import get_command\nfrom dyadwatch.cli import app\n"
             "for args in (['--help'], ['events', '--db', sys.argv[1]], ['dyads', '--db', sys.argv[1]],\n"
             "             ['state', '--db', sys.argv[1], '--at', '2023-12-22']):\n"
             "    try:\n        get_command(app).main(args, standalone_mode=False)\n"
             "    except SystemExit:\n        pass\n"
             "print(sorted(m for m in ('spacy', 'onnxruntime', 'dask', 'torch') if m in sys.modules))\n")
    done = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "-c", probe, str(db)], capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout[-500:]

"""Shared fixtures: paths to ../shared (read in place, never copied) and fresh stores."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from dyadwatch.store import Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DYADWATCH_SHARED", ROOT.parent / "shared"))
SEED_TEXT = ROOT / "examples" / "niger-france-embassy.txt"
SEED_GOLD = SHARED / "seed" / "niger-france-embassy.gold.json"
BBC = SHARED / "data" / "bbc"
DYADWATCH = ROOT / ".venv" / "bin" / "dyadwatch"


@pytest.fixture(autouse=True, scope="session")
def _no_inherited_terminal_size() -> None:
    """pytest imports readline, which exports COLUMNS=80 and LINES=24 to child processes (at the C level:
    os.environ does not show them). The CLI honours COLUMNS, so the tests start it without them; a test
    that wants a width sets COLUMNS itself."""
    for name in ("COLUMNS", "LINES"):
        os.unsetenv(name)


@pytest.fixture(scope="session")
def pipeline():  # type: ignore[no-untyped-def]
    from dyadwatch.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def ungated():  # type: ignore[no-untyped-def]
    """The pipeline without the relevance gate: what the coder and the words-versus-deeds stage propose."""
    from dyadwatch.pipeline import Pipeline

    return Pipeline(gate=False)


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "test.duckdb") as s:
        yield s


def require_shared(path: Path) -> Path:
    """Tests that read ../shared say so plainly when it is missing rather than passing silently."""
    if not path.exists():
        pytest.fail(f"shared data not found at {path}; set DYADWATCH_SHARED to the shared/ folder")
    return path

"""Property-based fuzzing of reader → pipeline → store (issue 16), bounded to stay well under 60 s.

The long run is `make fuzz` (tests/fuzz.py, 10,000 sentences; figures in docs/benchmarks.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyadwatch.pipeline import Pipeline
from dyadwatch.store import Store
from tests import fuzz

EXAMPLES = 25


def test_fuzzed_batches_never_fail(tmp_path: Path, pipeline: Pipeline) -> None:  # type: ignore[no-untyped-def]
    figures = fuzz.Figures()
    with Store(tmp_path / "fuzz.duckdb") as store:

        @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                  suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
        @given(st.lists(fuzz.record, min_size=1, max_size=4))
        def batch_of(records: list[dict[str, Any]]) -> None:
            before = fuzz.Figures(**{k: getattr(figures, k) for k in ("records", "batches")})
            fuzz.run_batch(records, store, pipeline, tmp_path, figures)
            assert figures.records == before.records + len(records)
            assert (figures.exceptions, figures.lost_batches, figures.invalid_lines, figures.invalid_dates,
                    figures.invalid_spans, figures.valid_rejected) == (0, 0, 0, 0, 0, 0), figures.problems

        batch_of()
    assert figures.batches == EXAMPLES and figures.sentences > 0


def test_the_fuzz_set_holds_the_adversarial_cases() -> None:
    records = fuzz.generate(300)
    texts = [r["text"] for r in records]
    assert len(records) == 300 and all(t.strip() for t in texts)
    assert any(len(t) > 1000 for t in texts) and any(" ago" in t for t in texts)
    assert any("\u2028" in t or "\u0085" in t for t in texts)
    assert fuzz.generate(50) == fuzz.generate(50)

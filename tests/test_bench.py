"""The benchmark's report (issue 14): CPU per sentence beside the wall-time ratios."""

from __future__ import annotations

import multiprocessing
import time

from dyadwatch.evaluation.bench import BenchResult, ScreenReport, _spare, bbc_articles, children_cpu, children_peak_mb
from tests.conftest import SHARED, require_shared


def _result(**cpu: float | None) -> BenchResult:
    return BenchResult(articles=10, sentences=2000, events=5, spacy_seconds=10.0, dyadwatch_seconds=5.0, peak_mb=900,
                       workers=2, pooled_seconds=4.0, worker_peak_mb=400, screened=ScreenReport({}, None), **cpu)


def test_cpu_lines_give_seconds_per_thousand_sentences_and_the_ratio_to_spacy() -> None:
    lines = _result(spacy_cpu=12.0, dyadwatch_cpu=8.0, pooled_cpu=7.5).lines()
    assert ("CPU per 1,000 sentences: spaCy 6.00 s, dyadwatch one process 4.00 s "
            "(CPU ratio spaCy/dyadwatch: 1.50)") in lines
    assert ("CPU per 1,000 sentences, 2 worker processes together: 3.75 s "
            "(CPU ratio spaCy/dyadwatch: 1.60)") in lines
    assert "ratio dyadwatch/spaCy: 2.00 (speed ratio, sentences/s)" in lines


def test_without_cpu_figures_the_report_has_no_cpu_line() -> None:
    assert not any(line.startswith("CPU") for line in _result().lines())
    assert not any("worker processes together" in line for line in _result(spacy_cpu=1.0, dyadwatch_cpu=1.0).lines())


def _spin(seconds: float, done: multiprocessing.synchronize.Event) -> None:
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass
    done.wait(30)


def test_children_cpu_counts_what_a_live_child_process_spent() -> None:
    context = multiprocessing.get_context("spawn")
    done = context.Event()
    before = children_cpu()
    child = context.Process(target=_spin, args=(0.5, done))
    child.start()
    try:
        deadline = time.monotonic() + 30
        spent = 0.0
        while spent < 0.4 and time.monotonic() < deadline:
            time.sleep(0.1)
            spent = (children_cpu() or 0.0) - (before or 0.0)
        assert 0.4 <= spent < 5
        assert 5 < children_peak_mb() < 1000  # the child's own interpreter, not this process's memory
    finally:
        done.set()
        child.join(30)
    assert children_cpu() == before


def test_workers_start_on_articles_outside_the_timed_text() -> None:
    """Each round's workers start on other articles, so nothing of the timed text is in their caches."""
    timed = bbc_articles(require_shared(SHARED), n=6)
    spare = _spare(SHARED, timed, 4)
    assert len(spare) == 4 and not {a.text for a in spare} & {a.text for a in timed}

"""Fuzzing the whole path (JSON Lines reader → pipeline → store) with random and adversarial sentences.

`tests/test_fuzz.py` runs a bounded number of examples in `make test`; `make fuzz` runs this module for
10,000 sentences in batches of 500 and prints the figures recorded in docs/benchmarks.md:
`python -m tests.fuzz -n 10000`. Every generated record is a valid input (non-blank text, no lone
surrogate, within the size limit), so any rejection counts as a valid record rejected.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyadwatch import batch
from dyadwatch.io import readers
from dyadwatch.model import DATE_PRECISIONS, MODALITIES, PLOVER_TYPES, CodedArticle
from dyadwatch.pipeline import Pipeline
from dyadwatch.stages import dates
from dyadwatch.store import Store

ACTORS = ["France", "Niger", "Russia", "Ukraine", "the United Nations", "Mali's junta", "President Macron",
          "Chinese troops", "the European Union", "Hamas", "NATO", "Burkina Faso", "rebels", "the police"]
VERBS = ["attacked", "met", "accused", "signed an agreement with", "withdrew 1,500 troops from", "threatened",
         "recalled its ambassador from", "imposed sanctions on", "protested against", "praised", "expelled",
         "will meet", "did not attack", "said it may sanction", "closed its embassy in"]
UNITS = ["day", "days", "week", "weeks", "month", "months", "year", "years", "decade", "decades"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
EVENT_KEYS = ["id", "article_id", "sentence_index", "sentence", "span", "event_type", "mode", "context", "cameo",
              "goldstein", "quad_class", "source", "target", "date", "date_precision", "date_text", "location",
              "quantities", "modality", "attribution", "confidence"]

numbers = st.one_of(st.integers(0, 12), st.integers(0, 10**7), st.sampled_from(["a", "one", "several", "a few"]))
when = st.one_of(
    st.builds(lambda n, u, r: f"{n} {u} {r}", numbers, st.sampled_from(UNITS),
              st.sampled_from(["ago", "before", "after", "later", "earlier"])),
    st.builds(lambda d, m, y: f"on {d} {m} {y}", st.integers(0, 40), st.sampled_from(MONTHS), st.integers(0, 99999)),
    st.builds(lambda m, d: f"on {m} {d}", st.sampled_from(MONTHS), st.integers(0, 99)),
    st.builds(lambda y: f"in {y}", st.integers(0, 99999)),
    st.builds(lambda n: f"on the {n}th", st.integers(0, 999)),
    st.sampled_from(["yesterday", "tomorrow", "last year", "next month", "last Monday", "this spring",
                     "year 0", "in the year 10000", "30 February", "recently", "last night", ""]),
)
runs = st.builds(lambda s, n: s * n, st.sampled_from(["\U0001F600", "!", "?", "-", "a", ".", "\u2014", "\u202e",
                                                      "\u2028", "\u0085", "\u200b", "\t", "\U0001F1EB\U0001F1F7"]),
                 st.integers(1, 3000))
junk = st.text(alphabet=st.characters(exclude_categories=("Cs",)), min_size=0, max_size=200)
news = st.builds(lambda a, v, b, w: f"{a} {v} {b} {w}.", st.sampled_from(ACTORS), st.sampled_from(VERBS),
                 st.sampled_from(ACTORS), when)
sentence = st.one_of(
    news, news, news,
    st.builds(lambda s, j: f"{s} {j}", news, junk),
    st.builds(lambda j, s: f"{j}{s}", runs, news),
    st.builds(lambda s, r, t: f"{s}{r}{t}", news, runs, news),
    junk, runs,
).filter(lambda text: bool(text.strip()))
base_dates = st.one_of(st.none(), st.sampled_from(["0001-01-01", "9999-12-31", "2024-02-29", "1900-01-01"]),
                       st.dates().map(lambda d: d.isoformat()))
record = st.builds(lambda text, day: {"text": text, **({"date": day} if day else {})}, sentence, base_dates)


@dataclass(slots=True)
class Figures:
    """What a fuzz run found: exceptions, lost batches, invalid lines, dates and spans, and valid records
    rejected should all be 0."""

    records: int = 0
    batches: int = 0
    sentences: int = 0
    events: int = 0
    seconds: float = 0.0
    exceptions: int = 0
    lost_batches: int = 0
    invalid_lines: int = 0
    invalid_dates: int = 0
    invalid_spans: int = 0
    valid_rejected: int = 0
    implicit_targets_elsewhere: int = 0
    problems: list[str] = field(default_factory=list)

    def add(self, kind: str, detail: str) -> None:
        setattr(self, kind, getattr(self, kind) + 1)
        if len(self.problems) < 20:
            self.problems.append(f"{kind}: {detail}")


def check_event_line(line: str, coded: CodedArticle, figures: Figures) -> None:
    """One output line of `dyadwatch code`: JSON, the contract's keys and values, spans inside the sentence."""
    try:
        event = json.loads(line)
    except json.JSONDecodeError as exc:
        figures.add("invalid_lines", str(exc))
        return
    if list(event) != EVENT_KEYS or event["event_type"] not in PLOVER_TYPES or (
            event["modality"] not in MODALITIES or event["date_precision"] not in DATE_PRECISIONS):
        figures.add("invalid_lines", line[:200])
    if event["date"] is not None and not dates.valid_value(event["date"]):
        figures.add("invalid_dates", repr(event["date"]))
    sentence = coded.sentences[event["sentence_index"]]
    spans = [event["span"], event["source"]["span"]]
    text = coded.article.text
    if sentence.text != event["sentence"] or text[sentence.start:sentence.end] != sentence.text or any(
            not sentence.start <= start <= end <= sentence.end for start, end in spans):
        figures.add("invalid_spans", f"{spans} outside {sentence.start}-{sentence.end} in {text[:300]!r}")
    target = event["target"]
    if target is None:
        return
    start, end = target["span"]
    if not sentence.start <= start <= end <= sentence.end:
        # By design an implicit target ("the last troops left" → the country the article is about) points
        # at where the article names it, which may be another sentence: it must name it there exactly.
        figures.implicit_targets_elsewhere += 1
        if text[start:end] != target["text"]:
            figures.add("invalid_spans", f"target {target['span']} is not {target['text']!r} in {text[:300]!r}")


def run_batch(records: list[dict[str, Any]], store: Store, pipeline: Pipeline, folder: Path,
              figures: Figures) -> None:
    """Read a batch from a JSON Lines file, code it, check every output line, store it."""
    path = folder / f"batch{figures.batches}.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    report = batch.Report()
    rejected: list[readers.Rejection] = []
    guard = batch.Guard(report, rejected.append)
    figures.batches += 1
    figures.records += len(records)
    try:
        coded = []
        for c in batch.code(readers.read([str(path)]), report, rejected.append, pipeline=pipeline):
            for event in c.events:
                check_event_line(json.dumps(event.to_dict(), ensure_ascii=False), c, figures)
            coded.append(c)
        batch.store_isolated(store, coded, guard)
    except Exception as exc:  # the figure this run exists to count
        figures.add("exceptions", f"{type(exc).__name__}: {exc}")
        figures.add("lost_batches", path.name)
        return
    for rejection in rejected:
        figures.add("valid_rejected", str(rejection)[:300])
    figures.sentences += report.sentences
    figures.events += report.events
    ids = {c.article.id for c in coded}
    if store.known_ids(ids) != ids:
        figures.add("lost_batches", f"{path.name}: {len(ids - store.known_ids(ids))} article(s) not stored")


def generate(n: int) -> list[dict[str, Any]]:
    """`n` records drawn by hypothesis (derandomized: the same records on every run)."""
    drawn: list[dict[str, Any]] = []

    @settings(max_examples=n, database=None, derandomize=True, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(record)
    def collect(r: dict[str, Any]) -> None:
        drawn.append(r)

    collect()
    return drawn[:n]


def bbc_rate(pipeline: Pipeline, shared: Path, articles: int) -> float:
    files = sorted((shared / "data" / "bbc").glob("*/*.txt"))[:articles]
    items = [i for i in readers.read([str(f) for f in files], default_date="2005-01-01")]
    started = time.perf_counter()
    sentences = sum(len(c.sentences) for c in batch.code(items, batch.Report(), print, pipeline=pipeline))
    return sentences / (time.perf_counter() - started)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--examples", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--bbc", type=int, default=100, help="BBC articles for the throughput comparison")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    records = generate(args.examples)
    print(f"generated {len(records):,} records in {time.perf_counter() - started:.0f} s", flush=True)
    pipeline = Pipeline()
    pipeline.code(readers.make_article("France met Niger.", {}, origin="warm-up"))
    figures = Figures()
    with tempfile.TemporaryDirectory(prefix="dyadwatch-fuzz-") as tmp, Store(Path(tmp) / "fuzz.duckdb") as store:
        started = time.perf_counter()
        for i in range(0, len(records), args.batch):
            run_batch(records[i:i + args.batch], store, pipeline, Path(tmp), figures)
            print(f"batch {figures.batches}: {figures.sentences:,} sentences, {figures.events:,} events, "
                  f"{time.perf_counter() - started:.0f} s", flush=True)
        figures.seconds = time.perf_counter() - started
    fuzz_rate = figures.sentences / figures.seconds
    bbc = bbc_rate(pipeline, args.shared, args.bbc)
    summary: dict[str, Any] = {k: v for k, v in asdict(figures).items() if k != "problems"}
    summary |= {"fuzz_sentences_per_s": round(fuzz_rate, 1), "bbc_sentences_per_s": round(bbc, 1),
                "bbc_over_fuzz": round(bbc / fuzz_rate, 2)}
    print(json.dumps(summary, indent=1))
    for problem in figures.problems:
        print(problem)


if __name__ == "__main__":
    main()

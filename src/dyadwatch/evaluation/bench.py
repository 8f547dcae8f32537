"""Throughput benchmark: our whole pipeline against spaCy's small model on the same text, same run.

Speed is reported as a ratio to spaCy's default pipeline (`nlp.pipe`, batch size 64, one process)
so figures stay comparable across machines; `make bench` runs this on BBC politics and business.
Our pipeline is timed on one process and on every core (`PooledPipeline`, workers started and their
models loaded before the clock starts), and the all-core rate projects the wall time of a GDELT-sized
day (`DAY_SENTENCES`). Beside the rates it reports what the screen before the parser passes
(`dyadwatch.stages.screen`): its pass rates on this text, the whole BBC corpus and news_dev's sentences, and the
share of news_dev's gold events in sentences it passes.

Wall time on a shared machine swings with its neighbours (spaCy's baseline read 113-205 sentences/s within
an hour here), so each run is also measured in CPU-seconds per 1,000 sentences: the CPU this process spent
(the classifier's threads included) and, for the workers, the CPU their processes spent, read from
/proc (Linux). CPU time leaves out the time a busy machine keeps a process waiting, so it moves less from
run to run, and it shows what the all-core rate cannot: how much work a sentence costs.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import time
from dataclasses import dataclass
from pathlib import Path

import spacy

from dyadwatch.evaluation import eval_news
from dyadwatch.io import readers
from dyadwatch.model import Article
from dyadwatch.parallel import CHUNK_ARTICLES, PooledPipeline, cores
from dyadwatch.pipeline import Pipeline
from dyadwatch.stages import nlp, places, screen
from dyadwatch.stages.classifier import EventTypeClassifier

# Sentences in a day of GDELT's world news, roughly (issue 14).
DAY_SENTENCES = 5_000_000
# Chunks of other articles each worker codes before a round is timed, so that the round times a worker as a
# day's run keeps it, for hours, not a new process's first calls and first words (lemma and attribute tables,
# spaCy's vocabulary). With one chunk each the 2-worker rate read 7% lower than with four; with sixteen (64
# articles, some 1,200 sentences each) the workers' CPU per 1,000 sentences reads 5-10% below four's.
WARM_UP_CHUNKS = 16


@dataclass(slots=True)
class BenchResult:
    articles: int
    sentences: int
    events: int
    spacy_seconds: float
    dyadwatch_seconds: float
    peak_mb: float
    workers: int
    pooled_seconds: float
    worker_peak_mb: float
    screened: ScreenReport
    rounds: int = 1
    warm_up_articles: int = 0
    spacy_cpu: float | None = None
    dyadwatch_cpu: float | None = None
    pooled_cpu: float | None = None

    @property
    def spacy_rate(self) -> float:
        return self.sentences / self.spacy_seconds

    @property
    def dyadwatch_rate(self) -> float:
        return self.sentences / self.dyadwatch_seconds

    @property
    def pooled_rate(self) -> float:
        return self.sentences / self.pooled_seconds

    def lines(self) -> list[str]:
        day_hours = DAY_SENTENCES / self.pooled_rate / 3600
        return [
            f"articles: {self.articles}  sentences: {self.sentences}  events: {self.events}  "
            f"(best of {self.rounds} rounds for each time)",
            f"spaCy {nlp.MODEL_NAME} (default pipeline, one process): {self.spacy_seconds:.2f} s, "
            f"{self.spacy_rate:.0f} sentences/s",
            f"dyadwatch end to end, one process: {self.dyadwatch_seconds:.2f} s, {self.dyadwatch_rate:.0f} sentences/s",
            f"ratio dyadwatch/spaCy: {self.dyadwatch_rate / self.spacy_rate:.2f} (speed ratio, sentences/s)",
            *self.screened.lines(),
            f"dyadwatch end to end, {self.workers} worker processes: {self.pooled_seconds:.2f} s, "
            f"{self.pooled_rate:.0f} sentences/s (new workers each round, warmed up on about "
            f"{self.warm_up_articles} other articles each)",
            f"ratio dyadwatch all cores/spaCy one process: {self.pooled_rate / self.spacy_rate:.2f}",
            f"peak memory: {self.peak_mb:.0f} MB this process, {self.worker_peak_mb:.0f} MB per worker",
            f"projected wall time for {DAY_SENTENCES:,} sentences on {self.workers} cores: {day_hours:.1f} h",
            *self.cpu_lines(),
        ]

    def per_thousand(self, seconds: float) -> float:
        return seconds / self.sentences * 1000

    def cpu_lines(self) -> list[str]:
        """CPU-seconds per 1,000 sentences, and how many times less CPU a sentence costs us than spaCy."""
        if self.spacy_cpu is None or self.dyadwatch_cpu is None:
            return []
        spacy, ours = self.per_thousand(self.spacy_cpu), self.per_thousand(self.dyadwatch_cpu)
        out = [f"CPU per 1,000 sentences: spaCy {spacy:.2f} s, dyadwatch one process {ours:.2f} s "
               f"(CPU ratio spaCy/dyadwatch: {spacy / ours:.2f})"]
        if self.pooled_cpu is not None:
            pooled = self.per_thousand(self.pooled_cpu)
            out.append(f"CPU per 1,000 sentences, {self.workers} worker processes together: {pooled:.2f} s "
                       f"(CPU ratio spaCy/dyadwatch: {spacy / pooled:.2f})")
        return out


@dataclass(slots=True)
class ScreenReport:
    """What the screen passes (`dyadwatch.stages.screen`): shares of sentences parsed, and of gold events kept."""

    passed: dict[str, tuple[int, int]]
    gold_events: tuple[int, int] | None

    def lines(self) -> list[str]:
        out = [f"screen passes {p / max(n, 1):.1%} of {n:,} sentences ({name}); the rest are stored unparsed"
               for name, (p, n) in self.passed.items()]
        if self.gold_events:
            kept, total = self.gold_events
            out.append(f"screen recall: {kept}/{total} news_dev gold events ({kept / total:.3f}) "
                       "are in passed sentences")
        return out


def screen_report(shared: Path, articles: list[Article]) -> ScreenReport:
    """Pass rates on the benchmark text, the whole BBC corpus and news_dev, and recall of news_dev's events."""
    sieve, model = screen.shipped(), nlp.load()

    def count(texts: list[str]) -> tuple[int, int]:
        verdicts = []
        for text in texts:
            doc, sentences = nlp.screen_sentences(model, text, sieve)
            verdicts += [passed for start, end, passed in sentences if doc[start:end].text.strip()]
        return sum(verdicts), len(verdicts)

    passed = {"this text": count([a.text for a in articles])}
    everything = sorted((shared / "data" / "bbc").glob("*/*.txt"))
    if everything:
        passed["the BBC corpus"] = count([p.read_text(encoding="utf-8", errors="replace") for p in everything])
    gold_path = shared / "data" / "gold" / "news_dev.jsonl"
    if not gold_path.is_file():
        return ScreenReport(passed, None)
    items = eval_news.load(gold_path)
    passed["news_dev sentences"] = count([it["text"] for it in items])
    kept = sum(len(it["events"]) for it in items
               if sieve.passes_text([t.lower_ for t in model.tokenizer(it["text"])], it["text"]))
    return ScreenReport(passed, (kept, sum(len(it["events"]) for it in items)))


def bbc_articles(shared: Path, categories: tuple[str, ...] = ("politics", "business"), n: int = 200) -> list[Article]:
    """The first n articles (sorted by path) of the given BBC categories, read by our reader."""
    files: list[Path] = []
    for category in categories:
        files += sorted((shared / "data" / "bbc" / category).glob("*.txt"))
    files = sorted(files, key=lambda p: (p.name, p.parent.name))[:n]
    return [a for a in readers.read([str(p) for p in files]) if isinstance(a, Article)]


def _spare(shared: Path, articles: list[Article], n: int) -> list[Article]:
    """`n` BBC politics and business articles outside `articles`, to start workers on (enough to start
    them all), so that nothing of the timed text is cached in them; the timed text itself when there are
    none."""
    timed = {a.text for a in articles}
    others = [a for a in bbc_articles(shared, n=len(articles) + n) if a.text not in timed]
    return others[:n] if len(others) >= n else articles[:n]


def _children_proc(name: str) -> list[str] | None:
    """The /proc/<pid>/`name` file of each live child process (the pool's workers); None when one cannot be
    read (no /proc, or a child gone meanwhile), so that no figure sums over part of the workers."""
    texts = []
    for child in multiprocessing.active_children():
        try:
            with open(f"/proc/{child.pid}/{name}", encoding="ascii") as f:
                texts.append(f.read())
        except OSError:
            return None
    return texts


def children_peak_mb() -> float:
    """The largest peak resident memory (VmHWM) of this process's live child processes, in MB.

    Not `getrusage(RUSAGE_CHILDREN)`: a child started by fork and exec keeps, in that figure, the memory of
    the parent it was forked from (`dyadwatch bench` once reported its own size as each worker's)."""
    kb = [int(line.split()[1]) for text in _children_proc("status") or [] for line in text.splitlines()
          if line.startswith("VmHWM:")]
    return max(kb, default=0) / 1024


def children_cpu() -> float | None:
    """CPU-seconds spent so far by this process's live child processes (user and system time); None where
    /proc cannot tell."""
    texts = _children_proc("stat")
    if texts is None:
        return None
    ticks = 0
    for text in texts:
        fields = text.rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def run(articles: list[Article], shared: Path, rounds: int = 3) -> BenchResult:
    """Time spaCy's default pipeline, ours on one process and ours on every core, on the same articles
    (models loaded and workers started before timing), `rounds` times in turn; each keeps its best time,
    and its least CPU, so that a busy moment of a shared machine does not land on one side of a ratio
    only.

    Every round codes the text as if for the first time: the classifier forgets the logits it keeps
    (`EventTypeClassifier.forget`), and each round's workers are new ones, warmed up on other articles
    (`WARM_UP_CHUNKS`), so no round is served from what an earlier one cached."""
    baseline = spacy.load(nlp.MODEL_NAME)
    pipeline = Pipeline()
    places.load()
    list(pipeline.pipe(articles[:2]))
    texts = [a.text for a in articles]
    workers = cores()
    spare = _spare(shared, articles, WARM_UP_CHUNKS * workers * CHUNK_ARTICLES)
    spacy_seconds = ours = pooled_seconds = float("inf")
    spacy_cpu = ours_cpu = pooled_cpu = float("inf")
    worker_peak = 0.0
    for _ in range(rounds):
        start, cpu = time.perf_counter(), time.process_time()
        for _ in baseline.pipe(texts, batch_size=64):
            pass
        spacy_seconds = min(spacy_seconds, time.perf_counter() - start)
        spacy_cpu = min(spacy_cpu, time.process_time() - cpu)
        EventTypeClassifier.load().forget()
        start, cpu = time.perf_counter(), time.process_time()
        coded = list(pipeline.pipe(articles))
        ours = min(ours, time.perf_counter() - start)
        ours_cpu = min(ours_cpu, time.process_time() - cpu)
        with PooledPipeline(workers) as pooled:
            list(pooled.pipe(spare))
            start, cpu, workers_cpu = time.perf_counter(), time.process_time(), children_cpu()
            list(pooled.pipe(articles))
            pooled_seconds = min(pooled_seconds, time.perf_counter() - start)
            after = children_cpu()
            if workers_cpu is not None and after is not None:
                pooled_cpu = min(pooled_cpu, after - workers_cpu + time.process_time() - cpu)
            worker_peak = max(worker_peak, children_peak_mb())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return BenchResult(len(articles), sum(len(c.sentences) for c in coded), sum(len(c.events) for c in coded),
                       spacy_seconds, ours, peak, workers, pooled_seconds, worker_peak or peak,
                       screen_report(shared, articles),
                       rounds, len(spare) // workers, spacy_cpu, ours_cpu,
                       pooled_cpu if pooled_cpu < float("inf") else None)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", default="../shared", help="The shared/ folder with data/bbc.")
    parser.add_argument("-n", type=int, default=200, help="How many articles.")
    parser.add_argument("--rounds", type=int, default=3, help="Timings of each, the best kept.")
    args = parser.parse_args(argv)
    for line in run(bbc_articles(Path(args.shared), n=args.n), Path(args.shared), args.rounds).lines():
        print(line)


if __name__ == "__main__":
    main()

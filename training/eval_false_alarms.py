"""Events on non-political text: the first N BBC files (sorted by name) of sport, entertainment and tech.

Almost every event coded there is a false alarm, so events per 100 sentences measures how much noise the
coder makes; the share of events whose source has no code measures the actors stage. Files reserved for
the gold sets are counted like the rest: this reads them to measure, never to train or tune.

usage: python training/eval_false_alarms.py [--shared ../shared] [-n 60]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from dyadwatch.io.readers import read_file
from dyadwatch.model import Article
from dyadwatch.pipeline import Pipeline

CATEGORIES = ("sport", "entertainment", "tech")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("-n", type=int, default=60)
    args = ap.parse_args()
    articles: list[Article] = []
    for category in CATEGORIES:
        for path in sorted((args.shared / "data" / "bbc" / category).glob("*.txt"))[: args.n]:
            articles += [item for item in read_file(path, "text") if isinstance(item, Article)]
    sentences = events = uncoded = 0
    types: Counter[str] = Counter()
    for coded in Pipeline().pipe(articles):
        sentences += len(coded.sentences)
        events += len(coded.events)
        uncoded += sum(1 for e in coded.events if not (e.source and e.source.code))
        types.update(e.event_type for e in coded.events)
    print(f"{len(articles)} articles, {sentences} sentences, {events} events: "
          f"{100 * events / max(sentences, 1):.1f} per 100 sentences; "
          f"uncoded sources {uncoded}/{events}; types {dict(types.most_common(5))}")


if __name__ == "__main__":
    main()

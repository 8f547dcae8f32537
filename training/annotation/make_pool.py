"""Draw the sentences for the exhaustive event annotation (training/annotation/README.md), seeded.

Mirrors the make-up of news_dev: international news sentences from plv_train and cameo_real_news,
and sentences drawn from random BBC articles, each with up to two preceding sentences and the
headline as context. Files listed in ../shared/data/gold/reserved_bbc_files.txt are never drawn
(they feed news_dev, its twin and the false-alarm benchmark).

Rounds 2 to 7 draw afresh with their own seed and plan, leaving out every sentence an earlier round drew.

usage: .venv/bin/python training/annotation/make_pool.py [--shared ../shared] > training/annotation/pool.jsonl
       .venv/bin/python training/annotation/make_pool.py --round 2 > training/annotation/pool2.jsonl
       .venv/bin/python training/annotation/make_pool.py --round 3 > training/annotation/pool3.jsonl
       .venv/bin/python training/annotation/make_pool.py --round 4 > training/annotation/pool4.jsonl
       .venv/bin/python training/annotation/make_pool.py --round 5 > training/annotation/pool5.jsonl
       .venv/bin/python training/annotation/make_pool.py --round 6 > training/annotation/pool6.jsonl
       .venv/bin/python training/annotation/make_pool.py --round 7 > training/annotation/pool7.jsonl
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from dyadwatch.evaluation import eval_news

HERE = Path(__file__).resolve().parent
ROUNDS = {1: (13, "pool.jsonl", {"plv": 300, "cameo": 300, "bbc/politics": 540, "bbc/business": 250,
                                 "bbc/entertainment": 100, "bbc/tech": 90, "bbc/sport": 90}),
          2: (29, "pool2.jsonl", {"plv": 300, "cameo": 200, "bbc/politics": 420, "bbc/business": 160,
                                  "bbc/entertainment": 40, "bbc/tech": 40, "bbc/sport": 40}),
          3: (31, "pool3.jsonl", {"plv": 260, "cameo": 100, "bbc/politics": 420, "bbc/business": 130,
                                  "bbc/entertainment": 30, "bbc/tech": 30, "bbc/sport": 30}),
          4: (37, "pool4.jsonl", {"plv": 2, "cameo": 21, "bbc/politics": 420, "bbc/business": 170,
                                  "bbc/entertainment": 30, "bbc/tech": 30, "bbc/sport": 30}),
          5: (41, "pool5.jsonl", {"plv": 0, "cameo": 0, "bbc/politics": 700, "bbc/business": 450,
                                  "bbc/entertainment": 80, "bbc/tech": 90, "bbc/sport": 80}),
          6: (43, "pool6.jsonl", {"plv": 0, "cameo": 0, "bbc/politics": 560, "bbc/business": 240,
                                  "bbc/entertainment": 50, "bbc/tech": 50, "bbc/sport": 50}),
          7: (47, "pool7.jsonl", {"plv": 0, "cameo": 0, "bbc/politics": 560, "bbc/business": 240,
                                  "bbc/entertainment": 50, "bbc/tech": 50, "bbc/sport": 50})}
SENTENCE_END = re.compile(r"(?<=[.!?\"])\s+(?=[A-Z\"'(])")


def sentences(body: str) -> list[str]:
    """Paragraph lines cut at sentence ends; good enough to pick items (the pipeline re-parses)."""
    out: list[str] = []
    for para in body.splitlines():
        out.extend(s.strip() for s in SENTENCE_END.split(para.strip()) if s.strip())
    return out


def bbc_items(shared: Path, category: str, n: int, rng: random.Random, reserved: set[str], taken: set[str],
              prefix: str) -> list[dict]:
    """n sentences, one per article per round (several rounds when the category has fewer articles)."""
    folder = shared / "data" / category
    files = sorted(p for p in folder.iterdir() if f"{category.split('/')[1]}/{p.name}" not in reserved)
    rng.shuffle(files)
    used: dict[Path, set[int]] = {path: set() for path in files}
    items: list[dict] = []
    while len(items) < n:
        for path in files:
            if len(items) == n:
                break
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            title, sents = lines[0].strip(), sentences("\n".join(lines[1:]))
            usable = [i for i, s in enumerate(sents)
                      if 6 <= len(s.split()) <= 70 and i not in used[path] and s not in taken]
            if not usable:
                continue
            i = rng.choice(usable)
            used[path].add(i)
            items.append({"id": f"{prefix}{category.split('/')[1][:3]}{len(items):03d}", "corpus": category,
                          "title": title, "context": " ".join(sents[max(0, i - 2):i]), "text": sents[i],
                          "file": path.name, "date": "2005-01-01"})
    return items


def news_items(shared: Path, rng: random.Random, plan: dict[str, int], taken: set[str], prefix: str) -> list[dict]:
    with open(shared / "data" / "plv_train.tsv", encoding="utf-8") as f:
        plv = sorted({row["sentence"].strip() for row in csv.DictReader(f, delimiter="\t") if row["sentence"]} - taken)
    with open(shared / "data" / "cameo_real_news.jsonl", encoding="utf-8") as f:
        cameo = sorted({json.loads(line)["text"].strip() for line in f if line.strip()} - taken)
    items = []
    for name, pool in (("plv", plv), ("cameo", cameo)):
        for k, text in enumerate(rng.sample(pool, plan[name])):
            items.append({"id": f"{prefix}{name}{k:03d}", "corpus": name, "title": "", "context": "", "text": text})
    return items


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default="../shared", type=Path)
    ap.add_argument("--round", default=1, type=int, choices=sorted(ROUNDS))
    args = ap.parse_args()
    seed, _, plan = ROUNDS[args.round]
    rng = random.Random(seed)
    reserved = eval_news.reserved_bbc(args.shared)
    taken = {item["text"].strip() for r in ROUNDS if r < args.round for item in eval_news.load(HERE / ROUNDS[r][1])}
    prefix = "" if args.round == 1 else f"r{args.round}"
    items = news_items(args.shared, rng, plan, taken, prefix)
    for category in plan:
        if category.startswith("bbc/"):
            items.extend(bbc_items(args.shared, category, plan[category], rng, reserved, taken, prefix))
    dev = {item["text"].strip() for item in eval_news.load(args.shared / "data" / "gold" / "news_dev.jsonl")}
    seen: set[str] = set()
    items = [item for item in items
             if item["text"] not in dev | taken and not (item["text"] in seen or seen.add(item["text"]))]
    rng.shuffle(items)
    for item in items:
        sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()

"""Compare the two independent passes, list the items they disagree on, and merge the adjudication.

Two coders annotated each chunk (passes/aN.jsonl, passes/bN.jsonl) following
../shared/data/gold/GUIDELINES.md. Items whose events agree at the dyad level (type + source and
target country, the level news_dev is scored at) are taken as they are ("both coders"); the others go
to a third coder (disagreements/chunkN.jsonl -> adjudicated/chunkN.jsonl). `merge` writes
events.jsonl, the training set, and prints the agreement figures.

usage: python training/annotation/merge.py disagreements
       python training/annotation/merge.py merge
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from dyadwatch.eval_news import keys, matched

HERE = Path(__file__).resolve().parent


def load(path: Path) -> dict[str, dict]:
    with open(path, encoding="utf-8") as handle:
        return {item["id"]: item for item in map(json.loads, filter(str.strip, handle))}


CODE = re.compile(r"^[A-Z]{3}([A-Z]{3})*$")


def repaired(events: list[dict]) -> list[dict]:
    """One coder (chunk 2, pass b) wrote target codes in the text field with a null code; for the
    agreement figure only, such a code is read as the code."""
    out = []
    for e in events:
        target = e.get("target")
        if target and not target.get("code") and CODE.match(target.get("text") or ""):
            e = {**e, "target": {"text": None, "code": target["text"]}}
        out.append(e)
    return out


def dyads(events: list[dict]) -> Counter:
    return Counter(keys(e["type"], (e.get("source") or {}).get("code"), (e.get("target") or {}).get("code"))["dyad"]
                   for e in events)


def chunks() -> list[int]:
    return sorted(int(p.stem[5:]) for p in (HERE / "chunks").glob("chunk*.jsonl"))


def disagreements() -> None:
    out = HERE / "disagreements"
    out.mkdir(exist_ok=True)
    for n in chunks():
        if not all((HERE / "passes" / f"{coder}{n}.jsonl").is_file() for coder in "ab"):
            continue
        items = load(HERE / "chunks" / f"chunk{n}.jsonl")
        a, b = load(HERE / "passes" / f"a{n}.jsonl"), load(HERE / "passes" / f"b{n}.jsonl")
        if not all(i in a and i in b for i in items):
            continue
        with open(out / f"chunk{n}.jsonl", "w", encoding="utf-8") as handle:
            for item_id, item in items.items():
                if dyads(a[item_id]["events"]) != dyads(b[item_id]["events"]):
                    handle.write(json.dumps({**item, "coder_a": a[item_id]["events"], "coder_b": b[item_id]["events"]},
                                            ensure_ascii=False) + "\n")


def merge() -> None:
    hits = n_a = n_b = agree_items = total = fixed_hits = fixed_agree = 0
    rows = []
    for n in chunks():
        items = load(HERE / "chunks" / f"chunk{n}.jsonl")
        a, b = load(HERE / "passes" / f"a{n}.jsonl"), load(HERE / "passes" / f"b{n}.jsonl")
        settled = load(HERE / "adjudicated" / f"chunk{n}.jsonl")
        for item_id, item in items.items():
            ea, eb = a[item_id]["events"], b[item_id]["events"]
            n_a, n_b = n_a + len(ea), n_b + len(eb)
            hits += sum(1 for m in matched(ea, [{"event_type": e["type"], **e} for e in eb], "dyad") if m is not None)
            fixed_hits += sum(1 for m in matched(ea, [{"event_type": e["type"], **e} for e in repaired(eb)], "dyad")
                              if m is not None)
            fixed_agree += dyads(ea) == dyads(repaired(eb))
            total += 1
            if dyads(ea) == dyads(eb):
                agree_items += 1
                rows.append({**item, "events": ea, "agreement": "both coders"})
            else:
                rows.append({**item, "events": settled[item_id]["events"], "agreement": "adjudicated"})
    p, r = hits / max(1, n_b), hits / max(1, n_a)
    with open(HERE / "events.jsonl", "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{total} items, {sum(bool(r['events']) for r in rows)} with events, {sum(len(r['events']) for r in rows)} "
          f"events; coders agree on {agree_items} items ({agree_items / total:.3f}); dyad-level agreement "
          f"F1 {2 * p * r / (p + r):.3f} (coder a {n_a} events, coder b {n_b}); with chunk 2's target codes "
          f"read from the text field: items {fixed_agree / total:.3f}, F1 {2 * fixed_hits / (n_a + n_b):.3f}")


if __name__ == "__main__":
    {"disagreements": disagreements, "merge": merge}[sys.argv[1]]()

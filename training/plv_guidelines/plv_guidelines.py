"""PLV's 1,050 dyads typed by GUIDELINES.md: make the annotators' chunks, check a pass, list disagreements, merge.

    python3 training/plv_guidelines/plv_guidelines.py chunks /tmp/plvg            # chunk1..4.jsonl from ../shared
    python3 training/plv_guidelines/plv_guidelines.py check CHUNK PASS            # prints OK or the errors
    python3 training/plv_guidelines/plv_guidelines.py disagreements /tmp/plvg     # /tmp/plvg/disagreements.jsonl
    python3 training/plv_guidelines/plv_guidelines.py merge                       # labels.jsonl

The chunks hold PLV's marked sentences and stay outside the project (they are ../shared's text); the passes,
the adjudication and labels.jsonl hold only row numbers, PLV sentence ids, types and short notes. README.md
says how the labels were made and what they measure.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED_DATA = Path(os.environ.get("DYADWATCH_SHARED_DATA", HERE.parents[2] / "shared" / "data"))
TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                   "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "NONE"})
CHUNKS = 4


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_jsonl(path: Path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def chunks(out: Path) -> None:
    """PLV's rows in file order, cut into four chunks of marked sentences."""
    with (SHARED_DATA / "plv_train.tsv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    items = [{"row": i, "sentence_id": r["sentence_id"], "marked_sentence": r["marked_sentence"]}
             for i, r in enumerate(rows)]
    size = -(-len(items) // CHUNKS)
    out.mkdir(parents=True, exist_ok=True)
    for k in range(CHUNKS):
        write_jsonl(out / f"chunk{k + 1}.jsonl", items[k * size:(k + 1) * size])


def check(chunk: Path, answers: Path) -> list[str]:
    """What is wrong with a pass: rows missing or out of order, types outside the 16 and NONE."""
    wanted, given = [c["row"] for c in read_jsonl(chunk)], read_jsonl(answers)
    errors = [] if wanted == [a.get("row") for a in given] else [
        f"rows differ from the chunk: {len(given)} lines for {len(wanted)} rows"]
    return errors + [f"row {a.get('row')}: bad type {a.get('type')!r}" for a in given if a.get("type") not in TYPES]


def passes() -> tuple[dict[int, dict], dict[int, dict]]:
    first: dict[int, dict] = {}
    second: dict[int, dict] = {}
    for k in range(1, CHUNKS + 1):
        first.update((a["row"], a) for a in read_jsonl(HERE / "passes" / f"a{k}.jsonl"))
        second.update((b["row"], b) for b in read_jsonl(HERE / "passes" / f"b{k}.jsonl"))
    return first, second


def disagreements(chunk_dir: Path) -> None:
    """The rows whose two passes differ, with the sentence and both answers, for the adjudicator."""
    first, second = passes()
    sentences = {c["row"]: c for k in range(1, CHUNKS + 1) for c in read_jsonl(chunk_dir / f"chunk{k}.jsonl")}
    write_jsonl(chunk_dir / "disagreements.jsonl", [
        {**sentences[row], "pass_a": {"type": a["type"], "note": a.get("note")},
         "pass_b": {"type": second[row]["type"], "note": second[row].get("note")}}
        for row, a in sorted(first.items()) if a["type"] != second[row]["type"]])


def merge() -> None:
    """labels.jsonl: the type both passes gave, else the adjudicator's."""
    first, second = passes()
    ruled = {r["row"]: r for r in read_jsonl(HERE / "adjudicated.jsonl")}
    labels = []
    for row, a in sorted(first.items()):
        agreed = a["type"] == second[row]["type"]
        chosen = a if agreed else ruled[row]
        labels.append({"row": row, "sentence_id": a["sentence_id"], "type": chosen["type"],
                       "agreement": "both coders" if agreed else "adjudicated", "note": chosen.get("note")})
    write_jsonl(HERE / "labels.jsonl", labels)
    same = sum(label["agreement"] == "both coders" for label in labels)
    print(f"{len(labels)} rows, {same} agreed by both passes ({same / len(labels):.3f}), "
          f"{len(labels) - same} adjudicated")


def main(argv: list[str]) -> None:
    command, *args = argv
    if command == "chunks":
        chunks(Path(args[0]))
    elif command == "check":
        errors = check(Path(args[0]), Path(args[1]))
        print("\n".join(errors[:30]) or "OK")
    elif command == "disagreements":
        disagreements(Path(args[0]))
    elif command == "merge":
        merge()
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])

"""Check an annotation file against its chunk: every id once, known types and modalities, codes well formed.

usage: python training/annotation/check.py CHUNK.jsonl ANNOTATIONS.jsonl
"""

from __future__ import annotations

import json
import re
import sys

TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
MODALITIES = {"asserted", "reported", "negated", "future", "intended", "hypothetical"}
CODE = re.compile(r"^[A-Z]{3}([A-Z]{3})*$")


def problems(chunk: str, annotations: str) -> list[str]:
    with open(chunk, encoding="utf-8") as handle:
        ids = [json.loads(line)["id"] for line in handle if line.strip()]
    with open(annotations, encoding="utf-8") as handle:
        lines = handle.readlines()
    out, seen = [], set()
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(f"line {n}: not JSON ({exc})")
            continue
        if item.get("id") in seen:
            out.append(f"line {n}: {item.get('id')} twice")
        seen.add(item.get("id"))
        for ev in item.get("events", []):
            if ev.get("type") not in TYPES:
                out.append(f"{item['id']}: type {ev.get('type')!r}")
            if ev.get("modality") not in MODALITIES:
                out.append(f"{item['id']}: modality {ev.get('modality')!r}")
            for role in ("source", "target"):
                actor = ev.get(role)
                if role == "source" and not actor:
                    out.append(f"{item['id']}: no source")
                if actor and actor.get("code") and not CODE.match(actor["code"]):
                    out.append(f"{item['id']}: {role} code {actor['code']!r}")
    missing = [i for i in ids if i not in seen]
    if missing:
        out.append(f"{len(missing)} ids not annotated yet, first {missing[:5]}")
    extra = seen - set(ids)
    if extra:
        out.append(f"ids not in the chunk: {sorted(extra)[:5]}")
    return out


if __name__ == "__main__":
    found = problems(sys.argv[1], sys.argv[2])
    print("\n".join(found) or "ok")
    sys.exit(1 if found else 0)

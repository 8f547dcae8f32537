"""Dyad selection: which ordered pair of actors in a sentence is a source acting on a target.

The trigger rules of `dyadwatch.stages.events` find the dyads that the parse states plainly. Many reported
events reach their actors through constructions the rules do not follow ("the African Union
peacekeepers are being deployed to relieve the Kenyan soldiers"), so a learned scorer reads every ordered
pair of actor mentions in a sentence and gives the probability that the first acts on the second.
It is a logistic model over sparse features of the parse: the dependency path between the two
mentions, their relations and prepositions, order, distance, kinds of actor, a trigger at the point
where their paths meet, and whether the rules coded the pair. `training/train_dyads.py` fits it on
plv_train.tsv (cross-validated, seeded); the weights ship in `models/dyads/weights.json`.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from dyadwatch.model import ActorMention, Span

MAX_PATH = 6
Pair = tuple[Span, Span]


@dataclass(slots=True, frozen=True)
class Candidate:
    """An actor mention of the sentence and the parse token that heads it."""

    mention: ActorMention
    root: Token


def candidates(mentions: Iterable[tuple[ActorMention, Token]]) -> list[Candidate]:
    """The sentence's actor mentions that no longer mention contains ("Iranian" inside "Iranian
    Foreign Minister Zarif" is part of the larger actor, not an actor of its own)."""
    found = [Candidate(m, t) for m, t in mentions]
    return [c for c in found if not any(o.mention.span != c.mention.span and o.mention.span[0] <= c.mention.span[0]
                                        and c.mention.span[1] <= o.mention.span[1] for o in found)]


def one_body(source: str | None, target: str | None) -> bool:
    """Whether one code is an international body's and the other one of its own organs' ("the UN Security Council
    approved the deployment of a U.N. team": IGOUNOSEC and IGOUNO): a body acts on no part of itself, and no
    annotated event has such a pair."""
    first, second = sorted((source or "", target or ""), key=len)
    return first.startswith("IGO") and len(first) > 3 and second != first and second.startswith(first)


def overlaps(a: Span, b: Span | None) -> bool:
    """Whether two character spans share a character (a missing span shares none)."""
    return b is not None and a[0] < b[1] and b[0] < a[1]


def rule_relation(a: Candidate, b: Candidate, rule_pairs: Iterable[Pair]) -> str:
    """'pair' when the rules coded a→b, 'reverse' when they coded b→a, else 'none'."""
    relation = "none"
    for source, target in rule_pairs:
        if overlaps(source, a.mention.span) and overlaps(target, b.mention.span):
            return "pair"
        if overlaps(source, b.mention.span) and overlaps(target, a.mention.span):
            relation = "reverse"
    return relation


class Tree:
    """A sentence's parse by token index: heads, relations, parts of speech and triggers.

    Every ordered pair of a sentence's actors walks the same paths of its parse; walking them by index
    makes no spaCy token object per step (most of the pairs' cost, docs/benchmarks.md). A token outside
    the sentence is read from the document when a path reaches it."""

    def __init__(self, sent: SpacySpan, lookup: Callable[[Token], Any]) -> None:
        """`lookup` gives a token's trigger (with its `event_type`) or None."""
        self.doc, self.lookup = sent.doc, lookup
        self.start, self.end, self.root = sent.start, sent.end, sent.root.i
        self.heads: dict[int, int] = {}
        self.deps: dict[int, str] = {}
        self.pos: dict[int, str] = {}
        self.arcs: dict[int, str] = {}
        self.triggers: dict[int, Any] = {}
        self.chains: dict[int, list[int]] = {}
        for t in sent:
            self._read(t)
        self.typed = list(itertools.accumulate(
            (bool(self.trigger_type(i)) for i in range(self.start, self.end)), initial=0))

    def _read(self, t: Token) -> None:
        head = t.head
        self.heads[t.i], self.deps[t.i], self.pos[t.i] = head.i, t.dep_, t.pos_
        self.arcs[t.i] = f"pobj:{head.lower_}" if t.dep_ == "pobj" else t.dep_
        self.triggers[t.i] = self.lookup(t)

    def _known(self, i: int) -> int:
        if i not in self.heads:
            self._read(self.doc[i])
        return i

    def dep(self, i: int) -> str:
        return self.deps[self._known(i)]

    def pos_of(self, i: int) -> str:
        return self.pos[self._known(i)]

    def arc(self, i: int) -> str:
        """A token's relation to its head, with the preposition when it hangs from one ("pobj:with")."""
        return self.arcs[self._known(i)]

    def trigger(self, i: int) -> Any:
        """The token's trigger, or None."""
        return self.triggers[self._known(i)]

    def trigger_type(self, i: int) -> str | None:
        found = self.trigger(i)
        return found.event_type if found else None

    def chain(self, i: int) -> list[int]:
        """The token and its ancestors, up to the root."""
        found = self.chains.get(i)
        if found is None:
            found, t = [i], i
            while (head := self.heads[self._known(t)]) != t:
                found.append(head)
                t = head
            self.chains[i] = found
        return found

    def meeting_point(self, a: int, b: int) -> int:
        """The lowest token that governs both (one of the two when one governs the other)."""
        above_a = set(self.chain(a))
        return next((t for t in self.chain(b) if t in above_a), self.root)

    def climb(self, i: int, top: int) -> list[str]:
        arcs: list[str] = []
        while i != top and len(arcs) <= MAX_PATH:
            arcs.append(self.arc(i))
            i = self.heads[i]
        return arcs

    def typed_between(self, lo: int, hi: int) -> bool:
        """Whether a token strictly between `lo` and `hi` carries a typed trigger."""
        if self.start <= lo and hi <= self.end:
            return self.typed[hi - self.start] - self.typed[min(lo + 1, hi) - self.start] > 0
        return any(self.trigger_type(i) for i in range(lo + 1, hi))


def _bucket(n: int, edges: tuple[int, ...] = (1, 2, 4, 8, 16)) -> str:
    return next((f"<={e}" for e in edges if n <= e), f">{edges[-1]}")


def pair_features(a: Candidate, b: Candidate, sentence: list[Candidate], rule: str, tree: Tree) -> list[str]:
    """Sparse features of a as source and b as target (names are feature=value strings)."""
    ai, bi = a.root.i, b.root.i
    top = tree.meeting_point(ai, bi)
    up, down = tree.climb(ai, top), tree.climb(bi, top)
    long = len(up) + len(down) > MAX_PATH
    top_pos, top_dep = tree.pos_of(top), tree.dep(top)
    path = "long" if long else f"{'^'.join(up)}|{top_pos}|{'v'.join(reversed(down))}"
    bare_up, bare_down = [arc.split(":")[0] for arc in up], [arc.split(":")[0] for arc in down]
    coarse = "long" if long else f"{'^'.join(bare_up)}|{'v'.join(bare_down)}"
    order = "ab" if ai < bi else "ba"
    lo, hi = sorted((ai, bi))
    starts = [c.mention.span[0] for c in sentence]
    meeting_type = tree.trigger_type(top) or "none"
    features = [
        f"rule={rule}", f"path={path}", f"coarse={coarse}", f"order={order}", f"order_path={order}|{coarse}",
        f"up={len(up)}", f"down={len(down)}", f"a_arc={tree.arc(ai)}", f"b_arc={tree.arc(bi)}",
        f"arcs={tree.dep(ai)}|{tree.dep(bi)}", f"meet_pos={top_pos}", f"meet_dep={top_dep}",
        f"meet_trigger={meeting_type}", f"meet_rule={meeting_type != 'none'}|{rule}",
        f"trigger_between={tree.typed_between(lo, hi)}", f"dist={_bucket(hi - lo)}",
        f"a_kind={a.mention.kind}", f"b_kind={b.mention.kind}", f"kinds={a.mention.kind}|{b.mention.kind}",
        f"a_sector={a.mention.sector or 'none'}", f"b_sector={b.mention.sector or 'none'}",
        f"same_country={a.mention.country is not None and a.mention.country == b.mention.country}",
        f"a_first={a.mention.span[0] == min(starts)}", f"b_last={b.mention.span[0] == max(starts)}",
        f"actors={_bucket(len(sentence), (2, 3, 4, 6))}",
        f"nested={'a_over_b' if top == ai else 'b_over_a' if top == bi else 'no'}",
        f"a_meets_root={top_dep == 'ROOT'}|{up[:1]}",
    ]
    return features


class DyadScorer:
    """Probability that a candidate pair is a coded dyad, from the shipped logistic weights.

    A pair is selected when it reaches `threshold`. In a sentence with an event word that the rules
    could not attach to two actors, the best pair governed by such a word is selected from the lower
    `fallback` on.
    """

    def __init__(self, weights: dict[str, float], bias: float, threshold: float, fallback: float | None = None) -> None:
        self.weights = weights
        self.bias = bias
        self.threshold = threshold
        self.fallback = fallback

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DyadScorer:
        fallback = d.get("fallback")
        return cls(dict(d["weights"]), float(d["bias"]), float(d["threshold"]),
                   float(fallback) if fallback is not None else None)

    @classmethod
    def load(cls) -> DyadScorer:
        return _shipped()

    def probability(self, features: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-z))

    def select(self, pairs: list[list[str]], rules_coded: bool, triggered: list[bool]) -> list[tuple[int, float]]:
        """Indices and probabilities of the selected pairs, given each pair's features and whether a
        lexicon trigger governs it. A pair the rules coded, either way round, is theirs: the scorer
        adds dyads, it never reverses one."""
        scored = [(i, self.probability(f)) for i, f in enumerate(pairs) if "rule=none" in f]
        chosen = [(i, p) for i, p in scored if p >= self.threshold]
        open_pairs = [(i, p) for i, p in scored if triggered[i]]
        if not chosen and not rules_coded and open_pairs and self.fallback is not None:
            best = max(open_pairs, key=lambda pair: pair[1])
            chosen = [best] if best[1] >= self.fallback else []
        return chosen


@lru_cache(maxsize=1)
def _shipped() -> DyadScorer:
    text = resources.files("dyadwatch").joinpath("models/dyads/weights.json").read_text(encoding="utf-8")
    return DyadScorer.from_dict(json.loads(text))

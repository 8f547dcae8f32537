"""The attribute stage: when, where, how many, how sure, and who says so, for each coded event.

The finders live in `dates`, `places` and `quantities` and work on one sentence; this module owns
the one decision they share, which event a phrase belongs to. A phrase belongs to an event when, in
the parse, the phrase hangs on the event's own clause: walking up from the phrase we stop at the
first verb or event trigger (its governor), and the governor must lie on the event's chain (its
trigger, the verb whose object or subject an event noun is, and the verbs above it through
to-clauses: "decided to close … in July"). A date in another clause never dates the event.

Dates then get a second, article-wide pass for relative chains: "In September X left, one month
after the regime ordered …" dates the order from the departure (2023-08); "shortly after the coup"
dates an event from the article's coup event. Events still undated take the article date with
precision "document"; with no article date they stay "unknown".

Modality follows the trigger's chain: a negation → negated; a modal of possibility or a hedge
above the clause ("there are concerns that …", "if …") → hypothetical; will/shall, "is to",
"is expected to" → future; "plans to", "intends to" → intended ("threatened to" is a THREATEN event
and stays asserted); otherwise an event with an attribution is reported, and the rest asserted.
Attribution is the resolved actor mention inside "according to …" or the subject of a speech verb
whose that-clause holds the event ("the embassy has stated that …", "…, officials said"). An attack
its actor claims ("claimed responsibility for the attack", `reported` in data/deeds.tsv) is reported by
the claimant (GUIDELINES.md).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span, Token

from dyadwatch.model import ActorMention, Event
from dyadwatch.stages.dates import ResolvedDate, TimeExpression, find_time_expressions, resolve, shift
from dyadwatch.stages.deeds_table import table
from dyadwatch.stages.nlp import Parsed, refused_ending
from dyadwatch.stages.places import find_places
from dyadwatch.stages.quantities import find_quantities

_NOUN_UP = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "pobj", "compound", "appos", "oprd",
                      "npadvmod", "conj"})
_VERB_UP = frozenset({"xcomp", "aux", "auxpass", "acomp"})
_ARGUMENTS = frozenset({"dobj", "nsubj", "nsubjpass", "attr"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
_KIND_ORDER = {"person": 0, "organization": 1, "group": 2, "state": 3, "location": 4}
_SIMULTANEOUS = frozenset({"when", "as", "while"})
_CLOSE_NEAR = frozenset({"hours", "moments", "immediately", "just"})
_MAX_WALK = 12


@dataclass(slots=True)
class _Dated:
    resolved: ResolvedDate
    text: str
    from_document: bool = False


class AttributeAnnotator:
    """Fills date, place, quantities, modality and attribution of events; one instance per process."""

    def __call__(self, parsed: Parsed, events: list[Event], mentions: list[ActorMention]) -> list[Event]:
        """Fill date, date_precision, date_text, location, quantities, modality, attribution of each
        event in place and return them."""
        base = _article_date(parsed.article.date)
        triggers = [_trigger_token(parsed, e) for e in events]
        dated: dict[int, _Dated] = {}
        relatives: list[tuple[TimeExpression, int]] = []
        by_sentence: dict[int, list[int]] = {}
        for i, event in enumerate(events):
            by_sentence.setdefault(event.sentence_index, []).append(i)
        for sentence_index, members in by_sentence.items():
            sentence = parsed.spans[sentence_index]
            chains = {i: _chain(triggers[i]) for i in members}
            trigger_ids = {triggers[i].i for i in members}
            for i in members:
                _modality_and_attribution(events[i], triggers[i], sentence, mentions)
            expressions = find_time_expressions(sentence.text, sentence.start_char)
            for expression in expressions:
                if expression.kind == "relative":
                    relatives.append((expression, sentence_index))
                    continue
                tokens = parsed.doc.char_span(expression.start, expression.end, alignment_mode="expand")
                governor = _governor(tokens, trigger_ids, absolute=_absolute(expression))
                for i in members:
                    if _owns(chains[i], triggers[i], governor) and i not in dated:
                        future = events[i].modality in ("future", "intended") or _scheduled(chains[i])
                        resolved = _resolve(expression, base, future)
                        if resolved is not None:
                            dated[i] = _Dated(resolved, expression.text)
            skip = [(e.start, e.end) for e in expressions]
            self._places(sentence, members, events, triggers, chains, trigger_ids, skip)
            for quantity in find_quantities(sentence, skip=skip):
                anchor = parsed.doc[quantity.anchor]
                governor = _governor(parsed.doc[anchor.i:anchor.i + 1], trigger_ids)
                for i in members:
                    if (_owns(chains[i], triggers[i], governor)
                            or _inside_actor(events[i], quantity.start, quantity.end)
                            or _counts(triggers[i], anchor, governor, trigger_ids)):
                        events[i].quantities.append(quantity.quantity)
        for _ in range(2):
            for expression, sentence_index in relatives:
                _anchor(expression, parsed, sentence_index, events, triggers, dated, base)
        _share_with_conjuncts(events, triggers, dated)
        for i, event in enumerate(events):
            if i in dated:
                event.date = dated[i].resolved.value
                event.date_precision = dated[i].resolved.precision
                event.date_text = dated[i].text
            elif base is not None:
                event.date, event.date_precision, event.date_text = base.isoformat(), "document", None
            else:
                event.date, event.date_precision, event.date_text = None, "unknown", None
        return events

    def pipe(self, batch: Iterable[tuple[Parsed, list[Event], list[ActorMention]]]) -> list[list[Event]]:
        """Annotate many articles: each item is what `__call__` takes."""
        return [self(parsed, events, mentions) for parsed, events, mentions in batch]

    @staticmethod
    def _places(sentence: Span, members: list[int], events: list[Event], triggers: list[Token],
                chains: dict[int, list[Token]], trigger_ids: set[int], skip: list[tuple[int, int]]) -> None:
        """Each event takes the most specific place on its own chain: a place in another clause
        ("permission to fly to London") does not locate it."""
        doc = sentence.doc
        for i in members:
            preferred = {a.country for a in (events[i].source, events[i].target) if a and a.country}
            own = [place for place in find_places(sentence, preferred, skip)
                   if _owns(chains[i], triggers[i], _governor(doc[place.start:place.end], trigger_ids))]
            if own:
                best = min(own, key=lambda p: (p.rank, abs(p.start - triggers[i].i)))
                events[i].location = best.location


def _article_date(value: str | None) -> date | None:
    if not value:
        return None
    return date.fromisoformat(value[:10])


def _resolve(expression: TimeExpression, base: date | None, future: bool) -> ResolvedDate | None:
    """Resolve against the article date; without one only self-contained dates ("in 2004") count."""
    if base is not None:
        return resolve(expression, base, future=future)
    if expression.kind == "year" or (expression.kind == "calendar" and _YEAR.search(expression.text)):
        return resolve(expression, date(9999, 12, 31), future=False)
    return None


_YEAR = re.compile(r"\b(1[5-9]|20)\d\d\b")


def _trigger_token(parsed: Parsed, event: Event) -> Token:
    return parsed.root_at(*(event.trigger or event.span)) or parsed.doc[0]


def _chain(trigger: Token) -> list[Token]:
    """The tokens that stand for the event in its clause: the trigger and what it hangs from. A subjectless
    participle that tells what the clause's act did ("hit the city of Odesa on Monday, killing four civilians")
    shares its time and place."""
    chain = [trigger]
    token = trigger
    for _ in range(_MAX_WALK):
        if token.head.i == token.i:
            break
        nouny = token.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "ADJ")
        misparsed_object = token.pos_ == "NOUN" and token.dep_ == "ccomp"
        outcome = token.dep_ == "advcl" and token.tag_ == "VBG" and token.i > token.head.i \
            and not any(c.dep_ in _SUBJECTS or c.dep_ == "mark" for c in token.children)
        if (nouny and token.dep_ in _NOUN_UP) or misparsed_object or token.dep_ in _VERB_UP or outcome or (
                token.pos_ == "ADP" and token.dep_ in ("prep", "agent")):
            token = token.head
            chain.append(token)
            continue
        break
    return chain


def _governor(tokens: Span | None, trigger_ids: set[int], *, absolute: bool = False) -> Token | None:
    """The first event trigger or verb above a phrase. A clause that is no event and only frames
    another passes on to the clause it modifies, whose time and place it shares: a subjectless
    participle ("Speaking in London, …") or a when/as clause ("when Labour returned in 1964, he …").
    An `absolute` date ("in December 2004") that hangs on an argument noun which is no event dates
    that noun ("revised the gains in December 2004"), so it has no governor."""
    if tokens is None or not len(tokens):
        return None
    inside = {t.i for t in tokens}
    token = tokens.root
    for _ in range(_MAX_WALK):
        if (absolute and token.i not in inside and token.i not in trigger_ids and token.pos_ == "NOUN"
                and token.dep_ in _ARGUMENTS):
            return None
        if token.i not in inside and (token.i in trigger_ids or (
                token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass"))):
            if token.i not in trigger_ids and token.dep_ == "advcl" and (
                    (token.tag_ in ("VBG", "VBN") and not any(c.dep_ in _SUBJECTS for c in token.children))
                    or any(c.dep_ in ("mark", "advmod") and c.lower_ in _SIMULTANEOUS
                           for c in token.children)):
                token = token.head
                continue
            return token
        if token.head.i == token.i:
            return token
        token = token.head
    return token


def _owns(chain: list[Token], trigger: Token, governor: Token | None) -> bool:
    """The phrase's governor stands for the event: it is on the event's chain, or the event is on
    the governor's ("began flying in 1993": the year hangs on "flying", whose chain holds "began")."""
    return governor is not None and (governor in chain or trigger in _chain(governor))


def _absolute(expression: TimeExpression) -> bool:
    return expression.kind == "year" or (expression.kind == "calendar" and expression.text[-4:].isdigit())


def _scheduled(chain: list[Token]) -> bool:
    """A simple present with no auxiliary ("goes on sale on Saturday", "has its board meeting on
    Friday") tells a scheduled event in news, so its weekday or month lies ahead."""
    verb = next((t for t in chain if t.pos_ in ("VERB", "AUX")), None)
    return verb is not None and verb.tag_ in ("VBZ", "VBP") and not any(
        c.dep_ in ("aux", "auxpass") for c in verb.children)


def _counts(trigger: Token, anchor: Token, governor: Token | None, trigger_ids: set[int]) -> bool:
    """The count belongs to the event when the trigger modifies the counted noun ("1,500 troops
    stationed") or the count's verb is the trigger's conjunct and codes no event of its own ("had left,
    and the remaining 157 have withdrawn", when the 157 are no actor: one withdrawal, told twice)."""
    return (trigger.head.i == anchor.i and trigger.dep_ == "acl") or (
        anchor.dep_ in ("nsubj", "nsubjpass") and governor is not None and governor in trigger.conjuncts
        and governor.i not in trigger_ids)


def _inside_actor(event: Event, start: int, end: int) -> bool:
    return any(a is not None and a.span[0] <= start and end <= a.span[1] + 1
               for a in (event.source, event.target))


def _modality_and_attribution(event: Event, trigger: Token, sentence: Span,
                              mentions: Sequence[ActorMention]) -> None:
    source = _attribution(trigger, sentence, mentions)
    event.attribution = source.as_actor() if source is not None else None
    claims = table().claims
    if event.attribution is None and any((trigger.lemma_.lower(), c.lemma_.lower()) in claims
                                         for c in trigger.children if c.dep_ == "dobj"):
        event.attribution = event.source  # "claimed responsibility for the attack": the claimant tells of it
    # "Teachers will not end the strike": the strike goes on, whatever the refusal's own modality.
    ongoing = trigger.pos_ == "NOUN" and trigger.dep_ == "dobj" and refused_ending(trigger.head)
    event.modality = (None if ongoing else _modality(trigger)) or (
        "reported" if event.attribution is not None else "asserted")


def _modality(trigger: Token) -> str | None:
    """negated > hypothetical > future > intended, read off the trigger's chain and clause frame."""
    cues = _cues()
    chain = _chain(trigger)
    verbs = [t for t in chain if t.pos_ in ("VERB", "AUX", "ADJ") or t is trigger]
    children = [c for v in verbs for c in v.children]
    above = [t for t in chain[1:] if t.dep_ != "aux"]
    if any(c.dep_ == "neg" for c in children) or any("negate" in cues.get(t.lemma_.lower(), ())
                                                     for t in above if t.pos_ in ("VERB", "ADJ")):
        return "negated"
    modals = {c.lower_ for c in children if c.dep_ == "aux" and c.tag_ == "MD"}
    under_speech = speech_verb(trigger) is not None
    if any("modal_hypothetical" in cues.get(m, ()) for m in modals - ({"would"} if under_speech else set())):
        return "hypothetical"
    if _hedged(chain[-1], cues):
        return "hypothetical"
    if any("modal_future" in cues.get(m, ()) for m in modals) or (under_speech and "would" in modals):
        return "future"
    for token in above:
        frame = cues.get(token.lemma_.lower(), ())
        if "future_frame" in frame or (token.lemma_ == "be" and token is trigger.head
                                       and trigger.dep_ == "xcomp"):
            return "future"
        if "intend" in frame:
            return "intended"
    return None


def _hedged(clause: Token, cues: dict[str, set[str]]) -> bool:
    """A clause is hypothetical under a condition ("if …"), as the consequent of one ("If talks
    fail, X will close …"), or inside a hedge ("concerns that …")."""
    token = clause
    for _ in range(_MAX_WALK):
        if any(c.dep_ == "mark" and "condition" in cues.get(c.lower_, ()) for c in token.children):
            return True
        if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and "condition" in cues.get(m.lower_, ())
                                         for m in c.children) for c in token.children):
            return True
        if token.head.i == token.i:
            return False
        if token.dep_ in ("ccomp", "acl", "advcl", "relcl", "xcomp") and (
                "hedge" in cues.get(token.head.lemma_.lower(), ())
                or "hedge" in cues.get(token.head.lower_, ())):
            return True
        if token.dep_ not in ("conj", "xcomp", "ccomp", "acl", "attr", "dobj", "nsubj", "pobj", "prep"):
            return False
        token = token.head
    return False


def speech_verb(trigger: Token) -> Token | None:
    """The speech verb whose reported clause holds the trigger, either above it ("X said that …")
    or beside it ("…, officials said")."""
    cues = _cues()
    token = trigger
    for _ in range(_MAX_WALK):
        if token.head.i == token.i:
            break
        if token.dep_ in ("ccomp", "parataxis") and "speech" in cues.get(token.head.lemma_.lower(), ()):
            return token.head
        if token.dep_ in ("advcl", "relcl", "acl"):
            break
        token = token.head
    for child in token.children:
        if child.dep_ in ("parataxis", "ccomp") and child.i > trigger.i and child is not trigger and (
                "speech" in cues.get(child.lemma_.lower(), ())) and child.i not in {
                t.i for t in trigger.subtree}:
            return child
    return None


def according_to(token: Token) -> bool:
    """Whether the token opens "according to …", the phrase that names who reports an event."""
    return token.lower_ == "according" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to"


def _attribution(trigger: Token, sentence: Span, mentions: Sequence[ActorMention]) -> ActorMention | None:
    """The mention inside "according to …" or the subject of the speech verb over the event."""
    for token in sentence:
        if token.i + 1 < sentence.end and according_to(token):
            phrase = list(token.subtree)
            if trigger in phrase:
                continue
            found = _best_mention(mentions, phrase[0].idx, phrase[-1].idx + len(phrase[-1]))
            if found is not None:
                return found
    speech = speech_verb(trigger)
    if speech is None or speech is trigger:
        return None
    for child in speech.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            subtree = list(child.subtree)
            return _best_mention(mentions, subtree[0].idx, subtree[-1].idx + len(subtree[-1]))
    return None


def _best_mention(mentions: Sequence[ActorMention], start: int, end: int) -> ActorMention | None:
    inside = [m for m in mentions if start <= m.span[0] and m.span[1] <= end]
    if not inside:
        return None
    return min(inside, key=lambda m: (_KIND_ORDER.get(m.kind, 5), -m.span[0]))


def _anchor(expression: TimeExpression, parsed: Parsed, sentence_index: int, events: list[Event],
            triggers: list[Token], dated: dict[int, _Dated], base: date | None) -> None:
    """Date the two ends of a relative chain from each other: "[X] one month after [Y]"."""
    doc = parsed.doc
    tokens = doc.char_span(expression.start, expression.end, alignment_mode="expand")
    if tokens is None:
        return
    relation = tokens[-1]
    members = [i for i, e in enumerate(events) if e.sentence_index == sentence_index]
    trigger_ids = {triggers[i].i for i in members}
    if relation.lower_ in ("later", "earlier"):
        head = _governor(tokens, trigger_ids)
        anchors = [i for i in dated if triggers[i].i < tokens.start][-1:]
        anchored_ids: set[int] = set()
    elif relation.dep_ == "mark":
        clause = relation.head
        anchored_ids = {t.i for t in clause.subtree}
        head = _clause_token(clause.head, trigger_ids) if clause.head.i != clause.i else None
        anchors = [i for i in members if triggers[i].i in anchored_ids]
    else:
        clause = next((c for c in relation.children if c.dep_ in ("pobj", "pcomp")), None)
        if clause is None:
            return
        anchored_ids = {t.i for t in clause.subtree}
        head = _governor(doc[relation.i:relation.i + 1], trigger_ids)
        anchors = [i for i in members if triggers[i].i in anchored_ids]
        if not anchors and clause.pos_ in ("NOUN", "PROPN"):
            anchors = _events_named(clause, sentence_index, events, triggers, dated)
    governed = [i for i in members if _owns(_chain(triggers[i]), triggers[i], head)
                and triggers[i].i not in anchored_ids]
    after = relation.lower_ in ("after", "later")
    near = expression.group("near")
    for g in governed:
        for a in anchors:
            if a not in dated and expression.group("unit"):
                # An undated governing event happened on the article date ("He died at home, just
                # 11 days after his wife died"), so the chain can still be counted back from it.
                told = dated[g].resolved if g in dated else (
                    ResolvedDate(base.isoformat(), "day") if base is not None else None)
                counted = shift(told, expression, backwards=after) if told is not None else None
                if counted is not None:
                    dated[a] = _Dated(counted, expression.text, from_document=g not in dated)
            elif a in dated and g not in dated and not dated[a].from_document:
                moved = shift(dated[a].resolved, expression, backwards=not after)
                if moved is None:
                    continue
                if near and near.lower() not in _CLOSE_NEAR and moved.precision == "day":
                    moved = ResolvedDate(moved.value[:7], "month")
                dated[g] = _Dated(moved, expression.text)


def _clause_token(token: Token, trigger_ids: set[int]) -> Token | None:
    """The token itself when it is a trigger or a verb, else the governor above it."""
    if token.i in trigger_ids or token.pos_ in ("VERB", "AUX"):
        return token
    return _governor(token.doc[token.i:token.i + 1], trigger_ids)


def _events_named(noun: Token, sentence_index: int, events: list[Event], triggers: list[Token],
                  dated: dict[int, _Dated]) -> list[int]:
    """The dated event of the article that the noun names ("the coup" → "overthrew … in July"),
    the nearest one told before it if there is one."""
    words = _event_nouns().get(noun.lemma_.lower())
    if words is None:
        return []
    named = [i for i, t in enumerate(triggers)
             if i in dated and (t.lemma_.lower() in words or t.lower_ in words)]
    earlier = [i for i in named if events[i].sentence_index <= sentence_index]
    return sorted(earlier or named, key=lambda i: abs(triggers[i].i - noun.i))[:1]


def _share_with_conjuncts(events: list[Event], triggers: list[Token], dated: dict[int, _Dated]) -> None:
    """A coordinated verb with no date of its own shares the date of the verb it is joined to."""
    by_token = {t.i: i for i, t in enumerate(triggers)}
    for i, trigger in enumerate(triggers):
        if i in dated or trigger.dep_ != "conj":
            continue
        j = by_token.get(trigger.head.i)
        if j is not None and j in dated and events[j].sentence_index == events[i].sentence_index:
            dated[i] = dated[j]


@lru_cache(maxsize=1)
def _cues() -> dict[str, set[str]]:
    cues: dict[str, set[str]] = {}
    for row in _rows("attr_cues.tsv"):
        cues.setdefault(row["word"], set()).add(row["cue"])
    return cues


@lru_cache(maxsize=8)
def cue_words(cue: str) -> frozenset[str]:
    """The words of one cue in ``data/attr_cues.tsv`` ("modal_future": will, shall, 'll, wo)."""
    return frozenset(word for word, found in _cues().items() if cue in found)


@lru_cache(maxsize=1)
def _event_nouns() -> dict[str, frozenset[str]]:
    return {row["noun"]: frozenset(row["words"].split()) for row in _rows("attr_event_nouns.tsv")}


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("dyadwatch").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return list(csv.DictReader([ln for ln in text.splitlines() if ln and not ln.startswith("#")],
                               delimiter="\t"))

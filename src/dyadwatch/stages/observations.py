"""The observations stage: what each article says about standing relations, sentence by sentence.

Runs after the attribute stage, so events already carry their dates, modality and quantities.
Two kinds of evidence become `Observation`s, both through the rows of `data/state_rules.tsv`:
coded events ("France has decided to close its embassy in Niger" → diplomatic_mission closed) and
stative sentences that are no event at all ("the United States still maintains two military bases
in Niger, with over 600 American troops stationed there" → military_presence deployed, 2 bases,
>600 troops). The table decides *what* a match means; this module only finds who and when:
the holder is the subject of the matched verb (or the actor mention the rule names), the other
side is the object of a locative or partner preposition, else another country of the sentence,
else the other side of an event in the same sentence.

Observations are stored with the article, so relation states never need the article re-parsed,
and ingesting one more article adds only its own observations (`dyadwatch.store.state` folds them).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache, cached_property, lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Span, Token

from dyadwatch.model import RELATION_ROLES, Actor, ActorMention, Event, Observation, Quantity
from dyadwatch.stages import nlp
from dyadwatch.stages.dates import find_time_expressions, resolve
from dyadwatch.stages.quantities import find_quantities

RULES_FILE = "state_rules.tsv"
SYMMETRIC = frozenset({"armed_conflict"})
PHASES = frozenset({"from", "asof", "until", "auto"})
EVENT_CONDITIONS = frozenset({"type", "quad", "mode", "cameo", "lemma", "near", "words", "unless", "source_sector",
                              "target_sector", "target_kind", "source_role", "target_role", "modality", "cross"})
SENTENCE_CONDITIONS = frozenset({"lemma", "words", "unit", "mention"})
FACTUAL = frozenset({"asserted", "reported"})
_PARTNER_PREPS = frozenset({"in", "to", "from", "with", "on", "at", "into", "inside", "against", "for"})
_HEDGES = frozenset({"could", "might", "may", "would", "should"})
_CLIMB = frozenset({"xcomp", "conj", "advcl", "acl", "relcl", "ccomp", "pcomp"})
_NUMBER_HINT = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
                          r"forty|fifty|sixty|seventy|eighty|ninety|dozens?|hundreds?|thousands?|millions?)\b",
                          re.IGNORECASE)
_DURING = re.compile(r"\b[Dd]uring\s+(?:the\s+)?(?:[A-Z][\w.]*\s+)*?(?P<name>[A-Z][\w-]+)(?:’s|'s)\s+"
                     r"(?:leadership|presidency|rule|tenure|government|term|administration|reign|time in office)")


@dataclass(frozen=True, slots=True)
class Rule:
    """One row of the state rules table (see its header for the meaning of each column)."""

    id: str
    source: str
    when: dict[str, str]
    relation: str
    value: Any
    phase: str
    holder: str
    other: str
    rank: int

    def words(self, key: str) -> frozenset[str]:
        return frozenset(w.strip().lower() for w in self.when.get(key, "").split("|") if w.strip())

    def pattern(self, key: str) -> re.Pattern[str] | None:
        text = self.when.get(key)
        return _regex(text) if text else None


@cache
def _regex(text: str) -> re.Pattern[str]:
    return re.compile(text, re.IGNORECASE)


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """The state rules, loaded once; a malformed row raises ValueError naming it."""
    text = resources.files("dyadwatch").joinpath("data", RULES_FILE).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    out = []
    for number, row in enumerate(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE), start=2):
        out.append(_rule(row, number))
    return tuple(out)


def _rule(row: dict[str, str], number: int) -> Rule:
    where = f"{RULES_FILE} row {number} ({row.get('id')})"
    when = _conditions(row["when"] or "")
    if row["when"] and not when:
        raise ValueError(f"{where}: conditions are not key=value")
    allowed = EVENT_CONDITIONS if row["source"] == "event" else SENTENCE_CONDITIONS
    if row["source"] not in ("event", "sentence"):
        raise ValueError(f"{where}: source must be event or sentence")
    unknown = set(when) - allowed
    if unknown:
        raise ValueError(f"{where}: unknown condition(s) {sorted(unknown)}")
    if row["relation"] not in RELATION_ROLES:
        raise ValueError(f"{where}: unknown relation {row['relation']!r}")
    if row["phase"] not in PHASES:
        raise ValueError(f"{where}: unknown phase {row['phase']!r}")
    value: Any = row["value"]
    if value.startswith("{"):
        value = json.loads(value)
    for key in ("near", "words", "unless", "mention", "source_role", "target_role"):
        if key in when:
            _regex(when[key])
    return Rule(row["id"], row["source"], when, row["relation"], value, row["phase"], row["holder"], row["other"],
                int(row["rank"] or 0))


def _conditions(text: str) -> dict[str, str]:
    """Split `key=value key=value` where a value may hold spaces (regexes such as `diplomatic mission`)."""
    out: dict[str, str] = {}
    for match in re.finditer(r"(?:^|\s)(\w+)=(.*?)(?=\s\w+=|$)", text):
        out[match.group(1)] = match.group(2)
    return out


class ObservationFinder:
    """Finds observations of relation states in coded articles; one instance per process."""

    @cached_property
    def event_rules(self) -> tuple[Rule, ...]:
        return tuple(r for r in rules() if r.source == "event")

    @cached_property
    def sentence_rules(self) -> tuple[Rule, ...]:
        return tuple(r for r in rules() if r.source == "sentence")

    def __call__(self, parsed: nlp.Parsed, mentions: list[ActorMention], events: list[Event]) -> list[Observation]:
        context = _Context(parsed, mentions, events)
        found: list[Observation] = []
        for event in events:
            found.extend(self._from_event(event, context))
        # What the events already say of a sentence, by the highest rank that says it: a sentence rule of
        # lower or equal rank adds nothing ("Russia declared war on Ukraine" as an attack, rank 1, does not
        # hide the stated war, rank 2, that makes the conflict active without the other side's attacks).
        given: dict[tuple[int, str, str], int] = {}
        for o in found:
            key = (o.sentence_index, o.relation, o.phase)
            given[key] = max(given.get(key, 0), o.rank)
        for index, sentence in enumerate(parsed.spans):
            if index not in parsed.screened:  # the screen passes every sentence a sentence rule can match
                found.extend(self._from_sentence(index, sentence, context, given))
        return _merge_alliances(_unique(found))

    def pipe(self, batch: Iterable[tuple[nlp.Parsed, list[ActorMention], list[Event]]]) -> Iterator[list[Observation]]:
        for parsed, mentions, events in batch:
            yield self(parsed, mentions, events)

    def _from_event(self, event: Event, context: _Context) -> Iterator[Observation]:
        taken: set[tuple[str, str]] = set()
        for rule in self.event_rules:
            if (rule.relation, rule.phase) in taken or not _event_matches(rule, event, context):
                continue
            observation = _event_observation(rule, event, context)
            if observation is not None:
                taken.add((rule.relation, rule.phase))
                yield observation

    def _from_sentence(self, index: int, sentence: Span, context: _Context,
                       given: dict[tuple[int, str, str], int]) -> Iterator[Observation]:
        taken: set[str] = set()
        for rule in self.sentence_rules:
            if rule.relation in taken:
                continue
            observation = _sentence_observation(rule, index, sentence, context)
            if observation is None or given.get((index, rule.relation, observation.phase), -1) >= rule.rank:
                continue
            taken.add(rule.relation)
            yield observation


class _Context:
    """What the rules look at in one article: its parse, mentions by span, events by sentence."""

    def __init__(self, parsed: nlp.Parsed, mentions: list[ActorMention], events: list[Event]) -> None:
        self.parsed = parsed
        self.mentions = mentions
        self.by_span = {m.span: m for m in mentions}
        self.events_in: dict[int, list[Event]] = {}
        for event in events:
            self.events_in.setdefault(event.sentence_index, []).append(event)
        self.base = date.fromisoformat(parsed.article.date[:10]) if parsed.article.date else None

    def mention(self, actor: Actor | None) -> ActorMention | None:
        return self.by_span.get(actor.span) if actor else None

    def trigger_lemmas(self, event: Event) -> set[str]:
        """The trigger's lemma, and the verb lemma of a form the tagger took for a noun ("overthrew")."""
        root = self.parsed.root_at(*(event.trigger or event.span))
        if root is None:
            return set()
        return {root.lemma_.lower(), *nlp.verb_forms().get(root.lower_, [])}

    def mention_at(self, token: Token) -> ActorMention | None:
        """The actor mention covering a token, preferring one that names a country."""
        covering = [m for m in self.mentions if m.span[0] <= token.idx < m.span[1]]
        covering.sort(key=lambda m: (m.country is None, m.span[1] - m.span[0]))
        return covering[0] if covering else None


def _event_matches(rule: Rule, event: Event, context: _Context) -> bool:
    when = rule.when
    if event.modality not in (rule.words("modality") or FACTUAL):
        return False
    if "type" in when and event.event_type.lower() not in rule.words("type"):
        return False
    if "quad" in when and str(event.quad_class) not in rule.words("quad"):
        return False
    if "mode" in when and (event.mode or "").lower() not in rule.words("mode"):
        return False
    if "cameo" in when and not any((event.cameo or "").startswith(p) for p in rule.words("cameo")):
        return False
    if "lemma" in when and not context.trigger_lemmas(event) & rule.words("lemma"):
        return False
    unless = rule.pattern("unless")
    if unless is not None and unless.search(event.sentence):
        return False
    text = context.parsed.article.text
    for key, span_text in (("near", text[event.span[0]:event.span[1]]), ("words", event.sentence)):
        pattern = rule.pattern(key)
        if pattern is not None and not pattern.search(span_text):
            return False
    for side, actor in (("source", event.source), ("target", event.target)):
        if f"{side}_sector" in when and (actor is None or (actor.sector or "-").lower() not in rule.words(
                f"{side}_sector")):
            return False
        pattern = rule.pattern(f"{side}_role")
        if pattern is not None:
            mention = context.mention(actor)
            said = " ".join(filter(None, [actor.text if actor else "", mention.role if mention else ""]))
            if not pattern.search(said):
                return False
    if "target_kind" in when:
        mention = context.mention(event.target)
        if mention is None or mention.kind not in rule.words("target_kind"):
            return False
    if when.get("cross") == "1":
        src, tgt = _country(event.source), _country(event.target)
        if not src or not tgt or src == tgt:
            return False
    return True


def _country(actor: Actor | ActorMention | None) -> str | None:
    """The side of a relation an actor stands for: its country, else an organization's own code.

    A bare sector code ("MIL", "GOV") names nobody in particular and gives None.
    """
    if actor is None:
        return None
    if actor.country:
        return actor.country
    return actor.code if actor.code and len(actor.code) > 3 else None


def _event_observation(rule: Rule, event: Event, context: _Context) -> Observation | None:
    sides = {"source": event.source, "target": event.target}
    holder_actor = sides.get(rule.holder)
    other_actor = sides.get(rule.other)
    if rule.holder == "members":
        members = sorted({c for c in (_country(event.source), _country(event.target)) if c})
        return _build(rule, event.article_id, event.sentence_index, event.sentence, rule.value, rule.phase,
                      holder=None, other=None, members=members, when=(event.date, event.date_precision),
                      event_id=event.id)
    value = _fill(rule.value, {"target_name": event.target.name if event.target else None})
    partner_entity = None
    mention = context.mention(other_actor)
    if other_actor is not None and mention is not None and mention.kind in ("group", "organization") and \
            mention.country:
        partner_entity = mention.name or other_actor.name
    return _build(rule, event.article_id, event.sentence_index, event.sentence, value, rule.phase,
                  holder=_country(holder_actor), other=_country(other_actor), members=None,
                  when=(event.date, event.date_precision), event_id=event.id, partner_entity=partner_entity)


def _sentence_observation(rule: Rule, index: int, sentence: Span, context: _Context) -> Observation | None:
    text = context.parsed.sentences[index].text
    pattern = rule.pattern("words")
    if pattern is not None and not pattern.search(text):
        return None
    mention = None
    mention_pattern = rule.pattern("mention")
    if mention_pattern is not None:
        mention = next((m for m in _sentence_mentions(context, index) if _country(m) and mention_pattern.search(
            m.text) and _fits_antecedent(m, context)), None)
        if mention is None:
            return None
    verb = _verb(sentence, rule.words("lemma")) if "lemma" in rule.when else None
    if "lemma" in rule.when and verb is None:
        return None
    quantities: dict[str, Quantity] = {}
    if "unit" in rule.when:
        if not _NUMBER_HINT.search(text):
            return None
        for found in find_quantities(sentence):
            if found.quantity.unit in rule.words("unit"):
                quantities.setdefault(found.quantity.unit, found.quantity)
        if not quantities:
            return None
    events = context.events_in.get(index, [])
    holder = _holder(rule.holder, verb, mention, context, events)
    if holder is None:
        return None
    other = _other(rule.other, verb, sentence, holder, context, index, events)
    members = None
    if rule.holder == "members":
        members = sorted({c for e in events for c in (_country(e.source), _country(e.target)) if c})
        if len(members) < 2:
            return None
    value = _fill(rule.value, {"troops": _amount(quantities.get("troops")), "bases": _amount(quantities.get("bases"))})
    phase, when = _phase_and_date(rule.phase, verb, sentence, context, events)
    during = None
    if phase == "until":
        found = _DURING.search(text)
        during = found.group("name") if found else None
    return _build(rule, context.parsed.article.id, index, context.parsed.sentences[index].text, value, phase,
                  holder=holder, other=other, members=members, when=when, during=during)


def _build(rule: Rule, article_id: str, sentence_index: int, text: str, value: Any, phase: str, *,
           holder: str | None, other: str | None, members: list[str] | None, when: tuple[str | None, str],
           event_id: str | None = None, partner_entity: str | None = None,
           during: str | None = None) -> Observation | None:
    """An observation with its roles filled as the relation wants them, or None when one is missing."""
    role = RELATION_ROLES[rule.relation]
    by = holder if event_id and rule.relation in SYMMETRIC else None
    if role == "members":
        if not members or len(members) < 2:
            return None
        holder = None
    elif holder is None:
        return None
    elif role is not None:
        if other is None or other == holder:
            return None
        if rule.relation in SYMMETRIC and other < holder:
            holder, other = other, holder
    kind = None
    if rule.relation == "alliance":
        found = re.search(r"\b(defen[cs]e|military|security|economic|political|trade)\s+(?:alliance|pact|bloc)",
                          text, re.IGNORECASE)
        kind = found.group(1).lower().replace("defence", "defense") if found else None
    return Observation(
        article_id=article_id, sentence_index=sentence_index, text=text, relation=rule.relation, value=value,
        phase=phase, rule=rule.id, holder=holder,
        host=other if role == "host" else None, partner=other if role == "partner" else None,
        members=members if role == "members" else None, date=when[0], date_precision=when[1],
        partner_entity=partner_entity if role == "partner" else None, kind=kind, during=during,
        event_id=event_id, rank=rule.rank, by=by)


def _fill(template: Any, values: dict[str, Any]) -> Any:
    """Put sentence values into a rule's value; keys whose value is missing are left out."""
    if isinstance(template, str):
        return values.get(template[1:]) if template.startswith("$") else template
    if isinstance(template, dict):
        out = {}
        for key, item in template.items():
            filled = _fill(item, values)
            if not (isinstance(item, str) and item.startswith("$") and filled is None):
                out[key] = filled
        return out
    return template


def _amount(quantity: Quantity | None) -> int | float | str | None:
    """A count as GUIDE.md writes it: 157 exact, ">1500" for "more than 1,500", "~1100" for "some 1,100"."""
    if quantity is None:
        return None
    value = quantity.value
    if quantity.qualifier == "exact":
        return value
    if quantity.max is None and quantity.min is not None:
        return f">{value}"
    if quantity.min is None and quantity.max is not None:
        return f"<{value}"
    return f"~{value}"


def _verb(sentence: Span, lemmas: frozenset[str]) -> Token | None:
    """The first verb of the sentence with one of these lemmas that is asserted (no negation or hedge)."""
    for token in sentence:
        if token.lemma_.lower() not in lemmas or token.dep_ in ("aux", "auxpass") or token.pos_ not in (
                "VERB", "AUX"):
            continue
        if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in _HEDGES) for c in token.children):
            continue
        return token
    return None


def _fits_antecedent(mention: ActorMention, context: _Context) -> bool:
    """A mention resolved by coreference ("the junta") counts only if what it refers back to is itself
    a government or military actor, not the nearest country of the text."""
    if mention.coref_of is None:
        return True
    antecedent = context.by_span.get(mention.coref_of)
    return antecedent is not None and antecedent.sector in ("GOV", "MIL")


def _sentence_mentions(context: _Context, index: int) -> list[ActorMention]:
    return [m for m in context.mentions if m.sentence_index == index]


def _subject(verb: Token) -> Token | None:
    token = verb
    for _ in range(4):
        for child in token.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
        if token.dep_ in ("acl",) and token.head.pos_ in ("NOUN", "PROPN", "NUM"):
            return token.head
        if token.dep_ not in _CLIMB or token.head.i == token.i:
            return None
        token = token.head
    return None


def _holder(spec: str, verb: Token | None, mention: ActorMention | None, context: _Context,
            events: list[Event]) -> str | None:
    if spec == "mention":
        return _country(mention)
    if spec == "members":
        return "members"
    if verb is not None:
        subject = _subject(verb)
        if subject is not None:
            found = _country(context.mention_at(subject))
            if found:
                return found
        before = [m for m in _sentence_mentions(context, context.parsed.sentence_index(verb.idx))
                  if m.span[1] <= verb.idx and _country(m) and m.kind != "location"]
        if before:
            return _country(before[-1])
    return next((c for e in events if (c := _country(e.source))), None)


def _other(spec: str, verb: Token | None, sentence: Span, holder: str, context: _Context, index: int,
           events: list[Event]) -> str | None:
    if spec != "place":
        return None
    if verb is not None:
        for token in verb.subtree:
            if token.dep_ == "pobj" and token.head.lower_ in _PARTNER_PREPS:
                found = _country(context.mention_at(token))
                if found and found != holder:
                    return found
    for mention in _sentence_mentions(context, index):
        found = _country(mention)
        if found and found != holder and mention.kind in ("state", "location"):
            return found
    for event in events:
        for actor in (event.target, event.source):
            found = _country(actor)
            if found and found != holder:
                return found
    return None


def _phase_and_date(phase: str, verb: Token | None, sentence: Span, context: _Context,
                    events: list[Event]) -> tuple[str, tuple[str | None, str]]:
    """The observation's phase and date: an explicit date of the sentence, else its events' (for a
    change; a report holds at the article date), else the article's. With phase "auto", a past-tense
    fact without a date held *until* the article, and a present-tense one is reported *as of* it."""
    explicit = _explicit_date(sentence, context)
    if phase == "auto":
        phase = "until" if verb is not None and _past(verb) and explicit is None else "asof"
    if explicit is not None:
        when: tuple[str | None, str] = explicit
    elif events and events[0].date and phase != "asof":
        when = (events[0].date, events[0].date_precision)
    elif context.base is not None:
        when = (context.base.isoformat(), "document")
    else:
        when = (None, "unknown")
    return phase, when


def _explicit_date(sentence: Span, context: _Context) -> tuple[str, str] | None:
    if context.base is None:
        return None
    for expression in find_time_expressions(sentence.text, sentence.start_char):
        if expression.kind in ("relative", "recent", "deictic"):
            continue
        resolved = resolve(expression, context.base)
        if resolved is not None:
            return resolved.value, resolved.precision
    return None


def _past(verb: Token) -> bool:
    """Past tense of the clause: "France had 1,500 troops", not "still maintains" or "are stationed"."""
    token = verb
    for _ in range(3):
        auxes = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
        if any(a.tag_ == "VBD" for a in auxes):
            return True
        if any(a.tag_ in ("VBP", "VBZ", "MD") for a in auxes):
            return False
        if token.tag_ == "VBD":
            return True
        if token.tag_ in ("VBP", "VBZ"):
            return False
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _unique(found: list[Observation]) -> list[Observation]:
    """One observation per sentence, relation, phase and value: the one of the highest rank."""
    seen: dict[tuple[Any, ...], Observation] = {}
    for o in found:
        key = (o.sentence_index, o.key(), o.phase, json.dumps(o.value, sort_keys=True))
        if key not in seen or o.rank > seen[key].rank:
            seen[key] = o
    return list(seen.values())


def _merge_alliances(found: list[Observation]) -> list[Observation]:
    """The events of one alliance sentence ("X formed an alliance with Y and Z": X→Y, X→Z) are one
    alliance of all their members."""
    out: list[Observation] = []
    alliances: dict[tuple[int, str], Observation] = {}
    for o in found:
        if o.relation != "alliance":
            out.append(o)
            continue
        key = (o.sentence_index, o.phase)
        if key in alliances:
            alliances[key].members = sorted(set(alliances[key].members or []) | set(o.members or []))
        else:
            alliances[key] = o
            out.append(o)
    return out

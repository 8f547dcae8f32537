"""Event coding on the dependency parse: triggers, then source and target for each.

A trigger is a verb or an event noun from the trigger lexicon (`data/triggers.tsv`). Its source
and target come from the parse: subjects and objects, passive agents, control chains ("decided to
close"), coordination (one event per coordinated target), nominal events ("the French withdrawal",
"an alliance with X and Y") and, when the sentence leaves a role to context, the most salient other
country of the article so far. Type, mode and CAMEO come from the trigger; Goldstein and quad
class from the pinned CAMEO table. Which actor mention a token of the parse stands for is
`dyadwatch.roles`' business.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from dyadwatch import nlp, reftables
from dyadwatch.dyads import Candidate, DyadScorer, Tree, candidates, pair_features, rule_relation
from dyadwatch.model import ActorMention, Event
from dyadwatch.nlp import Parsed
from dyadwatch.roles import (
    LOCATIVE_PREPS,
    OBJECTS,
    PASSIVE_SUBJECTS,
    PHRASE,
    SUBJECTS,
    MentionIndex,
    Role,
    audience,
    clause_verb,
    in_place,
    located,
    with_coordinated_names,
)

TARGET_PREPS = {"with", "against", "on", "to", "from", "at", "toward", "towards", "into", "upon", "over", "for",
                "around", "outside"}
# Answers, and the words they answer when these are their object ("rejected a request by X": `_answered`).
ANSWERS = frozenset({"REJECT", "AGREE"})
ANSWERED = frozenset({"REQUEST", "ACCUSE", "THREATEN"})
# A release, and the acts it undoes when a participle tells them of the released ("freed X, arrested
# last week": `_undone`).
RELEASES = frozenset({"RETREAT"})
UNDONE = frozenset({"COERCE"})
# Verbs that take an event noun as object and lend it their arguments: "formed an alliance".
SUPPORT_VERBS = {"form", "establish", "impose", "launch", "carry", "conduct", "hold", "stage", "reach",
                 "make", "take", "mount", "begin", "start", "announce", "set", "create", "declare", "order",
                 "approve", "continue", "deliver", "give", "offer", "provide", "issue", "file", "lodge"}
# Matrix verbs whose object, not subject, performs the complement: "ordered the ambassadors to leave".
OBJECT_CONTROL = {"order", "instruct", "ask", "urge", "force", "tell", "compel", "invite", "call", "persuade",
                  "allow", "permit", "encourage", "request", "require", "direct", "command", "press"}
# Those that make a complement's leaving an expulsion: "ordered the ambassadors to leave" is, "urged
# Israel to withdraw its troops" is a request.
EXPELLING = {"order", "instruct", "ask", "tell", "force", "compel", "require", "direct", "command"}
# Events whose unnamed target is the country the actor is in: "the last troops have withdrawn".
HOST_BOUND = {("RETREAT", "withdraw"), ("RETREAT", "retreat")}
# Mobilizations that move no forces abroad (CAMEO 152, a raised alert: "troops remained on alert in Bosnian
# Serb territory"): where the forces stand is no host, unlike a deployment's ("deployed troops in Mali").
AT_HOME_CAMEO = frozenset({"152"})
# Prepositions of a fixed word that name the event's target: "claimed responsibility for the attack",
# "held talks with", "expressed condolences to", "voiced concern about", "imposed sanctions on".
FIXED_WORD_PREPS = {"for", "against", "with", "to", "about", "over", "on"}
THING_PREPS = {"to", "for", "against", "on"}
# Where a meeting noun names a meeting besides what its sentence states (`_reading`).
NOUN_ADJUNCTS = frozenset({"nsubj", "nsubjpass", "pobj"})
# Joint actions: "Chile and Peru signed a pact" codes Chile→Peru and Peru→Chile; other co-actors never
# act on each other ("Britain and France condemned the attack").
JOINT_TYPES = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "ASSAULT"}
MAX_JOINT = 3
# Nouns of time that fill a preposition without being a target: "signed on Monday".
TIME_NOUNS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december", "jan.", "feb.", "aug.", "sept.", "oct.", "nov.", "dec.", "monday", "tuesday",
              "wednesday", "thursday", "friday", "saturday", "sunday", "day", "week", "month", "year", "weekend",
              "morning", "evening", "night", "afternoon", "today", "yesterday", "time", "eve", "hour", "date"}
# Verbs whose object is what is talked about, not who takes part: "discussed Libya with Trump" is Trump's.
TOPIC_VERBS = {"discuss", "debate", "negotiate"}
# Verbs whose subject undergoes the event noun they take: "the group faced allegations".
UNDERGOING_VERBS = {"face", "receive", "suffer", "undergo", "endure", "get", "survive", "escape", "deny"}
EMBEDDED_CLAUSES = {"relcl", "acl", "advcl"}
# Types whose target a that-clause's subject names: who is asked to act, who is accused of acting.
CLAUSE_TARGETS = frozenset({"REQUEST", "ACCUSE"})
CLAUSES = {"advcl", "ccomp", "xcomp"}
UNTYPED = ""


@dataclass(slots=True)
class PairExample:
    """An ordered pair of actors in a sentence with its dyad features (what the scorer reads)."""

    sentence_index: int
    source: Candidate
    target: Candidate
    features: list[str]
    trigger: Token
    reading: reftables.Trigger


class EventCoder:
    """Code the events of a parsed article from its resolved actor mentions.

    The trigger rules code the dyads the parse states plainly; then the dyad scorer
    (`dyadwatch.dyads`) adds the pairs of actors it believes in that the rules missed. With
    `rules_only` the rules alone run, which is how the scorer's training data is made.
    """

    def __init__(self, scorer: DyadScorer | None = None, *, rules_only: bool = False) -> None:
        self.scorer = None if rules_only else scorer or DyadScorer.load()

    def __call__(self, parsed: Parsed, mentions: list[ActorMention]) -> list[Event]:
        events, _ = self.code(parsed, mentions)
        return events

    def code(self, parsed: Parsed, mentions: list[ActorMention]) -> tuple[list[Event], list[PairExample]]:
        """The article's events, and every candidate pair of actors with its features."""
        index = MentionIndex(parsed, mentions)
        salience: Counter[str] = Counter()
        events: list[Event] = []
        examples: list[PairExample] = []
        for number, sent in enumerate(parsed.spans):
            for m in index.in_sentence(number):
                if m.country:
                    salience[m.country] += 1
            if number in parsed.screened:
                continue
            lookups = _Lookups()
            coded = list(self._code_sentence(parsed, number, sent, index, salience, lookups))
            pairs = _pair_examples(number, sent, index, coded, lookups)
            events += coded + self._selected(parsed, number, pairs, coded)
            examples += pairs
        return events, examples

    def _selected(self, parsed: Parsed, number: int, pairs: list[PairExample], coded: list[Event]) -> list[Event]:
        """Events for the pairs the scorer believes in and the rules did not code."""
        if self.scorer is None:
            return []
        out = []
        triggered = [p.reading.event_type != UNTYPED for p in pairs]
        for i, probability in self.scorer.select([p.features for p in pairs], bool(coded), triggered):
            pair = pairs[i]
            if _is_passive(pair.trigger) and pair.source.root in _subjects(pair.trigger):
                continue  # "Policeman shot dead": the passive's subject undergoes the event
            if audience(pair.target.root, pair.target.mention):
                continue  # "he told BBC News: …": the outlet hears the words
            if located(pair.source.root):
                continue  # a place acts on no one, nor does what stands for its seat ("met Putin at the Kremlin")
            if pair.trigger.lemma_.lower() in TOPIC_VERBS and pair.target.root.head == pair.trigger \
                    and pair.target.root.dep_ in OBJECTS:
                continue  # "discussed Libya with Trump": Libya is talked about
            if pair.target.root in pair.source.root.conjuncts and pair.reading.event_type not in JOINT_TYPES:
                continue  # "Britain and France condemned the attack": co-actors, not actor and target
            # "the leaders held talks in Lome", "met Blair at Downing Street": a place of meeting is no target.
            met_at = pair.reading.event_type == "CONSULT" and located(pair.target.root) and any(
                e.trigger == (pair.trigger.idx, pair.trigger.idx + len(pair.trigger)) and e.target for e in coded)
            # "troops remained on alert in Bosnian Serb territory": where forces are is no adversary either.
            posted = pair.reading.event_type == "MOBILIZE" and in_place(pair.target.root)
            target = Role(None, False) if _a_place(pair.target) or met_at or posted else Role(pair.target.mention, True)
            event = make_event(parsed, number, pair.trigger, pair.reading, Role(pair.source.mention, True), target)
            event.confidence = round(probability, 2)
            event.reading = "scored" if event.reading == "general" else event.reading
            out.append(event)
        return out

    def _code_sentence(self, parsed: Parsed, number: int, sent: SpacySpan, index: MentionIndex,
                       salience: Counter[str], lookups: _Lookups) -> Iterator[Event]:
        seen: set[tuple[int, int | None, int | None]] = set()
        for token, trigger in _triggers(sent, lookups):
            if token.pos_ == "NOUN" and index.by_root.get(token.i) is not None:
                continue  # "Germany's ruling coalition": the noun names an actor, not its act
            sources, targets = _roles(token, trigger, index)
            if not any(s.mention for s in sources) and not any(t.mention for t in targets):
                continue
            # "withdrew 1,000 soldiers from Niger": a target with a country beats a bare group or thing.
            targets = [t for t in targets if _named(t.mention)] or targets
            mutual = _each_other(token)
            for source in sources or [Role(None, False)]:
                for target in _reciprocal(source, sources, targets, trigger, mutual) or [Role(None, False)]:
                    src, tgt = _fill_implicit(source, target, token, trigger, index, salience)
                    if src.mention is None:
                        continue
                    if tgt.mention is not None and _same_actor(src.mention, tgt.mention):
                        if len(targets) > 1:
                            continue
                        tgt = Role(None, False)  # "Chad withdrew its troops": no one else is acted on
                    key = (token.i, id(src.mention), id(tgt.mention))
                    if key in seen:
                        continue
                    seen.add(key)
                    yield make_event(parsed, number, token, trigger, src, tgt)
                    # What the event tells of another: the words an answer answers (by the target, to the
                    # source), the hold a release ends (by the source, on the target).
                    for told, by, on in ((_answered(token, trigger, tgt, lookups), tgt, src),
                                         (_undone(token, trigger, tgt, lookups), src, tgt)):
                        if told is not None and (told[0].i, id(by.mention), id(on.mention)) not in seen:
                            seen.add((told[0].i, id(by.mention), id(on.mention)))
                            yield replace(make_event(parsed, number, *told, by, on), reading="fixed")


def _answered(token: Token, trigger: reftables.Trigger, target: Role,
              lookups: _Lookups) -> tuple[Token, reftables.Trigger] | None:
    """"rejected a request by X", "denied the allegations of Y", "accepted the demands of Z": an answer to
    words tells that the words were said, by the author of the words the answer takes as its object (the
    answer's target) to the one who answers. The noun of those words and its trigger, when there is one."""
    if trigger.event_type not in ANSWERS or target.mention is None or not target.explicit:
        return None
    for noun in token.children:
        said = lookups(noun) if noun.dep_ in OBJECTS and noun.pos_ == "NOUN" else None
        if said is not None and said.event_type in ANSWERED and \
                noun.left_edge.idx <= target.mention.span[0] < noun.right_edge.idx + len(noun.right_edge):
            return noun, said
    return None


def _pair_examples(number: int, sent: SpacySpan, index: MentionIndex, coded: list[Event],
                   lookups: _Lookups) -> list[PairExample]:
    found = candidates((m, root) for m in index.in_sentence(number) if index.codable(m)
                       for root in [index.root(m)] if root is not None)
    if len(found) < 2:
        return []
    tree = Tree(sent, lookups)
    rule_pairs = [(e.source.span, e.target.span) for e in coded if e.source and e.target]
    return [PairExample(number, a, b, pair_features(a, b, found, rule_relation(a, b, rule_pairs), tree),
                        *_pair_trigger(a.root.i, b.root.i, tree))
            for a in found for b in found
            if a.mention.span != b.mention.span and a.root.i != b.root.i and not _same_actor(a.mention, b.mention)]


class _Lookups:
    """`lookup` once per token of a sentence: the trigger rules read every token, and every pair of the
    sentence's actors walks the same paths of its parse."""

    def __init__(self) -> None:
        self.found: dict[int, reftables.Trigger | None] = {}

    def __call__(self, token: Token) -> reftables.Trigger | None:
        if token.i not in self.found:
            self.found[token.i] = lookup(token)
        return self.found[token.i]


def _pair_trigger(a: int, b: int, tree: Tree) -> tuple[Token, reftables.Trigger]:
    """The trigger of a selected pair: the first lexicon entry at or above the point where the two
    actors' paths meet, else between them; failing both, the nearest verb above them, untyped."""
    top = tree.meeting_point(a, b)
    lo, hi = sorted((a, b))
    for i in [*tree.chain(top), *range(lo + 1, hi)]:
        trigger = tree.trigger(i)
        if trigger is not None:
            return tree.doc[i], trigger
    verb = tree.doc[next((i for i in tree.chain(top) if tree.pos_of(i) == "VERB"), tree.root)]
    return verb, reftables.Trigger(verb.lemma_.lower(), "VERB", UNTYPED, None, "")


def _named(mention: ActorMention | None) -> bool:
    return mention is not None and mention.kind != PHRASE and bool(mention.country or mention.entity)


def _same_actor(a: ActorMention, b: ActorMention) -> bool:
    """'The US agreed to withdraw its troops': a mention pointing back at the source is the source. A
    state's body placed through another actor that made its state salient is not that actor ("Michael
    Howard / the Tories criticised the government"), nor are two bodies of one state one actor ("the
    army deposed the government")."""
    return (a is b or (b.coref_of == a.span and a.kind != "person" and a.sector in (None, b.sector))
            or (a.coref_of is not None and a.coref_of == b.coref_of and a.sector == b.sector)
            or (a.kind == "person" and a.entity is not None and a.entity == b.entity))


def _reciprocal(source: Role, sources: list[Role], targets: list[Role], trigger: reftables.Trigger,
                mutual: bool = False) -> list[Role]:
    """'Chile and Peru signed a pact': coordinated subjects of a joint action, with no actor as target,
    act on each other; so do those of any action on "each other" ("India and Pakistan blamed each other")."""
    if not mutual and (trigger.event_type not in JOINT_TYPES or len(sources) > MAX_JOINT or any(
            t.mention is not None and t.mention.kind != PHRASE for t in targets)):
        return targets
    partners = [s for s in sources if s.mention is not None and s is not source]
    return partners or targets


def _each_other(token: Token) -> bool:
    """Whether the trigger acts on "each other" or "one another", as its object or through a preposition."""
    reached = [c for c in token.children if c.dep_ in OBJECTS] + [
        g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    doc = token.doc
    return any((doc[k].lower_, doc[k + 1].lower_) in (("each", "other"), ("one", "another"))
               for t in reached for k in (t.i - 1, t.i) if 0 <= k < len(doc) - 1)


def _undone(token: Token, trigger: reftables.Trigger, target: Role,
            lookups: _Lookups) -> tuple[Token, reftables.Trigger] | None:
    """"freed X, arrested last week", "released Y, who had been detained": a release tells that the one
    who releases held the released, when a passive participle without an agent says so of the target.
    The participle and its trigger, when there is one. Only people and groups are held: not a state, its
    government or a thing ("returned antiquities to the government of Iraq that were seized")."""
    released = target.mention
    if trigger.event_type not in RELEASES or released is None or not target.explicit or released.kind == PHRASE \
            or (released.kind == "state" and released.sector in (None, "GOV")):
        return None
    start, end = released.span
    for clause in token.subtree:
        if clause.dep_ not in {"relcl", "acl"} or not start <= clause.head.idx < end:
            continue
        undone = lookups(clause)
        if undone is not None and undone.event_type in UNDONE and _is_passive(clause) and not _agents(clause):
            return clause, undone
    return None


def _triggers(sent: SpacySpan, lookups: _Lookups) -> Iterator[tuple[Token, reftables.Trigger]]:
    """Trigger tokens of a sentence; an event noun under a support verb speaks for the verb."""
    found: dict[int, tuple[Token, reftables.Trigger]] = {}
    for token in sent:
        if (token.dep_ == "compound" and token.pos_ == "NOUN") or _fused_modifier(token):
            continue
        trigger = lookups(token)
        if trigger is not None:
            found[token.i] = (token, trigger)
    for i, (token, trigger) in list(found.items()):
        complement = next((found[c.i][1] for c in token.children if c.dep_ == "xcomp" and c.i in found), None)
        if complement is not None and complement.event_type == "RETREAT" and token.lemma_.lower() in EXPELLING:
            found[i] = (token, _expulsion() or trigger)
        if token.pos_ == "NOUN" and token.dep_ in OBJECTS and token.head.i in found:
            if token.head.lemma_.lower() in SUPPORT_VERBS and " " not in found[token.head.i][1].lemma:
                del found[token.head.i]
            else:
                del found[i]
        if _is_complement_of_trigger(token, found):
            found.pop(i, None)
    yield from sorted(found.values(), key=lambda pair: pair[0].i)


def _fused_modifier(token: Token) -> bool:
    """"Iran-backed militias", "UN-brokered talks": a word fused by a hyphen to the one before it and
    modifying a noun after it describes that noun; it states no act of its own."""
    return token.head.i > token.i and nlp.hyphen_joined(token)


def _expulsion() -> reftables.Trigger | None:
    """'ordered the ambassadors to leave' is an expulsion: code it as the lexicon codes 'expel'."""
    return reftables.triggers().get(("expel", "VERB"))


def _is_complement_of_trigger(token: Token, found: dict[int, tuple[Token, reftables.Trigger]]) -> bool:
    """'ordered them to leave': the matrix verb carries the event; the complement does not repeat it."""
    return token.dep_ == "xcomp" and token.head.i in found


def lookup(token: Token) -> reftables.Trigger | None:
    pos = "VERB" if _is_verb(token) else "NOUN" if token.pos_ == "NOUN" else None
    if pos is None:
        return None
    heads = reftables.trigger_heads()
    # A noun entry may be a plural whose singular means something else ("talks", not "a talk").
    candidates = (pos == "NOUN" and heads.get((token.lower_, pos))) or heads.get((_lemma(token, pos), pos))
    if not candidates:
        return None
    # Entries name their complement as news writes it ("hold talks"), the parse by lemma ("talk"); a
    # preposition belongs to the verb only right after it ("called on X", not "called X on Friday"). A
    # noun compound's modifiers stand before it ("cyber attacks").
    words = [c for c in token.children if c.dep_ != "prep" or c.i == token.i + 1]
    # "called for the troops to be withdrawn": the parser hangs "for" on the clause as its mark.
    words += [g for c in token.children if c.dep_ in CLAUSES for g in c.children
              if g.dep_ == "mark" and g.i == token.i + 1]
    child_lemmas = {c.lemma_.lower() for c in words} | {c.lower_ for c in words}
    modifiers = {c.lemma_.lower() for c in token.lefts} | {c.lower_ for c in token.lefts}
    best: reftables.Trigger | None = None
    for trigger in candidates:
        if trigger.head_last and not modifiers.issuperset(trigger.others):
            continue
        if not trigger.head_last and not all(word in child_lemmas or _has_grandchild(token, word)
                                             for word in trigger.others):
            continue
        if best is None or len(trigger.words) > len(best.words):
            best = trigger
    return best


def _is_verb(token: Token) -> bool:
    """A verb, or a word the tagger took for a noun although it governs an object ("the army overthrew X")."""
    return token.pos_ == "VERB" or (token.pos_ == "NOUN" and token.lower_ in nlp.verb_forms()
                                    and any(c.dep_ == "dobj" for c in token.children))


def _lemma(token: Token, pos: str) -> str:
    if pos == "VERB" and token.pos_ != "VERB":
        forms = nlp.verb_forms().get(token.lower_)
        if forms:
            return str(forms[0])
    return token.lemma_.lower()


def _has_grandchild(token: Token, lemma: str) -> bool:
    return any(lemma in (g.lemma_.lower(), g.lower_) for c in token.children if c.dep_ == "prep" for g in c.children)


def _roles(token: Token, trigger: reftables.Trigger, index: MentionIndex) -> tuple[list[Role], list[Role]]:
    if not _is_verb(token):
        return _noun_roles(token, trigger, index)
    passive = _is_passive(token)
    # A subject the parser attached oddly ("USAID" as an adverb) is still the actor left of the verb.
    subjects = with_coordinated_names(_subjects(token)) or [c for c in token.lefts if index.actor_token(c)
                                                            and c.dep_ not in {"prep", "punct"}]
    agents = _agents(token)
    fixed = set(trigger.others)
    # A fixed word is no target ("held talks"), unless it is an actor itself ("summoned the ambassador").
    objects = [c for c in token.children
               if c.dep_ in OBJECTS and (not fixed & {c.lemma_.lower(), c.lower_} or index.actor_token(c))]
    if token.lemma_.lower() in TOPIC_VERBS:
        # "discussed the idea with Mr McCain": the parser may hang the partner on the topic.
        objects = [p for c in objects for p in _prep_objects(c, {"with"})]
    # "claimed responsibility for the attack": the fixed word's own preposition names the target.
    preps = _prep_objects(token) + [p for c in token.children if fixed & {c.lemma_.lower(), c.lower_}
                                    for p in _prep_objects(c, FIXED_WORD_PREPS)]
    if trigger.event_type == "CONSULT" and (objects or any(not located(p) for p in preps)):
        # "met Putin at the Kremlin": where, not with whom ("held talks at the White House" is with its host).
        preps = [p for p in preps if not located(p)]
    # "provided their donations to Palestinians": a thing given or sent names its receiver.
    preps += [p for c in objects if not index.actor_token(c) for p in _prep_objects(c, THING_PREPS)]
    if not objects and not preps:
        # "threatened to retaliate against X": the complement's objects are the matrix verb's targets.
        for complement in (c for c in token.children if c.dep_ == "xcomp"):
            objects += [c for c in complement.children if c.dep_ in OBJECTS]
            preps += _prep_objects(complement)
    if not objects and not preps and trigger.event_type in CLAUSE_TARGETS:
        # "demanded that the government resign", "alleged that Syria harboured rebels": the clause's subject;
        # "asked whether ministers had looked" is a question, and names no one asked.
        objects = [s for c in token.children if c.dep_ == "ccomp"
                   and not any(m.dep_ == "mark" and m.lower_ != "that" for m in c.children)
                   for s in c.children if s.dep_ in SUBJECTS | PASSIVE_SUBJECTS][:1]
    if not objects and not preps:
        # "agreed to allow access of aid workers": the first object anywhere in the to-clause. A that-clause's
        # objects are what is said, not whom the saying aims at ("denied the party tried to hide the premier").
        objects = [t for c in token.children if c.dep_ == "xcomp" for t in c.subtree
                   if t.dep_ in OBJECTS | {"pobj"}][:1]
    if passive:
        source_tokens, target_tokens = agents, subjects + preps
    else:
        source_tokens, target_tokens = subjects, objects + preps
    return index.roles(source_tokens), index.roles(target_tokens, avoid=source_tokens, phrases=True)


def _noun_roles(token: Token, trigger: reftables.Trigger, index: MentionIndex) -> tuple[list[Role], list[Role]]:
    modifiers = [c for c in token.children if c.dep_ in {"poss", "amod", "compound", "nmod"}]
    source_tokens = [m for m in modifiers if index.actor_token(m)]
    preps = _prep_objects(token, {"by"})
    between = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "between"
               for g in c.children if g.dep_ == "pobj"]
    target_tokens = _prep_objects(token) + between
    if not source_tokens and trigger.event_type == "CONSULT":
        if between and between[0].conjuncts:
            # "the summit between the EU and Turkey" is theirs, as "the EU and Turkey held a summit" is.
            source_tokens, target_tokens = between[:1], [t for t in target_tokens if t not in between]
        elif any(index.actor_token(p) for p in _prep_objects(token, {"with"})) \
                and (clause := clause_verb(token)) is not None:
            # "issued an ultimatum after weeks of talks with a U.S. envoy", "Mitsubishi is in talks with PSA":
            # who talks with the partner is the subject of the clause the talks are an adjunct of.
            source_tokens = _subjects(clause)
    if not source_tokens and preps:
        source_tokens = preps
    verb = token.head
    if not source_tokens and token.dep_ in OBJECTS and verb.lemma_.lower() in UNDERGOING_VERBS:
        # "Serbia faced accusations from Kosovo": the subject undergoes; "from" names who acts.
        givers = _prep_objects(token, {"from"}) + _prep_objects(verb, {"from", "by"})
        return index.roles(givers), index.roles(_subjects(verb))
    if not source_tokens and token.dep_ in OBJECTS and verb.pos_ in {"VERB", "AUX"}:
        source_tokens = _subjects(verb)
        target_tokens += [c for c in _prep_objects(verb) if c not in target_tokens]
    if not source_tokens and token.dep_ in {"nsubj", "nsubjpass"}:
        source_tokens = [c for c in token.children if c.dep_ == "poss"]
    # "approved the extradition of X", "attended a meeting of ASEAN": the noun's "of" names who undergoes it.
    target_tokens += [c for c in _prep_objects(token, {"of"}) if c not in target_tokens]
    return index.roles(source_tokens), index.roles(target_tokens, avoid=source_tokens, phrases=True)


def _is_passive(token: Token) -> bool:
    """Passive, with a participle modifier ("soldiers killed in") and a headline's bare participle
    ("Policeman shot dead") counted as passive."""
    children = {c.dep_: c for c in token.children}
    if children.keys() & (PASSIVE_SUBJECTS | {"auxpass", "agent"}):
        return True
    headline = token.dep_ == "ROOT" and not children.keys() & {"aux", "auxpass"}
    # A participle with a direct object is active, whatever its tag ("minister voiced concern").
    if token.tag_ == "VBN" and (token.dep_ == "acl" or headline) and not children.keys() & OBJECTS:
        return True
    complement = children.get("oprd")
    return headline and complement is not None and complement.lower_ == "dead" and not children.keys() & OBJECTS


def _subjects(verb: Token) -> list[Token]:
    """The subject of a verb, climbing control and coordination when it has none of its own."""
    if verb.pos_ != "VERB":
        return [c for c in verb.lefts if c.dep_ in {"amod", "compound", "nmod", "poss"}]
    for _ in range(6):
        own = [c for c in verb.children if c.dep_ in SUBJECTS | PASSIVE_SUBJECTS]
        if own and verb.dep_ == "relcl" and own[0].tag_ in {"WDT", "WP"}:
            return [verb.head]
        if own:
            return own
        if verb.dep_ == "acl" and verb.tag_ != "VBN":
            return [verb.head]
        if verb.dep_ == "relcl":
            return [verb.head]
        head = verb.head
        if verb.dep_ == "xcomp":
            controller = [c for c in head.children if c.dep_ in OBJECTS]
            if head.lemma_.lower() in OBJECT_CONTROL and controller:
                return controller
            verb = head
        elif verb.dep_ == "conj":
            verb = head.head if head.dep_ == "xcomp" and head.tag_ != verb.tag_ else head
        elif verb.dep_ in {"acomp", "advcl", "pcomp", "ccomp"} and verb.head is not verb:
            verb = head.head if verb.dep_ == "pcomp" else head
        else:
            return []
    return []


def _agents(verb: Token) -> list[Token]:
    """Passive agents ("by X"), on the verb itself or on its complement ("instructed to leave by X")."""
    out: list[Token] = []
    for holder in [verb, *[c for c in verb.children if c.dep_ == "xcomp"]]:
        for child in holder.children:
            if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
                out += [g for g in child.children if g.dep_ == "pobj"]
    return out


def _prep_objects(token: Token, preps: set[str] = TARGET_PREPS) -> list[Token]:
    """Objects of the token's prepositions; the parser calls the "to" of a receiver a dative ("sent aid to X")."""
    return [g for c in token.children if c.dep_ in {"prep", "dative"} and c.lower_ in preps
            for g in c.children if g.dep_ == "pobj" and g.lower_ not in TIME_NOUNS and not g.like_num]


def _a_place(candidate: Candidate) -> bool:
    """A state or capital named as where something happens ("in Lome", "in Lahore, Rawalpindi and
    Multan"), not as an actor."""
    mention = candidate.mention
    return (mention.kind == "location" or (mention.kind == "state" and mention.sector is None)) \
        and located(candidate.root)


def _fill_implicit(source: Role, target: Role, token: Token, trigger: reftables.Trigger, index: MentionIndex,
                   salience: Counter[str]) -> tuple[Role, Role]:
    """Leave explicit roles alone; a phrase or same-country target yields to a country inside it
    ("closed its embassy in Niger"), and an empty one of a withdrawal to the salient other country."""
    src = source.mention
    tgt = target.mention
    if src is None:
        return source, target
    if tgt is not None and tgt.kind != PHRASE and (tgt.country != src.country or tgt.kind == "person"
                                                   or not src.country):
        return source, target
    host_bound = (trigger.event_type == "MOBILIZE" and trigger.cameo not in AT_HOME_CAMEO) \
        or (trigger.event_type, trigger.mode) in HOST_BOUND
    if tgt is None and not host_bound:
        return source, target  # "the leaders held talks in Paris": a place of meeting is no target
    roots = [index.root(tgt)] if tgt is not None else [c for c in token.children if c.dep_ in OBJECTS]
    anchor = token.head if token.pos_ == "NOUN" and token.dep_ in OBJECTS else token
    roots += [c for c in anchor.children if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS]
    # A thing's place is no target ("the arrests of 74 people in Nigeria"), except where arms hit it ("shelled
    # positions in Syria") or a visit goes ("will visit Aceh in Indonesia"); a body's host is ("its embassy in
    # Niger").
    places = host_bound or tgt is None or tgt.kind != PHRASE or trigger.event_type == "ASSAULT" \
        or trigger.mode == "visit"
    inner = index.other_country_in([r for r in roots if r is not None], src.country, places=places)
    if inner is not None:
        return source, Role(inner, True)
    if tgt is not None and tgt.kind == PHRASE:
        return source, target
    other = index.salient_other(salience, src.country, token) if host_bound else None
    if other is not None:
        return source, Role(other, False)
    return source, target


def make_event(parsed: Parsed, number: int, token: Token, trigger: reftables.Trigger,
                source: Role, target: Role) -> Event:
    sentence = parsed.sentences[number]
    code = reftables.cameo(trigger.cameo)
    ends = [token.idx, token.idx + len(token.text)]
    for role in (source, target):
        if role.explicit and role.mention and sentence.start <= role.mention.span[0] < sentence.end:
            ends += list(role.mention.span)
    confidence = 0.5 + 0.2 * source.explicit + 0.2 * target.explicit
    assert source.mention is not None
    return Event(
        article_id=parsed.article.id, sentence_index=number, sentence=sentence.text,
        span=(min(ends), max(ends)), trigger=(token.idx, token.idx + len(token.text)),
        event_type=trigger.event_type, mode=trigger.mode, context=list(code.context) if code else [],
        cameo=trigger.cameo, goldstein=code.goldstein if code else None,
        quad_class=code.quad_class if code else None,
        source=source.mention.as_actor(), target=target.mention.as_actor() if target.mention else None,
        confidence=round(confidence, 2),
        reading=_reading(token, trigger),
    )


def _reading(token: Token, trigger: reftables.Trigger) -> str:
    """How the trigger was read: "fixed" for a multiword entry ("close embassy"); "specific" for a
    reading derived from the construction ("ordered X to leave" = expel), an event noun under a support
    verb ("established a blockade"), a meeting noun that is another verb's subject or a preposition's
    object ("the summit between the EU and Turkey failed", "after weeks of talks with a U.S. envoy") or an
    event in a clause that modifies another ("Kenya, which deployed police to Haiti, praised …"), readings
    that a classifier of the whole sentence misses; else "general"."""
    if " " in trigger.lemma:
        return "fixed"
    if (trigger.lemma != _lemma(token, trigger.pos)
            or (token.pos_ == "NOUN" and token.dep_ in OBJECTS and token.head.lemma_.lower() in SUPPORT_VERBS)
            or (token.pos_ == "NOUN" and token.dep_ in NOUN_ADJUNCTS and trigger.event_type == "CONSULT")
            or any(t.dep_ in EMBEDDED_CLAUSES for t in (token, *token.ancestors))):
        return "specific"
    return "general"

"""Event coding on the dependency parse: triggers, then source and target for each.

A trigger is a verb or an event noun from the trigger lexicon (`data/triggers.tsv`, read by
`dyadwatch.stages.trigger_words`). Its source and target tokens come from the parse
(`dyadwatch.stages.arguments`); this stage makes one event per coordinated source and target, and,
when the sentence leaves a role to context, fills it with the most salient other country of the article
so far. Type, mode and CAMEO come from the trigger; Goldstein and quad class from the pinned CAMEO table.
Which actor mention a token of the parse stands for is `dyadwatch.stages.roles`' business.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from dyadwatch import reftables
from dyadwatch.model import ActorMention, Event
from dyadwatch.stages import deeds_table
from dyadwatch.stages.arguments import (
    JOINT_TYPES,
    MEDIATION,
    TOPIC_VERBS,
    a_people,
    arguments,
    document_topic,
    given,
    idiom_word,
    implied_source,
    is_passive,
    is_verb,
    lodged_with,
    own_protest,
    owned_topic,
    passive_agents,
    sent_to,
    topic,
    undergone,
    verb_subjects,
)
from dyadwatch.stages.attributes import according_to, speech_verb
from dyadwatch.stages.dyads import Candidate, DyadScorer, Tree, candidates, one_body, pair_features, rule_relation
from dyadwatch.stages.gazetteer import read_table
from dyadwatch.stages.nlp import Parsed, compound_head, first_conjunct
from dyadwatch.stages.places import beyond_border
from dyadwatch.stages.roles import (
    CRITICISMS,
    LOCATIVE_PREPS,
    OBJECTS,
    PASSIVE_SUBJECTS,
    PHRASE,
    SUBJECTS,
    MentionIndex,
    Role,
    alleged_in,
    audience,
    circumstantial,
    counted_by,
    done_to,
    home_state,
    in_place,
    located,
)
from dyadwatch.stages.trigger_words import SUPPORT_VERBS, Lookups, fused_modifier, lemma_of, lookup, triggers

# Answers, and the words they answer when these are their object ("rejected a request by X": `_answered`).
ANSWERS = frozenset({"REJECT", "AGREE"})
ANSWERED = frozenset({"REQUEST", "ACCUSE", "THREATEN"})
# Markers of a clause set against another: its subject acts in it, not in the other ("…, while Kuwait has vowed").
CONTRASTS = frozenset({"while", "whereas", "whilst", "although", "though"})
# Prepositions that name the answered words' author ("denied charges by the Chamber", "a request from Britain").
AUTHORS = frozenset({"by", "from"})
# Pronouns by which a speaker tells of itself: what was done to it ("Russia said it was attacked":
# `_speaker_undergoes`) or what it will do ("it would not tolerate": `threats._own_act`).
SPEAKER_PRONOUNS = frozenset({"i", "we", "he", "she", "it", "they"})
# Prepositions by which a verb tells what its subject's words or feelings are about (`_speaks_of`).
CONCERN_PREPS = frozenset({"over", "about", "at", "regarding", "concerning"})
# Prepositions of a trigger whose object is what the act is for or aimed at, never its actor (`_aimed_at`).
AIMED_PREPS = frozenset({"for", "against", "on", "about", "over", "into", "to", "at"})
# A release, and the acts it undoes when a participle tells them of the released ("freed X, arrested
# last week": `_undone`).
RELEASES = frozenset({"RETREAT"})
UNDONE = frozenset({"COERCE"})
# Events whose unnamed target is the country the actor is in: "the last troops have withdrawn".
HOST_BOUND = {("RETREAT", "withdraw"), ("RETREAT", "retreat")}
# Events whose unnamed receiver is the foreign state where they are given: "provided $340 million for
# assistance in northern Iraq" is aimed at Iraq, as the annotators code it.
GIVEN_WHERE = frozenset({"AID"})
# Mobilizations that move no forces abroad (CAMEO 152, a raised alert: "troops remained on alert in Bosnian
# Serb territory"): where the forces stand is no host, unlike a deployment's ("deployed troops in Mali").
AT_HOME_CAMEO = frozenset({"152"})
# Hosting a visit (CAMEO 043): the host is where the meeting is, so a place named in it is no guest ("the AU hosted
# talks in Addis Ababa").
HOSTING = "043"
# Where a meeting noun names a meeting besides what its sentence states (`_reading`).
NOUN_ADJUNCTS = frozenset({"nsubj", "nsubjpass", "pobj"})
MAX_JOINT = 3
# Fights, deals and ties that a "with" makes mutual (`_with_each_other`), by event type: the trigger or
# its object ("struck a deal with", "established diplomatic ties with").
MUTUAL_WITH = {"ASSAULT": frozenset({"clash", "fight", "battle", "skirmish", "exchange"}),
               "AGREE": frozenset({"agree", "deal", "agreement", "accord", "pact", "treaty"}),
               "SUPPORT": frozenset({"tie", "relation"})}
EMBEDDED_CLAUSES = {"relcl", "acl", "advcl"}
# Restrictions and sanctions that name no target when imposed on a place at home (`_own_place`).
DOMESTIC_MEASURES = frozenset({"COERCE", "SANCTION"})
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
    (`dyadwatch.stages.dyads`) adds the pairs of actors it believes in that the rules missed. With
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
            lookups = Lookups()
            coded = list(self._code_sentence(parsed, number, sent, index, salience, lookups))
            pairs = _pair_examples(number, sent, index, coded, lookups)
            events += coded + self._selected(parsed, number, pairs, coded, index)
            examples += pairs
        return events, examples

    def _selected(self, parsed: Parsed, number: int, pairs: list[PairExample], coded: list[Event],
                  index: MentionIndex) -> list[Event]:
        """Events for the pairs the scorer believes in and the rules did not code."""
        if self.scorer is None:
            return []
        out = []
        triggered = [p.reading.event_type != UNTYPED for p in pairs]
        for i, probability in self.scorer.select([p.features for p in pairs], bool(coded), triggered):
            pair = pairs[i]
            if index.by_root.get(pair.trigger.i) is not None:
                continue  # "France v Switzerland": the root of a fragment may be a name, which does nothing
            if is_passive(pair.trigger) and counted_by(pair.source.root) in verb_subjects(pair.trigger):
                continue  # "Policeman shot dead": the passive's subject undergoes the event
            if _speaker_undergoes(pair.source.root, pair.trigger):
                continue  # "Lewsey claimed he was denied a late try": the speaker tells of what was done to him
            if _undergoer_modified(pair.source.root, pair.trigger):
                continue  # "honoured the journalists killed in Syria": only a "by" names who killed them
            if audience(pair.target.root, pair.target.mention):
                continue  # "he told BBC News: …": the outlet hears the words
            if _inside_words(pair.target, pair.trigger, index):
                continue  # "rejected accusation of racism after referring to the Chinese virus": no one is aimed at
            if _aimed_at(pair.source.root, pair.trigger):
                continue  # "asking for British troops to be pulled out", "fired at police": not who acts
            if one_body(pair.source.mention.code, pair.target.mention.code):
                continue  # "the Security Council extended the mandate of the UN mission": one body
            if pair.reading.event_type in {"CONSULT", UNTYPED} and (
                    home_state(pair.source.mention, pair.target.mention)
                    or home_state(pair.target.mention, pair.source.mention)):
                continue  # "the Bahraini prime minister received the UAE ambassador to Bahrain": no talks with Bahrain
            if document_topic(pair.target.root):
                continue  # "vetoed a UN resolution on Syria": what the text is about
            if beyond_border(pair.target.root):
                continue  # "attacked an army camp near the border with Mauritania": where, not whom
            if sent_to(pair.target.root, pair.trigger, pair.reading):
                continue  # "deported 20 migrants to Albania": where they are sent is not acted on
            if lodged_with(pair.target.root, pair.reading, index):
                continue  # "filed a complaint with the UN rights council against the state": the council hears it
            if located(pair.source.root):
                continue  # a place acts on no one, nor does what stands for its seat ("met Putin at the Kremlin")
            if alleged_in(pair.source.root, pair.trigger):
                continue  # "amid allegations that the Turkish firms are too close to Israel": the alleged
            if pair.reading.mode == "visit" and any(index.qualifies_a_site(c.mention)
                                                     for c in (pair.source, pair.target)):
                continue  # "visited Kenya's biggest shantytown": no meeting with Kenya
            if _acts_elsewhere(pair.target.root, pair.trigger):
                continue  # "X have provided donations, while Belgium has vowed to …": Belgium is given nothing
            if any(according_to(a) for c in (pair.source, pair.target) for a in c.root.ancestors):
                continue  # "tested positive for a banned drug, according to Belgian authorities": who tells of it
            if _reporter(pair.source, pair.trigger, index) or _reports(pair, coded):
                continue  # "A Turkish official says Trump has accepted …": who tells of the act does not act
            if circumstantial(pair.source.root, pair.trigger) or circumstantial(pair.target.root, pair.trigger):
                continue  # "a visit to California amid strained relations with the U.S.": no visit to the U.S.
            if undergone(pair.trigger) and any(
                    index.resolve(s) is pair.source.mention for s in verb_subjects(pair.trigger.head)):
                continue  # "civilians fled the fighting", "faced accusations": the subject undergoes the act
            if _speaks_of(pair.source.root, pair.trigger):
                continue  # "expressed alarm over reports of mass arrests": who is alarmed does not arrest
            root = pair.target.root
            ruled = [e for e in coded if e.trigger == (pair.trigger.idx, pair.trigger.idx + len(pair.trigger))]
            if any(e.source is not None and e.target is not None and e.source.code == pair.source.mention.code
                   and e.target.code == pair.target.mention.code for e in ruled):
                continue  # "the Pentagon said U.S. forces carried out an airstrike": the rules coded this dyad
            # "condemned the regime's attacks on the Palestinian people", "… the attack on a government building":
            # the victims are not aimed at; a criticism the rules did not code still stands, aimed at no one
            # ("accuse the law of attacking civil society").
            hit = compound_head(root)
            victims = pair.reading.event_type in CRITICISMS and any(done_to(a) and a.head != pair.trigger
                                                                   for a in (hit, hit.head))
            if victims and ruled:
                continue
            if pair.reading.event_type in CRITICISMS and owned_topic(root, index):
                continue  # "criticised the government's record on the NHS": the NHS is what the record is on
            if pair.reading.event_type not in JOINT_TYPES and any(
                    e.source is not None and e.source.span != pair.source.mention.span and e.target is not None
                    and e.target.span == pair.target.mention.span
                    and not any(e.source.span[0] <= c.idx < e.source.span[1] for c in pair.source.root.conjuncts)
                    for e in ruled):
                continue  # "the head of the UN agency for Palestinian refugees urged Israel": the rules found who urged
            if pair.trigger.lemma_.lower() in TOPIC_VERBS and pair.target.root.head == pair.trigger \
                    and pair.target.root.dep_ in OBJECTS:
                continue  # "discussed Libya with Trump": Libya is talked about
            if idiom_word(pair.target.root, pair.trigger, pair.reading):
                continue  # "are joining forces": the entry's own bare word is no partner
            if fused_modifier(pair.trigger):
                continue  # "living in self-imposed exile": a word fused to its noun describes it, doing nothing
            if given(pair.trigger, pair.target.root, index):
                continue  # "supplied Syria with fighter jets": the jets are given, not acted on
            if topic(pair.target.root, pair.reading):
                continue  # "Britain and France held talks on Syria": what the talks are about
            if pair.target.root in pair.source.root.conjuncts and (
                    pair.reading.event_type not in JOINT_TYPES or any(e.target for e in ruled)):
                continue  # "Britain and France condemned the attack", "welcomed the OPCW visit": co-actors
            # "the leaders held talks in Lome", "met Blair at Downing Street": a place of meeting is no target.
            met_at = pair.reading.event_type == "CONSULT" and located(root) and any(e.target for e in ruled)
            # "troops remained on alert in Bosnian Serb territory": where forces are is no adversary either.
            posted = pair.reading.event_type == "MOBILIZE" and in_place(pair.target.root)
            home = _own_place(pair.source.mention, pair.target.mention, pair.reading)
            struck = pair.reading.event_type == "ASSAULT"
            target = Role(None, False) if _a_place(pair.target, struck) or met_at or posted or home or victims \
                else Role(pair.target.mention, True)
            event = make_event(parsed, number, pair.trigger, pair.reading, Role(pair.source.mention, True), target)
            event.confidence = round(probability, 2)
            event.reading = "scored" if event.reading == "general" else event.reading
            out.append(event)
        return out

    def _code_sentence(self, parsed: Parsed, number: int, sent: SpacySpan, index: MentionIndex,
                       salience: Counter[str], lookups: Lookups) -> Iterator[Event]:
        seen: set[tuple[int, int | None, int | None]] = set()
        for token, trigger in triggers(sent, lookups):
            if token.pos_ == "NOUN" and index.by_root.get(token.i) is not None:
                continue  # "Germany's ruling coalition": the noun names an actor, not its act
            sources, targets = arguments(token, trigger, index)
            if not any(s.mention for s in sources) and not any(t.mention for t in targets):
                continue
            # "withdrew 1,000 soldiers from Niger": a target with a country beats a bare group or thing.
            targets = [t for t in targets if _named(t.mention)] or targets
            # "attacked a base in Borno state village": a settlement named as where it happens is no target.
            targets = [t for t in targets if not _a_settlement(t, index)]
            mutual = _each_other(token)
            mediated = _mediates(token, trigger)
            if mediated:  # "talks mediated by Egypt and Qatar": co-mediators are no parties to the dispute
                targets = [t for t in targets if not any(t.mention is s.mention for s in sources)]
            # "Syrian and Russian jets bombed rebel positions", "… and destroyed them": allies in an attack on what
            # they hit, not foes in a fight ("Syria and Israel have fired across the ceasefire line" hits nothing
            # named: they fire at each other)
            together = mediated or (trigger.event_type == "ASSAULT" and not _fight(trigger) and (
                any(t.mention is not None for t in targets) or any(c.dep_ in OBJECTS for c in token.children)))
            for source in sources or [Role(None, False)]:
                for target in _reciprocal(source, sources, targets, trigger, mutual, together) or [Role(None, False)]:
                    # "Ethiopia and the TPLF signed a peace deal in Pretoria": a partner in a joint act is who it
                    # is done with, whatever state the act takes place in.
                    partner = target != source and target in sources
                    filled, found = (source, [target]) if partner else _fill_implicit(
                        source, target, token, trigger, index, salience)
                    if trigger.mode == "visit":
                        found = [Role(None, False) if index.qualifies_a_site(t.mention) else t for t in found]
                    for tgt in found:
                        src = filled
                        if src.mention is None and not any(k[0] == token.i for k in seen):
                            src = implied_source(token, trigger, tgt, index)
                        if src.mention is None:
                            continue
                        if tgt.mention is not None and _same_actor(src.mention, tgt.mention):
                            if len(targets) > 1:
                                continue
                            tgt = Role(None, False)  # "Chad withdrew its troops": no one else is acted on
                        if _own_place(src.mention, tgt.mention, trigger):
                            tgt = Role(None, False)
                        key = (token.i, id(src.mention), id(tgt.mention))
                        if key in seen:
                            continue
                        seen.add(key)
                        event = make_event(parsed, number, token, trigger, src, tgt)
                        # "called off the strike", "will not end the strike": the strike, whatever the verb says.
                        yield replace(event, reading="fixed") if own_protest(token, trigger) else event
                        # What the event tells of another: the words an answer answers (by the target, to the
                        # source), the hold a release ends (by the source, on the target).
                        for told, by, on in ((_answered(token, trigger, tgt, lookups), tgt, src),
                                             (_undone(token, trigger, tgt, lookups), src, tgt),
                                             (_with_each_other(token, trigger, tgt, index), tgt, src)):
                            if told is not None and (told[0].i, id(by.mention), id(on.mention)) not in seen:
                                seen.add((told[0].i, id(by.mention), id(on.mention)))
                                yield replace(make_event(parsed, number, *told, by, on), reading="fixed")


def _reporter(source: Candidate, trigger: Token, index: MentionIndex) -> bool:
    """Whether the source is the subject of a speech verb that reports the trigger's clause, whose own
    subject is another actor (GUIDELINES.md: who reports an event is not its source)."""
    speech = speech_verb(trigger)
    if speech is None or speech is trigger or source.root not in verb_subjects(speech) or not is_verb(trigger):
        return False
    actors = [index.actor_token(s) for s in verb_subjects(trigger)]
    return any(m is not None and m.code != source.mention.code for m in actors)


def _speaker_undergoes(source: Token, trigger: Token) -> bool:
    """Whether the source says that a pronoun, most likely the speaker, underwent the passive trigger ("Russia
    said it was attacked"): the speaker is no more its agent than the passive's own subject is."""
    if not is_passive(trigger) or not any(s.lower_ in SPEAKER_PRONOUNS for s in verb_subjects(trigger)):
        return False
    speech = speech_verb(trigger)
    return speech is not None and speech is not trigger and source in verb_subjects(speech)


def _undergoer_modified(source: Token, trigger: Token) -> bool:
    """Whether the trigger is a participle modifying a noun that undergoes it ("the journalists killed in Syria"),
    and the source is neither its "by" agent nor in that noun's phrase: the parser reads "a congressional report
    called for sanctions" as a report that was called, whose own words name who acts."""
    if not (is_passive(trigger) and trigger.dep_ == "acl") or source in passive_agents(trigger):
        return False
    modified = trigger.head
    return not modified.left_edge.i <= source.i <= modified.i


def _acts_elsewhere(token: Token, trigger: Token) -> bool:
    """Whether the token (or the first of its conjuncts) is the subject of a contrasting or a coordinated clause
    beside the trigger's ("provided donations to Palestinians, while Kuwait and Belgium have vowed …", "NATO troops
    remained on alert and the U.S. Embassy urged …"), which tells what that subject does, not what is done to it."""
    subject = first_conjunct(token)
    verb = subject.head
    if subject.dep_ not in SUBJECTS | PASSIVE_SUBJECTS or verb.head.i != trigger.i or verb.i == trigger.i:
        return False
    if verb.dep_ == "conj":  # a conjunction must join them: the parser also hangs relative clauses so
        return any(t.pos_ == "CCONJ" for t in trigger.doc[trigger.i + 1:subject.left_edge.i])
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONTRASTS for c in verb.children)


def _reports(pair: PairExample, coded: list[Event]) -> bool:
    """Whether the trigger is the speech verb over an act the rules coded from a verb, whose doer the pair takes
    as its target: in "a Turkish official says Trump has accepted the invitation", the official tells of Trump's
    act and does nothing to Trump."""
    below = {t.idx: t for t in pair.trigger.subtree if t.i != pair.trigger.i}
    return any(e.source is not None and e.trigger is not None and e.source.span == pair.target.mention.span
               and (act := below.get(e.trigger[0])) is not None and is_verb(act) and speech_verb(act) == pair.trigger
               for e in coded)


def _answered(token: Token, trigger: reftables.Trigger, target: Role,
              lookups: Lookups) -> tuple[Token, reftables.Trigger] | None:
    """"rejected a request by X", "denied the allegations of Y", "accepted the demands of Z": an answer to
    words tells that the words were said, by the author of the words the answer takes as its object (the
    answer's target) to the one who answers. The noun of those words and its trigger, when there is one."""
    if trigger.event_type not in ANSWERS or target.mention is None or not target.explicit:
        return None
    for noun in token.children:
        said = lookups(noun) if noun.dep_ in OBJECTS and noun.pos_ == "NOUN" else None
        if said is None or said.event_type not in ANSWERED:
            continue
        # "denied charges by the Chamber": the parser may hang the words' author on the answer's verb.
        authors = [noun] + [c for c in token.children if c.dep_ == "prep" and c.lower_ in AUTHORS and c.i > noun.i]
        # "rejected an extradition request for Carles Puigdemont": whom the words are for did not say them.
        if any(t.idx == target.mention.span[0] and _aimed_at(t, noun) for t in noun.subtree):
            continue
        if any(a.left_edge.idx <= target.mention.span[0] < a.right_edge.idx + len(a.right_edge) for a in authors):
            return noun, said
    return None


def _pair_examples(number: int, sent: SpacySpan, index: MentionIndex, coded: list[Event],
                   lookups: Lookups) -> list[PairExample]:
    found = candidates((m, root) for m in index.in_sentence(number) if index.codable(m)
                       for root in [index.root(m)] if root is not None and index.actor_token(root) is not None)
    if len(found) < 2:
        return []
    tree = Tree(sent, lookups)
    rule_pairs = [(e.source.span, e.target.span) for e in coded if e.source and e.target]
    return [PairExample(number, a, b, pair_features(a, b, found, rule_relation(a, b, rule_pairs), tree),
                        *_pair_trigger(a.root.i, b.root.i, tree))
            for a in found for b in found
            if a.mention.span != b.mention.span and a.root.i != b.root.i and not _same_actor(a.mention, b.mention)]


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


def _inside_words(target: Candidate, trigger: Token, index: MentionIndex) -> bool:
    """Whether the target is named inside the words that are the trigger's object (an accusation, a call) without
    being who says them: what words speak of is not aimed at by the answer to them."""
    return any(c.dep_ in OBJECTS and index.words(c) and target.root in c.subtree and target.root != c
               and index.speaker(c) is not target.mention for c in trigger.children)


def _speaks_of(source: Token, trigger: Token) -> bool:
    """Whether the source is the subject of a verb that reaches the noun trigger only through a preposition of what
    it is about ("expressed alarm over reports of mass arrests", "complained about the expulsion of its diplomats"):
    the subject tells of the act, whose author is named elsewhere or not at all; a possessor names it ("got into
    trouble over its claim that …")."""
    verb = source.head
    return trigger.pos_ == "NOUN" and source.dep_ in SUBJECTS and verb in trigger.ancestors \
        and not any(c.dep_ == "poss" for c in trigger.children) and circumstantial(trigger, verb, CONCERN_PREPS)


def _aimed_at(root: Token, trigger: Token) -> bool:
    """Whether the actor is, or is inside, the object of one of the trigger's prepositions that name what the
    act is for or aimed at (`AIMED_PREPS`: "called for reform of the United Nations"), never who does it."""
    token = root
    while token.head.i != token.i and token != trigger:
        if token.dep_ == "pobj" and token.head.lower_ in AIMED_PREPS and token.head.head == trigger:
            return True
        token = token.head
    return False


def _named(mention: ActorMention | None) -> bool:
    return mention is not None and mention.kind != PHRASE and bool(mention.country or mention.entity)


def _same_actor(a: ActorMention, b: ActorMention) -> bool:
    """'The US agreed to withdraw its troops': a mention pointing back at the source is the source. A
    state's body placed through another actor that made its state salient is not that actor ("Michael
    Howard / the Tories criticised the government"), nor are two bodies of one state one actor ("the
    army deposed the government"), nor an office and another office or body ("the Kenyan president met the prime
    minister", "the mayor of Guatemala demanded support from the national government"). One person or one
    organization named twice is one actor ("UNSCOM weapons inspectors" and "UNSCOM")."""
    return (a is b or (b.coref_of == a.span and a.kind != "person" and a.sector in (None, b.sector)
                       and not _other_than_office(a, b))
            or (a.coref_of is not None and a.coref_of == b.coref_of and a.sector == b.sector)
            or (a.kind in ("person", "organization") and a.entity is not None and a.entity == b.entity))


def _other_than_office(a: ActorMention, b: ActorMention) -> bool:
    """Whether `b`, a definite phrase ("the prime minister", "the national government"), names another actor
    than `a`, an office ("the Kenyan president", "the mayor of Guatemala"): one person's office is neither
    another office nor a body, though `b` took its state from `a` (`data/actors_offices.tsv`)."""
    office = a.text.split(" of ")[0].split()[-1].lower()
    return b.text.lower().startswith("the ") and office != b.text.split()[-1].lower() and office in _offices()


@cache
def _offices() -> frozenset[str]:
    return frozenset(row[0] for row in read_table("actors_offices.tsv"))


def _mediates(token: Token, trigger: reftables.Trigger) -> bool:
    """Whether the act is a mediation (CAMEO 045), by its own word or by its object's ("hosted a mediation
    session", "launched a mediation effort")."""
    return trigger.cameo == MEDIATION or any(
        (reading := lookup(t)) is not None and reading.cameo == MEDIATION
        for c in token.children if c.dep_ in OBJECTS for t in (c, *c.children) if t.dep_ in OBJECTS | {"compound"})


def _fight(trigger: reftables.Trigger) -> bool:
    """Whether the trigger's head word is one of a fight between its parties (data/deeds.tsv, fight)."""
    return trigger.head in deeds_table.table().fights


def _reciprocal(source: Role, sources: list[Role], targets: list[Role], trigger: reftables.Trigger,
                mutual: bool = False, together: bool = False) -> list[Role]:
    """'Chile and Peru signed a pact': coordinated subjects of a joint action, with no actor as target,
    act on each other; so do those of any action on "each other" ("India and Pakistan blamed each other").
    Mediators mediate between others, not between themselves, and allies who attack, bomb or shell something do it
    together, unless they fight or clash (`together`: CAMEO 045; data/deeds.tsv, fight)."""
    if not mutual and (trigger.event_type not in JOINT_TYPES or together
                       or len(sources) > MAX_JOINT or any(
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


def _with_each_other(token: Token, trigger: reftables.Trigger, target: Role,
                     index: MentionIndex) -> tuple[Token, reftables.Trigger] | None:
    """"Troops clashed with rebels", "struck a deal with the UN", "established ties with Bhutan": a fight, a
    deal or ties with someone are both sides', as GUIDELINES.md codes "X and Y clashed" and "X and Y signed a
    deal" (the annotated news codes 36 of 40 agreements on a deal both ways, and every establishment of
    ties). Agreeing with someone that something is so is one side's ("agreed with the Senate that …").
    The trigger again, for the target acting on the source."""
    if target.mention is None:
        return None
    mutual = MUTUAL_WITH.get(trigger.event_type, frozenset())
    heads = [t for t in (token, *(c for c in token.children if c.dep_ in OBJECTS)) if t.lemma_.lower() in mutual
             and not any(c.dep_ == "ccomp" for c in t.children)]
    heads += [t.head for t in heads if t.dep_ in OBJECTS] + [c for t in heads for c in t.children if c.dep_ in OBJECTS]
    partners = [g for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "with"
                for g in c.children if g.dep_ == "pobj"]
    partners += [k for g in partners for k in g.conjuncts]
    return (token, trigger) if any(index.by_root.get(g.i) is target.mention for g in partners) else None


def _undone(token: Token, trigger: reftables.Trigger, target: Role,
            lookups: Lookups) -> tuple[Token, reftables.Trigger] | None:
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
        if undone is not None and undone.event_type in UNDONE and is_passive(clause) and not passive_agents(clause):
            return clause, undone
    return None


def _a_place(candidate: Candidate, struck: bool = False) -> bool:
    """A state, a capital or a settlement named as where something happens ("in Lome", "in Lahore,
    Rawalpindi and Multan", "in southern Kandahar province"), not as an actor; so is a name no table knows
    ("a state of siege in Pando"), and the state that owns the place ("a ceasefire in Idlib, Syria's last
    opposition enclave"), unless arms hit it (`struck`: "hit military positions in Saudi Arabia's Asir region")."""
    mention = candidate.mention
    where = candidate.root
    while not struck and where.dep_ in ("poss", "appos") and where.head.i != where.i:
        where = where.head
    return ((_place_like(mention) or not (mention.code or mention.country)) and located(where)) \
        or _settled(candidate.root)


def _a_settlement(role: Role, index: MentionIndex) -> bool:
    """The coder's counterpart of `_a_place` for settlement nouns ("in a Borno state village")."""
    root = index.root(role.mention) if role.mention is not None else None
    return root is not None and _settled(root)


def _settled(root: Token) -> bool:
    """A settlement noun named as where something happens."""
    return root.lemma_.lower() in _place_heads() and located(root)


@cache
def _place_heads() -> frozenset[str]:
    return frozenset(row[0] for row in read_table("actors_place_heads.tsv"))


def _place_like(mention: ActorMention) -> bool:
    """A place or a state by name, not one of its bodies ("Baghdad", "Syria"; not "the Syrian army")."""
    return mention.kind == "location" or (mention.kind == "state" and mention.sector is None)


def _fill_implicit(source: Role, target: Role, token: Token, trigger: reftables.Trigger, index: MentionIndex,
                   salience: Counter[str]) -> tuple[Role, list[Role]]:
    """Leave explicit roles alone; a phrase or same-country target (not its people: "urged Americans in Libya to
    leave") yields to a country inside it ("closed its embassy in Niger"), and to the states listed with it
    ("suspended air links with 21 countries including Austria, Denmark and Greece"); an empty one of aid yields to
    the foreign state it is given in, and one of a withdrawal to the salient other country."""
    src = source.mention
    tgt = target.mention
    if src is None:
        return source, [target]
    if tgt is not None and tgt.kind != PHRASE and (tgt.country != src.country or tgt.kind == "person"
                                                   or not src.country or a_people(tgt, index)):
        return source, [target]
    host_bound = (trigger.event_type == "MOBILIZE" and trigger.cameo not in AT_HOME_CAMEO) \
        or (trigger.event_type, trigger.mode) in HOST_BOUND
    given_where = trigger.event_type in GIVEN_WHERE
    if tgt is None and not host_bound and not given_where:
        return source, [target]  # "the leaders held talks in Paris": a place of meeting is no target
    roots = [index.root(tgt)] if tgt is not None else [c for c in token.children if c.dep_ in OBJECTS]
    anchor = token.head if token.pos_ == "NOUN" and token.dep_ in OBJECTS else token
    roots += [c for c in anchor.children if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS]
    # A thing's place is no target ("the arrests of 74 people in Nigeria"), except where arms hit it ("shelled
    # positions in Syria") or a visit goes ("will visit Aceh in Indonesia"); a body's host is ("its embassy in
    # Niger").
    places = host_bound or given_where or tgt is None or tgt.kind != PHRASE or trigger.event_type == "ASSAULT" \
        or (trigger.mode == "visit" and trigger.cameo != HOSTING)
    inner = index.other_country_in([r for r in roots if r is not None], src.country, places=places,
                                   victims=trigger.event_type not in CRITICISMS)
    if inner is not None:
        return source, [Role(m, True) for m in (inner, *index.listed_with(inner)) if m.country != src.country]
    if tgt is not None and tgt.kind == PHRASE:
        return source, [target]
    other = index.salient_other(salience, src.country, token) if host_bound else None
    if other is not None:
        return source, [Role(other, False)]
    return source, [target]


def _own_place(source: ActorMention, target: ActorMention | None, trigger: reftables.Trigger) -> bool:
    """"The Iraqi government imposed a curfew on Baghdad": a restriction or a sanction a state imposes on a
    place of its own acts on no one the place names (the annotators give no target). A place abroad stays the
    target ("imposed a blockade on Qatar")."""
    return trigger.event_type in DOMESTIC_MEASURES and target is not None and source.country is not None \
        and target.country == source.country and _place_like(target)


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
    if (trigger.lemma != lemma_of(token, trigger.pos)
            or (token.pos_ == "NOUN" and token.dep_ in OBJECTS and token.head.lemma_.lower() in SUPPORT_VERBS)
            or (token.pos_ == "NOUN" and token.dep_ in NOUN_ADJUNCTS and trigger.event_type == "CONSULT")
            or any(t.dep_ in EMBEDDED_CLAUSES for t in (token, *token.ancestors))):
        return "specific"
    return "general"

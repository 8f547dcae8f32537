"""The slots stage: what coded and typed events hand on to analysts. Only actors fill the source and
target slots, each act of a source is counted once per sentence and type (a meeting told by two words once), a
name and its appositive (and the actors of one state inside one noun phrase) are one actor, a party's criticism
that names no one is aimed at its government, a request, an offer, a promise, a release or support is addressed to the
party named first, meetings, calls and signed agreements count in both directions
(../shared/data/gold/GUIDELINES.md), and people of no stated state that violence is done to are of the state
where it is done (after the attribute stage has placed the event).

It runs after the typing step (`event_types`), where an event's type is final, and the appositive rule after the
relevance gate, so that of two repeats the one the gate trusts more stays.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from dyadwatch.model import Actor, ActorMention, Event, Sentence
from dyadwatch.stages.dyads import one_body
from dyadwatch.stages.nlp import Parsed
from dyadwatch.stages.roles import coordinated, domestic_source, domestic_target, implied_government, own_forces

# CAMEO codes of meetings, calls, visits, talks, negotiations and signed agreements: both directions count.
MUTUAL_CAMEO = frozenset({"040", "041", "042", "043", "044", "046", "057"})
# Dependencies inside a noun phrase, by which an actor named in it is part of the phrase's actor (`one_per_actor`).
NOUN_PHRASE_PARTS = frozenset({"appos", "amod", "compound", "nmod", "poss"})
NOMINALS = frozenset({"NOUN", "PROPN"})
# CAMEO 174, expel or deport individuals: whom a state deports is a foreigner, never placed at home (`_domestic`).
DEPORTATION = "174"
# Types whose act is addressed to one party, the first named after the trigger (`one_addressee`): requests,
# offers, promises, releases or returns, and support.
ADDRESSED = frozenset({"REQUEST", "AGREE", "CONCEDE", "RETREAT", "SUPPORT"})
# Sectors that wield no force: an ASSAULT by a firm, the press, a school, a hospital, a governing party or a
# parliament is a market's or a figure of speech ("Sony PSP console hits US", "the leader's battle bus"), or its
# target misread ("an attack on Iran's parliament killed 12"). None of the 231 ASSAULTs annotated in
# training/annotation has one as its source (the opposition has one: supporters who "clashed with police").
UNARMED_SECTORS = frozenset({"BUS", "MED", "EDU", "HLH", "PTY", "LEG"})


def actor_slots(events: list[Event], mentions: list[ActorMention]) -> list[Event]:
    """Only actors in actor slots: an event whose source is not a coded actor is dropped, and so is an ASSAULT
    by a sector that wields no force (`UNARMED_SECTORS`); a target that names no actor (a thing, a place as
    such, an idea) becomes null. An actor whose role
    was read without the article's date lowers the event's confidence.

    The rules let a noun phrase hold the target place while the classifier reads the sentence
    (PLOVER targets are often things: "condemned the attack"); analysts count dyads, so the
    phrase never reaches the output. A person or organization we cannot place stays as a target
    without a code, because the event is still about them, unless the same act in the sentence has a
    target we can place.
    """
    doubt = {m.span: m.confidence for m in mentions if m.confidence < 1}
    out = []
    for event in events:
        if event.source is None or not event.source.code:
            continue
        if event.event_type == "ASSAULT" and event.source.sector in UNARMED_SECTORS:
            continue
        for actor in (event.source, event.target):
            if actor is not None and actor.span in doubt:
                event.confidence = round(event.confidence * doubt[actor.span], 3)
        if event.target is not None and (not (event.target.code or event.target.entity)
                                         or one_body(event.source.code, event.target.code)):
            event.target = None
            event.id = event.make_id()
        out.append(event)
    return [_implied_target(e) for e in _without_repeats([_domestic(e) for e in out])]


def _implied_target(event: Event) -> Event:
    """An event that, after the repeats are gone, names no target, with the one `roles.implied_government`
    finds for it."""
    if event.target is not None:
        return event
    implied = implied_government(event.source, event.event_type, event.trigger[0] if event.trigger else event.span[0])
    if implied is not None:
        event.target = implied
        event.id = event.make_id()
    return event


def _without_repeats(events: list[Event]) -> list[Event]:
    """Each act of a source once per sentence and type: an event without a target repeats one with a
    target ("Rebels killed two aid workers in Darfur": the place's event, now without one), and one on
    a target we cannot place repeats one on a target we can ("sanctions on Mike Pompeo, Alex Azar and
    Steve Bannon" counts once, as the gold guidelines count a dyad). A person is one source however named:
    "Netanyahu said he will hold talks with Putin" holds the talks once, with Putin (a state's bodies are not one:
    "authorities in Pakistan imposed a curfew where military forces are battling militants")."""
    def key(e: Event) -> tuple[int, str | tuple[int, int], str]:
        if e.source is None:
            return e.sentence_index, (0, 0), e.event_type
        person = e.source.entity if (e.source.entity or "").startswith("person:") else None
        return e.sentence_index, person or e.source.span, e.event_type

    aimed = {key(e) for e in events if e.target is not None}
    placed = {key(e) for e in events if e.target is not None and e.target.code}
    out, bare = [], set()
    for e in events:
        if e.target is None and (key(e) in aimed or key(e) in bare):
            continue
        if e.target is not None and not e.target.code and key(e) in placed:
            continue
        if e.target is None:
            bare.add(key(e))
        out.append(e)
    return out


def one_per_actor(events: list[Event], parsed: Parsed) -> list[Event]:
    """One entry per source, target and type in a sentence, as the gold guidelines count: a name and its
    appositive ("met Alice Wells, a senior US official"; "the Cambodia National Rescue Party (CNRP)") are
    one actor, and so are the actors of one state named inside one noun phrase ("his Lebanese counterpart,
    Michel Aoun"; "an employee of the U.S. consulate"; "the U.S. State Department"), so the events on each
    are one event. Of such repeats the phrase's head stays, else the most confident, in place."""
    def actor(role: Actor | None) -> tuple[tuple[str | None, int | tuple[int, int] | None], bool]:
        """The actor's identity (its state, or its code, and the head of its noun phrase) and whether the
        role names that head itself."""
        if role is None:
            return (None, None), True
        root = parsed.root_at(*role.span)
        if root is None:
            return (role.code, role.span), True
        while root.dep_ == "appos" and root.head.i != root.i:
            root = root.head
        outer = root
        while True:
            head = outer.head
            if outer.dep_ in NOUN_PHRASE_PARTS and head.i != outer.i and head.pos_ in NOMINALS \
                    and not coordinated(outer):
                outer = head
            elif outer.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in NOMINALS:
                outer = head.head
            elif outer.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "loyal" \
                    and head.head.dep_ == "amod":
                outer = head.head.head  # "forces loyal to General Khalifa Haftar": the forces are his
            else:
                break
        return (role.country or role.code, outer.i), outer.i == root.i

    keys, ranks = [], []
    for event in events:
        (source, _), (target, whole) = actor(event.source), actor(event.target)
        keys.append((event.sentence_index, event.event_type, source, target))
        ranks.append((whole, event.confidence))  # of repeats, the one on the whole phrase, else the more confident
    best: dict[tuple, int] = {}
    for i, key in enumerate(keys):
        if key not in best or ranks[i] > ranks[best[key]]:
            best[key] = i
    kept = set(best.values())
    return _one_meeting([e for i, e in enumerate(events) if i in kept])


def _one_meeting(events: list[Event]) -> list[Event]:
    """"Putin hosted Saudi King Salman for talks at the Kremlin, in the first official visit to Russia by a
    reigning Saudi monarch": a meeting a sentence tells by two words is one meeting of the same two states. Of the
    annotated news's repeats of this kind (a meeting of one source state with one target state, in one sentence,
    from two trigger words) 4 of 4 were extra; of one word's, the actors are distinct ("met Blair and Straw")."""
    def key(e: Event) -> tuple:
        return (e.sentence_index, e.source.country or e.source.code if e.source else None,
                e.target.country or e.target.code if e.target else None)

    best: dict[tuple, Event] = {}
    for e in events:
        if e.event_type == "CONSULT" and e.trigger is not None and (key(e) not in best
                                                                    or e.confidence > best[key(e)].confidence):
            best[key(e)] = e
    return [e for e in events if e.event_type != "CONSULT" or e.trigger is None or best[key(e)].trigger == e.trigger]


def one_addressee(events: list[Event], parsed: Parsed) -> list[Event]:
    """A request, an offer, a promise, a release or support is addressed to the party named first ("called on
    Nigerian leaders to emulate ... the late President Nelson Mandela", "offered China access to the country's oil
    reserves", "released Amado Boudou from prison", "welcomed Trump's invitation to Putin"): of the targets one
    trigger gives a source, the first stays, and those coordinated with it ("urged Britain and France to act");
    actors named further on are inside what is asked, promised, given up or backed. Counted on the annotated news
    first: of 13 later targets of requests, none was the annotators', of 17 of offers and promises 1, of 11 of
    releases and returns 2, both coordinated with the first, and of 3 of support none. A target the text does not
    name (no span to parse) stays."""
    def act(e: Event) -> tuple | None:
        """One trigger's act of one source, for the types addressed to one party."""
        if e.event_type in ADDRESSED and e.target is not None and e.trigger and e.source is not None:
            return e.sentence_index, e.trigger, e.source.span, e.event_type
        return None

    first: dict[tuple, Event] = {}
    for e in sorted(events, key=lambda e: e.target.span[0] if e.target else 0):
        if (key := act(e)) is not None:
            first.setdefault(key, e)
    out = []
    for e in events:
        lead = first.get(key) if (key := act(e)) is not None else None
        if lead is not None and e.target.span != lead.target.span:
            mine, theirs = parsed.root_at(*e.target.span), parsed.root_at(*lead.target.span)
            if mine is not None and theirs is not None and mine.i not in {t.i for t in theirs.conjuncts}:
                continue
        out.append(e)
    return out


def _domestic(event: Event) -> Event:
    """The event with its target placed in the source's state where `roles.domestic_target` says so and its
    source in the target's where `roles.domestic_source` does, or without the target `roles.own_forces` finds
    to be its means."""
    if own_forces(event.source, event.target, event.event_type, event.cameo):
        event.target = None
        event.id = event.make_id()
        return event
    placed = domestic_target(event.source, event.target, event.event_type) if event.cameo != DEPORTATION else None
    if placed is not None:
        event.target = placed
        event.id = event.make_id()
    home = domestic_source(event.source, event.target, event.event_type)
    if home is not None:
        event.source = home
        event.id = event.make_id()
    return event


def mutual(events: list[Event], sentences: Sequence[Sentence]) -> list[Event]:
    """Meetings, calls, visits, talks, negotiations and signed agreements count in both directions
    (GUIDELINES.md): "May held talks with Varadkar" is also Varadkar consulting May. Each such event
    whose target is a coded actor named in its sentence gets its reverse, unless it is there already."""
    have = {_dyad_key(e, e.source, e.target) for e in events if e.source and e.target}
    out = []
    for event in events:
        out.append(event)
        source, target = event.source, event.target
        if event.cameo not in MUTUAL_CAMEO or source is None or target is None or not target.code:
            continue
        sentence = sentences[event.sentence_index]
        key = _dyad_key(event, target, source)
        if key in have or not sentence.start <= target.span[0] < sentence.end:
            continue
        have.add(key)
        out.append(replace(event, source=target, target=source, context=list(event.context),
                           quantities=list(event.quantities), id=""))
    return out


def _dyad_key(event: Event, source: Actor, target: Actor) -> tuple[object, ...]:
    """An event's sentence, type and two actors, each by span and code: one phrase may stand for two actors
    ("the leaders of France and Germany"), so the span alone does not tell them apart."""
    return event.sentence_index, event.event_type, source.span, source.code, target.span, target.code


# Types whose victims of no stated state are of the state where the act is done (`victims_placed`).
VIOLENT_TYPES = frozenset({"ASSAULT", "COERCE"})
# Sectors of the people a violent act is done to: civilians, fighters, students, health workers, journalists,
# clergy, workers and farmers; not refugees or migrants, who are from elsewhere.
VICTIM_SECTORS = frozenset({"CVL", "REB", "UAF", "EDU", "HLH", "MED", "REL", "LAB", "AGR"})
# Bodies that act at home only: police and courts of no stated state are the state's where they act or are hit.
HOME_FORCES = frozenset({"COP", "JUD"})
# Armed men and criminals of no stated state are the state's where they attack ("armed men attacked an army camp in
# Mali": the annotated news codes them so).
HOME_ATTACKERS = frozenset({"UAF", "CRM"})


def victims_placed(events: list[Event], mentions: list[ActorMention]) -> list[Event]:
    """"Russian shelling killed 12 civilians in eastern Ukraine": people of no stated state that a violent act is
    done to are of the state where it is done (the attribute stage's place of the event). That place also beats the
    attacker's own state, which `roles.domestic_target` gives them when the sentence does not say where ("Boko
    Haram fighters torched a village in Cameroon's Far North Region, killing 11 civilians"). Police and courts of no
    stated state are the place's too, whatever they do ("police killed three robbers in a shootout in Lagos"), and
    so are armed men and criminals who attack there."""
    stated = {m.span for m in mentions if m.country}
    for event in events:
        place = event.location
        if place is None or not place.country:
            continue
        violent = event.event_type in VIOLENT_TYPES
        target = _placeable(event.target, stated, VICTIM_SECTORS | HOME_FORCES if violent else frozenset(),
                            place.country)
        source = _placeable(event.source, stated, HOME_FORCES | HOME_ATTACKERS if violent else HOME_FORCES,
                            place.country)
        if target:
            event.target = replace(event.target, country=place.country, code=place.country + event.target.sector)
        if source:
            event.source = replace(event.source, country=place.country, code=place.country + event.source.sector)
        if target or source:
            event.id = event.make_id()
    return events


def _placeable(actor: Actor | None, stated: set[tuple[int, int]], sectors: frozenset[str], country: str | None) -> bool:
    """Whether the actor is of one of `sectors`, named with no state of its own, and not of `country` already."""
    return actor is not None and actor.span not in stated and actor.sector in sectors \
        and actor.code in (actor.sector, f"{actor.country}{actor.sector}") and actor.country != country

"""Coreference state for the actors stage: the mentions an article has made so far, and how an
anaphor links back to them.

"the country", "its", "the two countries", "the junta" name no actor themselves; they mean one the
article named before. This module holds what the resolver has learned about each phrase (`Found`),
the article's mentions in reading order (`DocState`), the recency-weighted salience of the
countries named so far, which settles state anaphors and people whose names several states share,
and `corefer`, which links a country-less phrase back to what the article named before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from dyadwatch.model import ActorMention
from dyadwatch.stages.gazetteer import Entry, norm, read_table

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SALIENCE_DECAY = 0.5
# Head nouns that refer back to a state rather than name one.
STATE_ANAPHORS = frozenset({"country", "nation", "state", "republic", "kingdom"})
# Definite descriptions of a ruling group: they corefer with the last such description.
RULING = frozenset({"junta", "regime", "military government", "military regime", "military junta",
                    "military leader", "military ruler", "coup leader", "putschist", "military authority"})
# Generic group heads: "the group" corefers with the last organization or armed group.
GROUP_HEADS = frozenset({"group", "organization", "organisation", "movement", "alliance", "bloc"})
# Sectors whose definite, country-less heads ("the army", "the government") mean the salient state.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG"})
# Those and the opposition: "the opposition", "the shadow chancellor" are the salient state's too.
SALIENT_SECTORS = STATE_SECTORS | {"OPP"}
# Former colonial powers, for "the former colonial power".
COLONIAL_POWERS = frozenset({"FRA", "GBR", "PRT", "ESP", "BEL", "NLD", "DEU", "ITA"})
# The states news calls "the kingdom": today's monarchies titled kingdoms (Wikipedia, "List of current monarchies").
KINGDOMS = frozenset({"SAU", "JOR", "MAR", "BHR", "GBR", "ESP", "NLD", "BEL", "SWE", "NOR", "DNK", "THA", "KHM", "BTN",
                      "LSO", "SWZ", "TON"})
# Personal pronouns that stand for a person named before them (`link_person`), and how many sentences back.
PERSONAL_PRONOUNS = frozenset({"he", "she"})
# Object pronouns, which stand for a person named before them other than their clause's subject ("Mr Clarke
# accused him": `link_person`), and the relations in which they are read.
OBJECT_PRONOUNS = frozenset({"him", "her"})
OBJECT_PRONOUN_DEPS = frozenset({"dobj", "dative", "pobj"})
# A plural pronoun heading its sentence, which stands for the group the sentence before was about (`link_group`).
GROUP_PRONOUNS = frozenset({"they"})
# Tags of plural nouns: bare plural agents ("Ministers insist": `_bare`), the other groups `link_group` sees, and a
# state's people (`arguments.a_people`).
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
# Clauses whose understood subject is the subject of the clause they hang from ("met Morrison to congratulate him").
SUBJECTLESS_CLAUSE_DEPS = frozenset({"xcomp", "advcl", "conj"})
PRONOUN_REACH = 2
# An acronym's plural, which the tagger takes for a proper noun ("MPs", "MEPs", "TDs").
PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")
# A state's institutions, named in the singular with no determiner ("raised it with government").
INSTITUTIONS = frozenset({"government", "parliament", "cabinet", "congress", "senate", "legislature", "judiciary"})
# Prepositions before a bare "government" that name an office held, not an actor ("in government").
OFFICE_PREPS = frozenset({"in", "into", "from", "out", "of"})
# Modifiers that make a state's agents another state's ("foreign ministers").
FOREIGN = frozenset({"foreign", "overseas"})
# Capitalized modifiers that keep them the state's ("Government officials", "Army officers").
STATE_WORDS = INSTITUTIONS | {"state", "army", "police", "military", "security", "defence", "defense", "navy"}
# The key of a number that stands for a group named before it ("the remaining 157 have withdrawn"), and the
# plain sectors of people such a count can mean (not a state's government or courts).
COUNTED = "#count"
COUNTED_SECTORS = frozenset({"MIL", "COP", "REB", "CVL", "UAF", "SPY", "REF", "LAB"})
# Offices whose holder is of a state that has one (`office_states`).
OFFICES = ("prime minister", "president")
# Heads that, counted as two ("both sides", "the two leaders"), mean the two states the text just named, as a
# state body's head does ("the two armies").
PAIR_HEADS = frozenset({"side", "party", "leader", "government", "neighbour", "neighbor", "rival", "capital"})


@dataclass(slots=True)
class Found:
    """What the phrase analysis learned about one noun phrase, before it becomes a mention."""

    start: int
    end: int
    head: int
    country: str | None = None
    sectors: tuple[str, ...] = ()
    name: str | None = None
    entity: str | None = None
    kind: str = "state"
    role: str | None = None
    code: str | None = None
    # The party the phrase names its actor by ("Tory spokesman X", "Tory Andrew Rosindell"): governing or not on the
    # article's date decides PTY or OPP (`ActorResolver._emit`).
    party: str | None = None
    coref_of: tuple[int, int] | None = None
    # A person's own name starts here, after the titles ("Police spokesman Nigel Smith": Nigel); -1 for no person.
    name_from: int = -1
    klass: str = ""
    antecedents: list[tuple[str, tuple[int, int]]] = field(default_factory=list)
    # An international body coordinated with the phrase's state, which has its own actor ("UK and EU negotiators").
    partner: Entry | None = None
    head_key: str = ""
    needs_coref: bool = False
    needs_salience: bool = False
    confidence: float = 1.0


@dataclass(slots=True)
class DocState:
    """Mentions so far in one article, for coreference and salience."""

    mentions: list[ActorMention] = field(default_factory=list)
    klasses: list[str] = field(default_factory=list)
    persons: dict[str, ActorMention] = field(default_factory=dict)
    day: str | None = None
    sentence: int = 0
    sentence_countries: tuple[str, ...] = ()
    # The states the whole article names, most often named first: the last resort for a surname named before
    # any state ("Mr Brown said …" opening a story about Britain).
    article_countries: tuple[str, ...] = ()


def last(state: DocState, before: int, accept: Callable[[ActorMention, str], bool]) -> ActorMention | None:
    """The latest mention starting before char `before` that `accept(mention, klass)` takes."""
    for m, k in zip(reversed(state.mentions), reversed(state.klasses), strict=True):
        if m.span[0] < before and accept(m, k):
            return m
    return None


def link(f: Found, prev: ActorMention) -> None:
    """Copy the antecedent's actor onto an anaphoric phrase and point back to it."""
    f.country = prev.country
    f.coref_of = prev.span
    sector = prev.sector
    if prev.kind in ("organization", "group"):
        f.entity, f.name, f.code = prev.entity, prev.name, prev.code
        f.kind = prev.kind
        sector = body_sector(prev)
    elif prev.country is not None:
        f.entity = f"country:{prev.country}"
    if not f.sectors and sector:
        f.sectors = (sector,)


def body_sector(m: ActorMention) -> str | None:
    """The sector of the body a mention's code names: "A Taliban spokesman" speaks with a GOV title for AFGREB, and
    "the group" it speaks for is the REB body, not its speaker."""
    code = m.code or ""
    return code[3:] if m.country and len(code) == 6 and code.startswith(m.country) else m.sector


def salient(state: DocState, before: int, sent_index: int,
             among: frozenset[str] | None = None) -> list[tuple[str, tuple[int, int]]]:
    """Countries by recency-weighted salience before char `before`, with their latest mention.

    A name in the current sentence outranks the rest (it is what "the country" most often means),
    then each earlier mention adds weight that halves with every sentence back; of two equally salient,
    the later named is nearer ("ties with El Salvador, after the country broke off links with Taiwan").
    """
    prior = [m for m in state.mentions if m.span[1] <= before and m.country is not None]
    current = sent_index
    score: dict[str, float] = {}
    latest: dict[str, tuple[int, int]] = {}
    for m in prior:
        if m.country is None or (among is not None and m.country not in among):
            continue
        weight = SALIENCE_DECAY ** (current - m.sentence_index)
        if m.sentence_index == current and m.kind == "state" and m.sector is None:
            weight += 2.0
        score[m.country] = score.get(m.country, 0.0) + weight
        latest[m.country] = m.coref_of or m.span
    ranked = sorted(score, key=lambda c: (-score[c], -latest[c][0]))
    return [(c, latest[c]) for c in ranked]


def link_country(f: Found, state: DocState, before: int, sent_index: int, *, count: int = 1,
                  among: frozenset[str] | None = None, only_among: bool = False) -> None:
    """Resolve a state anaphor to the `count` most salient countries: of those `among`, if any is salient, else
    of all (unless `only_among`)."""
    ranked = salient(state, before, sent_index, among) or (
        salient(state, before, sent_index) if among and not only_among else [])
    if not ranked:
        return
    if count == 1:
        f.country, f.coref_of = ranked[0]
        f.entity = f"country:{f.country}"
        f.kind = "state"
        return
    f.antecedents = ranked[:count]
    f.kind = "state"


def link_person(f: Found, state: DocState, before: int, sent_index: int, besides: frozenset[str] = frozenset()) -> None:
    """"Tony Blair spoke in London. He criticised Paris": "he" or "she" is the first person named in the
    nearest sentence (this one or up to `PRONOUN_REACH` back) that names one, as news leads a sentence
    with its subject. When that person has no code, the pronoun stays unresolved: it does not skip to
    someone further back. An object pronoun is not its clause's subject ("Mr Clarke accused him"): the
    people `besides` (by `person_key`) are passed over."""
    persons = [m for m in state.mentions if m.span[0] < before and m.kind == "person"
               and sent_index - m.sentence_index <= PRONOUN_REACH and person_key(m) not in besides]
    if not persons:
        return
    nearest = max(m.sentence_index for m in persons)
    prev = min((m for m in persons if m.sentence_index == nearest), key=lambda m: m.span[0])
    if not prev.code:
        return
    take_person(f, prev)


def take_person(f: Found, prev: ActorMention) -> None:
    """Copy a coded antecedent onto a personal pronoun: the pronoun is that person, or that office's holder."""
    f.kind, f.klass, f.name, f.entity, f.role = "person", "person", prev.name, prev.entity, prev.role
    f.code, f.country, f.coref_of = prev.code, prev.country, prev.coref_of or prev.span
    f.sectors = (prev.sector,) if prev.sector else ()


def link_group(doc: Doc, f: Found, state: DocState, sent_index: int) -> None:
    """"The MPs also call for tougher sentences. They say …", "Members of the committee will tour fish markets.
    They will also talk to the minister": "they" at the head of a sentence is the group or body that was the
    subject of the sentence before. When that subject is a person, a thing ("The bill … is expected to be
    opposed by the Liberal Democrats. They have said …"), an actor of no known state or no actor, "they" stays
    unresolved, and so it does when that sentence names another group ("Police arrested two men. They …")."""
    subject: ActorMention | None = None
    others = 0
    for m in state.mentions:
        if m.sentence_index != sent_index - 1:
            continue
        span = doc.char_span(m.span[0], m.span[1], alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if root.dep_ == "pobj" and root.head.lower_ == "of":
            root = root.head.head  # "Members of Westminster's environment committee"
        if root.dep_ in ("nsubj", "nsubjpass") and root.head.dep_ == "ROOT" and subject is None:
            subject = m
        elif root.tag_ in PLURAL_TAGS or m.kind == "group":
            others += 1
    if subject is not None and subject.kind != "person" and subject.country and not others:
        link(f, subject)
        f.kind = subject.kind


def person_key(m: ActorMention) -> str:
    """Who a person mention names: its entity, or its own span when the tables do not know the person."""
    return m.entity or f"{m.span[0]}:{m.span[1]}"


def clause_subjects(pronoun: Token, state: DocState) -> frozenset[str]:
    """The people that are the subject of the clause an object pronoun is in ("Mr Blair thanked him"). A
    clause with no subject of its own has the subject of the clause it hangs from: in "Netanyahu called
    Morrison to congratulate him", "him" is not Netanyahu."""
    verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
    subjects = _own_subjects(verb)
    while not subjects and verb.dep_ in SUBJECTLESS_CLAUSE_DEPS and verb.head is not verb:
        verb = verb.head
        subjects = _own_subjects(verb)
    return frozenset(person_key(m) for s in subjects for m in _persons_at(s, state))


def conjoined_subject(pronoun: Token, state: DocState) -> ActorMention | None:
    """"The Iranian president rejected Mr Trump's offer and he also accused the government": "he" or "she" as the
    subject of a clause joined to one whose subject is one coded office-holder is that holder, whoever else the
    first clause names."""
    verb = pronoun.head
    if pronoun.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ != "conj":
        return None
    subjects = _own_subjects(verb.head)
    if len(subjects) != 1 or subjects[0].tag_ not in ("NN", "NNP"):
        return None
    return next((m for m in state.mentions if m.span[0] <= subjects[0].idx < m.span[1] and m.code
                 and (m.kind == "person" or m.sector in STATE_SECTORS)), None)


def clause_person(head: Token, state: DocState) -> ActorMention | None:
    """The coded person that is the subject of the nearest clause above `head` with one other than the phrase
    itself: "Speaking to Xi, President Taneti Maamau reaffirmed his administration's commitment" is Maamau's."""
    for verb in head.ancestors:
        subjects = [c for c in _own_subjects(verb) if head not in c.subtree] if verb.pos_ in ("VERB", "AUX") else []
        for subject in subjects:
            found = next((m for m in _persons_at(subject, state) if m.country), None)
            if found is not None:
                return found
        if subjects:
            return None
    return None


def _own_subjects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]


def _persons_at(token: Token, state: DocState) -> list[ActorMention]:
    """The person mentions so far that cover `token`."""
    return [m for m in state.mentions if m.kind == "person" and m.span[0] <= token.idx < m.span[1]]


def link_count(f: Found, state: DocState, before: int, sent_index: int) -> None:
    """"Most of the troops had left, and the remaining 157 have withdrawn": a count with no noun of its own
    counts the people of the nearest group named in this sentence or the one before."""
    prev = last(state, before, lambda m, _k: m.sector in COUNTED_SECTORS and m.kind != "person"
                and sent_index - m.sentence_index <= 1)
    if prev is not None:
        link(f, prev)
        f.kind = prev.kind


def corefer(doc: Doc, f: Found, head: Token, head_key: str, start: int,
            norms: list[str], state: DocState, sent_index: int) -> None:
    """Resolve a country-less actor phrase against what the article said before it."""
    at = doc[start].idx
    if head_key in PERSONAL_PRONOUNS:
        holder = conjoined_subject(head, state)
        if holder is not None:
            take_person(f, holder)
            return
        link_person(f, state, at, sent_index)
        return
    if head_key in OBJECT_PRONOUNS:
        link_person(f, state, at, sent_index, clause_subjects(head, state))
        return
    if head_key in GROUP_PRONOUNS:
        link_group(doc, f, state, sent_index)
        return
    if head_key == COUNTED:
        link_count(f, state, at, sent_index)
        return
    anaphor = None
    for child in head.children:
        if child.dep_ == "poss":
            anaphor = child
    if anaphor is not None and anaphor.lower_ in ("its", "their"):
        prev = last(state, at, lambda m, _k: m.country is not None or m.kind in ("organization", "group"))
        if prev is not None:
            link(f, prev)
        return
    if anaphor is not None and anaphor.lower_ in ("his", "her") and f.sectors and f.sectors[0] in STATE_SECTORS:
        # "Mr Niyazov said that his government would insist": the state body of the state its owner serves.
        owner = replace(f)
        subject = clause_person(head, state)
        if subject is not None:
            owner.country, owner.coref_of = subject.country, subject.coref_of or subject.span
        else:
            link_person(owner, state, at, sent_index)
        if owner.country is not None:
            f.country, f.coref_of, f.entity, f.kind = owner.country, owner.coref_of, f"country:{owner.country}", "state"
        return
    if anaphor is not None and norm(anaphor.lemma_) in STATE_ANAPHORS:
        link_country(f, state, at, sent_index, among=KINGDOMS if norm(anaphor.lemma_) == "kingdom" else None)
        return
    if anaphor is not None and anaphor.pos_ == "PROPN":
        if norms[anaphor.i] in state.persons:
            link(f, state.persons[norms[anaphor.i]])
        return  # "the North's leader": a named owner the tables do not know is no salient state
    # "pro-junta protestors": a ruling-group word among the modifiers.
    if any(norms[k] in RULING for k in range(start, head.i)):
        prev = last(state, at, lambda _m, k: k == "ruling")
        if prev is not None:
            link(f, prev)
        return
    definite = any(norms[k] in ("the", "this", "that", "these", "those", "both") for k in range(start, head.i))
    if not definite:
        if f.sectors and f.sectors[0] in SALIENT_SECTORS and _bare(doc, start, head):
            link_country(f, state, at, sent_index)
        return
    plural = any(norms[t.i] in ("both", "two") for t in doc[start:head.i])
    if plural and (head_key in PAIR_HEADS or (f.sectors and f.sectors[0] in STATE_SECTORS)):
        link_country(f, state, at, sent_index, count=2)
        return
    if head_key in STATE_ANAPHORS:
        if plural:
            link_country(f, state, at, sent_index, count=2)
        elif any(norms[k] in ("colonial", "former") for k in range(start, head.i)):
            link_country(f, state, at, sent_index, among=COLONIAL_POWERS)
        elif head_key == "kingdom":
            # "Canada recalled its envoy from Saudi Arabia after the kingdom expelled …": not Canada.
            link_country(f, state, at, sent_index, among=KINGDOMS)
        else:
            link_country(f, state, at, sent_index)
        return
    if head_key == "power" and any(norms[k] == "colonial" for k in range(start, head.i)):
        link_country(f, state, at, sent_index, among=COLONIAL_POWERS)
        return
    if head_key in GROUP_HEADS:
        if any(doc[k].pos_ == "PROPN" for k in range(start, head.i)):
            return  # "the Mercosur bloc", "the Wagner group": a body of its own name, not the last one named
        # "The piracy group called itself the Underground Network" after "the FBI", "the group says" after "the Appeal
        # Court ruled": a group is no state organ named before it, whether or not its state is known ("the UN agency"
        # is no state's: "the organization" may be it). A body's spokesman is the body ("A Taliban spokesman said the
        # group …"): its code, not its speaker's sector, says whether it is a state organ.
        prev = last(state, at, lambda m, _k: m.kind in ("organization", "group") and m.entity is not None
                    and (body_sector(m) not in STATE_SECTORS or (m.code or "").startswith(("IGO", "NGO"))))
        if prev is not None:
            link(f, prev)
        return
    if f.klass == "ruling":
        prev = last(state, at, lambda _m, k: k == "ruling")
        if prev is not None:
            link(f, prev)
            return
    prev = last(state, at, lambda m, k: k == head_key and m.country is not None)
    if prev is not None:
        link(f, prev)
        return
    if f.sectors and f.sectors[0] in SALIENT_SECTORS:
        # "America has spoken … the prime minister said": only a state with a prime minister has one.
        link_country(f, state, at, sent_index, among=office_states().get(head_key), only_among=True)


@lru_cache(maxsize=1)
def office_states() -> dict[str, frozenset[str]]:
    """The states that have a president or a prime minister, from the titles of actors_leaders.tsv (heads of
    state and government of every UN member, 2015-2026): "the prime minister" is never the United States'."""
    holders: dict[str, set[str]] = {office: set() for office in OFFICES}
    for row in read_table("actors_leaders.tsv"):
        country, role, title = row[3], row[5], norm(row[6])
        for office in OFFICES if role in ("head of state", "head of government") else ():
            if office in title:
                holders[office].add(country)
    return {office: frozenset(states) for office, states in holders.items()}


def _bare(doc: Doc, start: int, head: Token) -> bool:
    """"Ministers insist", "Police arrested two men", "raised it with government", "asking Parliament to
    renew": a state's agents in the plural, or one of its `INSTITUTIONS`, named with no determiner are the
    salient state's, as "the government" is. Not an office held ("in government", "resigned from government"),
    a body by its own name ("Government of National Accord"), the agents of a body we do not know ("FAI officials
    met representatives from Switzerland": the football association's) nor foreign ones ("foreign ministers")."""
    if any(doc[k].dep_ in ("det", "nummod", "poss") or doc[k].lower_ in FOREIGN
           or (doc[k].pos_ == "PROPN" and doc[k].lower_ not in STATE_WORDS) for k in range(start, head.i)):
        return False
    if head.tag_ in PLURAL_TAGS or PLURAL_ACRONYM.fullmatch(head.text) is not None:
        return True
    held = head.dep_ == "pobj" and head.head.lower_ in OFFICE_PREPS
    return head.lower_ in INSTITUTIONS and not held and not any(c.dep_ == "prep" and c.lower_ == "of"
                                                                for c in head.children)

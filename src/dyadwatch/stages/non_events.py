"""Non-events: trigger words that, read in their sentence, state no event.

"Declined to comment", "Microsoft released a new tool", "asked whether ministers had looked at it", "the Iraq
war", "the Tories have promised tax cuts", "the assault left 1,000 dead", "fees from the deal", "told the
conference", "killed himself": the trigger lexicon names an act, the sentence names none. The words come from
``data/deeds.tsv``; `states_no_event` is what the words-versus-deeds stage (`dyadwatch.stages.deeds`) asks
before it reads a proposal's words.
"""

from __future__ import annotations

from spacy.tokens import Token

from dyadwatch.model import Event
from dyadwatch.stages.arguments import ARRIVING_VERBS, TIME_NOUNS
from dyadwatch.stages.deeds_table import Deeds

# Objects by which an act is done to its own actor (`_on_oneself`).
REFLEXIVES = frozenset({"myself", "yourself", "himself", "herself", "itself", "ourselves", "yourselves",
                        "themselves"})


def states_no_event(token: Token, event: Event, deeds: Deeds) -> bool:
    """Whether the event's trigger, read in its sentence, states no event."""
    return _states_nothing(token, deeds) or _thing_undergoes(token, event, deeds) or _question(token, deeds) \
        or _speech_only(token, deeds) or _theatre(token, deeds) or _pledged_to_no_one(token, event, deeds) \
        or _resultative(token, deeds) or _referred_to(token, event, deeds) or _setting(token, event, deeds) \
        or _come_back(token, deeds) or _outlook(token, deeds) or _on_oneself(token, event)


def _states_nothing(token: Token, deeds: Deeds) -> bool:
    """"declined to comment (when asked about the talks)": the matrix verb's complement says no act took
    place, nor did anything said inside it. A news conference is where words are said, not a meeting (what
    it follows may be: "at a news conference following talks with Mr Blair"); a market's demand ("domestic demand",
    "weak consumer demand") asks nothing of anyone; "trying to improve his standing" attempts, and "tried" is a
    trial only without a to-clause; "fired up" rouses."""
    if token.lemma_.lower() in deeds.attempts and any(c.dep_ == "xcomp" for c in token.children):
        return True
    for verb in (token, *(a for a in token.ancestors if a.pos_ not in {"NOUN", "PROPN"})):
        complements = {c.lemma_.lower() for c in verb.children
                       if c.dep_ in {"xcomp", "dobj", "compound", "amod", "pobj", "prt"}}
        complements |= {o.lemma_.lower() for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"
                        for o in c.children if o.dep_ == "pobj"}  # "met with scepticism"
        if any((verb.lemma_.lower(), c) in deeds.non_events for c in complements):
            return True
    return False


def _on_oneself(token: Token, event: Event) -> bool:
    """"Who later killed himself", "hanged himself in his cell": violence done to oneself is no dyad (the annotated
    news codes none)."""
    return event.event_type == "ASSAULT" and token.pos_ == "VERB" and any(
        c.dep_ in {"dobj", "obj"} and c.lower_ in REFLEXIVES for c in token.children)


def _thing_undergoes(token: Token, event: Event, deeds: Deeds) -> bool:
    """"Microsoft released a new tool": what is released, arrested or expelled must be an actor; an
    object that resolved to none (the event's target is empty or an uncoded phrase) is a thing, and so is one
    whose actor only owns it ("500 of its software patents will be released": IBM is not released)."""
    if token.lemma_.lower() not in deeds.actor_objects:
        return False
    undergoing = {"dobj", "obj", "nsubjpass"} if token.pos_ == "VERB" else set()
    undergoers = [c for c in token.children if c.dep_ in undergoing]
    target = event.target
    if target is not None and (target.code or target.country or target.entity):
        heads = [_counted(c) for c in undergoers]
        return bool(heads) and not any(target.span[0] <= h.idx < target.span[1] for h in heads) \
            and all(any(c.dep_ == "poss" for c in h.children) for h in heads)
    return bool(undergoers) or any(
        c.dep_ == "prep" and c.lower_ == "of" for c in token.children if token.pos_ == "NOUN")


def _counted(token: Token) -> Token:
    """What a number or a share counts: "500 of its patents" → patents."""
    if token.pos_ in ("NUM", "PRON", "DET") or token.lower_ in ("some", "dozens", "hundreds", "thousands"):
        return next((g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj"), token)
    return token


def _question(token: Token, deeds: Deeds) -> bool:
    """"He asked whether ministers had looked at other measures", "Asked about the inquiry, a spokesman said":
    asking is a request only for an act ("asked the court to send", "asked the watchdog to stop") or a thing
    ("asked for information", "asked the government for consular access"); any other asking is a question."""
    if token.lemma_.lower() not in deeds.questions or token.pos_ not in ("VERB", "AUX"):
        return False
    asked = [t for c in token.children if c.dep_ not in ("ccomp", "nsubj", "nsubjpass") for t in c.subtree]
    return not any(t.dep_ == "xcomp" or (t.dep_ == "prep" and t.lower_ == "for")
                   or any(a.dep_ == "aux" and a.lower_ == "to" for a in t.children) for t in asked)


def _speech_only(token: Token, deeds: Deeds) -> bool:
    """"Told reporters the plans were wrong", "told BBC Radio 4's Today programme: …": telling is no event
    (what is told may hold one, at its own words) but a request to someone told to act ("told government
    departments to put plans in place", "were told to leave")."""
    if token.lemma_.lower() not in deeds.instructions:
        return False
    return not (_to_clause_of(token) and any(c.dep_ in ("dobj", "dative", "nsubjpass") for c in token.children))


def _theatre(token: Token, deeds: Deeds) -> bool:
    """"The start of the Iraq war", "the Vietnam war": a name before a war names where it is fought, not who
    fights it; such a war, unless it is someone's ("Russia's war"), is the background of the news, not an event."""
    if token.lemma_.lower() not in deeds.theatres or any(c.dep_ == "poss" for c in token.children):
        return False
    return any(c.dep_ in ("compound", "amod", "nmod") and c.text[:1].isupper() for c in token.children)


def _pledged_to_no_one(token: Token, event: Event, deeds: Deeds) -> bool:
    """"The Tories have promised £4bn in tax cuts", "Mr Kilroy-Silk promised a firm but fair policy": a thing
    pledged to no actor is a campaign's policy, which the annotators do not code (training/annotation: 5 of 49
    pledges, offers and vows to no one were events). An act pledged ("vowed to deliver the funds") stays."""
    target = event.target
    return token.lemma_.lower() in deeds.pledges and event.event_type in ("AGREE", "CONCEDE") \
        and (target is None or not (target.code or target.entity)) and not _to_clause_of(token)


def _resultative(token: Token, deeds: Deeds) -> bool:
    """"The assault left more than 1,000 civilians dead", "leaving scores dead": what an act leaves behind is its
    result, not a withdrawal."""
    return token.lemma_.lower() in deeds.resultatives and any(c.dep_ == "oprd" for c in token.children)


def _referred_to(token: Token, event: Event, deeds: Deeds) -> bool:
    """"The government's proposals have met with disapproval", "fees from the deal": an agreement or a proposal
    named in passing is an earlier event referred to; it is made only as the object of its making ("reached a
    deal", "a proposal was made"). Counted on the annotated news: 12 of 32 made ones match an annotated event,
    none of the 80-odd others."""
    if event.event_type != "AGREE" or token.pos_ != "NOUN" or token.lemma_.lower() not in deeds.references:
        return False
    return not (token.dep_ in ("dobj", "nsubjpass") and token.head.lemma_.lower() in deeds.makings)


def _setting(token: Token, event: Event, deeds: Deeds) -> bool:
    """"Faced discontent at Monday's meeting", "told the conference", "chaired the meeting": a meeting where
    something else happens, or that hears a speech, is its setting, not the news (counted on the annotated news:
    2 of 72 such meetings match an annotated event). Talks "in", "during", "of" and "after" stay: "is in talks
    with PSA", "during a visit to Britain", "after weeks of talks with a U.S. envoy" are the annotators' events, and
    so is a visit or a meeting one arrives "for" ("arrived in Damascus for a two-day visit", "arrived in Moscow for
    talks with Vladimir Putin")."""
    if event.event_type != "CONSULT" or token.pos_ != "NOUN" or token.lemma_.lower() not in deeds.gatherings:
        return False
    head = token.head
    if (event.mode == "visit" or head.lower_ == "for") and head.head.lemma_.lower() in ARRIVING_VERBS:
        return False
    return token.dep_ == "compound" or (token.dep_ == "pobj" and head.lower_ in deeds.settings) \
        or (token.dep_ == "dobj" and head.lemma_.lower() in deeds.settings)


def _come_back(token: Token, deeds: Deeds) -> bool:
    """"The ambassador returned to Niamey", "Campbell is returning to advise Labour": a handing-over verb with
    nothing handed over, in the active, says its subject comes back ("returned the artifacts" hands them over;
    so does "returned to Brazil 21 frogs", whose object the parser may take for an adverbial, unlike a date)."""
    return token.pos_ == "VERB" and token.lemma_.lower() in deeds.handovers and not any(
        c.dep_ in {"dobj", "obj", "dative", "nsubjpass", "auxpass"}
        or (c.dep_ == "npadvmod" and c.pos_ == "NOUN" and c.lemma_.lower() not in TIME_NOUNS) for c in token.children)


def _outlook(token: Token, deeds: Deeds) -> bool:
    """"Expressed pessimism over holding negotiations with the US", "is optimistic about talks", "expressed hope
    that talks would resume": an outlook is no event, nor is what it looks at; a clause beside it ("…, sending a
    message to Rouhani, who vowed to enter talks") is not looked at."""
    below = None
    for word in (token, *token.ancestors):
        if word.pos_ in {"NOUN", "ADJ"} and word.lemma_.lower() in deeds.outlooks:
            return True
        if (below is None or below.dep_ == "ccomp") and any(
                c.dep_ in {"dobj", "acomp"} and c.lemma_.lower() in deeds.outlooks for c in word.children):
            return True
        below = word
    return False


def _to_clause_of(token: Token) -> bool:
    return any(c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
               for c in token.children)

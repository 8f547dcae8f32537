"""Warnings and claims: which warnings threaten, appeal or criticise, and which claims accuse; both blame only
an actor the sentence names (`blamed`). Part of the words-and-deeds stage (`dyadwatch.stages.deeds`).

The trigger lexicon reads "warn" as THREATEN, and a warning threatens only what its speaker will do ("warned
that it would not tolerate a coup") or what comes if something is not done ("further walkouts unless there was
a rethink"). One against an act asks that it not be done ("warned against disunity": REQUEST). One of another's
deeds blames them ("Mr Brown warned that the Tories were planning cuts": ACCUSE). The annotated news codes 39
warnings as 15 THREATEN, 18 ACCUSE and 6 REQUEST (training/annotation); a criticism's target is often not in
the sentence ("warned the costs could outweigh the benefits"), and then the warning is no event we can code.
A claim about another actor's deeds is an allegation ("he claimed the Tories would cut £35bn": ACCUSE); one that
blames no actor the sentence names is no event ("claimed victory", "claimed the lives of 300 people", "insurance
claims").
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Token

from dyadwatch.model import Event
from dyadwatch.stages.deeds_table import Deeds
from dyadwatch.stages.events import SPEAKER_PRONOUNS
from dyadwatch.stages.nlp import CONDITIONS
from dyadwatch.stages.roles import CIRCUMSTANCE_PREPS

# What makes a warning a threat: a condition, or a pronoun's future act.
FUTURE_AUXILIARIES = frozenset({"will", "would", "shall", "'ll", "wo"})
# Prepositions by which a warning tells the warned what they are doing wrong ("warned Mr Blair about disunity").
ABOUT = frozenset({"about", "of", "over"})
Reading = Literal["threat", "appeal", "criticism", "allegation", "idle"]


def reading(token: Token, event: Event, deeds: Deeds) -> Reading | None:
    """What the warning or claim at `token` is, or None for an event that is neither. "idle" is a warning of a
    risk, or a warning or claim of the deeds of no one the sentence names as the event's target: no event. Claims
    named as the circumstance of something else are no one's the sentence names ("was speaking amid claims that
    Mr Campbell is part of a dirty tricks campaign" are not the speaker's), and the act claimed is not done by
    the claim ("claimed that Hamas fighters were hiding in the hospital" is no attack)."""
    lemma = token.lemma_.lower()
    if event.event_type == "ACCUSE" and lemma in deeds.contentions:
        amid = token.dep_ == "pobj" and token.head.lower_ in CIRCUMSTANCE_PREPS
        return "idle" if amid or not blamed(token, event) else "allegation"
    if event.event_type != "THREATEN" or lemma not in deeds.warnings:
        return None
    if _against(token):
        return "appeal"
    said = [t for t in token.subtree if t.i > token.i]
    if not any(t.pos_ in ("VERB", "AUX") or t.lower_ in ("of", "about") for t in said):
        return "threat"  # police warnings: nothing said
    if any(t.lower_ in CONDITIONS or _inverted_condition(t) or _any_condition(t) for t in said) or _own_act(said):
        return "threat"
    return "criticism" if blamed(token, event) else "idle"


def _against(token: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "against" for c in token.children)


def _inverted_condition(token: Token) -> bool:
    """"should Huawei be given a role": a condition put as a question."""
    return token.lower_ in ("should", "had", "were") and token.dep_ in ("aux", "auxpass") and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.i > token.i for c in token.head.children)


def _any_condition(token: Token) -> bool:
    """"Any attack on its nuclear facilities would be met with a crushing response": a subject with "any" before a
    verb of what will follow is a condition."""
    subject = token.head
    return token.lower_ == "any" and token.dep_ == "det" and subject.dep_ in ("nsubj", "nsubjpass") and any(
        c.dep_ == "aux" and c.lower_ in FUTURE_AUXILIARIES for c in subject.head.children)


def _own_act(said: list[Token]) -> bool:
    """Whether a warning's clause tells what a pronoun will do ("it would not tolerate", "they will continue"):
    the speaker's own act, as news reports a threat."""
    return any(t.dep_ == "nsubj" and t.lower_ in SPEAKER_PRONOUNS and any(
        c.dep_ == "aux" and c.lower_ in FUTURE_AUXILIARIES for c in t.head.children) for t in said)


def blamed(token: Token, event: Event) -> bool:
    """Whether the event's target is whom the warning or claim at `token` blames: the subject of
    what it says ("warned that the Tories were planning cuts", "its claim that Michael Howard was planning cuts"),
    what a claim is about ("made the claim about Tory tactics"), or the one warned about what they do ("warned
    Mr Blair and Mr Brown about the dangers of disunity"). One warned of another's deeds or a risk ("warned the
    BBC that attacking Mr Campbell had brought it trouble") is not blamed, nor is an actor named deeper in what
    is said ("claimed the auction was illegal because Yukos had filed for bankruptcy"), nor people of no state
    ("claiming voters had a lack of trust in the prime minister")."""
    source, target = event.source, event.target
    if source is None or target is None or not source.code or not target.text or not target.country \
            or source.code == target.code:
        return False
    named = [t for t in token.subtree if target.span[0] <= t.idx < target.span[1]]
    head = next((t for t in named if t.head not in named), None)
    while head is not None and head.dep_ == "conj":
        head = head.head
    if head is None:
        return False
    if head.dep_ in ("nsubj", "nsubjpass"):
        return head.head.dep_ in ("ccomp", "acl") and head.head.head == token
    if token.pos_ == "NOUN":  # "made the claim about Tory tactics"
        return any(c.dep_ == "prep" and c.lower_ in ABOUT and head in c.subtree for c in token.children)
    return head.dep_ == "dobj" and head.head == token and any(
        c.dep_ == "prep" and c.lower_ in ABOUT for c in (*token.children, *head.children))

"""Courts' rulings against an act, read from the parse.

"Law lords ruled that the detention of 12 foreign terror suspects without trial breached human rights", "the
High Court ruled against the detention measures", "a Law Lords judgement that the detention … was unlawful":
the annotated news codes such a ruling as the court's SANCTION (GUIDELINES.md: "convict or sentence"; CAMEO 116,
find guilty or liable) aimed at whoever did the act, or at its state's government when the act is a measure
whose doer the sentence does not name. The act ruled on is not the court's: an event the coder read inside the
ruling with the court as its doer is dropped. The words live in ``data/deeds.tsv`` (roles `ruling`, `unlawful`).
"""

from __future__ import annotations

from spacy.tokens import Token

from dyadwatch import reftables
from dyadwatch.model import ActorMention, Event
from dyadwatch.stages.deeds_table import Deeds, table
from dyadwatch.stages.events import make_event
from dyadwatch.stages.nlp import Parsed
from dyadwatch.stages.roles import MentionIndex, Role, state_government

RULING = reftables.Trigger("rule against", "VERB", "SANCTION", "convict", "116")
COURT = "JUD"
# Where a ruling noun names its court ("the Law Lords' ruling", "a Law Lords judgement", "a ruling by the court").
COURT_OF_NOUN = frozenset({"poss", "compound"})
# Where the ruling says what it finds: the verdict word itself or what it predicates.
FINDING_DEPS = frozenset({"acomp", "attr", "advmod", "oprd", "dobj"})


def rulings(parsed: Parsed, events: list[Event], mentions: list[ActorMention]) -> list[Event]:
    """The stage's events with each court's ruling against an act added and the court's misread acts inside it
    dropped."""
    deeds = table()
    index: MentionIndex | None = None
    added: list[Event] = []
    inside: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for number, sentence in enumerate(parsed.spans):
        if number in parsed.screened:
            continue
        for word in sentence:
            if word.lemma_.lower() not in deeds.rulings:
                continue
            ruled = _ruled(word, deeds)
            if ruled is None:
                continue
            index = index or MentionIndex(parsed, mentions)
            for court in index.roles(_court_tokens(word)):
                if court.mention is None or court.mention.sector != COURT or not court.mention.country:
                    continue
                target = _accused(ruled, index, court.mention)
                event = make_event(parsed, number, word, RULING, court, target)
                if target.mention is None:
                    event.target = state_government(court.mention.country, word.idx)
                event.reading = "fixed"
                event.id = event.make_id()
                added.append(event)
                last = ruled.right_edge
                inside.append(((ruled.left_edge.idx, last.idx + len(last)), court.mention.span))
    kept = [e for e in events if not any(start <= (e.trigger or e.span)[0] < end and e.source is not None
                                         and e.source.span == court for (start, end), court in inside)]
    return kept + added


def _ruled(word: Token, deeds: Deeds) -> Token | None:
    """What the ruling finds against: the object of "ruled against", or a clause that finds an act unlawful
    ("ruled that the detention breached human rights", "the sell-off was illegal, a court has ruled", "a
    judgement that the detention was unlawful")."""
    if word.pos_ == "VERB":
        against = next((c for c in word.children if c.dep_ == "prep" and c.lower_ == "against"), None)
        if against is not None:
            return against
        clauses = [c for c in word.children if c.dep_ == "ccomp"]
        if word.dep_ in ("ccomp", "parataxis") and word.head.i < word.i:
            clauses.append(word.head)
    else:
        clauses = [c for c in word.children if c.dep_ in ("acl", "ccomp")]
    return next((c for c in clauses if _unlawful(c, deeds)), None)


def _unlawful(clause: Token, deeds: Deeds) -> bool:
    """Whether a clause finds its act unlawful: by its verb ("breached", "contravenes") or its predicate
    ("was unlawful", "acted illegally", "is incompatible with")."""
    words = [clause, *(c for c in clause.children if c.dep_ in FINDING_DEPS)]
    return any(w.lemma_.lower() in deeds.unlawful or w.lower_ in deeds.unlawful for w in words)


def _court_tokens(word: Token) -> list[Token]:
    """The tokens that may name the court: the ruling verb's subject, or the noun's owner or "by" phrase."""
    if word.pos_ == "VERB":
        return [c for c in word.children if c.dep_ == "nsubj"]
    return [c for c in word.children if c.dep_ in COURT_OF_NOUN] + [
        o for p in word.children if p.dep_ == "agent" or (p.dep_ == "prep" and p.lower_ == "by")
        for o in p.children if o.dep_ == "pobj"]


def _accused(ruled: Token, index: MentionIndex, court: ActorMention) -> Role:
    """Who the ruling is against: the actor ruled against, or the one whose act the clause names ("ruled that
    the government's plans were unlawful"); nobody when the sentence names none."""
    heads = [o for o in ruled.children if o.dep_ == "pobj"] if ruled.dep_ == "prep" else \
        [c for c in ruled.children if c.dep_ in ("nsubj", "nsubjpass")]
    for head in heads:
        found = index.resolve(head)
        if found is not None and found is not court:
            return Role(found, True)
    return Role(None, False)

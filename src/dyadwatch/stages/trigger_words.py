"""Trigger words: which tokens of a sentence the trigger lexicon (`data/triggers.tsv`) names as events.

A verb or an event noun is looked up by its lemma, and a multiword entry ("hold talks", "call on", "cyber
attack") by the words the parse hangs on it (`lookup`). Of the trigger tokens of a sentence, an event noun
under a support verb speaks for the verb, a complement repeats its matrix trigger and a purpose clause names
whom the act aims at (`triggers`). The event coder (`dyadwatch.stages.events`) gives each one its source and
target.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from dyadwatch import reftables
from dyadwatch.stages import nlp
from dyadwatch.stages.arguments import PURPOSE_CLAUSES, PURPOSED, is_verb, own_protest
from dyadwatch.stages.roles import OBJECTS

# Verbs that take an event noun as object and lend it their arguments: "formed an alliance".
SUPPORT_VERBS = {"form", "establish", "impose", "launch", "carry", "conduct", "hold", "stage", "reach",
                 "make", "take", "mount", "begin", "start", "announce", "set", "create", "declare", "order",
                 "approve", "continue", "deliver", "give", "offer", "provide", "issue", "file", "lodge"}
# Prepositions of time or circumstance, whose objects are no complement of the verb.
CIRCUMSTANCE_PREPS = frozenset({"after", "before", "since", "during", "following", "despite", "amid", "until"})
# Those that make a complement's leaving an expulsion: "ordered the ambassadors to leave" is, "urged
# Israel to withdraw its troops" is a request.
EXPELLING = {"order", "instruct", "ask", "tell", "force", "compel", "require", "direct", "command"}


class Lookups:
    """`lookup` once per token of a sentence: the trigger rules read every token, and every pair of the
    sentence's actors walks the same paths of its parse."""

    def __init__(self) -> None:
        self.found: dict[int, reftables.Trigger | None] = {}

    def __call__(self, token: Token) -> reftables.Trigger | None:
        if token.i not in self.found:
            self.found[token.i] = lookup(token)
        return self.found[token.i]


def triggers(sent: SpacySpan, lookups: Lookups) -> Iterator[tuple[Token, reftables.Trigger]]:
    """Trigger tokens of a sentence; an event noun under a support verb speaks for the verb."""
    found: dict[int, tuple[Token, reftables.Trigger]] = {}
    for token in sent:
        if (token.dep_ == "compound" and token.pos_ == "NOUN") or fused_modifier(token):
            continue
        trigger = lookups(token)
        if trigger is not None:
            found[token.i] = (token, trigger)
    lexical = frozenset(found)
    for i, (token, trigger) in list(found.items()):
        complement = next((found[c.i][1] for c in token.children if c.dep_ == "xcomp" and c.i in found), None)
        if complement is not None and complement.event_type == "RETREAT" and token.lemma_.lower() in EXPELLING:
            found[i] = (token, _expulsion() or trigger)
        if token.pos_ == "NOUN" and token.dep_ in OBJECTS and token.head.i in found and not own_protest(token, trigger):
            if token.head.lemma_.lower() in SUPPORT_VERBS and " " not in found[token.head.i][1].lemma:
                del found[token.head.i]
            else:
                del found[i]
        if _is_complement_of_trigger(token, lexical) or _purpose_of(token, found):
            found.pop(i, None)
    yield from sorted(found.values(), key=lambda pair: pair[0].i)


def _purpose_of(token: Token, found: dict[int, tuple[Token, reftables.Trigger]]) -> bool:
    """"Started a hunger strike to protest the authorities' failure", "provided aid to support refugees": the
    purpose clause names whom the act aims at (`arguments.PURPOSED`), and is no second act."""
    return token.dep_ in PURPOSE_CLAUSES and any(
        t.i in found and token.lemma_.lower() in PURPOSED.get(found[t.i][1].event_type, ())
        for t in (token.head, *token.head.children))


def fused_modifier(token: Token) -> bool:
    """"Iran-backed militias", "UN-brokered talks": a word fused by a hyphen to the one before it and
    modifying a noun after it describes that noun; it states no act of its own."""
    return token.head.i > token.i and nlp.hyphen_joined(token)


def _expulsion() -> reftables.Trigger | None:
    """'ordered the ambassadors to leave' is an expulsion: code it as the lexicon codes 'expel'."""
    return reftables.triggers().get(("expel", "VERB"))


def _is_complement_of_trigger(token: Token, lexical: frozenset[int]) -> bool:
    """'ordered them to leave': the matrix verb carries the event; the complement does not repeat it, nor does
    the complement's own ("agreed to halt fighting": the fighting is what is halted)."""
    return token.dep_ == "xcomp" and token.head.i in lexical


def lookup(token: Token) -> reftables.Trigger | None:
    pos = "VERB" if is_verb(token) else "NOUN" if token.pos_ == "NOUN" else None
    if pos is None:
        return None
    heads = reftables.trigger_heads()
    # A noun entry may be a plural whose singular means something else ("talks", not "a talk").
    candidates = (pos == "NOUN" and heads.get((token.lower_, pos))) or heads.get((lemma_of(token, pos), pos))
    if not candidates:
        return None
    # Entries name their complement as news writes it ("hold talks"), the parse by lemma ("talk"); a
    # preposition belongs to the verb only right after it, or after its adverb ("called on X", "pushed hard
    # for", not "called X on Friday"), and so does a clause's marker ("called for the troops to be withdrawn").
    # A noun compound's modifiers stand before it ("cyber attacks").
    words = [c for c in token.children if c.dep_ != "prep" or nlp.right_after(token, c)]
    words += nlp.clause_marks(token) + _object_qualifiers(token)
    if token.dep_ == "acl" and token.tag_ == "VBN":
        words.append(token.head)  # "the sanctions imposed by Washington": the noun a participle modifies is its object
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


def _object_qualifiers(verb: Token) -> list[Token]:
    """Words that qualify the verb's objects, which an entry's fixed word may be: "sent a condolence message", "sent
    a message of condolence" are "send condolence"; so is an adjective the parser hangs on the object right after
    the verb ("let free activists" is "let free")."""
    out: list[Token] = []
    for obj in (c for c in verb.children if c.dep_ in OBJECTS):
        for c in obj.children:
            if c.dep_ == "compound" or (c.dep_ == "amod" and c.i == verb.i + 1):
                out.append(c)
            elif c.dep_ == "prep" and c.lower_ == "of":
                out += [g for g in c.children if g.dep_ == "pobj"]
    return out


def lemma_of(token: Token, pos: str) -> str:
    """The token's lemma as the lexicon spells it. The rule lemmatizer cuts an inflection two ways and may keep
    the wrong one ("fined" → "fin", "waged" → "wag", "cordoned" → "cordone"); the other cut is taken when only
    it is a trigger ("rapped" stays "rap": its doubled consonant is no "e" dropped)."""
    if pos == "VERB" and token.pos_ != "VERB":
        forms = nlp.verb_forms().get(token.lower_)
        if forms:
            return str(forms[0])
    lemma = token.lemma_.lower()
    if pos != "VERB" or (lemma, pos) in reftables.trigger_heads():
        return lemma
    word = token.lower_
    for other in (lemma + "e", lemma[:-1] if lemma.endswith("e") else ""):
        if other and (other, pos) in reftables.trigger_heads() and word in (
                f"{other}d", f"{other}s", f"{other}ed", f"{other}ing", f"{other[:-1]}ing"):
            return other
    return lemma


def _has_grandchild(token: Token, lemma: str) -> bool:
    """Whether `lemma` is the object of one of the token's prepositions; one of time or circumstance holds no word of
    the entry ("launched cyber attacks after a drone shootdown" launches no drone)."""
    return any(lemma in (g.lemma_.lower(), g.lower_) for c in token.children
               if c.dep_ == "prep" and c.lower_ not in CIRCUMSTANCE_PREPS for g in c.children)

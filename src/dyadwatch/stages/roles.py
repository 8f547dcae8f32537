"""Roles: the actor mention a token of the parse stands for, as the event coder fills sources and targets.

A mention is found by the token it covers or heads, by a mention modifying the token ("Most of the
troops", "the army's decision"), by the antecedent of a reporting pronoun ("The army says it has …"),
or, for a thing in a role, by the thing's author ("the decisions of X's council"). When no actor fills a
target, a noun phrase does: PLOVER targets are often things ("condemned the attack"), and such a phrase
has no code.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Token

from dyadwatch import reftables
from dyadwatch.model import Actor, ActorMention
from dyadwatch.names import country_names
from dyadwatch.stages.actor_phrases import leads_a_coordination
from dyadwatch.stages.attributes import cue_words
from dyadwatch.stages.coref import FOREIGN
from dyadwatch.stages.nlp import Parsed, compound_head, first_conjunct, trim
from dyadwatch.stages.people import INTERNATIONAL_CODES
from dyadwatch.stages.places import beyond_border

SUBJECTS = {"nsubj", "csubj"}
PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
OBJECTS = {"dobj", "obj", "attr", "dative"}
LOCATIVE_PREPS = {"in", "inside", "within", "into", "near", "at", "across", "throughout"}
# Sectors of the press, which hears what actors say (`audience`).
MEDIA_SECTORS = frozenset({"MED", "JRN"})
# Modifiers inside the noun phrase of a place ("Bosnian Serb territory", "Pakistani-administered Kashmir").
INNER_MODIFIERS = frozenset({"amod", "compound", "nmod", "npadvmod"})
PHRASE = "phrase"
QUANTIFIER_HEADS = {"most", "some", "all", "many", "few", "rest", "remainder", "part", "majority", "half", "none",
                    "thousand", "hundred", "dozen", "million", "score", "crowd", "group", "number", "band"}
# Heads of a body that are no agent nouns of their own ("head" is also a body part, "director" a film's): the one
# "of" a known body acts for it ("the head of the UN refugee agency urged donors …"), as a quantifier's does.
LEADING_HEADS = frozenset({"head", "chief", "director", "chairman", "chairwoman", "chair", "founder"})
# How a thing's author or aim is reached from it (`MentionIndex.author`), and how far down.
AUTHOR_DEPS = {"pobj", "acl", "agent", "poss", "compound", "amod"}
AUTHOR_PREPS = {"of", "by", "at", "from", "with", "against", "on", "to", "for"}
AUTHOR_DEPTH = 5
# Words whose author is only who says them (`MentionIndex.author`), and the prepositions that name that author.
SPOKEN = frozenset({"ACCUSE", "REQUEST", "THREATEN"})
AUTHORS_OF_WORDS = frozenset({"by", "from", "of"})
SPEAKER_DEPS = frozenset({"poss", "compound", "amod"})
# Nouns of a state of affairs: a state that qualifies one says where it is, not who acts or is acted on
# ("rejected a military solution to the North Korean crisis"; "the EU's five biggest economies have agreed" is not
# the EU agreeing): `resolve`, `author` and `other_country_in` look past it.
SITUATIONS = frozenset({"crisis", "situation", "conflict", "issue", "problem", "question", "dispute", "virus",
                        "pandemic", "epidemic", "outbreak", "economy"})
# Prepositions that name the victim of an act of violence (`victim_of`), and the types whose target is not
# that victim but who did it ("condemned the attacks on civilians"); a mobilization or a threat "for an
# assault against X" is aimed at X.
VICTIM_PREPS = frozenset({"on", "against", "at"})
# Nouns of dying, whose "of" names who died ("an investigation into the death of a Palestinian man" is aimed at no
# one the sentence names), as a violent act's "of" names its victim ("the killing of four young men": `victim_of`).
DEATHS = frozenset({"death", "deaths"})
# Participles by which a place stands for who holds it (`MentionIndex.resolve`): "rebel-held areas".
HOLDING = frozenset({"hold", "control"})
CRITICISMS = frozenset({"ACCUSE", "PROTEST"})


# Event types whose stateless target is of the source's state, by the source's sector (`domestic_target`).
DOMESTIC_TYPES = {"COP": {"ACCUSE", "COERCE", "SANCTION", "RETREAT"},
                  "JUD": {"ACCUSE", "COERCE", "SANCTION", "RETREAT", "REJECT"},
                  "LEG": {"ACCUSE", "COERCE", "SANCTION"}, "GOV": {"ACCUSE", "COERCE", "RETREAT", "THREATEN"},
                  "REB": {"ASSAULT"},
                  "OPP": {"ACCUSE", "REJECT", "REQUEST", "SUPPORT", "SANCTION", "THREATEN"},
                  "PTY": {"ACCUSE", "REJECT", "REQUEST", "SUPPORT", "SANCTION", "THREATEN"}}
# Unions, the opposition, parties and teachers that a state's government, parliament, court or police deals
# with are that state's, whatever the act (`domestic_target`; the annotated news: 227 of 228 such targets).
# A hospital is often a place ("sent experts to the hospital"), so health is not among them.
HOME_ONLY = frozenset({"LAB", "OPP", "PTY", "EDU"})
STATE_BODIES = frozenset({"GOV", "LEG", "JUD", "COP"})
# Targets that are a state's own: a stateless body acting on them is of that state (`domestic_source`).
HOME_BODIES = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "PTY", "OPP", "BUS", "MED", "REB"})
# Forces a state moves are the means of its mobilization, not its target (`own_forces`); so are those it
# offers (CAMEO 0332, intent to provide military aid: "offered to send troops to Uganda") and those it sends as
# peacekeepers (074: "sent 200 troops to serve as a peacekeeping force").
FORCES_GIVEN = frozenset({"0332", "074"})
FORCE_SECTORS = frozenset({"MIL", "COP"})
# Targets often from abroad (migrants, aid groups): never placed by `domestic_target`.
FOREIGN_SECTORS = frozenset({"REF", "NGO"})
# Sources whose criticism that names no one is aimed at their state's government (`implied_government`).
CRITICS = frozenset({"PTY", "OPP", "LEG"})


@dataclass(slots=True)
class Role:
    """A source or target: the mention that fills it (None: nobody), and whether the sentence names it."""

    mention: ActorMention | None
    explicit: bool


class MentionIndex:
    """Finds the actor mention behind a parse token."""

    def __init__(self, parsed: Parsed, mentions: list[ActorMention]) -> None:
        self.doc = parsed.doc
        self.by_sentence: dict[int, list[ActorMention]] = {}
        self.by_token: dict[int, ActorMention] = {}
        self.by_root: dict[int, ActorMention] = {}
        self.same_span: dict[tuple[int, int], list[ActorMention]] = {}
        for m in mentions:
            self.by_sentence.setdefault(m.sentence_index, []).append(m)
            self.same_span.setdefault(m.span, []).append(m)
            span = self.doc.char_span(m.span[0], m.span[1], alignment_mode="expand")
            if span is None or not len(span):
                continue
            for t in span:
                current = self.by_token.get(t.i)
                if current is None or _length(m) > _length(current):
                    self.by_token[t.i] = m
            current = self.by_root.get(span.root.i)
            if current is None or _length(m) > _length(current):
                self.by_root[span.root.i] = m

    def in_sentence(self, number: int) -> list[ActorMention]:
        return self.by_sentence.get(number, [])

    def actor_token(self, token: Token) -> ActorMention | None:
        """The codable mention at a token. A city that names a thing is a place, not its government: "signed
        the Paris agreement", "backed the Moscow talks"."""
        found = self.by_root.get(token.i) or self.by_token.get(token.i)
        if found is None or not self.codable(found):
            return None
        thing = compound_head(token.head)  # "an East Jerusalem neighbourhood development plan": the plan
        names_a_thing = token.dep_ == "compound" and not found.span[0] <= thing.idx < found.span[1] and any(
            c.dep_ == "det" and c.i < token.i for c in thing.children)
        return None if found.kind == "location" and names_a_thing else found

    @staticmethod
    def codable(mention: ActorMention) -> bool:
        """It has a country, a sector or a known entity, and is not a bare region."""
        return bool(mention.country or mention.sector or (mention.entity and mention.kind != "location"))

    def _included(self, token: Token) -> list[Token]:
        """The actors a group's "including" names ("critics, including the EU and Amnesty")."""
        return [t for c in token.children if c.dep_ == "prep" and c.lower_ == "including"
                for o in c.children if o.dep_ == "pobj" for t in (o, *o.conjuncts) if self.actor_token(t) is not None]

    def _listed_after(self, token: Token) -> list[Token]:
        """The rest of a list the parser hangs on its first actor's name as an apposition ("The Organization
        of Islamic Cooperation, the UN, NATO and Iran condemned …": the UN in apposition to "Cooperation", NATO
        and Iran its conjuncts); an apposition without conjuncts renames its head ("Mr Ban, the UN chief")."""
        first = self.actor_token(token)
        name = self.doc.char_span(*first.span, alignment_mode="expand") if first is not None else None
        if name is None:
            return []
        return [t for w in name for a in w.children if a.dep_ == "appos" and a.i >= name.end and a.conjuncts
                and (m := self.actor_token(a)) is not None and m.entity != first.entity
                and all(self.actor_token(c) is not None for c in a.conjuncts) for t in (a, *a.conjuncts)]

    def _run_together(self, token: Token) -> list[Token]:
        """The first of two titled names the parser ran into one phrase (`coordinated`): Kenyatta is no conjunct
        of Odinga, yet coordinated with his phrase all the same."""
        last = self.actor_token(token)
        if last is None:
            return []
        return [d for d in token.subtree if d.i < token.i and d.dep_ in ("nmod", "compound") and coordinated(d)
                and (m := self.actor_token(d)) is not None and m.entity != last.entity and m.span[1] <= last.span[0]]

    def resolve(self, token: Token) -> ActorMention | None:
        """The mention a token stands for: its own, or one modifying it ("Most of the troops")."""
        found = self.actor_token(token)
        if found is not None:
            return found
        if token.tag_ == "PRP" and token.dep_ in SUBJECTS | PASSIVE_SUBJECTS and token.head.dep_ == "ccomp":
            # "The army says it has opened an inquiry": the reporter is the pronoun's antecedent (a personal
            # pronoun's; "that" read as a clause's subject is a relative pronoun the parse misplaced).
            matrix = [c for c in token.head.head.children if c.dep_ in SUBJECTS]
            return self.resolve(matrix[0]) if matrix else None
        if (token.lemma_.lower() in QUANTIFIER_HEADS or token.pos_ == "NUM") and (counted := self._of_actor(token)):
            return counted
        if (put_forward := self.put_forward_by(token)) is not None:
            return put_forward  # "a UN draft resolution presented by Britain": Britain's, not the UN's
        for child in token.children:
            if child.dep_ in {"poss", "compound", "amod"} and self.actor_token(child) \
                    and token.lemma_.lower() not in SITUATIONS:
                return self.actor_token(child)
        if token.lemma_.lower() in LEADING_HEADS and (body := self._of_actor(token)) is not None:
            return body
        for child in token.children:
            # "bombed rebel-held areas", "the ISIS-held old city": a place stands for whoever holds it.
            if child.dep_ == "amod" and child.lemma_.lower() in HOLDING:
                holder = next((self.actor_token(g) for g in child.children if self.actor_token(g)), None)
                if holder is not None:
                    return holder
        if token.pos_ == "NUM" and token.dep_ in SUBJECTS | PASSIVE_SUBJECTS:
            return self.counted_before(token)
        return None

    def several(self, token: Token) -> bool:
        """Whether the token's mention is one phrase standing for several actors ("Indian and Pakistani troops",
        "the two countries")."""
        found = self.actor_token(token)
        return found is not None and len(self.same_span.get(found.span, [])) > 1

    def _of_actor(self, token: Token) -> ActorMention | None:
        """The actor after the token's "of": "most of the troops", "the head of Hamas"."""
        return next((found for child in token.children if child.dep_ == "prep" and child.lower_ == "of"
                     for g in child.children if g.dep_ == "pobj" and (found := self.actor_token(g))), None)

    def author(self, thing: Token, topics: frozenset[str] = frozenset()) -> ActorMention | None:
        """Whose a thing is, or whom it is aimed at: "welcomed the decisions taken at the meeting of Somalia's
        security council" is aimed at the council, "called for sanctions against Iran" at Iran. The nearest
        actor reached from the thing through a preposition of `AUTHOR_PREPS`, a participle or a possessor,
        a few links down; never the victim of an act of violence named in it (`victim_of`). Who put a thing
        forward comes first ("vetoed a UN draft resolution presented by Britain" is aimed at Britain); words (an
        accusation, a call) are their speaker's, not those of whom or what they speak of ("rejected accusation of
        racism after referring to the Chinese virus" names no one), nor is what a report says (`content_clause`)."""
        put_forward = self.put_forward_by(thing)
        if put_forward is not None:
            return put_forward
        if self.words(thing):
            return self.speaker(thing)
        frontier, seen = [thing], {thing.i}
        for _ in range(AUTHOR_DEPTH):
            nearer: list[Token] = []
            for token in frontier:
                if token.lemma_.lower() in SITUATIONS:
                    continue
                act = (token.lemma_.lower(), "NOUN") in reftables.triggers()
                preps = AUTHOR_PREPS if act else AUTHOR_PREPS - topics
                for child in token.children:
                    if child.i in seen or not (child.dep_ in AUTHOR_DEPS or (
                            child.dep_ == "prep" and child.lower_ in preps)) or victim_of(token, child) \
                            or content_clause(child):
                        continue
                    seen.add(child.i)
                    found = self.actor_token(child)
                    if found is not None:
                        return found
                    nearer.append(child)
            frontier = nearer
        return None

    @staticmethod
    def words(thing: Token) -> bool:
        """Whether a noun names words someone says (an accusation, a call, a threat: `SPOKEN`)."""
        word = reftables.triggers().get((thing.lemma_.lower(), "NOUN"))
        return word is not None and word.event_type in SPOKEN

    def speaker(self, words: Token) -> ActorMention | None:
        """Who says the words: their possessor or modifier, or the object of their "by", "from" or "of" ("the call
        of the European Parliament"); never anyone further inside what they say."""
        for child in words.children:
            if child.dep_ in SPEAKER_DEPS and (found := self.actor_token(child)) is not None:
                return found
            if child.dep_ == "prep" and child.lower_ in AUTHORS_OF_WORDS:
                for obj in child.children:
                    if obj.dep_ == "pobj" and (found := self.actor_token(obj)) is not None:
                        return found
        return None

    def put_forward_by(self, thing: Token) -> ActorMention | None:
        """The actor by whom a participle says a thing was done: "a resolution presented by Britain"."""
        return next((found for c in thing.children if c.dep_ == "acl" for a in c.children if a.dep_ == "agent"
                     for o in a.children if o.dep_ == "pobj" and (found := self.actor_token(o))), None)

    def counted_before(self, token: Token) -> ActorMention | None:
        """'Most of the troops left, and the remaining 157 withdrew': a bare number counts the group
        named last before it in the sentence."""
        sentence = token.sent
        for t in reversed(sentence[: token.i - sentence.start]):
            m = self.actor_token(t)
            if m is not None and m.sector and m.kind not in {"person", PHRASE}:
                return m
        return None

    def roles(self, tokens: list[Token], avoid: list[Token] | None = None, *, phrases: bool = False,
              topics: frozenset[str] = frozenset()) -> list[Role]:
        """One role per token and per token coordinated with it ("Burkina Faso and Mali").

        With `phrases`, a noun phrase that is no actor still fills the role when nothing else does:
        PLOVER targets are often things ("condemned the attack", "rejected the deal"), aimed at their author
        unless through one of `topics`, the prepositions that name what an agreement or talks are about
        ("agreed to share information on North Korea"; an act's own "on" still aims: "sanctions on Russia").
        """
        out: list[Role] = []
        seen: set[int] = set()
        avoid_ids = {t.i for t in avoid or []}
        for token in tokens:
            listed = self._listed_after(token) if token.dep_ in SUBJECTS else []
            for member in [token, *token.conjuncts, *listed, *self._run_together(token)]:
                if member.i in avoid_ids or (member is not token and subject_read_as_object(member)):
                    continue
                # "Critics, including the European Commission, accuse …": the group's named members act (those an
                # act falls on are the whole group: "arrested 100 mob members, including the alleged boss").
                included = self._included(member) if first_conjunct(member).dep_ in SUBJECTS else []
                for named in included or [member]:
                    found = self.resolve(named)
                    # "a large number of Syrians, Iraqis and Afghans": each actor the phrase stands for.
                    counted = found is not None and named.lemma_.lower() in QUANTIFIER_HEADS
                    root = self.root(found) if counted and self.actor_token(named) is None else None
                    also = [m for c in root.conjuncts if (m := self.actor_token(c))] if root is not None else []
                    # "the two countries" is one phrase standing for two actors: one role each.
                    for mention in [m for f in [found, *also] if f for m in self.same_span.get(f.span, [f])]:
                        if id(mention) not in seen:
                            seen.add(id(mention))
                            out.append(Role(mention, True))
        if phrases and not out:
            out = [Role(m, True) for m in (self.author(t, topics) for t in tokens if t.i not in avoid_ids) if m][:1]
        if phrases and not out:
            phrase = next((_phrase(t) for t in tokens if t.pos_ in {"NOUN", "PROPN", "NUM"} and t.i not in avoid_ids),
                          None)
            if phrase is not None:
                out.append(Role(phrase, True))
        if tokens and not out:
            out.append(Role(None, False))
        return out

    def qualifies_a_site(self, mention: ActorMention | None) -> bool:
        """"Visited Kenya's biggest shantytown", "the Thai beach resort of Phuket", "the tomb of Yasser
        Arafat": whether the actor only qualifies a thing (a site visited, which is no meeting with it, as the
        annotators code it); "visit Aceh in Indonesia" visits the state the place is in."""
        root = self.root(mention) if mention is not None else None
        if root is None:
            return False
        root = first_conjunct(root)
        if root.dep_ == "pobj" and root.head.lower_ == "of":
            site = root.head.head
        elif root.dep_ in {"poss", "amod", "compound", "nmod"}:
            site = root.head
        else:
            return False
        return site.pos_ == "NOUN" and self.actor_token(site) is None

    def root(self, mention: ActorMention) -> Token | None:
        span = self.doc.char_span(mention.span[0], mention.span[1], alignment_mode="expand")
        return span.root if span is not None and len(span) else None

    def listed_with(self, mention: ActorMention) -> list[ActorMention]:
        """The states coordinated with a state's mention ("Austria, Denmark and Greece"), in order."""
        root = self.root(mention)
        found = [self.actor_token(c) for c in root.conjuncts] if root is not None else []
        return [m for m in found if m is not None and m.country and m.kind in {"state", "location"}]

    def other_country_in(self, roots: list[Token], country: str | None, *, places: bool = True,
                         victims: bool = True) -> ActorMention | None:
        """A country mention under these tokens that differs from `country` ("its embassy in Niger"), not
        inside a clause that modifies them ("accusations that Chinese officials …" names no target), nor one
        that only says where a state of affairs is ("the North Korean crisis", `SITUATIONS`), nor the state beyond a
        border ("deployed troops along the border with Israel");
        without `places`, not one named as a place ("in Nigeria") either; without `victims`, not the victim
        of an act of violence named in them ("condemned the attacks on Saudi oil facilities", "accused the law of
        attacking civil society": `done_to`)."""
        for root in roots:
            for t in _within_clause(root):
                m = self.actor_token(t)
                if m is None or not m.country or m.country == country or m.kind not in {"state", "location"} \
                        or beyond_border(t):
                    continue
                if not victims and any(done_to(a) for a in (t, *_path(t, root))):
                    continue
                head = self.root(m) or t
                if head.dep_ in INNER_MODIFIERS and head.head.lemma_.lower() in SITUATIONS:
                    continue
                if places or not in_place(head):
                    return m
        return None

    def salient_other(self, salience: Counter[str], country: str | None, token: Token) -> ActorMention | None:
        """The most mentioned other country so far, as its latest mention before the trigger."""
        for other, _ in salience.most_common():
            if other == country:
                continue
            latest = None
            for mentions in self.by_sentence.values():
                for m in mentions:
                    before = m.span[0] < token.idx and (latest is None or m.span[0] > latest.span[0])
                    if m.country == other and before and m.kind in {"state", "location"}:
                        latest = m
            if latest is not None:
                return latest
        return None


MAX_PHRASE_TOKENS = 12
CLAUSES = frozenset({"acl", "relcl", "ccomp", "advcl", "xcomp", "csubj"})
# Clauses under a trigger noun that say what is alleged or asked (`alleged_in`).
ALLEGED_CLAUSES = frozenset({"ccomp", "acl"})
# Prepositions of the circumstances of an event, not of its parties (`circumstantial`).
CIRCUMSTANCE_PREPS = frozenset({"amid", "amidst", "despite", "during", "since"})


def _path(token: Token, root: Token) -> list[Token]:
    """The ancestors of `token` below `root` (all of them when `root` is none): the links that tie it to the
    phrase or clause `root` heads."""
    out: list[Token] = []
    for a in token.ancestors:
        if a.i == root.i:
            break
        out.append(a)
    return out


def victim_of(act: Token, prep: Token) -> bool:
    """"Attacks on the Palestinian people", "strikes against the school", "the killing of four young men", "the death
    of a Palestinian man", "the detention of a German journalist": what an act of violence or coercion is done to,
    or who died, is its victim, not its author nor whom criticism of it aims at (`CRITICISMS`: "investigate this
    weekend's attacks on Saudi oil facilities" is aimed at the attackers)."""
    return prep.dep_ == "prep" and ((prep.lower_ in VICTIM_PREPS and violent_noun(act))
                                    or (prep.lower_ == "of" and (act.lemma_.lower() in DEATHS or violent_noun(act)
                                                                 or _violent(act, "NOUN", "COERCE"))))


def violent_noun(token: Token) -> bool:
    """Whether the token is a noun the lexicon reads as an act of violence ("attack", "bombing")."""
    return _violent(token, "NOUN")


def _violent(token: Token, pos: str, event_type: str = "ASSAULT") -> bool:
    """Whether the token, tagged `pos`, is a word the lexicon reads as an act of violence (or of `event_type`)."""
    return token.pos_ == pos and any(
        t.event_type == event_type for t in reftables.trigger_heads().get((token.lemma_.lower(), pos), ()))


def done_to(token: Token) -> bool:
    """Whether the token names whom an act of violence is done to: a violent noun's "on", "against" or "at"
    (`victim_of`), or a violent verb's object ("accused the law of attacking civil society")."""
    return victim_of(token.head, token) or (token.dep_ == "dobj" and _violent(token.head, "VERB"))


def _within_clause(token: Token) -> Iterator[Token]:
    """The token and its descendants, without the clauses attached below it."""
    yield token
    for child in token.children:
        if child.dep_ not in CLAUSES:
            yield from _within_clause(child)



def _phrase(token: Token) -> ActorMention:
    """A noun phrase that fills a role without being an actor: no code, no country (kind "phrase")."""
    start, end = token.left_edge.i, token.right_edge.i + 1
    if end - start > MAX_PHRASE_TOKENS:
        end = token.i + 1
    doc = token.doc
    start, end = trim(doc, start, end)
    text = doc[start:end].text
    first = doc[start].idx
    sentence_index = 0
    return ActorMention(article_id="", sentence_index=sentence_index, text=text, span=(first, first + len(text)),
                        kind=PHRASE)


def _length(m: ActorMention) -> int:
    return m.span[1] - m.span[0]


def home_state(state: ActorMention, other: ActorMention) -> bool:
    """Whether `state` is `other`'s own state named bare ("the Bahraini prime minister received the UAE ambassador
    to Bahrain": Bahrain is the prime minister's)."""
    return state.country is not None and state.country == other.country and state.code == state.country


def domestic_target(source: Actor | None, target: Actor | None, event_type: str | None) -> Actor | None:
    """Police, courts and parliaments act at home ("Cyprus police arrested 70 employees of a firm"): the
    stateless target of their investigations, arrests, sentences and releases (and of a court's rejections: "the
    Supreme Court rejected the final appeal of two Reuters journalists"), of a government's arrests,
    releases, accusations and threats ("Venezuela's government freed 40 activists", "the government
    ordered an investigation into Grameen Bank"; a state named alone acts as its government: "Libya freed 37
    prisoners") and of rebels' attacks ("Taliban fighters killed 20 policemen") is of their state, when it is
    a group, a person or an organization (a place stays none). Parties and the opposition criticize, reject,
    ask and back their state's bodies and politicians (Michael Howard "would not back the Home Secretary's
    plans"); the people they speak of may be anyone's ("welcomed the return of the four detainees"). A government
    no state is named for, whatever is done to it, is the source's ("Armenia's military top brass demanded that
    Prime Minister Pashinian's government resign": so placed, 6 annotated events become right, none turns wrong);
    not a foreign one ("gave a briefing to foreign ambassadors").
    The types were counted on the annotated news (training/annotation): armies attack abroad, rebels at
    home; unions, the opposition, parties and teachers are the state's whatever a state's body does to them
    (`HOME_ONLY`). The target so placed, or None when it stays as it is; with no `event_type`, whether any type
    would place it (the gate's ceiling)."""
    if source is None or not source.country or target is None or target.country \
            or (target.code or "").startswith(INTERNATIONAL_CODES) or regional(target):
        return None
    body = source.sector or "GOV"
    types = DOMESTIC_TYPES.get(body, ())
    any_act = (target.sector in HOME_ONLY and body in STATE_BODIES) \
        or (target.code == "GOV" and FOREIGN.isdisjoint(target.text.lower().split()))
    if (not any_act and (not types or (event_type is not None and event_type not in types))) \
            or target.sector in FOREIGN_SECTORS or (source.sector in CRITICS and target.sector == "CVL") \
            or not (target.sector or (target.entity or "").startswith(("person:", "org:"))):
        return None
    return replace(target, country=source.country, code=source.country + (target.sector or ""))


def domestic_source(source: Actor | None, target: Actor | None, event_type: str | None) -> Actor | None:
    """`domestic_target` the other way round: police, a court, a parliament, a government or rebels named by
    their sector alone that act on a state's body, party, firm, media or rebels act at home ("The court
    convicted Germany's largest bank", "the government outlawed the ANC"); people they act on may be foreigners.
    The source so placed, or None; with no `event_type`, whether any type would place it (the gate's ceiling)."""
    if source is None or not source.sector or source.code != source.sector or target is None \
            or not target.country or target.sector not in HOME_BODIES \
            or (target.code or "").startswith(INTERNATIONAL_CODES) or regional(source):
        return None
    types = DOMESTIC_TYPES.get(source.sector, ())
    if not types or (event_type is not None and event_type not in types):
        return None
    return replace(source, country=target.country, code=target.country + source.sector)


def regional(actor: Actor) -> bool:
    """A region's actors ("Latin American leaders", "African governments"): of no one state, at home nowhere."""
    return (actor.entity or "").startswith("region:")


def implied_government(source: Actor | None, event_type: str | None, at: int) -> Actor | None:
    """"Lib Dem spokesman Mark Oaten has branded the ID scheme a waste of money": criticism by a party, the
    opposition or a parliament that names no one is aimed at their state's government, which the annotators
    give as an implied target (text null, code GBRGOV; GUIDELINES.md). Counted on the annotated news: 22 of 28
    such criticisms, against 3 aimed at no one; a court's charges are aimed at the accused, not the government.
    The implied target, its span the empty one at `at`, or None; with no `event_type`, whether a criticism
    would get one (the gate's ceiling)."""
    if source is None or not source.country or source.sector not in CRITICS \
            or event_type not in ("ACCUSE", None):
        return None
    return state_government(source.country, at)


def state_government(country: str, at: int) -> Actor:
    """A state's government as a target the sentence does not name: its span the empty one at `at`."""
    return Actor(text="", span=(at, at), code=country + "GOV", country=country, sector="GOV",
                 name=country_names().get(country), entity=f"country:{country}")


def own_forces(source: Actor | None, target: Actor | None, event_type: str | None, cameo: str | None = None) -> bool:
    """"Bush mobilized troops", "sent in troops and police": forces of the source's own state (or of no
    stated state) that a mobilization moves are its means; the event has no target but where they go. So are the
    troops a state offers to send or sends as peacekeepers (`FORCES_GIVEN`), and any it gives as aid ("deployed police
    officers to Haiti", typed AID: the annotated news has one aid to a state's own forces, money for its police, in
    7,685 sentences). With no `event_type`, whether the target would be dropped were the event a mobilization (the
    gate's ceiling, taken before typing). Another international body's force is no one's own ("sending troops to the
    UN peacekeeping force")."""
    if not (event_type in ("MOBILIZE", "AID", None) or cameo in FORCES_GIVEN) or source is None or target is None:
        return False
    body = (target.code or "")[:6]
    return target.sector in FORCE_SECTORS and target.country in (None, source.country) \
        and not (body.startswith(INTERNATIONAL_CODES) and body != (source.code or "")[:6])


def alleged_in(token: Token, trigger: Token) -> bool:
    """Whether the token is inside the that-clause of a trigger noun ("allegations that X …", "charges
    that X …"): who is alleged to act there is not who alleges it."""
    ancestors = list(token.ancestors)
    if trigger.pos_ != "NOUN" or trigger not in ancestors:
        return False
    below = [token, *ancestors][ancestors.index(trigger)]
    return below.dep_ in ALLEGED_CLAUSES


def circumstantial(token: Token, trigger: Token, preps: frozenset[str] = CIRCUMSTANCE_PREPS) -> bool:
    """Whether the token is named, below the trigger, in a circumstance of its clause ("amid", "despite",
    "during"), which tells no party to the trigger's event. "After" often names the partner of what came before
    ("called off the strike after the agreement with the government"), so it is no such circumstance unless the
    caller's `preps` say so."""
    return any(a.dep_ == "prep" and a.lower_ in preps for a in _path(token, trigger))


def coordinated(token: Token) -> bool:
    """Whether a modifier heads a coordination of its own: in "talks with President Uhuru Kenyatta and ODM party
    leader Raila Odinga" the parser hangs "Kenyatta and ODM" on "Odinga", running two actors' phrases into one."""
    return any(c.dep_ == "cc" and c.lower_ == "and" for c in token.children) \
        and any(c.dep_ == "conj" for c in token.children)


def subject_read_as_object(token: Token) -> Token | None:
    """The verb a conjunct of an object is really the subject of: "Palestinian gunmen killed an Israeli soldier and
    the Israeli military launched dozens of strikes" joins the second clause's subject to the first one's object; the
    verb right after it, coordinated with the first one and without a subject of its own, is its clause."""
    end = token.right_edge.i + 1
    if token.dep_ != "conj" or end >= len(token.doc):
        return None
    verb, first = token.doc[end], first_conjunct(token)
    if verb.pos_ == "VERB" and verb.dep_ == "conj" and first.dep_ in OBJECTS and verb.head == first.head \
            and not any(c.dep_ in SUBJECTS for c in verb.children):
        return verb
    return None


def located(token: Token) -> bool:
    """Whether the token (or the first of its conjuncts) is the object of a locative preposition."""
    token = first_conjunct(token)
    return token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS


def audience(token: Token, mention: ActorMention) -> bool:
    """Whether a news medium is who hears the words rather than whom they are about: "he told BBC News",
    "said to Al Jazeera". An interview's outlet is no target of what is said in it."""
    if mention.sector not in MEDIA_SECTORS:
        return False
    verb = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "to" else token.head
    return token.dep_ in ("dobj", "dative", "pobj") and verb.lemma_.lower() in cue_words("speech")


def content_clause(token: Token) -> bool:
    """Whether `token` heads a clause that says what a noun tells ("reports that it had supplied drones to
    Russia"): what a report says names neither its author nor whom it aims at."""
    return token.dep_ == "acl" and any(c.dep_ == "mark" for c in token.children)


def counted_by(token: Token) -> Token:
    """The quantity a token is counted by ("Hundreds" of "Hundreds of migrants", which the parse makes the
    clause's subject), or the token itself."""
    quantity = token.head.head
    if token.dep_ == "pobj" and token.head.lower_ == "of" \
            and (quantity.lemma_.lower() in QUANTIFIER_HEADS or quantity.pos_ == "NUM"):
        return quantity
    return token


def in_place(token: Token) -> bool:
    """Whether the token, or the noun it modifies ("Bosnian" in "in Bosnian Serb territory") or stands in
    apposition to ("Ethiopia" in "in Addis Ababa, Ethiopia"), is `located`."""
    while token.dep_ in INNER_MODIFIERS | {"appos"} and token.head.i != token.i:
        token = token.head
    return located(token)


def with_coordinated_names(subjects: list[Token]) -> list[Token]:
    """"Putin and German Chancellor Angela Merkel discussed …": the parser hangs the first name and its "and"
    on the second one's title, a coordinated modifier (`actor_phrases.coordinated_name`); both are subjects."""
    return subjects + [t for s in subjects for t in s.subtree if t.i < s.i and leads_a_coordination(t)]


def clause_verb(noun: Token) -> Token | None:
    """The verb or auxiliary whose prepositional adjunct holds `noun`, through "of" and other prepositions
    ("after weeks of talks" → the verb "after" hangs on) and "following", which the parser takes for a verb
    ("At a news conference following talks with Mr Blair, Mr Abbas said"); None when the noun is no such adjunct."""
    at = noun
    while at.head.i != at.i and (at.dep_ in {"pobj", "prep"} or _following(at)
                                 or (at.dep_ == "dobj" and _following(at.head))):
        at = at.head
    return at if at is not noun and at.pos_ in {"VERB", "AUX"} and not _following(at) else None


def _following(token: Token) -> bool:
    return token.lower_ == "following" and token.tag_ == "VBG"

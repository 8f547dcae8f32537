"""Words versus deeds: promises, threats, refusals to comment and figurative attacks, per PLOVER.

The trigger lexicon names acts; news often states only words about them. The PLOVER codebook codes
the words: "pledged to withdraw its troops" is a CONCEDE (CAMEO 035x, verbal), "offered aid" an AGREE,
"vowed to fight" a THREATEN, and a politician who "attacked the plan" ACCUSEs. "Declined to comment"
is no event at all. This stage rewrites the coder's proposals from the parse before the classifier
types them; a rewritten event is read as "fixed", so the classifier cannot turn it back into the act.
The words it relies on live in ``data/deeds.tsv``.
"""

from __future__ import annotations

from spacy.tokens import Token

from dyadwatch import reftables
from dyadwatch.model import Actor, ActorMention, Event
from dyadwatch.stages import attributes, threats
from dyadwatch.stages.coref import STATE_SECTORS
from dyadwatch.stages.deeds_table import Deeds, table
from dyadwatch.stages.demands import demanded, demands
from dyadwatch.stages.events import UNTYPED
from dyadwatch.stages.nlp import Parsed, clause_marks, hyphen_joined, right_after
from dyadwatch.stages.non_events import states_no_event
from dyadwatch.stages.roles import LEADING_HEADS
from dyadwatch.stages.rulings import rulings
from dyadwatch.stages.trigger_words import lookup

# What a promise of each act is (CAMEO 03x, "express intent to ..."), by the act's type and mode. Troops
# offered or pledged are offered to help ("offered to send troops to help the Philippines army": 0332); only a
# threat to move them threatens.
PROMISED = {"RETREAT": ("CONCEDE", "035"), "CONCEDE": ("CONCEDE", "035"), "AID": ("AGREE", "033"),
            "COOPERATE": ("AGREE", "031"), "CONSULT": ("AGREE", "036"), "AGREE": ("AGREE", "030"),
            "SUPPORT": ("AGREE", "032"), "MOBILIZE": ("AGREE", "0332")}
PROMISED_BY_MODE = {"release": "0353", "return": "0353", "withdraw": "0356", "disarm": "0356",
                    "ceasefire": "0356", "access": "0355"}
# What an appeal for each act is (CAMEO 02x, "appeal for ...", the 03x promises' mirror), by type and mode.
REQUESTED = {"RETREAT": "025", "CONCEDE": "025", "AID": "023", "COOPERATE": "021", "CONSULT": "026",
             "AGREE": "027", "SUPPORT": "022"}
REQUESTED_BY_MODE = {"release": "0253", "return": "0253", "withdraw": "0256", "disarm": "0256",
                     "ceasefire": "0256", "access": "0255"}
# What a threat (or a vow) of each material conflict is (CAMEO 13x).
THREATENED = {"ASSAULT": "138", "MOBILIZE": "138", "COERCE": "137", "SANCTION": "1312", "PROTEST": "133"}
OBJECT_DEPS = {"dobj", "obj"}
AGREED_ACT_DEPS = frozenset({"xcomp", "ccomp", "advcl", "dobj", "obj"})
# Verbs that end an act, and the acts of armed conflict whose end promised is a ceasefire (`_ends_fighting`).
ENDING = frozenset({"halt", "stop", "end", "cease"})
# Links from a noun up to the verb whose object it is part of (`_announced`).
OBJECT_PATH = frozenset({"dobj", "obj", "pobj", "prep", "compound", "amod", "nmod", "conj"})
# Nouns of an act's end: what they end is not told as done ("agreed to a permanent cessation of hostilities").
ENDING_NOUNS = frozenset({"cessation", "end", "halt", "suspension"})
FIGHTING = frozenset({"ASSAULT", "MOBILIZE"})
ARMED_SECTORS = frozenset({"MIL", "COP", "REB", "UAF", "INS"})
# Verbs of backing, whose participle after armed forces is military aid (`_armed_backing`).
BACKING = frozenset({"back", "support"})
# What a warning that threatens nothing, or a claim, is instead (`threats.reading`).
WORDS_READ = {"appeal": ("REQUEST", "020"), "criticism": ("ACCUSE", "111"), "allegation": ("ACCUSE", "112")}
# What a departure leaves to break with it (`_departed`): an international body or NGO, or a party.
BODIES = ("IGO", "NGO")
PARTY_SECTORS = frozenset({"PTY", "OPP"})
# Markers of an adverbial clause whose deed is told as done, even under an act asked for or refused (`_requested`).
TOLD_AS_DONE = frozenset({"when", "after", "since", "because", "as", "while", "although", "though"})
# Sectors whose attacks on another actor are words ("Keating launched an attack on the spy chiefs").
SPEAKING_SECTORS = frozenset({"GOV", "LEG", "PTY", "OPP", "JUD"})


def code(parsed: Parsed, events: list[Event], mentions: list[ActorMention]) -> list[Event]:
    """The stage's entry point: the coder's events with words told from deeds (`recast`), courts' rulings
    against acts (`rulings.rulings`), and the appeals speakers make of others (`demands`)."""
    return rulings(parsed, recast(parsed, events, mentions), mentions) + demands(parsed, mentions)


def recast(parsed: Parsed, events: list[Event], mentions: list[ActorMention]) -> list[Event]:
    """The coder's events with words coded as words: commitments and figurative attacks rewritten,
    non-events, acts only asked for, warnings that threaten nothing, questions, wars named by their place,
    pledges made to no one, results, agreements referred to and meetings as settings dropped."""
    deeds = table()
    out = []
    for event in events:
        token = parsed.root_at(*event.trigger) if event.trigger else None
        if token is None:
            out.append(event)
            continue
        words = threats.reading(token, event, deeds)
        if states_no_event(token, event, deeds) or _requested(token, deeds) or words == "idle":
            continue
        if _names(token, deeds):
            _untype(event)
            out.append(event)
            continue
        if _dismissed(token, event, deeds) or _sympathy(token, event, deeds) or _denied(token, event, deeds) \
                or _recast_words(event, words) \
                or _endorsed(token, event, deeds) or _refuge(token, event, deeds) or _armed_backing(token, event) \
                or _peacekeepers(token, event, deeds) or _wholehearted(token, event, deeds) \
                or _gift(token, event, deeds, mentions):
            out.append(event)
            continue
        if not _request(token, event, deeds) and not _declared(token, event, deeds) \
                and not _commitment(token, event, deeds) and not _refused(token, event) \
                and not _announced(token, event, deeds) and not _quarrel(token, event, deeds) \
                and not _departed(token, event, deeds):
            _figurative(token, event, deeds)
        out.append(_resignation(event))
    return out


def _resignation(event: Event) -> Event:
    """"Mr Blunkett resigned as Home Secretary", "stepping down as health secretary": a resignation gives up an
    office and aims at no one (the annotated news: 18 of 18 resignations without a target); the office, a
    party or the cause named with it is no target. Leaving a party or a body is `_departed`."""
    if event.event_type != "RETREAT" or event.mode != "resign" or event.target is None:
        return event
    event.target = None
    event.id = event.make_id()
    return event


def _requested(token: Token, deeds: Deeds) -> bool:
    """"called on the US to lift sanctions": the lifting (and the sanctions in it) is asked for, not done, and
    so is what a to-clause inside it names ("urged Israel to stop attacking Gaza"); the request is the event.
    So is what a promised act carries: in "agreed to allow aid into the region", the promise is the event and
    the aid is not given (a promise by a word that is no trigger, "is willing to provide support", is the act
    recast: `_commitment`); and a refused act: in "refused to send
    peacekeepers", the refusal is the event (REJECT) and nothing is sent. An act that someone "should" or "must"
    do is owed, not done, whether or not a speaker's appeal is coded (`demands`). A meeting or an act named by a
    noun that is only asked for or planned ("called for talks between Armenia and Azerbaijan", "urged a
    ceasefire", "paved the way for peace talks") is not done either (`_asked_for`), nor is the act of a that-clause a
    verb of asking takes ("demanded that Israel withdraw"), unless it is an indirect question ("asked why ministers
    attacked the plans"). Nor is an act a negated permission lets no one do ("will not allow Turkey to occupy its
    land"), what a bid or an attempt only seeks to do ("Sweden's bid to join NATO": `Deeds.bids`; a noun in it, as
    "over Turkish allegations", may name what was done before) or what a vetoed or blocked text would do ("vetoed a
    resolution condemning …"), nor an act warned against ("warned NATO against sending troops"), nor an act alleged
    ("accused Russia of attacking civilians": `Deeds.accusations`) or
    denied ("denied reports that it had supplied drones": `_denied_content`). A relative clause inside states its
    own deed ("release a student who was jailed"), and so does a clause of time or reason (`TOLD_AS_DONE`)."""
    if token.pos_ == "NOUN" and _asked_for(token, deeds):
        return True
    if token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ in ("of", "to") \
            and token.head.head.lemma_.lower() in ENDING_NOUNS:
        return True  # "agreed to a permanent cessation of hostilities": no fighting is told
    for word in (token, *token.ancestors):
        if demanded(word) is not None:
            return True
        if word.dep_ == "relcl" or (word.dep_ == "advcl" and any(m.lower_ in TOLD_AS_DONE for m in word.children)):
            return False  # "refused to meet Obama when the U.S. president visited Cuba": the visit took place
        if word.dep_ == "ccomp" and _asks(word.head, deeds) and not _indirect_question(word):
            return True
        if word.dep_ == "acl" and _to_clause(word, acl=True) and (word.head.lemma_.lower() in deeds.refusals or (
                word.head.lemma_.lower() in deeds.bids and token.pos_ == "VERB")):
            return True  # "the government's refusal to hold talks", "Sweden's bid to join NATO": not done
        if word.dep_ in ("xcomp", "ccomp") and word.head.lemma_.lower() in deeds.permissions \
                and any(c.dep_ == "neg" for c in word.head.children):
            return True  # "will not allow Turkey to occupy its land": no land is occupied
        if word.dep_ == "acl" and word.head.dep_ in OBJECT_DEPS and word.head.head.lemma_.lower() in deeds.blockings:
            return True  # "vetoed a resolution condemning the annexation": nothing is condemned
        if word.dep_ in ("pcomp", "pobj") and word.head.dep_ == "prep" and _alleged(word.head, deeds):
            return True  # "accused Russia of attacking civilians": the attack is alleged
        if word.dep_ in ("pcomp", "pobj") and word.head.lower_ == "against" \
                and word.head.head.lemma_.lower() in deeds.warnings:
            return True  # "warned NATO against sending troops to Ukraine": nothing is sent
        if _denied_content(word, deeds):
            return True  # "denied reports that it had supplied drones": nothing is supplied
        if _to_clause(word):
            matrix = word.head.lemma_.lower()
            if _asks(word.head, deeds) or _pleads(word.head, deeds) or matrix in deeds.refusals \
                    or (word is not token and matrix in deeds.commitments and lookup(word.head) is not None):
                return True
            if not _to_clause(word.head):
                return False
            continue  # "urged Israel to stop attacking Gaza": the attacking is in what is asked for
        if word.pos_ in ("VERB", "AUX") and word is not token:
            return False
    return False


def _alleged(prep: Token, deeds: Deeds) -> bool:
    """Whether the preposition names what an accusation alleges: its verb's or noun's ("accused Russia of", "blamed
    for"), or one the parser hangs on the accused ("accused [Chinese vessels of] blocking a resupply mission")."""
    owner = prep.head
    verb = owner.head if owner.dep_ in OBJECT_DEPS else owner
    return any((w.lemma_.lower(), prep.lower_) in deeds.accusations for w in {owner, verb})


def _denied_content(word: Token, deeds: Deeds) -> bool:
    """Whether `word` heads what a denial denies: the that-clause of a denying verb ("denied that Putin had met
    …"), or the clause or "of" phrase of what it takes ("denied reports that …", "refuted reports of withdrawing
    the ambassador"), or of a report or claim any verb of rejection takes ("rejected claims that …")."""
    if word.dep_ == "ccomp":
        return word.head.lemma_.lower() in deeds.denyings
    holder = word.head.head if word.dep_ == "pcomp" and word.head.lower_ == "of" else word.head
    if word.dep_ not in ("acl", "pcomp") or holder.dep_ not in OBJECT_DEPS or holder.pos_ != "NOUN":
        return False
    rejecting = lookup(holder.head)
    return holder.head.lemma_.lower() in deeds.denyings or (
        holder.lemma_.lower() in deeds.disputed and rejecting is not None and rejecting.event_type == "REJECT")


def _indirect_question(clause: Token) -> bool:
    """"Asked why ministers attacked the plans": a question about a deed, which stays one (a that-clause or a bare
    one under a verb of asking is what is asked for)."""
    return any(c.tag_ in {"WRB", "WP", "WDT"} or (c.dep_ == "mark" and c.lower_ in {"if", "whether"})
               for c in clause.children)


def _asked_for(noun: Token, deeds: Deeds) -> bool:
    """Whether the noun is what a verb of asking asks for, its object ("urged talks") or the object of its
    "for" ("called for talks", "pressed for a ceasefire"), or what another noun is for ("paved the way for
    peace talks", "plans for the Iraq war", "offers for talks"): wanted, planned or offered, not done."""
    if noun.dep_ in OBJECT_DEPS:
        return _asks(noun.head, deeds)
    preposition = noun.head
    return noun.dep_ == "pobj" and preposition.lower_ == "for" and preposition.dep_ == "prep" \
        and (_asks(preposition.head, deeds) or f"{preposition.head.lemma_.lower()} for" in deeds.requests
             or preposition.head.pos_ == "NOUN")


def _request(token: Token, event: Event, deeds: Deeds) -> bool:
    """"pressed Turkey to release the journalists": the appeal is the event, coded by what it asks for.
    "Asked the ambassador to leave" stays the expulsion the coder made of it."""
    complement = _complement(token) or _act_asked_for(token)
    if not _asks(token, deeds) or complement is None or event.mode == "expel":
        return False
    act = lookup(complement)
    cameo = REQUESTED_BY_MODE.get(act.mode or "", REQUESTED.get(act.event_type, "020")) if act else "020"
    _retype(event, "REQUEST", cameo)
    return True


def _act_asked_for(verb: Token) -> Token | None:
    """"appealed for aid", "urged a ceasefire": the act noun a verb of asking takes, by which the request is coded
    (the aid is asked for, not given)."""
    nouns = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
    nouns += [o for p in verb.children if p.dep_ == "prep" and p.lower_ == "for"
              for o in p.children if o.dep_ == "pobj"]
    return next((n for n in nouns if n.pos_ == "NOUN" and lookup(n) is not None), None)


def _asks(verb: Token, deeds: Deeds) -> bool:
    """A verb of asking, alone ("urged") or with the particle right after it or its adverb ("called on", "pushed
    hard for"; "called Lavrov on Friday to discuss Syria" is a phone call), which may mark a clause ("called for
    Israel to withdraw")."""
    lemma = verb.lemma_.lower()
    particles = [c for c in verb.children if c.dep_ in ("prep", "prt") and right_after(verb, c)]
    return lemma in deeds.requests or any(f"{lemma} {c.lower_}" in deeds.requests
                                          for c in particles + clause_marks(verb))


def _pleads(verb: Token, deeds: Deeds) -> bool:
    """"Issued a fresh plea to the Taliban to talk directly to his government": a verb whose object is an appeal
    asks for what its to-clause names."""
    return any(c.dep_ in OBJECT_DEPS and c.lemma_.lower() in deeds.requests for c in verb.children)


def _commitment(token: Token, event: Event, deeds: Deeds) -> bool:
    """A promised or threatened act becomes the promise (AGREE, CONCEDE) or the threat (THREATEN)."""
    matrix, complement = token, _complement(token)
    # "is willing to provide support": the noun's support verb is the promised act; "offered aid to Chad": the
    # act noun the promise takes is (criticism "offered" is only given).
    verb = token.head if token.pos_ == "NOUN" and token.dep_ in OBJECT_DEPS else token
    if token.lemma_.lower() not in deeds.commitments or complement is None:
        if verb is not token and verb.lemma_.lower() in deeds.commitments and event.event_type in PROMISED:
            matrix, complement = verb, token
        elif not _to_clause(verb) or verb.head.lemma_.lower() not in deeds.commitments:
            return False
        else:
            matrix, complement = verb.head, verb
    kind = deeds.commitments[matrix.lemma_.lower()]
    act = lookup(complement)
    act_type, act_mode = (act.event_type, act.mode) if act else (None, None)
    if kind == "promise" and _ends_fighting(complement):
        _retype(event, "CONCEDE", PROMISED_BY_MODE["ceasefire"])
    elif kind == "promise" and complement.lemma_.lower() in deeds.concessions:
        if act_mode == "resign":
            event.target = None  # a resignation promised aims at no one, as one made does (`_resignation`)
        _retype(event, "CONCEDE", "035")
    elif act_type in THREATENED and (kind == "threat" or act_type not in PROMISED):
        _retype(event, "THREATEN", THREATENED[act_type])
    elif kind == "promise" and act_type in PROMISED:
        promised = _promise(act_type, act_mode)
        _retype(event, *(("AGREE", "030") if promised[0] == "CONCEDE" and _agreed_with(matrix, event) else promised))
    elif kind == "promise":
        _retype(event, "AGREE", "030")
    else:
        return False
    event.trigger = (matrix.idx, matrix.idx + len(matrix.text))
    event.span = (min(event.span[0], matrix.idx), max(event.span[1], matrix.idx + len(matrix.text)))
    return True


def _ends_fighting(verb: Token) -> bool:
    """"agreed to halt fighting", "promised to end the attacks": an act of armed conflict promised to stop is a
    ceasefire promised (CONCEDE), not a threat of that act."""
    if verb.lemma_.lower() not in ENDING:
        return False
    acts = [lookup(c) for c in verb.children if (c.dep_ in OBJECT_DEPS and c.pos_ == "NOUN")
            or (c.dep_ == "xcomp" and c.tag_ == "VBG")]
    return any(act is not None and act.event_type in FIGHTING for act in acts)


def _declared(token: Token, event: Event, deeds: Deeds) -> bool:
    """"declared a unilateral ceasefire", "agreed to a truce": declared, not yet carried out, it is a verbal
    concession (PLOVER CONCEDE); "observed the ceasefire" stays the act. The event may hang on the noun
    or on the verb."""
    if token.pos_ == "NOUN":
        pairs = [(token.head.head if token.head.dep_ == "prep" else token.head, token)]
    else:
        pairs = [(token, g) for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        pairs += [(token, c) for c in token.children if c.dep_ in OBJECT_DEPS]
    noun = next((n for v, n in pairs if (v.lemma_.lower(), _noun_word(n)) in deeds.declarations), None)
    if noun is None:
        return False
    act = lookup(noun)
    _retype(event, "CONCEDE", PROMISED_BY_MODE.get(act.mode or "", "035") if act else "035")
    return True


def _noun_word(noun: Token) -> str:
    """A noun's lemma, with the first part of a hyphenated word ("cease-fire" is "ceasefire")."""
    doc = noun.doc
    if hyphen_joined(noun):
        return doc[noun.i - 2].lower_ + noun.lemma_.lower()
    return noun.lemma_.lower()


def _announced(token: Token, event: Event, deeds: Deeds) -> bool:
    """"The rebels said they will release the hostages": an act its actor says it will do is the promise
    (CONCEDE, AGREE), not the act; PLOVER's RETREAT, AID and the like are acts with immediate effect. A
    meeting it says it will hold is the meeting, future ("Netanyahu said he will hold talks with Putin" is
    CONSULT, as GUIDELINES.md codes "the leaders will meet on Friday")."""
    # "said it would send $800 million in military aid to Ukraine": an act's noun in its verb's object is promised
    # by the verb ("said the effect of the coalition would be …" promises no coalition).
    while token.pos_ != "VERB" and token.dep_ in OBJECT_PATH and token.head.i != token.i:
        token = token.head
    if event.event_type not in PROMISED or event.event_type == "CONSULT" or token.dep_ != "ccomp" \
            or token.head.lemma_.lower() not in deeds.speech:
        return False
    if not _future(token):
        return False
    _retype(event, *_promise(event.event_type, event.mode))
    return True


def _refused(token: Token, event: Event) -> bool:
    """"The US will not lift the embargo", "Hungary says it will not accept asylum seekers", "the Taliban will not
    begin talks": a cooperative act its actor says it will not do is a refusal (PLOVER REJECT), not the act
    negated. An act's noun is refused through the verb it is the object of."""
    verb = token.head if token.pos_ == "NOUN" and token.dep_ in OBJECT_DEPS else token
    if not event.event_type or reftables.quad_class(event.event_type) > 2 \
            or not any(c.dep_ == "neg" for c in verb.children):
        return False
    if not _future(verb):
        return False
    _retype(event, "REJECT", "120")
    return True


def _promise(act_type: str, act_mode: str | None) -> tuple[str, str]:
    """The type and CAMEO code of a promise of an act of `act_type` (which must be in PROMISED)."""
    event_type, cameo = PROMISED[act_type]
    return event_type, PROMISED_BY_MODE.get(act_mode or "", cameo) if event_type == "CONCEDE" else cameo


def _agreed_with(verb: Token, event: Event) -> bool:
    """"The United States had agreed with Cuba's government to repatriate any Cubans": an act agreed with a
    partner is their agreement (AGREE, either way, as the annotated news codes it), not one side's concession."""
    return any(c.dep_ == "prep" and c.lower_ == "with" and actor is not None and actor.span[0] <= g.idx < actor.span[1]
               for actor in (event.source, event.target) for c in verb.children for g in c.subtree)


def _future(token: Token) -> bool:
    """The verb has an auxiliary of the future (the attributes stage's cues, "won't" included), or the
    "would" of reported speech."""
    return any(c.dep_ == "aux" and (c.lower_ in attributes.cue_words("modal_future") or c.lower_ == "would")
               for c in token.children)


def _complement(verb: Token) -> Token | None:
    """The verb's to-infinitive, if it has one; of a prefixed word the tokenizer cuts ("to re-open", "to
    co-operate"), its last part."""
    complement = next((c for c in verb.children if _to_clause(c)), None)
    doc = verb.doc
    if complement is not None and complement.i + 2 < len(doc) and hyphen_joined(doc[complement.i + 2]):
        return doc[complement.i + 2]
    return complement


def _to_clause(token: Token, *, acl: bool = False) -> bool:
    """A to-infinitive under a verb ("pledged to withdraw", "have sworn to fight"), or with `acl` under a noun
    ("a refusal to negotiate")."""
    clause_deps = ("advcl", "acl") if acl else ("advcl",)
    return token.dep_ == "xcomp" or (token.dep_ in clause_deps and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children))


def _figurative(token: Token, event: Event, deeds: Deeds) -> None:
    """"attacked the plan", "an attack on the cost of asylum": an attack on something that is neither
    an actor nor a thing arms can hit is criticism, and so is a speaker's attack on another actor
    ("launched an attack on the spy chiefs", `_speaks`). Armed forces' attacks are never words, nor is what an
    attack or a weapon hits ("air strikes hit the enclave", "missiles hit targets in Pakistan": `Deeds.weapons`)."""
    if event.event_type != "ASSAULT" or token.lemma_.lower() not in deeds.figurative or _armed(event.source):
        return
    if token.pos_ == "VERB":
        if any(c.dep_ == "nsubj" and (c.lemma_.lower() in deeds.weapons or (
                c.lemma_.lower() not in deeds.figurative and (act := lookup(c)) is not None
                and act.event_type == "ASSAULT")) for c in token.children):
            return  # "air strikes hit the enclave", "Iranian missiles hit targets": what an attack or a weapon hits
        # "the plans were attacked by Labour": a passive's subject is what is attacked
        objects = [c for c in token.children if c.dep_ in OBJECT_DEPS] or [
            c for c in token.children if c.dep_ == "nsubjpass"]
    else:
        objects = [g for c in token.children if c.dep_ == "prep" and c.lower_ in {"on", "against"}
                   for g in c.children if g.dep_ == "pobj"]
    target = event.target
    if not objects:
        return
    # "Russia said it was attacked": a pronoun stands for the actor the coder read it as
    aimed = target is not None and target.code and (
        objects[0].pos_ == "PRON" or objects[0].left_edge.idx <= target.span[0] < _end(objects[0]))
    if aimed and not _speaks(event.source):
        return
    if aimed and token.pos_ == "NOUN" and target is not None and target.code == target.country \
            and target.span[0] <= objects[0].idx < target.span[1]:
        return  # "Netanyahu ordered massive attacks on the Gaza Strip": a state or its land is hit, not criticized
    if not aimed and objects[0].lemma_.lower() in deeds.physical:
        return  # "attacked the embassy" with no actor named in it: a building is hit, not criticized
    _retype(event, "ACCUSE", "111")


def _dismissed(token: Token, event: Event, deeds: Deeds) -> bool:
    """"Baghdad fired Kirkuk's governor", "the president dismissed the prime minister", "fired the head of Ukraine's
    security service": a state's official (or the head of a state body) as the object of a dismissal verb is removed
    from office, which reduces relations with them (PLOVER SANCTION, CAMEO 160), neither a shooting nor a refusal;
    "dismissed the Conservatives as a fading force" judges them."""
    target = event.target
    if token.pos_ != "VERB" or token.lemma_.lower() not in deeds.dismissals or target is None \
            or target.sector not in STATE_SECTORS | {"SPY"} \
            or any(c.dep_ == "prep" and c.lower_ == "as" for c in token.children):
        return False
    if not _acted_on(token, target) and not _head_of(token, target):
        return False
    _retype(event, "SANCTION", "160")
    return True


def _refuge(token: Token, event: Event, deeds: Deeds) -> bool:
    """"The United States accepted 1,141 Iraqi refugees": refugees a state takes in are given refuge, which
    GUIDELINES.md codes AID (asylum, CAMEO 075); "accepted the proposal" stays an agreement, "will not accept
    refugees" a refusal."""
    target = event.target
    if event.event_type != "AGREE" or token.pos_ != "VERB" or token.lemma_.lower() not in deeds.refuges \
            or target is None or target.sector != "REF" or any(c.dep_ == "neg" for c in token.children):
        return False
    if not _acted_on(token, target):
        return False
    _retype(event, "AID", "075")
    return True


def _gift(token: Token, event: Event, deeds: Deeds, mentions: list[ActorMention]) -> bool:
    """"Handed over medical equipment to the Ministry of Health of Ethiopia": things handed to an actor are aid
    (AID 070), as the annotators code them; people handed over ("handed over the suspects") stay cooperation, and
    a handover to come is a promise ("will hand over their arms to the UN")."""
    if event.event_type != "COOPERATE" or token.lemma_.lower() not in deeds.gifts or event.target is None \
            or _future(token):
        return False
    objects = [c for c in token.children if c.dep_ in OBJECT_DEPS]
    if not objects or any(m.span[0] <= t.idx < m.span[1] for o in objects for t in o.subtree for m in mentions):
        return False
    _retype(event, "AID", "070")
    return True


def _head_of(verb: Token, target: Actor) -> bool:
    """Whether the verb's object is the head of the target ("fired the head of Ukraine's security service")."""
    return any(o.lemma_.lower() in LEADING_HEADS and target.span[0] <= g.idx < target.span[1]
               for o in verb.children if o.dep_ in OBJECT_DEPS
               for p in o.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.subtree)


def _acted_on(verb: Token, target: Actor) -> bool:
    """Whether the target is what the verb acts on: its object, or its subject when passive."""
    return any(target.span[0] <= c.idx < target.span[1] for c in verb.children if c.dep_ in OBJECT_DEPS | {"nsubjpass"})


def _sympathy(token: Token, event: Event, deeds: Deeds) -> bool:
    """"Expressed concern for President Museveni's health": concern felt for someone is sympathy, which
    GUIDELINES.md codes SUPPORT with condolences; "concern about Iran's programme" stays criticism."""
    if event.event_type != "ACCUSE":
        return False
    nouns = [token] if token.pos_ == "NOUN" else [c for c in token.children if c.dep_ in OBJECT_DEPS]
    if not any((noun.lemma_.lower(), p.lower_) in deeds.sympathies
               for noun in nouns for p in noun.children if p.dep_ == "prep"):
        return False
    _retype(event, "SUPPORT", "051")
    return True


def _denied(token: Token, event: Event, deeds: Deeds) -> bool:
    """"Challenged reports that appeared in The New York Times": taking on a report or a charge denies it, which
    GUIDELINES.md codes REJECT ("denied the charges"); "challenged the government's policy" stays criticism."""
    if event.event_type != "ACCUSE" or token.pos_ != "VERB":
        return False
    taken_on = [c.lemma_.lower() for c in token.children if c.dep_ in OBJECT_DEPS]
    if not any((token.lemma_.lower(), thing) in deeds.denials for thing in taken_on):
        return False
    _retype(event, "REJECT", "120")
    return True


def _endorsed(token: Token, event: Event, deeds: Deeds) -> bool:
    """"FDA officials said they agree with the recommendation": siding with a view or a person endorses it, which
    GUIDELINES.md codes SUPPORT; an act agreed on with someone ("agreed with Iran to exchange technology", "agreed
    with the unions on a pay deal", "agreed with them that talks should resume") stays AGREE, and so does an
    agreement denied ("did not agree with")."""
    if event.event_type != "AGREE" or token.pos_ != "VERB":
        return False
    preps = [c.lower_ for c in token.children if c.dep_ == "prep" and c.i > token.i]
    if not any((token.lemma_.lower(), p) in deeds.endorsements for p in preps) or len(preps) > 1 \
            or any(c.dep_ in AGREED_ACT_DEPS or c.dep_ == "neg" for c in token.children):
        return False
    _retype(event, "SUPPORT", "051")
    return True


def _armed_backing(token: Token, event: Event) -> bool:
    """"Syrian government warplanes supported by Russia pounded the enclave", "the Syrian army -- backed by Russian
    warplanes --": armed forces backed in the field are given military aid (CAMEO 072), as the annotators code it,
    not words of support nor, as the classifier read "backed", a meeting."""
    if token.lemma_.lower() not in BACKING or token.tag_ != "VBN" or token.dep_ != "acl" or not _armed(event.target):
        return False
    _retype(event, "AID", "072")
    return True


def _wholehearted(token: Token, event: Event, deeds: Deeds) -> bool:
    """"Pledged his country's full support for Fayez Serraj": support pledged in full is given, an endorsement
    (SUPPORT 051), as the annotators code it; "pledged support for NGOs" stays a promise (AGREE)."""
    if event.event_type != "AGREE" or token.lemma_.lower() not in deeds.commitments:
        return False
    if not any(c.dep_ in OBJECT_DEPS and (act := lookup(c)) is not None and act.event_type == "SUPPORT"
               and any(a.dep_ == "amod" and a.lemma_.lower() in deeds.wholehearted for a in c.children)
               for c in token.children):
        return False
    _retype(event, "SUPPORT", "051")
    return True


def _peacekeepers(token: Token, event: Event, deeds: Deeds) -> bool:
    """"Japan is sending troops to the UN peacekeeping force in South Sudan": forces sent as peacekeepers are
    personnel provided, AID (CAMEO 074), as GUIDELINES.md and the annotators code them. The word must be in what
    the trigger sends or how: "the Ecowas peacekeepers are being deployed" and "put the peacekeepers on alert" stay
    mobilizations. Peacekeepers withdrawn ("withdrew peacekeepers from Rwanda") end a mission and yield to no one
    (the annotators give all eight such withdrawals no target)."""
    if event.event_type not in ("MOBILIZE", "RETREAT"):
        return False
    senders = ("nsubj", "nsubjpass") if event.event_type == "MOBILIZE" else ("nsubj",)
    subjects = {t.i for c in token.children if c.dep_ in senders for t in c.subtree}
    if not any(t.lemma_.lower() in deeds.peacekeeping for t in token.subtree if t.i not in subjects):
        return False
    if event.event_type == "RETREAT":
        event.target = None
        event.id = event.make_id()
        return True
    _retype(event, "AID", "074")
    return True


def _departed(token: Token, event: Event, deeds: Deeds) -> bool:
    """"Kilroy-Silk has quit the UK Independence Party", "Qatar left OPEC", "withdrew from the Organization of
    American States": leaving a party or an international body breaks with it (PLOVER SANCTION, CAMEO 160 reduce
    relations), as the annotated news codes it; leaving an office, a place or a war stays a RETREAT."""
    target = event.target
    if event.event_type != "RETREAT" or token.lemma_.lower() not in deeds.departures or target is None \
            or not ((target.code or "").startswith(BODIES) or target.sector in PARTY_SECTORS):
        return False
    left = token.doc.char_span(*target.span, alignment_mode="expand")
    if left is None or not _left(left.root, token):
        return False
    _retype(event, "SANCTION", "160")
    return True


def _left(what: Token, verb: Token) -> bool:
    """Whether `what` is what `verb` leaves: its object, or the object of its "from"."""
    if what.head == verb:
        return what.dep_ in OBJECT_DEPS
    return what.dep_ == "pobj" and what.head.lower_ == "from" and what.head.head == verb


def _quarrel(token: Token, event: Event, deeds: Deeds) -> bool:
    """"The top judge has clashed with ministers", "Labour and the Tories have clashed over tax": a fight
    that a speaker picks with anyone unarmed is fought in words, ACCUSE (each way when the coder found
    both, as GUIDELINES.md codes a clash). A speaker's fight with no one ("does not have to fight every
    seat", "will fight the election") is no attack either; the classifier reads it, and drops it unless sure."""
    if event.event_type != "ASSAULT" or token.lemma_.lower() not in deeds.quarrels or token.dep_ == "compound" \
            or not _speaks(event.source) or _armed(event.source) or _armed(event.target):
        return False
    if event.target is None or not event.target.code:
        _untype(event)
    else:
        _retype(event, "ACCUSE", "111")
    return True


def _recast_words(event: Event, words: str | None) -> bool:
    """"Labour MPs have warned against disunity" is an appeal, REQUEST (CAMEO 020); "Mr Brown warned that the
    Tories were planning cuts" blames them, ACCUSE (111); "he claimed the Tories would cut £35bn" is an
    allegation, ACCUSE (112), whatever the deeds claimed (`threats.reading`)."""
    if words not in WORDS_READ:
        return False
    _retype(event, *WORDS_READ[words])
    return True


def _names(token: Token, deeds: Deeds) -> bool:
    """"Tony Blair called him a giant of the Labour movement", "Chirac called the rebate unjustified": a verb
    with an object complement names or judges its object; no call is made."""
    return token.lemma_.lower() in deeds.namings and any(c.dep_ == "oprd" and c.pos_ != "PROPN" for c in token.children)


def _untype(event: Event) -> None:
    """What the trigger's type said is wrong, and the words name no other: the typing step's classifier reads
    the sentence (praise is SUPPORT, a slight ACCUSE), and drops the event unless it is sure."""
    event.event_type, event.cameo, event.mode, event.goldstein, event.quad_class = UNTYPED, "", None, None, None
    event.context = []
    event.id = event.make_id()


def _speaks(actor: Actor | None) -> bool:
    """A government, parliament, court or party, or a named person: their attacks on an actor are words
    ("Tony Blair attacked the government over Iraq"), unless they are armed."""
    return actor is not None and (actor.sector in SPEAKING_SECTORS or (actor.entity or "").startswith("person:"))


def _armed(actor: Actor | None) -> bool:
    """A military, police, rebel or militant source, or an armed group of the IGO/IMG tables."""
    if actor is None:
        return False
    return (actor.code or "").startswith("IMG") or actor.sector in ARMED_SECTORS


def _end(token: Token) -> int:
    return token.right_edge.idx + len(token.right_edge.text)


def _retype(event: Event, event_type: str, cameo: str) -> None:
    code = reftables.cameo(cameo)
    event.event_type, event.cameo, event.mode = event_type, cameo, code.mode if code else None
    event.goldstein = code.goldstein if code else None
    event.quad_class = code.quad_class if code else reftables.quad_class(event_type)
    event.context = list(code.context) if code else []
    event.reading = "fixed"
    event.id = event.make_id()

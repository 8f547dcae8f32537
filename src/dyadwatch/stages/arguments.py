"""Arguments: who does a trigger's act and to whom, read from the dependency parse.

The event coder (`dyadwatch.stages.events`) finds triggers; this stage reads each one's source and target tokens:
subjects and objects, passive agents and undergoers, control chains ("decided to close"), the clause of a
request or an accusation ("demanded that the government resign", "called for Israel to withdraw"), the
arguments of an event noun ("the French withdrawal", "talks with X"), and the state an agentless arrest or
sentence implies. Which actor mention a token stands for is `dyadwatch.stages.roles`' business.
"""

from __future__ import annotations

from spacy.tokens import Token

from dyadwatch import names, reftables
from dyadwatch.model import ActorMention
from dyadwatch.stages import attributes, deeds_table, nlp, places
from dyadwatch.stages.actor_phrases import PEOPLE
from dyadwatch.stages.coref import PLURAL_TAGS
from dyadwatch.stages.nlp import first_conjunct, for_to_clause, refused_ending, stranded_preposition
from dyadwatch.stages.places import beyond_border
from dyadwatch.stages.roles import (
    CIRCUMSTANCE_PREPS,
    CRITICISMS,
    INTERNATIONAL_CODES,
    LOCATIVE_PREPS,
    OBJECTS,
    PASSIVE_SUBJECTS,
    PHRASE,
    SUBJECTS,
    MentionIndex,
    Role,
    circumstantial,
    clause_verb,
    home_state,
    located,
    subject_read_as_object,
    victim_of,
    violent_noun,
    with_coordinated_names,
)

TARGET_PREPS = {"with", "against", "on", "to", "from", "at", "toward", "towards", "into", "upon", "over", "for",
                "around", "outside"}
# Prepositions of a fixed word that name the event's target: "claimed responsibility for the attack",
# "held talks with", "expressed condolences to", "voiced concern about", "imposed sanctions on".
FIXED_WORD_PREPS = {"for", "against", "with", "to", "about", "over", "on"}
THING_PREPS = {"to", "for", "against", "on"}
# Target prepositions that name where an act on an actor happens (`arguments`).
SITE_PREPS = frozenset({"outside", "around"})
# Nouns of time that fill a preposition without being a target: "signed on Monday".
TIME_NOUNS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december", "jan.", "feb.", "aug.", "sept.", "oct.", "nov.", "dec.", "monday", "tuesday",
              "wednesday", "thursday", "friday", "saturday", "sunday", "day", "week", "month", "year", "weekend",
              "morning", "evening", "night", "afternoon", "today", "yesterday", "time", "eve", "hour", "date"}
# Verbs whose object is what is talked about, not who takes part: "discussed Libya with Trump" is Trump's.
TOPIC_VERBS = {"discuss", "debate", "negotiate"}
# Verbs whose subject undergoes the event noun they take: "the group faced allegations", "Labour has attracted
# criticism", "the plan drew condemnation from Seoul", "helping North Korea evade sanctions", "refugees fleeing
# violence".
UNDERGOING_VERBS = {"face", "receive", "suffer", "undergo", "endure", "get", "survive", "escape", "deny", "attract",
                    "draw", "incur", "earn", "evade", "circumvent", "dodge", "skirt", "flee"}
# Verbs whose subject acts against the event noun they take, not in it: "sought to stop fresh demonstrations".
COUNTERING_VERBS = frozenset({"stop", "prevent", "disperse", "halt", "quell", "suppress", "crush", "ban", "outlaw",
                              "block", "avert", "thwart", "foil", "deter", "curb", "contain", "forbid", "prohibit",
                              "break", "end"})
# CAMEO 082, easing dissent (a strike or a protest called off), and who it is settled with (`_settled_with`).
EASED_DISSENT = "082"
SETTLING_SECTORS = frozenset({"GOV", "BUS"})
# Verbs by which protesters carry on or end their own protest ("called off the strike", "continued the
# boycott"): the protest is theirs, as it is when they refuse to end it (`nlp.refused_ending`).
OWN_PROTEST_VERBS = frozenset({"call off", "suspend", "continue", "resume", "extend", "prolong", "intensify",
                               "escalate"})
# Joint actions: "Chile and Peru signed a pact" codes Chile→Peru and Peru→Chile; other co-actors never
# act on each other ("Britain and France condemned the attack").
JOINT_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "ASSAULT"})
# Types whose "on", "over" or "about" names a topic, not a partner (`topic`).
TOPICAL_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})
TOPIC_PREPS = frozenset({"on", "over", "about"})
# Those that name why an act aimed at someone is done ("sanctions on Russia over Ukraine").
REASON_PREPS = frozenset({"over", "about"})
# Types whose actor object is their target, leaving what they are over or about a topic (`topic`).
AIMING_TYPES = CRITICISMS | {"ASSAULT"}
# Mediation (CAMEO 045) is between others: the parties are its targets, and co-mediators do not act on
# each other.
MEDIATION = "045"
# Material types whose noun's "from" names the giver, as every verbal type's does ("aid from Japan"); a
# withdrawal's or an expulsion's "from" is what is left.
GIVEN_FROM = frozenset({"AID"})
# Verbs of giving whose direct object is the thing given once a receiver is named ("offered to US attack
# helicopters", "sent troops to Mali"); with none, the object may be the receiver ("supplied Ukraine").
GIVING_VERBS = frozenset({"give", "offer", "send", "provide", "supply", "deliver", "donate", "hand", "sell", "lend",
                          "grant", "transfer", "pledge", "ship", "dispatch"})
# Verbs that give back: a thing returned names its receiver ("returned a portrait of a young girl to its owner"),
# people returned are acted on themselves ("return asylum seeker children to Albania").
RETURNING_VERBS = frozenset({"return"})
# Writings that speak for whoever issues them: "issued a statement calling on the Council", "penned an open letter
# calling for reforms" are requests of the issuer, not of the paper (`verb_subjects`).
DOCUMENTS = frozenset({"statement", "letter", "resolution", "communique", "communiqué", "declaration", "report",
                       "petition", "motion", "appeal", "message", "memo", "memorandum", "note", "op-ed", "editorial"})
# Prepositions of what a document is about (`document_topic`).
DOCUMENT_TOPICS = frozenset({"on", "about", "regarding", "concerning"})
# Verbs by which a writing is issued, whose subject speaks through it (not "rejected a motion calling for …").
ISSUING_VERBS = frozenset({"issue", "release", "publish", "sign", "write", "pen", "send", "adopt", "pass", "put",
                           "deliver", "present", "table", "submit", "file", "circulate", "post", "draft"})
# Verbs by which an attack is made, whose subject does what the attack does: "launched strikes that killed four
# Palestinians" (`verb_subjects`).
LAUNCHING_VERBS = frozenset({"launch", "carry", "conduct", "stage", "mount", "unleash"})
# Verbs that address their "to" object: a participle the parser hangs on the addressee is the addresser's ("has
# written to Tony Blair demanding an explanation").
ADDRESSING_VERBS = frozenset({"write", "speak", "talk", "turn", "appeal", "complain", "reply", "respond"})
ATTACK_TYPES = frozenset({"ASSAULT", "COERCE"})
# Prepositions under which a writing is the means of its issuer's act: "said in a statement urging calm".
MEANS_PREPS = frozenset({"in", "through", "via"})
# Types of words rather than deeds, which a speaker goes on to say (`_reporter_goes_on`).
WORDS = frozenset({"REQUEST", "ACCUSE", "REJECT", "THREATEN", "SUPPORT", "AGREE"})
# Prepositions of a passive's adjunct whose object the parser may give the passive's agent ("released without
# charge by UK police", `passive_agents`).
ADJUNCT_PREPS = frozenset({"without", "after", "on", "in", "for", "with"})
# Types whose target a that-clause's subject names: who is asked to act, who is accused of acting.
CLAUSE_TARGETS = frozenset({"REQUEST", "ACCUSE"})
# Types aimed at whom their condition names; so is any refusal ("will not withdraw until …").
CONDITIONED = frozenset({"REJECT", "THREATEN"})
# Types whose act aims at whom its purpose clause's verb takes as object ("sanctions to punish Russia").
RESTRICTING = frozenset({"punish", "pressure", "prevent", "stop", "deter", "penalize", "penalise",
                         "isolate", "squeeze", "weaken"})
PURPOSED = {"SANCTION": RESTRICTING, "COERCE": RESTRICTING,
            "AID": frozenset({"help", "support", "assist", "aid", "feed"}),
            "PROTEST": frozenset({"protest", "denounce", "oppose", "condemn", "demonstrate"})}
# Prepositions of a time or a circumstance: what they name is not acted on ("declined to resign after allegations").
TIME_PREPS = CIRCUMSTANCE_PREPS | {"after", "before", "following"}
# How a purpose clause hangs on the act it is the purpose of ("a hunger strike to protest X").
PURPOSE_CLAUSES = frozenset({"advcl", "xcomp", "acl", "relcl"})
# Modes that send people away, whose "to" is where they are sent, not whom the act is done to: "deported 20
# migrants to Albania" (the annotators' deportations, training/annotation), "sentenced 25 journalists to prison".
SENDING_AWAY = frozenset({"deport", "convict"})
# Prepositions whose gerund the matrix verb's object performs: "accused Russia of attacking", "stopped them from".
DOER_PREPS = frozenset({"of", "for", "from", "against", "with"})
# Modes of an act with no one acted on, whose noun's "of" names who does it ("the resignation of David Blunkett").
SELF_MODES = frozenset({"resign"})
# Verbs of arriving whose adjunct visit is made where the traveller arrives (`_noun_roles`).
ARRIVING_VERBS = frozenset({"arrive", "travel", "fly", "come", "go", "head", "land"})
# Matrix verbs whose object, not subject, performs the complement: "ordered the ambassadors to leave".
OBJECT_CONTROL = {"order", "instruct", "ask", "urge", "force", "tell", "compel", "invite", "call", "persuade",
                  "allow", "permit", "encourage", "request", "require", "direct", "command", "press"}
# Who arrests, sentences, charges, deports or releases when a passive names no one (`implied_source`),
# by the act's CAMEO code (a charge, 1121, but not any accusation): the sectors the annotators gave such implied
# sources (training/annotation).
IMPLIED_SECTORS = {"173": "COP", "116": "JUD", "1121": "JUD", "174": "GOV", "0841": "GOV"}
# Sectors of a state's own bodies, which no implied state body arrests or sentences.
STATE_BODIES = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})


def is_verb(token: Token) -> bool:
    """A verb, or a word the tagger took for a noun although it governs an object ("the army overthrew X")."""
    return token.pos_ == "VERB" or (token.pos_ == "NOUN" and token.lower_ in nlp.verb_forms()
                                    and any(c.dep_ == "dobj" for c in token.children))


def arguments(token: Token, trigger: reftables.Trigger, index: MentionIndex) -> tuple[list[Role], list[Role]]:
    """The stage's entry point: the source and the target roles of the trigger at `token` (one per actor, a
    coordination giving several), read from a verb's clause or an event noun's phrase."""
    if not is_verb(token):
        return _noun_roles(token, trigger, index)
    passive = is_passive(token)
    # A subject the parser attached oddly ("USAID" as an adverb) is still the actor left of the verb.
    subjects = with_coordinated_names(verb_subjects(token)) or [c for c in token.lefts if index.actor_token(c)
                                                            and c.dep_ not in {"prep", "punct"}]
    if passive and token.dep_ == "acl" and token.tag_ == "VBN" and not subjects:
        subjects = [token.head]  # "a lawyer jailed for subversion": the noun a passive participle modifies
    agents = passive_agents(token)
    fixed = set(trigger.others)
    # A fixed word is no target ("held talks"), unless it is an actor itself ("summoned the ambassador"); bare, it
    # is part of the idiom ("joined forces").
    objects = [c for c in token.children if c.dep_ in OBJECTS and (not fixed & {c.lemma_.lower(), c.lower_}
                                                                   or (index.actor_token(c) and any(c.children)))]
    if token.lemma_.lower() in TOPIC_VERBS:
        # "discussed the idea with Mr McCain": the parser may hang the partner on the topic.
        objects = [p for c in objects for p in _prep_objects(c, {"with"})]
    # "claimed responsibility for the attack": the fixed word's own preposition names the target.
    # "took to the streets of Nairobi": a fixed word the entry's own preposition takes is the idiom's, not its target.
    preps = [p for p in _prep_objects(token) if not idiom_prep_object(p, token, trigger)] \
        + [p for c in token.children if fixed & {c.lemma_.lower(), c.lower_}
           for p in _prep_objects(c, FIXED_WORD_PREPS)]
    if trigger.event_type != "PROTEST" and any(index.resolve(c) for c in objects):
        # "detained demonstrators outside Netanyahu's residence": with an actor acted on, where it happens; a protest
        # outside an embassy, or a blockade around it, is aimed at the embassy's state.
        preps = [p for p in preps if p.head.lower_ not in SITE_PREPS]
    preps = [p for p in preps if not beyond_border(p)]
    if fixed and trigger.event_type == "ASSAULT":
        # "claimed responsibility for the attack on the police station", "… for the bombings that killed 300
        # people": whom the claimed act was done to is the claim's target.
        preps += [v for act in preps for v in _victims(act)]
    if trigger.event_type == "CONSULT" and (objects or any(not located(p) for p in preps)):
        # "met Putin at the Kremlin": where, not with whom ("held talks at the White House" is with its host).
        preps = [p for p in preps if not located(p)]
    # "provided their donations to Palestinians": a thing given or sent names its receiver.
    # Not the victim of a violent act that is criticized or investigated ("condemned the attacks on civilians"),
    # nor the topic of a criticized thing whose author is named ("criticised the government's record on the NHS").
    # A mediation's parties are between whom the thing mediated is ("mediated talks between Hamas and Israel").
    thing_preps = THING_PREPS | {"between"} if trigger.cameo == MEDIATION else THING_PREPS
    # So does the noun a measure of it is "in" or "of" ("pledged 1 billion euros in aid to Ukraine").
    things = [t for c in objects if not index.actor_token(c)
              for t in (c, *(o for o in _prep_objects(c, {"in", "of"}) if not index.actor_token(o)))]
    # A document's "on" is what it is about: "vetoed a UN resolution on Syria" aims at no Syria.
    preps += [p for c in things for p in _prep_objects(c, thing_preps) if not document_topic(p)
              and (trigger.event_type not in CRITICISMS or not (victim_of(c, p.head) or owned_topic(p, index)))]
    preps = [p for p in preps if not lodged_with(p, trigger, index)]
    if not passive and objects and not any(index.actor_token(c) for c in objects):
        # "attacked the decision by Britain's highest court": the parser hangs the thing's author on the verb.
        preps += [p for p in _prep_objects(token, {"by"}) if p.i > objects[0].i]
    if not objects and not preps:
        # "threatened to retaliate against X": the complement's objects are the matrix verb's targets.
        for complement in (c for c in token.children if c.dep_ == "xcomp"):
            objects += [c for c in complement.children if c.dep_ in OBJECTS]
            preps += _prep_objects(complement)
    if not objects and not preps and trigger.event_type in CLAUSE_TARGETS:
        # "demanded that the government resign", "alleged that Syria harboured rebels": the clause's subject;
        # "asked whether ministers had looked" is a question, and names no one asked.
        # "called for Israel to withdraw": the subject of a for-to clause is asked. A passive clause's "by" names
        # who is accused or asked ("alleged that civilians were killed by the army").
        clauses = [c for c in token.children if (c.dep_ == "ccomp" and not any(
            m.dep_ == "mark" and m.lower_ != "that" for m in c.children)) or for_to_clause(c)]
        objects = [a for c in clauses if is_passive(c) for a in passive_agents(c)][:1] \
            or [s for c in clauses for s in c.children if s.dep_ in SUBJECTS | PASSIVE_SUBJECTS][:1]
    if not objects and not preps:
        # "agreed to allow access of aid workers": the first object anywhere in the to-clause. A that-clause's
        # objects are what is said, not whom the saying aims at ("denied the party tried to hide the premier").
        # "declined to resign after allegations by several women": a time or circumstance names no one acted on.
        objects = [t for c in token.children if c.dep_ == "xcomp" for t in c.subtree
                   if t.dep_ in OBJECTS | {"pobj"} and not circumstantial(t, c, TIME_PREPS)][:1]
    if not any(index.actor_token(t) for t in objects + preps) and (
            trigger.event_type in CONDITIONED or any(c.dep_ == "neg" for c in token.children)):
        # "will not lift the embargo until Cuba undertakes reforms", "threatened that if Israel did not give …":
        # a refusal or a threat is aimed at whom its condition names.
        objects = [c for c in _condition_subjects(token) if not _speakers_state(c, subjects, index)] or objects
    objects = [c for c in objects if not given(token, c, index)]
    if trigger.event_type not in TOPICAL_TYPES and any(
            p.head.lower_ not in REASON_PREPS and index.actor_token(p) for p in preps):
        # "imposed new sanctions on Russia over Ukraine": with an actor aimed at, what the act is over is why.
        preps = [p for p in preps if p.head.lower_ not in REASON_PREPS]
    if objects:
        # "deported 20 migrants to Albania": where the people acted on are sent is not acted on.
        preps = [p for p in preps if not sent_to(p, token, trigger)]
    aiming = trigger.event_type in AIMING_TYPES and any(index.actor_token(c) for c in objects)
    preps = [p for p in preps if not given(token, p, index) and not topic(p, trigger, token if aiming else None)]
    if trigger.event_type in PURPOSED and not any(index.actor_token(t) for t in objects + preps):
        # "imposed sanctions to punish Russia", "provided aid to support Syrian refugees": whom the act is
        # meant to punish, stop or help.
        objects = _purposed((token,), PURPOSED[trigger.event_type]) or objects
    if trigger.cameo == EASED_DISSENT and not any(index.actor_token(t) for t in objects + preps):
        # "called off a four-day strike just hours after reaching agreement with the Brazilian government"
        objects = _settled_with(token, index) or objects
    if passive:
        source_tokens, target_tokens = agents, subjects + preps
    else:
        source_tokens, target_tokens = subjects, objects + preps
    return index.roles(source_tokens), index.roles(target_tokens, avoid=source_tokens, phrases=True,
                                                    topics=TOPIC_PREPS if trigger.event_type in TOPICAL_TYPES
                                                    else frozenset())


def document_topic(token: Token) -> bool:
    """Whether `token` is what a document is about ("a UN resolution on Syria", "a report about Iran")."""
    prep = token.head
    return token.dep_ == "pobj" and prep.lower_ in DOCUMENT_TOPICS and prep.head.lemma_.lower() in DOCUMENTS


def sent_to(token: Token, trigger_token: Token, trigger: reftables.Trigger) -> bool:
    """Whether `token` is where people are sent by an act that sends them away (`SENDING_AWAY`): "deported 20
    migrants to Albania" is done to the migrants, not to Albania."""
    return trigger.mode in SENDING_AWAY and any(
        a.dep_ == "prep" and a.lower_ == "to" and a.head == trigger_token for a in (token, *token.ancestors))


def a_people(mention: ActorMention, index: MentionIndex) -> bool:
    """Whether a mention names people of a state ("urged Americans in Bosnian Serb territory to leave", "its
    citizens in Libya"): they are the target, not the place they are in."""
    root = index.root(mention)
    return mention.sector in PEOPLE or (mention.sector is None and root is not None and root.tag_ in PLURAL_TAGS)


def owned_topic(token: Token, index: MentionIndex) -> bool:
    """Whether `token` is what a thing with a named author is on or about: "the government's record on the NHS"
    is the government's, and criticism of it is not aimed at the NHS."""
    if token.dep_ != "pobj" or token.head.dep_ != "prep":
        return False
    thing = token.head.head
    return not index.actor_token(thing) and any(c.dep_ == "poss" and index.actor_token(c) for c in thing.children)


def idiom_word(root: Token, trigger: Token, reading: reftables.Trigger) -> bool:
    """Whether `root` is a fixed word of the trigger's entry, bare, as its object: part of the idiom ("are joining
    forces"), as `arguments` reads it; "summoned the ambassador" names an actor. So is what the "of" of a fixed
    word the trigger's preposition takes names: "took to the streets of Nairobi" says where."""
    if root.head.lower_ == "of" and root.head.head.dep_ == "pobj":
        return idiom_prep_object(root.head.head, trigger, reading)
    return root.head == trigger and root.dep_ in OBJECTS and not any(root.children) \
        and bool(set(reading.others) & {root.lemma_.lower(), root.lower_})


def idiom_prep_object(word: Token, trigger: Token, reading: reftables.Trigger) -> bool:
    """Whether `word` is a fixed word of the trigger's entry that the entry's own preposition takes ("the streets" of
    "took to the streets")."""
    fixed = set(reading.others)
    return word.head.head == trigger and word.head.lower_ in fixed and bool(fixed & {word.lemma_.lower(), word.lower_})


def given(verb: Token, token: Token, index: MentionIndex) -> bool:
    """Whether `token` is what a verb of giving gives, not whom: its direct object once a receiver is named
    ("offered to US attack helicopters"), or its "with" object ("supplied Syria with fighter jets"). A thing
    given back, and whoever it shows, is given once it has a receiver ("returned a portrait of a young girl to its
    owner"); people returned are acted on ("returned the children to Albania")."""
    lemma = verb.lemma_.lower()
    if lemma not in GIVING_VERBS | RETURNING_VERBS:
        return False
    token = first_conjunct(token)
    if lemma in RETURNING_VERBS:
        things = [o for o in verb.children if o.dep_ in OBJECTS and not index.actor_token(o)]
        return bool(_prep_objects(verb, {"to"})) and any(
            thing.left_edge.i <= token.i <= thing.right_edge.i for thing in things)
    if token.dep_ == "pobj" and token.head.lower_ == "with" and token.head.head == verb:
        return True
    return token.dep_ in OBJECTS and token.head == verb \
        and any(index.actor_token(p) for p in _prep_objects(verb, {"to"}))


def _noun_roles(token: Token, trigger: reftables.Trigger, index: MentionIndex) -> tuple[list[Role], list[Role]]:
    modifiers = [c for c in token.children if c.dep_ in {"poss", "amod", "compound", "nmod"}]
    source_tokens = [m for m in modifiers if index.actor_token(m)]
    if trigger.mode in SELF_MODES and not source_tokens and (doers := _prep_objects(token, {"of"})):
        # "prompted the resignation of BBC chairman Gavyn Davies": who resigns, not who prompted it.
        return index.roles(doers), []
    if trigger.mode == "visit" and token.dep_ == "pobj" and token.head.head.lemma_.lower() in ARRIVING_VERBS \
            and (travellers := verb_subjects(token.head.head)):
        # "arrived in Damascus for a two-day visit", "flew to Beijing on a state visit": the traveller visits the
        # place arrived at.
        return index.roles(travellers), index.roles(_prep_objects(token.head.head, {"in", "to", "at"}),
                                                    avoid=travellers, phrases=True)
    # "the expulsion of a Russian diplomat by Sofia": the parser may hang the agent on the "of" object.
    preps = _prep_objects(token, {"by"}) or [p for o in _prep_objects(token, {"of"}) for p in _prep_objects(o, {"by"})]
    givers = _prep_objects(token, {"from"}) if trigger.event_type in GIVEN_FROM \
        or reftables.quad_class(trigger.event_type) in (1, 3) else []
    if givers and not source_tokens:
        # "approved a request from HHS", "conceded to demands from residents": "from" names who asks or gives,
        # and whoever takes up the words or the gift is the one they were for.
        verb = token.head if token.dep_ in OBJECTS else clause_verb(token)
        takers = verb_subjects(verb) if verb is not None and verb.lemma_.lower() not in COUNTERING_VERBS else []
        targets = takers or [t for t in _prep_objects(token) if t not in givers]
        return index.roles(givers), index.roles(targets, avoid=givers, phrases=True)
    between = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "between"
               for g in c.children if g.dep_ == "pobj"]
    target_tokens = [t for t in _prep_objects(token) if not topic(t, trigger) and not beyond_border(t)] + between
    if not source_tokens and trigger.event_type in JOINT_TYPES:
        if between and (between[0].conjuncts or index.several(between[0])) and trigger.cameo != MEDIATION:
            # "the summit between the EU and Turkey", "clashes between police and protesters", "clashes between
            # Indian and Pakistani troops" are theirs, as "the EU and Turkey held a summit" is.
            source_tokens, target_tokens = between[:1], [t for t in target_tokens if t not in between]
        elif (trigger.event_type == "CONSULT" or token.lemma_.lower() in deeds_table.table().fights) \
                and (clause := clause_verb(token)) is not None and (
                any(index.actor_token(p) for p in _prep_objects(token, {"with"}))
                or _joint(with_coordinated_names(verb_subjects(clause)), index)):
            # "issued an ultimatum after weeks of talks with a U.S. envoy", "Mitsubishi is in talks with PSA",
            # "two soldiers were killed in clashes with Taliban fighters": who talks or fights with the partner is
            # the subject of the clause the talks or the clashes are an adjunct of; so are
            # the clause's joint subjects with each other ("after negotiations, Pakistan and the IMF reached …").
            source_tokens = with_coordinated_names(verb_subjects(clause))
    verb = token.head
    if not source_tokens and undergone(token):
        # "Serbia faced accusations from Kosovo", "faced a call by Lord Mackay": the subject undergoes; "from"
        # or "by" names who acts.
        givers = preps + _prep_objects(token, {"from"}) + _prep_objects(verb, {"from", "by"})
        return index.roles(givers), index.roles(verb_subjects(verb))
    if not source_tokens and preps:
        source_tokens = preps
    if not source_tokens and token.dep_ in OBJECTS and verb.pos_ in {"VERB", "AUX"} \
            and verb.lemma_.lower() not in deeds_table.table().witnessings \
            and (verb.lemma_.lower() not in COUNTERING_VERBS or own_protest(token, trigger)):
        source_tokens = verb_subjects(verb)
        target_tokens += [c for c in _prep_objects(verb) if c not in target_tokens]
    if not source_tokens and token.dep_ == "nsubjpass" and verb.lemma_.lower() in LAUNCHING_VERBS:
        # "a crackdown on truants has been launched by the education secretary": who launches it carries it out.
        source_tokens = passive_agents(verb)
    if not source_tokens and token.dep_ in {"nsubj", "nsubjpass"}:
        source_tokens = [c for c in token.children if c.dep_ == "poss"]
    if not source_tokens and on_protest(token, trigger):
        # "workers have been on strike since Monday": who is on strike carries it on.
        source_tokens = [c for c in token.head.head.children if c.dep_ in SUBJECTS]
    # "approved the extradition of X", "attended a meeting of ASEAN": the noun's "of" names who undergoes it.
    target_tokens += [c for c in _prep_objects(token, {"of"}) if c not in target_tokens]
    if trigger.event_type in PURPOSED and not target_tokens:
        target_tokens = _purposed((token, token.head), PURPOSED[trigger.event_type])
    if trigger.event_type in CLAUSE_TARGETS and not target_tokens:
        # "Turkish allegations that Syria is harboring rebels": who the that-clause says acts is accused.
        target_tokens = [s for c in token.children if c.dep_ in {"acl", "ccomp"}
                         and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                         for s in c.children if s.dep_ in SUBJECTS | PASSIVE_SUBJECTS][:1]
    target_tokens = [t for t in target_tokens if not lodged_with(t, trigger, index)]
    return index.roles(source_tokens), index.roles(target_tokens, avoid=source_tokens, phrases=True)


def undergone(noun: Token) -> bool:
    """Whether the noun is the object of a verb whose subject undergoes it (`UNDERGOING_VERBS`: "faced accusations",
    "civilians fled the fighting")."""
    return noun.dep_ in OBJECTS and noun.head.lemma_.lower() in UNDERGOING_VERBS


def lodged_with(token: Token, trigger: reftables.Trigger, index: MentionIndex) -> bool:
    """Whether the token is whom a complaint or protest is lodged with, beside an actor it is against: "filed a
    complaint with the U.N. Human Rights Council against the Lebanese state" accuses the state, and the council
    hears it ("lodged a protest with Beijing", with no one else, is aimed at Beijing)."""
    if trigger.event_type not in CRITICISMS or token.dep_ != "pobj" or token.head.lower_ != "with":
        return False
    holder = token.head.head
    return any(g.dep_ == "pobj" and index.actor_token(g)
               for h in (holder, *(c for c in holder.children if c.dep_ in OBJECTS))
               for c in h.children if c.dep_ == "prep" and c.lower_ == "against" for g in c.children)


def topic(token: Token, trigger: reftables.Trigger, aimed_by: Token | None = None) -> bool:
    """"Held talks on Syria", "agreed on a ceasefire", "cooperate on North Korea": what an agreement, a meeting or
    cooperation is "on", "over" or "about" is its topic, not its partner (a sanction or an attack "on" someone aims
    at them, and condolences "over" a death go to the bereaved). So is what the verb `aimed_by`, a criticism or an
    attack with an actor as its object, is over or about ("criticised China over Taiwan", "attacked the
    government over Iraq")."""
    if token.dep_ != "pobj" or token.head.lower_ not in TOPIC_PREPS:
        return False
    return trigger.event_type in TOPICAL_TYPES or (aimed_by is not None and token.head.head == aimed_by)


def _joint(subjects: list[Token], index: MentionIndex) -> bool:
    """Whether a clause's subjects are two actors or more ("Pakistan and the IMF")."""
    actors = [t for s in subjects for t in (s, *s.conjuncts) if index.actor_token(t)]
    return len(set(actors)) > 1


def own_protest(token: Token, trigger: reftables.Trigger) -> bool:
    """Whether a protest noun is the object of a verb by which its subject carries it on or ends it: "the
    workers called off the strike", "teachers will not end the strike" (GUIDELINES.md codes the strike)."""
    if trigger.event_type != "PROTEST" or token.dep_ not in OBJECTS:
        return False
    verb = token.head
    lemma = verb.lemma_.lower()
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    return (f"{lemma} {particle}" if particle else lemma) in OWN_PROTEST_VERBS or refused_ending(verb)


def on_protest(token: Token, trigger: reftables.Trigger) -> bool:
    """Whether a protest noun is what its clause's subject is "on": "workers are on strike", "he has been on hunger
    strike for a month" (the verb entries "go on strike", "remain on strike" take the other verbs)."""
    return trigger.event_type == "PROTEST" and token.dep_ == "pobj" and token.head.lower_ == "on" \
        and token.head.head.lemma_.lower() == "be"


def _settled_with(token: Token, index: MentionIndex) -> list[Token]:
    """Whom a strike or a protest called off was settled with: the government or the firm in what came before
    ("after reaching agreement with the government", "after President Cardoso threatened to call in troops")."""
    after = [c for c in token.children if (c.dep_ == "prep" and c.lower_ == "after")
             or (c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "after" for m in c.children))]
    return [t for c in after for t in c.subtree
            if (m := index.actor_token(t)) is not None and m.sector in SETTLING_SECTORS][:1]


def _purposed(holders: tuple[Token, ...], verbs: frozenset[str]) -> list[Token]:
    """Whom a purpose clause of one of `verbs`, on one of the `holders`, aims at: "started a hunger strike to
    protest authorities' failure", "went on strike to protest against the government", "imposed sanctions
    to punish Russia"."""
    for holder in holders:
        for clause in holder.children:
            if clause.dep_ in PURPOSE_CLAUSES and clause.lemma_.lower() in verbs \
                    and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
                return [c for c in clause.children if c.dep_ in OBJECTS] + _prep_objects(clause, {"against", "at"})
    return []


def is_passive(token: Token) -> bool:
    """Passive, with a participle modifier ("soldiers killed in") and a headline's bare participle
    ("Policeman shot dead") counted as passive."""
    children = {c.dep_: c for c in token.children}
    if children.keys() & (PASSIVE_SUBJECTS | {"auxpass", "agent"}):
        return True
    headline = token.dep_ == "ROOT" and not children.keys() & {"aux", "auxpass"} \
        and not _determined(children.get("nsubj"))
    # A participle with a direct object is active, whatever its tag ("minister voiced concern"); so is a sentence's
    # verb with its full stop, which a headline lacks ("Lord Greaves called on Tuesday for observers.").
    if token.tag_ == "VBN" and (token.dep_ == "acl" or (headline and not _stopped(token))) \
            and not children.keys() & OBJECTS:
        return True
    complement = children.get("oprd")
    return headline and complement is not None and complement.lower_ == "dead" and not children.keys() & OBJECTS


def _stopped(token: Token) -> bool:
    """Whether the sentence of `token` ends with a full stop (before any closing quote), as body text does."""
    last = next((t for t in reversed(token.sent) if not t.is_quote and not t.is_space), None)
    return last is not None and last.text in (".", "!", "?")


def _determined(subject: Token | None) -> bool:
    """"A spokesman for UKIP called on Mr Hockney": headlines drop articles, so a subject with one heads a
    sentence whose bare participle is a past tense the tagger misread."""
    return subject is not None and any(c.dep_ == "det" and c.lower_ in ("a", "an", "the") for c in subject.children)


def _stranded(token: Token) -> bool:
    """"Rebels loyal to former vice president Riek Machar attacked a town": the object of a preposition the parser
    left without one, read as a second subject of the verb."""
    before = token.left_edge.i - 1
    return before >= 0 and stranded_preposition(token.doc[before])


def verb_subjects(verb: Token) -> list[Token]:
    """The subject of a verb (or of a copula: "Mitsubishi is in talks with PSA"), climbing control and
    coordination when it has none of its own."""
    if verb.pos_ == "AUX" and (own := [c for c in verb.children if c.dep_ in SUBJECTS]):
        return own
    if verb.pos_ != "VERB":
        return [c for c in verb.lefts if c.dep_ in {"amod", "compound", "nmod", "poss"}]
    for _ in range(6):
        own = [c for c in verb.children if c.dep_ in SUBJECTS | PASSIVE_SUBJECTS]
        own = [c for c in own if not _stranded(c)] or own
        if own and verb.dep_ == "relcl" and own[0].tag_ in {"WDT", "WP"}:
            return _launcher(verb.head) or [verb.head]
        if own:
            return own
        if verb.dep_ == "acl" and verb.tag_ != "VBN" and (issuer := _issuer(verb.head) or _addresser(verb)) is not None:
            verb = issuer
            continue
        if verb.dep_ == "acl" and verb.tag_ != "VBN":
            return [verb.head]
        if verb.dep_ == "relcl":
            return _launcher(verb.head) or [verb.head]
        head = verb.head
        if verb.dep_ == "xcomp":
            controller = [c for c in head.children if c.dep_ in OBJECTS]
            if head.lemma_.lower() in OBJECT_CONTROL and controller:
                return controller
            verb = head
        elif verb.dep_ == "conj" and _reporter_goes_on(verb):
            verb = head.head
        elif verb.dep_ == "conj" and (misread := [c for o in head.children if o.dep_ in OBJECTS for c in o.conjuncts
                                                  if subject_read_as_object(c) is verb]):
            return misread
        elif verb.dep_ == "conj":
            verb = head.head if head.dep_ == "xcomp" and head.tag_ != verb.tag_ else head
        elif verb.dep_ == "pcomp" and head.lower_ in DOER_PREPS and (doer := _prep_object_doer(head)):
            return doer
        elif verb.dep_ == "advcl" and (reported := _reported_before(verb)) is not None:
            verb = reported
        elif verb.dep_ in {"acomp", "advcl", "pcomp", "ccomp"} and verb.head.i != verb.i:
            verb = head.head if verb.dep_ == "pcomp" else head
        else:
            return []
    return []


def _speakers_state(token: Token, subjects: list[Token], index: MentionIndex) -> bool:
    """Whether `token` names the subjects' own state bare (`roles.home_state`): "warned that unless the nation sees
    rises in productivity …" warns of a risk at home, aimed at no one."""
    named = index.resolve(token)
    return named is not None and any((m := index.resolve(s)) is not None and home_state(named, m) for s in subjects)


def _condition_subjects(verb: Token) -> list[Token]:
    """The subjects of the conditions on `verb` or on what it says ("warned that unless ministers backed down,
    the government would …")."""
    heads = [verb, *(c for c in verb.children if c.dep_ == "ccomp")]
    return [s for h in heads for c in h.children if c.dep_ == "advcl"
            and any(m.dep_ == "mark" and m.lower_ in nlp.CONDITIONS for m in c.children)
            for s in c.children if s.dep_ in SUBJECTS | PASSIVE_SUBJECTS][:1]


def _issuer(noun: Token) -> Token | None:
    """The verb whose subject issued the writing `noun` ("released a joint statement criticising …", "said in a
    letter urging …"); None if `noun` is no writing or no verb's subject issued it. A writing's possessor or
    "by" names its issuer, and the noun stays the subject (`verb_subjects` returns it, roles read its phrase)."""
    if noun.lemma_.lower() not in DOCUMENTS or any(c.dep_ == "poss" or c.lower_ == "by" for c in noun.children):
        return None
    if noun.dep_ in OBJECTS and noun.head.pos_ == "VERB":
        return noun.head if noun.head.lemma_.lower() in ISSUING_VERBS else None
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ in MEANS_PREPS and prep.head.pos_ == "VERB":
        return prep.head
    return None


def _addresser(participle: Token) -> Token | None:
    """The verb that addresses the noun a participle hangs on ("written to Tony Blair demanding …"), if any."""
    noun, prep = participle.head, participle.head.head
    if participle.tag_ == "VBG" and noun.dep_ == "pobj" and prep.lower_ == "to" \
            and prep.head.lemma_.lower() in ADDRESSING_VERBS:
        return prep.head
    return None


def _launcher(noun: Token) -> list[Token]:
    """Who launched the attack `noun` names ("launched dozens of strikes that killed …", "carried out an attack
    that killed …"): what the attack does, they do. None when the attack names its own actor ("an attack by
    rebels", "Israeli strikes"): roles then read the actor from the attack's phrase."""
    held = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else noun
    attacks = [noun, *(o for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children
                       if o.dep_ == "pobj")]
    attack = next((a for a in attacks if _attack_noun(a)), None)
    if attack is None or held.dep_ not in OBJECTS or held.head.lemma_.lower() not in LAUNCHING_VERBS or any(
            c.dep_ == "poss" or c.lower_ == "by" or (c.dep_ in {"amod", "compound"} and c.text[:1].isupper())
            for c in attack.children):
        return []
    # Its own subject only: a launcher the parser left without one may have taken another clause's.
    return [c for c in held.head.children if c.dep_ in SUBJECTS]


def _attack_noun(token: Token) -> bool:
    """A noun the lexicon reads as material conflict, or "strike", which it reads as a labour strike."""
    lemma = token.lemma_.lower()
    entry = reftables.triggers().get((lemma, "NOUN"))
    return token.pos_ == "NOUN" and (lemma == "strike" or (entry is not None and entry.event_type in ATTACK_TYPES))


def _reported_before(participle: Token) -> Token | None:
    """"Taliban fighters overran a base, officials said, killing 17 soldiers": the parser hangs the participle on
    the speech that interrupts the report; a deed goes on with the report, whose clause comes first, while words
    go on with the speaker's ("…, he said, urging voters to hold him to account")."""
    speech = participle.head
    if participle.tag_ != "VBG" or speech.lemma_.lower() not in attributes.cue_words("speech") or _words(participle):
        return None
    return next((c for c in speech.children if c.dep_ == "ccomp" and c.i < speech.i), None)


def _reporter_goes_on(verb: Token) -> bool:
    """"X said the image was insensitive but urged people not to rush": the parser hangs a verb of words on the
    reported opinion it follows; in the speaker's tense, it goes on with the speaker's own words, not the clause's."""
    opinion, speech = verb.head, verb.head.head
    if opinion.dep_ != "ccomp" or opinion.pos_ != "AUX" or verb.tag_ != speech.tag_ or verb.i < opinion.i:
        return False
    return _words(verb) and speech.lemma_.lower() in attributes.cue_words("speech")


def _words(verb: Token) -> bool:
    """Whether `verb` says something: a verb of speech, or a trigger of words rather than deeds."""
    trigger = reftables.triggers().get((verb.lemma_.lower(), "VERB"))
    speaking = verb.lemma_.lower() in attributes.cue_words("speech")
    return speaking or (trigger is not None and trigger.event_type in WORDS)


def _prep_object_doer(prep: Token) -> list[Token]:
    """"Accused Russia of attacking Ukraine", "blamed the rebels for the attack", "stopped them from entering": the
    object of the verb the preposition hangs on (or the object it hangs on) does the act the gerund names."""
    holder = prep.head
    if holder.dep_ in OBJECTS and holder.pos_ in {"NOUN", "PROPN", "PRON"}:
        return [holder]
    return [c for c in holder.children if c.dep_ in OBJECTS and c.i < prep.i] if holder.pos_ == "VERB" else []


def passive_agents(verb: Token) -> list[Token]:
    """Passive agents ("by X"), on the verb itself or on its complement ("instructed to leave by X"); failing
    those, on the object of the passive's adjunct, where the parser may hang it ("released without charge by UK
    police")."""
    out: list[Token] = []
    for holder in [verb, *[c for c in verb.children if c.dep_ == "xcomp"]]:
        for child in holder.children:
            if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
                out += [g for g in child.children if g.dep_ == "pobj"]
    if not out and any(c.dep_ in PASSIVE_SUBJECTS for c in verb.children):
        out = [g for p in verb.children if p.dep_ == "prep" and p.lower_ in ADJUNCT_PREPS for o in p.children
               if o.dep_ == "pobj" for b in o.children if b.dep_ == "prep" and b.lower_ == "by"
               for g in b.children if g.dep_ == "pobj"]
    return out


def _victims(act: Token) -> list[Token]:
    """Whom an act of violence named by a noun was done to: its "on", "against" or "at" object ("the attack on
    the embassy"), else the object of the clause that tells what it did ("the bombings that killed 300 people")."""
    if not violent_noun(act):
        return []
    return [g for c in act.children if victim_of(act, c) for g in c.children if g.dep_ == "pobj"] or [
        o for c in act.children if c.dep_ == "relcl" for o in c.children if o.dep_ in OBJECTS]


def _prep_objects(token: Token, preps: set[str] = TARGET_PREPS) -> list[Token]:
    """Objects of the token's prepositions; the parser calls the "to" of a receiver a dative ("sent aid to X").
    A number is a date or an amount ("on 12", "for 10"), unless it counts members of a group ("the arrest of one
    of two men")."""
    return [g for c in token.children if c.dep_ in {"prep", "dative"} and c.lower_ in preps
            for g in _prep_nouns(c) if g.lower_ not in TIME_NOUNS
            and (not g.like_num or any(p.dep_ == "prep" and p.lower_ == "of" for p in g.children))]


def _prep_nouns(prep: Token) -> list[Token]:
    """A preposition's objects. In "held talks with visiting Vietnamese Prime Minister Pham Minh Chinh" the parser
    makes the guest the object of "visiting", which modifies the guest as an adjective would."""
    return [g for c in prep.children
            for g in ([c] if c.dep_ == "pobj" else [o for o in c.children if o.dep_ == "dobj"]
                      if c.dep_ == "pcomp" and c.lower_ == "visiting" else [])]


def _town_country(preps: list[Token], index: MentionIndex) -> str | None:
    """The one state of the towns and regions these prepositions name, which a town's mention does not carry
    ("in Johannesburg"); `places.country_of` leaves a name that big towns of several states share unsettled."""
    countries = {places.country_of(m.text) for p in preps for t in p.subtree
                 if (m := index.by_token.get(t.i)) is not None and m.kind == "location"}
    return countries.pop() if len(countries) == 1 else None


def implied_source(token: Token, trigger: reftables.Trigger, target: Role, index: MentionIndex) -> Role:
    """"Ingabire was arrested in Rwanda", "a lawyer jailed for subversion": an arrest, a sentence or a charge
    with no agent is the state's, by its police, courts or government (`IMPLIED_SECTORS`): of the state where
    it happens, else of the one other state the sentence names ("a court in Istanbul freed a German journalist
    who had been arrested"), else of the target's. No words of the sentence name that source: its text is
    empty and its span the empty one at the trigger (GUIDELINES.md gives an implied actor by its code)."""
    sector = IMPLIED_SECTORS.get(trigger.cameo)
    held = target.mention
    # "two ex-ministers who face charges of abuse": a charge faced, from no one named, is the state's too.
    faced = token.pos_ == "NOUN" and undergone(token) \
        and not _prep_objects(token, {"from", "by"}) and not _prep_objects(token.head, {"from", "by"})
    if sector is None or not (faced or is_passive(token)) or passive_agents(token) or held is None \
            or held.kind == PHRASE \
            or held.sector in STATE_BODIES or (held.code or "").startswith(INTERNATIONAL_CODES):
        return Role(None, False)
    where = [c for c in token.children if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS]
    place = index.other_country_in(where, None)
    others = {m.country for m in index.in_sentence(held.sentence_index)
              if m.country and m.country != held.country and (m.kind == "state" or m.sector in STATE_BODIES)}
    if place is not None:
        country = place.country
    elif town := _town_country(where, index):
        country = town  # "a woman was arrested in Johannesburg"
    elif len(others) == 1:
        country = others.pop()  # "a court in Istanbul freed a German journalist who had been arrested"
    elif not others:
        country = held.country
    else:
        return Role(None, False)
    if not country:
        return Role(None, False)
    implied = ActorMention(article_id=held.article_id, sentence_index=held.sentence_index, text="",
                           span=(token.idx, token.idx), code=country + sector, country=country, sector=sector,
                           name=names.country_names().get(country), entity=f"country:{country}", kind="implied")
    return Role(implied, False)

"""The noun-phrase evidence the actors stage reads besides its tables: the gazetteer matches in a
phrase, the proper-noun chain that names a person, a place named inside an agent phrase, states
coordinated before a head, and the tagger's habits that would otherwise mislead it (a hyphenated
surname, a patron's name fused to a modifier).

Functions of the parse alone, or of the parse and the sector table (what a name no table knows stands
for; the sector an agent phrase names is `agent_sectors`'s), kept apart from `actors.ActorResolver` so that
the resolver reads as the order of its decisions.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from dyadwatch.model import ActorMention
from dyadwatch.stages import deeds_table, places
from dyadwatch.stages.agent_sectors import Sectors
from dyadwatch.stages.coref import STATE_ANAPHORS, STATE_SECTORS, DocState, Found, salient
from dyadwatch.stages.gazetteer import Entry, norm, read_table
from dyadwatch.stages.nlp import hyphen_joined, stranded_preposition
from dyadwatch.stages.people import KIN, slug

# Sectors of people whose place, named whole before them, is their state ("a California man"; `place_country`).
PEOPLE = frozenset({"CVL", "REF"})
# The tagger's readings of a place name modifying a noun ("West Bengal" is often ADJ).
NAME_TAGS = frozenset({"PROPN", "ADJ", "NOUN"})
# Prepositions after which a member head names the body it acts for (`body_of`).
MEMBER_PREPS = frozenset({"of", "for", "at", "with", "from"})
# Sectors of bodies many states have under the same name (a "Labour" party, a "Senate").
NATIONAL_SECTORS = STATE_SECTORS | {"PTY", "OPP", "LAB"}
# Second halves of a hyphenated modifier that name a patron, not the actor: "Iran-backed militias" are
# the militias' own side, as the gold guidelines code them; "Saudi-led" still names the actor.
PATRON_WORDS = frozenset({"backed", "supported", "sponsored", "funded", "financed", "armed", "trained",
                          "allied", "aligned", "brokered"})


# The last words of unknown capitalized names (data/actors_name_words.tsv), read once: they mark a name as an
# organization, not a person, or as a text, an event or a prize, no actor ("the Kyoto Protocol"); some give the
# organization its sector ("the Soros Foundation" NGO).
_NAME_WORDS = read_table("actors_name_words.tsv")
ORG_WORDS = frozenset(row[0] for row in _NAME_WORDS if row[1] == "organization")
THING_WORDS = frozenset(row[0] for row in _NAME_WORDS if row[1] == "thing")
ORG_WORD_SECTORS = {row[0]: (row[2],) for row in _NAME_WORDS if len(row) > 2 and row[2]}


# First-person possessives: in quoted words, the speaker's own (`speaker_owned`).
FIRST_PERSON = frozenset({"our", "my"})


@dataclass(slots=True)
class Match:
    """A gazetteer phrase found in the doc (token offsets)."""

    start: int
    end: int
    entry: Entry


def copular_role(name: Token) -> Token | None:
    """The role a relative clause gives a name: "who is UKIP Scotland chairman" → chairman."""
    for clause in name.rights:
        if clause.dep_ == "relcl" and clause.lemma_ == "be" and any(
                c.dep_ == "nsubj" and c.lower_ == "who" for c in clause.children):
            return next((c for c in clause.children if c.dep_ == "attr" and c.pos_ in ("NOUN", "PROPN")), None)
    return None


def own_code(mention: ActorMention) -> str:
    """The code a mention's state and sector make, which an organization's member does not carry."""
    return f"{mention.country or ''}{mention.sector or ''}"


def leading_role(name: Token) -> Token | None:
    """The role a name is in apposition to: "the Scottish Green Party's health spokeswoman, Eleanor
    Scott" → spokeswoman. Not inside a list, which the parser hangs the same way ("three Foreign Office
    officials, a QC, Christopher Greenwood and ...")."""
    role = name.head
    if name.dep_ != "appos" or role.i > name.i or role.pos_ != "NOUN" \
            or any(c.dep_ == "conj" for t in (name, role) for c in t.children):
        return None
    return role


# Heads that name a body only when determined or modified ("the force", "a peacekeeping force", "US
# intelligence"); bare, they name a means or a kind of knowledge ("the use of force", "by force").
MASS_SENSES = frozenset({"force", "intelligence"})


def a_mass_noun(head: Token, norm_of_head: str) -> bool:
    """Whether the head is one of `MASS_SENSES`, singular and bare: no determiner, possessor, number or modifier."""
    return norm_of_head in MASS_SENSES and head.tag_ == "NN" and not any(
        c.dep_ in ("det", "poss", "nummod", "amod", "compound", "nmod") for c in head.children)


def a_count(number: Token) -> bool:
    """"the remaining 157", "another 200": a determined number with no noun, nor an "of" phrase naming
    what it counts ("157 of the troops" names them)."""
    children = list(number.children)
    return any(c.dep_ in ("det", "amod") for c in children) and not any(c.dep_ == "prep" for c in children)


def prep_objects(head: Token, word: str) -> list[Token]:
    """The objects of the head's preposition `word` ("the family of X", "loyal to X", "people in X")."""
    return [obj for prep in head.children if prep.dep_ == "prep" and prep.lower_ == word
            for obj in prep.children if obj.dep_ == "pobj"]


def of_a_thing(head: Token, matches: dict[int, Match]) -> bool:
    """Whether a head takes "of" and a common noun no table knows ("state of emergency"), not a name
    ("the State of Israel", "the state of Texas")."""
    return any(obj.pos_ == "NOUN" and obj.i not in matches for obj in prep_objects(head, "of"))


def leads_a_coordination(token: Token) -> bool:
    """Whether a modifier inside a noun phrase is the first of an "and" coordination the parser hung there:
    "Israeli" in "Israeli and Palestinian leaders", "Putin" in "Putin and German Chancellor Angela Merkel"."""
    return token.dep_ in ("amod", "nmod", "compound") and any(c.dep_ == "cc" and c.lower_ == "and"
                                                                for c in token.rights) \
        and any(c.dep_ == "conj" for c in token.rights)


def coordinated_name(head: Token, s_start: int, matches: dict[int, Match]) -> tuple[int, int, int] | None:
    """"Trump and Japanese Prime Minister Shinzo Abe", "Putin and German Chancellor Angela Merkel": the parser
    hangs a leading name and its "and" on the second person's title, as a coordinated modifier ("Israeli and
    Palestinian leaders"). A capitalized modifier the tables do not know as a state or body, coordinated by
    "and" inside the phrase, is a name of its own: its start and end, and where the phrase resumes after "and"."""
    for first in head.doc[max(head.left_edge.i, s_start):head.i]:
        if first.i in matches or not first.text[:1].isupper() or first.pos_ not in ("PROPN", "ADJ") \
                or not leads_a_coordination(first):
            continue
        cc = next(c for c in first.rights if c.dep_ == "cc" and c.lower_ == "and")
        start = first.left_edge.i
        words = first.doc[start:first.i + 1]
        if start < s_start or first.head.i > head.i or not all(t.text[:1].isupper() and t.i not in matches
                                                                for t in words):
            continue
        return start, first.i + 1, cc.i + 1
    return None


def coordinated_agent(head: Token, s_start: int, norms: list[str], matches: dict[int, Match],
                      sectors: Sectors) -> tuple[Token, int] | None:
    """"Colombia's government and ELN rebels", "Police and opposition supporters": the parser hangs a leading
    agent noun and its "and" on the second actor's head, as a coordinated modifier. Such a modifier, an agent
    noun of the sector table that no known name covers, heads a phrase of its own: it, and where the second
    phrase resumes after "and"."""
    for first in head.doc[max(head.left_edge.i, s_start):head.i]:
        if first.pos_ not in ("NOUN", "PROPN") or first.i in matches or first.head != head \
                or not sectors.get(norms[first.i]) or not leads_a_coordination(first):
            continue
        cc = next(c for c in first.rights if c.dep_ == "cc" and c.lower_ == "and")
        return first, cc.i + 1
    return None


def absorb(f: Found, entry: Entry, *, head_is_entry: bool) -> None:
    """Take country (and entity, if more specific) from a gazetteer phrase inside the NP."""
    if entry.kind in ("organization", "group"):
        named = f.country if f.kind == "state" else None
        f.entity, f.name, f.kind, f.code = entry.entity, entry.name, entry.kind, entry.code
        f.party = entry.entity if entry.entity.startswith("party:") else f.party
        f.country = entry.country or f.country
        if named and entry.country and named != entry.country and entry.sector in NATIONAL_SECTORS:
            # "Somalia's National Security Council", "the Nigeria Labour Congress": a national body
            # the dictionary knows for another state is this state's own.
            f.country, f.code, f.entity = named, f"{named}{(entry.code or '')[3:]}", None
        if entry.sector and entry.sector not in f.sectors:
            f.sectors = (*f.sectors, entry.sector) if not head_is_entry else (entry.sector, *f.sectors)
        return
    if f.kind in ("organization", "group") and f.entity:
        f.country = f.country or entry.country
        return
    if entry.country is None and not head_is_entry:
        if entry.form == "region" and f.entity is None:
            f.entity, f.name = entry.entity, entry.name  # "Latin American leaders": a region's, no one state's
        return
    if f.country and entry.country and f.country != entry.country and entry.sector in NATIONAL_SECTORS:
        # "Peru's Congress": a body the tables place in another state, named for this one.
        f.sectors = (entry.sector,)
        return
    f.country, f.entity, f.name = entry.country, entry.entity, entry.name
    f.kind = "state"
    if head_is_entry and entry.sector:
        f.sectors = (entry.sector,)
    if head_is_entry:
        f.kind = entry.kind


def state_before(doc: Doc, f: Found, matches: dict[int, Match]) -> None:
    """"Syrian regime air strikes": the parser hangs the state and the body on the thing they qualify, side by
    side; the state just before the body is the body's."""
    m = matches.get(f.start - 1)
    if f.country is None and m is not None and m.entry.kind == "state" and m.entry.country \
            and doc[m.end - 1].head.i == doc[f.head].head.i and doc[m.end - 1].dep_ in ("amod", "compound", "nmod"):
        absorb(f, m.entry, head_is_entry=False)
        f.start, f.needs_coref = m.start, False


def placed_at(kept: list[Found], tokens: list[int], other_than: Found, *, person: bool = False) -> Found | None:
    """The analysis, other than `other_than`, that covers one of `tokens` and has a state (a person, with
    `person`): the one a linked phrase takes its state from."""
    return next((g for i in tokens for g in kept if g is not other_than and g.start <= i < g.end and g.country
                 and (not person or g.kind == "person")), None)


def loyal_to(doc: Doc, kept: list[Found]) -> None:
    """"Forces loyal to Libyan commander Khalifa Hifter", "troops loyal to Laurent Gbagbo": a group of no stated
    state is of the state of the one it is loyal to, when the sentence names that one's state (also where the
    parser leaves "to" without its object and reads the name as a subject of the verb)."""
    starts = {g.start: g.head for g in kept}
    for f in kept:
        if f.country is not None or not f.sectors:
            continue
        loyal = [a for a in doc[f.head].children if a.dep_ == "amod" and a.lower_ == "loyal"]
        objects = [p.i for a in loyal for p in prep_objects(a, "to")] + [
            starts[to.i + 1] for a in loyal for to in a.children
            if to.lower_ == "to" and stranded_preposition(to) and to.i + 1 in starts]
        leader = placed_at(kept, objects, f)
        if leader is not None:
            f.country, f.needs_coref = leader.country, False


def kin_of(doc: Doc, kept: list[Found]) -> None:
    """"Condolences to the family of former U.S. President George Bush", "the son of former Prime Minister
    Vladimir Filat": a person's kin of no stated state are civilians of that person's state, not the person."""
    for f in kept:
        if f.country is not None or f.entity is not None or f.kind == "person" or doc[f.head].lemma_.lower() not in KIN:
            continue
        objects = [p.i for p in prep_objects(doc[f.head], "of")]
        person = placed_at(kept, objects, f, person=True)
        if person is not None:
            f.country, f.sectors, f.needs_coref = person.country, ("CVL",), False


def shared_state(doc: Doc, kept: list[Found]) -> None:
    """"Condolences to the people and Government of Cambodia", "support for the government and people of Saudi
    Arabia": two coordinated heads share the state after "of", wherever the parser hangs it."""
    by_head = {f.head: f for f in kept}
    for f in kept:
        if f.country is not None or f.entity is not None or f.kind == "person" or not f.sectors:
            continue
        head = doc[f.head]
        partners = [by_head.get(c.i) for c in head.conjuncts]
        owner = next((g for g in partners if g is not None and g.country and any(
            c.dep_ == "prep" and c.lower_ == "of" for t in (head, doc[g.head]) for c in t.children)), None)
        if owner is not None:
            f.country, f.needs_coref = owner.country, False


def speaker_owned(doc: Doc, kept: list[Found]) -> None:
    """""Our forces destroyed three Russian tanks," the Ukrainian military said": what a speaker calls "our" or "my"
    in the words they say is of the speaker's state, when the speaker's is known."""
    by_head = {f.head: f for f in kept}
    speech = deeds_table.table().speech
    for f in kept:
        if f.country is not None or f.entity is not None or not f.sectors \
                or not any(c.dep_ == "poss" and c.lower_ in FIRST_PERSON for c in doc[f.head].children):
            continue
        verb = next((a for a in doc[f.head].ancestors if a.lemma_.lower() in speech), None)
        subjects = [c.i for c in verb.children if c.dep_ == "nsubj"] if verb is not None else []
        speaker = next((by_head[i] for i in subjects if i in by_head and by_head[i].country), None)
        if speaker is not None:
            f.country, f.needs_coref = speaker.country, False


def in_states(doc: Doc, kept: list[Found], matches: dict[int, Match]) -> None:
    """"To help people in Somalia, Ethiopia and Kenya": people of no stated state in several coordinated states are
    one group in each, as "Israeli and Palestinian leaders" are (`coordinated_states`)."""
    for f in kept:
        if f.entity is not None or f.kind == "person" or not f.sectors or f.antecedents:
            continue
        states = states_after(doc[f.head], "in", matches)
        if len(set(states)) > 1 and f.country in (None, states[0]):
            f.antecedents = [(country, None) for country in dict.fromkeys(states)]


def named_in_apposition(doc: Doc, kept: list[Found]) -> None:
    """"The then president, Goodluck Jonathan," and "Goodluck Jonathan, the then president,": a role of no
    stated state in apposition with a person the tables place is that person, so of the person's state; the
    person, when the tables give no sector, takes the role's."""
    for role in kept:
        if role.country is not None or role.entity is not None or not role.sectors or role.kind == "person":
            continue
        head = doc[role.head]
        linked = [c.i for c in head.children if c.dep_ == "appos"] + ([head.head.i] if head.dep_ == "appos" else [])
        person = placed_at(kept, linked, role, person=True)
        if person is not None:
            role.country, role.needs_coref = person.country, False
            person.sectors = person.sectors or role.sectors


def named_body(doc: Doc, kept: list[Found]) -> list[Found]:
    """"The Islamist group al Shabaab", "the rebel group M23", "The militant group Hamas", "the Lebanese group
    Hezbollah": a description right before a body the tables know, of no state or of the body's, is that body, one
    actor (whether the parser hangs the name on the description or reads the two as two subjects of one verb)."""
    out: list[Found] = []
    for f in kept:
        if out and _describes(doc, out[-1], f):
            f.start = out[-1].start
            out[-1] = f
            continue
        out.append(f)
    return out


def _describes(doc: Doc, description: Found, body: Found) -> bool:
    said, named = doc[description.head], doc[body.head]
    if description.country not in (None, body.country) or said.pos_ != "NOUN" or description.kind == "person" \
            or description.entity not in (None, f"country:{description.country}") or body.entity is None \
            or body.kind not in ("group", "organization") or body.start != description.end:
        return False
    return (named.dep_ == "appos" and named.head.i == said.i) \
        or (named.dep_ == said.dep_ and named.head.i == said.head.i != said.i)


def coordinated_states(doc: Doc, start: int, head: int, matches: dict[int, Match]) -> list[tuple[str, None]]:
    """"Israeli and Palestinian leaders", "Pakistan and Afghanistan's intelligence services": states
    coordinated before a head noun each have one, so the phrase stands for one actor per state (as "the
    two countries" does); no coordination, none."""
    states = {m.start: m.entry.country for k, m in matches.items()
              if k == m.start and start <= k < head and m.entry.kind == "state" and m.entry.country}
    if any(doc[k].dep_ == "conj" and doc[k].head.i in states for k in states):
        return [(country, None) for country in dict.fromkeys(states[k] for k in sorted(states))]
    return states_after_of(doc[head], matches)


def coordinated_body(doc: Doc, start: int, head: int, matches: dict[int, Match]) -> Match | None:
    """The international body coordinated with a state before a head noun ("UK and EU negotiators", "Afghan and
    NATO troops"): each has its own actor, the state's in the head's sector and the body as such."""
    found = sorted((m for k, m in matches.items() if k == m.start and start <= k and m.end <= head),
                   key=lambda m: m.start)
    for first, second in pairwise(found):
        if second.start != first.end + 1 or doc[first.end].lower_ != "and":
            continue  # the parser often leaves the pair unlinked ("UK" a modifier with a "cc", "EU" a compound)
        pair = (first, second)
        if any(m.entry.kind == "state" and m.entry.country for m in pair):
            return next((m for m in pair if m.entry.kind == "organization" and (m.entry.code or "").startswith("IGO")),
                        None)
    return None


def states_after_of(head: Token, matches: dict[int, Match]) -> list[tuple[str, None]]:
    """"The leaders of France, Germany and Britain", "the foreign ministers of India and Pakistan": states
    coordinated after the head's "of" each have one, as states coordinated before it do."""
    countries = states_after(head, "of", matches)
    return [(country, None) for country in dict.fromkeys(countries)] if len(set(countries)) > 1 else []


def states_after(head: Token, word: str, matches: dict[int, Match]) -> list[str]:
    """The states named by the objects of the head's preposition `word` and the words coordinated with them, in
    order ("people in Somalia, Ethiopia and Kenya", "the leaders of France and Germany")."""
    return [m.entry.country for obj in prep_objects(head, word) for t in (obj, *obj.conjuncts)
            if (m := matches.get(t.i)) is not None and m.entry.kind == "state" and m.entry.country]


def salient_countries(state: DocState, before: int) -> Iterator[str]:
    """The sentence's own gazetteer countries (its phrases are analyzed before any is recorded), then
    the article's earlier ones by salience, then those it names later."""
    yield from state.sentence_countries
    yield from (country for country, _span in salient(state, before, state.sentence))
    yield from state.article_countries


def place_named(doc: Doc, sentence: Span, countries: tuple[str, ...], matches: dict[int, Match]) -> str | None:
    """The sentence's one state, when it is named as a place ("in Kenya"), not as an actor's."""
    if len(countries) == 1 and any(places.after_locative(doc[k]) for k in range(sentence.start, sentence.end)
                                   if k in matches and matches[k].entry.country == countries[0]):
        return countries[0]
    return None


def place_country(doc: Doc, f: Found, matches: dict[int, Match], *, abroad: bool = False,
                  name_start: int | None = None) -> str | None:
    """The state of a place the gazetteer of actors does not hold, named in an agent phrase with no state:
    as a modifier of an agent of the state ("the West Bengal government", "Delhi Police", a person's title:
    "Houston Mayor Sylvester Turner"; a club is named for its town: "the Bolton boss", whose state it is
    not), as the whole modifier of civilians ("a California man") or, for an agent not `abroad`, after "in" or
    "of" ("authorities in Wyoming", "people in Pakistan", "the premier of Canada's Alberta province", "opponents of
    the Maldives government", "victims of the Sabah earthquake"); `places.country_of` settles only unambiguous
    names. A person's own name, from `name_start` on, names no place ("Police spokesman Nigel Smith": Nigel is
    also a town in South Africa)."""
    names = [k for k in range(f.start, f.head if name_start is None else min(f.head, name_start))
             if doc[k].pos_ in NAME_TAGS and doc[k].text[:1].isupper()] if f.sectors else []
    if names and f.sectors[0] not in STATE_SECTORS \
            and (f.sectors[0] not in PEOPLE or not places.one_place(doc, names, matches)):
        names = []
    for k in names:
        m = matches.get(k)
        if m is not None and m.entry.kind == "location" and m.entry.country:
            return m.entry.country
    names = [k for k in names if k not in matches]
    for length in range(len(names), 0, -1):
        for first in range(len(names) - length + 1):
            run = names[first:first + length]
            if run[-1] - run[0] == length - 1:
                country = places.country_of(doc[run[0]:run[-1] + 1].text)
                if country:
                    return country
    if abroad:
        return None
    for prep in doc[f.head].rights:
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep.lower_ in ("in", "of") else None
        if obj is None:
            continue
        for token in (obj, *(c for c in obj.children if c.dep_ in ("poss", "compound", "amod"))):
            m = matches.get(token.i)
            if m is not None and m.entry.kind in ("state", "location") and m.entry.country:
                return m.entry.country
        if obj.pos_ == "PROPN" and obj.i not in matches:
            first, end = propn_chain(doc, obj)
            return places.country_of(doc[first:end].text)
        named = [c for c in obj.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i not in matches]
        if named:
            first, end = propn_chain(doc, named[-1])
            return places.country_of(doc[first:end].text)
    return None


def leading_place(doc: Doc, start: int, end: int) -> tuple[str, int] | None:
    """The state of the longest place name (up to three words) at `start`, and where it ends, when a title
    and a name could still follow it before `end`."""
    for last in range(min(start + 3, end - 2), start, -1):
        if doc[last - 1].pos_ == "PROPN" and (country := places.country_of(doc[start:last].text)):
            return country, last
    return None


def case_ok(doc: Doc, i: int, found: tuple[Entry, tuple[str, ...]]) -> bool:
    """Abbreviations match only in their own case ("US", not "us"); names need a capital."""
    entry, texts = found
    if entry.case_sensitive:
        return all(doc[i + k].text == t for k, t in enumerate(texts))
    return not entry.first_upper or doc[i].text[:1].isupper()


# Lower-case particles inside names ("Leila de Lima", "Maria da Silva", "Ursula von der Leyen").
NAME_PARTICLES = frozenset({"de", "da", "do", "dos", "das", "del", "della", "di", "du", "van", "von", "der", "la"})


def inside_longer_name(doc: Doc, i: int, key: tuple[str, ...], found: tuple[Entry, tuple[str, ...]],
                       sectors: dict[str, tuple[str, ...]]) -> bool:
    """"The Russian Security Council", "an emergency National Security Council meeting": an organization's
    alias that is also the generic name of a state body (an agent phrase: "security council") names the
    organization only on its own; after a capitalized word of the same name or a possessive it is some state's
    body, and so is a metonym that is a body's generic name ("the Pan Africanist Congress", "the country's
    Congress" are not the US Congress). A capital after a name's particle ends the name ("Senator Leila de Lima"),
    a name after an "of" name runs it on ("Nigeria's Department of State Services" is not the US State
    Department), and another "of" gives it an owner of its own ("the Ministry of Defence of Russia" is not
    Britain's)."""
    if i >= 2 and found[0].form == "capital" and doc[i - 1].lower_ in NAME_PARTICLES and doc[i - 2].text[:1].isupper():
        return True  # "Leila de Lima", "Carlos de Santiago": a capital's name as the end of a person's
    end = i + len(key)
    if found[0].kind != "state" and "of" in key[1:-1] and end < len(doc):
        if doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
            return True  # "the Department of State Services": an "of" name that runs on is another body's
        owner = end + 2 if end + 1 < len(doc) and doc[end + 1].lower_ == "the" else end + 1
        if doc[end].lower_ == "of" and owner < len(doc) and doc[owner].text[:1].isupper():
            return True  # "the Ministry of Defence of Russia": an "of" name with an owner of its own is the owner's
    generic = " ".join(key) in sectors and i > 0
    if not generic or not (found[0].kind == "organization" or found[0].form == "metonym"):
        return False
    before = doc[i - 1]
    return (before.pos_ in ("PROPN", "ADJ") and before.text[:1].isupper() and not before.is_sent_start) \
        or before.tag_ in ("POS", "PRP$")


def conjunct_country(doc: Doc, f: Found, state: DocState) -> str | None:
    """The country of an earlier conjunct: "former Afghan president Karzai and former vice president
    Qanooni" share Afghanistan, whatever state the article has made salient."""
    for conjunct in doc[f.head].conjuncts:
        if conjunct.i < f.start:
            mention = next((m for m in state.mentions if m.span[0] <= conjunct.idx < m.span[1]), None)
            if mention is not None and mention.country:
                return mention.country
    return None


def patron(doc: Doc, end: int) -> bool:
    """Whether the name ending before token `end` is a patron's: "Iran" in "Iran-backed militias"."""
    return end + 1 < len(doc) and doc[end].text == "-" and norm(doc[end + 1].text) in PATRON_WORDS


def propn_chain(doc: Doc, tok: Token) -> tuple[int, int]:
    """The run of proper nouns (and honorifics) ending at `tok`: the name part of a phrase. A hyphenated
    surname is one word ("Mr Kilroy-Silk" is not a Mr Silk; "Governor-General X" stays a title)."""
    start = tok.i
    while start > tok.left_edge.i:
        if start == tok.i and hyphen_joined(tok) and doc[start - 2].pos_ == "PROPN":
            start -= 2
        elif doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ in (
                "compound", "flat", "nmod") and doc[start - 1].head.i in range(start, tok.i + 1):
            start -= 1
        else:
            break
    return start, tok.i + 1


def unknown_name(f: Found, name_tokens: list[Token], norms: list[str], matches: dict[int, Match],
                 sectors: Sectors) -> Found | None:
    """A capitalized name we do not know: person or organization, never a guessed country (a place
    inside an organization's name is no guess: `place_country`). An organization named after an
    international body is part of it ("the UN Support Mission in Libya" is IGOUNO)."""
    last = norms[name_tokens[-1].i]
    if len(name_tokens) == 1 and (len(last) < 2 or not name_tokens[0].is_alpha):
        return None
    name = " ".join(t.text for t in name_tokens)
    if places.a_place_name(name, name_tokens, matches):
        # "blockades in Lahore, Rawalpindi and Multan", "a court in The Hague", "returned to Venafro,
        # Italy": a town the place tables know, or one its state follows, is a place, as a region is, not
        # an organization of that name.
        f.kind, f.klass, f.name, f.entity = "location", "location", name, f"place:{slug(name)}"
        return f
    # "the Earth Liberation Front": an agent phrase at the name's end gives its sector ("liberation front" REB).
    org_sectors = (len(name_tokens) > 2 and sectors.get(norm(" ".join(t.lemma_ for t in name_tokens[-2:])))) \
        or sectors.get(norm(name_tokens[-1].lemma_)) or ORG_WORD_SECTORS.get(last, ())
    if not org_sectors and last in ORG_WORDS:
        # "the Junior Doctors Association", "the Nurses Federation": a body named after its members' trade.
        org_sectors = next((sectors[member] for t in name_tokens[:-1] if t.lower_.endswith("s")
                            if (member := t.lower_[:-1]) in sectors), ())
    is_org = last in ORG_WORDS or len(name_tokens) == 1 or len(name_tokens) > 3 or org_sectors \
        or any(not t.is_title for t in name_tokens)
    f.kind = "organization" if is_org else "person"
    f.name = name
    f.entity = f"{'org' if is_org else 'person'}:{slug(name)}"
    f.sectors = org_sectors if is_org else ()
    f.klass = "org" if is_org else "person"
    body = matches.get(name_tokens[0].i)
    if is_org and body is not None and body.start == name_tokens[0].i and body.end < name_tokens[-1].i + 1 \
            and (body.entry.code or "").startswith("IGO"):
        f.code = body.entry.code
    return f


def a_member(head: Token, norm_of_head: str, members: frozenset[str]) -> bool:
    """Whether the head names a member of a body (`members`, by form or lemma: "officials", "a spokesman")."""
    return bool({norm(head.lemma_), norm_of_head} & members)


def body_of(prep: Token, head: str, matches: dict[int, Match], members: frozenset[str]) -> Match | None:
    """The organization or armed group a member head (`a_member`) acts for through its preposition: "officials
    of the UN", "a spokesman for Hamas"; not a victim's ("victims of Boko Haram")."""
    if prep.lower_ not in MEMBER_PREPS or not a_member(prep.head, head, members):
        return None
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    # "the leader of the UN agency", "inspectors for the United Nations nuclear monitoring agency": the name
    # modifying a body's noun.
    names = [] if obj is None else [obj, *(t for c in obj.children if c.dep_ in ("compound", "nmod")
                                           for t in c.subtree)]
    found = next((matches[t.i] for t in names if t.i in matches), None)
    return found if found is not None and found.entry.kind in ("organization", "group") else None


def state_of(prep: Token, norms: list[str], matches: dict[int, Match]) -> Token | None:
    """The state an "of" names: its object, or the object of a state noun's own "of" ("the nation of X") or of a
    department's name the parser hangs it on ("the Ministry of Health of Ethiopia")."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is not None and obj.i not in matches and (norms[obj.i] in STATE_ANAPHORS or obj.pos_ == "PROPN"):
        inner = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in inner.children if c.dep_ == "pobj"), None) if inner is not None else None
    return obj if obj is not None and obj.i in matches and matches[obj.i].entry.kind == "state" else None

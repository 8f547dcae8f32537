"""People in actor phrases: a name with its titles, read against the people tables.

The actors stage (`actors.ActorResolver`) hands each proper-noun chain here: titles and the states, parties and
bodies before a name give the role ("US President Donald Trump", "Tory spokesman Mark Field", "Unison general
secretary Dave Prentis"); the people tables give who a name is on the article's date ("Mr Blair" in 2005);
an apposition, a relative clause or an "of"/"from" phrase gives the role of a name no table knows ("Laura
Brownlees of Save the Children"). Later mentions by last name point back to the first full one.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from dyadwatch.stages import people
from dyadwatch.stages.actor_phrases import (
    ORG_WORDS,
    THING_WORDS,
    Match,
    absorb,
    copular_role,
    leading_place,
    leading_role,
    own_code,
    propn_chain,
    salient_countries,
    unknown_name,
)
from dyadwatch.stages.agent_sectors import hyphenated_office, is_title, no_name, office_after_portfolio, sector_of
from dyadwatch.stages.coref import STATE_SECTORS, DocState, Found
from dyadwatch.stages.gazetteer import Gazetteer, norm
from dyadwatch.stages.nlp import hyphen_joined
from dyadwatch.stages.people import Known, People, person_known, role_text, slug
from dyadwatch.stages.places import (
    COMPASS,
    a_place_name,
    a_place_with_article,
    after_locative,
    among_places,
    is_place,
)

NOUNS = frozenset({"NOUN", "PROPN"})
PARTY_SECTORS = frozenset({"PTY", "OPP"})
# Prepositions that give the body a person belongs to ("of Save the Children", "from Liberty").
AFFILIATION_PREPS = frozenset({"of", "from"})
# The actors stage's reading of the noun phrase a token heads (`ActorResolver._phrase`).
PhraseReader = Callable[[Doc, Token, int, list[str], dict[int, Match], DocState], Found | None]


class PersonReader:
    """Reads names into people; `phrase` reads a role or a body named next to a name as any actor phrase."""

    def __init__(self, gaz: Gazetteer, table: People, recorded: People | None, phrase: PhraseReader) -> None:
        self.gaz = gaz
        self.people = table
        self.recorded = recorded
        self.phrase = phrase

    def person(self, doc: Doc, f: Found, start: int, name_start: int, name_end: int,
               sectors: tuple[str, ...], norms: list[str], matches: dict[int, Match],
               state: DocState) -> Found | None:
        """A name with its titles: role from the title nouns, later mentions by last name."""
        sectors_of = self.gaz.sectors
        # Leading title and country words tagged PROPN ("President Mohamed Bazoum", "US Secretary",
        # "Prime Minister Shinzo Abe") belong to the role.
        party: tuple[str, ...] = ()
        office_body: str | None = None
        while name_start < name_end - 1:
            m = matches.get(name_start)
            if m is not None and given_name(doc, m, name_end, norms, matches, sectors_of):
                break
            if m is not None and m.entry.kind == "state" and m.start == name_start:
                absorb(f, m.entry, head_is_entry=False)
                name_start = m.end
            elif m is not None and m.start == name_start and m.entry.kind == "organization" and m.entry.code \
                    and all(norms[k] in ORG_WORDS for k in range(m.end, name_end)):
                absorb(f, m.entry, head_is_entry=True)  # "BBC Radio", "BBC News": the body's own service
                return f
            elif m is not None and m.start == name_start and m.entry.country and m.end < name_end and (
                    m.entry.sector in PARTY_SECTORS or m.entry.kind in ("organization", "group", "location")):
                # "Tory Dominic Grieve", "US President Donald Trump", "White House spokesman X": the party
                # or the body before a name places its member; a place ("London businessman X") only its state.
                sector = m.entry.sector if m.entry.kind != "location" else None
                f.country, party = f.country or m.entry.country, (sector,) if sector else ()
                f.party = m.entry.entity if sector in PARTY_SECTORS else f.party  # in government or not: `_emit`
                name_start = m.end
            elif m is not None and m.start == name_start and m.end < name_end - 1 and f.country is None \
                    and (m.entry.code or "").startswith("IGO") and (is_title(doc, norms, sectors_of, m.end)
                                                                   or is_title(doc, norms, sectors_of, m.end - 1)):
                # "NATO Secretary General Jens Stoltenberg", "UN Secretary General Antonio Guterres" (the
                # body's office is an entry of its own): an international body's official is the body.
                f.code, office_body, name_start = m.entry.code, m.entry.code, m.end
            elif (place := leading_place(doc, name_start, name_end)) and is_title(doc, norms, sectors_of, place[1]):
                # "Texas Governor Greg Abbott", "Uttar Pradesh Chief Minister X": a place before a title.
                f.country, name_start = f.country or place[0], place[1]
            elif norms[name_start] in people.HONORIFICS or is_title(doc, norms, sectors_of, name_start):
                name_start += 1
            elif name_start + 3 < name_end and hyphenated_office(doc, norms, name_start + 2, sectors_of):
                name_start += 3  # "Vice-President Kalonzo Musyoka", "Attorney-General Lord Goldsmith"
            elif m is None and norms[name_start] in people.CALENDAR and norms[name_start + 1] in people.HONORIFICS:
                # "On Wednesday Mr Blair denied …": the parser hangs the day on the name; it is no part of it.
                start = f.start = max(start, name_start + 1)
                name_start += 1
            elif m is None and (office := office_after_portfolio(doc, norms, sectors_of, name_start, name_end)):
                # "Environment Secretary Margaret Beckett", "International Development Secretary Hilary
                # Benn": a portfolio before an office is part of the role.
                name_start = office + 1
            else:
                break
        if office_body is None:
            # "European Council president Donald Tusk", "European Parliament's lead Brexit negotiator Guy
            # Verhofstadt": the body and a title in lower case before the name, no other actor between them.
            office_body = next((m.entry.code for k in range(start, name_start) if (m := matches.get(k)) is not None
                                and m.start == k and m.end < name_start and (m.entry.code or "").startswith("IGO")
                                and not any(j in matches for j in range(m.end, name_start))
                                and any(is_title(doc, norms, sectors_of, j) for j in range(m.end, name_start))), None)
        name_tokens = list(doc[name_start:name_end])
        honorific = any(norms[k] in people.HONORIFICS for k in range(start, name_end))
        # A month or weekday is a date ("Friday March"), but after a first name or an honorific a surname
        # ("Theresa May", "Mrs May").
        last = name_tokens[-1] if name_tokens else None
        if last is None or (norms[name_tokens[0].i] in people.CALENDAR and not honorific) \
                or not (last.text[:1].isupper() or (hyphen_joined(last) and doc[last.i - 2].text[:1].isupper())):
            return None
        if len(name_tokens) == 1 and no_name(doc, norms, sectors_of, start, name_tokens[0].i,
                                             placed=f.code is not None or honorific):
            # "the US Secretary of State", "the Russian Security Council": a title with no name is an agent
            # phrase, not a person.
            f.sectors = sector_of(doc, norms, start, name_tokens[0].i, matches, self.gaz, borrow=True)[1] or \
                sectors_of.get(norm(name_tokens[0].lemma_), ())
            f.klass = f.head_key = norms[name_tokens[0].i]
            f.needs_coref = f.country is None and f.entity is None
            return f
        if norms[name_tokens[-1].i] in THING_WORDS and not honorific:
            return None  # "the Kyoto Protocol, Downing Street has indicated": a text, however its role reads
        name = " ".join(doc[name_start:name_end].text.split())  # "Ban Ki-moon" as written
        # A noun fused to a modifier by a hyphen is no title ("immigrant-friendly California").
        titles = [doc[k] for k in range(start, name_start)
                  if k not in matches and doc[k].pos_ in NOUNS and norms[k] not in people.HONORIFICS
                  and not (doc[k + 1].text == "-" and not doc[k].whitespace_
                           and not hyphenated_office(doc, norms, k + 2, sectors_of))]
        if sectors == () and titles:
            sectors = sector_of(doc, norms, titles[0].i, titles[-1].i, matches, self.gaz, borrow=True)[1]
        title_sectors = sectors if titles else ()
        if not title_sectors:
            for t in titles:
                title_sectors = sectors_of.get(norm(t.lemma_), ())
                if title_sectors:
                    break
        # "Unison general secretary Dave Prentis", "Gazprom chief executive Alexei Miller": whatever the title, a
        # union's, a firm's or a charity's officer is theirs; a party's or a state body's title may name an office.
        title_sectors = party if party and party[0] not in PARTY_SECTORS | STATE_SECTORS else title_sectors or party
        # "Factory Workers Union secretary general Billy Macaefa": an unknown body's name, its last word a union's, a
        # firm's or a charity's, before a title in lower case, places its officer as a known one does.
        body = next((own[:1] for t in titles if t.text[:1].isupper() and (own := sectors_of.get(norm(t.lemma_)))
                     and own[0] not in STATE_SECTORS | PARTY_SECTORS
                     and any(u.i > t.i and u.text.islower() for u in titles)), ())
        title_sectors = body or title_sectors
        if titles and not title_sectors:
            # "White House adviser X", "Downing Street aide Y": a seat of government before a title no table knows
            # is the body the officer serves.
            title_sectors = next(((m.entry.sector,) for k in range(start, name_start) if (m := matches.get(k))
                                  and m.start == k and m.entry.form == "metonym" and m.entry.sector), ())
        last = norms[name_tokens[-1].i]
        previous = state.persons.get(last)
        # "Planning Minister Julio De Vido … Mr De Vido": a surname of several words names the coded person named
        # in full before.
        same = previous is not None and (len(name_tokens) == 1 or previous.name == name
                                         or (previous.code is not None and (previous.name or "").endswith(" " + name)))
        former = any(norms[k] in people.FORMER for k in range(start, name_start))
        styles = [norms[k] for k in range(start, name_start) if norms[k] in people.PEERAGE]
        if len(name_tokens) == 1 and not titles and not honorific and (
                among_places(name_tokens[0]) or (after_locative(name_tokens[0]) and is_place(name))):
            # "visits Manchester, Liverpool and Leeds", "police in Lagos": the city, not Dominica's President
            # Liverpool nor Chile's Ricardo Lagos.
            return unknown_name(f, name_tokens, norms, matches, sectors_of)
        if titles and not honorific and all(norms[t.i] in COMPASS for t in titles) \
                and a_place_name(name, name_tokens, matches):
            # "parts of west Darfur that prevented access": a place, whatever follows it.
            return unknown_name(f, name_tokens, norms, matches, sectors_of)
        if len(name_tokens) == 1 and any(norms[t.i] in people.KIN for t in titles):
            # "His wife Sharon, who called the police": a relative's first name, not Ariel Sharon.
            return unknown_name(f, name_tokens, norms, matches, sectors_of)
        # "in The Hague" is the city, not William Hague. A bare surname left unsettled before ("Mr Brown", when no
        # state had been named) is looked up again: the states named since may settle it. A full name no table
        # knows ("Alastair Campbell") is someone else than the table's holder of the surname.
        if not a_place_with_article(doc, name_start, name) and (
                previous is None or not same
                or not (previous.country or previous.code or " " in (previous.name or ""))):
            peer = next((people.PEERAGE[style] for style in styles if style in people.PEER_STYLES), None)
            # "Lord Osborne" (a judge) is not George Osborne: a peer's style names only a peer the table knows as one.
            known = self.known(name, state, doc[start].idx, titled=honorific, peer=peer is not None)
            # "Liberal Democrat peer Lord Greaves" is not the table's Saint Lucian Greaves: a bare surname
            # is weaker evidence than a state or party of another country named before it, or than a peer's
            # style ("Lord Ashcroft" is no US attorney general).
            placed = f.country or peer
            if known is not None and not (len(name_tokens) == 1 and placed and known.country
                                          and known.country != placed):
                found = person_known(f, known, name, titles, title_sectors, former)
                if not titles and not found.sectors and found.code is None:
                    self._known_role(doc, found, norms, matches, state)
                if office_body and not former and found.code != office_body:
                    # "European Council President Donald Tusk": the office the text gives, at an international
                    # body, beats the table's role for a date it may not cover, or for no date (his latest role
                    # is Poland's).
                    found.code, found.country, found.sectors = office_body, None, ()
                return found
        # "The Tokyo Stock Exchange": a place before a name ending in an organization's word places no person.
        if not titles and previous is None and (f.country is None or norms[name_tokens[-1].i] in ORG_WORDS):
            role = self._appositive_role(doc, f, name, norms, matches, state)
            if role is not None or not honorific:
                return role or unknown_name(f, name_tokens, norms, matches, sectors_of)
        f.kind, f.name, f.entity, f.name_from = "person", name, f"person:{slug(name)}", name_start
        if previous is not None and same:
            f.name, f.entity = previous.name, previous.entity
            f.country = f.country or previous.country
            # An organization's member keeps its code ("Yukos's chief executive, Mikhail Khodorkovsky").
            f.code = previous.code if previous.country is None or previous.code != own_code(previous) else None
            f.sectors = title_sectors or ((previous.sector,) if previous.sector else ())
            f.role = previous.role if not titles else None
            f.coref_of = previous.span
        else:
            f.sectors = title_sectors
        if titles:
            f.role = role_text(titles, former)
            f.needs_salience = f.country is None and bool(title_sectors) and title_sectors[0] in STATE_SECTORS
        if f.country is None and f.code is None:
            # "Lord Dubs", "Sir Alan Budd": a peer's or a knight's style is British (counted on the annotation).
            f.country = next((people.PEERAGE[style] for style in styles), None)
        f.klass = "person"
        return f

    def _appositive_role(self, doc: Doc, f: Found, name: str, norms: list[str], matches: dict[int, Match],
                         state: DocState) -> Found | None:
        """A name the tables do not know, with its role in apposition or after "who is": "Thomas Shannon,
        U.S. undersecretary of state," and "Peter Nielson, who is UKIP Scotland chairman," are the role's
        state and sector; "Mr Baker, the Liberal Democrat spokesman," is his party's, and so is "the Lib Dem
        spokesman, Mr Baker,". Only a role with a state and an agent sector counts."""
        role, found = self._role(doc, f, norms, matches, state)
        if found is None:
            return _national(f, name, role, matches, norms, self.gaz)
        f.kind = f.klass = "person"
        f.name, f.entity = name, f"person:{slug(name)}"
        f.country, f.sectors, f.role = found.country, found.sectors, doc[found.start:found.end].text
        f.code = found.code if _body_role(found) or found.kind == "organization" else None
        f.party = found.party
        return f

    def _known_role(self, doc: Doc, f: Found, norms: list[str], matches: dict[int, Match], state: DocState) -> None:
        """A known person out of any role the table dates, whose role in apposition is of their own state: "Morgan
        Tsvangirai, the leader of Zimbabwe's opposition Movement for Democratic Change," in 2005 is his party's
        (ZWEPTY), not Zimbabwe's alone."""
        _, role = self._role(doc, f, norms, matches, state)
        if role is not None and role.country == f.country and role.sectors:
            f.sectors, f.role = role.sectors, doc[role.start:role.end].text
            f.code = role.code if _body_role(role) else None

    def _role(self, doc: Doc, f: Found, norms: list[str], matches: dict[int, Match],
              state: DocState) -> tuple[Token | None, Found | None]:
        """The role noun in apposition to a name (or after "who is") and what it tells: a stated role or one in a
        known body. The body a person, or their role, is of or from ("Laura Brownlees of Save the Children") beats
        a role read without it ("Victoire Ingabire, leader of the FDU-Inkingi party": the party's, not a leader's
        GOV)."""
        token = doc[f.head]
        role = next((c for c in token.rights if c.dep_ == "appos" and c.pos_ in ("NOUN", "PROPN")), None) \
            or copular_role(token) or leading_role(token)
        body = self._affiliation(doc, role if role is not None else token, f.end, norms, matches, state)
        found = self.phrase(doc, role, role.left_edge.i, norms, matches, state) if role is not None else None
        if found is None or not (_stated_role(found) or _body_role(found)) \
                or (body is not None and found.end < body.end):
            return role, body
        return role, found

    def _affiliation(self, doc: Doc, holder: Token, name_end: int, norms: list[str], matches: dict[int, Match],
                     state: DocState) -> Found | None:
        """The known body after "of" or "from" on a name or its role ("Mike Hobday, from the League Against
        Cruel Sports"): an organization with a code, not a place ("Mr Afzal, from Birmingham"). The parser
        often hangs a comma-bracketed "from" on the verb, so the one right after the name counts too, unless the
        name is that verb's object."""
        after = name_end + (name_end < len(doc) and doc[name_end].text == ",")
        # Not a "from" of the verb whose object the name is ("retook Harardhere from al-Shabaab": the town is taken).
        verb = doc[after].head if after < len(doc) else holder
        taken = after == name_end and verb.pos_ == "VERB" and any(
            c.dep_ == "dobj" and holder in c.subtree for c in verb.children)
        preps = [*holder.rights, *([] if taken else doc[after:after + 1])]
        for prep in preps:
            if prep.dep_ != "prep" or prep.lower_ not in AFFILIATION_PREPS:
                continue
            # "head of the charity Age Concern": the body may be in apposition to its kind.
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            for body in objects + [a for c in objects for a in c.children if a.dep_ == "appos"]:
                found = self.phrase(doc, body, body.left_edge.i, norms, matches, state)
                # "Sajid Mir, of the Lashkar-e-Taiba group"; "head of Venezuela's National Assembly".
                if found is not None and (_stated_role(found) or (found.code and (
                        found.kind == "organization" or (found.kind == "group" and found.entity)))):
                    return found
        return None

    def known(self, name: str, state: DocState, before: int, titled: bool = False, peer: bool = False) -> Known | None:
        """A name's reading on the article's date: first among the people the store has recorded (when
        it was given one), then in the people table; settled by the article's countries (ranked by
        salience only when the name needs settling: most names have one holder)."""
        found = None
        if self.recorded is not None:
            found = self.recorded.lookup(name, day=state.day, countries=salient_countries(state, before),
                                         titled=titled, peer=peer)
        return found or self.people.lookup(name, day=state.day, countries=salient_countries(state, before),
                                           titled=titled, peer=peer)

    def modifier_person(self, doc: Doc, start: int, h: int, norms: list[str], matches: dict[int, Match],
                        state: DocState) -> str | None:
        """The country of a person named as a modifier or possessor: "the Trudeau government" → CAN,
        "Prime Minister Nikol Pashinian's government" → ARM (the name without its titles)."""
        names = [k for k in range(start, h) if doc[k].pos_ == "PROPN" and k not in matches
                 and doc[k].dep_ in ("compound", "nmod", "amod", "poss")]
        return self._named_country(doc, names, norms, state, doc[start].idx) if names else None

    def ruler_of(self, doc: Doc, head: Token, norms: list[str], matches: dict[int, Match],
                 state: DocState) -> str | None:
        """The country of the person a government is "of": "the government of Prime Minister Hassan Diab" → LBN,
        as "Hassan Diab's government" is (`modifier_person`)."""
        for prep in (c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"):
            for obj in (c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "PROPN" and c.i not in matches):
                first, _ = propn_chain(doc, obj)
                names = [k for k in range(first, obj.i + 1) if doc[k].pos_ == "PROPN" and k not in matches]
                return self._named_country(doc, names, norms, state, doc[first].idx)
        return None

    def _named_country(self, doc: Doc, names: list[int], norms: list[str], state: DocState, before: int) -> str | None:
        """The country of the person `names` (token indices) name, titles and honorifics off its front; `before`
        is where the article's salience is read (`known`)."""
        sectors = self.gaz.sectors
        previous = state.persons.get(norms[names[-1]])
        if previous is not None:
            return previous.country
        for first in range(len(names)):
            if first and not (norms[names[first - 1]] in people.HONORIFICS
                              or is_title(doc, norms, sectors, names[first - 1])):
                break  # only titles and honorifics come off the front of a name
            known = self.known(" ".join(doc[k].text for k in names[first:]), state, before, titled=first > 0)
            if known is not None:
                return known.country
        return None


def _national(f: Found, name: str, role: Token | None, matches: dict[int, Match], norms: list[str],
              gaz: Gazetteer) -> Found | None:
    """"Adam Rippon, an American figure skater,": a role the tables do not hold, with a state before it, makes
    the person a civilian of that state (GUIDELINES.md codes people of no agent sector as CVL). A role that
    names a body, whose office it is ("the German co-head of EADS", "UKIP Scotland chairman"), or one of the
    gazetteer's member heads (an official, a leader), tells no sector; a place ("Haifa, Israel's third largest
    city,") or a body so described is no person."""
    if role is None or role.pos_ != "NOUN" or is_place(name) or role.lower_ in ORG_WORDS | THING_WORDS \
            or norms[role.i] in gaz.member_heads or any(c.dep_ == "prep" for c in role.children) \
            or not _closed(role):
        return None
    before = [(c, matches.get(c.i)) for c in role.doc[role.left_edge.i:role.i]]
    states = {m.entry.country for _, m in before if m is not None and m.entry.kind == "state" and m.entry.country}
    if len(states) != 1 or any(c.pos_ == "PROPN" and (m is None or m.entry.kind != "state") for c, m in before):
        return None
    f.kind = f.klass = "person"
    f.name, f.entity = name, f"person:{slug(name)}"
    f.country, f.sectors, f.role = states.pop(), ("CVL",), role.text
    return f


def _closed(role: Token) -> bool:
    """Whether the apposition ends with its role noun ("X, an American figure skater, said"), so no body or
    other noun the parser split off follows it ("the German co-head of EADS")."""
    after = role.right_edge.i + 1
    return after >= len(role.doc) or (role.doc[after].is_punct and role.doc[after].text != "-")


def _stated_role(found: Found) -> bool:
    """A role with a state and an agent sector: "U.S. undersecretary of state", "the Liberal Democrat spokesman"."""
    return found.country is not None and bool(found.sectors) and found.kind in ("state", "organization")


def _body_role(found: Found) -> bool:
    """A role in a body the tables know, which carries the body's code whether or not it has a state: "the Taliban
    spokesman", "a spokesman for the UN"."""
    return found.kind in ("organization", "group") and found.entity is not None and found.code is not None


def given_name(doc: Doc, m: Match, name_end: int, norms: list[str], matches: dict[int, Match],
               sectors_of: dict[str, tuple[str, ...]]) -> bool:
    """"Chad Johnson", "Paris Hilton", "Labour MP Georgia Smith": a state's or a capital's one-word name right before
    the surname that ends the name is the person's given name, not their state; not before a title ("Chad President
    Idriss Deby"), an abbreviation ("Japan PM"), an organization's word ("Kenya Airways") or another actor ("Pakistan
    Taliban")."""
    after = m.end
    return m.end - m.start == 1 and after == name_end - 1 and m.entry.form in ("name", "capital") \
        and doc[after].pos_ == "PROPN" and not doc[after].text.isupper() and after not in matches \
        and norms[after] not in ORG_WORDS | THING_WORDS and not is_title(doc, norms, sectors_of, after)

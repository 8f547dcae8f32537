"""The actors stage: find every actor noun phrase in a parsed article and code it.

An event is only as good as its actors, so this stage turns each noun phrase that names or
describes an actor into an `ActorMention` with a CAMEO-style code. The phrase is the one the event
coder wants as source or target text ("Niger's military government", "former French ambassador
Sylvain Itté"); its country comes from the country word inside it (a name, a demonym, a possessive,
a capital or metonym, an organization's affiliation) and its sector from its head noun (or, for
generic heads like "group", from a modifier), looked up in `data/actors_sectors.tsv`.

Code scheme (also in data/README.md): a state alone is its ISO alpha-3 code (`NER`); a state actor
with a sector appends the sector (`NERMIL`, `FRAGOV`); organizations carry the code of their table
row (`IGOUNO` for IGOs, `IMGALQ` for transnational armed groups, `RUSUAF` for state-affiliated ones)
and a person the code of the state and sector of their role; a sector without a state is the
sector alone (`REB`).

What the phrase itself shows, read off the parse alone (a name's proper-noun chain, a place inside an agent
phrase, a patron fused to a modifier), is in `actor_phrases`; coreference state is in `coref`.

In-document coreference is deliberately shallow and rule-based (no model): persons by last name,
"its/their" by the nearest actor before them, definite descriptions ("the junta", "the embassy",
"the country", "the two countries", "the former colonial power") by head-noun class and a
recency-weighted salience of countries. Unknown capitalized names become persons or organizations
with no country: a wrong country is worse than none.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Token

from dyadwatch.model import ActorMention, Article
from dyadwatch.stages import datelines, gazetteer, people
from dyadwatch.stages.actor_phrases import (
    ORG_WORDS,
    Match,
    a_count,
    a_mass_noun,
    a_place_with_article,
    absorb,
    acronym_singular,
    agent_keys,
    among_places,
    body_of,
    case_ok,
    conjunct_country,
    coordinated_name,
    coordinated_states,
    copular_role,
    in_states,
    inside_longer_name,
    is_title,
    kin_of,
    leading_place,
    leading_role,
    loyal_to,
    member_sector,
    named_in_apposition,
    no_name,
    of_a_thing,
    office_after_portfolio,
    own_code,
    patron,
    place_country,
    place_named,
    propn_chain,
    salient_countries,
    shared_state,
    state_of,
    unknown_name,
)
from dyadwatch.stages.coref import (
    COUNTED,
    GROUP_HEADS,
    OBJECT_PRONOUN_DEPS,
    OBJECT_PRONOUNS,
    PERSONAL_PRONOUNS,
    RULING,
    STATE_ANAPHORS,
    STATE_SECTORS,
    DocState,
    Found,
    corefer,
    salient,
)
from dyadwatch.stages.gazetteer import Gazetteer, norm, party_sector
from dyadwatch.stages.nlp import Parsed, load, trim
from dyadwatch.stages.people import Known, People, person_known, role_text, slug

NOUNS = frozenset({"NOUN", "PROPN"})
# Distinct words whose normal form is remembered; past this the memory starts afresh.
NORM_CACHE_SIZE = 200_000
# Dependents that sit inside a larger noun phrase; tokens with these relations are never heads.
INNER_DEPS = frozenset({"compound", "amod", "nmod", "flat", "nn", "case", "det", "nummod", "quantmod"})
# Where a personal pronoun is read as an actor: as a subject (an object pronoun often means someone the
# subject is not, and the nearest-subject rule of `coref.link_person` would make it the subject).
PRONOUN_DEPS = frozenset({"nsubj", "nsubjpass"})
PARTY_SECTORS = frozenset({"PTY", "OPP"})
# Prepositions that give the body a person belongs to ("of Save the Children", "from Liberty").
AFFILIATION_PREPS = frozenset({"of", "from"})
# The word by which an office is the opposition's ("shadow chancellor", "shadow cabinet").
SHADOW = frozenset({"shadow"})
# Agents often posted abroad: "the French ambassador in Niger" is not Niger's, whatever the preposition says.
POSTED_ABROAD = frozenset({"ambassador", "envoy", "diplomat", "embassy", "consulate", "mission", "delegation",
                           "correspondent", "reporter", "journalist", "troop", "force", "soldier", "peacekeeper"})
ANAPHOR_HEADS = STATE_ANAPHORS | GROUP_HEADS | {"power", "side"}


class ActorResolver:
    """Pipeline component: `resolver(parsed)` → the article's actor mentions sorted by start.

    Built once (it indexes the gazetteer with the pipeline's tokenizer); `pipe` codes a stream.
    """

    def __init__(self, *, nlp: Language | None = None, recorded: People | None = None) -> None:
        self.nlp = nlp if nlp is not None else load()
        self.gaz: Gazetteer = gazetteer.build(self.nlp)
        self.people = people.table()
        self.recorded = recorded
        self.norm_cache: dict[int, str] = {}

    def pipe(self, parsed: Iterable[Parsed]) -> Iterator[tuple[Parsed, list[ActorMention]]]:
        """Resolve a stream of parsed articles, yielding each with its mentions."""
        for p in parsed:
            yield p, self(p)

    def __call__(self, parsed: Parsed) -> list[ActorMention]:
        doc = parsed.doc
        norms = self._norms(doc)
        matches = self._scan(doc, norms)
        named = Counter(m.entry.country for k, m in matches.items() if k == m.start and m.entry.country)
        state = DocState(day=parsed.article.date, article_countries=tuple(c for c, _n in named.most_common()))
        credited = datelines.credits(parsed.article.text)
        out: list[ActorMention] = []
        for sent_index, sent in enumerate(parsed.spans):
            state.sentence = sent_index
            # Phrases are analyzed first, then resolved in reading order, so an anaphor sees
            # every mention before it, including those earlier in its own sentence.
            # A phrase the parser ran on from a dateline starts after it ("PARIS (Reuters) - Police arrested …").
            begin = datelines.start_after(doc, sent.start, sent.end - 1, credited) if credited else sent.start
            found = self._sentence(doc, begin, sent.end, norms, matches, state,
                                   unparsed=sent_index in parsed.screened)
            place = place_named(doc, sent, state.sentence_countries, matches)
            for f in found:
                at = doc[f.start].idx
                if credited and datelines.inside((at, doc[f.end - 1].idx + len(doc[f.end - 1])), credited):
                    continue
                if credited:
                    f.start = datelines.start_after(doc, f.start, f.head, credited)  # "BAMAKO - Armed men"
                    at = doc[f.start].idx
                if f.needs_coref:
                    corefer(doc, f, doc[f.head], f.head_key, f.start, norms, state, sent_index)
                    if (f.head_key in ANAPHOR_HEADS | PERSONAL_PRONOUNS | OBJECT_PRONOUNS or f.head_key == COUNTED) \
                            and f.coref_of is None \
                            and not f.antecedents and not f.sectors:
                        continue
                elif f.needs_salience and f.country is None:
                    ranked = salient(state, at, sent_index)
                    f.country = conjunct_country(doc, f, state) or (ranked[0][0] if ranked else None)
                if place and f.country is None and f.entity is None and f.sectors and f.sectors[0] != "MIL" \
                        and f.head_key not in POSTED_ABROAD:
                    # "Police detained protesters in Kenya": agents of no named state where the sentence's
                    # one state is named as the place.
                    f.country = place
                out.extend(self._emit(doc, parsed.article, sent_index, f, state))
        out.sort(key=lambda m: (m.span[0], m.span[1]))
        return out

    def _norms(self, doc: Doc) -> list[str]:
        """Each token's `norm`, worked out once per distinct word (a day's news repeats most of them)."""
        if len(self.norm_cache) > NORM_CACHE_SIZE:
            self.norm_cache.clear()
        cache, strings = self.norm_cache, doc.vocab.strings
        return [cache.get(o) or cache.setdefault(o, norm(strings[o])) for o in doc.to_array(ORTH).tolist()]

    # --- finding -------------------------------------------------------------------------------

    def _scan(self, doc: Doc, norms: list[str]) -> dict[int, Match]:
        """Longest gazetteer match at each token; token index → match covering it."""
        covering: dict[int, Match] = {}
        phrases, lengths, sectors = self.gaz.phrases, self.gaz.lengths_by_first, self.gaz.sectors
        i, n = 0, len(doc)
        while i < n:
            lens = lengths.get(norms[i])
            hit = None
            if lens:
                for length in lens:
                    if i + length > n:
                        continue
                    key = tuple(norms[i:i + length])
                    found = phrases.get(key)
                    if found and case_ok(doc, i, found) and not inside_longer_name(doc, i, key, found, sectors):
                        hit = Match(i, i + length, found[0])
                        break
            if hit is None:
                i += 1
                continue
            for k in range(hit.start, hit.end):
                covering[k] = hit
            i = hit.end
        return covering

    def _sentence(self, doc: Doc, s_start: int, s_end: int, norms: list[str],
                  matches: dict[int, Match], state: DocState, *, unparsed: bool = False) -> list[Found]:
        """Analyze each noun-phrase head of one sentence; keep outermost actor phrases."""
        state.sentence_countries = tuple(dict.fromkeys(
            m.entry.country for k in range(s_start, s_end) if (m := matches.get(k)) is not None and m.entry.country))
        # An unparsed sentence has no noun heads: only its known names and gazetteer hits count.
        found = list(self._known_names(doc, s_start, s_end, norms, matches, state)) if unparsed else []
        for i in range(s_start, s_end):
            tok = doc[i]
            if tok.pos_ == "PRON" and ((norms[i] in PERSONAL_PRONOUNS and tok.dep_ in PRONOUN_DEPS)
                                       or (norms[i] in OBJECT_PRONOUNS and tok.dep_ in OBJECT_PRONOUN_DEPS)):
                found.append(Found(i, i + 1, i, kind="person", klass="person", head_key=norms[i], needs_coref=True))
                continue
            if tok.pos_ == "NUM" and tok.dep_ in PRONOUN_DEPS and a_count(tok) and i not in matches:
                found.append(Found(tok.left_edge.i, i + 1, i, kind="group", head_key=COUNTED, needs_coref=True))
                continue
            if tok.pos_ not in NOUNS or (tok.dep_ in INNER_DEPS and tok.head.pos_ in NOUNS
                                         and tok.head.i != i):
                continue
            first = s_start
            if (named := coordinated_name(tok, s_start, matches)) is not None:
                person = self._person(doc, Found(named[0], named[1], named[1] - 1), named[0], named[0], named[1],
                                      (), norms, matches, state)
                if person is not None and person.klass == "person" and (person.code or person.country):
                    found.append(person)
                    first = named[2]
            f = self._phrase(doc, tok, first, norms, matches, state)
            if f is not None:
                found.append(f)
        # Outer phrases swallow nested ones ("Niger" inside "Niger's military government").
        found.sort(key=lambda f: (f.start, -(f.end - f.start)))
        kept: list[Found] = []
        for f in found:
            if kept and f.start >= kept[-1].start and f.end <= kept[-1].end:
                continue
            kept.append(f)
        covered = {k for f in kept for k in range(f.start, f.end)}
        # "backed the government plans": a government named before its thing is an actor, the thing's author.
        for k in range(s_start, s_end):
            tok = doc[k]
            if tok.dep_ == "compound" and tok.pos_ == "NOUN" and k not in covered and tok.head.i not in covered \
                    and k not in matches and self.gaz.sectors.get(norms[k], ())[:1] == ("GOV",):
                f = self._phrase(doc, tok, k, norms, matches, state)
                if f is not None:
                    kept.append(f)
                    covered.add(k)
        # Gazetteer hits outside any actor phrase stand alone ("the French withdrawal" → French).
        seen: set[int] = set()
        for k in range(s_start, s_end):
            m = matches.get(k)
            if m is None or m.start in seen or any(j in covered for j in range(m.start, m.end)):
                continue
            seen.add(m.start)
            kept.append(self._from_entry(m, m.start, m.end, m.end - 1))
        kept.sort(key=lambda f: f.start)
        loyal_to(doc, kept)
        kin_of(doc, kept)
        shared_state(doc, kept)
        in_states(doc, kept, matches)
        named_in_apposition(doc, kept)
        return kept

    def _known_names(self, doc: Doc, s_start: int, s_end: int, norms: list[str], matches: dict[int, Match],
                     state: DocState) -> Iterator[Found]:
        """People the tables know, in a sentence the screen left unparsed: runs of two or more capitalized
        words outside the gazetteer, read as the parse reads a proper-noun chain. Without them, "Tony
        Blair" in an unparsed sentence is nobody, and "Mr Blair" further on has no one to point back to."""
        i = s_start
        while i < s_end:
            j = i
            while j < s_end and j not in matches and doc[j].is_alpha and doc[j].text[:1].isupper():
                j += 1
            if j - i >= 2:
                f = self._person(doc, Found(i, j, j - 1), i, i, j, (), norms, matches, state)
                if f is not None and f.klass == "person" and (f.code or f.country):
                    yield f
            i = max(j, i + 1)

    def _phrase(self, doc: Doc, head: Token, s_start: int, norms: list[str],
                matches: dict[int, Match], state: DocState) -> Found | None:
        """Turn the noun phrase headed by `head` into an actor analysis, or None if not an actor."""
        h = head.i
        if norms[h] in STATE_ANAPHORS and of_a_thing(head, matches):
            return None  # "a state of siege", "the country of origin": a condition or a quality, no state
        if a_mass_noun(head, norms[h]):
            return None
        start = max(head.left_edge.i, s_start)
        while start < h and (doc[start].is_punct or doc[start].pos_ in ("CCONJ", "ADP", "SCONJ")):
            start += 1
        end = h + 1
        name_start = name_end = -1
        members = self.gaz.member_heads
        for child in head.rights:
            # "ambassador Sylvain Itté", "the president, Mahmoud Abbas": a name in apposition.
            if child.dep_ == "appos" and child.pos_ == "PROPN" and child.i not in matches:
                name_start, name_end = propn_chain(doc, child)
                end = child.i + 1
            # "the government of Peru", "the president of the Central Asian nation of Kyrgyzstan": the
            # state after "of" names the head's state.
            elif child.dep_ == "prep" and child.lower_ == "of" and (obj := state_of(child, norms, matches)) is not None:
                end = obj.i + 1
            # "the leader of Hamas", "a spokesman for the UN": a member speaks and acts for the body.
            elif child.dep_ == "prep" and (body := body_of(child, norms[h], matches, members)) is not None:
                end = body.end
            elif child.dep_ == "prep" and child.lower_ == "of":
                continue
            else:
                break
        if head.pos_ == "NOUN" and h > start and any(c.dep_ == "dobj" for c in head.children):
            # A head with a direct object is a verb the tagger took for a noun ("the army overthrew X").
            end = h
        head_match = matches.get(h)
        if head_match is not None and head_match.end > end:
            end = head_match.end  # "Number 10 denied": the name runs past the head the parse gives it
        # A PROPN head outside the gazetteer: the name part of the phrase (after any titles). A word in
        # lower case is no name, whatever its tag ("the Afghan charge d'affaires"); nor is a body named for
        # its leader ("the Clinton Administration", as "the Clinton administration").
        if head.pos_ == "PROPN" and head_match is None and name_start < 0 and head.text[:1].isupper() \
                and acronym_singular(head) not in self.gaz.sectors and not (
                    norms[h] in ORG_WORDS and self._modifier_person(doc, start, h, norms, matches, state)):
            name_start, name_end = propn_chain(doc, head)
        # "Trump met Putin": a known name the tagger took for a common noun, bare and capitalized (not the
        # word as quoted: "the word 'Trump'").
        elif head.pos_ == "NOUN" and head_match is None and name_start < 0 and start == h == end - 1 \
                and head.text[:1].isupper() and not (h > 0 and doc[h - 1].is_quote) \
                and self._known(head.text, state, h) is not None:
            name_start, name_end = h, h + 1
        head_key, sectors = self._sector(doc, norms, start, h, matches, borrow=end == h)
        if sectors and any(norms[k] in SHADOW for k in range(start, h)):
            sectors = ("OPP",)  # "the shadow home secretary" speaks for the opposition
        f = Found(start, end, h)
        # Country, entity and kind from the country words among the modifiers.
        for k in range(start, end):
            m = matches.get(k)
            if m is None or (name_start <= k < name_end):
                continue
            if m.start != k or patron(doc, m.end):
                continue
            absorb(f, m.entry, head_is_entry=m is head_match)
        if name_start < 0 and head_match is None:
            f.antecedents = coordinated_states(doc, start, h, matches)
        if name_start >= 0:
            named = self._person(doc, f, start, name_start, name_end, sectors, norms, matches, state)
            if named is not None and named.kind != "person" and named.country is None and named.sectors:
                named.country = place_country(doc, named, matches)
                named.needs_coref = named.needs_coref and named.country is None
            return named
        if head_match is not None:
            return f
        if sectors and f.country is None and f.entity is None:
            f.sectors = sectors
            f.country = self._modifier_person(doc, start, h, norms, matches, state) or place_country(
                doc, f, matches, abroad=head_key in POSTED_ABROAD)
        if not sectors and head_key not in ANAPHOR_HEADS:
            return None
        if sectors:
            f.sectors = sectors
        f.klass = "ruling" if head_key in RULING else head_key
        f.head_key = head_key
        f.needs_coref = f.country is None and f.entity is None
        return f

    def _sector(self, doc: Doc, norms: list[str], start: int, h: int, matches: dict[int, Match], *,
                borrow: bool = False) -> tuple[str, tuple[str, ...]]:
        """Longest agent phrase ending at the head; else a modifier's sector for a name, a collective or
        premises head ("opposition members", "the embassy premises"), or a phrase whose head was a
        verb ("the military overthrew") or a title (`borrow`), and a collective head's own when no
        modifier gives one ("the committee"); a thing ("the development plan") has none."""
        lemma = acronym_singular(doc[h]) or (norm(doc[h].lemma_) if doc[h].pos_ == "NOUN" else norms[h])
        sectors = self.gaz.sectors
        head_key = lemma
        for k in range(max(start, h - 3), h + 1):
            if any(j in matches for j in range(k, h)):
                continue
            if k == h and (body := member_sector(doc, norms, start, h, lemma, matches, self.gaz)):
                return head_key, body
            for key in agent_keys(norms, k, h, lemma):
                if key in sectors:
                    return key, sectors[key]
        if norms[h] in sectors and doc[h].pos_ == "NOUN":
            return norms[h], sectors[norms[h]]
        collective = self.gaz.collective_heads
        if not borrow and doc[h].pos_ != "PROPN" and lemma not in collective and norms[h] not in collective:
            return head_key, ()
        for k in range(h - 1, start - 1, -1):
            if k in matches:
                continue
            # A two-word title before a one-word one: "Attorney General X" is GOV, not the general's MIL.
            pair = (f"{norms[k - 1]} {norms[k]}",) if k > start and k - 1 not in matches else ()
            for key in (*pair, norms[k], norm(doc[k].lemma_)):
                if key in sectors and doc[k].dep_ in ("amod", "compound", "nmod"):
                    return head_key, sectors[key]
        alone = self.gaz.collective_alone
        return head_key, alone.get(lemma) or alone.get(norms[h]) or ()

    def _from_entry(self, m: Match, start: int, end: int, head: int) -> Found:
        f = Found(start, end, head)
        absorb(f, m.entry, head_is_entry=True)
        return f

    def _person(self, doc: Doc, f: Found, start: int, name_start: int, name_end: int,
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
            if m is not None and m.entry.kind == "state" and m.start == name_start:
                absorb(f, m.entry, head_is_entry=False)
                name_start = m.end
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
        if not name_tokens or (norms[name_tokens[0].i] in people.CALENDAR and not honorific) \
                or not name_tokens[-1].text[:1].isupper():
            return None
        if len(name_tokens) == 1 and no_name(doc, norms, sectors_of, start, name_tokens[0].i,
                                             placed=f.code is not None or honorific):
            # "the US Secretary of State", "the Russian Security Council": a title with no name is an agent
            # phrase, not a person.
            f.sectors = self._sector(doc, norms, start, name_tokens[0].i, matches, borrow=True)[1] or \
                sectors_of.get(norm(name_tokens[0].lemma_), ())
            f.klass = f.head_key = norms[name_tokens[0].i]
            f.needs_coref = f.country is None and f.entity is None
            return f
        name = " ".join(t.text for t in name_tokens)
        # A noun fused to a modifier by a hyphen is no title ("immigrant-friendly California").
        titles = [doc[k] for k in range(start, name_start)
                  if k not in matches and doc[k].pos_ in NOUNS and norms[k] not in people.HONORIFICS
                  and not (doc[k + 1].text == "-" and not doc[k].whitespace_)]
        if sectors == () and titles:
            sectors = self._sector(doc, norms, titles[0].i, titles[-1].i, matches, borrow=True)[1]
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
        last = norms[name_tokens[-1].i]
        previous = state.persons.get(last)
        former = any(norms[k] in people.FORMER for k in range(start, name_start))
        styles = [norms[k] for k in range(start, name_start) if norms[k] in people.PEERAGE]
        if len(name_tokens) == 1 and not titles and not honorific and among_places(name_tokens[0]):
            # "visits Manchester, Liverpool and Leeds": the city, not Dominica's President Liverpool.
            return unknown_name(f, name_tokens, norms, matches, sectors_of)
        # "in The Hague" is the city, not William Hague. A bare surname left unsettled before ("Mr Brown", when no
        # state had been named) is looked up again: the states named since may settle it. A full name no table
        # knows ("Alastair Campbell") is someone else than the table's holder of the surname.
        if not a_place_with_article(doc, name_start, name) and (
                previous is None or (len(name_tokens) > 1 and previous.name != name)
                or not (previous.country or previous.code or " " in (previous.name or ""))):
            known = self._known(name, state, doc[start].idx, titled=honorific)
            # "Liberal Democrat peer Lord Greaves" is not the table's Saint Lucian Greaves: a bare surname
            # is weaker evidence than a state or party of another country named before it, or than a peer's
            # style ("Lord Ashcroft" is no US attorney general).
            peer = next((people.PEERAGE[style] for style in styles if style in people.PEER_STYLES), None)
            placed = f.country or peer
            if known is not None and not (len(name_tokens) == 1 and placed and known.country
                                          and known.country != placed):
                found = person_known(f, known, name, titles, title_sectors, former)
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
        f.kind, f.name, f.entity = "person", name, f"person:{slug(name)}"
        if previous is not None and (len(name_tokens) == 1 or previous.name == name):
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
        token = doc[f.head]
        role = next((c for c in token.rights if c.dep_ == "appos" and c.pos_ in ("NOUN", "PROPN")), None) \
            or copular_role(token) or leading_role(token)
        found = self._phrase(doc, role, role.left_edge.i, norms, matches, state) if role is not None else None
        if found is None or found.country is None or not found.sectors or found.kind not in ("state", "organization"):
            # "Laura Brownlees of Save the Children", "Hugh Lanning, deputy general secretary of the PCS union":
            # the body a person, or their role, is of or from is theirs.
            found = self._affiliation(doc, role if role is not None else token, f.end, norms, matches, state)
            if found is None:
                return None
        f.kind = f.klass = "person"
        f.name, f.entity = name, f"person:{slug(name)}"
        f.country, f.sectors, f.role = found.country, found.sectors, doc[found.start:found.end].text
        f.code = found.code if found.kind == "organization" else None
        f.party = found.party
        return f

    def _affiliation(self, doc: Doc, holder: Token, name_end: int, norms: list[str], matches: dict[int, Match],
                     state: DocState) -> Found | None:
        """The known body after "of" or "from" on a name or its role ("Mike Hobday, from the League Against
        Cruel Sports"): an organization with a code, not a place ("Mr Afzal, from Birmingham"). The parser
        often hangs a comma-bracketed "from" on the verb, so the one right after the name counts too."""
        after = name_end + (name_end < len(doc) and doc[name_end].text == ",")
        preps = [*holder.rights, *doc[after:after + 1]]
        for prep in preps:
            if prep.dep_ != "prep" or prep.lower_ not in AFFILIATION_PREPS:
                continue
            for body in (c for c in prep.children if c.dep_ == "pobj"):
                found = self._phrase(doc, body, body.left_edge.i, norms, matches, state)
                if found is not None and found.kind == "organization" and found.code:
                    return found
        return None

    def _known(self, name: str, state: DocState, before: int, titled: bool = False) -> Known | None:
        """A name's reading on the article's date: first among the people the store has recorded (when
        it was given one), then in the people table; settled by the article's countries (ranked by
        salience only when the name needs settling: most names have one holder)."""
        found = None
        if self.recorded is not None:
            found = self.recorded.lookup(name, day=state.day, countries=salient_countries(state, before),
                                         titled=titled)
        return found or self.people.lookup(name, day=state.day, countries=salient_countries(state, before),
                                           titled=titled)

    def _modifier_person(self, doc: Doc, start: int, h: int, norms: list[str], matches: dict[int, Match],
                         state: DocState) -> str | None:
        """The country of a person named as a modifier or possessor: "the Trudeau government" → CAN,
        "Prime Minister Nikol Pashinian's government" → ARM (the name without its titles)."""
        sectors = self.gaz.sectors
        names = [k for k in range(start, h) if doc[k].pos_ == "PROPN" and k not in matches
                 and doc[k].dep_ in ("compound", "nmod", "amod", "poss")]
        if not names:
            return None
        previous = state.persons.get(norms[names[-1]])
        if previous is not None:
            return previous.country
        for first in range(len(names)):
            if first and not (norms[names[first - 1]] in people.HONORIFICS
                              or is_title(doc, norms, sectors, names[first - 1])):
                break  # only titles and honorifics come off the front of a name
            known = self._known(" ".join(doc[k].text for k in names[first:]), state, doc[start].idx, titled=first > 0)
            if known is not None:
                return known.country
        return None

    # --- output --------------------------------------------------------------------------------

    def _emit(self, doc: Doc, article: Article, sent_index: int, f: Found,
              state: DocState) -> list[ActorMention]:
        """Make the mention(s) of one analysis and record them for later coreference."""
        first, last = trim(doc, f.start, f.end)
        start_char, end_char = doc[first].idx, doc[last - 1].idx + len(doc[last - 1])
        text = article.text[start_char:end_char]
        countries: list[tuple[str | None, tuple[int, int] | None]] = [(f.country, f.coref_of)]
        if f.antecedents:
            countries = list(f.antecedents)
        out = []
        for country, coref in countries:
            sector = f.sectors[0] if f.sectors else None
            name, entity = f.name, f.entity
            if country is not None and (entity is None or f.antecedents):
                entity = f"country:{country}"
            if country is not None and entity == f"country:{country}":
                name = self.gaz.country_names.get(country, country)
            code = f.code if f.code and f.kind != "state" else ((country or "") + (sector or "") or None)
            if f.party and code == f"{country}PTY" and (held := party_sector(f.party, state.day)) is not None:
                # The governing party's MPs are parliament ("angry Labour MPs" in 2005: GBRLEG, 15 of 15 annotated).
                held = "LEG" if held == "PTY" and sector == "LEG" else held
                code, sector = code[:3] + held, held if sector in PARTY_SECTORS else sector
            kind = f.kind
            if kind == "state" and country is None:
                kind = "group"
            mention = ActorMention(
                article_id=article.id, sentence_index=sent_index, text=text, span=(start_char, end_char),
                code=code, country=country, sector=sector, name=name, entity=entity, kind=kind,
                role=f.role, coref_of=coref, confidence=f.confidence)
            out.append(mention)
            state.mentions.append(mention)
            state.klasses.append(f.klass)
            # Later mentions point to the first full mention of the person, not to each other.
            if kind == "person" and name and coref is None:
                for part in name.split():
                    state.persons.setdefault(norm(part), mention)
                state.persons[norm(name.split()[-1])] = mention
        return out


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
phrase, a patron fused to a modifier), is in `actor_phrases`; a name with its titles is read into a person in
`persons`; coreference state is in `coref`.

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
from dyadwatch.stages import datelines, gazetteer, people, places
from dyadwatch.stages.actor_phrases import (
    ORG_WORDS,
    Match,
    a_count,
    a_mass_noun,
    a_member,
    absorb,
    body_of,
    case_ok,
    conjunct_country,
    coordinated_agent,
    coordinated_body,
    coordinated_name,
    coordinated_states,
    in_states,
    inside_longer_name,
    kin_of,
    loyal_to,
    named_body,
    named_in_apposition,
    of_a_thing,
    patron,
    place_country,
    place_named,
    propn_chain,
    shared_state,
    speaker_owned,
    state_before,
    state_of,
)
from dyadwatch.stages.agent_sectors import acronym_singular, agent_of, hyphenated_office, sector_of
from dyadwatch.stages.coref import (
    COUNTED,
    GROUP_HEADS,
    GROUP_PRONOUNS,
    OBJECT_PRONOUN_DEPS,
    OBJECT_PRONOUNS,
    PERSONAL_PRONOUNS,
    RULING,
    STATE_ANAPHORS,
    DocState,
    Found,
    corefer,
    salient,
)
from dyadwatch.stages.gazetteer import Gazetteer, in_being, norm, party_sector
from dyadwatch.stages.nlp import Parsed, hyphen_joined, load, trim
from dyadwatch.stages.people import People
from dyadwatch.stages.persons import NOUNS, PARTY_SECTORS, PersonReader

# Distinct words whose normal form is remembered; past this the memory starts afresh.
NORM_CACHE_SIZE = 200_000
# Words an acronym skips in the name it stands for ("Organisation for Economic Co-operation and Development").
ACRONYM_GLUE = frozenset({"of", "for", "and", "the", "on", "in", "to", "&"})
# Dependents that sit inside a larger noun phrase; tokens with these relations are never heads.
INNER_DEPS = frozenset({"compound", "amod", "nmod", "flat", "nn", "case", "det", "nummod", "quantmod"})
# Where a personal pronoun is read as an actor: as a subject (an object pronoun often means someone the
# subject is not, and the nearest-subject rule of `coref.link_person` would make it the subject).
PRONOUN_DEPS = frozenset({"nsubj", "nsubjpass"})
# The word by which an office is the opposition's ("shadow chancellor", "shadow cabinet").
SHADOW = frozenset({"shadow"})
# Agents often posted abroad: "the French ambassador in Niger" is not Niger's, whatever the preposition says.
POSTED_ABROAD = frozenset({"ambassador", "envoy", "diplomat", "embassy", "consulate", "mission", "delegation",
                           "correspondent", "reporter", "journalist", "troop", "force", "soldier", "peacekeeper"})
ANAPHOR_HEADS = STATE_ANAPHORS | GROUP_HEADS | {"power", "side"}
# Bodies whose name before a thing makes them its author ("the government plans", "a Supreme Court decision"), by
# the name's tag and sector: "the Cabinet meeting" is a cabinet's own, and "a court building" a place.
AUTHOR_BODIES = frozenset({("NOUN", ("GOV",)), ("PROPN", ("JUD",)), ("PROPN", ("LEG",))})
# Agent nouns that after a place's name are part of it ("Borno state village"), not its government.
PLACE_NAME_NOUNS = frozenset({"state"})


def defined_acronyms(doc: Doc, covering: dict[int, Match]) -> None:
    """"The Financial Services Authority (FSA)": an acronym the text defines by the name before it means that
    name throughout the article, not what the tables know by the same letters (the Free Syrian Army); when the
    tables do not know the name, the acronym is no known actor either. The letters must be the name's initials,
    so a dateline's "PARIS (AFP)" defines nothing."""
    defined: dict[str, Match | None] = {}
    for i in range(2, len(doc) - 1):
        acronym = doc[i].text
        if doc[i - 1].text != "(" or doc[i + 1].text != ")" or not (
                acronym.isalpha() and acronym.isupper() and 2 <= len(acronym) <= 8):
            continue
        named = covering.get(i - 2)
        first = named.start if named is not None else _capitalized_run_start(doc, i - 2)
        words = [t.text for t in doc[first:i - 1] if t.text[:1].isalpha() and t.lower_ not in ACRONYM_GLUE]
        if "".join(w[0] for w in words).upper() == acronym:
            defined[acronym] = named
    if not defined:
        return
    for k, token in enumerate(doc):
        if token.text in defined:
            named = defined[token.text]
            if named is None:
                covering.pop(k, None)
            else:
                covering[k] = Match(k, k + 1, named.entry)


def _capitalized_run_start(doc: Doc, last: int) -> int:
    """Where the name ending at token `last` starts: its capitalized words and the glue between them."""
    first = last
    while first > max(last - 10, 0) and (doc[first - 1].text[:1].isupper() or doc[first - 1].lower_ in ACRONYM_GLUE):
        first -= 1
    return first


class ActorResolver:
    """Pipeline component: `resolver(parsed)` → the article's actor mentions sorted by start.

    Built once (it indexes the gazetteer with the pipeline's tokenizer); `pipe` codes a stream.
    """

    def __init__(self, *, nlp: Language | None = None, recorded: People | None = None) -> None:
        self.nlp = nlp if nlp is not None else load()
        self.gaz: Gazetteer = gazetteer.build(self.nlp)
        self.persons = PersonReader(self.gaz, people.table(), recorded, self._phrase)
        self.norm_cache: dict[int, str] = {}

    def pipe(self, parsed: Iterable[Parsed]) -> Iterator[tuple[Parsed, list[ActorMention]]]:
        """Resolve a stream of parsed articles, yielding each with its mentions."""
        for p in parsed:
            yield p, self(p)

    def __call__(self, parsed: Parsed) -> list[ActorMention]:
        doc = parsed.doc
        norms = self._norms(doc)
        matches = self._scan(doc, norms, parsed.article.date)
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
                    if (f.head_key in ANAPHOR_HEADS | PERSONAL_PRONOUNS | OBJECT_PRONOUNS | GROUP_PRONOUNS
                            or f.head_key == COUNTED) \
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

    def _scan(self, doc: Doc, norms: list[str], day: str | None) -> dict[int, Match]:
        """Longest gazetteer match at each token; token index → match covering it. A group not yet founded on the
        article's day matches nothing (`gazetteer.in_being`)."""
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
                    if found and case_ok(doc, i, found) and not inside_longer_name(doc, i, key, found, sectors) \
                            and in_being(found[0].entity, day):
                        hit = Match(i, i + length, found[0])
                        break
            if hit is None:
                i += 1
                continue
            for k in range(hit.start, hit.end):
                covering[k] = hit
            i = hit.end
        defined_acronyms(doc, covering)
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
            if tok.pos_ == "PRON" and norms[i] in GROUP_PRONOUNS and tok.dep_ == "nsubj" and tok.head.dep_ == "ROOT":
                found.append(Found(i, i + 1, i, kind="group", klass="group", head_key=norms[i], needs_coref=True))
                continue
            if tok.pos_ == "NUM" and tok.dep_ in PRONOUN_DEPS and a_count(tok) and i not in matches:
                found.append(Found(tok.left_edge.i, i + 1, i, kind="group", head_key=COUNTED, needs_coref=True))
                continue
            if tok.pos_ not in NOUNS or (tok.dep_ in INNER_DEPS and tok.head.pos_ in NOUNS
                                         and tok.head.i != i):
                continue
            first = s_start
            if (named := coordinated_name(tok, s_start, matches)) is not None:
                person = self.persons.person(doc, Found(named[0], named[1], named[1] - 1), named[0], named[0], named[1],
                                      (), norms, matches, state)
                if person is not None and person.klass == "person" and (person.code or person.country):
                    found.append(person)
                    first = named[2]
            elif (agent := coordinated_agent(tok, s_start, norms, matches, self.gaz.sectors)) is not None \
                    and (leading := self._phrase(doc, agent[0], s_start, norms, matches, state)) is not None:
                found.append(leading)
                first = agent[1]
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
        # "backed the government plans", "condemned a U.S. Supreme Court decision": a government, court or parliament
        # named before its thing is an actor, the thing's author; "Borno state" before a village is a place.
        for k in range(s_start, s_end):
            tok = doc[k]
            if tok.dep_ == "compound" and k not in covered and tok.head.i not in covered and k not in matches \
                    and (tok.pos_, self.gaz.sectors.get(norms[k], ())[:1]) in AUTHOR_BODIES \
                    and not (norms[k] in PLACE_NAME_NOUNS and k > s_start and doc[k - 1].pos_ == "PROPN"
                             and places.is_place(doc[k - 1].text)):
                f = self._phrase(doc, tok, max(tok.left_edge.i, s_start), norms, matches, state)
                if f is not None:
                    state_before(doc, f, matches)
                    kept.append(f)
                    covered.update(range(f.start, f.end))
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
        speaker_owned(doc, kept)
        in_states(doc, kept, matches)
        named_in_apposition(doc, kept)
        return named_body(doc, kept)

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
                f = self.persons.person(doc, Found(i, j, j - 1), i, i, j, (), norms, matches, state)
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
        office = hyphenated_office(doc, norms, h, self.gaz.sectors)
        if office and start == h:
            start = max(doc[h - 2].left_edge.i, s_start)  # "Kenya's vice-president", the hyphen parsed apart
        while start < h and (doc[start].is_punct or doc[start].pos_ in ("CCONJ", "ADP", "SCONJ")):
            start += 1
        end = h + 1
        name_start = name_end = -1
        members = self.gaz.member_heads
        run_on: tuple[str, int] | None = None
        for child in head.rights:
            # "ambassador Sylvain Itté", "the president, Mahmoud Abbas": a name in apposition.
            if child.dep_ == "appos" and child.pos_ == "PROPN" and child.i not in matches:
                name_start, name_end = propn_chain(doc, child)
                end = child.i + 1
            # "the government of Peru", "the president of the Central Asian nation of Kyrgyzstan": the
            # state after "of" names the head's state, as the state a member comes from does ("officials from
            # France"; troops moved "from Iraq" are not said to be Iraq's).
            elif child.dep_ == "prep" and (child.lower_ == "of" or (
                    child.lower_ == "from" and a_member(head, norms[h], members))) \
                    and (obj := state_of(child, norms, matches)) is not None:
                end = max(obj.i + 1, matches[obj.i].end)  # "the president of the Republic of Korea"
            # "the leader of Hamas", "a spokesman for the UN": a member speaks and acts for the body.
            elif child.dep_ == "prep" and (body := body_of(child, norms[h], matches, members)) is not None:
                end = max([body.end] + [c.i + 1 for c in child.children if c.dep_ == "pobj"])
            elif child.dep_ == "prep" and child.lower_ == "of" and run_on is None \
                    and (run_on := agent_of(child, norms, self.gaz.sectors)) is not None:
                end = run_on[1]
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
        # "Ban Ki-moon", "Moon Jae-in": a name's hyphenated last part may be tagged as anything, in lower case.
        named = (head.pos_ == "PROPN" and head.text[:1].isupper()) or (
            hyphen_joined(head) and doc[h - 2].pos_ == "PROPN" and doc[h - 2].text[:1].isupper())
        if named and head_match is None and name_start < 0 \
                and acronym_singular(head) not in self.gaz.sectors and not office and run_on is None and not (
                    norms[h] in ORG_WORDS and self.persons.modifier_person(doc, start, h, norms, matches, state)):
            name_start, name_end = propn_chain(doc, head)
        # "Trump met Putin": a known name the tagger took for a common noun, bare and capitalized (not the
        # word as quoted: "the word 'Trump'").
        elif head.pos_ == "NOUN" and head_match is None and name_start < 0 and start == h == end - 1 \
                and head.text[:1].isupper() and not (h > 0 and doc[h - 1].is_quote) \
                and self.persons.known(head.text, state, h) is not None:
            name_start, name_end = h, h + 1
        head_key, sectors = sector_of(doc, norms, start, h, matches, self.gaz, borrow=end == h) if run_on is None \
            else (run_on[0], self.gaz.sectors[run_on[0]])
        if sectors and any(norms[k] in SHADOW for k in range(start, h)):
            sectors = ("OPP",)  # "the shadow home secretary" speaks for the opposition
        f = Found(start, end, h)
        partner = coordinated_body(doc, start, h, matches) if name_start < 0 and head_match is None else None
        # Country, entity and kind from the country words among the modifiers.
        for k in range(start, end):
            m = matches.get(k)
            if m is None or (name_start <= k < name_end) or m is partner:
                continue
            if m.start != k or patron(doc, m.end):
                continue
            absorb(f, m.entry, head_is_entry=m is head_match)
        if name_start < 0 and head_match is None:
            f.antecedents = coordinated_states(doc, start, h, matches)
            f.partner = partner.entry if partner is not None else None
        if name_start >= 0:
            named = self.persons.person(doc, f, start, name_start, name_end, sectors, norms, matches, state)
            if named is not None and named.country is None \
                    and (named.sectors or named.kind == "organization"):
                named.country = place_country(doc, named, matches,
                                              name_start=named.name_from if named.name_from >= 0 else None)
                named.needs_coref = named.needs_coref and named.country is None
            return named
        if head_match is not None:
            return f
        if sectors and f.country is None and f.entity is None:
            f.sectors = sectors
            f.country = self.persons.modifier_person(doc, start, h, norms, matches, state) or (
                self.persons.ruler_of(doc, head, norms, matches, state) if sectors[0] == "GOV" else None) \
                or place_country(doc, f, matches, abroad=head_key in POSTED_ABROAD)
        if not sectors and head_key not in ANAPHOR_HEADS:
            return None
        if sectors:
            f.sectors = sectors
        f.klass = "ruling" if head_key in RULING else head_key
        f.head_key = head_key
        f.needs_coref = f.country is None and f.entity is None
        return f

    def _from_entry(self, m: Match, start: int, end: int, head: int) -> Found:
        f = Found(start, end, head)
        absorb(f, m.entry, head_is_entry=True)
        return f

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
        if f.partner is not None:
            # "UK and EU negotiators": the international body coordinated with the state has its own actor.
            body = ActorMention(
                article_id=article.id, sentence_index=sent_index, text=text, span=(start_char, end_char),
                code=f.partner.code, country=f.partner.country, sector=f.partner.sector, name=f.partner.name,
                entity=f.partner.entity, kind=f.partner.kind, role=f.role, confidence=f.confidence)
            out.append(body)
            state.mentions.append(body)
            state.klasses.append(f.klass)
        return out


"""Which sector an agent phrase names: the longest phrase of the agent table ending at its head or running on
through its "of" ("the Minister of Defence"), a member's body ("a union leader"), the body that holds an office
("the party's leader"), the title words that are no names ("the US Secretary") and the singular of a plural
acronym the tagger takes for a name ("MPs").

Functions of the parse and the sector table (`gazetteer.Gazetteer.sectors`, data/actors_sectors.tsv), read by
`actors.ActorResolver` and `persons` alike.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from dyadwatch.stages import places
from dyadwatch.stages.coref import STATE_ANAPHORS, STATE_SECTORS
from dyadwatch.stages.gazetteer import Gazetteer, norm
from dyadwatch.stages.nlp import hyphen_joined

if TYPE_CHECKING:
    from dyadwatch.stages.actor_phrases import Match

# A sector table: head words and phrases of agents to their sectors (`gazetteer.Gazetteer.sectors`).
Sectors = dict[str, tuple[str, ...]]
# The longest portfolio read before an office ("International Development Secretary").
PORTFOLIO_WORDS = 3


def acronym_singular(token: Token) -> str | None:
    """The singular of an acronym's plural, which the tagger takes for a name and the lemmatizer leaves
    as it is: "MPs" is "mp", as "MP" is."""
    text = token.text
    if len(text) >= 3 and text.endswith("s") and text[:-1].isupper() and text[:-1].isalpha():
        return text[:-1].lower()
    return None


def member_sector(doc: Doc, norms: list[str], start: int, h: int, lemma: str, matches: dict[int, Match],
                  gaz: Gazetteer) -> tuple[str, ...]:
    """"A union leader", "a police spokesman", "rebel fighters": a member named by the body before it acts
    for that body, as "the leader of the union" does; the sector of the nearest noun modifier that has one,
    or none. Adjectives say a rank or a scope ("national leader"), not a body."""
    if lemma not in gaz.member_heads and norms[h] not in gaz.member_heads:
        return ()
    for k in range(h - 1, start - 1, -1):
        if k in matches or doc[k].dep_ != "compound" or doc[k].pos_ not in ("NOUN", "PROPN"):
            continue
        body = gaz.sectors.get(norms[k]) or gaz.sectors.get(norm(doc[k].lemma_))
        if body:
            return body
    return ()


def is_title(doc: Doc, norms: list[str], sectors: Sectors, k: int) -> bool:
    """A title word ("President", "Secretary") or the first of a two-word title ("Prime Minister")."""
    pair = f"{norms[k]} {norms[k + 1]}" if k + 1 < len(doc) else ""
    return norms[k] in sectors or norm(doc[k].lemma_) in sectors or pair in sectors


def no_name(doc: Doc, norms: list[str], sectors: Sectors, start: int, k: int, *, placed: bool) -> bool:
    """Whether the one capitalized word left after the titles is a title itself ("the US Secretary") or
    the end of a two-word one ("the Russian Security Council"), so no person is named; a body's office
    or an honorific before it (`placed`: "Lord Chief Justice") keeps it a person's."""
    return is_title(doc, norms, sectors, k) or (
        k > start and not placed and f"{norms[k - 1]} {norms[k]}" in sectors)


def sector_of(doc: Doc, norms: list[str], start: int, h: int, matches: dict[int, Match], gaz: Gazetteer, *,
              borrow: bool = False) -> tuple[str, tuple[str, ...]]:
    """The phrase's sector (`phrase_sector`), unless it is a state's office a body holds (`owner_sector`)."""
    key, found = phrase_sector(doc, norms, start, h, matches, gaz, borrow=borrow)
    if set(found) & STATE_SECTORS and (owned := owner_sector(doc, start, h, matches, gaz.sectors)) is not None:
        return key, owned
    return key, found


def phrase_sector(doc: Doc, norms: list[str], start: int, h: int, matches: dict[int, Match], gaz: Gazetteer, *,
                  borrow: bool = False) -> tuple[str, tuple[str, ...]]:
    """Longest agent phrase ending at the head; else a modifier's sector for a name, a collective or
    premises head ("opposition members", "the embassy premises"), or a phrase whose head was a
    verb ("the military overthrew") or a title (`borrow`), and a collective head's own when no
    modifier gives one ("the committee"); a thing ("the development plan") has none."""
    lemma = acronym_singular(doc[h]) or (norm(doc[h].lemma_) if doc[h].pos_ == "NOUN" else norms[h])
    sectors = gaz.sectors
    head_key = lemma
    for k in range(max(start, h - 3), h + 1):
        if any(j in matches for j in range(k, h)):
            continue
        if k == h and (body := member_sector(doc, norms, start, h, lemma, matches, gaz)):
            return head_key, body
        for key in agent_keys(norms, k, h, lemma):
            if key in sectors:
                return key, sectors[key]
    if norms[h] in sectors and doc[h].pos_ == "NOUN":
        return norms[h], sectors[norms[h]]
    collective = gaz.collective_heads
    if not borrow and doc[h].pos_ != "PROPN" and lemma not in collective and norms[h] not in collective:
        return head_key, ()
    for k in range(h - 1, start - 1, -1):
        if k in matches:
            continue
        # A two-word title before a one-word one: "Attorney General X" is GOV, not the general's MIL.
        pair = (f"{norms[k - 1]} {norms[k]}",) if k > start and k - 1 not in matches else ()
        if k - 1 > start and hyphenated_office(doc, norms, k, sectors):
            pair = (f"{norms[k - 2]} {norms[k]}",)  # "Attorney-General Lord Goldsmith"
        for key in (*pair, norms[k], norm(doc[k].lemma_)):
            if key in sectors and doc[k].dep_ in ("amod", "compound", "nmod"):
                # "union official John Kamau": a member's title takes the body before it, as a phrase's head does.
                body = () if pair and key == pair[0] else member_sector(doc, norms, start, k, key, matches, gaz)
                return head_key, body or sectors[key]
    alone = gaz.collective_alone
    return head_key, alone.get(lemma) or alone.get(norms[h]) or ()


def owner_sector(doc: Doc, start: int, h: int, matches: dict[int, Match], sectors: Sectors) -> tuple[str, ...] | None:
    """An office a body named by a common noun holds is that body's: "the union's leader" is LAB, "the party's
    leader" PTY, "the group's leader" or "the club's president" no state's officer. A state noun ("the country's
    leader") or a state body ("the government's spokesman") leaves the office its own sector; None then."""
    lemma = norm(doc[h].lemma_)
    for c in doc[h].children:
        if c.dep_ == "poss" and start <= c.i < h and c.i not in matches and c.pos_ == "NOUN":
            owner = norm(c.lemma_)
            if owner in STATE_ANAPHORS or owner in places.TERRITORIES or "GOV" in sectors.get(owner, ()):
                return None
            return tuple(sectors.get(f"{owner} {lemma}") or sectors.get(f"{owner} member")
                         or sectors.get(owner, ()))
    return None


def hyphenated_office(doc: Doc, norms: list[str], h: int, sectors: Sectors) -> bool:
    """Whether the head ends an office written with a hyphen ("vice-president", "Attorney-General"): one word,
    not a hyphenated name, and its state's possessive hangs on its first half when the parse splits it."""
    return h >= 2 and hyphen_joined(doc[h]) and f"{norms[h - 2]} {norms[h]}" in sectors


def agent_keys(norms: list[str], k: int, h: int, lemma: str) -> list[str]:
    """The agent-table keys of the words from `k` to the head `h`: as written (a phrase's own plural first:
    "armed forces" are the military, "an armed force" any armed men), then with the head's lemma; a hyphen
    joins what the table writes with a space ("asylum-seekers" are asylum seekers)."""
    keys = [" ".join(norms[k:h + 1])] if k < h else []
    keys.append(" ".join([*norms[k:h], lemma]))
    return keys + [key.replace(" - ", " ") for key in keys if " - " in key]


def office_after_portfolio(doc: Doc, norms: list[str], sectors: Sectors, start: int, end: int) -> int | None:
    """Where the office of a capitalized portfolio (one to three words) before a name of two or more
    words is: "International Development Secretary Hilary Benn" → Secretary."""
    for k in range(start + 1, min(start + PORTFOLIO_WORDS + 1, end - 2)):
        if not doc[k].text[:1].isupper():
            return None
        if set(sectors.get(norms[k], ())) & STATE_SECTORS:
            return k
    return None


def agent_of(prep: Token, norms: list[str], sectors: Sectors) -> tuple[str, int] | None:
    """An agent phrase that runs on through its head's "of" ("heads of state", "the Minister of Defence", "the
    Speaker of the House"): its table key and the end of its object's noun phrase, which names no actor
    of its own ("state" is no state, "Defence" no organization)."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None:
        return None
    # A capitalized plural is tagged a name and keeps its "s" as lemma ("the Heads of State").
    word = prep.head.text.lower()
    heads = (norm(prep.head.lemma_), word[:-1] if word.endswith("s") else word)
    inside = " ".join(norms[obj.left_edge.i:obj.i + 1])
    key = next((key for key in (f"{head} of {inside}" for head in heads) if key in sectors), None)
    return (key, obj.i + 1) if key is not None else None

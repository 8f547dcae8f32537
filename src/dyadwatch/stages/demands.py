"""Appeals stated as owed acts: "Tony Blair should set out an exit strategy, Charles Kennedy has said" is a
REQUEST by the speaker of the one who should act. Part of the words-and-deeds stage (`dyadwatch.stages.deeds`),
which also reads an act so owed as asked for, not done."""

from __future__ import annotations

from spacy.tokens import Token

from dyadwatch import reftables
from dyadwatch.model import ActorMention, Event
from dyadwatch.stages import attributes
from dyadwatch.stages.deeds_table import table
from dyadwatch.stages.events import make_event
from dyadwatch.stages.nlp import Parsed
from dyadwatch.stages.roles import MentionIndex

# Modal auxiliaries by which a speaker says what another must do, and the appeal it is (CAMEO 020).
DEMANDING = frozenset({"should", "must"})
DEMAND = reftables.Trigger("should", "VERB", "REQUEST", None, "020")


def demands(parsed: Parsed, mentions: list[ActorMention]) -> list[Event]:
    """"Tony Blair should set out an exit strategy, Charles Kennedy has said", "Russia says Israel must end
    attacks on Syria": a speaker's appeal to the one who should act, a REQUEST by the speaker (as the annotated
    news codes it). Read as fixed: the classifier would type the act asked for, which is not done
    (`deeds._requested`)."""
    index: MentionIndex | None = None
    opinions = table().opinions
    out = []
    for number, sentence in enumerate(parsed.spans):
        if number in parsed.screened:
            continue
        for verb in sentence:
            modal = demanded(verb)
            speech = _said(verb, opinions) if modal is not None else None
            if modal is None or speech is None:
                continue
            index = index or MentionIndex(parsed, mentions)
            asked = index.roles([c for c in verb.children if c.dep_ == "nsubj"])
            for speaker in index.roles([c for c in speech.children if c.dep_ == "nsubj"]):
                for addressee in asked:
                    if speaker.mention is None or not speaker.mention.code or addressee.mention is None \
                            or addressee.mention is speaker.mention:
                        continue
                    event = make_event(parsed, number, modal, DEMAND, speaker, addressee)
                    event.reading = "fixed"
                    out.append(event)
    return out


def _said(verb: Token, opinions: frozenset[str]) -> Token | None:
    """The speech verb reporting the clause of `verb`: above it ("X said that …"), for the sentence's own
    verb beside it ("X should withdraw, the minister said"), or a verb of opinion above it ("The Lib Dems
    believe the Home Secretary should allow …")."""
    opinion = verb.head if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in opinions else None
    return attributes.speech_verb(verb) or next(
        (c for c in verb.children if c.dep_ in ("ccomp", "parataxis") and c.i > verb.i
         and c.lemma_.lower() in attributes.cue_words("speech")), None) or opinion


def demanded(verb: Token) -> Token | None:
    """"Israel must end …": the auxiliary by which a verb is owed, not done (the appeal's trigger)."""
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    return next((c for c in verb.children if c.dep_ == "aux" and c.lower_ in DEMANDING), None)

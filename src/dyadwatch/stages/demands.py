"""Appeals and blame stated as told deeds: "Tony Blair should set out an exit strategy, Charles Kennedy has said"
is a REQUEST by the speaker of the one who should act; "Gordon Brown has failed to tackle the unfairness in the tax
system, Charles Kennedy has said" an ACCUSE by the speaker of the one who failed. Part of the words-and-deeds stage
(`dyadwatch.stages.deeds`), which also reads an act so owed as asked for, not done."""

from __future__ import annotations

from spacy.tokens import Token

from dyadwatch import reftables
from dyadwatch.model import ActorMention, Event
from dyadwatch.stages import attributes
from dyadwatch.stages.deeds_table import table
from dyadwatch.stages.events import make_event
from dyadwatch.stages.nlp import Parsed
from dyadwatch.stages.roles import MentionIndex, Role
from dyadwatch.stages.trigger_words import lookup

# Modal auxiliaries by which a speaker says what another must do, and the appeal it is (CAMEO 020).
DEMANDING = frozenset({"should", "must"})
DEMAND = reftables.Trigger("should", "VERB", "REQUEST", None, "020")
# What a speaker's telling of another's failing is (CAMEO 111, criticise; `failing` in data/deeds.tsv).
BLAME = reftables.Trigger("fail", "VERB", "ACCUSE", None, "111")
# Acts that parties do together, whose failing blames neither (`_talks_failed`).
JOINT = frozenset({"AGREE", "CONSULT", "COOPERATE"})


def demands(parsed: Parsed, mentions: list[ActorMention]) -> list[Event]:
    """"Tony Blair should set out an exit strategy, Charles Kennedy has said", "Russia says Israel must end
    attacks on Syria": a speaker's appeal to the one who should act, a REQUEST by the speaker (as the annotated
    news codes it). "Tony Blair lied when he took the UK to war, say the Tories", "the government had failed to
    remove 250,000 failed asylum seekers, Mr Davis said": a speaker's telling of another's failing blames them,
    an ACCUSE. Read as fixed: the classifier would type the act asked for, which is not done
    (`deeds._requested`), or failed."""
    index: MentionIndex | None = None
    deeds = table()
    out = []
    for number, sentence in enumerate(parsed.spans):
        if number in parsed.screened:
            continue
        for verb in sentence:
            told = _told(verb, deeds.failings)
            speech = _said(verb, deeds.opinions) if told is not None else None
            if told is None or speech is None:
                continue
            word, trigger = told
            index = index or MentionIndex(parsed, mentions)
            actors = index.roles(_subjects(verb))
            for speaker in index.roles([c for c in speech.children if c.dep_ == "nsubj"]):
                for actor in actors:
                    if _other(speaker, actor, trigger):
                        event = make_event(parsed, number, word, trigger, speaker, actor)
                        event.reading = "fixed"
                        out.append(event)
    return out


def _told(verb: Token, failings: frozenset[str]) -> tuple[Token, reftables.Trigger] | None:
    """The word and the event of what `verb` tells: an appeal by its modal, or a failing by itself."""
    modal = demanded(verb)
    if modal is not None:
        return modal, DEMAND
    if verb.pos_ == "VERB" and verb.dep_ != "amod" and verb.lemma_.lower() in failings and not _talks_failed(verb):
        return verb, BLAME
    return None


def _talks_failed(verb: Token) -> bool:
    """"Netherlands and Russia failed to reach agreement": an agreement not reached is the parties' failing
    together, which blames neither."""
    return any((act := lookup(t)) is not None and act.event_type in JOINT
               for c in verb.children if c.dep_ == "xcomp" for t in c.subtree)


def _subjects(verb: Token) -> list[Token]:
    """The verb's subject, or that of the verb it is coordinated with ("has had the chance and has failed")."""
    own = [c for c in verb.children if c.dep_ == "nsubj"]
    if own or verb.dep_ != "conj":
        return own
    return [c for c in verb.head.children if c.dep_ == "nsubj"]


def _other(speaker: Role, actor: Role, trigger: reftables.Trigger) -> bool:
    """Whether a coded speaker tells of another actor; a failing told of one's own side blames no one ("We have
    failed, the minister said")."""
    if speaker.mention is None or not speaker.mention.code or actor.mention is None \
            or actor.mention is speaker.mention:
        return False
    return trigger is not BLAME or actor.mention.code != speaker.mention.code


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

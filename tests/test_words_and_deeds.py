"""Issue 13 on the real pipeline: non-events stay silent, words are coded as words, roles survive passives.

What the coder and the words-versus-deeds stage decide is tested on their proposals (`ungated`); what
the whole pipeline emits, relevance gate included, on `pipeline`."""

from __future__ import annotations

import pytest

from dyadwatch import reftables
from dyadwatch.model import Article, CodedArticle, Event
from dyadwatch.stages import deeds, deeds_table


def code(pipeline, text: str, date: str = "2005-03-01") -> CodedArticle:  # type: ignore[no-untyped-def]
    return pipeline.code(Article(text, date=date))


def word(coded: CodedArticle, event: Event) -> str:
    """The trigger word of one of the article's events."""
    return coded.article.text[event.trigger[0]:event.trigger[1]] if event.trigger else ""


def types(coded: CodedArticle) -> list[str]:
    return [e.event_type for e in coded.events]


@pytest.mark.parametrize("text", [
    "A powerful earthquake killed 300 people in northern Pakistan on Saturday.",
    "Floods swept through villages in Bangladesh, killing dozens.",
    "Bolton boss Sam Allardyce has signed Roma defender Vincent Candela.",
    "Roddick dropped a set to Korean player Hyung-Taik Lee before winning in four.",
    "Chelsea beat Arsenal 2-1 at Stamford Bridge on Sunday.",
])
def test_disasters_and_sport_give_no_event(pipeline, text: str) -> None:  # type: ignore[no-untyped-def]
    assert types(code(pipeline, text)) == []


@pytest.mark.parametrize("text", [
    "Any improvement in German domestic demand was sluggish, the Ifo institute said.",
    "Weak consumer demand in Japan hit exports.",
])
def test_a_market_s_demand_asks_nothing(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "REQUEST" not in types(code(ungated, text))


@pytest.mark.parametrize("text", [
    "Michael Howard attacked the plan to raise council tax.",
    "Howard launched an attack on the cost of asylum.",
    "The Tory plans have been attacked by the Liberal Democrats.",
])
def test_a_politician_attacking_a_plan_accuses(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    coded = code(ungated, text)
    assert "ASSAULT" not in types(coded)
    assert all(e.event_type == "ACCUSE" for e in coded.events)


@pytest.mark.parametrize(("text", "expected"), [
    ("Israeli troops launched an attack on the Gaza Strip on Friday.", "ASSAULT"),
    ("Rebel fighters stepped up attacks on Malian security forces last month.", "ASSAULT"),
    ("Police attacked the protesters in Nairobi.", "ASSAULT"),
    ("The Labour Party launched a fierce attack on the Conservative government.", "ACCUSE"),
    ("Thabo Mbeki has attacked British imperialists.", "ACCUSE"),
    ("Tony Blair attacked the Conservative government over its schools policy.", "ACCUSE"),
    # a ministry a speaker attacks is its staff, not its building
    ("Tory MP Edward Leigh attacked the ministry over the delays.", "ACCUSE"),
    ("Gunmen attacked the Turkish embassy in Kabul.", "ASSAULT"),
    ("The Israelis said they had attacked machinery used to make rockets.", "ASSAULT"),
    # a leader's attacks on a state's land are ordered strikes, not words
    ("Israeli Prime Minister Benjamin Netanyahu ordered massive attacks on the Gaza Strip on Sunday.", "ASSAULT"),
    # what air strikes hit is hit, whoever ordered them
    ("Syrian government air strikes hit the enclave on Thursday.", "ASSAULT"),
    ("Iranian missiles hit targets in Pakistan on Tuesday.", "ASSAULT"),
    # what a state fires is no thing a speaker attacks; the "round" a politician fires is words
    ("North Korea fired two ballistic missiles into the sea off its east coast.", "ASSAULT"),
    ("Mr Howard fired the opening round at Labour.", "ACCUSE"),
])
def test_armed_forces_attack_in_deeds_and_parties_in_words(ungated, text: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert set(types(code(ungated, text))) == {expected}


@pytest.mark.parametrize("text", [
    "Japan lodged an official protest with China.",
    "The Philippines lodged a diplomatic protest with China over the incident.",
    "Manila lodged a protest with Beijing over the incursion.",
])
def test_a_protest_a_state_lodges_is_a_complaint_not_a_demonstration(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    """PLOVER's PROTEST is civilians' collective action; a government's formal protest is an official complaint
    (ACCUSE, CAMEO 114). Workers who stage a protest still demonstrate."""
    assert set(types(code(ungated, text))) == {"ACCUSE"}
    assert set(types(code(ungated, "Thousands of workers staged a protest in Manila."))) == {"PROTEST"}


@pytest.mark.parametrize(("text", "allowed"), [
    ("Finland pledged to give 5 million euros to Tanzania.", {"AGREE"}),
    ("France offered to withdraw its troops from Niger.", {"CONCEDE"}),
    ("Russia promised to release the prisoners.", {"CONCEDE"}),
    # a promise by a word that is no trigger of its own, of an act named by a noun
    ("Japan is ready to provide assistance to Nepal.", {"AGREE"}),
    # GUIDELINES.md: "X offered aid to Y" = AGREE X→Y, not the aid
    ("Germany offered aid to Chad.", {"AGREE"}),
    # an end to fighting promised is a ceasefire promised, not a threat, and the fighting is not coded
    ("Armenia and Azerbaijan agreed to halt fighting over the separatist region.", {"CONCEDE"}),
    # troops offered are offered to help, not a threat
    ("Australia has offered to send troops to help the Philippines army.", {"AGREE"}),
    # being happy or keen to meet is an offer to meet, not a meeting
    ("The Kenyan president is happy to meet the Ugandan leader.", {"AGREE"}),
])
def test_a_pledge_is_the_pledge_not_the_act(ungated, text: str, allowed: set[str]) -> None:  # type: ignore[no-untyped-def]
    coded = code(ungated, text)
    assert coded.events and set(types(coded)) <= allowed
    for e in coded.events:
        assert e.quad_class == 1 and e.modality == "asserted"
        assert e.cameo is not None and e.cameo.startswith("03")


def test_what_a_to_clause_asked_for_names_is_not_done_either(ungated) -> None:  # type: ignore[no-untyped-def]
    coded = code(ungated, "Britain urged Israel to stop attacking Gaza.")
    assert {(e.event_type, e.source.code, e.target.code if e.target else None) for e in coded.events} \
        == {("REQUEST", "GBR", "ISR")}


def test_troops_offered_are_the_offer_s_means_not_its_target(ungated) -> None:  # type: ignore[no-untyped-def]
    coded = code(ungated, "President Obama has offered to send troops to Uganda.")
    assert {(e.event_type, e.cameo, e.target.code if e.target else None) for e in coded.events} \
        == {("AGREE", "0332", "UGA")}


@pytest.mark.parametrize(("text", "target"), [
    ("China and Russia called on the United States to lift sanctions against Iran.", "USA"),
    ("The United Nations urged Israel to withdraw its troops from the border.", "ISR"),
    ("Germany pressed Turkey to release the detained journalists.", "TUR"),
    # a meeting named by the noun a verb of asking takes is asked for, not held
    ("Russia called for talks between Armenia and Azerbaijan.", "ARM"),
    # "for X to": X is asked
    ("The European Union called for Russia to withdraw its troops from Georgia.", "RUS"),
    # an adverb between the verb and its particle
    ("The UN is pushing hard for a ceasefire between Armenia and Azerbaijan.", "ARM"),
    # a that-clause under a verb of asking, also when a writing asks
    ("The Security Council demanded that Israel withdraw its troops from Lebanon.", "ISR"),
    ("The Security Council passed a resolution demanding that Israel withdraw its troops.", "ISR"),
    # the to-clause of a verb whose object is the plea
    ("Kenya's president issued a fresh plea to the Somali rebels to talk directly to his government.", "SOM"),
])
def test_an_act_asked_for_is_the_request_not_the_act(ungated, text: str, target: str) -> None:  # type: ignore[no-untyped-def]
    coded = code(ungated, text)
    assert set(types(coded)) == {"REQUEST"}, types(coded)
    assert any(e.target is not None and e.target.country == target for e in coded.events)


def test_a_meeting_its_actor_says_it_will_hold_is_the_meeting(ungated) -> None:  # type: ignore[no-untyped-def]
    """"said he will hold talks": a meeting announced is CONSULT, future (GUIDELINES.md), not a promise."""
    coded = code(ungated, "Erdogan said he will hold talks with Vladimir Putin in Sochi on Friday.")
    assert {e.event_type for e in coded.events if e.target is not None} == {"CONSULT"}, types(coded)
    assert {e.modality for e in coded.events} == {"future"}
    promised = code(ungated, "Erdogan said he will release the detained journalists.")
    assert set(types(promised)) == {"CONCEDE"}, types(promised)


def test_a_meeting_a_deal_paves_the_way_for_is_not_held(ungated) -> None:  # type: ignore[no-untyped-def]
    coded = code(ungated, "The pact was designed to pave the way for peace talks between the Taliban and the Afghan "
                          "government.")
    assert "CONSULT" not in types(coded), types(coded)


def test_a_declared_ceasefire_is_a_concession_with_no_target(ungated) -> None:  # type: ignore[no-untyped-def]
    declared = code(ungated, "The Chadian rebels declared a unilateral ceasefire on Sunday.")
    assert [(e.event_type, e.source.country if e.source else None, e.target) for e in declared.events] == [
        ("CONCEDE", "TCD", None)]
    assert all(e.cameo.startswith("035") for e in declared.events if e.cameo)
    assert "CONCEDE" not in types(code(ungated, "The Chadian rebels broke the ceasefire on Sunday."))
    hyphenated = code(ungated, "India and Pakistan agreed to a cease-fire to end months of fighting.")
    assert set(types(hyphenated)) == {"CONCEDE"}, types(hyphenated)


@pytest.mark.parametrize(("text", "expected"), [
    ("The Ghanaian government expressed its deep condolences to Togo over the floods.", ("SUPPORT", "GHA", "TGO")),
    # the entry's word may qualify the object ("sent condolences")
    ("Ghana's president sent a condolence message to the Togolese president.", ("SUPPORT", "GHA", "TGO")),
    ("Ghana's president sent a message of condolence to the Togolese president.", ("SUPPORT", "GHA", "TGO")),
    ("Ghana's foreign minister voiced concern about Togo's crackdown on the opposition.", ("ACCUSE", "GHA", "TGO")),
])
def test_condolences_support_and_concern_accuses(ungated, text: str,  # type: ignore[no-untyped-def]
                                                 expected: tuple[str, str, str]) -> None:
    found = {(e.event_type, e.source.country if e.source else None, e.target.country if e.target else None)
             for e in code(ungated, text).events}
    assert expected in found, found


@pytest.mark.parametrize("text", [
    "Chad is willing to withdraw its troops from the border zone.",
    "The Chadian rebels said they will release two hostages on Monday.",
    "Chad has agreed to allow international aid into the flooded areas.",
    "The Chadian rebels agreed to a truce with the army.",
    # a prefixed verb the tokenizer cuts in three is still the concession
    "Chad has agreed to re-open its borders for Sudanese traders.",
])
def test_a_concession_promised_is_conceded_not_done(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    coded = code(ungated, text)
    assert "CONCEDE" in types(coded), types(coded)
    assert not {"RETREAT", "AID"} & set(types(coded)), types(coded)


def test_an_act_agreed_with_a_partner_is_their_agreement(ungated) -> None:  # type: ignore[no-untyped-def]
    """One side's promise to withdraw concedes; the same act agreed with the other side is an agreement of both."""
    alone = code(ungated, "Chad agreed to withdraw its troops from the border zone.")
    together = code(ungated, "Chad agreed with Sudan to withdraw its troops from the border zone.")
    assert "CONCEDE" in types(alone)
    assert sorted((e.event_type, e.source.code, e.target.code) for e in together.events) == [
        ("AGREE", "SDN", "TCD"), ("AGREE", "TCD", "SDN")]


@pytest.mark.parametrize("text", [
    "Ghana said it will not lift the embargo on Togo until the talks resume.",
    "Ghana says it will not accept any more refugees from Togo.",
    "Ghana said it won't lift the embargo on Togo until the talks resume.",
    "The Taliban has said it will not begin talks with the Afghan government until the prisoner release.",
])
def test_a_cooperative_act_its_actor_will_not_do_is_a_refusal(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    assert set(types(code(ungated, text))) == {"REJECT"}


@pytest.mark.parametrize("text", [
    "Syria will not allow Turkey to occupy its land.",
    "China will never allow Taiwan to declare independence.",
])
def test_an_act_not_allowed_is_not_done(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    """What a negated "allow" or "permit" lets no one do is not done: no act by Turkey or Taiwan, whatever the
    refusal's own coding."""
    coded = code(ungated, text)
    assert not [e for e in coded.events if e.source is not None and e.source.country in ("TUR", "TWN")], \
        [e.to_dict() for e in coded.events]


@pytest.mark.parametrize("text", [
    "Hungary blocked an EU statement criticising China over Hong Kong.",
    "Russia vetoed a UN Security Council resolution condemning Russia's annexation of four Ukrainian regions.",
])
def test_what_a_vetoed_or_blocked_text_would_do_is_not_done(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    """The veto or the block is the event; the statement or resolution it stops criticizes or condemns no one."""
    coded = code(ungated, text)
    assert "ACCUSE" not in types(coded), [e.to_dict() for e in coded.events]


@pytest.mark.parametrize("text", [
    "Ghana refused to send troops to Togo.",
    "Ghana has declined to lift its sanctions on Togo.",
    "The Ghanaian government refused to hold talks with Togo.",
])
def test_an_act_refused_is_the_refusal_not_the_act(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    coded = code(ungated, text)
    assert types(coded) == ["REJECT"], types(coded)
    assert coded.events[0].target is not None and coded.events[0].target.country == "TGO"


@pytest.mark.parametrize("text", [
    "The Ghanaian government's refusal to hold talks angered its neighbours.",
    "Ghana's refusal to extradite the suspect to Togo drew criticism.",
])
def test_an_act_a_refusal_names_is_not_done(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    """"A refusal to hold talks" holds none: only the refusal (REJECT) is coded, as with the verb."""
    assert set(types(code(ungated, text))) == {"REJECT"}


@pytest.mark.parametrize("text", [
    "Ghana called for Togolese troops to be withdrawn.",
    "The Ghanaian government called for the Togolese generals to be tried in Accra.",
])
def test_calling_for_someone_to_be_acted_on_is_a_request(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    """The parser hangs the "for" of "called for X to be Y" on the clause, not on "called": still the
    REQUEST, never a phone call (CONSULT) nor the act asked for."""
    assert set(types(code(ungated, text))) == {"REQUEST"}


def test_a_vow_to_fight_threatens(ungated) -> None:  # type: ignore[no-untyped-def]
    coded = code(ungated, "The rebels have sworn to fight the government.")
    assert types(coded) == ["THREATEN"]


@pytest.mark.parametrize(("text", "expected"), [
    # a fight picked by speakers with the unarmed is fought in words, each way
    ("The country's top judge said he had clashed with ministers over the inquiry.", {"ACCUSE"}),
    ("Labour and the Conservatives clashed over tax on Tuesday.", {"ACCUSE"}),
    # armed forces fight in deeds
    ("Indian troops clashed with Chinese soldiers on the border.", {"ASSAULT"}),
])
def test_speakers_quarrel_in_words_and_troops_clash_in_deeds(ungated, text: str,  # type: ignore[no-untyped-def]
                                                             expected: set[str]) -> None:
    assert set(types(code(ungated, text))) == expected


def test_a_speakers_fight_with_no_one_is_neither_attack_nor_criticism(ungated) -> None:  # type: ignore[no-untyped-def]
    found = set(types(code(ungated, "The Liberal Democrats will fight every seat in Scotland.")))
    assert not found & {"ASSAULT", "ACCUSE"}, found


@pytest.mark.parametrize(("text", "expected"), [
    ("The main opposition parties said they would boycott the presidential election.", "PROTEST"),
    ("The president announced that the government will extend the nightly curfew.", "COERCE"),
])
def test_an_announced_conflict_act_is_the_act_not_a_threat(ungated, text: str,  # type: ignore[no-untyped-def]
                                                           expected: str) -> None:
    """GUIDELINES.md codes an actor's own coming act as the act, future; PLV, after CAMEO, as a threat."""
    coded = code(ungated, text)
    act = text.index("boycott" if expected == "PROTEST" else "curfew")
    assert [e.event_type for e in coded.events if e.trigger and e.trigger[0] <= act < e.span[1]] == [expected]


@pytest.mark.parametrize(("text", "call"), [
    ("Putin called Erdogan on Tuesday to discuss Syria.", True),
    ("The prime minister called him a giant of the Labour movement.", False),
    ("The Kenyan president called the opposition leader a liar.", False),
])
def test_calling_someone_something_is_no_call(ungated, text: str, call: bool) -> None:  # type: ignore[no-untyped-def]
    assert ("CONSULT" in types(code(ungated, text))) is call


def test_two_events_in_one_sentence(ungated) -> None:  # type: ignore[no-untyped-def]
    coded = code(ungated, "Sudan accused Ethiopia of aggression and recalled its ambassador.")
    assert {"ACCUSE", "SANCTION"} <= set(types(coded))
    assert all(e.source.code == "SDN" for e in coded.events if e.source)


@pytest.mark.parametrize("text", [
    "The White House declined to comment on the report.",
    "The ministry refused to comment when asked about the talks.",
    "The Tory chairman refused to discuss newspaper reports about the party's donors.",
    "The minister declined to confirm he had met the rebels.",
    "The chancellor pointedly refused to deny claims the prime minister had reneged on a deal.",
    "On Thursday, Italy refused to rule out an interest in the oil company.",
])
def test_declining_to_comment_is_no_event(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    assert types(code(ungated, text)) == []


@pytest.mark.parametrize("text", [
    "The prime minister is trying to draw a line under speculation about his relationship with Gordon Brown.",
    "Tony Blair will seek to reassure Labour MPs on Monday evening.",
    "About 243,000 South Sudanese refugees have sought refuge in Sudan since the war began.",
    "Gordon Brown told a news conference in London that the economy was growing.",
    "Australian minister Christian Porter held a press conference at Parliament House in Canberra.",
    "The chancellor insisted his spending plans were affordable.",
    "British aircraft flew in the equipment the UN needs in order to set up a relief operation.",
    "Planning Minister Julio De Vido said a contribution could be made in return for a seat on the company's board.",
    "The Liberal Democrats want to broaden their appeal beyond the south-west.",
    "Party activists were fired up by the prime minister's speech on Saturday.",
    "Vodafone has drafted in its UK chief executive to take charge of its troubled Japanese operation.",
    "The Japanese minister in charge of trade with China spoke to reporters on Monday.",
    "South Korea's Hyundai Motor plans to build a second plant in India to meet the country's growing demand.",
    "Mr Brown said he was set to meet his two fiscal rules in this economic cycle.",
    "His words about President Bush met a cool reception from Jacques Chirac.",
    "The plans of Prime Minister Tony Blair have met with scepticism from President Jacques Chirac.",
    "Australia's Lleyton Hewitt has now lifted the Sydney title four times in the last six years.",
    "Riot police were brought in to restore order in the city centre.",
])
def test_attempts_refuge_and_news_conferences_are_no_event(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    assert types(code(ungated, text)) == []


def test_an_attempt_leaves_a_trial_and_a_demand_alone(ungated) -> None:  # type: ignore[no-untyped-def]
    assert "ACCUSE" in types(code(ungated, "An Iraqi court tried the former minister for corruption."))
    assert "REQUEST" in types(code(ungated, "Sudan sought help from Egypt to end the fighting."))
    assert "REQUEST" in types(code(ungated, "Russia insisted on the withdrawal of NATO troops from Kosovo."))


def test_striking_a_deal_is_an_agreement_not_an_attack(ungated) -> None:  # type: ignore[no-untyped-def]
    """An agreement, by each side (a deal struck with someone is both sides')."""
    assert types(code(ungated, "Ethiopia struck a deal with the United Nations on aid convoys.")) == ["AGREE", "AGREE"]


def test_hitting_back_is_words_and_storming_is_an_attack(ungated) -> None:  # type: ignore[no-untyped-def]
    assert types(code(ungated, "Labour hit back at the Conservative Party over its tax plans."))[:1] == ["ACCUSE"]
    stormed = code(ungated, "Taliban fighters stormed a police headquarters in eastern Afghanistan.")
    assert types(stormed) == ["ASSAULT"]


@pytest.mark.parametrize("text", [
    "Two aid workers were killed by rebels in Darfur.",
    "A policeman was shot dead by gunmen in Baghdad on Monday.",
])
def test_a_passive_killing_keeps_the_victim_as_target(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    coded = code(ungated, text)
    assert coded.events
    for e in coded.events:
        assert e.event_type == "ASSAULT"
        assert e.source is not None and e.source.text.lower() in ("rebels", "gunmen")
        assert e.target is None or e.target.text.lower() not in ("rebels", "gunmen")


def test_a_counted_passive_subject_is_never_the_actor(ungated) -> None:  # type: ignore[no-untyped-def]
    """"Hundreds of migrants were rescued …": the parse makes the count the subject; the migrants undergo."""
    coded = code(ungated, "Hundreds of migrants were rescued off the coast of Libya by the Italian navy.")
    assert coded.events and not any(e.source and "migrants" in e.source.text for e in coded.events), [
        e.to_dict() for e in coded.events]


def test_a_headline_victim_is_never_the_attacker(ungated) -> None:  # type: ignore[no-untyped-def]
    coded = code(ungated, "Policeman shot dead in Basra.")
    assert not any(e.source and "policeman" in e.source.text.lower() for e in coded.events)


def test_a_past_tense_read_as_a_participle_keeps_its_subject(ungated) -> None:  # type: ignore[no-untyped-def]
    coded = code(ungated, "A spokesman for UKIP called on Mr Hockney to resign.")
    requests = [e for e in coded.events if e.event_type == "REQUEST"]
    assert requests and all(e.source is not None and "spokesman" in e.source.text for e in requests)


def test_a_sentence_s_verb_with_its_full_stop_is_no_headline_s_participle(ungated) -> None:  # type: ignore[no-untyped-def]
    """The tagger reads "called" after a bare name as a participle (VBN); a headline has no full stop, a body sentence
    has one, and its subject acts."""
    coded = code(ungated, "Lord Greaves called on Tuesday for international observers at the election.")
    assert [(e.event_type, e.source.text if e.source else None) for e in coded.events] == [("REQUEST", "Lord Greaves")]
    headline = code(ungated, "Policeman shot dead by gunmen in Basra")
    assert not any(e.source and "Policeman" in e.source.text for e in headline.events)


def test_every_cameo_code_agrees_with_its_plover_quad_class() -> None:
    for code in reftables.cameo_codes().values():
        assert reftables.quad_class(code.event_type) == code.quad_class, code
    concede = [c for c in reftables.cameo_codes().values() if c.event_type == "CONCEDE"]
    assert concede and all(c.code.startswith("035") for c in concede)
    assert reftables.default_cameo("CONCEDE") == "035"


def test_deeds_table_is_well_formed() -> None:
    table = deeds.table()
    assert set(table.commitments.values()) == {"promise", "threat"}
    assert ("decline", "comment") in table.non_events
    assert "attack" in table.figurative and "embassy" in table.physical
    assert not table.figurative & table.physical
    assert ("declare", "ceasefire") in table.declarations and all(len(pair) == 2 for pair in table.declarations)
    assert "allow" in table.concessions and "say" in table.speech
    assert "call on" in table.requests and "call" not in table.requests
    assert table.handovers == {"return"}
    assert "pessimism" in table.outlooks and all(" " not in word for word in table.outlooks)


def test_a_deeds_role_no_stage_reads_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows of a role nothing reads would do nothing, silently (the `reported` rows once did)."""
    rows = list(reftables.rows("deeds.tsv", deeds_table.COLUMNS))
    unread = (0, {"word": "claim victory", "role": "boast", "value": ""})
    monkeypatch.setattr(reftables, "rows", lambda name, columns: [*rows, unread])
    with pytest.raises(ValueError, match="boast"):
        deeds_table.table.__wrapped__()


@pytest.mark.parametrize("text", [
    "Microsoft has released tools that clean up infected PCs.",
    "The new version of the game was released in the US on Tuesday.",
    "Google released a desktop search tool.",
])
def test_releasing_a_thing_is_no_event(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "RETREAT" not in types(code(ungated, text))


def test_seeking_help_is_still_a_request(ungated) -> None:  # type: ignore[no-untyped-def]
    assert types(code(ungated, "Iraq sought help from the United Nations.")) == ["REQUEST"]


@pytest.mark.parametrize("text", [
    "The French ambassador returned to Niamey on Tuesday.",
    "President Bush returned to Washington last week after talks in Moscow.",
    "Alastair Campbell is also returning to advise Labour on media strategy.",
])
def test_coming_back_is_no_return_of_anything(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    assert types(code(ungated, text)) == []


@pytest.mark.parametrize("text", [
    "The United States returned six Iraqi artifacts to the government of Iraq.",
    "The U.S. Fish and Wildlife Service returned to Brazil last Wednesday 21 frogs.",
    "The paintings were returned to Italy by the United States.",
])
def test_returning_a_thing_still_is(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "RETREAT" in types(code(ungated, text, "2010-05-01"))


def test_releasing_what_an_actor_owns_is_no_event(ungated) -> None:  # type: ignore[no-untyped-def]
    """IBM is not released with its patents, nor does it concede them."""
    text = "Computer giant IBM says 500 of its software patents will be released into the open development community."
    assert types(code(ungated, text)) == []


def test_releasing_people_still_is(ungated) -> None:  # type: ignore[no-untyped-def]
    coded = code(ungated, "Syrian authorities freed the blogger Razan Ghazzawi.")
    assert types(coded) == ["RETREAT"]
    assert types(code(ungated, "Israel released Hamas's prisoners.")) == ["RETREAT"]


@pytest.mark.parametrize(("text", "source", "target"), [
    ("China says Japan must stop its patrols near the islands.", "CHN", "JPN"),
    ("The United States must withdraw its troops from Syria, Russia said on Monday.", "RUS", "USA"),
    ("Washington should lift its sanctions, Iran's president said.", "IRN", "USA"),
])
def test_what_a_speaker_says_another_must_do_is_a_request(ungated, text: str, source: str,  # type: ignore[no-untyped-def]
                                                          target: str) -> None:
    """The annotators code "X must stop …, Z said" as Z's REQUEST of X; the stopping or withdrawing is owed,
    not done (`demands.demands`)."""
    events = code(ungated, text).events
    assert ("REQUEST", source, target) in {(e.event_type, e.source.country if e.source else None,
                                            e.target.country if e.target else None) for e in events}
    assert not {"RETREAT", "ASSAULT", "MOBILIZE"} & {e.event_type for e in events}


@pytest.mark.parametrize("text", ["The first minister should withdraw these remarks immediately.",
                                  "Kenya must release the two journalists."])
def test_an_act_that_should_be_done_is_not_done(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    """A quote's demand whose speaker is in another sentence is no withdrawal or release."""
    assert types(code(ungated, text)) == []


def test_a_demand_in_a_headline_is_not_coded(ungated) -> None:  # type: ignore[no-untyped-def]
    """Headlines are shown, not coded (`Pipeline._headline`): a demand read from one is no exception."""
    title = "Russia says Israel must end attacks on Syria"
    text = f"{title}\n\nChina says Japan must stop its patrols near the islands."
    events = ungated.code(Article(text=text, title=title, date="2005-03-01")).events
    assert events and all(e.sentence_index != 0 for e in events)


@pytest.mark.parametrize("text", ["Nurses in Kenya will not end the strike until their pay is raised.",
                                  "Dock workers in Chile called off the strike after a week."])
def test_a_strike_carried_on_or_called_off_is_the_strikers_protest(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    """GUIDELINES.md codes the strike whatever the verb says of it: refusing to end it asserts it, and calling
    it off is a concession (CAMEO 082, easing dissent) after it, not a phone call."""
    coded = code(ungated, text)
    protests = [e for e in coded.events if e.event_type == "PROTEST"]
    assert protests and all(e.modality == "asserted" and e.source is not None and e.source.country
                            for e in protests)
    assert all(e.event_type in ("PROTEST", "RETREAT") for e in coded.events)
    assert ("called off" in text) == any(e.cameo == "082" for e in coded.events)


@pytest.mark.parametrize(("text", "expected"), [
    ("Kenya's president fired the defence minister on Monday.", ("SANCTION", "160")),
    ("The Kenyan prime minister was dismissed by the president.", ("SANCTION", "160")),
    ("Kenyan troops fired rockets at the rebels.", ("ASSAULT", "193")),
    # the head of a body, its security service or its general staff
    ("Zelensky fired the head of Ukraine's security service.", ("SANCTION", "160")),
    ("Zelensky fired the chief of the general staff.", ("SANCTION", "160")),
])
def test_an_official_fired_or_dismissed_is_removed_from_office(ungated, text: str,  # type: ignore[no-untyped-def]
                                                                 expected: tuple[str, str]) -> None:
    """Removing a state's official from office is a SANCTION, neither a shooting nor a refusal or criticism."""
    assert [(e.event_type, e.cameo) for e in code(ungated, text).events] == [expected]


def test_dismissing_someone_as_something_removes_no_one(ungated) -> None:  # type: ignore[no-untyped-def]
    events = code(ungated, "Kenya's opposition leader dismissed the defence minister as a fading force.").events
    assert events and not any(e.event_type == "SANCTION" for e in events)


@pytest.mark.parametrize(("text", "country"), [("French rail workers have been on strike since Monday.", "FRA"),
                                              ("Thousands of Kenyan nurses were on strike on Friday.", "KEN")])
def test_who_is_on_strike_protests(ungated, text: str, country: str) -> None:  # type: ignore[no-untyped-def]
    """Being on strike is striking (PLOVER PROTEST, CAMEO 143), as going on strike is."""
    protests = [e for e in code(ungated, text).events if e.event_type == "PROTEST"]
    assert [(e.cameo, e.source.country if e.source else None) for e in protests] == [("143", country)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Kenya's finance minister warned that the opposition was planning huge cuts.", ["ACCUSE"]),
    ("Angry Kenyan MPs warned President Kibaki and Raila Odinga about the dangers of disunity.", ["ACCUSE", "ACCUSE"]),
    ("Kenya's finance minister warned there was a real risk of unrest.", []),
    ("Kenya's finance minister warned the BBC that attacking the judges had brought it trouble before.", []),
    ("The Kenyan union warned there would be further strikes unless the government changed course.", ["THREATEN"]),
    ("South Africa warned Lesotho's army that it would not tolerate a coup.", ["THREATEN"]),
    ("Washington warned Berlin it would cut intelligence ties should Huawei be given a role.", ["THREATEN"]),
    ("Kenyan MPs warned against disunity.", ["REQUEST"]),
])
def test_a_warning_threatens_only_with_a_condition_or_the_speakers_own_act(
        ungated, text: str, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    """A warning of a risk is no threat, and no event; one of the deeds of an actor it names blames them (the
    annotators code it as criticism); one against an act asks that it not be done."""
    coded = code(ungated, text)
    assert [e.event_type for e in coded.events if word(coded, e).startswith("warn")] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Kenya's finance minister claimed the opposition would cut public services.", [("ACCUSE", "KENGOV", "KENOPP")]),
    ("The Kenyan opposition claimed victory in the vote.", []),
    ("The floods claimed the lives of 300 Kenyans.", []),
    ("Kenyan officials claimed the auction was illegal because Safaricom had filed for bankruptcy.", []),
    ("Kenya's finance minister claimed that voters had lost trust in the opposition.", []),
    ("Kenya's finance minister repeated his claim that the opposition would cut public services.",
     [("ACCUSE", "KENGOV", "KENOPP")]),
    ("Kenyan insurance claims rose sharply after the floods.", []),
    ("Kenya's finance minister was speaking amid claims that the opposition was planning cuts.", []),
])
def test_a_claim_accuses_only_an_actor_whose_deeds_it_tells(
        ungated, text: str, expected: list[tuple[str, str, str]]) -> None:  # type: ignore[no-untyped-def]
    """A claim about another actor's deeds is an accusation (the annotators code it ACCUSE); a claim of a title,
    of lives, or about things or people of no state is no event."""
    coded = code(ungated, text)
    assert [(e.event_type, e.source.code if e.source else None, e.target.code if e.target else None)
            for e in coded.events if word(coded, e).startswith("claim")] == expected


@pytest.mark.parametrize("text", [
    "The Pakistani Taliban claimed responsibility for the attack on the school.",
    "The Pakistani Taliban claimed the attack on the school.",
    "The Pakistani Taliban claimed the bombing of the school.",
])
def test_a_claimed_attack_is_the_attack_reported_by_its_claimant(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    """GUIDELINES.md: a claim of responsibility codes the attack itself, by the claiming group, modality reported."""
    coded = code(ungated, text, date="2015-01-01")
    assert [(e.event_type, e.source.code if e.source else None, e.modality,
             e.attribution.code if e.attribution else None) for e in coded.events] == [
        ("ASSAULT", "PAKREB", "reported", "PAKREB")]


@pytest.mark.parametrize("text", ["Police claim the attack was planned by a local gang.",
                                  "The attack claimed 20 lives."])
def test_a_claim_about_an_attack_or_an_attack_claiming_lives_is_no_claimed_attack(
        ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not [e for e in code(ungated, text, date="2015-01-01").events if e.event_type == "ASSAULT"]


@pytest.mark.parametrize(("text", "expected"), [
    ("President Kibaki has failed to tackle corruption, the Kenyan opposition has said.",
     [("ACCUSE", "KENOPP", "KENGOV")]),
    ("The Kenyan opposition said President Kibaki lied about the election.", [("ACCUSE", "KENOPP", "KENGOV")]),
    ("The Kenyan opposition said the government had ignored the warnings.", [("ACCUSE", "KENOPP", "KENGOV")]),
    ("Kenya and Tanzania failed to reach agreement on the border, Kenya's foreign ministry said.", []),
    ("President Kibaki failed to attend the summit.", []),
])
def test_a_failing_told_by_a_speaker_blames_the_one_who_failed(
        ungated, text: str, expected: list[tuple[str, str, str]]) -> None:  # type: ignore[no-untyped-def]
    """"Gordon Brown has failed to tackle the unfairness, Charles Kennedy has said" is ACCUSE by the speaker
    (the annotators code it so); talks that failed blame neither party, and a failing nobody tells is no event."""
    coded = code(ungated, text)
    assert [(e.event_type, e.source.code if e.source else None, e.target.code if e.target else None)
            for e in coded.events if e.event_type == "ACCUSE"] == expected


def test_access_allowed_is_a_retreat_and_access_promised_a_concession(ungated) -> None:  # type: ignore[no-untyped-def]
    """Letting observers or aid in is material yielding (CAMEO 086); saying one will is its promise (0355)."""
    done = code(ungated, "Syria allowed access to the besieged town on Monday.", date="2019-03-01")
    promised = code(ungated, "The Syrian government said it would allow limited access for relief workers.",
                    date="2019-03-01")
    assert [(e.event_type, e.cameo) for e in done.events] == [("RETREAT", "086")]
    assert [(e.event_type, e.cameo) for e in promised.events] == [("CONCEDE", "0355")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Kenya's opposition leader asked whether ministers had looked at other measures.", []),
    ("Asked about the inquiry, a Kenyan government spokesman said it was welcome.", []),
    ("Kenya's opposition leader asked the watchdog overseeing the rules to stop the calls.", ["REQUEST"]),
    ("Britain has asked the Indian government for consular access to the detained man.", ["REQUEST"]),
])
def test_asking_is_a_request_only_for_an_act_or_a_thing(ungated, text: str,  # type: ignore[no-untyped-def]
                                                        expected: list[str]) -> None:
    """A question asked ("asked whether", "Asked about …, X said") is no appeal."""
    coded = code(ungated, text)
    assert [e.event_type for e in coded.events if word(coded, e).startswith("ask")] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Kenya's president told government departments to put plans in place for employing women.", ["REQUEST"]),
    ("Kenya's opposition leader told the BBC's Today programme: \"I'm not organising an investigation.\"", []),
    ("Kenya's opposition leader told reporters the government's plans were wrong.", []),
])
def test_telling_is_a_request_only_of_someone_told_to_act(ungated, text: str,  # type: ignore[no-untyped-def]
                                                         expected: list[str]) -> None:
    """What is told may be an event of its own; the telling is one only as an instruction."""
    coded = code(ungated, text)
    assert [e.event_type for e in coded.events if word(coded, e).startswith("told")] == expected


def test_misgivings_expressed_about_a_plan_are_criticism(ungated) -> None:  # type: ignore[no-untyped-def]
    coded = code(ungated, "Kenya's opposition has expressed serious misgivings about the government's plans.")
    assert [(e.event_type, e.source.code, e.target.code) for e in coded.events] == [("ACCUSE", "KENOPP", "KENGOV")]


@pytest.mark.parametrize("text", ["Speaking at Labour's spring conference in Gateshead, Mr Brown praised the NHS.",
                                  "The Labour Party will hold its autumn conference in Manchester."])
def test_a_partys_own_conference_is_no_meeting(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "CONSULT" not in types(code(ungated, text))


def test_a_war_named_by_its_place_is_background_and_a_states_war_an_attack(ungated) -> None:  # type: ignore[no-untyped-def]
    background = code(ungated, "The minister said the Iraq war had cost the party votes.")
    fought = code(ungated, "Russia's war against Ukraine continued on Monday.", date="2023-03-01")
    assert not [e for e in background.events if word(background, e) == "war"]
    assert [(e.event_type, e.source.country, e.target.country) for e in fought.events
            if e.source and e.target] == [("ASSAULT", "RUS", "UKR")]


@pytest.mark.parametrize(("text", "expected"), [
    ("The Tories have promised four billion pounds in tax cuts.", []),
    ("Kenya's opposition leader promised a firm but fair policy on immigration.", []),
    ("Japan promised Kenya new loans for its railways.", ["AGREE"]),
])
def test_a_thing_pledged_to_no_one_is_a_policy_not_an_event(ungated, text: str,  # type: ignore[no-untyped-def]
                                                             expected: list[str]) -> None:
    coded = code(ungated, text, date="2005-03-01")
    assert [e.event_type for e in coded.events if word(coded, e).startswith("promis")] == expected


def test_what_an_attack_leaves_behind_is_no_withdrawal(ungated) -> None:  # type: ignore[no-untyped-def]
    assert types(code(ungated, "Boko Haram attacked a Nigerian army base, leaving scores dead.")) == ["ASSAULT"]


@pytest.mark.parametrize(("text", "expected"), [
    ("The Kenyan government's proposals have met with disapproval from rights groups.", []),
    ("Deutsche Bank would have earned large fees from the deal with Kenya.", []),
    ("Kenya and Uganda reached a deal on the border on Monday.", ["AGREE"]),
])
def test_an_agreement_named_in_passing_is_not_made(ungated, text: str,  # type: ignore[no-untyped-def]
                                                   expected: list[str]) -> None:
    coded = code(ungated, text, date="2019-03-01")
    nouns = ("proposal", "deal")
    assert sorted({e.event_type for e in coded.events if word(coded, e).startswith(nouns)}) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Kenya's president faced criticism from MPs at Monday's meeting of the ruling party.", False),
    ("Kenya's president told the conference that Uganda was an ally.", False),
    ("Kenya's president has said during a visit to Britain that trade would grow.", True),
    ("Kenya's president is in talks with Uganda about the border.", True),
])
def test_a_meeting_where_something_else_happens_is_its_setting(ungated, text: str,  # type: ignore[no-untyped-def]
                                                               expected: bool) -> None:
    coded = code(ungated, text, date="2019-03-01")
    meetings = [e for e in coded.events if e.event_type == "CONSULT"
                and word(coded, e) in ("meeting", "conference", "visit", "talks")]
    assert bool(meetings) == expected


def test_a_question_or_a_relative_clause_under_an_appeal_states_its_deed(ungated) -> None:  # type: ignore[no-untyped-def]
    """"asked why ministers attacked the plans" asks about a criticism made; "demanding that authorities release a
    student who was jailed" asks for the release, while the jailing happened."""
    asked = code(ungated, "Mr Kennedy asked why Labour ministers attacked the Conservative plans.")
    assert "ACCUSE" in types(asked), types(asked)
    jailed = code(ungated, "Students staged a protest demanding that Serbian authorities release a student who was "
                           "jailed by the Serbian police.", date="2019-03-01")
    assert any(word(jailed, e) == "jailed" for e in jailed.events), types(jailed)


@pytest.mark.parametrize(("text", "source"), [
    ("Human Rights Watch issued a statement calling on the U.N. Security Council to pressure Nicaragua.", "NGO"),
    ("The United States and the European Union released a joint statement urging Zimbabwe to end the "
     "violence.", "USA"),
    ("Amnesty International said in a statement urging Iran to release the prisoners.", "NGO"),
])
def test_a_writing_asks_for_its_issuer(ungated, text: str, source: str) -> None:  # type: ignore[no-untyped-def]
    coded = code(ungated, text, date="2019-03-01")
    requests = [e for e in coded.events if e.event_type == "REQUEST"]
    assert any(e.source is not None and e.source.code == source for e in requests), \
        [(e.event_type, e.source and e.source.code) for e in coded.events]


def test_a_writing_rejected_is_not_the_rejecter_s(ungated) -> None:  # type: ignore[no-untyped-def]
    coded = code(ungated, "Egypt's highest court rejected a statement calling on Israel to release the prisoners.",
                 date="2019-03-01")
    assert not any(e.event_type == "REQUEST" and e.source is not None and e.source.code.startswith("EGY")
                   for e in coded.events), [(e.event_type, e.source and e.source.code) for e in coded.events]


@pytest.mark.parametrize(("text", "cameo"), [
    ("The UN appealed for aid for Yemen.", "023"),
    ("The European Union urged a ceasefire in Gaza.", "0256"),
])
def test_an_act_noun_asked_for_codes_the_request(ungated, text: str, cameo: str) -> None:  # type: ignore[no-untyped-def]
    """The appeal is the event, coded by what it asks for (CAMEO 02x), whatever the act's noun says."""
    coded = code(ungated, text, date="2019-03-01")
    assert [(e.event_type, e.cameo) for e in coded.events] == [("REQUEST", cameo)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Iran's supreme leader has expressed pessimism over holding negotiations with the United States.", []),
    ("The minister was optimistic about talks with Russia.", []),
    ("The minister expressed hope that talks with Russia would resume.", []),
    ("The minister expressed concern about Russia's attack on Ukraine.", ["ACCUSE", "ASSAULT"]),
    ("Iran's leader expressed pessimism over the talks, sending a message to Rouhani, who vowed to meet Mr Trump.",
     ["AGREE"]),
])
def test_an_outlook_is_no_event_nor_what_it_looks_at(ungated, text: str,  # type: ignore[no-untyped-def]
                                                     expected: list[str]) -> None:
    """Optimism, pessimism, scepticism and hopes are nothing (GUIDELINES.md); concern is criticism, and a clause
    beside the outlook is not looked at."""
    assert sorted(types(code(ungated, text, date="2019-03-01"))) == expected


@pytest.mark.parametrize("text", [
    "The European Union called yesterday for a ceasefire in Gaza.",
    "Kenya called last week for talks with Somalia.",
    "The Kenyan government called this month for an end to the strike.",
])
def test_a_call_for_across_a_time_phrase_is_a_request(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    """"Called last week for" is "call for": a time phrase between the verb and its preposition makes it no phone
    call (CONSULT) nor a declared ceasefire."""
    assert types(code(ungated, text, date="2019-03-01")) == ["REQUEST"]


@pytest.mark.parametrize("text", [
    "The UN appealed for the lifting of sanctions on Iran.",
    "UN leaders appeal for immediate lifting of the blockade in Yemen.",
])
def test_an_appeal_for_an_act_is_the_request_alone(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    """"Appeal for" asks, as "call for" does: the classifier may not make it the act asked for."""
    assert types(code(ungated, text, date="2019-03-01")) == ["REQUEST"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Ex-chat show host Robert Kilroy-Silk has quit the UK Independence Party.", [("SANCTION", "GBR")]),
    ("Venezuela withdrew from the Organization of American States.", [("SANCTION", "IGO")]),
    ("Russia withdrew its troops from Syria.", [("RETREAT", "RUS")]),
])
def test_leaving_a_party_or_a_body_breaks_with_it(ungated, text: str,  # type: ignore[no-untyped-def]
                                                   expected: list[tuple[str, str]]) -> None:
    """What is left decides: a party or an international body is broken with (SANCTION, aimed at it); a place
    is withdrawn from (RETREAT)."""
    coded = code(ungated, text, date="2005-03-01")
    assert [(e.event_type, ((e.target if e.event_type == "SANCTION" else e.source).code or "")[:3])
            for e in coded.events] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Sudan recalled its ambassador from Ethiopia.", ["SANCTION"]),
    ("Qatar recalled its diplomats from Chad.", ["SANCTION"]),
    ("Mr Blair recalls how Bill Clinton once advised him.", []),
])
def test_only_an_envoy_recalled_breaks_relations(ungated, text: str,  # type: ignore[no-untyped-def]
                                                  expected: list[str]) -> None:
    """Recalling an ambassador is CAMEO 161; recalling how something happened, or a product, is no event."""
    assert types(code(ungated, text, date="2005-03-01")) == expected


@pytest.mark.parametrize("text", [
    "A prospective candidate for the UK Independence Party (UKIP) has resigned after admitting a brief attachment "
    "to the British National Party.",
    "Mr Milburn was away from the frontbench between stepping down as health secretary and becoming Labour's "
    "election supremo.",
])
def test_a_resignation_aims_at_no_one(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    """The office given up, a party or the cause named with a resignation is no target (GUIDELINES.md)."""
    coded = code(ungated, text, date="2005-01-10")
    resignations = [e for e in coded.events if e.event_type == "RETREAT"]
    assert resignations and all(e.target is None for e in resignations), [(e.event_type, e.target)
                                                                          for e in coded.events]


def test_a_promised_resignation_aims_at_no_one(ungated) -> None:  # type: ignore[no-untyped-def]
    """"Agreed to resign from Iraqi Prime Minister position" concedes an office to no one, not to Iraq."""
    coded = code(ungated, "Adil Abdul Mahdi has agreed to resign from Iraqi Prime Minister position.",
                 date="2019-11-29")
    assert [(e.event_type, e.source and e.source.code, e.target) for e in coded.events] == [
        ("CONCEDE", "IRQGOV", None)]


@pytest.mark.parametrize(("text", "expected"), [
    ("The Kenyan president expressed concern for the health of President Museveni.", ("SUPPORT", "UGA")),
    ("Mr Putin voiced concern for the safety of the Turkish ambassador.", ("SUPPORT", "TUR")),
    ("Britain expressed its concern over Russia's troop build-up.", ("ACCUSE", "RUS")),
])
def test_concern_for_someone_is_sympathy_and_concern_over_them_criticism(
        ungated, text: str, expected: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    """GUIDELINES.md codes sympathy as SUPPORT, with condolences, and concern about an actor as ACCUSE."""
    assert [(e.event_type, e.target.country if e.target else None) for e in code(ungated, text).events] == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("The Kenyan minister challenged claims that he had taken bribes.", "REJECT"),
    ("The Kenyan opposition challenged the government's plans in the High Court.", "ACCUSE"),
])
def test_challenging_a_report_or_a_charge_denies_it(ungated, text: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    """GUIDELINES.md codes a denial of a charge as REJECT; challenging a plan is criticism (ACCUSE)."""
    assert {e.event_type for e in code(ungated, text).events} == {expected}


@pytest.mark.parametrize(("text", "expected"), [
    ("Kenyan officials said they agree with the recommendation of the World Health Organization.", "SUPPORT"),
    ("Kenya agreed with Uganda to build a railway line.", "AGREE"),
    ("Kenya agreed with Uganda on a new border deal.", "AGREE"),
])
def test_agreeing_with_a_view_endorses_it(ungated, text: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    """GUIDELINES.md codes endorsement as SUPPORT; an act agreed on with someone is an agreement (AGREE)."""
    assert {e.event_type for e in code(ungated, text).events} == {expected}


@pytest.mark.parametrize("text", ["The Kenyan minister gave evidence to the parliamentary committee.",
                                  "Kenya will not lift the ban until the EU provides details about the outbreak.",
                                  "Before delivering a statement to MPs, the Kenyan minister met the committee."])
def test_information_given_is_no_aid(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    """Details, evidence or figures given and statements delivered are words, not aid (PLOVER AID is material)."""
    assert not [e for e in code(ungated, text).events if e.event_type == "AID"]


@pytest.mark.parametrize(("text", "expected"), [
    ("The Kenyan opposition believes the president should resign.", {("REQUEST", "KENOPP", "KENGOV")}),
    ("Kenya believes the rains should come soon.", set()),
])
def test_an_opinion_that_someone_should_act_is_an_appeal(ungated, text: str,  # type: ignore[no-untyped-def]
                                                          expected: set[tuple[str, str, str]]) -> None:
    """"X believes Y should …" asks it of Y, as "X says Y should …" does; an actor only asks an actor."""
    found = {(e.event_type, e.source.code, e.target.code) for e in code(ungated, text).events
             if e.event_type == "REQUEST" and e.source and e.target}
    assert found == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Britain's law lords ruled that the detention of foreign terror suspects without trial breached human "
     "rights.", {("SANCTION", "GBRJUD", "GBRGOV")}),
    ("Kenya's High Court ruled against the government's detention measures.", {("SANCTION", "KENJUD", "KENGOV")}),
    ("Kenya's High Court ruled that the election was valid.", set()),
])
def test_a_court_ruling_against_an_act_sanctions_its_doer(  # type: ignore[no-untyped-def]
        ungated, text: str, expected: set[tuple[str, str, str]]) -> None:
    """A ruling that finds an act unlawful is the court's SANCTION of whoever did it, the state's government when
    the act is a measure whose doer goes unnamed (as the annotated news codes it); the act ruled on is not the
    court's own, and a ruling that upholds an act is none."""
    assert {(e.event_type, e.source.code if e.source else None, e.target.code if e.target else None)
            for e in code(ungated, text).events} == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Kenya accepted 1,141 Somali refugees in May.", {("AID", "075")}),
    ("Kenya says it will not accept any more Somali refugees.", {("REJECT", "120")}),
    ("Jordan opened its borders to thousands of Syrian refugees in 2012.", {("AID", "075")}),
    ("Jordan agreed to open its borders to Iraqi refugees.", {("CONCEDE", "035")}),
])
def test_refugees_taken_in_are_given_refuge(ungated, text: str,  # type: ignore[no-untyped-def]
                                            expected: set[tuple[str, str]]) -> None:
    """GUIDELINES.md codes asylum as AID (CAMEO 075), and the annotators code borders opened to refugees so; a refusal
    to take refugees in stays a REJECT, and a promise to open the borders is a concession."""
    assert {(e.event_type, e.cameo) for e in code(ungated, text, date="2016-01-01").events} == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Germany handed over 30 vehicles and medicines to the Ethiopian government.", ("AID", "070")),
    ("Syria handed over two Turkish pilots to Turkey.", ("COOPERATE", "063")),
])
def test_things_handed_over_are_aid_and_people_handed_over_cooperation(ungated, text: str,  # type: ignore[no-untyped-def]
                                                                      expected: tuple[str, str]) -> None:
    """The annotators code equipment handed to a government as AID; suspects or captives handed over are the
    judicial cooperation (CAMEO 063) the trigger names."""
    found = {(e.event_type, e.cameo) for e in code(ungated, text, date="2018-01-01").events if e.target}
    assert found == {expected}


@pytest.mark.parametrize(("text", "backed"), [
    ("Syrian government warplanes supported by Russia pounded the rebel-held enclave for a sixth day.", True),
    ("Rebels backed by Uganda attacked the town of Bunia.", True),
    ("The plan, backed by the UK, was criticised by France.", False),
])
def test_armed_forces_backed_in_the_field_get_military_aid(ungated, text: str,  # type: ignore[no-untyped-def]
                                                           backed: bool) -> None:
    """The annotators code "warplanes supported by Russia" as Russia's military aid (CAMEO 072); a plan backed by a
    state is words of support."""
    found = {(e.event_type, e.cameo) for e in code(ungated, text, date="2018-02-23").events}
    assert (("AID", "072") in found) is backed, found


@pytest.mark.parametrize(("text", "expected"), [
    ("Japan is sending troops to the United Nations peacekeeping force in South Sudan.", ("AID", "074", "IGOUNO")),
    ("Approximately 2,000 Russian soldiers were deployed as peacekeeping forces along the Lachin corridor.",
     ("AID", "074", None)),
    ("The Ecowas peacekeepers are being deployed to relieve the Angolan military personnel.",
     ("MOBILIZE", "154", "AGOMIL")),
])
def test_forces_sent_as_peacekeepers_are_aid(ungated, text: str,  # type: ignore[no-untyped-def]
                                             expected: tuple[str, str, str | None]) -> None:
    """Forces sent as peacekeepers are personnel provided (AID, CAMEO 074), given to the force they join; they are
    no target of their own, and peacekeepers who are themselves deployed are a mobilization."""
    coded = code(ungated, text, date="2020-11-10")
    found = {(e.event_type, e.cameo, e.target.code if e.target else None) for e in coded.events if e.trigger
             and word(coded, e) in ("sending", "deployed")}
    assert found == {expected}, found


@pytest.mark.parametrize(("text", "expected"), [
    ("The Czech Republic's prime minister has pledged his country's full support for Fayez Serraj.",
     ("SUPPORT", "051")),
    ("The Southeast Asian nations pledged full support for Seoul's efforts to denuclearize the peninsula.",
     ("SUPPORT", "051")),
    ("The U.S. State Department pledged support for Hungarian NGOs.", ("AGREE", "030")),
])
def test_support_pledged_in_full_is_given(ungated, text: str,  # type: ignore[no-untyped-def]
                                          expected: tuple[str, str]) -> None:
    """Support pledged in full is an endorsement, as the annotators code it; support pledged is a promise."""
    coded = code(ungated, text, date="2018-05-01")
    assert {(e.event_type, e.cameo) for e in coded.events if word(coded, e) == "pledged"} == {expected}


def test_a_clause_of_time_under_a_refused_act_tells_a_deed_done(ungated) -> None:  # type: ignore[no-untyped-def]
    """The refused release is not done; the visit the "when" clause tells of took place."""
    coded = code(ungated, "Venezuela refused to release the detainees when the Colombian foreign minister visited"
                          " Caracas in May.", "2019-06-01")
    found = [(e.event_type, e.source.code if e.source else None) for e in coded.events]
    assert ("CONSULT", "COLGOV") in found and ("RETREAT", "VEN") not in found, found


@pytest.mark.parametrize("text", ["Police said the British soldier had killed himself.",
                                  "The Iraqi general shot himself in Baghdad."])
def test_violence_done_to_oneself_is_no_dyad(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    assert types(code(ungated, text)) == []


def test_peacekeepers_withdrawn_yield_to_no_one(ungated) -> None:  # type: ignore[no-untyped-def]
    """A mission's end is no retreat before its host; troops withdrawn from a state still yield to it (the seed)."""
    ended = code(ungated, "The African Union withdrew its peacekeepers from Somalia last year.", "2019-06-01")
    assert [(e.event_type, e.target) for e in ended.events] == [("RETREAT", None)], [e.to_dict() for e in ended.events]
    left = code(ungated, "France withdrew its troops from Mali last year.", "2019-06-01")
    assert [(e.event_type, e.target.code if e.target else None) for e in left.events] == [("RETREAT", "MLI")]


@pytest.mark.parametrize("text", ["Sudan Tribune reported the clashes on Monday.",
                                  "Human Rights Watch documented the killings.",
                                  "Police investigated the attack in the capital."])
def test_who_tells_of_or_looks_into_an_act_does_not_do_it(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    """A witnessing verb's subject (data/deeds.tsv) is not the actor of the act its object names."""
    attacks = [e for e in code(ungated, text, "2019-06-01").events if e.event_type == "ASSAULT"]
    assert not attacks, [e.to_dict() for e in attacks]


@pytest.mark.parametrize("text", ["Ukraine accused Russia of attacking civilians in Kherson.",
                                  "Kyiv blamed Moscow for shelling the power plant."])
def test_an_act_alleged_is_not_coded_as_done(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    """The accusation is the event; the attack it alleges is not told as done (data/deeds.tsv, accusation)."""
    found = types(code(ungated, text, "2019-06-01"))
    assert "ACCUSE" in found and "ASSAULT" not in found, found


def test_inspecting_a_thing_investigates_no_one(ungated) -> None:  # type: ignore[no-untyped-def]
    """"Inspect" (CAMEO 090) needs an actor as its object (data/deeds.tsv, actor_object)."""
    coded = code(ungated, "North Korean leader Kim Jong Un inspected a new missile launcher.", "2024-04-10")
    assert not coded.events, [e.to_dict() for e in coded.events]


def test_what_a_bid_seeks_is_not_done(ungated) -> None:  # type: ignore[no-untyped-def]
    """"Sweden's bid to join NATO": the joining is only sought (data/deeds.tsv, bid); the approval is the event."""
    coded = code(ungated, "Hungary's parliament approved Sweden's bid to join NATO.", "2024-02-26")
    assert [(e.source.code, e.target.code if e.target else None) for e in coded.events] == [("HUNLEG", "SWE")], \
        [e.to_dict() for e in coded.events]


@pytest.mark.parametrize("text", ["Russian police arrested two activists for attacking a police station.",
                                  "A Tehran court jailed the men for attacking a police station."])
def test_the_act_a_sanction_is_for_is_not_coded_as_done(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    """The arrest or sentence is the event; the act it punishes is alleged or background (data/deeds.tsv)."""
    found = types(code(ungated, text, "2019-06-01"))
    assert "ASSAULT" not in found and {"COERCE", "SANCTION"} & set(found), found


@pytest.mark.parametrize(("text", "absent"), [
    ("The Kremlin denied reports that Putin had met the Wagner chief.", "CONSULT"),
    ("The Kremlin denied that Putin had met the Wagner chief.", "CONSULT"),
    ("Russia rejected claims that its forces had attacked civilians.", "ASSAULT"),
    ("Egypt's foreign ministry refuted reports of withdrawing its ambassador from Rome.", "SANCTION"),
])
def test_a_denied_act_is_not_coded_as_done(ungated, text: str, absent: str) -> None:  # type: ignore[no-untyped-def]
    """The denial is the event (REJECT); the act it denies is not told as done."""
    coded = code(ungated, text, "2023-07-01")
    assert "REJECT" in types(coded) and absent not in types(coded), types(coded)


def test_what_a_rejected_decision_did_stays_done(ungated) -> None:  # type: ignore[no-untyped-def]
    """Rejecting a decision denies no fact: the recognition it made is still coded."""
    coded = code(ungated, "Palestinian leaders rejected US President Donald Trump's decision to recognise Jerusalem "
                          "as Israel's capital.", "2017-12-08")
    assert {"REJECT", "SUPPORT"} <= set(types(coded)), types(coded)


def test_what_a_report_says_names_no_target_of_its_denial(ungated) -> None:  # type: ignore[no-untyped-def]
    coded = code(ungated, "Iran denied reports that it had supplied drones to Russia.", "2023-07-01")
    assert [(e.event_type, e.target) for e in coded.events] == [("REJECT", None)], [e.to_dict() for e in coded.events]


def test_an_apology_is_a_concession_not_a_refusal(ungated) -> None:  # type: ignore[no-untyped-def]
    """The classifier reads a refusal into what is apologised for; a concession is never turned into one."""
    found = types(code(ungated, "The Dutch government apologised for the country's role in slavery.", "2023-06-01"))
    assert found == ["CONCEDE"], found


def test_an_act_alleged_of_the_accused_object_is_not_done(ungated) -> None:  # type: ignore[no-untyped-def]
    """The parser hangs "of" on the accused ("accused [Chinese vessels of] blocking"): the blocking is alleged."""
    found = ungated.code(Article("The Philippine coast guard accused Chinese vessels of blocking a resupply mission "
                                 "to a grounded warship.", date="2023-08-06")).events
    assert [(e.event_type, e.source.code) for e in found] == [("ACCUSE", "PHLMIL")], found

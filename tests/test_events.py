"""Event coding patterns, each on sentences written for the test (not the seed's wording)."""

from __future__ import annotations

import pytest

from dyadwatch.model import Article, Event
from dyadwatch.stages import nlp, trigger_words


def code(pipeline, text: str, date: str = "2024-05-10") -> list[Event]:  # type: ignore[no-untyped-def]
    return pipeline.code(Article(text=text, date=date)).events


def dyads(events: list[Event]) -> set[tuple[str, str | None, str | None]]:
    return {(e.event_type, e.source.country if e.source else None, e.target.country if e.target else None)
            for e in events}


@pytest.mark.parametrize(("text", "expected"), [
    # active voice
    ("Turkey shelled Kurdish positions in Syria on Monday.", ("ASSAULT", "TUR", "SYR")),
    ("Japan condemned China over the incident.", ("ACCUSE", "JPN", "CHN")),
    # passive voice with an agent
    ("Two Indian diplomats were expelled by Pakistan on Tuesday.", ("SANCTION", "PAK", "IND")),
    # control verb: the subject of "decided" closes the consulate
    ("Canada has decided to close its consulate in Venezuela.", ("SANCTION", "CAN", "VEN")),
    # object control: "ordered X to leave" is an expulsion
    ("Rwanda ordered the Belgian ambassador to leave within 48 hours.", ("SANCTION", "RWA", "BEL")),
    # nominal event with a support verb and a prepositional target
    ("Egypt signed a trade agreement with Jordan.", (None, "EGY", "JOR")),
    # relative clause: the head noun is the subject
    ("Kenya, which deployed police officers to Haiti last year, praised the mission.", ("MOBILIZE", "KEN", "HTI")),
    # a multiword event noun after a support verb, with no target
    ("The Guatemalan government declared a state of siege on Sunday.", ("COERCE", "GTM", None)),
    # a raised alert readies forces where they stand
    ("Indian troops remained on alert on Wednesday.", ("MOBILIZE", "IND", None)),
    # a contribution is aid to its receiver
    ("Germany contributed $46 million to the World Food Programme.", ("AID", "DEU", None)),
    # a first name the parser hangs on the second one's title is a subject too
    ("Putin and German Chancellor Angela Merkel met Ukrainian President Petro Poroshenko.", ("CONSULT", "RUS", "UKR")),
    # diplomatic ties, upgraded or cut
    ("Chile and Bolivia upgraded relations on Monday.", ("SUPPORT", "CHL", "BOL")),
    ("Qatar cut relations with Egypt in 2017.", ("SANCTION", "QAT", "EGY")),
    # an event noun's "from" names who asks; whoever answers it is asked
    ("The Kenyan government responded to an appeal from Uganda.", ("REQUEST", "UGA", "KEN")),
    # a court of no stated state that convicts a state's firm sits in that state
    ("The court convicted a Russian bank of fraud.", ("SANCTION", "RUS", "RUS")),
    # a town the place tables know is a place at home, not an organization placed there
    ("Iraqi police imposed a curfew on Basra.", ("COERCE", "IRQ", None)),
    # two offices of one state are two actors
    ("The French president met the prime minister on Monday.", ("CONSULT", "FRA", "FRA")),
    # the press of Iran and its allies names Israel so
    ("Ali Khamenei condemned the Zionist regime.", ("ACCUSE", "IRN", "ISR")),
    # a fight with someone is fought both ways
    ("Israeli troops exchanged fire with Syrian soldiers near the border.", ("ASSAULT", "SYR", "ISR")),
    ("Kenyan police clashed with Somali militants near the border.", ("ASSAULT", "SOM", "KEN")),
    ("Indian troops exchanged fire with Pakistani troops on Monday.", ("ASSAULT", "PAK", "IND")),
    # so is a deal struck with someone
    ("Chad struck a deal with Niger on border security on Monday.", ("AGREE", "NER", "TCD")),
    # and ties established with someone
    ("Israel has established diplomatic ties with Bhutan.", ("SUPPORT", "BTN", "ISR")),
    # a joint action between two is both of theirs
    ("Clashes between Kenyan police and Somali militants left three dead.", ("ASSAULT", "SOM", "KEN")),
    ("Clashes between Indian and Pakistani troops erupted on Monday.", ("ASSAULT", "PAK", "IND")),
    ("An exchange of fire between Israeli troops and Palestinians left two dead.", ("ASSAULT", "PSE", "ISR")),
    # "the two armies" are the two states' armies the sentence named
    ("Syrian shelling killed a Turkish soldier, days after clashes between the two armies.", ("ASSAULT", "TUR", "SYR")),
    ("Cooperation between Japan and Vietnam on maritime security grew last year.", ("COOPERATE", "VNM", "JPN")),
    # war games held together are military cooperation (CAMEO 062), as joint exercises are
    ("Russia and Belarus held war games near the Polish border.", ("COOPERATE", "BLR", "RUS")),
    # each state listed inside a phrase target is a target
    ("Niger closed its embassies in France and Belgium.", ("SANCTION", "NER", "BEL")),
    ("Peru banned flights from 12 countries, including Chile, Brazil and Argentina.", (None, "PER", "ARG")),
    # a number counting members of a group names the group ("one of", "two of")
    ("Police in Kenya ordered the arrest of one of two Somali men.", ("COERCE", "KEN", "SOM")),
    # a thing's author the parser hangs on the verb ("the ruling by X")
    ("The Kenyan minister criticised the ruling by Kenya's supreme court on Monday.", ("ACCUSE", "KEN", "KEN")),
    # a party speaks of its own state's bodies and politicians, not of its people
    ("The Kenyan opposition party rejected the Home Secretary's plans.", ("REJECT", "KEN", "KEN")),
    ("Kenya's opposition leader accused Mr Mwangi of lying.", ("ACCUSE", "KEN", "KEN")),
    ("Kenya's opposition leader welcomed the return of the detainees.", ("SUPPORT", "KEN", None)),
    # a vote against a bill rejects it
    ("Kenyan MPs voted against the government's bill.", ("REJECT", "KEN", "KEN")),
    # forces mobilized for an assault are mobilized against its victim
    ("On Thursday, Israel mobilized the army for a ground assault against Gaza.", ("MOBILIZE", "ISR", "PSE")),
    # a union's people criticized by a minister are his state's
    ("Kenya's president criticised union members over the strike.", ("ACCUSE", "KEN", "KEN")),
    # a place held by an actor stands for its holder
    ("Syrian forces continued their attacks on the rebel-held region near Damascus.", ("ASSAULT", "SYR", "SYR")),
    # people of no stated state that violence is done to are of the state where it is done
    ("Russian shelling killed 12 civilians in eastern Ukraine.", ("ASSAULT", "RUS", "UKR")),
    ("A US drone strike killed three militants in Pakistan.", ("ASSAULT", "USA", "PAK")),
    # where the act is done beats the attacker's own state for people of no stated state
    ("Al-Shabaab fighters killed five civilians in Kenya.", ("ASSAULT", "SOM", "KEN")),
    ("Boko Haram fighters torched a village in Cameroon's Far North Region, killing 11 civilians.",
     ("ASSAULT", "NGA", "CMR")),
    # the town a strike hits is where the killing it is told with is done
    ("Russian missiles hit the city of Odesa on Monday, killing four civilians.", ("ASSAULT", "RUS", "UKR")),
    ("Rebels attacked Goma, killing five civilians.", ("ASSAULT", None, "COD")),
    ("Israeli air strikes hit Gaza City overnight, killing 12 people.", ("ASSAULT", "ISR", "PSE")),
    # a claim of responsibility codes the attack, done to its victims
    ("Al-Shabaab claimed responsibility for the attack that killed 20 Kenyan soldiers.", ("ASSAULT", "SOM", "KEN")),
    ("The Taliban claimed responsibility for the attack on the police station in Kabul.", ("ASSAULT", "AFG", "AFG")),
    # "accused X of", "blamed X for": the act the gerund names is alleged, and only the accusation is coded
    ("Britain accused Russia of attacking Ukraine.", ("ACCUSE", "GBR", "RUS")),
    ("Israel blamed Hamas for firing rockets at the town.", ("ACCUSE", "ISR", "PSE")),
    # an allegation's that-clause names the accused
    ("Egypt tried to calm the row over Turkish allegations that Syria is harboring Kurdish rebels.",
     ("ACCUSE", "TUR", "SYR")),
    # a court rejects the appeals of people at home
    ("Myanmar's Supreme Court rejected the final appeal of two Reuters journalists.", ("REJECT", "MMR", "MMR")),
    # the unions, teachers and opposition a state's body deals with are its own, whatever the act
    ("The Kenyan government held talks with union leaders on Monday.", ("CONSULT", "KEN", "KEN")),
    ("The Nigerian authorities are pressuring lecturers to cancel the strike.", ("REQUEST", "NGA", "NGA")),
    # a government named before its plans is their author, and the one backed
    ("Kenya's opposition announced its support for the government plans on Monday.", ("SUPPORT", "KEN", "KEN")),
    # talks that a clause follows are its subject's, whether or not they follow a news conference
    ("Following talks with the Kenyan president, Japan's prime minister said trade would grow.",
     ("CONSULT", "JPN", "KEN")),
    ("At a news conference following talks with the Kenyan president, Japan's prime minister praised him.",
     ("CONSULT", "JPN", "KEN")),
    # what an attack does, whoever launched it does
    ("Rebels carried out an attack that killed 12 Nigerian soldiers.", ("ASSAULT", "NGA", "NGA")),
    ("The Israeli military launched dozens of strikes that killed four Palestinians.", ("ASSAULT", "ISR", "PSE")),
    ("Russia launched air strikes that killed 20 Syrian civilians.", ("ASSAULT", "RUS", "SYR")),
])
def test_dyad_patterns(ungated, text: str, expected: tuple[str | None, str, str]) -> None:  # type: ignore[no-untyped-def]
    """The coder's reading of each construction, before the relevance gate judges the event."""
    found = dyads(code(ungated, text))
    event_type, source, target = expected
    assert any((event_type is None or t == event_type) and s == source and g == target for t, s, g in found), found


@pytest.mark.parametrize(("text", "word", "lemma"), [
    ("A Kenyan court fined the Somali company on Monday.", "fined", "fine"),
    ("Israel waged war on Hamas in 2014.", "waged", "wage"),
    ("Police cordoned off the area.", "cordoned", "cordon"),
    ("The band rapped about the war.", "rapped", None),
])
def test_a_trigger_verb_the_lemmatizer_cuts_wrongly_is_found(text: str, word: str, lemma: str | None) -> None:
    """The rule lemmatizer reads "fined" as "fin" and "waged" as "wag"; the lexicon's entry is still found."""
    token = next(t for t in nlp.load()(text) if t.lower_ == word)
    trigger = trigger_words.lookup(token)
    assert (trigger.head if trigger else None) == lemma


@pytest.mark.parametrize(("text", "word", "event_type"), [
    ("The European Union is mobilising additional funds to support peace building.", "mobilising", "AID"),
    ("The army is mobilising troops along the border.", "mobilising", "MOBILIZE"),
    ("An exchange of fire left two dead.", "exchange", "ASSAULT"),
    ("A prisoner exchange took place on Monday.", "exchange", "RETREAT"),
    # the parser hangs "free" on the object as an adjective: "let free" is still the release
    ("Yemen let free activists in the face of protests.", "let", "RETREAT"),
    ("Yemen let activists speak.", "let", None),
    ("Hamas launched rockets at Israel on Saturday.", "launched", "ASSAULT"),
    ("Russia massed more than 100,000 troops near the border.", "massed", "MOBILIZE"),
    ("Protesters massed in the square.", "massed", None),
    # a preposition of time holds no word of the entry: no drone is launched
    ("US launched cyber attacks on Iran after drone shootdown.", "launched", None),
])
def test_a_multiword_entry_outranks_its_head_alone(text: str, word: str, event_type: str) -> None:
    """Funds mobilised are given, not forces; "an exchange of fire" is a fight, an exchange alone nothing."""
    token = next(t for t in nlp.load()(text) if t.lower_ == word)
    trigger = trigger_words.lookup(token)
    assert (trigger.event_type if trigger else None) == event_type


@pytest.mark.parametrize("text", [
    "Iran condemned the Zionist regime's attacks on the Palestinian people.",
    "Jordan's king condemned Israel's deadly air strikes against the Syrian people.",
])
def test_the_victims_of_a_criticized_attack_are_not_its_target(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    """The criticism aims at who attacked, not at who was attacked."""
    found = dyads(code(ungated, text))
    assert any(t == "ACCUSE" and g == "ISR" for t, _s, g in found), found
    assert not any(g in ("PSE", "SYR") for _t, _s, g in found), found


def test_the_victims_of_an_alleged_attack_are_not_the_accused(ungated) -> None:  # type: ignore[no-untyped-def]
    """"Accuse the legislation of attacking civil society in Hungary": the dyad scorer's pair of the critics and
    Hungary's civil society is an accusation aimed at no one named."""
    text = "Critics, including the European Commission, accuse the legislation of attacking civil society in Hungary."
    found = dyads(code(ungated, text))
    assert any(t == "ACCUSE" and g is None for t, _s, g in found), found
    assert not any(t == "ACCUSE" and g == "HUN" for t, _s, g in found), found
    found = dyads(code(ungated, "Britain accused Russia of attacking Ukraine."))
    assert ("ACCUSE", "GBR", "RUS") in found and not any(s == "GBR" and g == "UKR" for _t, s, g in found), found


def test_a_name_no_table_knows_named_as_where_is_a_place(ungated) -> None:  # type: ignore[no-untyped-def]
    """"In Pando" is where the siege is declared, not on whom (GUIDELINES.md: a place as such is no target)."""
    found = dyads(code(ungated, "Bolivian President Evo Morales declared a state of siege in Pando."))
    assert found == {("COERCE", "BOL", None)}, found


def test_a_federated_state_named_as_where_is_a_place(ungated) -> None:  # type: ignore[no-untyped-def]
    """"In Nigeria's north-eastern state of Borno" is where aid stops, not whom the UN sanctions."""
    coded = code(ungated, "The United Nations has temporarily suspended aid deliveries in Nigeria's north-eastern "
                          "state of Borno, the former stronghold of jihadists Boko Haram, after a humanitarian convoy "
                          "was attacked.")
    found = {(e.event_type, e.source.code, e.target.code if e.target else None) for e in coded}
    assert found == {("SANCTION", "IGOUNO", None)}, found


def test_actors_named_in_a_circumstance_are_no_parties(ungated) -> None:  # type: ignore[no-untyped-def]
    """"Amid strained relations with the U.S." tells why, not whom the visit is to."""
    found = dyads(code(ungated, "Kenya's foreign minister will make a two-day visit to Texas amid strained relations "
                                "between his country and the U.S. over trade."))
    assert found and not any("USA" in (s, g) for _t, s, g in found), found


def test_agreeing_with_someone_that_something_is_so_is_one_side_s(ungated) -> None:  # type: ignore[no-untyped-def]
    found = [(e.event_type, e.source.code, e.target.code if e.target else None) for e in code(
        ungated, "The Kenyan government has agreed with the Senate that Kenyans should be entitled to assistance.")]
    assert ("AGREE", "KENGOV", "KENLEG") in found and ("AGREE", "KENLEG", "KENGOV") not in found, found


@pytest.mark.parametrize("text", [
    "The Kenyan president has visited Nigeria's biggest market.",
    "The Kenyan president will visit the Nigerian beach resort of Lekki.",
    "The Kenyan president visited the tomb of Nnamdi Azikiwe in Onitsha.",
])
def test_an_actor_that_qualifies_a_site_visited_is_not_visited(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not any("NGA" in (s, g) for _t, s, g in dyads(code(ungated, text)))


def test_who_is_alleged_to_act_does_not_allege(ungated) -> None:  # type: ignore[no-untyped-def]
    found = dyads(code(ungated, "The deal was delayed by allegations that the Kenyan firms are too close to Uganda."))
    assert not any(s == "KEN" for _t, s, _g in found), found


def test_who_reports_an_act_does_not_act_in_it(ungated) -> None:  # type: ignore[no-untyped-def]
    found = dyads(code(ungated, "A Kenyan official says U.S. President Donald Trump has accepted Kenyan President "
                                "Uhuru Kenyatta's invitation to visit Nairobi."))
    assert ("AGREE", "USA", "KEN") in found, found
    assert not any(t == "AGREE" and s == g == "KEN" for t, s, g in found), found
    # Nor is the telling an event of the official's aimed at Trump (the speech verb read as praise).
    assert not any(s == "KEN" and g == "USA" for _t, s, g in found), found


def test_the_subject_of_a_clause_beside_the_trigger_is_not_its_target(ungated) -> None:  # type: ignore[no-untyped-def]
    """The pair scorer once aimed the donors' aid at the states of the "while" clause, which act there."""
    found = dyads(code(ungated, "Japan, Canada and Norway have already provided their annual contributions to "
                                "the refugees, while Qatar, Chile and Peru have vowed to deliver the full funds "
                                "very soon."))
    aided = {g for t, _s, g in found if t == "AID"}
    assert aided and not aided & {"QAT", "CHL", "PER"}, found


def test_what_an_act_aimed_at_someone_is_over_is_why(ungated) -> None:  # type: ignore[no-untyped-def]
    """"Sanctions on Russia over Ukraine" are Russia's, not Ukraine's; "talks over Ukraine" stay a topic."""
    targets = {g for t, _s, g in dyads(code(ungated, "The EU imposed new sanctions on Russia over Ukraine."))
               if t == "SANCTION"}
    assert targets == {"RUS"}, targets
    found = dyads(code(ungated, "Russia and France held talks over Ukraine."))
    assert ("CONSULT", "RUS", "FRA") in found and not any(g == "UKR" for _t, _s, g in found), found


@pytest.mark.parametrize("text", [
    "The EU renewed sanctions on Russia.",
    "The UN Security Council renewed the arms embargo on Libya.",
    "The European Union is prolonging sanctions against Russia for a year.",
])
def test_sanctions_renewed_are_sanctions_not_their_lifting(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    """The typer read "renewed sanctions" as their lifting (RETREAT); renewing, extending or prolonging them is
    imposing them again (SANCTION 163), as the annotators code it."""
    types = {t for t, _s, _g in dyads(code(ungated, text))}
    assert types == {"SANCTION"}, types


def test_the_subject_of_a_coordinated_clause_is_not_the_triggers_target(ungated) -> None:  # type: ignore[no-untyped-def]
    """"NATO troops remained on alert and the U.S. Embassy urged …": the embassy urges; no one is put on alert
    against it. A clause the parser hangs on the trigger with no conjunction ("equipment Armenia has obtained")
    is no coordinated one."""
    found = dyads(code(ungated, "NATO troops remained on alert Sunday and the U.S. Embassy urged Americans to "
                                "consider leaving."))
    assert not any(t == "MOBILIZE" and g is not None for t, _s, g in found), found
    found = dyads(code(ungated, "Russia has supplied 94% of military equipment Armenia has obtained in the past "
                                "five years."))
    assert ("AID", "RUS", "ARM") in found, found


@pytest.mark.parametrize(("text", "killers"), [
    ("The Kenyan president honoured the journalists killed in Somalia.", set()),
    ("Kenya mourned the soldiers killed by al-Shabaab militants.", {"SOM"}),
])
def test_who_honours_the_killed_did_not_kill_them(ungated, text: str,  # type: ignore[no-untyped-def]
                                                  killers: set[str]) -> None:
    """A participle modifying its victims ("the journalists killed in Somalia") names its doer only by "by"."""
    found = dyads(code(ungated, text))
    assert {s for t, s, _g in found if t == "ASSAULT"} == killers, found


def test_a_fixture_list_of_names_states_no_event(ungated) -> None:  # type: ignore[no-untyped-def]
    """A fragment whose root is a name (a fixture list) has no act for the pair scorer to type."""
    assert code(ungated, "France v Switzerland; Israel v Republic of Ireland.") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("The world's richest countries, including Japan and Canada, have agreed to share information on tax evasion.",
     {("AGREE", "JPN", "CAN"), ("AGREE", "CAN", "JPN")}),
    ("Rights groups, including Amnesty International, condemned the arrests in Kenya.", {("ACCUSE", None, None)}),
    ("Several student groups including the Kenya Students Union held a protest in Nairobi.",
     {("PROTEST", "KEN", None)}),
])
def test_a_group_s_named_members_act_for_it(ungated, text: str,  # type: ignore[no-untyped-def]
                                             expected: set[tuple[str, str | None, str | None]]) -> None:
    """"Critics, including the European Commission, accuse …": the members the subject's "including" names are the
    ones who act (Amnesty, an NGO of no state, not "rights groups" placed in Kenya), one event each."""
    events = code(ungated, text)
    assert dyads(events) == expected and len(events) == len(expected), [e.to_dict() for e in events]


def test_a_list_hung_on_its_first_actor_as_an_apposition_acts_in_full(ungated) -> None:  # type: ignore[no-untyped-def]
    """The parser makes "UN" an apposition of the OIC and NATO and Iran its conjuncts: all four condemn. An
    apposition that renames its head adds no one."""
    text = ("The Organization of Islamic Cooperation (OIC), UN, NATO and Iran on Wednesday strongly condemned the"
            " suicide attack in Kabul.")
    sources = {e.source.code for e in code(ungated, text) if e.event_type == "ACCUSE" and e.source}
    assert sources == {"IGO", "IGOUNO", "IGONAT", "IRN"}, sources
    events = code(ungated, "Ban Ki-moon, the UN Secretary-General, condemned the attack in Kabul.")
    assert [e.event_type for e in events] == ["ACCUSE"], [e.to_dict() for e in events]


def test_a_speaker_who_tells_of_what_was_done_to_them_is_not_its_agent(ungated) -> None:  # type: ignore[no-untyped-def]
    """"He was denied a late try": the speaker underwent the passive; "it was attacked by Azerbaijan": the
    pronoun stands for the state attacked, so the attack is no criticism of it."""
    assert code(ungated, "Wales winger Tom Rees has claimed he was denied a late try in his side's defeat by France.",
                "2005-01-01") == []
    events = code(ungated, "Armenia said it was attacked by Azerbaijan on Tuesday.", "2024-01-01")
    assert dyads(events) == {("ASSAULT", "AZE", "ARM")}, [e.to_dict() for e in events]


@pytest.mark.parametrize("text", [
    "A Russian cyclist has tested positive for a banned substance, according to French authorities.",
    "US Open champion Maria Petrova has tested positive for a banned drug, according to Belgian authorities.",
])
def test_who_an_account_is_according_to_takes_no_part(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    """The pair scorer took the source of an account ("according to …") for a party to what it tells."""
    assert code(ungated, text, "2005-01-01") == []


def test_a_strike_called_off_is_eased_toward_whom_it_was_settled_with(ungated) -> None:  # type: ignore[no-untyped-def]
    text = "Chilean dock workers called off their strike on Friday after reaching a deal with the Chilean government."
    eased = [e for e in code(ungated, text, "2019-06-01") if e.event_type == "RETREAT"]
    assert [(e.source.code, e.target.code if e.target else None) for e in eased] == [("CHLLAB", "CHLGOV")], eased


@pytest.mark.parametrize(("text", "place"), [
    ("Russia and Iran announced a ceasefire in Idlib, Syria's last rebel stronghold on Friday.", "SYR"),
    ("Germany and Russia announced a ceasefire in Donetsk, Ukraine's eastern region on Friday.", "UKR"),
])
def test_the_state_that_owns_where_an_act_happens_is_no_party(ungated, text: str,  # type: ignore[no-untyped-def]
                                                             place: str) -> None:
    events = code(ungated, text, "2019-06-01")
    assert events and not [e for e in events if e.target is not None and e.target.code == place], events


def test_two_titled_names_the_parser_runs_into_one_phrase_are_two_parties(ungated) -> None:  # type: ignore[no-untyped-def]
    """The parser hangs "Kenyatta and ODM" on "Odinga" as a modifier: both Kenyans still met Obama, each once."""
    events = code(ungated, "Former US President Barack Obama on Sunday held separate talks with President Uhuru "
                           "Kenyatta and ODM party leader Raila Odinga in Nairobi.", "2018-07-15")
    met = {(e.source.text, e.target.text) for e in events if e.event_type == "CONSULT" and e.source and e.target}
    obama = "Former US President Barack Obama"
    assert {(obama, "Uhuru Kenyatta"), (obama, "ODM party leader Raila Odinga")} <= met, met
    assert len([e for e in events if e.event_type == "CONSULT"]) == 4, events


@pytest.mark.parametrize("text", [
    "US prosecutors have charged nine food suppliers with fraud.",
    "US prosecutors have charged five insurers with fraud.",
])
def test_a_firm_named_by_its_trade_is_a_business(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    """Suppliers, insurers, retailers and lenders are businesses; acted on by a state's agency, its own."""
    found = {(e.event_type, e.source.code if e.source else None, e.target.code if e.target else None)
             for e in code(ungated, text)}
    assert ("ACCUSE", "USAJUD", "USABUS") in found, found


def test_those_acted_on_are_the_whole_group_whatever_it_includes(ungated) -> None:  # type: ignore[no-untyped-def]
    events = code(ungated, "Kenyan police arrested 100 protesters, including an opposition leader.")
    assert [(e.event_type, e.target.code if e.target else None) for e in events] == [("COERCE", "KENCVL")]


def test_the_outlet_that_hears_the_words_is_no_target(ungated) -> None:  # type: ignore[no-untyped-def]
    found = code(ungated, 'The minister told BBC News: "The scope for miscarriages of justice is enormous."')
    assert not any(e.target and e.target.sector == "MED" for e in found), dyads(found)


def test_a_stateless_police_keeps_no_foreign_undergoer_s_state(ungated) -> None:  # type: ignore[no-untyped-def]
    """Police act at home; the people they arrest may be from abroad, so only a state's bodies, parties and
    firms place them ("the court convicted a Russian bank")."""
    found = dyads(code(ungated, "Police arrested two Russian tourists on Monday."))
    assert ("COERCE", None, "RUS") in found, found


def test_a_government_named_without_its_state_is_the_source_s(ungated) -> None:  # type: ignore[no-untyped-def]
    found = dyads(code(ungated, "Tony Blair hailed his chancellor's brilliant performance.", date="2005-03-01"))
    assert found == {("SUPPORT", "GBR", "GBR")}, found


def test_funding_cut_is_aid_reduced(ungated) -> None:  # type: ignore[no-untyped-def]
    """CAMEO 162, as "slashed aid": the funding cut is no AID given."""
    text = ("On Tuesday, the head of the UN agency for Palestinian refugees urged donor countries to speed up their "
            "funding to ensure that services continue after US President Donald Trump slashed funding to the "
            "organization.")
    found = [(e.event_type, e.source and e.source.code, e.target and e.target.code)
             for e in code(ungated, text, date="2018-09-01")]
    assert ("SANCTION", "USAGOV", "IGOUNO") in found and not any(t == "AID" for t, _, _ in found), found


def test_a_request_is_made_to_the_party_named_first(ungated) -> None:  # type: ignore[no-untyped-def]
    """What is offered, asked or given up names actors of its own ("the country's oil reserves", "released ... from
    prison"), who are not addressed; coordinated addressees are each asked."""
    found = code(ungated, "Venezuelan president Hugo Chavez has offered China wide-ranging access to the country's "
                          "oil reserves.", date="2005-01-01")
    assert [(e.event_type, e.target and e.target.text) for e in found] == [("AGREE", "China")], found
    found = code(ungated, "A court in Argentina has released former Vice President Amado Boudou from prison under "
                          "bail while he appeals a corruption conviction.", date="2019-01-01")
    assert [e.target and e.target.text for e in found if e.event_type == "RETREAT"] == [
        "former Vice President Amado Boudou"], found
    found = dyads(code(ungated, "The minister urged Britain and France to act against Iran.", date="2019-01-01"))
    assert {("REQUEST", None, "GBR"), ("REQUEST", None, "FRA")} <= found, found
    found = code(ungated, "German Chancellor Angela Merkel on Friday welcomed U.S. President Donald Trump's "
                          "invitation to Russian President Vladimir Putin to meet in Washington.", date="2018-07-20")
    assert [e.target and e.target.country for e in found if e.event_type == "SUPPORT"] == ["USA"], found


def test_foreign_agents_are_not_the_source_s(ungated) -> None:  # type: ignore[no-untyped-def]
    found = dyads(code(ungated, "Israeli officials gave an intelligence briefing to foreign ambassadors on Monday."))
    assert found and not any(g == "ISR" for _, _, g in found), found


def test_forces_on_alert_have_no_host_for_a_target(ungated) -> None:  # type: ignore[no-untyped-def]
    """A deployment's host is its target ("deployed police officers to Haiti"); an alert's place is not."""
    found = dyads(code(ungated, "NATO troops remained on alert on Sunday in Bosnian Serb territory."))
    assert ("MOBILIZE", None, None) in found and not any(g for _, _, g in found), found


@pytest.mark.parametrize(("text", "expected"), [
    ("The Nigerian opposition demanded that the Malian government release the prisoners.", ("REQUEST", "NGA", "MLI")),
    ("Turkey alleged that Syria was harbouring Kurdish rebels.", ("ACCUSE", "TUR", "SYR")),
])
def test_a_that_clause_subject_is_who_is_asked_or_accused(ungated, text: str,  # type: ignore[no-untyped-def]
                                                          expected: tuple[str, str, str]) -> None:
    found = dyads(code(ungated, text))
    assert expected in found, found
    assert {target for t, source, target in found if (t, source) == expected[:2]} == {expected[2]}, found


def test_what_a_denial_says_is_no_target(ungated) -> None:  # type: ignore[no-untyped-def]
    events = code(ungated, "Kenya's election chief denied the party was trying to hide the Ugandan president.")
    assert not [e for e in events if e.target and e.target.country == "UGA"], events


def test_who_a_time_phrase_names_is_not_refused(ungated) -> None:  # type: ignore[no-untyped-def]
    """"Declined to resign after allegations by several women": the women are not refused."""
    events = code(ungated, "The governor has declined to resign after allegations of harassment by several women.")
    assert [e for e in events if e.event_type == "REJECT"] and not [e for e in events if e.target], events


def test_a_protest_s_purpose_clause_names_what_it_protests(ungated) -> None:  # type: ignore[no-untyped-def]
    """"Started a hunger strike to protest against Russian authorities": one protest, aimed at the authorities."""
    text = "Russian opposition leader Alexei Navalny started a hunger strike to protest against Russian authorities."
    found = dyads(code(ungated, text, "2021-04-01"))
    assert ("PROTEST", "RUS", "RUS") in found, found
    assert not any(t == "ACCUSE" for t, _s, _g in found), found


@pytest.mark.parametrize(("text", "expected"), [
    ("The US imposed sanctions to punish Russia for the annexation.", ("SANCTION", "USA", "RUS")),
    ("Saudi Arabia imposed a blockade on the ports to prevent Houthi rebels from getting arms.",
     ("COERCE", "SAU", "YEM")),
    ("The United States provided $1.7 billion in humanitarian assistance to support Syrian refugees.",
     ("AID", "USA", "SYR")),
])
def test_an_act_aims_at_whom_its_purpose_names(ungated, text: str,  # type: ignore[no-untyped-def]
                                               expected: tuple[str, str, str]) -> None:
    """The purpose clause is no second act: the aid is not also a SUPPORT, the sanctions no second SANCTION."""
    found = dyads(code(ungated, text))
    assert expected in found and len(found) == 1, found


def test_signing_an_agreement_is_support_in_both_directions(ungated) -> None:  # type: ignore[no-untyped-def]
    found = dyads(code(ungated, "Japan and Vietnam signed a trade agreement in Hanoi on Tuesday."))
    assert {("SUPPORT", "JPN", "VNM"), ("SUPPORT", "VNM", "JPN")} <= found
    assert not any(t == "AGREE" for t, _, _ in found), found


@pytest.mark.parametrize(("text", "expected"), [
    ("Russian hackers launched cyber attacks on Ukrainian government websites.", "COERCE"),
    ("Russia has launched cyber warfare against Estonia.", "COERCE"),
    ("Erdogan had a phone call with Merkel on Friday.", "CONSULT"),
    ("Japan cut humanitarian aid to Myanmar.", "SANCTION"),
    ("Russia's president launched a mediation effort in the Kashmir crisis last night.", "CONSULT"),
    ("The EU confirmed a new aid package for Iraq.", "AID"),
    ("The UN commission ended mediation efforts in the dispute.", "SANCTION"),
])
def test_a_noun_compound_of_the_lexicon_is_read_whole(ungated, text: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert {t for t, _, _ in dyads(code(ungated, text))} == {expected}


def test_people_in_several_states_are_a_group_in_each(ungated) -> None:  # type: ignore[no-untyped-def]
    found = dyads(code(ungated, "The EU announced aid to help people in Somalia, Ethiopia and Kenya."))
    assert {("AID", None, "SOM"), ("AID", None, "ETH"), ("AID", None, "KEN")} <= found, found


def test_a_mediation_between_two_parties_aims_at_both(ungated) -> None:  # type: ignore[no-untyped-def]
    found = dyads(code(ungated, "Putin launched a mediation effort between India and Pakistan on Monday."))
    assert found == {("CONSULT", "RUS", "IND"), ("CONSULT", "RUS", "PAK")}, found
    # the parties may be between whom the thing mediated is
    found = dyads(code(ungated, "Qatar mediated talks between Hamas and Israel."))
    assert found == {("CONSULT", "QAT", "PSE"), ("CONSULT", "QAT", "ISR")}, found


def test_a_source_named_twice_holds_talks_once(ungated) -> None:  # type: ignore[no-untyped-def]
    """"Netanyahu said he will hold talks with Putin": the speaker and "he" are one source, so the talks have their
    partner and no second, target-less entry."""
    found = dyads(code(ungated, "In Jerusalem, Netanyahu said he will hold talks in Moscow with Russian President "
                                "Vladimir Putin on Feb. 21.", "2019-02-10"))
    assert found == {("CONSULT", "ISR", "RUS"), ("CONSULT", "RUS", "ISR")}, found


def test_an_event_noun_naming_another_noun_states_no_event(ungated) -> None:  # type: ignore[no-untyped-def]
    found = dyads(code(ungated, "Rebels attacked a convoy of UN aid workers in Darfur."))
    assert {t for t, _, _ in found} == {"ASSAULT"}


@pytest.mark.parametrize(("text", "expected"), [
    ("The Saudi-led coalition bombed the port.", {("ASSAULT", "SAU", None)}),
    ("Germany's ruling coalition rejected the plan.", {("REJECT", "DEU", None)}),
    ("Iran-backed militias attacked the base.", {("ASSAULT", None, None)}),
    ("The Yukos shareholder is living in self-imposed exile in Israel.", set()),
])
def test_an_actor_phrase_states_no_act_of_its_own(ungated, text: str,  # type: ignore[no-untyped-def]
                                                   expected: set[tuple[str, str | None, str | None]]) -> None:
    """"coalition" and "backed" are triggers, but here they name and describe the actor; "self-imposed" describes
    the exile, which is a condition, not a deportation."""
    assert dyads(code(ungated, text)) == expected


@pytest.mark.parametrize("text", [
    "Armenia and Azerbaijan blamed each other for the attack.",
    "India and Pakistan accused one another of violating the ceasefire.",
])
def test_actors_acting_on_each_other_are_each_others_targets(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    found = {(t, s, o) for t, s, o in dyads(code(ungated, text)) if t == "ACCUSE"}
    first, second = ("ARM", "AZE") if text.startswith("Armenia") else ("IND", "PAK")
    assert found == {("ACCUSE", first, second), ("ACCUSE", second, first)}


def test_a_visit_to_a_place_in_a_state_visits_the_state(ungated) -> None:  # type: ignore[no-untyped-def]
    found = dyads(code(ungated, "International Development Secretary Hilary Benn will visit Aceh in Indonesia."))
    assert ("CONSULT", "GBR", "IDN") in found


def test_where_leaders_meet_is_no_partner_in_the_meeting(ungated) -> None:  # type: ignore[no-untyped-def]
    events = code(ungated, "Israeli Prime Minister Benjamin Netanyahu met Russian President Vladimir Putin "
                           "on Wednesday at the Kremlin.")
    assert sorted((e.event_type, e.source.text if e.source else None, e.target.text if e.target else None)
                  for e in events) == [
        ("CONSULT", "Israeli Prime Minister Benjamin Netanyahu", "Russian President Vladimir Putin"),
        ("CONSULT", "Russian President Vladimir Putin", "Israeli Prime Minister Benjamin Netanyahu")]


@pytest.mark.parametrize("text", [
    "Four Taliban members met Alice Wells, a senior US state department official, at a hotel in Doha.",
    "The EU would hold talks with the Palestinian president, Mahmoud Abbas, next month.",
])
def test_a_name_and_its_appositive_are_one_actor(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    events = code(ungated, text)
    assert len(events) == 2, [(e.event_type, e.source and e.source.text, e.target and e.target.text) for e in events]
    assert {e.event_type for e in events} == {"CONSULT"}


def test_what_is_discussed_is_no_partner(ungated) -> None:  # type: ignore[no-untyped-def]
    found = dyads(code(ungated, "On Thursday, Erdogan discussed Libya with U.S. President Donald Trump by phone."))
    assert found == {("CONSULT", "TUR", "USA"), ("CONSULT", "USA", "TUR")}


@pytest.mark.parametrize(("text", "said"), [
    ("Ghana rejected a request by Togo to reopen the border.", ("REQUEST", "TGO", "GHA")),
    ("Venezuela denied the accusations made by Colombia.", ("ACCUSE", "COL", "VEN")),
    # the parser hangs the author on the answer's verb
    ("China has denied charges by the U.S. Chamber of Commerce that it steals technology.", ("ACCUSE", "USA", "CHN")),
])
def test_an_answer_to_words_tells_that_the_words_were_said(ungated, text: str, said: tuple[str, str, str]) -> None:  # type: ignore[no-untyped-def]
    found = dyads(code(ungated, text))
    assert said in found and ("REJECT", said[2], said[1]) in found


@pytest.mark.parametrize("text", [
    "The Ugandan government freed the journalist Joseph Okello, arrested last week in Kampala.",
    "Ugandan authorities released two opposition activists who had been detained since May.",
])
def test_a_release_tells_that_the_releaser_held_the_released(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    assert {t for t, source, _ in dyads(code(ungated, text)) if source == "UGA"} == {"RETREAT", "COERCE"}


@pytest.mark.parametrize("text", [
    "The UK prime minister has cancelled a planned visit to Washington amid tensions.",
    "The British foreign secretary called off his trip to Washington.",
])
def test_calling_off_a_visit_reduces_relations(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    assert ("SANCTION", "GBR", "USA") in dyads(code(ungated, text))


@pytest.mark.parametrize("text", [
    "Yemen today let free nearly three dozen activists.",
    "Yemen set free nearly three dozen activists.",
])
def test_letting_free_is_a_release(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    assert ("RETREAT", "YEM", "YEM") in dyads(code(ungated, text))


@pytest.mark.parametrize("text", [
    "The Ugandan government freed the activists, who were kidnapped by rebels in May.",
    "Uganda returned the weapons to the government of Kenya that were seized last year.",
])
def test_a_release_tells_nothing_of_a_hold_by_others_or_of_things(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    assert ("COERCE", "UGA") not in {(t, source) for t, source, _ in dyads(code(ungated, text))}


@pytest.mark.parametrize("text", [
    "Norway and Denmark have already provided their annual donations to Palestinians.",
    "Norway and Denmark delivered 300 tonnes of food to Palestinians last week.",
])
def test_the_receiver_of_a_thing_given_is_the_target(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    ruled = [e for e in code(ungated, text) if e.reading != "scored"]  # the rules', not the dyad scorer's
    assert {(t, source, target) for t, source, target in dyads(ruled)} == {("AID", "NOR", "PSE"), ("AID", "DNK", "PSE")}


@pytest.mark.parametrize(("text", "expected"), [
    ("Kenya returned six Ugandan artifacts to the government of Uganda.", {("RETREAT", "KEN", "UGA")}),
    ("Kenya returned a portrait of a young Ugandan girl to its owner.", {("RETREAT", "KEN", None)}),
    ("Kenya returned the Ugandan refugees to the border.", {("RETREAT", "KEN", "UGA")}),
])
def test_a_thing_given_back_and_whom_it_shows_are_no_target(ungated, text: str,  # type: ignore[no-untyped-def]
                                                            expected: set[tuple[str, str, str | None]]) -> None:
    """What is returned to a receiver is given, not acted on, nor is anyone it shows; people returned are."""
    assert dyads(code(ungated, text)) == expected


@pytest.mark.parametrize("text", ["Sudanese rebels and the Sudanese army violated the truce in Darfur.",
                                  "Sudanese rebels and the Sudanese army were guilty of breaching the ceasefire."])
def test_parties_violating_a_ceasefire_fight_each_other(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    """Violating a ceasefire is fighting (CAMEO 196, under 19 FIGHT), not a refusal; its co-violators are its
    parties, as GUIDELINES.md codes "X and Y clashed"."""
    found = code(ungated, text)
    assert {(e.event_type, e.cameo, e.source.code if e.source else None, e.target.code if e.target else None)
            for e in found} == {("ASSAULT", "196", "SDNREB", "SDNMIL"), ("ASSAULT", "196", "SDNMIL", "SDNREB")}


def test_withdrawing_peacekeepers_is_a_troop_withdrawal(ungated) -> None:  # type: ignore[no-untyped-def]
    found = code(ungated, "The UN withdrew its peacekeepers from southern Lebanon.")
    assert [(e.event_type, e.cameo) for e in found] == [("RETREAT", "0874")]


def test_the_body_named_by_a_building_attacked_is_no_target_of_the_criticism(ungated) -> None:  # type: ignore[no-untyped-def]
    """A building hit is its owner's, a victim as its owner would be: criticism of the attack is aimed at no one
    named (the parser hangs "UN, NATO and Kenya" on the union's name, and the dyad scorer reads the pairs)."""
    found = code(ungated, "The African Union (AU), UN, NATO and Kenya on Wednesday strongly condemned the shooting "
                          "and suicide attack on a government building in Kabul.")
    assert found and all(e.event_type == "ACCUSE" and e.target is None for e in found)


@pytest.mark.parametrize(("text", "expected"), [
    ("A crackdown on opposition supporters was launched by the Kenyan government.", ("COERCE", "KEN")),
    ("The attack on the embassy was condemned by the Kenyan government.", ("ACCUSE", "KEN")),
])
def test_who_launches_an_act_named_as_a_passive_subject_does_it(ungated, text: str,  # type: ignore[no-untyped-def]
                                                                 expected: tuple[str, str]) -> None:
    """The agent of "was launched by" carries out the act launched; the agent of another verb (one that condemns
    it) does not."""
    assert [(e.event_type, e.source.country if e.source else None) for e in code(ungated, text)] == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("The Kenyan government provided $40 million for assistance in northern Uganda.", ("AID", "KEN", "UGA")),
    ("The Kenyan government provided $40 million for assistance in northern Kenya.", ("AID", "KEN", None)),
])
def test_aid_given_in_a_foreign_state_is_aimed_at_it(ungated, text: str,  # type: ignore[no-untyped-def]
                                                      expected: tuple[str, str, str | None]) -> None:
    """Aid with no receiver named goes to the foreign state it is given in, as the annotators code it; aid at
    home names no receiver."""
    ruled = [e for e in code(ungated, text) if e.reading != "scored"]
    assert [(e.event_type, e.source.country if e.source else None, e.target.country if e.target else None)
            for e in ruled] == [expected]


def test_co_actors_act_together_not_on_each_other(ungated) -> None:  # type: ignore[no-untyped-def]
    found = dyads(code(ungated, "Britain and France condemned the attack on the convoy."))
    assert found == {("ACCUSE", "GBR", None), ("ACCUSE", "FRA", None)}


@pytest.mark.parametrize("text", ["The UN condemned the attacks on Saudi oil facilities.",
                                  "France will investigate the attacks on Saudi oil facilities."])
def test_the_victims_of_a_condemned_attack_are_no_target(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    """GUIDELINES.md and the annotators give a condemnation or an inquiry of an attack no target: the victims'
    state, inside the attacked thing's name, is not whom the words aim at."""
    assert {target for t, _, target in dyads(code(ungated, text)) if t == "ACCUSE"} == {None}


def test_an_event_nouns_of_names_its_target(ungated) -> None:  # type: ignore[no-untyped-def]
    found = dyads(code(ungated, "A Dutch court approved the extradition of the Moroccan activist Said Amrani."))
    assert found == {("COOPERATE", "NLD", "MAR")}


def test_rejecting_a_proposal_is_no_offer_to_the_one_who_rejects(ungated) -> None:  # type: ignore[no-untyped-def]
    assert {t for t, _, _ in dyads(code(ungated, "Ghana rejected the proposal by Togo."))} == {"REJECT"}


def test_police_and_courts_act_on_people_of_their_own_state(ungated) -> None:  # type: ignore[no-untyped-def]
    charged = code(ungated, "Turkish prosecutors charged three journalists with terrorism.")
    assert [(e.event_type, e.target.code if e.target else None) for e in charged] == [("ACCUSE", "TURMED")]
    detained = code(ungated, "Greek police detained 40 migrants near the border.")
    assert [e.target.country for e in detained if e.target] == [None]
    arrested = code(ungated, "The Ugandan government arrested 12 journalists.")
    assert [e.target.code for e in arrested if e.target] == ["UGAMED"]
    suspended = code(ungated, "The Kenyan government suspended aid to 300 farmers.")  # sanctions are often foreign
    assert [e.target.country for e in suspended if e.target] == [None]
    freed = code(ungated, "The Ugandan government freed 40 opposition activists.")
    assert [(e.event_type, e.target.country if e.target else None) for e in freed] == [("RETREAT", "UGA")]
    by_the_state = code(ungated, "Uganda freed 40 opposition activists.")  # a state alone is its government
    assert [(e.event_type, e.target.country if e.target else None) for e in by_the_state] == [("RETREAT", "UGA")]


def test_coordinated_targets_give_one_event_each(ungated) -> None:  # type: ignore[no-untyped-def]
    found = dyads(code(ungated, "Ghana formed a maritime security pact with Togo and Benin."))
    assert {(s, t) for _, s, t in found} >= {("GHA", "TGO"), ("GHA", "BEN")}


def test_meetings_count_in_both_directions_attacks_in_one(pipeline) -> None:  # type: ignore[no-untyped-def]
    talks = dyads(code(pipeline, "Ghana's president held talks with the Togolese foreign minister in Accra."))
    assert {("GHA", "TGO"), ("TGO", "GHA")} <= {(s, t) for e, s, t in talks if e == "CONSULT"}
    attack = dyads(code(pipeline, "Ghanaian troops shelled Togolese soldiers near the border."))
    assert ("ASSAULT", "GHA", "TGO") in attack and not any(s == "TGO" for _, s, _ in attack)


def test_a_phone_call_to_discuss_is_a_call_and_calling_on_a_request(pipeline) -> None:  # type: ignore[no-untyped-def]
    call = dyads(code(pipeline, "Ghana's president called the Togolese president on Friday to discuss the border."))
    assert {("CONSULT", "GHA", "TGO"), ("CONSULT", "TGO", "GHA")} <= call
    assert not any(t == "REQUEST" for t, _, _ in call)
    appeal = dyads(code(pipeline, "Ghana's president called on the Togolese president to reopen the border."))
    assert ("REQUEST", "GHA", "TGO") in appeal, appeal


def test_a_scheduled_meeting_is_consult_and_an_offer_to_meet_agree(pipeline) -> None:  # type: ignore[no-untyped-def]
    scheduled = dyads(code(pipeline, "Ghana's president will meet the Togolese president in Accra on Friday."))
    assert ("CONSULT", "GHA", "TGO") in scheduled and not any(t == "AGREE" for t, _, _ in scheduled), scheduled
    offered = dyads(code(pipeline, "Ghana's president offered to meet the Togolese president in Accra."))
    assert ("AGREE", "GHA", "TGO") in offered, offered


def test_sanctions_are_sanction_on_their_target(pipeline) -> None:  # type: ignore[no-untyped-def]
    sanctions = dyads(code(pipeline, "Ghana has imposed sanctions on Togolese President Faure Gnassingbe."))
    assert ("SANCTION", "GHA", "TGO") in sanctions, sanctions


def test_a_clause_under_a_denied_accusation_names_no_target(pipeline) -> None:  # type: ignore[no-untyped-def]
    found = dyads(code(pipeline, "Ghana rejected accusations that a deal allowing Togolese officers to enter "
                                 "the country had harmed dissidents."))
    assert ("REJECT", "GHA", None) in found and not any(t == "TGO" for _, _, t in found)


def test_implicit_target_is_the_host_country(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Italy had 300 soldiers stationed in Lebanon until this spring. "
            "The last Italian soldiers have now withdrawn.")
    assert ("RETREAT", "ITA", "LBN") in dyads(code(pipeline, text))


def test_undergoing_verb_makes_the_subject_the_target(pipeline) -> None:  # type: ignore[no-untyped-def]
    found = code(pipeline, "Serbia faced accusations from Kosovo of stoking unrest.")
    assert all(e.source is None or e.source.country != "SRB" for e in found)


def test_a_participle_on_the_addressee_is_the_writers(ungated) -> None:  # type: ignore[no-untyped-def]
    """"Has written to Tony Blair demanding an explanation": the parser hangs "demanding" on Blair; Howard demands."""
    found = code(ungated, "Tory leader Michael Howard has written to Tony Blair demanding an explanation of the new "
                          "rules.", "2005-01-05")
    assert {(e.event_type, e.source and e.source.code) for e in found} == {("REQUEST", "GBROPP")}


def test_a_call_faced_by_its_agent_is_aimed_at_who_faces_it(pipeline) -> None:  # type: ignore[no-untyped-def]
    """"Faced a call by X": X asks, and whoever faces the call is asked, as with "from"."""
    found = code(pipeline, "The French prime minister faced calls by opposition leaders to resign.")
    assert [(e.source.code, e.target.code) for e in found if e.source and e.target] == [("FRAOPP", "FRAGOV")]


@pytest.mark.parametrize("text", ["The government drew criticism from the Tories.",
                                  "Ministers drew condemnation from the Tories."])
def test_who_draws_criticism_undergoes_it(pipeline, text: str) -> None:  # type: ignore[no-untyped-def]
    assert ("ACCUSE", "GBR", "GBR") in dyads(code(pipeline, text, "2005-01-01"))
    assert all(e.source is not None and e.source.code == "GBROPP" for e in code(pipeline, text, "2005-01-01"))


def test_the_forces_one_joins_are_no_target(ungated) -> None:  # type: ignore[no-untyped-def]
    found = code(ungated, "Hitachi and Matsushita Electric are joining forces to share technology.", "2005-01-01")
    assert found and not any(e.target is not None and e.target.text == "forces" for e in found)


def test_criticism_of_a_record_is_aimed_at_whose_record_it_is(ungated) -> None:  # type: ignore[no-untyped-def]
    found = code(ungated, "The Tories criticised the government's record on the NHS.", "2005-01-01")
    assert [(e.event_type, e.target.code if e.target else None) for e in found] == [("ACCUSE", "GBRGOV")]


def test_an_inquiry_into_a_death_is_aimed_at_no_one_named(ungated) -> None:  # type: ignore[no-untyped-def]
    text = "The Israeli military says it has opened an investigation into the death of a 22-year-old Palestinian man."
    assert dyads(code(ungated, text)) == {("ACCUSE", "ISR", None)}


def test_no_event_without_actors_or_trigger(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert code(pipeline, "The weather in the capital was mild and the markets were calm.") == []
    assert code(pipeline, "Australia and New Zealand are islands in the Pacific.") == []


def test_event_fields_come_from_the_pinned_table(pipeline) -> None:  # type: ignore[no-untyped-def]
    [event] = [e for e in code(pipeline, "Two Indian diplomats were expelled by Pakistan on Tuesday.")
               if e.event_type == "SANCTION"]
    assert event.cameo is not None and event.cameo.startswith("16")
    assert event.quad_class == 4 and event.goldstein is not None and event.goldstein < 0
    assert event.sentence in "Two Indian diplomats were expelled by Pakistan on Tuesday."
    assert 0 < event.confidence <= 1


@pytest.mark.parametrize("text", [
    "Michael Howard criticised the government.",
    "The Tories criticised the government.",
])
def test_a_body_placed_through_the_source_s_state_is_still_a_target(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    events = code(ungated, text, "2005-03-01")
    assert [(e.event_type, e.target.code if e.target else None) for e in events] == [("ACCUSE", "GBRGOV")]


def test_the_source_s_own_troops_are_no_target(ungated) -> None:  # type: ignore[no-untyped-def]
    events = code(ungated, "Chad agreed to withdraw its troops.")
    assert events and all(e.target is None for e in events)


@pytest.mark.parametrize(("text", "said"), [
    ("The Kenyan government has ordered an investigation into Equity Bank over unpaid taxes.",
     ("ACCUSE", "KENGOV", "KENBUS")),
    ("The Ugandan government condemned the striking farmers who blocked the main road.",
     ("ACCUSE", "UGAGOV", "UGAAGR")),
    ("Boko Haram fighters killed eleven soldiers at a military base in northeastern Nigeria.",
     ("ASSAULT", "NGAREB", "NGAMIL")),
])
def test_a_government_accusing_and_rebels_attacking_act_at_home(ungated, text: str, said: tuple[str, str, str]) -> None:  # type: ignore[no-untyped-def]
    assert said in {(e.event_type, e.source and e.source.code, e.target and e.target.code) for e in code(ungated, text)}


def test_an_act_on_several_counts_once_on_those_we_cannot_place(ungated) -> None:  # type: ignore[no-untyped-def]
    found = code(ungated, "Beijing imposed sanctions on US Secretary of State Mike Pompeo, Alex Azar and Steve Bannon.")
    coded = [(e.event_type, e.source.code, e.target and e.target.country) for e in found]
    assert coded == [("SANCTION", "CHNGOV", "USA")]


def test_towns_where_an_act_happens_are_not_its_targets(ungated) -> None:  # type: ignore[no-untyped-def]
    """"blockades in Lahore, Rawalpindi, Multan and Faisalabad" is one act in four places, on no one."""
    found = code(ungated, "Punjab government imposed blockades in Lahore, Rawalpindi, Multan and Faisalabad.")
    assert len(found) == 1 and found[0].target is None


@pytest.mark.parametrize(("text", "expected"), [
    ("Indian and Pakistani officials met in Geneva on Monday.", {("IND", "PAK"), ("PAK", "IND")}),
    ("Chile and Peru's navies signed a cooperation pact.", {("CHL", "PER"), ("PER", "CHL")}),
    ("The foreign ministers of India and Pakistan met in Geneva on Monday.", {("IND", "PAK"), ("PAK", "IND")}),
    ("Erdogan held talks with the leaders of France, Germany and Britain.",
     {(a, b) for other in ("FRA", "DEU", "GBR") for a, b in (("TUR", other), (other, "TUR"))}),
])
def test_states_coordinated_with_a_head_are_one_actor_each(ungated, text: str, expected: set) -> None:  # type: ignore[no-untyped-def,type-arg]
    """"Israeli and Palestinian leaders met", "the leaders of France, Germany and Britain": each state's
    leaders, meeting the other's."""
    assert {(source, target) for _, source, target in dyads(code(ungated, text))} == expected


def test_an_organization_named_twice_is_one_actor(ungated) -> None:  # type: ignore[no-untyped-def]
    """"The NATO alliance" and "its peacekeeping force" are NATO's both: its agreement aims at no one, not at itself."""
    found = code(ungated, "The NATO alliance has agreed to an expansion of its peacekeeping force in Afghanistan.",
                 date="2003-08-11")
    assert {(e.source.code if e.source else None, e.target.code if e.target else None) for e in found} == \
        {("IGONAT", None)}, found


def test_members_of_a_body_named_by_its_modifiers_act_for_it(ungated) -> None:  # type: ignore[no-untyped-def]
    """"Inspectors for the United Nations nuclear monitoring agency" are the UN's: the parser hangs "United Nations"
    on "agency" as a modifier of its own, not a compound."""
    found = code(ungated, "Two inspectors for the United Nations nuclear monitoring agency have been expelled from "
                 "North Korea amid an escalating standoff over the regime's recent rocket launch.", date="2012-04-17")
    assert {(e.source.code if e.source else None, e.target.code if e.target else None) for e in found
            if e.event_type == "SANCTION"} == {("PRK", "IGOUNO")}, found


def test_a_state_and_its_body_side_by_side_before_an_act_are_one_actor(ungated) -> None:  # type: ignore[no-untyped-def]
    """The parser hangs "Syrian" and "regime" each on "strikes": one actor, not two fighting each other."""
    found = code(ungated, "Syrian regime air strikes hit the enclave, killing 32 civilians.")
    assert found and {(e.source.code if e.source else None) for e in found} == {"SYRGOV"}, found


@pytest.mark.parametrize("text", [
    "Macron firmly rejected any military solution to the North Korean crisis.",
    "Iran's ambassador rejected a military solution for the Syrian crisis.",
])
def test_a_state_that_says_where_a_crisis_is_is_no_target(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    """A crisis, a conflict or an outbreak qualified by a state is where it is (GUIDELINES.md: "a place named
    only as a location is not a target"); the state is not the one rejected."""
    found = code(ungated, text)
    assert found and all(e.target is None for e in found), found


def test_agents_named_by_a_bare_plural_are_the_salient_states(ungated) -> None:  # type: ignore[no-untyped-def]
    found = code(ungated, "Kenya's president spoke in Nairobi on Monday. Ministers condemned the opposition's plans.")
    assert ("ACCUSE", "KEN", "KEN") in dyads(found)


def test_a_mobilization_moves_its_own_forces_it_does_not_target_them(ungated) -> None:  # type: ignore[no-untyped-def]
    found = code(ungated, "Bolivian President Evo Morales sent in troops and police to restore order.")
    assert [(e.event_type, e.target) for e in found if e.event_type == "MOBILIZE"] == [("MOBILIZE", None)]


def test_allies_attack_together_foes_fight_each_other(ungated) -> None:  # type: ignore[no-untyped-def]
    """Coordinated subjects of a fight word fight each other; those of any other attack do it together (data/deeds.tsv,
    fight)."""
    allies = dyads(code(ungated, "Syrian and Russian jets bombed rebel positions in Idlib."))
    assert allies and not {("ASSAULT", "SYR", "RUS"), ("ASSAULT", "RUS", "SYR")} & allies, allies
    foes = dyads(code(ungated, "Israel and Hamas fought a war in 2014."))
    assert {("ASSAULT", "ISR", "PSE"), ("ASSAULT", "PSE", "ISR")} <= foes, foes


def test_whom_a_complaint_is_lodged_with_is_not_accused(ungated) -> None:  # type: ignore[no-untyped-def]
    found = dyads(code(ungated, "A Lebanese lawyer filed a complaint with the U.N. Human Rights Council against the "
                                "Lebanese state."))
    assert found == {("ACCUSE", "LBN", "LBN")}, found
    # with no one it is against, whom it is lodged with is aimed at
    assert ("ACCUSE", "JPN", "CHN") in dyads(code(ungated, "Japan lodged a protest with Beijing over the detention."))


def test_a_loan_from_a_lender_of_states_is_aid(ungated) -> None:  # type: ignore[no-untyped-def]
    """CAMEO 071 (provide economic aid) includes credit: a loan is aid, not economic cooperation (061)."""
    found = code(ungated, "The World Bank approved a $500 million loan to Kenya to support budget reforms.")
    assert [(e.event_type, e.source.code, e.target.code if e.target else None) for e in found] == [
        ("AID", "IGOWBK", "KEN")], [e.to_dict() for e in found]


@pytest.mark.parametrize(("text", "source", "target"), [
    ("Chinese President Xi Jinping held talks with visiting Vietnamese Prime Minister Pham Minh Chinh in Beijing.",
     "CHN", "VNM"),
    ("The Iranian foreign minister arrived in Damascus on Saturday for a two-day visit.", "IRN", "SYR"),
    ("The French president travelled to Kenya on a state visit.", "FRA", "KEN"),
])
def test_a_visit_names_whom_it_visits(ungated, text: str, source: str, target: str) -> None:  # type: ignore[no-untyped-def]
    """The guest the parser makes the object of "visiting" is the partner; a visit one arrives for is made to the
    place arrived at, by whoever arrives (not by the "state" of a state visit)."""
    assert ("CONSULT", source, target) in dyads(code(ungated, text)), dyads(code(ungated, text))


@pytest.mark.parametrize("text", ["The Kenyan government deployed police officers to Haiti.",
                                  "Kenya sent 400 police officers to Haiti."])
def test_forces_sent_abroad_are_the_means_not_the_target(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    """Whether typed as a mobilization or as aid (personnel provided), the state's own police go; Haiti is where."""
    found = dyads(code(ungated, text))
    assert found and {g for _, _, g in found} == {"HTI"}, found


def test_a_person_and_the_pronoun_that_stands_for_them_are_one_source(ungated) -> None:  # type: ignore[no-untyped-def]
    found = code(ungated, "Tory leader Michael Howard said he would not back the Home Secretary's plans.",
                 date="2005-01-10")
    assert [(e.event_type, e.source.code) for e in found] == [("REJECT", "GBROPP")]


@pytest.mark.parametrize(("text", "source", "target"), [
    ("The talks between Israel and the Palestinians resumed in Cairo on Monday.", "ISR", "PSE"),
    ("The summit between Russia and China failed to produce a joint statement.", "RUS", "CHN"),
    ("Ethiopia issued a warning to Egypt after months of negotiations with Sudan.", "ETH", "SDN"),
    ("Toyota is in talks with General Motors about a joint venture in Brazil.", "JPN", "USA"),
    # The copula's subject talks, whatever else the sentence holds.
    ("Kenya's finance minister, who was not at the State House meeting, says he has been in talks with Uganda.",
     "KEN", "UGA"),
])
def test_a_meeting_noun_is_a_meeting_of_its_partners(ungated, text: str, source: str,  # type: ignore[no-untyped-def]
                                                      target: str) -> None:
    """"The talks between X and Y", "after talks with Y" (the clause's subject talks), "is in talks with Y":
    CONSULT both ways, whatever the sentence's verb says of the talks."""
    consults = {(e.source.country if e.source else None, e.target.country if e.target else None)
                for e in code(ungated, text) if e.event_type == "CONSULT"}
    assert {(source, target), (target, source)} <= consults


@pytest.mark.parametrize("text", [
    "Iran's foreign minister slammed Saudi Arabia over the executions.",
    "The Chinese embassy lambasted Australia for its remarks.",
    "Turkey's president derided Greece over the migrant crisis.",
    "The Conservatives labelled Labour's posters a big misjudgement.",
    "Iran's foreign minister rubbished the French president's remarks.",
])
def test_a_verb_of_criticism_is_an_accusation(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "ACCUSE" in {e.event_type for e in code(ungated, text)}


def test_partners_in_a_joint_act_are_not_replaced_by_where_it_happens(ungated) -> None:  # type: ignore[no-untyped-def]
    """"In Pretoria" is where the deal is signed: South Africa signs nothing."""
    events = code(ungated, "Ethiopia and the TPLF signed a peace deal in Pretoria.")
    pairs = {(e.source.code if e.source else None, e.target.code if e.target else None) for e in events}
    assert ("ETH", "ETHREB") in pairs and not any("ZAF" in (s or "") + (t or "") for s, t in pairs)


@pytest.mark.parametrize("text", [
    "The US sent two aircraft carriers to the eastern Mediterranean.",
    "Britain sent warships to the Gulf.",
    "France sent more soldiers to Mali.",
])
def test_forces_sent_are_a_deployment(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "MOBILIZE" in {e.event_type for e in code(ungated, text)}


def test_the_head_of_a_state_named_by_description_is_of_that_state(ungated) -> None:  # type: ignore[no-untyped-def]
    events = code(ungated, "The foreign minister of the Gulf state of Qatar condemned the attack.")
    assert any(e.source and e.source.code == "QATGOV" for e in events)


def test_a_lower_case_word_tagged_as_a_name_is_read_as_a_role(ungated) -> None:  # type: ignore[no-untyped-def]
    events = code(ungated, "The ministry said the Afghan charge d'affaires had been summoned to protest the shelling.")
    assert any(e.target and e.target.code == "AFGGOV" for e in events)


@pytest.mark.parametrize("text", [
    "German Chancellor Olaf Scholz called Polish President Andrzej Duda on Monday to thank him for his support.",
    "Nigeria's president called the president of Ghana and urged him to reopen the border.",
])
def test_a_phone_call_is_a_consultation_whatever_it_was_for(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    """The guidelines code the call (CONSULT, both ways) and what was said in it apart; PLV, whose classifier
    types the call by its purpose, does not (`event_types.GUARDED_CHANGES`)."""
    consults = {(e.source.country, e.target.country if e.target else None)
                for e in code(ungated, text) if e.event_type == "CONSULT" and e.source}
    assert len({pair for pair in consults if None not in pair}) >= 2


@pytest.mark.parametrize(("text", "expected"), [
    ("Kenyan marines seized the Somali fishing vessel off the coast of Lamu.", "COERCE"),
    ("Troops loyal to the president blockaded his rival's headquarters on Monday.", "COERCE"),
    ("Rebel fighters overran an army base in northern Mali, killing 17 soldiers.", "ASSAULT"),
])
def test_a_seizure_is_coercion_and_overrunning_a_base_an_assault(ungated, text: str,  # type: ignore[no-untyped-def]
                                                                 expected: str) -> None:
    """PLOVER's COERCE/seize and restrict are not fighting, whatever PLV's classifier reads."""
    assert expected in {e.event_type for e in code(ungated, text)}


@pytest.mark.parametrize("text", [
    "Venezuela's government rejected a call from the European Union to hold new elections.",
    "Venezuela's government rejected the EU's call to hold new elections.",
])
def test_a_call_to_act_is_a_request_its_refusal_answers(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    assert {("REJECT", "VEN", "IGOEEC"), ("REQUEST", "IGOEEC", "VEN")} <= {
        (e.event_type, e.source.country if e.source else None, e.target.code if e.target else None)
        if e.event_type == "REJECT" else
        (e.event_type, e.source.code if e.source else None, e.target.country if e.target else None)
        for e in code(ungated, text)}


def test_a_phone_call_noun_is_a_consultation(ungated) -> None:  # type: ignore[no-untyped-def]
    events = code(ungated, "The leaders of Japan and South Korea discussed trade in a phone call on Tuesday.")
    assert "CONSULT" in {e.event_type for e in events} and "REQUEST" not in {e.event_type for e in events}


@pytest.mark.parametrize("text", [
    "Indian troops remained on alert on Tuesday in Pakistani-administered territory.",
    "Greek troops remained on alert on Sunday in Turkish Cypriot territory.",
])
def test_where_forces_stand_on_alert_is_no_target(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    mobilizations = [e for e in code(ungated, text) if e.event_type == "MOBILIZE"]
    assert mobilizations and all(e.target is None for e in mobilizations)


@pytest.mark.parametrize(("text", "expected"), [
    ("Two opposition activists were arrested in Belarus on Saturday.", ("COERCE", "BLR", "BLR")),
    # the place of the arrest, not the nationality of the arrested, says whose police arrested
    ("A British aid worker was detained in Iran last month.", ("COERCE", "IRN", "GBR")),
    # a passive participle's noun is who undergoes it
    ("The envoy met a Chinese activist jailed for subversion.", ("COERCE", "CHN", "CHN")),
    ("Three Kenyan journalists were convicted of sedition.", ("SANCTION", "KEN", "KEN")),
    ("Three Kenyan journalists were charged with sedition on Monday.", ("ACCUSE", "KEN", "KEN")),
    # a town names its state, which its mention does not carry
    ("A woman was arrested in Johannesburg on Tuesday.", ("COERCE", "ZAF", "ZAF")),
    ("The opposition leader was jailed in Kaduna.", ("COERCE", "NGA", "NGA")),
])
def test_an_arrest_no_one_is_named_for_is_the_states(ungated, text: str,  # type: ignore[no-untyped-def]
                                                     expected: tuple[str, str, str]) -> None:
    """A passive arrest, sentence, charge or release with no agent: its source is the state's police, court
    or government, named by no words of the sentence."""
    found = [e for e in code(ungated, text) if e.source is not None and e.source.text == ""]
    assert {(e.event_type, e.source.country, e.target.country if e.target else None) for e in found} == {expected}
    assert all(e.source.sector in ("COP", "JUD", "GOV") and e.source.span[0] == e.source.span[1] for e in found)


@pytest.mark.parametrize("text", [
    "Two soldiers were killed in Belarus on Saturday.",
    "Two opposition activists were arrested by police in Belarus on Saturday.",
    "The president was ousted in Belarus in 1994.",
])
def test_no_source_is_implied_for_other_acts_or_named_agents(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not [e for e in code(ungated, text) if e.source is not None and e.source.text == ""]



@pytest.mark.parametrize("text", [
    "Britain deported 20 migrants to Albania on Monday.",
    "Malaysia deported 1,086 Myanmar migrants to Myanmar, breaking a court order.",
])
def test_where_deportees_are_sent_is_no_target(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    """"Deported 20 migrants to Albania" is done to the migrants: the state they are sent to is acted on by no
    one."""
    deportations = [e for e in code(ungated, text) if e.event_type == "COERCE"]
    assert deportations and all(e.target is not None and e.target.sector == "REF" for e in deportations)


@pytest.mark.parametrize(("text", "target"), [
    ("The Syrian government imposed a curfew on Damascus on Friday.", None),
    ("The Iraqi government imposed a curfew on Baghdad.", None),
    ("Russia imposed a curfew on Kyiv.", "UKR"),
])
def test_a_restriction_on_a_place_at_home_has_no_target(ungated, text: str, target: str | None) -> None:  # type: ignore[no-untyped-def]
    assert {g for t, _, g in dyads(code(ungated, text)) if t == "COERCE"} == {target}


@pytest.mark.parametrize("text", [
    "Kenyan authorities imposed a curfew to stop fresh demonstrations in Nairobi.",
    "Police in Zimbabwe fired teargas to break up the protests on Monday.",
])
def test_who_stops_a_protest_does_not_protest(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "PROTEST" not in {t for t, _, _ in dyads(code(ungated, text))}


def test_mediators_do_not_mediate_between_themselves(ungated) -> None:  # type: ignore[no-untyped-def]
    """"Chile and Peru signed a pact" is an act on each other; co-mediators act on the parties they mediate
    between, never on each other."""
    found = dyads(code(ungated, "Norway and Qatar mediated between the government and the rebels."))
    assert ("CONSULT", "NOR", None) in found and ("CONSULT", "NOR", "QAT") not in found, found
    # nor when the mediation is the object of another verb of meeting
    found = {(e.source.code if e.source else None, e.target.code if e.target else None) for e in code(
        ungated, "The African Union and the Arab League hosted a mediation session last month.")}
    assert ("IGOAFU", "IGOARL") not in found and ("IGOAFU", None) in found, found
    # nor when they are the agents of a passive mediation
    found = dyads(code(ungated, "Negotiators met in Cairo for indirect talks mediated by Egypt and Qatar."))
    assert ("CONSULT", "EGY", None) in found and ("CONSULT", "EGY", "QAT") not in found, found


@pytest.mark.parametrize("text", [
    "The African Union hosted talks in Addis Ababa.",
    "The African Union hosted a mediation session in Addis Ababa, Ethiopia in December.",
])
def test_where_a_host_holds_a_meeting_is_no_guest(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    """A host (CAMEO 043) meets in its own place: the city or state it hosts in is not whom it meets."""
    found = dyads(code(ungated, text))
    assert found and all(t == "CONSULT" and g is None for t, _, g in found), found


def test_a_relative_pronoun_the_parse_misplaces_is_no_reporter(ungated) -> None:  # type: ignore[no-untyped-def]
    """"The army says it has opened an inquiry": the pronoun is the reporter; "that" read as a clause's subject
    is a misplaced relative pronoun, and the invasion it stands for is not the reporter's act."""
    text = ("The interim government rejected accusations it has denied legal representation to 40 people arrested "
            "after the invasion last October that ousted a hardline Marxist regime.")
    assert "SANCTION" not in {t for t, _, _ in dyads(code(ungated, text))}


@pytest.mark.parametrize(("text", "wanted", "unwanted"), [
    ("Italy has offered to US an armored regiment, attack helicopters and fighter jets.", "USA", "USAMIL"),
    ("Russia supplied Syria with fighter jets.", "SYR", "SYRMIL"),
])
def test_what_is_given_is_no_target(ungated, text: str, wanted: str, unwanted: str) -> None:  # type: ignore[no-untyped-def]
    """Warplanes are forces when they act; given, they are things: the receiver is the target."""
    targets = {e.target.code for e in code(ungated, text) if e.target}
    assert wanted in targets and unwanted not in targets, targets


def test_charges_faced_from_no_one_are_the_states(ungated) -> None:  # type: ignore[no-untyped-def]
    """A charge faced with no accuser named is brought by the state's courts, as a passive arrest is its police's."""
    found = dyads(code(ungated, "The Greek sprinter Tzekos is also facing charges.", "2005-01-01"))
    assert ("ACCUSE", "GRC", "GRC") in found, found


def test_who_is_charged_with_an_act_does_it(ungated) -> None:  # type: ignore[no-untyped-def]
    """"Charged nine suppliers with helping Ahold": the suppliers helped, not the prosecutors."""
    text = "US prosecutors have charged nine food suppliers with helping Dutch retailer Ahold inflate earnings."
    assert ("AID", "USA", "NLD") not in dyads(code(ungated, text, "2005-01-01"))


def test_talks_an_adjunct_names_are_held_by_the_clause_s_joint_subjects(ungated) -> None:  # type: ignore[no-untyped-def]
    events = code(ungated, "After negotiations over many months, Pakistan and the IMF have reached an agreement.")
    consult = {(e.source.code, e.target.code) for e in events if e.event_type == "CONSULT" and e.source and e.target}
    assert consult == {("PAK", "IGOIMF"), ("IGOIMF", "PAK")}


def test_an_act_noun_s_agent_hung_on_its_object_still_acts(ungated) -> None:  # type: ignore[no-untyped-def]
    events = code(ungated, "The expulsion of a Russian diplomat by Bulgaria angered Moscow.")
    assert ("SANCTION", "BGR", "RUS") in dyads(events)


def test_an_idiom_s_own_word_is_no_partner(ungated) -> None:  # type: ignore[no-untyped-def]
    text = ("Consumer electronics giants Hitachi and Zentrovix Electric are joining forces to share and develop "
            "technology for flat screen televisions.")
    assert not any(e.target and e.target.text == "forces" for e in code(ungated, text, "2005-01-01"))


def test_who_resigns_is_the_resignation_s_of_object(ungated) -> None:  # type: ignore[no-untyped-def]
    text = "The scandal prompted the resignation of Egyptian Foreign Minister Sameh Shoukry."
    events = code(ungated, text, "2019-01-01")
    retreats = [e for e in events if e.event_type == "RETREAT"]
    assert retreats and all(e.source and e.source.code == "EGYGOV" and e.target is None for e in retreats)
    events = code(ungated, "The scandal led to the resignation of the Jordanian prime minister.", "2019-01-01")
    assert ("RETREAT", "JOR", None) in dyads(events)


def test_an_office_holder_is_not_the_body_that_takes_his_state(ungated) -> None:  # type: ignore[no-untyped-def]
    events = code(ungated, "The mayor of Guatemala had demanded support from the national government.")
    assert ("REQUEST", "GTM", "GTM") in dyads(events)


def test_a_meal_with_someone_is_a_meeting(ungated) -> None:  # type: ignore[no-untyped-def]
    text = ("Former U.S. President Barack Obama is ending a five-day trip in Paris, where he had lunch with French "
            "President Emmanuel Macron.")
    assert {("CONSULT", "USA", "FRA"), ("CONSULT", "FRA", "USA")} <= dyads(code(ungated, text, "2018-01-01"))


def test_what_talks_are_on_is_their_topic_not_a_party(ungated) -> None:  # type: ignore[no-untyped-def]
    found = dyads(code(ungated, "Britain and France held talks on Syria.", "2019-01-01"))
    assert {("CONSULT", "GBR", "FRA"), ("CONSULT", "FRA", "GBR")} <= found
    assert not any("SYR" in (source, target) for _, source, target in found)
    assert ("SANCTION", "USA", "IRN") in dyads(code(ungated, "The US imposed sanctions on Iran.", "2019-01-01"))


@pytest.mark.parametrize(("text", "source"), [
    ("The head of the UN refugee agency urged donor countries to speed up their funding.", "IGOUNOREF"),
    ("The chairman of the African Union Commission has condemned the attacks.", "IGOAFU"),
])
def test_the_head_of_a_body_acts_for_it(ungated, text: str, source: str) -> None:  # type: ignore[no-untyped-def]
    """"Head" or "chairman" is no agent noun with a sector of its own: the body after its "of" is the actor."""
    found = code(ungated, text)
    assert [e.source.code for e in found if e.source] == [source], found


def test_a_head_s_own_state_comes_before_its_of(ungated) -> None:  # type: ignore[no-untyped-def]
    found = code(ungated, "The Polish head of state will meet German President Frank-Walter Steinmeier.")
    assert "POL" in {e.source.country for e in found if e.source}, found


@pytest.mark.parametrize(("text", "source"), [
    ("Labour MP Louise Ellman said the hypnotism image was insensitive but urged people not to rush to call things "
     "anti-Semitic.", "GBRLEG"),
    ("Michael Howard said the plan was flawed and criticised Tony Blair.", "GBROPP"),
])
def test_a_speaker_goes_on_with_words_of_his_own(ungated, text: str, source: str) -> None:  # type: ignore[no-untyped-def]
    """The parser hangs "urged" on the reported "was insensitive"; the speaker, not the poster, urges."""
    found = code(ungated, text, date="2005-01-10")
    assert [e.source.code for e in found if e.source and e.event_type in ("REQUEST", "ACCUSE")] == [source], found


def test_a_passive_s_agent_hung_on_its_adjunct_still_acts(ungated) -> None:  # type: ignore[no-untyped-def]
    """"released without charge by UK police": the parser hangs "by UK police" on "charge"; the police release,
    and a release without charge charges no one."""
    found = code(ungated, "Four British detainees were released without charge by UK police on their return from Cuba.",
                 date="2005-01-10")
    assert {(e.event_type, e.source.code if e.source else None) for e in found} == {("RETREAT", "GBRCOP")}, found


def test_a_scored_pair_does_not_add_a_second_source_to_the_rules_event(ungated) -> None:  # type: ignore[no-untyped-def]
    """The rules found who urged Israel; the refugees the agency is for do not urge too (the dyad scorer paired them
    with Israel through the same trigger). Coordinated subjects still act each."""
    text = "The head of the UN agency for Palestinian refugees urged Israel to lift the blockade."
    found = dyads(code(ungated, text))
    assert {d for d in found if d[0] == "REQUEST"} == {("REQUEST", None, "ISR")}, found
    found = dyads(code(ungated, "Britain and France urged Israel to lift the blockade."))
    assert {d for d in found if d[0] == "REQUEST"} == {("REQUEST", "GBR", "ISR"), ("REQUEST", "FRA", "ISR")}, found


@pytest.mark.parametrize("text", [
    "Some 163 Chinese peacekeepers arrived in South Sudan on Thursday for a peacekeeping mission.",
    "Iranian striker Vahid Hashemian will not travel to Israel for the match.",
])
def test_an_arrival_or_a_journey_is_no_visit(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "CONSULT" not in {t for t, _, _ in dyads(code(ungated, text))}


def test_what_an_act_is_for_or_aimed_at_does_not_do_it(ungated) -> None:  # type: ignore[no-untyped-def]
    """The dyad scorer paired the troops asked for with the hostage who asks; the object of the trigger's "for"
    is what is asked for, never the one who asks."""
    text = ("Margaret Hassan, the head of CARE International in Iraq, was kidnapped last month. The latest footage "
            "showed Mrs Hassan asking for British troops to be pulled out of Iraq.")
    found = code(ungated, text, date="2005-01-10")
    assert not [e for e in found if e.source and e.source.code == "GBRMIL"], found
    found = code(ungated, "He also called for reform of the United Nations, the World Bank and the IMF.")
    assert not [e for e in found if e.source and e.source.code.startswith("IGO")], found


def test_co_subjects_act_on_each_other_only_when_nothing_else_is_acted_on(ungated) -> None:  # type: ignore[no-untyped-def]
    """"Both Russia and the Syrian government have welcomed the OPCW visit": co-actors welcoming the OPCW's visit,
    not welcoming each other; "Trump and Putin have agreed to share information on North Korea": the agreement
    is between the two, and North Korea is what it is about."""
    found = dyads(code(ungated, "Both Russia and the Syrian government have welcomed the OPCW visit."))
    assert not [d for d in found if d[1] == "RUS" and d[2] == "SYR"], found
    found = dyads(code(ungated, "Trump and Putin have agreed to share information on North Korea.", date="2019-03-10"))
    assert {d for d in found if d[0] == "AGREE"} == {("AGREE", "USA", "RUS"), ("AGREE", "RUS", "USA")}, found


def test_whom_words_speak_of_is_not_aimed_at_by_their_answer(ungated) -> None:  # type: ignore[no-untyped-def]
    """The dyad scorer paired the minister with the migrants the Tories' call is about; the refusal answers the
    Tories, who made the call."""
    text = ("Home Secretary Charles Clarke set out the plan on Monday. But he rejected the Tories' call for a quota on "
            "economic migrants, saying no \"arbitrary figure\" could reflect the UK's needs.")
    found = code(ungated, text, date="2005-01-10")
    assert [e.target.code for e in found if e.event_type == "REJECT" and e.target] == ["GBROPP"], found


@pytest.mark.parametrize(("text", "expected"), [
    ("The Commons has approved the measures despite considerable opposition.", ["SUPPORT"]),
    ("A chief constable has backed the introduction of 24-hour drinking.", ["SUPPORT"]),
    ("Nepal's government accepts the key demands by protesters.", ["CONCEDE", "REQUEST"]),
    ("President Gloria Arroyo of the Philippines has pardoned former president Joseph Estrada.", ["RETREAT"]),
])
def test_approving_is_no_yielding_and_a_pardon_frees(ungated, text: str,  # type: ignore[no-untyped-def]
                                                     expected: list[str]) -> None:
    """PLV's classifier reads a yielding into approvals and acceptances near a release or a resignation: an
    approval stays one, an accepted demand is conceded (CONCEDE, PLV's YIELD), and a pardon is the release the
    annotators code."""
    assert sorted(e.event_type for e in code(ungated, text, date="2005-01-01")) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The US criticised China over Taiwan.", {("ACCUSE", "USA", "CHN")}),
    ("The Kenyan opposition attacked the government over Somalia and its poor response to the drought.",
     {("ACCUSE", "KEN", "KEN")}),
])
def test_what_a_criticism_of_someone_is_over_is_its_topic(ungated, text: str,  # type: ignore[no-untyped-def]
                                                          expected: set[tuple[str, str, str]]) -> None:
    """"Criticised China over Taiwan" accuses China only: what a criticism or an attack with an actor as its
    object is over or about names no second target."""
    assert dyads(code(ungated, text)) == expected


def test_a_state_s_people_abroad_are_the_target_not_where_they_are(ungated) -> None:  # type: ignore[no-untyped-def]
    """"Urged Americans in Bosnian Serb territory to leave" asks Americans; "closed its embassy in Niger" still
    acts on Niger."""
    events = code(ungated, "The U.S. Embassy urged Americans in Bosnian Serb territory to leave.", "1995-06-01")
    requests = [e for e in events if e.event_type == "REQUEST"]
    assert requests and all(e.target is not None and e.target.country == "USA" for e in requests), requests
    closed = code(ungated, "The United States closed its embassy in Niger.")
    assert any(e.target is not None and e.target.country == "NER" for e in closed), closed


def test_a_name_the_parser_strands_after_loyal_to_is_no_second_subject(ungated) -> None:  # type: ignore[no-untyped-def]
    """The parser may leave "to" without its object and read "Riek Machar" as a second subject of "attacked": the
    rebels loyal to him attacked, he did not, and they are his state's."""
    events = code(ungated, "Rebels loyal to former vice president Riek Machar attacked a town.", date="2018-06-01")
    assert [(e.event_type, e.source.code if e.source else None, e.target) for e in events] == [
        ("ASSAULT", "SSDREB", None)]


def test_the_group_a_spokesman_speaks_for_is_the_body_that_acts(ungated) -> None:  # type: ignore[no-untyped-def]
    """"A Taliban spokesman said the group had attacked …": the group is the Taliban, an armed body, so its attack is
    an attack (not the speaker's words against the police) and the group, not the spokesman, carries it out."""
    text = "A Taliban spokesman said the group had attacked a police checkpoint in Helmand province."
    events = code(ungated, text, date="2008-06-01")
    assert [(e.event_type, e.source.code, e.source.text) for e in events if e.source] == [
        ("ASSAULT", "AFGREB", "the group")], [e.to_dict() for e in events]


def test_students_violence_is_done_to_are_of_the_state_where_it_is_done(ungated) -> None:  # type: ignore[no-untyped-def]
    """As civilians are, students abducted from a school in Kaduna state are Nigeria's."""
    events = code(ungated, "Gunmen abducted more than 100 students from a school in Kaduna state.", date="2021-03-01")
    assert [e.target.code for e in events if e.target and e.target.text == "more than 100 students"] == ["NGAEDU"]


def test_a_reporter_of_the_same_code_adds_no_second_event(ungated) -> None:  # type: ignore[no-untyped-def]
    """"The Pentagon said U.S. forces carried out an airstrike": the rules code the forces' strike; the scorer's
    pair with the reporter, of the same code, is the same dyad again."""
    found = [(e.event_type, e.source.code if e.source else None, e.target.code if e.target else None) for e in code(
        ungated, "The Pentagon said U.S. forces carried out an airstrike against al-Shabaab near Kismayo.")]
    assert found == [("ASSAULT", "USAMIL", "SOMREB")], found


@pytest.mark.parametrize(("text", "wrong_type"), [
    ("The United Nations expressed alarm over reports of mass arrests of opposition supporters in Belarus.", "COERCE"),
    ("The United Nations expressed alarm over reports of attacks on civilians in Darfur.", "ASSAULT"),
])
def test_who_speaks_of_an_act_does_not_do_it(ungated, text: str, wrong_type: str) -> None:  # type: ignore[no-untyped-def]
    """Alarm or concern "over" an act is criticism of it, by an actor that did not do it."""
    found = [(e.event_type, e.source.code if e.source else None) for e in code(ungated, text)]
    assert ("ACCUSE", "IGOUNO") in found and not any(t == wrong_type for t, _ in found), found


def test_the_detained_are_no_target_of_the_criticism_of_their_detention(ungated) -> None:  # type: ignore[no-untyped-def]
    found = dyads(code(ungated, "The United Nations condemned the mass arrests of opposition supporters in Belarus."))
    assert not any(g == "BLR" for t, _, g in found if t == "ACCUSE"), found


def test_the_kingdom_is_the_monarchy_named_before(ungated) -> None:  # type: ignore[no-untyped-def]
    found = dyads(code(ungated, "Canada recalled its ambassador from Saudi Arabia after the kingdom expelled the "
                                "Canadian envoy."))
    assert ("SANCTION", "SAU", "CAN") in found and ("SANCTION", "CAN", "CAN") not in found, found


def test_sanctions_a_participle_imposes_are_a_sanction(ungated) -> None:  # type: ignore[no-untyped-def]
    found = dyads(code(ungated, "Venezuela rejected the sanctions imposed by Washington as illegal."))
    assert ("SANCTION", "USA", None) in found and ("REJECT", "USA", None) not in found, found


def test_who_evades_sanctions_does_not_impose_them(ungated) -> None:  # type: ignore[no-untyped-def]
    found = dyads(code(ungated, "The Treasury Department blacklisted four companies for helping North Korea evade "
                                "sanctions."))
    assert not any(s == "PRK" for _, s, _ in found) and not any(t == "AID" for t, _, _ in found), found


def test_a_town_taken_from_a_group_is_no_member_of_it(ungated) -> None:  # type: ignore[no-untyped-def]
    article = ungated.code(Article(text="Somali forces retook the town of Harardhere from al-Shabaab.",
                                   date="2023-06-01"))
    town = next(m for m in article.mentions if m.text == "Harardhere")
    assert town.kind == "location" and town.code is None, town


def test_talks_one_arrives_for_are_held(ungated) -> None:  # type: ignore[no-untyped-def]
    found = dyads(code(ungated, "Chinese President Xi Jinping arrived in Moscow on Monday for talks with Vladimir "
                                "Putin."))
    assert ("CONSULT", "CHN", "RUS") in found, found


def test_aid_pledged_as_a_sum_goes_to_its_receiver(ungated) -> None:  # type: ignore[no-untyped-def]
    found = dyads(code(ungated, "France and Germany pledged 1 billion euros in aid to Ukraine."))
    assert ("AGREE", "FRA", "UKR") in found and ("AGREE", "FRA", "DEU") not in found, found


def test_an_arrest_outside_a_residence_is_not_aimed_at_its_owner(ungated) -> None:  # type: ignore[no-untyped-def]
    found = code(ungated, "Israeli police detained dozens of demonstrators outside Prime Minister Benjamin "
                          "Netanyahu's residence.")
    assert [e.target.code for e in found if e.event_type == "COERCE" and e.target] == ["ISRCVL"], found


def test_blocking_roads_is_a_protest(ungated) -> None:  # type: ignore[no-untyped-def]
    found = code(ungated, "Hundreds of farmers blocked roads in Brussels to protest against EU agricultural policies.")
    assert {e.event_type for e in found} == {"PROTEST"}, found


def test_whom_a_rejected_request_is_for_did_not_make_it(ungated) -> None:  # type: ignore[no-untyped-def]
    found = dyads(code(ungated, "A German court on Thursday rejected an extradition request for Catalonia's former "
                                "leader Carles Puigdemont on the charge of rebellion.", "2018-04-06"))
    assert not any(t == "REQUEST" for t, _, _ in found), found


def test_the_state_beyond_a_border_is_where_not_whom(ungated) -> None:  # type: ignore[no-untyped-def]
    found = dyads(code(ungated, "The Kurds said Baghdad's forces had attacked their fighters near the border with "
                                "Turkey."))
    assert ("ASSAULT", "IRQ", "IRQ") in found and not any(g == "TUR" for _, _, g in found), found
    assert ("COERCE", "TUR", "SYR") in dyads(code(ungated, "Turkey closed its border with Syria."))


def test_who_is_killed_in_clashes_with_a_group_fought_it(ungated) -> None:  # type: ignore[no-untyped-def]
    found = dyads(code(ungated, "Two Pakistani soldiers were killed in clashes with Taliban fighters along the "
                                "border with Afghanistan."))
    assert {("ASSAULT", "PAK", "AFG"), ("ASSAULT", "AFG", "PAK")} <= found, found


def test_no_one_meets_their_own_state(ungated) -> None:  # type: ignore[no-untyped-def]
    found = code(ungated, "Bahraini Prime Minister, Prince Khalifa bin Salman Al Khalifa, has received the UAE "
                          "Ambassador to Bahrain, Abdulridha Abdullah Mahmoud Khori, to discuss ties.")
    pairs = {(e.source.code, e.target.code) for e in found if e.event_type == "CONSULT" and e.target}
    assert ("BHRGOV", "AREGOV") in pairs and not any("BHR" in p for p in pairs), pairs


def test_the_golan_heights_is_a_place(ungated) -> None:  # type: ignore[no-untyped-def]
    article = ungated.code(Article(text="Syrian government missiles have struck a rebel-held area near the frontier "
                                        "with the Israeli-occupied Golan Heights.", date="2018-07-01"))
    assert not any(e.target and e.target.country == "ISR" for e in article.events), article.events


def test_each_people_a_number_of_counts_is_acted_on(ungated) -> None:  # type: ignore[no-untyped-def]
    found = dyads(code(ungated, "Turkey very generously opened its borders to such a large number of Syrians, Iraqis "
                                "and Afghans."))
    assert {("AID", "TUR", "SYR"), ("AID", "TUR", "IRQ"), ("AID", "TUR", "AFG")} <= found, found


def test_a_second_clause_s_subject_is_no_object_of_the_first(ungated) -> None:  # type: ignore[no-untyped-def]
    found = code(ungated, "On Friday, Palestinian gunmen killed an Israeli soldier and the Israeli military launched "
                          "dozens of strikes that killed four Palestinians, including three Hamas fighters.")
    pairs = {(e.source.text, e.target.text if e.target else None) for e in found}
    assert ("Palestinian gunmen", "the Israeli military") not in pairs, pairs
    assert ("the Israeli military", "four Palestinians") in pairs, pairs


def test_an_allegation_is_aimed_at_the_agent_it_names(ungated) -> None:  # type: ignore[no-untyped-def]
    found = {(e.event_type, e.source.code, e.target.code if e.target else None)
             for e in code(ungated, "Amnesty alleged that civilians were killed by the army.")}
    assert ("ACCUSE", "NGO", "MIL") in found and not any(t == "ASSAULT" and s == "NGO" for t, s, _ in found), found


@pytest.mark.parametrize("text", ["Thousands of civilians fled the fighting in Khartoum.",
                                  "Bangladesh says it will not accept any Syrian refugees fleeing violence."])
def test_who_flees_violence_does_not_commit_it(ungated, text: str) -> None:  # type: ignore[no-untyped-def]
    found = code(ungated, text, "2018-06-01")
    assert not any(e.source.sector in ("CVL", "REF") for e in found), found


def test_the_rohingya_are_myanmar_s(ungated) -> None:  # type: ignore[no-untyped-def]
    found = dyads(code(ungated, "Bangladesh says it will not accept any Rohingya refugees fleeing violence.",
                       "2018-06-01"))
    assert ("REJECT", "BGD", "MMR") in found, found


def test_a_warning_of_what_any_attack_would_meet_is_a_threat(ungated) -> None:  # type: ignore[no-untyped-def]
    found = dyads(code(ungated, "Iran warned Israel that any attack on its nuclear facilities would be met with a "
                                "crushing response."))
    assert ("THREATEN", "IRN", "ISR") in found, found


@pytest.mark.parametrize(("text", "expected"), [
    ("Russia warned NATO against sending troops to Ukraine.", {("REQUEST", "RUS", None)}),
])
def test_an_act_warned_against_is_not_done(ungated, text: str, expected: set) -> None:  # type: ignore[no-untyped-def]
    found = {(t, s, g if t != "REQUEST" else None) for t, s, g in dyads(code(ungated, text))}
    assert found == expected, found


@pytest.mark.parametrize(("text", "name", "code"), [
    ("Prosecutors in South Korea indicted former President Moon Jae-in on bribery charges.",
     "former President Moon Jae-in", "KOR"),
    ("Ban Ki-moon met Lee Jae-myung in Seoul.", "Lee Jae-myung", "KOR"),
])
def test_a_name_with_a_hyphenated_given_name_is_one_person(ungated, text: str, name: str,  # type: ignore[no-untyped-def]
                                                          code: str) -> None:
    article = ungated.code(Article(text=text, date="2023-06-01"))
    assert any(m.text == name and m.code == code for m in article.mentions), article.mentions


def test_a_disbursement_is_aid(ungated) -> None:  # type: ignore[no-untyped-def]
    found = code(ungated, "The IMF approved the disbursement of $700 million to Egypt.", "2023-06-01")
    assert [(e.event_type, e.source.code, e.target.code if e.target else None) for e in found] == [
        ("AID", "IGOIMF", "EGY")], found


def test_police_of_no_stated_state_are_of_where_they_act(ungated) -> None:  # type: ignore[no-untyped-def]
    found = code(ungated, "Police killed three suspected robbers in a shootout in Lagos.", "2023-06-01")
    assert [(e.event_type, e.source.code) for e in found] == [("ASSAULT", "NGACOP")], found


def test_who_dies_in_a_gunfight_with_militants_fought_them(ungated) -> None:  # type: ignore[no-untyped-def]
    found = dyads(code(ungated, "Two Indian soldiers were killed in a gunfight with militants in Kashmir."))
    assert ("ASSAULT", "IND", None) in found, found


def test_aid_a_state_says_it_will_send_is_promised(ungated) -> None:  # type: ignore[no-untyped-def]
    found = dyads(code(ungated, "The United States said on Monday it would send an additional $800 million in military "
                                "aid to Ukraine.", "2023-06-01"))
    assert found == {("AGREE", "USA", "UKR")}, found


def test_a_cessation_of_hostilities_agreed_is_no_fighting(ungated) -> None:  # type: ignore[no-untyped-def]
    found = dyads(code(ungated, "Ethiopia and Tigrayan forces agreed to a permanent cessation of hostilities.",
                       "2022-11-02"))
    assert found == {("AGREE", "ETH", "ETH")}, found


@pytest.mark.parametrize(("text", "expected"), [
    ("Obama has said he will not lift the embargo until Cuba undertakes democratic reforms.", ("REJECT", "USA", "CUB")),
    ("North Korea threatened to strike if South Korea continued the drills.", ("THREATEN", "PRK", "KOR")),
])
def test_a_refusal_or_threat_is_aimed_at_whom_its_condition_names(ungated, text: str,  # type: ignore[no-untyped-def]
                                                                   expected: tuple[str, str, str]) -> None:
    found = dyads(code(ungated, text, "2015-06-01"))
    assert expected in found, found


def test_a_deed_after_a_parenthetical_speech_is_the_report_s(ungated) -> None:  # type: ignore[no-untyped-def]
    found = code(ungated, "Taliban fighters overran an army base in northern Afghanistan, officials said Tuesday, "
                          "killing at least 17 soldiers.", "2018-08-14")
    assert ("ASSAULT", "AFGREB") in {(e.event_type, e.source.code) for e in found}, found
    assert all(e.source.text != "officials" for e in found), found


def test_words_after_a_parenthetical_speech_are_the_speaker_s(ungated) -> None:  # type: ignore[no-untyped-def]
    found = dyads(code(ungated, "The plan would ruin the economy, Conservative leader Michael Howard said, urging "
                                "the prime minister to resign.", "2005-03-01"))
    assert ("REQUEST", "GBR", "GBR") in found, found


def test_an_election_rally_is_no_protest(ungated) -> None:  # type: ignore[no-untyped-def]
    found = code(ungated, "Taliban suicide bombers killed 48 people in Afghanistan on Tuesday, the deadliest taking "
                          "place near an election rally by President Ashraf Ghani.", "2019-09-17")
    assert [(e.event_type, e.source.code) for e in found] == [("ASSAULT", "AFGREB")], found


@pytest.mark.parametrize("text", [
    "Thousands of Kenyans took to the streets of Nairobi to protest against the tax rises.",
    "Doctors in Kenya joined the nationwide strike on Monday."])
def test_taking_to_the_streets_or_joining_a_strike_is_a_protest_aimed_at_no_place(  # type: ignore[no-untyped-def]
        ungated, text: str) -> None:
    found = dyads(code(ungated, text, "2014-06-01"))
    assert found == {("PROTEST", "KEN", None)}, found


def test_armed_men_of_no_stated_state_are_of_where_they_attack(ungated) -> None:  # type: ignore[no-untyped-def]
    found = code(ungated, "In November, nearly 40 gunmen stormed a mosque in Egypt's Sinai, killing more than 300 "
                          "worshippers.", "2017-12-01")
    assert found and all(e.source.code == "EGYUAF" for e in found), found


def test_the_state_beyond_a_border_is_no_scored_target(ungated) -> None:  # type: ignore[no-untyped-def]
    found = dyads(code(ungated, "Syrian missiles struck a rebel-held area near the frontier with Jordan in the latest "
                                "phase of an offensive in southern Syria.", "2018-07-01"))
    assert found and all(target != "JOR" for _type, _source, target in found), found


@pytest.mark.parametrize(("text", "unwanted"), [
    ("Russia and China vetoed a UN resolution on Syria.", "SYR"),
    ("A Turkish court sentenced 25 journalists to prison on terrorism charges.", "TURCOP"),
    ("The Lebanese army deployed troops along the border with Israel.", "ISR"),
])
def test_a_text_s_topic_a_sentence_s_prison_and_a_state_beyond_a_border_are_no_targets(  # type: ignore[no-untyped-def]
        ungated, text: str, unwanted: str) -> None:
    found = code(ungated, text, "2022-06-01")
    assert found and all(e.target is None or e.target.code != unwanted for e in found), found


@pytest.mark.parametrize(("text", "country"), [
    ("Thousands of Serbs demonstrated in Belgrade against the government.", "SRB"),
    ("Thousands of Poles marched through Warsaw against the abortion ruling.", "POL")])
def test_a_people_named_in_the_plural_is_its_state_s(ungated, text: str, country: str) -> None:  # type: ignore[no-untyped-def]
    assert any(e.event_type == "PROTEST" and e.source.code == country for e in code(ungated, text, "2020-11-01"))


def test_a_warning_of_what_the_speaker_s_own_nation_must_do_is_aimed_at_no_one(ungated) -> None:  # type: ignore[no-untyped-def]
    found = dyads(code(ungated, "The US central bank chief warned that unless America sees big rises in productivity, "
                                "retirement programmes would need significant changes.", "2005-02-01"))
    assert ("THREATEN", "USA", "USA") not in found, found


def test_an_attack_vowed_to_go_on_is_no_refusal(ungated) -> None:  # type: ignore[no-untyped-def]
    """"Will never stop its war on al-Shabaab": the classifier reads a refusal into the negation; the trigger's type
    weighs more against that change (`event_types.GUARDED_CHANGES`)."""
    found = code(ungated, "The Somali government said it will never stop its war on al-Shabaab.", "2018-01-01")
    assert found and all(e.event_type != "REJECT" for e in found), found

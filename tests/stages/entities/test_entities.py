"""The entities stage on real news sentences: names, merging, roles, countries, codes, kinds."""

from __future__ import annotations

from opslens.contract import Analysis, Entity
from opslens.stages.entities.mentions import _country_mentions


def entity(analysis: Analysis, name: str) -> Entity:
    found = [e for e in analysis.entities if e.name == name or name in e.aliases]
    assert len(found) == 1, f"{name!r} in {[e.name for e in analysis.entities]}"
    return found[0]


def role(e: Entity) -> tuple:
    r = e.roles[0]
    return (r.title, r.country, r.sector, r.former)


# -- the seed article -----------------------------------------------------------------
def test_seed_people_have_roles_countries_and_codes(seed):
    assert role(entity(seed, "Liz Truss")) == ("Foreign Secretary", "GBR", "GOV", False)
    assert role(entity(seed, "Sergei Lavrov")) == ("Foreign Minister", "RUS", "GOV", False)
    assert role(entity(seed, "Sergei Shoigu")) == ("Defense Minister", "RUS", "GOV", False)
    assert role(entity(seed, "Vladimir Putin")) == ("President", "RUS", "GOV", False)
    assert [entity(seed, n).actor_code for n in ("Liz Truss", "Sergei Lavrov", "Vladimir Putin")] == [
        "GBRGOV",
        "RUSGOV",
        "RUSGOV",
    ]


def test_seed_surname_mentions_merge_into_the_full_name(seed):
    truss = entity(seed, "Liz Truss")
    assert truss.aliases == ["Liz Truss", "Truss"]
    assert [m.text for m in truss.mentions] == ["Liz Truss", "Truss", "Truss"]
    assert "merge:surname" in truss.sources
    assert len(entity(seed, "Sergei Shoigu").mentions) == 2


def test_seed_former_officers_keep_nationality_but_not_a_current_sector(seed):
    skripal = entity(seed, "Sergei Skripal")
    assert role(skripal) == ("Military Intelligence Officer", "RUS", "MIL", True)
    assert skripal.roles[0].evidence.text == "former Russian military intelligence officer"
    assert (skripal.country, skripal.actor_code) == ("RUS", "RUS")
    assert role(entity(seed, "Aleksandr Litvinenko"))[1:] == ("RUS", "SPY", True)


def test_title_convention_gives_a_country_only_from_the_article(seed):
    # "Defense Secretary" is a British or US title; the article names Britain and not the US.
    wallace = entity(seed, "Ben Wallace")
    assert role(wallace) == ("Defense Secretary", "GBR", "GOV", False)
    assert "country:title-convention" in wallace.roles[0].rule


def test_seed_outlets_and_igos_are_classified(seed):
    tass, afp, reuters, nato = (entity(seed, n) for n in ("TASS", "AFP", "Reuters", "NATO"))
    assert (tass.kind, tass.country, tass.actor_code) == ("state_media", "RUS", "RUSMED")
    assert (afp.kind, afp.country) == ("wire_agency", "FRA")
    assert afp.aliases == ["AFP", "AFP news agency"]
    assert (reuters.kind, reuters.country) == ("wire_agency", "GBR")
    assert (nato.kind, nato.country, nato.actor_code) == ("igo", None, "IGOWSTNAT")


def test_seed_country_names_merge_and_title_words_are_not_organisations(seed):
    uk = entity(seed, "United Kingdom")
    assert uk.type == "GPE" and uk.aliases == ["United Kingdom", "U.K."]
    assert [m.text for m in uk.mentions] == ["U.K.", "United Kingdom"]
    assert not [e for e in seed.entities if e.name in ("Defense", "Foreign")]
    ministry = entity(seed, "Foreign Ministry")
    assert (ministry.kind, ministry.country) == ("government_body", None)  # TASS's source: country unwritten


def test_every_mention_span_is_the_text_it_claims(seed):
    text = seed.article.text
    spans = [m for e in seed.entities for m in e.mentions] + [r.evidence for e in seed.entities for r in e.roles]
    assert spans and all(text[s.start : s.end] == s.text for s in spans)


# -- roles in other positions -----------------------------------------------------------
def test_apposition_with_possessive_country(analyze):
    a = analyze("Sergei Lavrov, Russia's foreign minister, said on Monday that talks would continue.")
    lavrov = entity(a, "Sergei Lavrov")
    assert role(lavrov) == ("Foreign Minister", "RUS", "GOV", False)
    assert lavrov.roles[0].evidence.text == "Russia's foreign minister"


def test_apposition_with_determiner_and_country_adjective(analyze):
    a = analyze("Mateusz Wrona, the Polish foreign minister, said the border would stay open.")
    wrona = entity(a, "Mateusz Wrona")
    assert role(wrona) == ("Foreign Minister", "POL", "GOV", False)
    assert wrona.roles[0].evidence.text == "the Polish foreign minister"
    assert [(link.name, link.kind) for link in a.attributions[0].chain] == [("Mateusz Wrona", "named_official")]


def test_apposition_with_of_country(analyze):
    a = analyze("Annalena Baerbock, the foreign minister of Germany, arrived in Kyiv on Tuesday.")
    assert role(entity(a, "Annalena Baerbock")) == ("Foreign Minister", "DEU", "GOV", False)
    assert entity(a, "Kyiv").country == "UKR"


def test_an_office_of_a_body_with_no_country_takes_the_bodys_code(analyze):
    a = analyze("UN envoy Tomas Berg urged Sudan to allow aid convoys through.")
    berg = entity(a, "Tomas Berg")
    assert (berg.country, berg.actor_code, berg.roles[0].organization) == (None, "IGOUNO", "United Nations")
    # "for Syria" is the envoy's field, not his country
    a = analyze("Tomas Berg, the UN special envoy for Syria, met the president in Damascus.")
    assert (entity(a, "Tomas Berg").country, entity(a, "Tomas Berg").actor_code) == (None, "IGOUNO")


def test_an_office_for_a_countrys_body_takes_its_country(analyze):
    a = analyze("Juan Perez, a spokesman for the Peruvian army, accused Chile of spying.")
    assert (entity(a, "Juan Perez").country, entity(a, "Juan Perez").actor_code) == ("PER", "PER")


def test_fronted_apposition(analyze):
    a = analyze("Speaking in Berlin, Germany's foreign minister, Annalena Baerbock, called for calm.")
    assert role(entity(a, "Annalena Baerbock")) == ("Foreign Minister", "DEU", "GOV", False)


def test_organisation_in_the_title_gives_sector_and_country(analyze):
    a = analyze("Kremlin spokesman Dmitry Peskov told reporters the meeting was not planned.")
    peskov = entity(a, "Dmitry Peskov")
    assert (peskov.roles[0].organization, peskov.country, peskov.actor_code) == ("Kremlin", "RUS", "RUSGOV")
    assert entity(a, "Kremlin").kind == "government_body"


def test_igo_office_takes_the_igo_code(analyze):
    a = analyze("NATO Secretary General Jens Stoltenberg warned that the alliance would respond.")
    s = entity(a, "Jens Stoltenberg")
    assert (s.roles[0].title, s.roles[0].sector, s.country, s.actor_code) == (
        "Secretary General",
        "IGO",
        None,
        "IGOWSTNAT",
    )


def test_convention_stays_null_when_both_countries_are_named(analyze):
    a = analyze("Defense Secretary Lloyd Austin met his counterpart in Washington before flying to London.")
    austin = entity(a, "Lloyd Austin")
    assert (austin.roles[0].title, austin.roles[0].country, austin.country, austin.actor_code) == (
        "Defense Secretary",
        None,
        None,
        None,
    )


def test_former_status_words(analyze):
    a = analyze("Former U.S. President Barack Obama and ex-Prime Minister Tony Blair spoke at the conference.")
    assert role(entity(a, "Barack Obama")) == ("President", "USA", "GOV", True)
    assert entity(a, "Barack Obama").actor_code == "USA"  # a former office is no current sector
    assert entity(a, "Tony Blair").roles[0].former is True


# -- organisations ------------------------------------------------------------------------
def test_unlisted_ministry_with_demonym(analyze):
    a = analyze("The Russian Defence Ministry said its forces had destroyed a depot near the border.")
    m = entity(a, "Russian Defence Ministry")
    assert (m.type, m.kind, m.country, m.actor_code) == ("ORG", "government_body", "RUS", "RUSGOV")


def test_bracketed_acronym_joins_its_long_form(analyze):
    a = analyze(
        "The Committee to Protect Journalists (CPJ) condemned the arrest. CPJ said the reporter was held for a week."
    )
    cpj = entity(a, "Committee to Protect Journalists")
    assert cpj.aliases == ["Committee to Protect Journalists", "CPJ"]
    assert [m.text for m in cpj.mentions] == ["Committee to Protect Journalists", "CPJ", "CPJ"]
    assert "pattern:parenthesised-acronym" in cpj.sources


def test_acronym_spelling_the_initials_joins_the_long_form(analyze):
    a = analyze(
        "The Committee to Protect Journalists condemned the arrest on Monday. "
        "CPJ said the reporter had been held for a week."
    )
    cpj = entity(a, "Committee to Protect Journalists")
    assert [m.text for m in cpj.mentions] == ["Committee to Protect Journalists", "CPJ"]
    assert "merge:acronym" in cpj.sources


def test_pronoun_us_is_not_the_united_states(analyze):
    a = analyze("They told us that the U.S. would not send troops to the region.")
    usa = [e for e in a.entities if e.country == "USA"]
    assert [m.text for e in usa for m in e.mentions] == ["U.S."]


def test_president_of_a_university_is_not_a_government_office(analyze):
    a = analyze("Maria Lopez, Harvard University's president, defended the decision in a letter to students.")
    lopez = entity(a, "Maria Lopez")
    r = lopez.roles[0]
    assert (r.title, r.organization, r.sector, lopez.actor_code) == ("President", "Harvard University", "EDU", None)


def test_country_tagged_as_organisation_is_the_country(analyze):
    # the small English pipeline tags "Armenia" as ORG in this sentence
    a = analyze("Armenia will allow the U.S. to use its air bases, officials said.")
    arm = entity(a, "Armenia")
    assert (arm.type, arm.country, arm.actor_code) == ("GPE", "ARM", "ARM")


def test_a_headline_verb_ends_the_name_before_it(analyze):
    an = analyze("Trudeau Tells Canadian Mayors to Prepare for Floods.\n\nMr. Trudeau spoke in Ottawa on Saturday.")
    assert [m.text for m in entity(an, "Trudeau").mentions] == ["Trudeau", "Trudeau"]


def test_a_title_of_an_organisation_in_apposition_takes_its_sector(analyze):
    an = analyze("Olga Marsh, the secretary general of NATO, said the alliance would meet in June.")
    marsh = next(e for e in an.entities if e.name == "Olga Marsh")
    assert [(r.title, r.organization, r.sector) for r in marsh.roles] == [("Secretary General", "NATO", "IGO")]
    assert [(link.name, link.kind) for link in an.attributions[0].chain] == [("Olga Marsh", "named_official")]


# -- a title belongs to the person it is written for (issue 18) -------------------------------------
def test_under_is_a_preposition_not_part_of_a_title(analyze):
    # "Syria under President X": neither "Under" nor the country before it belongs to the title
    a = analyze("American troops left Syria under President Arvo Lindqvist's plan last year.")
    lindqvist = entity(a, "Arvo Lindqvist")
    assert [role(lindqvist)] == [("President", None, "GOV", False)]
    assert (lindqvist.country, lindqvist.actor_code) == (None, None)
    kline = entity(analyze("Under Secretary of State Mary Kline visited Oslo."), "Mary Kline")
    assert role(kline)[0] == "Under Secretary of State"


def test_a_title_closing_one_clause_is_not_the_next_subjects(analyze):
    a = analyze("The minister met the Syrian president, Omar Haddad said on Tuesday.")
    haddad = entity(a, "Omar Haddad")
    assert (haddad.roles, haddad.actor_code) == ([], None)


def test_a_fronted_apposition_opening_the_sentence_still_counts(analyze):
    a = analyze("The talks were praised by Britain's defence secretary, Ben Wallace.")
    assert role(entity(a, "Ben Wallace")) == ("Defence Secretary", "GBR", "GOV", False)


def test_a_country_named_as_the_subject_of_an_office_is_not_its_holders(analyze):
    # "White House Russia adviser": the White House holds the office, Russia is its subject
    hall = entity(analyze("Former White House Russia adviser Fiona Hall testified on Monday."), "Fiona Hall")
    assert role(hall) == ("Adviser", "USA", "GOV", True)


def test_a_title_abbreviation_is_a_title_not_a_person(analyze):
    # the small pipeline tags "Cmdr" as a person of its own here
    a = analyze("“We will not leave,” said Cmdr. Dale Norquist, a coalition spokesman.")
    assert [e.name for e in a.entities if e.type == "PERSON"] == ["Dale Norquist"]
    assert role(entity(a, "Dale Norquist")) == ("Commander", None, "MIL", False)


def test_a_military_abbreviation_without_its_dot_is_a_title(analyze):
    vance = entity(analyze("Sgt Peter Vance said the base was quiet."), "Peter Vance")
    assert vance.aliases == ["Peter Vance"] and role(vance) == ("Sergeant", None, "MIL", False)


# -- what a name denotes, from the whole article (issue 18) -------------------------------------------
def test_names_listed_where_places_stand_are_places(analyze):
    # the pipeline tags the last three as people; "Aldon" as a place
    a = analyze("Cases were confirmed in Aldon, Brixworth, Dunmore and Pell counties, health officials said.")
    assert [(e.name, e.type) for e in a.entities] == [
        ("Aldon", "GPE"),
        ("Brixworth", "GPE"),
        ("Dunmore", "GPE"),
        ("Pell", "LOC"),
    ]
    assert "ner:PERSON retyped:place-evidence" in entity(a, "Pell").sources
    assert {p.name for p in a.places} >= {"Brixworth", "Dunmore"}


def test_a_name_with_an_arabic_article_after_in_is_a_place(analyze):
    a = analyze("Some 300 soldiers remain in al-Kasra, near the border.")
    assert [(e.name, e.type) for e in a.entities] == [("Kasra", "LOC")]


def test_a_place_name_used_as_a_subject_stays_a_person(analyze):
    a = analyze("The troops stayed in al-Marun for a week. Commanders said al-Marun was quiet.")
    assert [(e.name, e.type) for e in a.entities] == [("Marun", "PERSON")]


def test_a_name_after_the_is_a_thing_not_a_person(analyze):
    a = analyze("The shelter, also known as the Tollbin, is in the desert near the border.")
    assert [(e.name, e.type) for e in a.entities] == [("Tollbin", "OTHER")]


def test_lone_surnames_tagged_as_organisations_follow_the_full_name(analyze):
    # the pipeline tags the three lone "Holloway" as organisations
    a = analyze(
        "Singer Dana Holloway joined the band. Holloway toured with them. Fans loved Holloway. Holloway wrote the song."
    )
    holloway = entity(a, "Dana Holloway")
    assert (holloway.type, len(holloway.mentions)) == ("PERSON", 4)


def test_a_name_ending_in_a_company_word_is_a_company(analyze):
    # the pipeline tags "Globex Corp" as a person here
    a = analyze("The New York state attorney general is investigating Globex Corp, according to the company.")
    globex = entity(a, "Globex Corp")
    assert (globex.type, globex.kind) == ("ORG", "company")


def test_a_title_convention_counts_the_states_the_article_names(analyze):
    # "attorney general" is a title of a few countries; Ohio is in one of them
    a = analyze("Attorney General Mara Quill, a Democrat, accused the company of fraud, her office in Ohio said.")
    quill = entity(a, "Mara Quill")
    assert (role(quill), quill.actor_code) == (("Attorney General", "USA", "JUD", False), "USAJUD")


def test_a_surname_tagged_as_a_town_joins_the_full_name(analyze):
    # the pipeline tags the lone "Pomeroy" as a place; no gazetteer town has that name
    a = analyze("Bill Pomeroy coached the team. The owner had a chance to hire Pomeroy before he went to New England.")
    pomeroy = entity(a, "Bill Pomeroy")
    assert (pomeroy.type, [m.text for m in pomeroy.mentions]) == ("PERSON", ["Bill Pomeroy", "Pomeroy"])
    assert [p.name for p in a.places] == ["New England"]


# -- country names the NER missed ----------------------------------------------------------
def test_a_country_name_the_ner_missed_is_a_mention(analyzer):
    doc = analyzer.nlp("Turkmenistan reopened the border to Afghanistan, officials in Chad Smith's office said.")
    doc.ents = [e for e in doc.ents if e.text != "Turkmenistan"]  # as if the NER had missed it
    found = [(doc[m.start : m.end].text, m.type, m.rule) for m in _country_mentions(doc)]
    # "Afghanistan" is the NER's already; "Chad" is inside a person's name
    assert found == [("Turkmenistan", "GPE", "lexicon:countries.tsv")]


def test_a_country_name_other_places_bear_is_left_to_the_ner(analyzer):
    doc = analyzer.nlp("Georgia reopened the border, officials said.")
    doc.ents = []  # "Georgia" is a US state too: the NER's silence may be right
    assert _country_mentions(doc) == []


def test_armed_groups_of_the_organisations_lexicon(analyze):
    a = analyze("Houthi rebels seized a ship off Yemen, and the TPLF attacked a town in Ethiopia.")
    assert (entity(a, "Houthis").actor_code, entity(a, "Tigray People's Liberation Front").actor_code) == (
        "YEMREB",
        "ETHREB",
    )
    press = analyze("RSF said two journalists were detained in Khartoum.")  # Reporters Without Borders
    assert not any(e.actor_code == "SDNREB" for e in press.entities)


def test_yugoslavia_is_a_country_of_its_own_as_the_soviet_union_is(analyze):
    # not the one country of its sentence: "the Yugoslav army withdrew from Slovenia" had been Slovenia's
    a = analyze("The Yugoslav army withdrew its last troops from Slovenia.")
    assert (entity(a, "Yugoslav").country, entity(a, "Yugoslav").sources) == ("YUG", ["ner:NORP", "country:demonym"])
    [withdrawal] = a.events  # the army is the demonym's country's military
    assert (withdrawal.plover, withdrawal.source_actor.code, withdrawal.target_actor.code) == (
        "RETREAT",
        "YUGMIL",
        "SVN",
    )

"""Attributions: quotes and reported speech with cue, source, content, speaker and chain.

Sentences are made up for these tests, one per form the stage must read."""

from __future__ import annotations

import pytest

from opslens.render.facts import sourcing_of
from opslens.stages.events.modality import carrier


def chain(a):
    return [(link.name, link.kind, link.country) for link in a.chain]


def only(analysis):
    assert len(analysis.attributions) == 1, [a.content.text for a in analysis.attributions]
    return analysis.attributions[0]


def entity(analysis, eid):
    return next(e for e in analysis.entities if e.id == eid)


def only_event(analysis):
    assert len(analysis.events) == 1, [(e.plover, e.cue.text if e.cue else None) for e in analysis.events]
    return analysis.events[0]


def test_outlet_quoting_an_anonymous_official_gives_a_two_link_chain(analyze):
    a = only(analyze("Reuters quoted a senior Turkish diplomat as saying that the ceasefire would hold."))
    assert (a.cue.text, a.source.text, a.content.text) == (
        "quoted",
        "a senior Turkish diplomat",
        "that the ceasefire would hold",
    )
    assert a.anonymous and not a.direct and a.speaker is None
    assert chain(a) == [("Reuters", "wire_agency", "GBR"), ("a senior Turkish diplomat", "anonymous_official", "TUR")]


def test_state_media_lends_its_country_to_an_unnamed_official_it_quotes(analyze):
    a = only(analyze("Xinhua quoted an unnamed Commerce Ministry official as saying that exports had recovered."))
    assert chain(a) == [
        ("Xinhua", "state_media", "CHN"),
        ("an unnamed Commerce Ministry official", "anonymous_official", "CHN"),
    ]


def test_agency_citing_an_official_as_saying_relays_like_quoting(analyze):
    a = only(analyze("Xinhua cited an unidentified defense ministry official as saying the drills were routine."))
    assert (a.cue.text, a.source.text, a.content.text) == (
        "cited",
        "an unidentified defense ministry official",
        "the drills were routine",
    )
    assert chain(a) == [
        ("Xinhua", "state_media", "CHN"),
        ("an unidentified defense ministry official", "anonymous_official", "CHN"),
    ]
    assert a.embedded == []  # the "saying" is the relayed report's, not one of its own


def test_sources_a_report_cites_end_its_chain(analyze):
    an = analyze("Reuters reported, citing two sources, that the deal had collapsed.")
    reported, citing = an.attributions
    assert (reported.cue.text, reported.content.text) == ("reported", "that the deal had collapsed")
    assert chain(reported) == [("Reuters", "wire_agency", "GBR"), ("two sources", "anonymous_official", None)]
    assert (citing.cue.text, citing.content.text) == ("citing", "two sources")  # PolNeAR's own cue


def test_participle_report_keeps_its_own_words_and_shares_the_speaker(analyze):
    an = analyze('Tanaka said the agreement was "a first step" toward peace, adding that more talks were needed.')
    said, adding = an.attributions
    assert said.content.text == 'the agreement was "a first step" toward peace'
    assert (adding.cue.text, adding.content.text, adding.source.text) == (
        "adding",
        "that more talks were needed",
        "Tanaka",
    )
    assert adding.speaker == said.speaker and chain(adding) == chain(said) == [("Tanaka", "other", None)]


def test_a_conjoined_report_without_a_subject_repeats_the_first_ones_source(analyze):
    an = analyze("The harbour master said the pier was closed and warned that boats should stay away.")
    said, warned = an.attributions
    assert (said.cue.text, said.source.text, said.content.text) == ("said", "The harbour master", "the pier was closed")
    assert (warned.cue.text, warned.source.text, warned.content.text) == (
        "warned",
        "The harbour master",
        "that boats should stay away",
    )
    assert warned.speaker == said.speaker


def test_quotation_running_into_the_next_paragraph_is_one_piece(analyze):
    an = analyze(
        "“We have rebuilt the bridges and the schools,” she said. “We have hired 400 nurses.\n"
        "“And we are not finished.”"
    )
    a = only(an)
    text = an.article.text
    assert [text[s:e] for s, e in a.content.fragments] == [
        "“We have rebuilt the bridges and the schools,”",
        "“We have hired 400 nurses.\n“And we are not finished.”",
    ]


def test_relative_pronoun_source_links_to_the_noun_it_stands_for(analyze):
    an = analyze("The bill was drafted by the Interior Ministry of Peru, which said it would cut crime.")
    said = next(a for a in an.every_attribution() if a.cue.text == "said")
    assert said.source.text == "which"  # the span as written; the chain names what it stands for
    assert chain(said) == [("Interior Ministry of Peru", "named_official", "PER")]
    assert entity(an, said.speaker).name == "Interior Ministry of Peru"


def test_brief_counts_the_unnamed_official_a_report_cites(analyze):
    an = analyze(
        "Belarusian state television reported, citing an unnamed official, that Minsk was ready to resume talks."
    )
    reported = an.attributions[0]
    assert chain(reported) == [
        ("Belarusian state television", "state_media", "BLR"),
        ("an unnamed official", "anonymous_official", "BLR"),
    ]
    s = an.brief.sourcing
    assert (s.anonymous, s.state_media) == (1, ["Belarusian state television"])
    assert [(q.name, q.anonymous, q.via) for q in s.quoted if q.attributions == [reported.id]] == [
        ("an unnamed official", True, ["Belarusian state television"])
    ]


def test_spokesman_named_in_apposition_is_not_anonymous(analyze):
    an = analyze("A U.N. spokesman, Stephane Dujarric, told reporters that the organisation had no confirmation.")
    a = only(an)
    assert not a.anonymous and entity(an, a.speaker).name == "Stephane Dujarric"
    assert chain(a)[0][0] == "Stephane Dujarric"


def test_officials_in_a_capital_take_its_country_and_a_capital_speaking_is_its_government(analyze):
    an = analyze("Officials in Kyiv said Russian forces had shelled the port. Moscow denied the claim.")
    said, denied = an.attributions
    assert said.anonymous and chain(said) == [("Officials in Kyiv", "anonymous_official", "UKR")]
    assert chain(denied) == [("Moscow", "named_official", "RUS")]


def test_she_skips_the_man_named_last_by_his_honorific(analyze):
    an = analyze(
        "Ms. Okafor met Mr. Lindqvist in Oslo on Monday. Mr. Lindqvist praised the deal. "
        "She said the talks had been difficult."
    )
    said = next(a for a in an.attributions if a.cue.text == "said")
    assert entity(an, said.speaker).name == "Okafor" and chain(said)[0][0] == "Okafor"


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            "Anna Okafor, a government spokeswoman, met Lars Lindqvist in Oslo. He said the talks had been difficult.",
            "Lars Lindqvist",
        ),
        # one named inside a quotation is spoken of, not speaking
        ("Mr. Ortiz spoke first. “Pedro Alvarez lied to every one of us,” he said.", "Ortiz"),
    ],
)
def test_he_is_the_last_man_who_could_be_speaking(analyze, text, speaker):
    an = analyze(text)
    assert entity(an, only(an).speaker).name == speaker


def test_clause_the_parse_hangs_on_citing_is_the_main_verbs_content(analyze):
    an = analyze("The newspaper said, citing unnamed officials, that the minister would resign on Friday.")
    said, citing = an.attributions
    assert (said.cue.text, said.source.text, said.content.text) == (
        "said",
        "The newspaper",
        "that the minister would resign on Friday",
    )
    assert chain(said) == [("The newspaper", "news_outlet", None), ("unnamed officials", "anonymous_official", None)]
    assert (citing.cue.text, citing.content.text) == ("citing", "unnamed officials")


def test_a_deputy_or_a_chief_is_not_the_one_they_belong_to(analyze):
    deputy = only(analyze("Peskov's deputy told reporters the summit was off."))
    assert deputy.speaker is None and chain(deputy) == [("Peskov's deputy", "other", None)]
    chief = only(analyze("The Wagner chief said his fighters would withdraw."))
    assert chief.speaker is None and chain(chief)[0][0] == "The Wagner chief"


def test_content_the_cue_stands_inside_leaves_the_cue_out(analyze):
    an = analyze("The minister is said to have resigned.")
    a = only(an)
    assert a.cue.text == "is said" and a.source is None
    assert [an.article.text[s:e] for s, e in a.content.fragments] == ["The minister", "to have resigned"]


def test_as_the_source_pointed_out_reports_the_clause_it_hangs_on(analyze):
    a = only(analyze("As the minister pointed out on Monday, the reserves are almost empty."))
    assert (a.cue.text, a.source.text, a.content.text) == (
        "pointed out",
        "the minister",
        "the reserves are almost empty",
    )


def test_that_clause_the_parser_took_for_an_adverbial_is_the_content(analyze):
    a = only(analyze("The governor tweeted shortly after midnight that the council was “lazy” and “a joke”."))
    assert (a.cue.text, a.source.text, a.content.text) == (
        "tweeted",
        "The governor",
        "that the council was “lazy” and “a joke”",
    )


def test_a_second_cue_joined_by_and_is_a_report_of_its_own(analyze):
    an = analyze("The governor said the budget was balanced and warned that cuts were coming.")
    said, warned = an.attributions
    assert (said.cue.text, said.content.text) == ("said", "the budget was balanced")
    assert (warned.cue.text, warned.source.text, warned.content.text) == (
        "warned",
        "The governor",
        "that cuts were coming",
    )
    assert said.embedded == [] and chain(warned) == chain(said)


def test_signed_quotation_is_whole_from_the_mark_that_opens_its_line(analyze):
    an = analyze(
        "Readers wrote to us.\n“I voted early. He calls us criminals. My mother said ‘never again.” ― Rosa Villanueva\n"
        "“We want jobs, not walls.” ― Ana M. Cruz"
    )
    first, second = an.attributions
    assert (first.cue.text, first.source.text) == ("―", "Rosa Villanueva")
    assert first.content.text == "“I voted early. He calls us criminals. My mother said ‘never again.”"
    assert (second.source.text, second.content.text) == ("Ana M. Cruz", "“We want jobs, not walls.”")


def test_according_to_with_anonymity_from_the_wording(analyze):
    a = only(analyze("The harbour will reopen next month, according to two officials familiar with the plan."))
    assert a.cue.text == "according to"
    assert a.source.text == "two officials familiar with the plan"
    assert a.content.text == "The harbour will reopen next month"
    assert a.anonymous and chain(a)[0][1] == "anonymous_official"


def test_fronted_direct_quote_keeps_its_marks_and_links_the_speaker(analyze):
    an = analyze('"We are not going to accept these terms," Prime Minister Jacinda Ardern told reporters on Monday.')
    a = only(an)
    assert a.content.text == '"We are not going to accept these terms,"'
    assert a.direct and a.cue.text == "told"
    assert entity(an, a.speaker).name == "Jacinda Ardern"
    assert chain(a)[0][1] == "named_official"


def test_pronoun_source_resolves_to_the_last_person_who_spoke(analyze):
    an = analyze("Mayor Anne Hidalgo said the tram line would open in June. She added that the budget was fixed.")
    first, second = an.attributions
    assert (first.cue.text, first.source.text) == ("said", "Mayor Anne Hidalgo")
    assert (second.source.text, second.content.text) == ("She", "that the budget was fixed")
    assert second.speaker == first.speaker and entity(an, first.speaker).name == "Anne Hidalgo"
    assert second.chain[0].name == "Anne Hidalgo"  # the chain names her, not "She"


def test_quote_continued_after_the_cue_is_one_content_in_two_fragments(analyze):
    text = '"The border is calm," the spokesman said. "Nobody has crossed it since Sunday."'
    a = only(analyze(text))
    assert a.content.fragments == [[0, 21], [42, 79]]
    assert text[42:79] == '"Nobody has crossed it since Sunday."'
    assert a.source.text == "the spokesman" and a.anonymous


def test_passive_report_without_a_source(analyze):
    a = only(analyze("It was reported that the embassy had been evacuated."))
    assert (a.cue.text, a.source, a.content.text, a.chain) == (
        "was reported",
        None,
        "that the embassy had been evacuated",
        [],
    )


def test_report_trailing_its_content_wraps_the_report_inside_it(analyze):
    an = analyze(
        "The Foreign Ministry denied that any troops had crossed the border, the state news agency Xinhua reported."
    )
    report = only(an)  # the article's own report; the denial is inside its words
    [denial] = report.embedded
    assert (report.cue.text, denial.cue.text, denial.id) == ("reported", "denied", "a1.1")
    assert denial.content.text == "that any troops had crossed the border"
    assert report.content.text == "The Foreign Ministry denied that any troops had crossed the border"
    assert report.source.text == "the state news agency Xinhua"
    assert chain(report) == [("Xinhua", "state_media", "CHN")]  # the chain names the outlet
    assert chain(denial) == [("Xinhua", "state_media", "CHN"), ("Foreign Ministry", "named_official", None)]


def test_a_report_inside_another_is_embedded_in_it_with_the_chain_through_the_outer_source(analyze):
    an = analyze("Ms. Varga told reporters that the ministry believes the treaty will be signed in March.")
    told = only(an)
    assert (told.cue.text, told.source.text, told.content.text) == (
        "told",
        "Ms. Varga",
        "that the ministry believes the treaty will be signed in March",
    )
    [believes] = told.embedded
    assert (believes.cue.text, believes.source.text, believes.content.text) == (
        "believes",
        "the ministry",
        "the treaty will be signed in March",
    )
    assert [link.name for link in believes.chain] == ["Varga", "the ministry"]
    assert [q.name for q in an.brief.sourcing.quoted] == ["Varga", "the ministry"]  # the brief counts both


def test_anonymity_from_a_relative_clause(analyze):
    a = only(
        analyze(
            "A senior European official, who spoke on condition of anonymity, said the sanctions would be extended."
        )
    )
    assert (
        a.source.text == "A senior European official, who spoke on condition of anonymity,"
    )  # PolNeAR keeps the closing comma
    assert a.anonymous and a.content.text == "the sanctions would be extended"


def test_the_source_quoted_later_inherits_the_chain_of_its_first_mention(analyze):
    an = analyze(
        "Reuters quoted a senior Turkish diplomat as saying that the ceasefire would hold. "
        '"Both sides have promised to stop shelling the villages," the diplomat was quoted as saying.'
    )
    first = an.attributions[0]
    second = next(a for a in an.attributions if a.cue.text == "was quoted")
    assert second.content.text == '"Both sides have promised to stop shelling the villages,"'
    assert second.direct and second.source.text == "the diplomat" and second.anonymous
    assert chain(second) == chain(first)


def test_partial_quote_inside_reported_speech_is_direct(analyze):
    a = only(analyze('The minister said the reform would "change nothing for ordinary families" this year.'))
    assert a.content.text == 'the reform would "change nothing for ordinary families" this year'
    assert a.direct


def test_scare_quotes_are_not_speech(analyze):
    an = analyze('The so-called "peace plan" was published on Friday.')
    assert an.attributions == []


def test_seed_sourcing(seed):
    by_cue = {a.cue.text: a for a in seed.attributions}
    tass = by_cue["reported"]
    assert tass.source.text == "The Russian state news agency TASS" and chain(tass) == [("TASS", "state_media", "RUS")]
    anon = next(a for a in seed.attributions if a.source and "Foreign Ministry source" in a.source.text)
    assert chain(anon) == [
        ("TASS", "state_media", "RUS"),
        ("an unidentified Foreign Ministry source", "anonymous_official", "RUS"),
    ]
    assert anon.content.text.endswith("and that the visit had been approved")


def test_brief_sourcing_counts_speakers_anonymous_sources_and_state_media(seed):
    s = seed.brief.sourcing
    assert s.state_media == ["TASS"]
    assert s.anonymous == 3  # the Foreign Ministry source, and the defence source twice
    truss = next(q for q in s.quoted if q.name == "Liz Truss")
    assert (len(truss.attributions), truss.direct, truss.kind, truss.country) == (2, 2, "named_official", "GBR")
    defence = next(q for q in s.quoted if "defense source" in q.name)
    assert defence.anonymous and defence.via == ["AFP"]
    assert not any("London" in q.name for q in s.quoted)  # "have agreed to hold talks", "to discuss": no reports


def test_transcript_line_with_a_speaker_label(analyze):
    a = only(analyze("HARRIS: We will hold the line on taxes.\n"))
    assert (a.cue.text, a.source.text, a.content.text) == (":", "HARRIS", "We will hold the line on taxes")


def test_typewriter_double_quotes_count_as_quotation_marks(analyze):
    a = only(analyze("''The bridge will not be rebuilt this year,'' the engineer said."))
    assert a.content.text == "''The bridge will not be rebuilt this year,''" and a.direct


def test_noun_cues_and_statements(analyze):
    an = analyze(
        "Senator Elizabeth Warren rejected the audit. "
        "Her claim that the figures were forged was dismissed by the court."
    )
    claim = next(a for a in an.every_attribution() if a.cue.text == "claim")
    assert (claim.source.text, claim.content.text) == ("Her", "that the figures were forged")
    assert entity(an, claim.speaker).name == "Elizabeth Warren"
    dismissed = next(a for a in an.attributions if claim in a.embedded)
    assert dismissed.cue.text == "dismissed"
    assert [link.name for link in claim.chain] == [
        "Elizabeth Warren"
    ]  # the court judged the claim: it did not hand it on
    st = only(analyze("The ministry issued a statement saying the talks had failed."))
    assert (st.cue.text, st.source.text, st.content.text) == ("saying", "The ministry", "the talks had failed")
    assert chain(st) == [("The ministry", "named_official", None)]


def test_told_reporters_names_the_official_in_the_chain(analyze):
    a = only(analyze("Interior Minister Karl Nehammer told reporters that the border checks would continue."))
    assert (a.cue.text, a.source.text, a.content.text) == (
        "told",
        "Interior Minister Karl Nehammer",
        "that the border checks would continue",
    )
    assert chain(a) == [("Karl Nehammer", "named_official", None)] and not a.direct


def test_quote_of_two_sentences_before_an_inverted_cue_is_one_direct_content(analyze):
    a = only(analyze("“We will not negotiate under threats. The sanctions stay,” said Chancellor Olaf Scholz."))
    assert a.content.text == "“We will not negotiate under threats. The sanctions stay,”" and a.direct
    assert (a.cue.text, a.source.text, chain(a)) == (
        "said",
        "Chancellor Olaf Scholz",
        [("Olaf Scholz", "named_official", "DEU")],  # the Phoenix dictionary knows him (no date: his country)
    )


def test_state_agency_report_with_its_date_between_cue_and_content(analyze):
    a = only(analyze("Xinhua reported on Tuesday that the two leaders had spoken by phone."))
    assert (a.source.text, a.content.text) == ("Xinhua", "that the two leaders had spoken by phone")
    assert chain(a) == [("Xinhua", "state_media", "CHN")]


def test_content_begins_at_the_clause_after_the_date_of_the_report(analyze):
    a = only(analyze("Interfax reported on March 3 that the Kazakh government had suspended grain exports."))
    assert (a.cue.text, a.source.text, a.content.text) == (
        "reported",
        "Interfax",
        "that the Kazakh government had suspended grain exports",
    )


def test_embedded_report_ends_before_the_cue_of_the_report_holding_it(analyze):
    a = only(analyze("A senior security source said the drone had been launched from the coast, Xinhua reported."))
    assert (a.cue.text, a.source.text) == ("reported", "Xinhua")
    inner = a.embedded[0]
    assert (inner.cue.text, inner.content.text) == ("said", "the drone had been launched from the coast")
    assert chain(inner) == [("Xinhua", "state_media", "CHN"), ("A senior security source", "anonymous_official", "CHN")]


@pytest.mark.parametrize(
    "text, link",
    [
        (
            "Iranian state television said the tanker had been released.",
            ("Iranian state television", "state_media", "IRN"),
        ),
        ("A news agency reported that the border was closed.", ("A news agency", "news_outlet", None)),
        # a bare "agency" is a government's, not the press
        ("The agency said the dam was unsafe.", ("The agency", "other", None)),
    ],
)
def test_an_outlet_and_its_kind_from_its_words(analyze, text, link):
    assert chain(only(analyze(text))) == [link]


def test_unnamed_spokeswoman_for_a_government_body_speaks_for_its_country(analyze):
    a = only(analyze("A spokeswoman for the Kremlin said the talks had ended."))
    assert a.anonymous and chain(a) == [("A spokeswoman for the Kremlin", "anonymous_official", "RUS")]


def test_the_minister_is_the_one_minister_named_before(analyze):
    an = analyze(
        "Polish Foreign Minister Mateusz Wrona arrived in Vilnius on Monday. "
        "The minister told reporters that the corridor would remain open."
    )
    a = only(an)
    assert a.source.text == "The minister" and entity(an, a.speaker).name == "Mateusz Wrona"
    assert chain(a) == [("Mateusz Wrona", "named_official", "POL")]


def test_the_minister_stays_unresolved_when_two_ministers_were_named(analyze):
    a = only(
        analyze(
            "Polish Foreign Minister Mateusz Wrona met German Foreign Minister Karl Weiss in Berlin. "
            "The minister said the border would stay open."
        )
    )
    assert a.speaker is None and chain(a) == [("The minister", "named_official", None)]


def test_people_briefed_on_the_matter_are_anonymous(analyze):
    a = only(analyze("People briefed on the matter said the company would cut 300 jobs."))
    assert (a.source.text, a.content.text) == ("People briefed on the matter", "the company would cut 300 jobs")
    assert a.anonymous and a.speaker is None
    assert chain(a) == [("People briefed on the matter", "anonymous_official", None)]  # insiders, by the words


def test_unnamed_residents_are_anonymous_but_not_officials(analyze):
    a = only(analyze("Residents said the water had been cut off for three days."))
    assert a.anonymous and chain(a) == [("Residents", "other", None)]


def test_quote_after_a_colon_is_the_content_of_the_cue_before_it(analyze):
    a = only(analyze("The minister said: “The harbour will reopen in May. Ships are already waiting.”"))
    assert (a.cue.text, a.source.text) == ("said:", "The minister")
    assert a.content.text == "“The harbour will reopen in May. Ships are already waiting.”" and a.direct


def test_a_quotation_signed_after_a_dash_is_the_named_persons(analyze):
    an = analyze("Voters told us what they thought.\n“He never answered the question about jobs.” ― Maria Lopez\n")
    a = next(a for a in an.attributions if a.cue.text == "―")
    assert (a.source.text, a.content.text) == ("Maria Lopez", "“He never answered the question about jobs.”")
    assert a.direct and entity(an, a.speaker).name == "Maria Lopez"


def test_a_signature_with_no_break_spaces_and_a_full_stop_names_the_speaker(analyze):
    an = analyze("Readers wrote in.\n“We deserve a serious debate about housing.”\u00a0―\u00a0Rosa Villanueva.\n")
    a = next(a for a in an.attributions if a.cue.text == "―")
    assert (a.source.text, a.content.text) == ("Rosa Villanueva", "“We deserve a serious debate about housing.”")


def test_a_closing_mark_typed_to_open_a_line_still_opens_its_quotation(analyze):
    an = analyze("Readers wrote in.\n”Mr. Trump never answered the question about jobs.” ― Maria Lopez\n")
    a = next(a for a in an.attributions if a.cue.text == "―")
    assert (a.source.text, a.content.text) == ("Maria Lopez", "”Mr. Trump never answered the question about jobs.”")
    assert a.direct


def test_a_closing_mark_before_an_ellipsis_opens_a_paragraphs_quotation(analyze):
    an = analyze(
        "The senator spoke last.\n\n” … what I learned in those towns is that nobody is listening to them,” she said."
    )
    a = only(an)
    assert (a.cue.text, a.source.text) == ("said", "she") and a.direct
    assert a.content.text == "” … what I learned in those towns is that nobody is listening to them,”"


def test_a_quoted_transcript_turn_runs_on_through_its_paragraphs(analyze):
    text = (
        'The exchange went on.\n\n"KOVACS: We have no money for the bridge. None at all.\n\n'
        '"And the towns know it. They have known it for years.\n\n"BRANDT: That is not true.\n\nThe hall fell silent.'
    )
    an = analyze(text)
    kovacs, brandt = [a for a in an.attributions if a.cue.text == ":"]
    assert kovacs.source.text == "KOVACS" and [text[s:e] for s, e in kovacs.content.fragments] == [
        "We have no money for the bridge. None at all.",
        "And the towns know it. They have known it for years.",
    ]  # quoted: stops kept
    assert (brandt.source.text, brandt.content.text) == ("BRANDT", "That is not true.")


def test_a_dash_after_a_dateline_is_not_a_speaker(analyze):
    a = only(analyze("MOSCOW — The ministry said on Friday that talks would resume."))
    assert (a.cue.text, a.source.text, a.content.text) == ("said", "The ministry", "that talks would resume")


def test_a_transcript_line_names_its_speaker_without_the_opening_quotation_mark(analyze):
    a = analyze('"HARTLEY: The senator voted against the bill twice."').attributions[0]
    assert (a.cue.text, a.source.text) == (":", "HARTLEY")
    assert a.content.text.startswith("The senator voted against the bill twice.")


def test_a_quotation_after_a_second_cue_is_the_second_reports_content(analyze):
    an = analyze(
        '"The plan is dead," Mr. Lindqvist said, suggesting a few changes, including, '
        '"Cut the stadium and keep the schools open. Ask the families first."'
    )
    said, suggesting = an.attributions
    assert (said.cue.text, said.content.text, said.content.fragments) == ("said", '"The plan is dead,"', None)
    assert suggesting.cue.text == "suggesting" and suggesting.source.text == "Mr. Lindqvist"
    assert (
        suggesting.content.text
        == 'a few changes, including, "Cut the stadium and keep the schools open. Ask the families first."'
    )


def test_reports_a_source_rejects_are_not_its_own(analyze):
    an = analyze("The ministry rejected reports that the general had said the border would close.")
    rejected = only(an)
    reports, said = rejected.embedded
    assert (rejected.cue.text, rejected.source.text) == ("rejected", "The ministry")
    assert (reports.cue.text, reports.source, reports.chain) == ("reports", None, [])
    assert (said.cue.text, said.source.text, said.content.text) == ("had said", "the general", "the border would close")
    assert [link.name for link in said.chain] == [
        "the general"
    ]  # the ministry rejected the reports: it did not relay them


def test_a_transcript_turn_is_what_the_speaker_said_to_the_end_of_the_line(analyze):
    an = analyze(
        'The debate turned to the budget.\n\n"HARTLEY: Governor, your opponent says the budget is a joke.\n\n'
        '"KOVACS: Well, look, my opponent apparently thinks this is an episode of “The Apprentice.” But this is '
        "a city election, Anna. It’s serious business. The voters have an important choice to make, "
        "and they will make it in May."
    )
    turn = an.attributions[-1]
    assert (turn.cue.text, turn.source.text) == (":", "KOVACS")
    assert turn.content.text == (
        "Well, look, my opponent apparently thinks this is an episode of “The Apprentice.” But this is "
        "a city election, Anna. It’s serious business. The voters have an important choice to make, "
        "and they will make it in May"
    )


def test_a_cue_closing_its_paragraph_with_a_colon_reports_the_quotation_set_off_below(analyze):
    text = (
        'The mayor spoke after the vote.\n\nShe said:\n\n"We will rebuild the pier. The money is there.\n\n'
        '"Work starts in June."\n\nThe council then adjourned.'
    )
    a = only(analyze(text))
    assert (a.cue.text, a.source.text) == ("said:", "She") and a.direct
    assert a.content.text == '"We will rebuild the pier. The money is there.\n\n"Work starts in June."'


def test_a_statement_made_before_a_colon_is_the_paragraph_below(analyze):
    a = only(
        analyze("Late on Friday the governor made the following statement:\n\n“The state will pay for every repair.”")
    )
    assert (a.source.text, a.content.text) == ("the governor", "“The state will pay for every repair.”")


def test_a_sentence_ends_at_a_blank_line_even_after_a_closing_mark(analyze):
    an = analyze(
        'She never missed a council vote."\n\nThe harbour was busy then, Ms. Aalto said, until the mill closed in 1987.'
    )
    a = only(an)
    assert (a.cue.text, a.source.text) == ("said", "Ms. Aalto")
    assert [an.article.text[s:e] for s, e in a.content.fragments] == [
        "The harbour was busy then",
        "until the mill closed in 1987",
    ]


def test_a_curly_quotation_inside_a_straight_one_leaves_the_straight_one_whole(analyze):
    text = (
        'Ms. Reyes added:\n\n"The survey asked one thing: “Would you move here again?” Most families said yes."\n\n'
        "“That is the real story,” she said."
    )
    added, said = analyze(text).attributions
    assert added.content.text == '"The survey asked one thing: “Would you move here again?” Most families said yes."'
    assert (said.source.text, said.content.text) == ("she", "“That is the real story,”")


def test_a_question_quoted_before_he_asks_is_what_he_asks(analyze):
    an = analyze(
        "The senator read out a question for the governor.\n\n"
        "“Will you release the audit before the election?” she asks."
    )
    asks = next(a for a in an.attributions if a.cue.text == "asks")
    assert (asks.source.text, asks.content.text) == ("she", "“Will you release the audit before the election?”")


def test_a_content_ends_before_a_participle_cue_after_a_comma(analyze):
    an = analyze("The port authority sent a letter to the shipping line, calling for an inquiry.")
    sent, calling = an.attributions
    assert (sent.cue.text, sent.content.text) == ("sent a letter to", "the shipping line")
    assert (calling.source.text, calling.content.text) == ("The port authority", "an inquiry")


def test_a_content_ends_before_according_to(analyze):
    an = analyze("The governor wants to reopen the mill next year, according to a senior aide.")
    wants = next(a for a in an.every_attribution() if a.cue.text == "wants")
    assert wants.content.text == "to reopen the mill next year"


@pytest.mark.parametrize(
    "text, spans",
    [
        # where and when it was said join the cue; who it was with does not
        (
            "“We will not stop,” Ms. Kaur said in a phone interview on Monday.",
            ("said in a phone interview on Monday", "Ms. Kaur", "“We will not stop,”"),
        ),
        (
            "“We will appeal the ruling,” Ms. Kaur said in an interview with the Daily Ledger.",
            ("said in an interview", "Ms. Kaur", "“We will appeal the ruling,”"),
        ),
        # a dateline before the source and the year it closes with are not who spoke
        (
            "OSLO - Nordic ministers said the fund would double next year.",
            ("said", "Nordic ministers", "the fund would double next year"),
        ),
        (
            "A review board in 2019 found that the contracts were rigged.",
            ("found", "A review board", "that the contracts were rigged"),
        ),
        # a clause the parser hung on the cue as an adverbial, with the time before it
        (
            "Ms. Varga said after the meeting she would not sign the treaty.",
            ("said", "Ms. Varga", "she would not sign the treaty"),
        ),
        # "according to" left as the sentence's root (its verb parsed as a noun): the comma splits source and content
        (
            "According to retired harbour pilot Ana Ruiz, the schedule reeks of haste.",
            ("According to", "retired harbour pilot Ana Ruiz", "the schedule reeks of haste"),
        ),
    ],
)
def test_the_edges_of_cue_source_and_content(analyze, text, spans):
    a = only(analyze(text))
    assert (a.cue.text, a.source.text, a.content.text) == spans


@pytest.mark.parametrize(
    "text, spans",
    [
        # manner of speaking (Levin 37.3) and complaining (37.8): the lexicon's, so the rules read them too
        (
            "Protesters outside the courthouse chanted “No justice, no peace!” as the judge arrived.",
            ("chanted", "Protesters outside the courthouse", "“No justice, no peace!”"),
        ),
        (
            "Ms. Ortiz complained that the hearing had been rushed.",
            ("complained", "Ms. Ortiz", "that the hearing had been rushed"),
        ),
        ("The report documents how the levees failed.", ("documents", "The report", "how the levees failed")),
        # saying, advising and judging (37.7, 37.9, 33)
        (
            "The inspector testified that the reports had been altered.",
            ("testified", "The inspector", "that the reports had been altered"),
        ),
        (
            "The governor hailed the agreement as a turning point.",
            ("hailed", "The governor", "the agreement as a turning point"),
        ),
        # any verb before a colon and a quotation (closing its paragraph or not): the marks say it was said
        (
            'Ms. Lindqvist continued:\n\n"The pier will reopen in May. The money is there."\n\n'
            "The council then adjourned.",
            ("continued", "Ms. Lindqvist", '"The pier will reopen in May. The money is there."'),
        ),
        (
            "The senator put it bluntly: “Nobody in this town trusts the budget office.”",
            ("put", "The senator", "“Nobody in this town trusts the budget office.”"),
        ),
        # a noun that reports what its owner found, with a "that" clause
        (
            "The agency's assessment that the dam was unsafe was leaked to reporters.",
            ("assessment", "The agency's", "that the dam was unsafe"),
        ),
    ],
)
def test_what_the_rules_read_without_the_taggers(text, spans):
    from opslens.pipeline.analyzer import Analyzer
    from opslens.settings import Options
    from tests.support import article

    a = only(Analyzer(Options(attribution_taggers=False)).analyze(article(text)))
    assert (a.cue.text, a.source.text, a.content.text) == spans


@pytest.mark.parametrize(
    "text, link",
    [
        (
            "The ministry said the talks would resume on Monday. It added that no date had been set for a summit.",
            ("The ministry", "named_official", None),
        ),
        (
            'Two senators urged Congress to act. "The fund has been looted for years," they wrote.',
            ("Two senators", "anonymous_official", None),
        ),
        # the nouns of what was said do not stand in the way ("the fund's rules" are not "they")
        (
            "Senator Ortiz and Senator Blum say the fund's rules must change. They also want an audit of the fund.",
            ("Senator Ortiz and Senator Blum", "named_official", None),
        ),
    ],
)
def test_it_or_they_is_the_source_that_spoke_just_before(analyze, text, link):
    first, second = analyze(text).attributions
    assert second.source.text.lower() in ("it", "they") and chain(second) == chain(first) == [link]


@pytest.mark.parametrize(
    "text, word",
    [
        ("Mr. Ortiz praised the plan on Monday. It says nothing about costs.", "It"),  # a person is not "it"
        ("Mr. Ortiz praised the plan on Monday. They said the costs were unknown.", "They"),  # nor "they"
        ("The governor's office released the audit. It says the contracts were rigged.", "It"),  # the audit may be
    ],
)
def test_it_or_they_stays_unresolved_when_another_could_be_meant(analyze, text, word):
    it = next(a for a in analyze(text).attributions if a.source.text == word)
    assert chain(it) == [(word, "other", None)]


@pytest.mark.parametrize(
    "text, link",
    [
        # one holder of an office the words name is identified, if not by name
        ("The prime minister said the vote was a betrayal.", ("The prime minister", "named_official", None)),
        (
            "The Chilean foreign minister told reporters that the embassy would reopen.",
            ("The Chilean foreign minister", "named_official", "CHL"),
        ),
        ("The mayor of Lyon said the tram would run on Sunday.", ("The mayor of Lyon", "named_official", None)),
        # one or several of many are not
        ("A senior minister said the cabinet was split.", ("A senior minister", "anonymous_official", None)),
        ("Ministers said the talks had failed.", ("Ministers", "anonymous_official", None)),
        # a president that is not a government's is no official
        ("The bank's president said rates would rise.", ("The bank's president", "other", None)),
        # nor is one whose title is no public office
        ("Protesters said the police had used tear gas.", ("Protesters", "other", None)),
        ("Harbor Foods chief executive Lena Varga said the plant would reopen in May.", ("Lena Varga", "other", None)),
    ],
)
def test_an_office_named_without_a_name(analyze, text, link):
    assert chain(only(analyze(text))) == [link]


@pytest.mark.parametrize(
    "text, link",
    [
        (
            "Authorities said the fire was contained.",
            ("Authorities", "named_official", None),
        ),  # the state, as "police said"
        ("Security forces said the road was open.", ("Security forces", "named_official", None)),
        (
            "Investigators said the brakes had failed.",
            ("Investigators", "anonymous_official", None),
        ),  # unnamed, as "officials"
        ("Witnesses said the car was speeding.", ("Witnesses", "other", None)),
    ],
)
def test_the_state_speaking_and_those_who_work_for_it(analyze, text, link):
    assert chain(only(analyze(text))) == [link]


@pytest.mark.parametrize(
    "text, outlet",
    [
        (
            "An unidentified Interior Ministry source told RIA Novosti that the border would stay closed.",
            ("RIA Novosti", "state_media", "RUS"),
        ),
        ("The minister said in an interview with the BBC that the talks would resume.", ("BBC", "news_outlet", "GBR")),
        ("Speaking to Reuters, the general said the offensive had stalled.", ("Reuters", "wire_agency", "GBR")),
    ],
)
def test_words_said_to_an_outlet_came_through_it(analyze, text, outlet):
    links = chain(only(analyze(text)))
    assert len(links) == 2 and links[0] == outlet


def test_words_said_to_reporters_or_about_an_outlet_came_straight(analyze):
    told, about = analyze(
        "The minister told reporters that the port would reopen. "
        "The minister said in a statement about the BBC that its licence was under review."
    ).attributions
    assert chain(told) == chain(about) == [("The minister", "named_official", None)]


def test_a_source_citing_another_ends_its_chain_with_it(analyze):
    said = next(
        a
        for a in analyze(
            "The Iranian news agency IRNA, citing an unnamed military source, said two drones were shot down."
        ).attributions
        if a.cue.text == "said"
    )
    assert chain(said) == [("IRNA", "state_media", "IRN"), ("an unnamed military source", "anonymous_official", "IRN")]


def test_a_source_stops_before_a_relative_clause_that_reports_on_its_own(analyze):
    _, said, berg = analyze(
        "The harbour authority, which warned last year that the pier was failing, said repairs would start in May. "
        "Tomas Berg, who has run the port since 2010, said the cranes were old."
    ).attributions
    assert (said.cue.text, said.source.text) == ("said", "The harbour authority")
    assert berg.source.text == "Tomas Berg, who has run the port since 2010,"  # a clause that reports nothing stays


def test_he_after_a_spokesman_named_in_apposition_is_that_spokesman(analyze):
    an = analyze(
        "Foreign Minister Ana Costa met her Spanish counterpart in Lisbon on Monday. Costa said the two "
        "countries would share patrol boats.\n\nThe ministry's spokesman, Rui Lopes, said the boats would be "
        "ready by June. He added that the cost would be split."
    )
    costa, lopes, added = an.attributions
    assert entity(an, lopes.speaker).name == entity(an, added.speaker).name == "Rui Lopes"
    assert chain(lopes) == chain(added) == [("Rui Lopes", "named_official", None)]
    assert chain(costa) == [("Ana Costa", "named_official", None)]


def test_her_office_is_the_office_of_the_woman_who_spoke_before(analyze):
    an = analyze(
        "Foreign Minister Ana Costa said the two countries would share patrol boats. "
        "Her office later said that a joint statement would follow."
    )
    _, office = an.attributions
    assert office.source.text == "Her office" and chain(office) == [("Ana Costa's office", "named_official", None)]


def test_two_people_named_side_by_side_are_both_the_source(analyze):
    an = analyze(
        "Senator Ortiz and Senator Blum say the fund's rules must change. Mr. Ortiz said the audit should start in May."
    )
    both, ortiz = an.attributions
    assert both.speaker is None and chain(both) == [("Senator Ortiz and Senator Blum", "named_official", None)]
    assert entity(an, ortiz.speaker).name == "Ortiz" and chain(ortiz) == [("Ortiz", "named_official", None)]


@pytest.mark.parametrize(
    "text, link",
    [
        ("The article said the mayor had resigned.", ("The article", "document", None)),
        (
            "A video posted by the campaign shows the senator at the rally.",
            ("A video posted by the campaign", "document", None),
        ),
        ("The lawsuit claims that the city ignored the warnings.", ("The lawsuit", "document", None)),
        ("The treaty says that no state may expel a refugee.", ("The treaty", "document", None)),
    ],
)
def test_a_text_or_recording_speaking_is_a_document(analyze, text, link):
    assert chain(only(analyze(text))) == [link]


def test_i_outside_any_quotation_is_the_writer(analyze):
    a = only(analyze("I know your tax returns are being audited, Mr. Mayor."))
    assert (a.cue.text, a.source.text, a.speaker) == ("know", "I", None)
    assert chain(a) == [("the writer", "other", None)]


def test_places_named_side_by_side_are_both_the_source_with_no_one_country(analyze):
    a = only(analyze("Paris and Berlin have said they will hold talks on the border dispute next month."))
    assert (a.cue.text, a.source.text, a.speaker) == ("have said", "Paris and Berlin", None)
    assert chain(a) == [("Paris and Berlin", "named_official", None)]


def test_agreeing_to_act_reports_nothing_and_sources_no_one(analyze):
    """ "Agreed to hold talks" is a commitment, not a report: PolNeAR marks the cue, so the record
    stays, marked as reporting nothing, and the brief counts only the papers."""
    an = analyze("Regional papers report that Lisbon and Rabat have agreed to hold rare talks on the fishing dispute.")
    report, agreed = an.every_attribution()
    assert (agreed.cue.text, agreed.source.text, agreed.content.text) == (
        "have agreed",
        "Lisbon and Rabat",
        "to hold rare talks on the fishing dispute",
    )
    assert (report.reports, agreed.reports) == (True, False)
    assert [(q.name, q.attributions) for q in an.brief.sourcing.quoted] == [("Regional papers", ["a1"])]


@pytest.mark.parametrize(
    "text, cue, content",
    [
        (
            "The foreign ministers of Chad and Niger met in Ndjamena to discuss the border crisis.",
            "to discuss",
            "the border crisis",
        ),
        (
            "The Kenyan and Ugandan delegations agreed on a truce along the border.",
            "agreed on",
            "a truce along the border",
        ),
    ],
)
def test_a_topic_or_a_commitment_is_no_report(analyze, text, cue, content):
    an = analyze(text)
    a = only(an)
    assert (a.cue.text, a.content.text, a.reports) == (cue, content, False)
    assert an.brief.sourcing.quoted == []


@pytest.mark.parametrize(
    "text, cue, content",
    [
        ("A spokeswoman for the port authority declined to comment.", "declined", "to comment"),
        ("The ferry company plans to add three routes next spring.", "plans", "to add three routes next spring"),
        ("The coastguard offered to tow the stranded yacht.", "offered", "to tow the stranded yacht"),
    ],
)
def test_an_aim_or_a_refusal_to_speak_sources_no_one(analyze, text, cue, content):
    an = analyze(text)
    a = only(an)
    assert (a.cue.text, a.content.text, a.reports) == (cue, content, False)
    assert (an.brief.sourcing.quoted, an.brief.sourcing.anonymous) == ([], 0)


def test_quoted_words_are_a_report_whatever_the_verb(analyze):
    """A wish in the union's own quoted words was said; the same wish told by the outlet was not."""
    quoted = only(
        analyze("The dockers union wants \u201ca fair wage and a safe harbour for every docker in the port.\u201d")
    )
    told = only(analyze("The dockers union wants a fair wage and a safe harbour for every docker in the port."))
    assert (quoted.cue.text, quoted.direct, quoted.reports) == ("wants", True, True)
    assert (told.cue.text, told.direct, told.reports) == ("wants", False, False)


@pytest.mark.parametrize(
    "text, cue, content",
    [
        ("Both parties agreed that the ceasefire had failed.", "agreed", "that the ceasefire had failed"),
        (
            "The envoys discussed whether the sanctions should be lifted.",
            "discussed",
            "whether the sanctions should be lifted",
        ),
        (
            'Senator Ruiz agreed: "The budget cannot pass in its present form."',
            "agreed:",
            '"The budget cannot pass in its present form."',
        ),
    ],
)
def test_agreeing_or_discussing_with_a_content_clause_reports_it(analyze, text, cue, content):
    a = only(analyze(text))
    assert (a.cue.text, a.content.text, a.reports) == (cue, content, True)


def test_an_event_in_what_an_act_names_is_not_reported_by_it(analyzer, analyze):
    text = "Kenya and Uganda met in Kampala to discuss Ethiopian aid to Somalia."
    an = analyze(text)
    aid = next(t for t in analyzer.nlp(text) if t.text == "aid")
    assert (only(an).content.text, only(an).reports) == ("Ethiopian aid to Somalia", False)
    assert carrier(an, aid) is None


@pytest.mark.parametrize(
    "text, cue, source, content",
    [
        # the parser makes "that" a complementiser and "accusations" a verb: the clause still lacks deny's object
        (
            "The ministry has blamed the rebels for the blast, accusations that the rebels deny.",
            "deny",
            "the rebels",
            "accusations",
        ),
        (
            "The senator listed the plans that other countries offered last year.",
            "offered",
            "other countries",
            "the plans",
        ),
        ("The ministry repeated its accusations, which the rebels deny.", "deny", "the rebels", "its accusations"),
    ],
)
def test_a_relative_clause_reports_the_noun_it_hangs_on(analyze, text, cue, source, content):
    """What a cue in a relative clause reports is its antecedent, the object it lacks; the clause
    is no content of a report noun it follows."""
    an = analyze(text)
    found = next(a for a in an.every_attribution() if a.cue.text == cue)
    assert (found.source.text, found.content.text) == (source, content)
    assert not any(a.content.text.startswith(("that the rebels", "that other")) for a in an.every_attribution())


def test_the_brief_counts_anonymous_sources_apart_from_their_reports(analyze):
    an = analyze(
        "A senior defence source told AFP that the talks would resume. The source added that a date had "
        "been set. An unnamed diplomat said the visit was off."
    )
    told, added, _said = an.attributions
    assert (
        chain(told)
        == chain(added)
        == [("AFP", "wire_agency", "FRA"), ("A senior defence source", "anonymous_official", None)]
    )
    assert (an.brief.sourcing.anonymous, an.brief.sourcing.anonymous_sources) == (3, 2)


def test_he_after_a_colon_quotes_the_one_who_spoke_before(analyze):
    """ "He added:" and a quotation: a direct report by the speaker just before, and the demand
    in the quoted words is carried by that report, not asserted by the outlet."""
    an = analyze(
        "Interior Minister Tomas Varga said the border would stay closed. "
        "He added: \u201cBelgrade must withdraw its troops from the frontier.\u201d"
    )
    said, added = an.attributions
    assert (added.cue.text, added.source.text, added.content.text, added.direct) == (
        "added:",
        "He",
        "\u201cBelgrade must withdraw its troops from the frontier.\u201d",
        True,
    )
    assert added.speaker == said.speaker and entity(an, added.speaker).name == "Tomas Varga"
    demand = only_event(an)
    assert (demand.plover, demand.attribution, demand.modality) == ("REQUEST", added.id, "reported")
    assert sourcing_of(an, demand) == (
        "direct quote of Tomas Varga, in their words: \u201cBelgrade must withdraw its troops from the frontier.\u201d"
    )


def test_she_goes_on_with_the_speaker_not_with_a_person_she_spoke_of(analyze):
    an = analyze(
        "Ambassador Lina Park said the envoy, Marek Nowak, had left Kabul. "
        "She added: \u201cThe embassy will stay open.\u201d"
    )
    said, added = an.attributions
    assert entity(an, said.speaker).name == "Lina Park"
    assert (added.source.text, added.speaker, chain(added)) == (
        "She",
        said.speaker,
        [("Lina Park", "named_official", None)],
    )


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "\u201cThe talks have failed,\u201d Varga said. He added: \u201cSerbia should pay the farmers.\u201d",
            "Varga",
        ),
        ("The spokesman said the port was closed. He added that ships would wait offshore.", "The spokesman"),
    ],
)
def test_he_goes_on_with_a_speaker_the_entities_do_not_know(analyze, text, name):
    """The NER missed the name (or none was given): "he" is still the source just before."""
    first, added = analyze(text).attributions
    assert (added.source.text, chain(added)) == ("He", chain(first))
    assert chain(first)[0][0] == name


def test_he_is_not_one_of_several_who_spoke_before(analyze):
    _, added = analyze("Officials said the port was closed. He added that ships would wait offshore.").attributions
    assert chain(added) == [("He", "other", None)]


def test_a_person_the_story_makes_a_subject_takes_over_from_the_speaker(analyze):
    an = analyze(
        "Governor Elena Voss said the bridge would reopen in May. Engineer Tomas Brandt was criticised "
        "after he told reporters that the cables had rusted."
    )
    told = next(a for a in an.attributions if a.cue.text == "told")
    assert (told.source.text, entity(an, told.speaker).name) == ("he", "Tomas Brandt")


@pytest.mark.parametrize(
    "text, pronoun",
    [
        (
            "Redwood Music have twice denied blocking the concert. "
            '"We never refused any request," they said on Friday.',
            "they",
        ),
        (
            'Stonebridge Records has denied blocking the concert. "We never refused any request," it said on Friday.',
            "it",
        ),
        ('Redwood Music denied blocking the concert. "We never refused any request," it said.', "it"),
    ],
)
def test_it_or_they_after_a_name_follows_the_verb_it_took(analyze, text, pronoun):
    """A name's number is the verb's ("have" in British usage of an organisation), and what the
    quotation itself names ("any request") does not stand between the pronoun and the name."""
    denied, said = analyze(text).attributions
    assert (said.source.text, said.speaker, chain(said)) == (pronoun, denied.speaker, chain(denied))


def test_he_in_reported_words_is_the_last_subject_not_the_outer_speaker(analyze):
    an = analyze("Ambassador Lina Park said that Omar Haddad revealed that he had called the envoy.")
    called = next(a for a in an.every_attribution() if a.source is not None and a.source.text == "he")
    assert entity(an, called.speaker).name == "Omar Haddad"


def test_he_is_not_a_speaker_only_spoken_of_in_a_verdict(analyze):
    """ "X dismissed suggestions by Y that …": Y's suggestion is what X's verdict is about, so
    "he" after it goes on with X, the last subject."""
    an = analyze(
        "Minister Ivo Rask dismissed suggestions by opposition leader Mila Horvat that the port should be "
        "sold. He said the government would keep it."
    )
    said = next(a for a in an.attributions if a.cue.text == "said")
    assert (said.source.text, entity(an, said.speaker).name) == ("He", "Ivo Rask")

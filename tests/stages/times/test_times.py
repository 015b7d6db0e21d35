"""Times stage: TIMEX3 extents and values on made-up news sentences, against a given date."""

from __future__ import annotations

import pytest

from tests.support import article

SUNDAY = "2022-01-23"  # a Sunday, in ISO week 2022-W03


@pytest.fixture(scope="module")
def times(analyzer):
    def run(text: str, published: str | None = SUNDAY) -> dict[str, tuple[str, str | None]]:
        analysis = analyzer.analyze(article(text, published))
        for t in analysis.times:
            assert analysis.article.text[t.start : t.end] == t.text
        return {t.text: (t.type, t.value) for t in analysis.times}

    return run


def test_month_follows_the_tense_of_its_clause(times):
    assert times("The foreign minister will travel to Moscow in February.")["February"] == ("DATE", "2022-02")
    assert times("Grain exports fell sharply in February.", "2022-03-10")["February"] == ("DATE", "2022-02")
    assert times("Grain exports fell sharply in February.")["February"] == ("DATE", "2021-02")


def test_weekday_looks_back_in_the_past_and_ahead_in_the_future(times):
    assert times("The two delegations met on Friday in Geneva.") == {"Friday": ("DATE", "2022-01-21")}
    assert times("The two delegations will meet on Friday in Geneva.") == {"Friday": ("DATE", "2022-01-28")}
    assert times("The talks were held last Tuesday.")["last Tuesday"] == ("DATE", "2022-01-18")


def test_day_without_year_near_the_article_date(times):
    assert times("Rebels seized the bridge on January 22, the army said.")["January 22"] == ("DATE", "2022-01-22")
    # a past verb does not move a near deadline a year back
    found = times("The company extended its offer to Nov. 20.", "1999-11-02")
    assert found["Nov. 20"] == ("DATE", "1999-11-20")


def test_relative_expressions_count_from_the_article_date(times):
    found = times(
        "The mine closed two years ago. Talks broke down last week and resumed yesterday; a vote is due next month."
    )
    assert found["two years ago"] == ("DATE", "2020")
    assert found["last week"] == ("DATE", "2022-W02")
    assert found["yesterday"] == ("DATE", "2022-01-22")
    assert found["next month"] == ("DATE", "2022-02")


def test_extents_keep_modifiers_and_leave_prepositions_out(times):
    found = times(
        "Inflation has doubled over the past three months, after falling since December 2017 and rising late last year."
    )
    assert found["the past three months"] == ("DURATION", "P3M")
    assert found["December 2017"] == ("DATE", "2017-12")
    assert found["late last year"] == ("DATE", "2021")
    assert "since December 2017" not in found


def test_durations(times):
    found = times(
        "The siege lasted 2 1/2 years; the ceasefire held for a couple of years and the "
        "meeting for two hours, after a two-hour delay."
    )
    assert found["2 1/2 years"] == ("DURATION", "P2Y6M")
    assert found["a couple of years"] == ("DURATION", "P2Y")
    assert found["two hours"] == ("DURATION", "PT2H")
    assert found["two-hour"] == ("DURATION", "PT2H")  # the article belongs to "delay"


def test_sets(times):
    found = times(
        "Protesters gather daily outside the embassy, inspectors visit every week and the council meets each Thursday."
    )
    assert found["daily"] == ("SET", "P1D")
    assert found["every week"] == ("SET", "P1W")
    assert found["each Thursday"] == ("SET", "XXXX-WXX-4")


def test_reference_words(times):
    found = times("Prices are now falling. The mayor recently resigned. The port may reopen in the future.")
    assert found["now"] == ("DATE", "PRESENT_REF")
    assert found["recently"] == ("DATE", "PAST_REF")
    assert found["the future"] == ("DATE", "FUTURE_REF")


def test_decades_seasons_parts_of_day_and_holidays(times):
    found = times(
        "The dispute goes back to the 1990s. The drought began last summer. Shelling resumed "
        "on Tuesday morning. The border was closed on Christmas Day."
    )
    assert found["the 1990s"] == ("DATE", "199")
    assert found["last summer"] == ("DATE", "2021-SU")
    assert found["Tuesday morning"] == ("DATE", "2022-01-18TMO")
    assert found["Christmas Day"] == ("DATE", "2021-12-25")


def test_quarters_and_a_year_earlier(times):
    found = times("Net profit rose 12% in the third quarter from a year earlier.", "2022-10-20")
    assert found["the third quarter"] == ("DATE", "2022-Q3")
    assert found["a year earlier"] == ("DATE", "2021-Q3")
    found = times("The bank reported a fourth-quarter loss.", "2022-02-10")
    assert found == {"fourth-quarter": ("DATE", "2021-Q4")}


def test_clock_times(times):
    found = times("The blast happened at 10:35 a.m. on Friday; the deadline is 5 p.m. EST Jan. 25.")
    assert found["10:35 a.m."] == ("TIME", "2022-01-21T10:35")  # of the Friday written after it
    assert found["5 p.m. EST Jan. 25"] == ("TIME", "2022-01-25T17:00")


def test_words_that_only_look_like_times(times):
    text = (
        "May I ask a question? After the fall of the Berlin Wall, the party won a second round. "
        "The governor, 52 years old, cut the current account deficit and sold 1990 shares."
    )
    assert times(text) == {}


def test_without_an_article_date_relative_values_stay_unknown(times):
    found = times("Talks will resume in February, a day after the vote on Friday; the envoy left yesterday.", None)
    assert found["February"] == ("DATE", "XXXX-02")
    assert found["Friday"] == ("DATE", "XXXX-WXX-5")
    assert found["yesterday"] == ("DATE", None)


def test_prepositions_and_verbs_that_point_the_way(times):
    assert times("Food prices have risen since March.")["March"] == ("DATE", "2021-03")
    assert times("The embassy will stay closed until March.")["March"] == ("DATE", "2022-03")
    assert times("The ministry has scheduled a news conference for Thursday.")["Thursday"] == ("DATE", "2022-01-27")
    # a date that modifies a noun is not moved by the verb's tense: the nearest such month
    assert times("Both sides honoured the June agreement.", "2022-09-10")["June"] == ("DATE", "2022-06")


def test_a_clock_time_takes_the_day_written_next_to_it(times):
    found = times("Talks resumed at 15:00 GMT on Friday; the vote was held on Saturday at 9 a.m.")
    assert found["15:00 GMT"] == ("TIME", "2022-01-21T15:00")
    assert found["9 a.m"] == ("TIME", "2022-01-22T09:00")  # the full stop ends the sentence


def test_a_year_ago_compares_the_quarter_spoken_of(times):
    found = times("Exports rose in the third quarter of 2022. Imports were lower than a year ago.", "2022-11-15")
    assert found["a year ago"] == ("DATE", "2021-Q3")
    found = times(
        "Exports rose in the third quarter of 2022, the best since 2014. Imports were lower than a year ago.",
        "2022-11-15",
    )
    assert found["a year ago"] == ("DATE", "2021")


def test_vague_times(times):
    found = times(
        "The region has been calm in recent years, but the army has fought rebels for years and "
        "expects more clashes in the coming weeks. The town was founded a decade ago."
    )
    assert found["recent years"] == ("DATE", "PAST_REF")
    assert found["years"] == ("DURATION", "PXY")
    assert found["the coming weeks"] == ("DATE", "FUTURE_REF")
    assert found["a decade ago"] == ("DATE", "2012")


def test_halves_and_quarter_codes(times):
    found = times("Output fell in Q3 2022 and may recover in H1 2023.", "2022-11-15")
    assert found["Q3 2022"] == ("DATE", "2022-Q3")
    assert found["H1 2023"] == ("DATE", "2023-H1")


def test_time_lexicon_rows_are_well_formed():
    from opslens.knowledge import read_tsv
    from opslens.stages.times import calendar as timex_calendar

    kinds = {
        "month",
        "weekday",
        "season",
        "part",
        "clock",
        "unit",
        "number",
        "ordinal",
        "set",
        "ref",
        "holiday",
        "shift",
        "pre",
        "pre_phrase",
        "mod",
        "mod_ago",
        "zone",
        "direction",
        "signal",
        "prospective",
        "year_cue",
        "not_current",
        "reporting",
    }
    seen = set()
    for row in read_tsv("time_words.tsv"):
        word, kind, value = row["word"], row["kind"], row["value"]
        assert kind in kinds, row
        assert (word, kind) not in seen, f"{word!r} is listed twice as {kind}"
        seen.add((word, kind))
        assert word == word.lower(), row
        if kind == "month":
            assert 1 <= int(value) <= 12, row
        elif kind == "weekday":
            assert 1 <= int(value) <= 7, row
        elif kind == "unit":
            assert value in {"Y", "M", "W", "D", "TH", "TM", "TS", "Q", "DE", "CE", "WE", "2W", "1000Y"}, row
        elif kind == "holiday":
            assert timex_calendar.holiday_date(value, 2022) is not None, row
        elif kind in ("pre", "pre_phrase", "mod", "mod_ago"):
            assert value in {
                "",
                "START",
                "END",
                "MID",
                "APPROX",
                "LESS_THAN",
                "MORE_THAN",
                "EQUAL_OR_LESS",
                "EQUAL_OR_MORE",
                "EQUAL",
            }, row
        elif kind == "signal":
            assert value in {"past", "future", "deadline"}, row
    assert timex_calendar.holiday_date("11:4:4", 2021).isoformat() == "2021-11-25"  # Thanksgiving
    assert timex_calendar.holiday_date("easter", 2022).isoformat() == "2022-04-17"


def test_names_that_contain_month_words(times):
    found = times("Theresa May joined the March for Our Lives rally in March, when 1990 households lost power.")
    assert found == {"March": ("DATE", "2021-03")}


def test_hours_ago_need_the_clock_time_of_the_article(times):
    assert times("The blast came two hours ago.", "2022-01-23T01:30")["two hours ago"] == ("TIME", "2022-01-22T23:30")
    assert times("The blast came two hours ago.")["two hours ago"] == ("TIME", None)


def test_modifiers_are_kept_as_the_timex3_mod(analyzer):
    a = analyzer.analyze(article("Prices rose late last year, and about two years ago the plant closed.", SUNDAY))
    assert [(t.text, t.value, t.mod) for t in a.times] == [
        ("late last year", "2021", "END"),
        ("about two years ago", "2020", "APPROX"),
    ]


def test_a_season_spoken_of_in_january_or_february(times):
    # mid-winter: "last winter" is the one before this, which began the December before last
    said = "The president said last winter that the talks with the rebels had failed."
    assert times(said, "2016-01-20") == {"last winter": ("DATE", "2014-WI")}
    assert times(said, "2016-02-29") == {"last winter": ("DATE", "2014-WI")}
    assert times("The envoy will return next summer.", "2016-01-20") == {"next summer": ("DATE", "2016-SU")}


def test_that_day_in_quoted_words_is_the_storys_day_not_the_day_they_were_said(times):
    """ "Said Monday" is when she spoke; "that day" in her words is the day the story spoke of
    ("last Tuesday"), and "the week" is that day's week, not the article's."""
    found = times(
        'The ferry booking site crashed last Tuesday. "It was chaos," the harbour chief, Ines Moreau, '
        "said Monday at a council meeting. Staff rebuilt the servers, she said, as bookings kept "
        'coming in throughout the week. "We never saw demand like the demand we saw that day," '
        "Moreau said.",
        "2023-05-15",
    )
    assert found["last Tuesday"] == ("DATE", "2023-05-09")
    assert found["Monday"] == ("DATE", "2023-05-15")
    assert found["the week"] == ("DATE", "2023-W19")
    assert found["that day"] == ("DATE", "2023-05-09")


def test_the_week_is_the_articles_when_no_day_is_in_focus_and_this_week_always_is(times):
    assert times("Shares rose 4% over the week.", "2023-05-15")["the week"] == ("DATE", "2023-W20")
    found = times("The strike began on Tuesday, May 2. Unions met again this week.", "2023-05-15")
    assert found["this week"] == ("DATE", "2023-W20")


def test_a_date_of_saying_is_still_counted_from(times):
    """ "The following day" goes on from the last date, a date of saying included."""
    found = times("The governor said on Wednesday that the levee would hold. The following day it broke.", "2023-05-15")
    assert found["Wednesday"] == ("DATE", "2023-05-10")
    assert found["The following day"] == ("DATE", "2023-05-11")


def test_that_year_points_back_past_a_date_of_saying(times):
    found = times(
        "The mine closed in 2009. Its former owner told reporters on Friday that 300 jobs were lost that year.",
        "2023-05-15",
    )
    assert found["that year"] == ("DATE", "2009")


def test_a_statement_dated_in_the_storys_past_is_part_of_the_story(times):
    found = times(
        "The embargo began in 2011. The senator said in March 2014 that it had worked. That month, she "
        "introduced a bill to extend it.",
        "2023-05-15",
    )
    assert found["That month"] == ("DATE", "2014-03")

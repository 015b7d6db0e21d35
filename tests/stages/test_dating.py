"""Article-date inference: from the text when the input gives no date, never more precise
than the text supports."""

from __future__ import annotations

from tests.support import article


def published(analyzer, text: str, given: str | None = None):
    analysis = analyzer.analyze(article(text, given))
    return analysis.article.published, {t.text: t.value for t in analysis.times}


def test_dateline_date(analyzer):
    pub, times = published(
        analyzer, "WASHINGTON, March 3, 2021 (Reuters) - The Senate passed the bill on Monday after a long debate."
    )
    assert (pub.value, pub.precision, pub.source) == ("2021-03-03", "day", "inferred")
    assert pub.confidence >= 0.8
    assert times["Monday"] == "2021-03-01"  # the times resolve against the inferred date


def test_dateline_without_a_year_takes_the_year_the_text_names(analyzer):
    pub, _ = published(
        analyzer, "LONDON, Jan. 23 (Reuters) - Britain's economy shrank in 2021, the statistics office said on Sunday."
    )
    assert (pub.value, pub.precision, pub.source) == ("2021-01-23", "day", "inferred")
    assert pub.confidence < 0.8


def test_weekday_with_its_date_fixes_the_year(analyzer):
    text = (
        "Officials met on Tuesday, March 3, to discuss the 2020 budget. The ministry had warned "
        "of shortfalls since 2018."
    )
    pub, _ = published(analyzer, text)
    assert (pub.value, pub.precision) == ("2020-03-03", "day")  # March 3 was a Tuesday in 2020


def test_latest_full_date_reported(analyzer):
    pub, _ = published(
        analyzer, "The plant opened on June 5, 2018. It was shut on April 2, 2021, after a fire. Workers were laid off."
    )
    assert (pub.value, pub.precision, pub.source) == ("2021-04-02", "day", "inferred")


def test_year_only_when_only_a_year_is_written(analyzer):
    pub, _ = published(analyzer, "The factory opened in 2015 and closed in 2019, leaving hundreds without work.")
    assert (pub.value, pub.precision) == ("2019", "year")


def test_planned_dates_are_not_evidence(analyzer):
    pub, _ = published(analyzer, "The party was founded in 2011. Elections will be held on March 15, 2030.")
    assert (pub.value, pub.precision) == ("2011", "year")


def test_no_inference_without_evidence(analyzer):
    pub, times = published(analyzer, "The minister spoke on Tuesday and will travel abroad next week.")
    assert pub.value is None and pub.source == "unknown"
    assert times == {"Tuesday": "XXXX-WXX-2", "next week": None}


def test_a_given_date_is_kept(analyzer):
    pub, _ = published(analyzer, "WASHINGTON, March 3, 2021 (Reuters) - The Senate voted.", "2021-03-04")
    assert (pub.value, pub.source) == ("2021-03-04", "given")

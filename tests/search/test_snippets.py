"""Snippets as (text, highlighted) pieces: the window with the most query words, words cut whole."""

from __future__ import annotations

from opslens.search.snippets import snippet

FILLER = "Nothing of note happened here. " * 10  # 310 characters without a query word


def test_the_start_of_the_text_when_only_the_title_matched():
    assert snippet(FILLER, {"geneva"}, size=40) == [("Nothing of note happened here. Nothing …", False)]


def test_the_window_with_most_distinct_words_wins():
    text = f"Geneva talks. {FILLER}Lavrov met Blinken in Geneva. {FILLER}"
    assert snippet(text, {"geneva", "lavrov", "blinken"}, size=80) == [
        ("…Nothing of note happened here. ", False),
        ("Lavrov", True),
        (" met ", False),
        ("Blinken", True),
        (" in ", False),
        ("Geneva", True),
        (". Nothing of note happened …", False),
    ]


def test_every_occurrence_in_any_case_is_highlighted_and_words_stay_whole():
    assert snippet("GENEVA, Geneva and genevan geneva.", {"geneva"}) == [
        ("GENEVA", True),
        (", ", False),
        ("Geneva", True),
        (" and genevan ", False),
        ("geneva", True),
        (".", False),
    ]

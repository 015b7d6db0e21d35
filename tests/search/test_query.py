"""The query language and its FTS5 form: the user's text only ever reaches FTS5 as quoted words."""

from __future__ import annotations

import pytest

from opslens.errors import ConfigError
from opslens.search.query import MAX_ITEMS, fts5, parse


def test_words_phrases_or_and_exclusions():
    parsed = parse('Lavrov "foreign minister" Geneva OR Vienna -rumour -"state media"')
    assert parsed.groups == ((("lavrov",),), (("foreign", "minister"),), (("geneva",), ("vienna",)))
    assert parsed.excluded == (("rumour",), ("state", "media"))
    assert parsed.terms == {"lavrov", "foreign", "minister", "geneva", "vienna"}
    assert fts5(parsed) == (
        '(("lavrov") AND ("foreign minister") AND ("geneva" OR "vienna")) NOT ("rumour" OR "state media")'
    )


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        # "NEAR(a" is one item: its words, as a phrase
        ('NEAR(a b, 5) title:x "unclosed', '("near a") AND ("b") AND ("5") AND ("title x") AND ("unclosed")'),
        ("x* ^y AND z", '("x") AND ("y") AND ("and") AND ("z")'),
        ("U.S. cease-fire", '("u s") AND ("cease fire")'),
        ("snake_case", '("snake case")'),
        ("Zürich 北京", '("zürich") AND ("北京")'),
        ("a OR OR b", '("a" OR "b")'),
        ("OR a", '("a")'),
        ("a * OR b", '("a" OR "b")'),  # a word without letters or digits is no item
    ],
)
def test_fts5_form_holds_nothing_but_quoted_words(q, expected):
    assert fts5(parse(q)) == expected


def test_a_dash_inside_a_word_is_no_exclusion():
    assert parse("pro-Russian").groups == ((("pro", "russian"),),)
    assert parse("-pro-Russian word").excluded == (("pro", "russian"),)


@pytest.mark.parametrize("q", ["", " ", '""', "-x", '-"a b"', "* : ( )", "OR", "- -- ---"])
def test_no_word_to_look_for(q):
    with pytest.raises(ConfigError, match="search query has no word to look for"):
        parse(q)


def test_too_many_items():
    with pytest.raises(ConfigError) as caught:
        parse(" ".join(["w"] * (MAX_ITEMS + 1)))
    assert str(caught.value) == f"search query has {MAX_ITEMS + 1} items; give at most {MAX_ITEMS} words or phrases"

"""search() on both backends over the hand-made corpus (samples.py): what matches, in which
order, with which counts, filters, pages and snippets."""

from __future__ import annotations

import pytest

from opslens.errors import ConfigError
from opslens.search import Hit, SearchPage, SearchQuery, search
from opslens.store import Store
from tests.search.samples import CORPUS, analysis


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def corpus(request, tmp_path_factory):
    """The corpus stored once per backend; `rows` maps a document's key to its row id."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('search') / 'opslens.db'}"
    else:
        url = request.getfixturevalue("pg_cluster").new_database()
    with Store(url) as store:
        store.rows = {d.key: store.save(analysis(d), analyzer_version="test") for d in CORPUS}
        yield store


def keys(store: Store, page: SearchPage) -> list[str]:
    by_row = {row: key for key, row in store.rows.items()}
    return [by_row[h.row] for h in page.items]


def found(store: Store, q: str, **filters) -> list[str]:
    return keys(store, search(store, SearchQuery(q, limit=50, **filters)))


def test_a_title_match_ranks_above_a_passing_mention(corpus):
    page = search(corpus, SearchQuery("ceasefire"))
    assert keys(corpus, page) == ["A", "B"]
    assert page.items[0].score > page.items[1].score > 0
    assert page.total == 2 and page.next is None


def test_a_hit_names_its_article(corpus):
    (hit,) = search(corpus, SearchQuery("Tbilisi")).items
    stored = corpus.get(str(hit.row))
    assert (hit.article, hit.sha256, hit.title, hit.outlet, hit.published) == (
        "doc-D",
        stored.article.sha256,
        "Protest in Tbilisi",
        "AFP",
        "2022-03-03",
    )
    assert hit.row == corpus.rows["D"]


def test_all_words_must_match(corpus):
    assert sorted(found(corpus, "foreign minister")) == ["A", "B", "C", "F", "H"]
    assert sorted(found(corpus, "FOREIGN Minister Geneva")) == ["A"]


def test_a_quoted_phrase_matches_its_words_in_order(corpus):
    assert sorted(found(corpus, '"foreign minister"')) == ["A", "B", "C", "H"]  # F: "foreign delegation"
    assert found(corpus, '"minister foreign"') == []


def test_exclusion_leaves_out_articles_with_the_word_in_title_or_text(corpus):
    assert sorted(found(corpus, '"foreign minister" -Moscow')) == ["A", "B"]  # C: title, H: text
    assert sorted(found(corpus, 'minister -"foreign minister" -snow')) == ["D", "E", "F", "G"]


def test_or_takes_either(corpus):
    assert sorted(found(corpus, "Tbilisi OR Zürich")) == ["D", "E"]
    assert sorted(found(corpus, "minister Tbilisi OR Geneva")) == ["A", "D"]
    assert found(corpus, "tbilisi or geneva") == []  # lower-case "or" is a word


def test_facets_count_the_whole_result_set(corpus):
    page = search(corpus, SearchQuery("minister", limit=2))
    assert page.total == 8 and len(page.items) == 2
    assert page.facets == {
        "outlet": [("Reuters", 3), ("AFP", 2), ("AP", 2)],
        "country": [("CHE", 2), ("RUS", 2), ("UKR", 2), ("GEO", 1), ("TUR", 1), ("USA", 1)],
        "plover": [("CONSULT", 3), ("ACCUSE", 1), ("ASSAULT", 1), ("COOPERATE", 1), ("PROTEST", 1), ("REJECT", 1)],
        "day": [
            ("2022-03-02", 2),
            ("2022-03-01", 1),
            ("2022-03-03", 1),
            ("2022-03-05", 1),
            ("2022-04-01", 1),
            ("2022-04-02", 1),
        ],
    }


def test_facets_follow_the_filters(corpus):
    page = search(corpus, SearchQuery("minister", outlet="reuters"))
    assert page.facets["outlet"] == [("Reuters", 3)]
    assert page.facets["plover"] == [("CONSULT", 2), ("ACCUSE", 1), ("REJECT", 1)]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"outlet": "reuters"}, ["A", "C", "H"]),
        ({"country": "rus"}, ["C", "H"]),
        ({"country": "USA"}, ["F"]),  # an event actor's code USAMIL; IGOUNO is no country
        ({"country": "IGO"}, []),
        ({"plover": "consult"}, ["A", "E", "H"]),
        ({"since": "2022-03-03"}, ["D", "E", "F", "H"]),
        ({"until": "2022-03"}, ["A", "B", "C", "D", "E"]),
        ({"since": "2022-03-02", "until": "2022-03-03"}, ["B", "C", "D"]),
        ({"outlet": "Reuters", "plover": "CONSULT"}, ["A", "H"]),
        ({"outlet": "Reuters", "country": "GEO"}, []),
    ],
)
def test_filters(corpus, filters, expected):
    assert sorted(found(corpus, "minister", **filters)) == expected


def test_pages_follow_one_another_without_gap_or_repeat(corpus):
    whole = keys(corpus, search(corpus, SearchQuery("minister", limit=50)))
    pages, after = [], None
    while True:
        page = search(corpus, SearchQuery("minister", limit=3, after=after))
        assert page.total == 8
        pages.append(keys(corpus, page))
        after = page.next
        if after is None:
            break
    assert [len(p) for p in pages] == [3, 3, 2]
    assert [k for p in pages for k in p] == whole
    assert sorted(whole) == ["A", "B", "C", "D", "E", "F", "G", "H"]


def test_a_full_last_page_has_no_next(corpus):
    first = search(corpus, SearchQuery("Tbilisi OR Zürich", limit=1))
    second = search(corpus, SearchQuery("Tbilisi OR Zürich", limit=1, after=first.next))
    assert first.next is not None and second.next is None and len(second.items) == 1


@pytest.mark.parametrize(
    ("after", "message"),
    [
        ("not-a-cursor!", "the search cursor is not one this search gave out"),
        ("e30", "the search cursor is not one this search gave out"),  # "{}"
    ],
)
def test_a_bad_cursor_is_refused(corpus, after, message):
    with pytest.raises(ConfigError, match=message):
        search(corpus, SearchQuery("minister", after=after))


def test_a_cursor_of_another_search_is_refused(corpus):
    page = search(corpus, SearchQuery("minister", limit=2))
    with pytest.raises(ConfigError, match="belongs to another search"):
        search(corpus, SearchQuery("minister", outlet="AP", limit=2, after=page.next))


def test_the_snippet_of_a_passing_mention(corpus):
    (hit,) = [h for h in search(corpus, SearchQuery("ceasefire")).items if h.row == corpus.rows["B"]]
    assert hit.snippet == [
        # the last 200 characters (the match is near the end), from a word's start; the paragraph
        # break as one space
        (
            "…said more would follow. Insurers said premiums remained high. Traders in Istanbul "
            "watched prices fall. A local official mentioned the ",
            False,
        ),
        ("ceasefire", True),
        (" only in passing. The foreign minister welcomed the news.", False),
    ]


def test_markup_in_an_article_comes_back_as_plain_text(corpus):
    (hit,) = search(corpus, SearchQuery("script")).items
    assert hit.row == corpus.rows["E"]
    assert hit.snippet == [
        ("<", False),
        ("script", True),
        (">alert('x')</", False),
        ("script", True),
        ("> Leaders will meet in Zürich next month, the minister said.", False),
    ]
    assert hit.to_json()["snippet"][0] == ["<", False]


def test_hit_to_json(corpus):
    (hit,) = search(corpus, SearchQuery("Zürich")).items
    data = hit.to_json()
    assert isinstance(hit, Hit)
    assert {k: data[k] for k in ("article", "row", "title", "outlet", "published")} == {
        "article": "doc-E",
        "row": corpus.rows["E"],
        "title": "Summit planned",
        "outlet": "AP",
        "published": "2022-03-05",
    }
    assert data["snippet"] == [
        ["<script>alert('x')</script> Leaders will meet in ", False],
        ["Zürich", True],
        [" next month, the minister said.", False],
    ]


NO_WORDS = "search query has no word to look for"


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("ceasefire*", ["A", "B"]),
        ('"ceasefire', ["A", "B"]),
        ('ceasefire"', ["A", "B"]),
        ("(ceasefire)", ["A", "B"]),
        ("ceasefire^", ["A", "B"]),
        ("{ceasefire}", ["A", "B"]),
        ("'ceasefire'", ["A", "B"]),
        ("ceasefire: -", ["A", "B"]),
        ('ceasefire -"', ["A", "B"]),
        ("OR ceasefire OR", ["A", "B"]),
        ("ceasefire\x00", ["A", "B"]),
        ("title:ceasefire", []),  # not FTS5's column filter: "title" is just a word
        ("NEAR(ceasefire Geneva, 5)", []),  # nor its NEAR group: "near" and "5" are words
        ("ceasefire AND Geneva", []),  # "and" is a word the text lacks
        ("'; DROP TABLE articles; --", []),
        ("a & b | !c <-> d:*", []),
        ("<script>", ["E"]),
        ("Zürich", ["E"]),
        ("zürich", ["E"]),
        ("北京", []),
    ],
)
def test_hostile_queries_are_words(corpus, q, expected):
    assert sorted(found(corpus, q)) == expected


@pytest.mark.parametrize(
    "q", ["", "   ", '"', '""', "()", "*", ":", "-ceasefire", '-"foreign minister"', "OR", "--", "\x01\x02"]
)
def test_a_query_without_words_is_refused(corpus, q):
    with pytest.raises(ConfigError, match=NO_WORDS):
        search(corpus, SearchQuery(q))


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"since": "March"}, "since takes a date as YYYY, YYYY-MM or YYYY-MM-DD, not 'March'"),
        ({"until": "2022-02-30"}, "until takes a date as YYYY, YYYY-MM or YYYY-MM-DD, not '2022-02-30'"),
        ({"limit": 0}, "limit must be between 1 and 200, not 0"),
        ({"outlet": "AP\x00"}, "outlet holds a NUL character"),
    ],
)
def test_bad_filters_are_refused(corpus, filters, message):
    with pytest.raises(ConfigError) as caught:
        search(corpus, SearchQuery("minister", **filters))
    assert str(caught.value) == message


def test_a_broad_query_ranks_and_counts_the_most_recent_candidates(corpus, monkeypatch):
    from opslens.search import find

    monkeypatch.setattr(find, "CANDIDATES", 3)
    first = search(corpus, SearchQuery("minister", limit=2))
    assert (first.total, first.complete) == (8, False)  # the total still counts every match
    second = search(corpus, SearchQuery("minister", limit=2, after=first.next))
    assert second.next is None and len(second.items) == 1
    assert sorted(keys(corpus, first) + keys(corpus, second)) == ["F", "G", "H"]  # stored last
    assert first.facets["outlet"] == [("AFP", 1), ("Reuters", 1)]
    assert first.to_json()["complete"] is False
    assert search(corpus, SearchQuery("ceasefire")).complete is True

"""Stories: one factory fire told by three outlets becomes one story, industry news of the same
broad topic stays apart, and the clusters and ids do not depend on the order articles arrive in."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from opslens.link import update
from opslens.link.stories import Region, assign_ids
from opslens.link.story_events import key_events
from opslens.link.story_similarity import StoryItem, lead_of
from opslens.link.story_views import get_story, list_stories
from opslens.store import Store
from opslens.store.schema import ArticleRow, LinkedArticleRow
from tests.link.story_samples import ALONE, BACKGROUND, FIRE, FLOOD, REPORTS, analysis, sha

ALL = [r[0] for r in REPORTS + BACKGROUND]


def _ingest(store: Store, ids: list[str], batch: int = 3) -> None:
    """Store and link the articles a few at a time, as `opslens analyze` does."""
    for start in range(0, len(ids), batch):
        for aid in ids[start : start + batch]:
            store.save(analysis(aid), analyzer_version="test")
        update(store)


def _clusters(store: Store) -> set[frozenset[str]]:
    return {frozenset(a.article_id for a in s.articles) for s in list_stories(store)}


def _story_of(store: Store) -> dict[str, str]:
    with store.reading("test") as conn:
        rows = conn.execute(
            select(ArticleRow.article_id, LinkedArticleRow.story_id).join(
                LinkedArticleRow, LinkedArticleRow.article_row_id == ArticleRow.id
            )
        )
        return {aid: sid for aid, sid in rows}


def test_the_fire_is_one_story_and_the_same_topic_stays_apart(store):
    _ingest(store, ALL, batch=len(ALL))
    clusters = _clusters(store)
    assert frozenset(FIRE) in clusters
    assert frozenset(FLOOD) in clusters
    for aid in ALONE + [r[0] for r in BACKGROUND]:
        assert frozenset([aid]) in clusters
    assert len(clusters) == 2 + len(ALONE) + len(BACKGROUND)

    fire_id = "S" + sha(analysis("fire-herald").article.text)[:10]  # the earliest report names it
    story = get_story(store, fire_id)
    assert story.title == "Fire at Brennan Plastics plant forces Millbrook evacuation"
    assert (story.first_seen, story.last_seen, story.n_articles) == ("2023-03-14", "2023-03-16", 3)
    assert story.outlets == ["Millbrook Herald", "Ohio Wire", "State Tribune"]
    assert [a.article_id for a in story.articles] == FIRE  # by day
    assert story.events[0]["plover"] == "COERCE"
    assert story.events[0]["source"] == "Dale Hoskins"
    assert story.events[0]["articles"] == 3


def test_two_arrival_orders_give_the_same_stories(store_url, tmp_path):
    with Store(store_url) as forward:
        _ingest(forward, ALL)
        first = _clusters(forward)
    with Store(f"sqlite:///{tmp_path / 'reversed.db'}") as backward:
        _ingest(backward, ALL[::-1])
        assert _clusters(backward) == first


def test_ids_stay_put_as_reports_arrive_and_relinking_changes_nothing(store):
    fire_id = "S" + sha(analysis("fire-herald").article.text)[:10]
    _ingest(store, [r[0] for r in BACKGROUND], batch=5)  # the store already holds the week's other news
    _ingest(store, ["fire-herald"], batch=1)
    assert _story_of(store)["fire-herald"] == fire_id
    _ingest(store, ["fire-wire", "safety-bill"], batch=2)
    _ingest(store, ["fire-tribune", "plant-jobs"], batch=2)
    before = _story_of(store)
    assert {before[a] for a in FIRE} == {fire_id}
    stories = [s.to_dict() for s in list_stories(store)]

    _ingest(store, FIRE + ALONE, batch=5)  # the same articles stored and linked again
    assert update(store).counts["articles"] == 0  # nothing left to link
    assert _story_of(store) == before
    assert [s.to_dict() for s in list_stories(store)] == stories


def _region(old: dict[int, str | None], first_seen: dict[str, str | None]) -> Region:
    items = [StoryItem(row_id=r, sha256=sha(str(r)), day=None, title="", lead="") for r in sorted(old)]
    return Region(items=items, outlets={}, old=old, first_seen=first_seen)


def test_a_split_story_keeps_its_id_where_most_of_it_went():
    region = _region({1: "Sold", 2: "Sold", 3: "Sold", 4: None}, {"Sold": "2023-03-14"})
    ids = assign_ids([[1], [2, 3], [4]], region)
    assert ids[1] == "Sold"
    assert ids[2] == "S" + sha("4")[:10]
    assert ids[0] not in {"Sold", ids[2]}  # the old seed article starts a new story, its own id


def test_merged_stories_keep_the_bigger_then_older_id():
    region = _region(
        {1: "Sa", 2: "Sb", 3: "Sb", 4: "Sc", 5: "Sd"},
        {"Sa": "2023-03-10", "Sb": "2023-03-12", "Sc": "2023-03-11", "Sd": "2023-03-09"},
    )
    assert assign_ids([[1, 2, 3]], region) == ["Sb"]
    assert assign_ids([[4, 5]], region) == ["Sd"]


def test_key_events_count_articles_and_skip_background():
    fire = [analysis(a) for a in FIRE]
    assert [e["articles"] for e in key_events(fire)] == [3]
    background = fire[0].model_copy(update={"events": [fire[0].events[0].model_copy(update={"background": True})]})
    assert key_events([background]) == []


def test_the_lead_leaves_out_a_first_paragraph_that_repeats_the_title():
    text = "Fire at plant.\n\nA fire broke out.\n\nCrews came.\n\nSmoke rose."
    assert lead_of(text, "Fire at plant", paragraphs=2) == "A fire broke out.\nCrews came."


def _times(text: str, *spans: tuple[str, str, str]) -> list[dict]:
    """TIMEX records for the given (words, type, value) as the times stage writes them."""
    return [
        {"type": kind, "value": value, "start": text.index(words), "end": text.index(words) + len(words)}
        for words, kind, value in spans
    ]


FIRE_TEXT = (
    "Crews were still at the Halvorsen plant on Wednesday. The fire broke out in the paint shop "
    "on Monday night, the company said. Production will resume next month.\n\nOutput fell in 2021."
)


def test_dated_words_are_the_words_of_sentences_naming_a_nearby_day():
    from opslens.link.story_dates import dated_words

    times = _times(
        FIRE_TEXT,
        ("Wednesday", "DATE", "2023-03-15"),  # the article's own day: kept
        ("Monday night", "TIME", "2023-03-13TNI"),  # a part of a day counts as that day
        ("next month", "DATE", "2023-04"),  # not a day
        ("2021", "DATE", "2021"),
    )
    assert dated_words(FIRE_TEXT, times, "2023-03-15") == frozenset(
        {
            ("2023-03-15", "crews"),
            ("2023-03-15", "halvorsen"),
            ("2023-03-15", "plant"),
            ("2023-03-13", "fire"),
            ("2023-03-13", "broke"),
            ("2023-03-13", "paint"),
            ("2023-03-13", "shop"),
            ("2023-03-13", "company"),  # not "said", "night", "monday" or "the"
        }
    )
    assert dated_words(FIRE_TEXT, times, None) == frozenset()


def test_a_day_far_from_the_article_gives_no_dated_words():
    from opslens.link.story_dates import dated_words

    text = "The plant first opened on March 1, 2020, with two hundred workers."
    times = _times(text, ("March 1, 2020", "DATE", "2020-03-01"))
    assert dated_words(text, times, "2023-03-15") == frozenset()


def test_shared_dated_words_count_on_days_near_both_and_not_both_own_days():
    from datetime import date

    from opslens.link.story_dates import shared_dated

    monday, tuesday = date(2023, 3, 13), date(2023, 3, 14)
    fire = frozenset({("2023-03-13", "fire"), ("2023-03-13", "paint"), ("2023-03-14", "crews")})
    # a report of Tuesday names Monday's fire; a report of Monday says the fire was today
    later = frozenset({("2023-03-13", "fire"), ("2023-03-13", "paint"), ("2023-03-14", "crews")})
    assert shared_dated(fire, later, monday, tuesday) == 3
    # two reports written on Monday that both say "today" share no more than their day
    assert shared_dated(fire, later, monday, monday) == 1  # only Tuesday's crews
    # a day more than REACH_DAYS from one article does not count
    assert shared_dated(fire, later, monday, date(2023, 3, 19)) == 1  # Monday lies 6 days back


def _vote_item(n: int, day: str, title: str, lead: str, dated: set[tuple[str, str]]) -> StoryItem:
    from datetime import date

    return StoryItem(
        row_id=n, sha256=f"{n:064x}", day=date.fromisoformat(day), title=title, lead=lead, dated=frozenset(dated)
    )


def test_what_two_reports_say_happened_on_one_day_joins_them_and_their_own_day_does_not():
    import math

    from opslens.link.story_similarity import DATE_SCALE, W_DATES, NameCounts, cluster, similarity

    vote = {("2023-05-02", w) for w in ("council", "voted", "close", "library", "branch")}
    preview = _vote_item(
        1, "2023-05-01", "What to expect at City Hall", "Members of the council decide the library's future.", vote
    )
    after = _vote_item(
        2, "2023-05-03", "Readers react to library closure", "Letters poured in about the council.", vote
    )
    other = _vote_item(
        3, "2023-05-03", "Bakery opens next to the library", "A queue formed.", {("2023-05-03", "library")}
    )
    items = [preview, after, other]
    plain = [_vote_item(it.row_id, it.day.isoformat(), it.title, it.lead, set()) for it in items if it.day]
    with_dates, without = similarity(items, NameCounts()), similarity(plain, NameCounts())
    assert with_dates[0, 1] - without[0, 1] == pytest.approx(W_DATES * (1 - math.exp(-5 / DATE_SCALE)))
    assert with_dates[1, 2] == pytest.approx(without[1, 2])  # "library" on the 3rd is not the vote on the 2nd
    assert cluster(plain, without) == [[0], [1], [2]]
    assert cluster(items, with_dates) == [[0, 1], [2]]
    # two reports written on the 2nd that both name the 2nd share no more than the day they were written
    same_day = [_vote_item(it.row_id, "2023-05-02", it.title, it.lead, vote) for it in (preview, after)]
    plain_same_day = [_vote_item(it.row_id, "2023-05-02", it.title, it.lead, set()) for it in (preview, after)]
    assert similarity(same_day, NameCounts())[0, 1] == pytest.approx(similarity(plain_same_day, NameCounts())[0, 1])


def _sims(n: int, pairs: dict[tuple[int, int], float]):
    import numpy as np

    sim = np.eye(n)
    for (a, b), value in pairs.items():
        sim[a, b] = sim[b, a] = value
    return sim


def test_a_loose_story_takes_a_report_only_a_little_like_each_of_its_articles():
    from opslens.link.story_similarity import THRESHOLD, cluster

    days = ("2023-05-01", "2023-05-02", "2023-05-04")
    items = [_vote_item(n, day, "t", "l", set()) for n, day in enumerate(days)]
    # the vote and its first report (0.3 alike); the aftermath is 0.17 like each: below the
    # threshold on average, but their centroids' cosine is 0.17 / sqrt(0.65) = 0.211
    sim = _sims(3, {(0, 1): 0.3, (0, 2): 0.17, (1, 2): 0.17})
    assert 0.17 < THRESHOLD <= 0.17 / (0.65**0.5)
    assert cluster(items, sim) == [[0, 1, 2]]
    # alone, two articles 0.17 alike are no story
    assert cluster(items[1:], _sims(2, {(0, 1): 0.17})) == [[0], [1]]


def test_a_bridging_article_does_not_chain_two_stories():
    from opslens.link.story_similarity import cluster

    items = [_vote_item(n, "2023-05-02", "t", "l", set()) for n in range(5)]
    # two tight stories (0.6 within); article 2 is 0.3 like one article of each, 0 like the others:
    # 0.15 on average against a story of cohesion 0.8, a score of 0.168
    sim = _sims(5, {(0, 1): 0.6, (3, 4): 0.6, (1, 2): 0.3, (2, 3): 0.3})
    assert cluster(items, sim) == [[0, 1], [2], [3, 4]]


def test_entity_rarity_is_counted_over_the_days_near_both_articles_only():
    import math
    from datetime import date, timedelta

    from opslens.link.story_similarity import ENTITY_SCALE, NameCounts, StoryItem, _entities

    def item(n: int, day: str, names: set[str]) -> StoryItem:
        return StoryItem(n, f"{n:064x}", date.fromisoformat(day), "t", "l", entities=frozenset(names))

    items = [item(0, "2023-03-14", {"Brennan Plastics", "Millbrook"}), item(1, "2023-03-15", {"Brennan Plastics"})]
    items.append(item(2, "2023-03-14", {"Millbrook"}))
    march = {date(2023, 3, 1) + timedelta(days=k): 10 for k in range(31)}  # ten stored articles a day
    counts = NameCounts(
        articles=march,
        naming={"Brennan Plastics": {date(2023, 3, 14): 1, date(2023, 3, 15): 1}, "Millbrook": {date(2023, 3, 14): 60}},
    )
    # the days within a week of both the 14th and the 15th: the 8th to the 21st, 140 articles, 2 name the firm
    expected = 1 - math.exp(-(math.log(141 / 2.5) - 1) / ENTITY_SCALE)
    assert _entities(items, counts)[0, 1] == pytest.approx(expected)
    assert _entities(items, counts)[0, 2] == 0.0  # Millbrook: 60 of the 150 articles of the 7th to the 21st
    # articles naming the firm twelve days later lie outside that window: the pair's score stays
    later = NameCounts(
        articles=march, naming={"Brennan Plastics": {**counts.naming["Brennan Plastics"], date(2023, 3, 27): 9}}
    )
    assert _entities(items, later)[0, 1] == pytest.approx(expected)


def test_neighbourhood_day_ranges_merge_where_they_touch():
    from datetime import date

    from opslens.link.stories import _merged

    d = date.fromisoformat
    spans = [(d("2023-03-20"), d("2023-03-25")), (d("2023-03-01"), d("2023-03-10")), (d("2023-03-11"), d("2023-03-12"))]
    assert _merged(spans) == [(d("2023-03-01"), d("2023-03-12")), (d("2023-03-20"), d("2023-03-25"))]


def _joined_by_hand(sim, threshold: float) -> list[list[int]]:
    """Centroid linkage written out plainly: every score recomputed at every step."""
    import numpy as np

    clusters = [[i] for i in range(len(sim))]
    while True:
        found = []
        for x in range(len(clusters)):
            for y in range(x + 1, len(clusters)):
                a, b = clusters[x], clusters[y]
                cross = sim[np.ix_(a, b)].mean()
                score = cross / np.sqrt(sim[np.ix_(a, a)].mean() * sim[np.ix_(b, b)].mean())
                if cross > 0 and score >= threshold:
                    found.append((-score, x, y))
        if not found:
            return sorted(sorted(c) for c in clusters)
        _score, x, y = min(found)
        clusters[x] += clusters.pop(y)


def test_the_step_by_step_linkage_joins_what_recomputing_every_score_joins():
    import numpy as np

    from opslens.link.story_similarity import THRESHOLD, _centroid_linkage

    rng = np.random.default_rng(7)
    sizes = []
    for n in (12, 40, 40):
        noise = np.round(rng.random((n, n)) * 0.2 - 0.08, 2)  # rounded: ties happen
        sim = (noise + noise.T) / 2
        story = rng.integers(0, n // 3, n)
        sim[story[:, None] == story[None, :]] += 0.25
        np.fill_diagonal(sim, 1.0)
        joined = _centroid_linkage(list(range(n)), sim)
        assert sorted(joined) == _joined_by_hand(sim, THRESHOLD)
        sizes += [len(c) for c in joined]
    assert max(sizes) > 3 and sizes.count(1) > 1  # neither one blob nor all alone

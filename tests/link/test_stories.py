"""Stories: one factory fire told by three outlets becomes one story, industry news of the same
broad topic stays apart, and the clusters and ids do not depend on the order articles arrive in."""

from __future__ import annotations

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


def test_the_days_an_article_refers_to_leave_out_its_own_and_vague_ones():
    from opslens.link.stories import _dates

    times = [
        {"type": "DATE", "value": "2023-03-14"},  # "on Tuesday": the day of the fire
        {"type": "DATE", "value": "2023-03-16"},  # "today": the article's own day
        {"type": "DATE", "value": "2023-W11"},  # "this week"
        {"type": "DURATION", "value": "P3D"},
    ]
    assert _dates(times, "2023-03-16") == frozenset({"2023-03-14"})


def test_neighbourhood_day_ranges_merge_where_they_touch():
    from datetime import date

    from opslens.link.stories import _merged

    d = date.fromisoformat
    spans = [(d("2023-03-20"), d("2023-03-25")), (d("2023-03-01"), d("2023-03-10")), (d("2023-03-11"), d("2023-03-12"))]
    assert _merged(spans) == [(d("2023-03-01"), d("2023-03-12")), (d("2023-03-20"), d("2023-03-25"))]

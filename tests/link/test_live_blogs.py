"""Live blogs: a page of timestamped entries is clustered as its newest entry, so an older entry
that retells another development does not tie the page to that story."""

from __future__ import annotations

from opslens.link import update
from opslens.link.live_blogs import first_entry
from opslens.link.story_views import list_stories
from tests.link.story_samples import BACKGROUND, FIRE, LIVE, analysis

AP_STYLE = (
    "The Latest: Senate passes budget.\n\n"
    "WASHINGTON (AP) — The Latest on Congress (all times EDT):\n\n"
    "7 p.m.\n\n"
    "The Senate has passed the budget 51-49.\n\n"
    "The House votes on Friday.\n\n"
    "___.\n\n"
    "6:05 p.m.\n\n"
    "Senators are still debating the budget."
)


def test_the_first_entry_runs_from_its_stamp_to_the_rule_before_the_next():
    entry = first_entry(AP_STYLE)
    assert entry is not None
    assert (
        AP_STYLE[entry.start : entry.end].strip()
        == "The Senate has passed the budget 51-49.\n\nThe House votes on Friday."
    )


def test_without_a_rule_the_entry_ends_at_the_next_stamp():
    text = "Live updates.\n\n11:30 a.m. EDT\n\nPolls have opened.\n\n10 a.m.\n\nVoters queue early."
    entry = first_entry(text)
    assert entry is not None
    assert text[entry.start : entry.end].strip() == "Polls have opened."


def test_one_clock_time_does_not_make_a_live_blog():
    assert first_entry("The vote is at 7 p.m.\n\n7 p.m.\n\nThe senators met at noon.") is None
    assert first_entry("A plain report.\n\nIt has two paragraphs.") is None


def test_a_live_blog_stays_out_of_the_fire_story_its_older_entries_retell(store):
    others = [r[0] for r in BACKGROUND if r[0] != "transit-fares"]  # no report of its newest entry
    for aid in [*FIRE, *others, LIVE[0]]:
        store.save(analysis(aid), analyzer_version="test")
    update(store)
    clusters = {frozenset(a.article_id for a in s.articles) for s in list_stories(store)}
    assert frozenset(FIRE) in clusters
    assert frozenset([LIVE[0]]) in clusters

"""Listing merged events: the filters the CLI, the API and the exports share, and paging by
(day, id) that neither skips nor repeats an event."""

from __future__ import annotations

from opslens.link import update
from opslens.link.listing import EventFilter, merged_events, page_key
from opslens.store import Store
from tests.link.samples import Actor, Told, analysis

TRUSS = Actor("Liz Truss", code="GBRGOV")
LAVROV = Actor("Sergei Lavrov", code="RUSGOV")
BLINKEN = Actor("Antony Blinken", code="USAGOV")
KULEBA = Actor("Dmytro Kuleba", code="UKRGOV")

MEET = "Liz Truss met Sergei Lavrov in Moscow"
DENY = "Antony Blinken denied meeting Dmytro Kuleba in Kyiv"
RECALL = "Sergei Lavrov had accused Antony Blinken of lying in 2021"


def stored(store: Store) -> None:
    reports = [
        analysis(
            f"{MEET}.\n",
            Told(MEET, "met", "CONSULT", "040", TRUSS, LAVROV, "asserted", "2022-02-10"),
            outlet="Example Post",
            day="2022-02-10",
        ),
        analysis(
            f"{DENY}.\n",
            Told(DENY, "meeting", "CONSULT", "040", BLINKEN, KULEBA, "denied", "2022-02-12"),
            outlet="Daily Example",
            day="2022-02-12",
        ),
        analysis(
            f"{RECALL}.\n",
            Told(RECALL, "accused", "ACCUSE", "112", LAVROV, BLINKEN, "asserted", "2021-06-01", background=True),
            outlet="Example Herald",
            day="2022-02-11",
        ),
    ]
    for one in reports:
        store.save(one, analyzer_version="test")
    update(store)


def pairs(rows: list[dict]) -> list[tuple[str, str, str]]:
    return [(r["date"], r["source"], r["target"]) for r in rows]


def test_filters_by_country_modality_and_background(store):
    stored(store)
    assert pairs(merged_events(store, EventFilter(country="gbr"))) == [("2022-02-10", "GBRGOV", "RUSGOV")]
    assert pairs(merged_events(store, EventFilter(country="USA"))) == [
        ("2022-02-12", "USAGOV", "UKRGOV"),
        ("2021-06-01", "RUSGOV", "USAGOV"),
    ]
    assert pairs(merged_events(store, EventFilter(modality="denied"))) == [("2022-02-12", "USAGOV", "UKRGOV")]
    assert pairs(merged_events(store, EventFilter(background=True))) == [("2021-06-01", "RUSGOV", "USAGOV")]
    assert len(merged_events(store, EventFilter(background=False))) == 2
    [recalled] = merged_events(store, EventFilter(plover="ACCUSE"))
    assert [r["background"] for r in recalled["reports"]] == [True]


def test_pages_follow_one_another_without_gap_or_repeat(store):
    stored(store)
    everything = pairs(merged_events(store, EventFilter()))
    first = merged_events(store, EventFilter(limit=2))
    rest = merged_events(store, EventFilter(limit=2, after=page_key(first[-1])))
    assert pairs(first) + pairs(rest) == everything
    assert len(everything) == 3 and len(rest) == 1
    assert merged_events(store, EventFilter(after=page_key(rest[-1]))) == []

"""The actor graph: one node per actor code, one edge per directed pair, weighted by merged events."""

from __future__ import annotations

import networkx as nx

from opslens.link import graph, update
from opslens.link.graph import actor_graph, every_event
from opslens.link.listing import EventFilter
from opslens.store import Store
from tests.link.samples import Actor, Told, analysis

TRUSS = Actor("Liz Truss", code="GBRGOV")
LAVROV = Actor("Sergei Lavrov", code="RUSGOV")
BLINKEN = Actor("Antony Blinken", code="USAGOV")

MEET = "Liz Truss met Sergei Lavrov in Moscow"
ACCUSE = "Liz Truss accused Sergei Lavrov of lying about the troops"
RECALL = "Sergei Lavrov had accused Antony Blinken of lying in 2021"


def stored(store: Store) -> None:
    for text, told, outlet, day in (
        (
            MEET,
            Told(MEET, "met", "CONSULT", "040", TRUSS, LAVROV, "asserted", "2022-02-10"),
            "Example Post",
            "2022-02-10",
        ),
        (
            ACCUSE,
            Told(ACCUSE, "accused", "ACCUSE", "112", TRUSS, LAVROV, "asserted", "2022-02-14"),
            "Daily Example",
            "2022-02-14",
        ),
        (
            RECALL,
            Told(RECALL, "accused", "ACCUSE", "112", LAVROV, BLINKEN, "asserted", "2021-06-01"),
            "Example Herald",
            "2022-02-11",
        ),
    ):
        store.save(analysis(f"{text}.\n", told, outlet=outlet, day=day), analyzer_version="test")
    update(store)


def test_nodes_and_edges_count_merged_events(store):
    stored(store)
    g = actor_graph(store, EventFilter())
    assert isinstance(g, nx.DiGraph)
    assert sorted(g.nodes) == ["GBRGOV", "RUSGOV", "USAGOV"]
    assert g.nodes["RUSGOV"] == {"name": "Sergei Lavrov", "country": "RUS", "events": 3}
    assert g.nodes["GBRGOV"] == {"name": "Liz Truss", "country": "GBR", "events": 2}
    assert g.edges["GBRGOV", "RUSGOV"] == {"weight": 2, "goldstein": -0.5, "plover": "ACCUSE:1;CONSULT:1"}
    assert g.edges["RUSGOV", "USAGOV"] == {"weight": 1, "goldstein": -2.0, "plover": "ACCUSE:1"}
    assert not g.has_edge("RUSGOV", "GBRGOV")


def test_the_filter_narrows_the_graph(store):
    stored(store)
    g = actor_graph(store, EventFilter(plover="consult"))
    assert list(g.edges(data=True)) == [("GBRGOV", "RUSGOV", {"weight": 1, "goldstein": 1.0, "plover": "CONSULT:1"})]
    assert sorted(actor_graph(store, EventFilter(country="USA")).edges) == [("RUSGOV", "USAGOV")]


def test_the_whole_selection_is_read_past_one_page(store, monkeypatch):
    stored(store)
    monkeypatch.setattr(graph, "PAGE", 1)
    assert [e["date"] for e in every_event(store, EventFilter(limit=1))] == ["2022-02-14", "2022-02-10", "2021-06-01"]
    assert actor_graph(store, EventFilter(limit=1)).edges["GBRGOV", "RUSGOV"]["weight"] == 2


def test_country_of_takes_only_country_codes():
    assert graph.country_of("GBRGOV") == "GBR"
    assert graph.country_of("IGOUNO") == ""

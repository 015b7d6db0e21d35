"""graphml: the actor graph (opslens.link.graph) as networkx writes it."""

from __future__ import annotations

from typing import BinaryIO

import networkx as nx  # type: ignore[import-untyped]  # no stubs shipped

from opslens.export.selection import events
from opslens.link.graph import actor_graph, graph_of
from opslens.link.listing import EventFilter
from opslens.store import Store


def write(store: Store, f: EventFilter, out: BinaryIO, story: str | None) -> int:
    graph = actor_graph(store, f) if story is None else graph_of(events(store, f, story))
    nx.write_graphml(graph, out)
    return graph.number_of_edges()

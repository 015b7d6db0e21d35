"""`/graph`: who acts on whom, weighted by merged events (opslens.link.graph.actor_graph), laid
out server-side (a spring layout with a fixed seed: the same store draws the same picture)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx  # type: ignore[import-untyped]  # no stubs shipped
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from opslens.link.graph import actor_graph
from opslens.link.listing import EventFilter
from opslens.web.pages.common import page, store_of

router = APIRouter()

EVENTS = 2000  # the latest merged events the graph is drawn from
ACTORS = 60  # the actors in the most events
SIZE, PAD = 600.0, 40.0
SEED = 22


@dataclass(frozen=True)
class Node:
    code: str
    name: str
    events: int
    x: float
    y: float
    r: float


@dataclass(frozen=True)
class Edge:
    source: Node
    target: Node
    weight: int
    width: float
    goldstein: float | None
    plover: str
    href: str

    @property
    def end(self) -> tuple[float, float]:
        """Where the arrow stops: at the target circle's edge, not under it."""
        dx, dy = self.target.x - self.source.x, self.target.y - self.source.y
        length = math.hypot(dx, dy) or 1.0
        back = min(self.target.r + 2, length / 2) / length
        return round(self.target.x - dx * back, 1), round(self.target.y - dy * back, 1)


@router.get("/graph", response_class=HTMLResponse)
def graph_page(request: Request) -> HTMLResponse:
    graph = actor_graph(store_of(request), EventFilter(limit=EVENTS))
    nodes, edges = drawn(graph)
    return page(request, "graph.html", "Actor graph", nodes=nodes, edges=edges, size=SIZE)


def drawn(graph: nx.Graph) -> tuple[list[Node], list[Edge]]:
    """Nodes placed in a SIZE × SIZE square, radius by events; edges (summed over parallel ones)
    with a width by weight."""
    keep = sorted(graph.nodes, key=lambda n: (-int(graph.nodes[n].get("events") or 0), str(n)))[:ACTORS]
    simple = nx.DiGraph()
    simple.add_nodes_from(keep)
    for s, t, data in graph.edges(data=True):
        if s in simple and t in simple and s != t:
            before = simple.get_edge_data(s, t, {"weight": 0})
            simple.add_edge(s, t, weight=before["weight"] + int(data.get("weight") or 1), data=data)
    if not keep:
        return [], []
    spread = (
        nx.spring_layout(simple.to_undirected(), seed=SEED, weight="weight") if len(keep) > 1 else {keep[0]: (0, 0)}
    )
    most = max(int(graph.nodes[n].get("events") or 1) for n in keep)
    nodes = {n: _node(n, graph.nodes[n], spread[n], most) for n in keep}
    heaviest = max((d["weight"] for _, _, d in simple.edges(data=True)), default=1)
    edges = [
        Edge(
            nodes[s],
            nodes[t],
            d["weight"],
            round(1 + 5 * d["weight"] / heaviest, 1),
            d["data"].get("goldstein"),
            str(d["data"].get("plover") or ""),
            f"/dyads/{s}/{t}",
        )
        for s, t, d in simple.edges(data=True)
    ]
    return list(nodes.values()), edges


def _node(code, data: dict, where, most: int) -> Node:
    half = SIZE / 2 - PAD
    x, y = (float(v) for v in where)
    events = int(data.get("events") or 0)
    r = round(5 + 15 * (events / most) ** 0.5, 1)
    return Node(
        str(code),
        str(data.get("name") or code),
        events,
        round(SIZE / 2 + x * half, 1),
        round(SIZE / 2 + y * half, 1),
        r,
    )

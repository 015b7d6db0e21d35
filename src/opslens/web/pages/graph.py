"""`/graph`: who acts on whom, weighted by merged events (opslens.link.graph.actor_graph), laid
out server-side (a spring layout with a fixed seed: the same store draws the same picture).
By default over the 90 days up to the latest event (the graph reads every event it covers);
?since=YYYY-MM-DD&until=YYYY-MM-DD choose the days."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import networkx as nx  # type: ignore[import-untyped]  # no stubs shipped
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import func, select

from opslens.link.graph import actor_graph
from opslens.link.listing import EventFilter
from opslens.store import Store
from opslens.store.schema import MergedEventRow
from opslens.web.pages.common import bad_request, page, store_of

router = APIRouter()

WINDOW_DAYS = 90  # by default the graph shows the 90 days up to the latest event
DAY = re.compile(r"\d{4}-\d\d-\d\d")
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
def graph_page(request: Request, since: str | None = None, until: str | None = None) -> HTMLResponse:
    for name, value in (("since", since), ("until", until)):
        if value and not DAY.fullmatch(value):
            return bad_request(request, f"{name} takes a day as YYYY-MM-DD, not {value!r}")
    store = store_of(request)
    since = since or (None if until else _days_before_latest(store, WINDOW_DAYS))
    nodes, edges = drawn(actor_graph(store, EventFilter(since=since, until=until or None)))
    context: dict[str, Any] = {"nodes": nodes, "edges": edges, "size": SIZE, "since": since, "until": until}
    return page(request, "graph.html", "Actor graph", **context)


def _days_before_latest(store: Store, days: int) -> str | None:
    """The day `days` before the latest merged event's: the graph's default window."""
    with store.reading("find the latest event day") as conn:
        latest = conn.execute(select(func.max(MergedEventRow.day))).scalar()
    if not latest or not DAY.match(latest):
        return None
    return (date.fromisoformat(latest[:10]) - timedelta(days=days)).isoformat()


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

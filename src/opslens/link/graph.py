"""The actor graph of the merged events matching a filter: who did what to whom, and how often.

Nodes are actor codes (name = the name most reports give, country = the ISO alpha-3 code the actor
code starts with when it is one, events = merged events on either side); edges go source -> target
with weight = merged events, goldstein = their mean Goldstein value (the CAMEO table's
when an analysis left it unset; 0.0 when none has one), plover = "CAT:n;CAT:n" counts.
Each merged event counts once, whatever its number of reports. Shared by the dashboard and the
exports (GraphML); attributes are plain strings and numbers so that GraphML keeps them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from statistics import fmean

import networkx as nx  # type: ignore[import-untyped]  # no stubs shipped

from opslens.knowledge.countries import country_name
from opslens.knowledge.event_codes import code as cameo_code
from opslens.link.listing import EventFilter, merged_events, page_key
from opslens.store import Store

PAGE = 500


def every_event(store: Store, f: EventFilter) -> Iterator[dict]:
    """Every merged event matching the filter, latest first, read page by page (f.limit and f.after
    only page the listing; a graph or an export takes the whole selection)."""
    page = replace(f, after=None, limit=PAGE)
    while True:
        rows = merged_events(store, page)
        yield from rows
        if len(rows) < PAGE:
            return
        page = replace(page, after=page_key(rows[-1]))


def country_of(code: str) -> str:
    """The ISO alpha-3 country an actor code starts with ("GBRGOV" -> "GBR"), or "" (IGO, NGO...)."""
    head = code[:3].upper()
    return head if len(head) == 3 and country_name(head) else ""


def goldstein_of(event: dict) -> float | None:
    """The merged event's Goldstein value, or its CAMEO code's in the project's table when the
    analyses left it unset."""
    if event["goldstein"] is not None:
        return event["goldstein"]
    return cameo_code(event["cameo"]).goldstein if event["cameo"] else None


def plover_counts(counts: Counter) -> str:
    return ";".join(f"{cat}:{n}" for cat, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def actor_graph(store: Store, f: EventFilter) -> nx.DiGraph:
    """The directed actor graph of the merged events matching `f` that have both a source and a target."""
    return graph_of(every_event(store, f))


def graph_of(merged: Iterable[dict]) -> nx.DiGraph:
    """The actor graph of these merged-event records (listing.merged_record)."""
    names: dict[str, Counter] = {}
    events: Counter = Counter()
    edges: dict[tuple[str, str], list[dict]] = {}
    for event in merged:
        source, target = event["source"], event["target"]
        if not source or not target:
            continue
        for code, name in ((source, event["source_name"]), (target, event["target_name"])):
            names.setdefault(code, Counter())[name or code] += 1
        events.update({source, target})  # an actor acting on itself takes part in one event, not two
        edges.setdefault((source, target), []).append(event)
    graph = nx.DiGraph()
    for code in sorted(names):
        # most common name; ties go to the alphabetically first, so the graph is the same every time
        name = min(names[code].items(), key=lambda kv: (-kv[1], kv[0]))[0]
        graph.add_node(code, name=name, country=country_of(code), events=events[code])
    for (source, target), group in sorted(edges.items()):
        scores = [g for g in map(goldstein_of, group) if g is not None]
        graph.add_edge(
            source,
            target,
            weight=len(group),
            goldstein=round(fmean(scores), 3) if scores else 0.0,
            plover=plover_counts(Counter(e["plover"] for e in group)),
        )
    return graph

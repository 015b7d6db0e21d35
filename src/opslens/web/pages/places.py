"""`/map`: where the latest merged events took place, as points on an offline world layer.

A merged event keeps its place's name; the coordinates come from the place as its reports'
articles resolved it (the first report whose place has coordinates). Events at the same point
are drawn as one point, listing them."""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select

from opslens.link.listing import EventFilter, merged_events
from opslens.store import Store
from opslens.store.schema import ArticleRow, EventReportRow
from opslens.web.pages import world
from opslens.web.pages.common import page, store_of

router = APIRouter()

EVENTS = 200  # the latest merged events the map looks at
CHUNK = 500


@dataclass
class MapPoint:
    x: float
    y: float
    place: str
    lat: float
    lon: float
    events: list[dict] = field(default_factory=list)  # {"id", "href", "label"}: the article, at the event


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request) -> HTMLResponse:
    points = event_points(store_of(request), EVENTS)
    return page(
        request,
        "map.html",
        "Map",
        countries=world.countries(),
        points=points,
        width=world.WIDTH,
        height=world.HEIGHT,
    )


def event_points(store: Store, limit: int) -> list[MapPoint]:
    events = [e for e in merged_events(store, EventFilter(limit=limit)) if e["place"]]
    found = _coordinates(store, [e["id"] for e in events])
    points: dict[tuple[float, float], MapPoint] = {}
    for e in events:
        if e["id"] not in found:
            continue
        name, lat, lon, row, local = found[e["id"]]
        x, y = world.project(lon, lat)
        point = points.setdefault((x, y), MapPoint(x, y, name, lat, lon))
        who = "→".join(c for c in (e["source"], e["target"]) if c) or "?"
        label = f"{e['date'] or 'undated'} · {e['plover']} · {who}"
        point.events.append({"id": e["id"], "href": f"/articles/{row}#event:{local}", "label": label})
    return list(points.values())


def _coordinates(store: Store, ids: list[str]) -> dict[str, tuple[str, float, float, int, str]]:
    """Merged event id → (place name, lat, lon, article row, event id) from its first located report."""
    er, a = EventReportRow, ArticleRow
    found: dict[str, tuple[str, float, float, int, str]] = {}
    with store.reading("locate events") as conn:
        for start in range(0, len(ids), CHUNK):
            query = (
                select(er.merged_event_id, er.event_local_id, a.id, a.analysis)
                .join(a, a.id == er.article_row_id)
                .where(er.merged_event_id.in_(ids[start : start + CHUNK]))
                .order_by(er.merged_event_id, a.id, er.event_local_id)
            )
            for merged, local, row, analysis in conn.execute(query):
                located = None if merged in found else _located(analysis, local)
                if located:
                    found[merged] = (*located, row, local)
    return found


def _located(analysis: dict, event_id: str) -> tuple[str, float, float] | None:
    event = next((e for e in analysis.get("events") or () if e.get("id") == event_id), None)
    if not event or not event.get("place"):
        return None
    place = next((p for p in analysis.get("places") or () if p.get("id") == event["place"]), None)
    if not place or place.get("lat") is None or place.get("lon") is None:
        return None
    return place["name"], float(place["lat"]), float(place["lon"])

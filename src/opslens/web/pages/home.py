"""`/`: the stories, the most recently seen first, with the latest merged events and alerts."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from opslens.link.deliver import list_alerts
from opslens.link.listing import EventFilter, merged_events, reports_of
from opslens.link.story_views import list_stories
from opslens.web.pages.common import page, store_of

router = APIRouter()

STORIES = 50
EVENTS = 20
ALERTS = 10


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    store = store_of(request)
    events = merged_events(store, EventFilter(limit=EVENTS))
    with store.reading("read the events' reports") as conn:
        found = reports_of(conn, [e["id"] for e in events], with_rows=True)  # row ids: to link the articles
    return page(
        request,
        "home.html",
        "Stories",
        stories=list_stories(store, limit=STORIES),
        events=[e | {"reports": found.get(e["id"], [])} for e in events],
        alerts=list_alerts(store, limit=ALERTS),
        articles=store.count(),
    )

"""`/api/events`: merged events (one per event however many articles report it), with their
reports, independent origins and contests; the filters of `opslens events --merged`."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from opslens.errors import ConfigError
from opslens.link.listing import EventFilter, merged_events, page_key
from opslens.store import Store
from opslens.web import paging
from opslens.web.api import params
from opslens.web.api.deps import StoreDep
from opslens.web.responses import JSON

router = APIRouter(tags=["events"])
LISTING = "events"


def event_filter(
    actor: Annotated[str | None, Query(description="Actor code on either side; a prefix takes more.")] = None,
    country: Annotated[str | None, Query(description="ISO alpha-3 country of either actor.")] = None,
    dyad: Annotated[str | None, Query(description="Two actor codes A,B, either way round: GBR,RUS.")] = None,
    plover: Annotated[str | None, Query(description="PLOVER category, e.g. ACCUSE.")] = None,
    since: Annotated[str | None, Query(description="On or after (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, Query(description="On or before (YYYY[-MM[-DD]]).")] = None,
    modality: Annotated[str | None, Query(description="Some report tells it so: asserted, planned…")] = None,
    background: Annotated[bool | None, Query(description="true: recalled as background; false: news.")] = None,
    min_origins: Annotated[int | None, Query(ge=1, description="At least this many independent origins.")] = None,
    contested: Annotated[bool, Query(description="Only contested claims.")] = False,
) -> EventFilter:
    """The query's filters as the listing's EventFilter (shared by /api/events and the exports)."""
    return EventFilter(
        plover=params.plover(plover),
        actor=params.code("actor", actor),
        dyad=params.dyad(dyad),
        since=params.date("since", since),
        until=params.date("until", until),
        min_origins=min_origins,
        contested=contested,
        country=params.country(country),
        modality=params.modality(modality),
        background=background,
    )


Filters = Annotated[EventFilter, Depends(event_filter)]


@router.get("/events", response_class=JSON, response_model=paging.Page[dict[str, Any]])
def list_events(
    store: StoreDep, filters: Filters, after: paging.After = None, limit: paging.Limit = paging.DEFAULT_LIMIT
) -> JSON:
    """Merged events, the latest day first: `{"items": [...], "next": cursor}`."""
    return JSON(events_page(store, filters, after, limit))


def events_page(store: Store, f: EventFilter, after: str | None, limit: int) -> dict:
    """One page of merged events, keyset-paged on (day, id): stable while new events come in."""
    start = _position(after)
    rows = merged_events(store, dataclasses.replace(f, after=start, limit=limit + 1))
    more = len(rows) > limit
    rows = rows[:limit]
    cursor = paging.encode(LISTING, dict(zip(("d", "i"), page_key(rows[-1])))) if more else None
    return paging.page(rows, cursor)


def _position(after: str | None) -> tuple[str, str] | None:
    if after is None:
        return None
    where = paging.decode(LISTING, after)
    day, mid = where.get("d"), where.get("i")
    if not isinstance(day, str) or not isinstance(mid, str):
        raise ConfigError(f"after: not a cursor of this listing ({LISTING})")
    return day, mid

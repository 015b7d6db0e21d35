"""`/api/alerts`: the alerts the watchlist's rules raised, newest first."""

from __future__ import annotations

import dataclasses
from typing import Annotated

from fastapi import APIRouter, Query

from opslens.errors import ConfigError
from opslens.link.deliver import StoredAlert, list_alerts
from opslens.web import paging
from opslens.web.api import params
from opslens.web.api.deps import StoreDep
from opslens.web.responses import JSON

router = APIRouter(tags=["alerts"])
LISTING = "alerts"


@router.get("/alerts", response_class=JSON, response_model=paging.Page[StoredAlert])
def alerts(
    store: StoreDep,
    since: Annotated[str | None, Query(description="Raised on or after this day (YYYY-MM-DD).")] = None,
    rule: Annotated[str | None, Query(max_length=200, description="Alerts of this rule only (its name).")] = None,
    undelivered: Annotated[bool, Query(description="Only those the webhook has not taken yet.")] = False,
    after: paging.After = None,
    limit: paging.Limit = paging.DEFAULT_LIMIT,
) -> JSON:
    """Alerts, newest first: `{"items": [...], "next": cursor}`."""
    key = paging.key_of(LISTING, after)
    before = key.get("b") if key else None
    if key is not None and (not isinstance(before, int) or isinstance(before, bool)):
        raise ConfigError(f"after: not a cursor of this listing ({LISTING})")
    rows = list_alerts(
        store, since=params.day("since", since), rule=rule, undelivered=undelivered, limit=limit + 1, before=before
    )
    items = [dataclasses.asdict(r) for r in rows]
    return JSON(paging.keyed_page(LISTING, items, limit, lambda last: {"b": last["id"]}))

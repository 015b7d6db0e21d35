"""`/api/entities`: canonical entities (one per person, organisation or place across articles),
and one entity's profile: roles, articles, events, relations."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any

from fastapi import APIRouter, Query

from opslens.link.entity_view import EntitySummary, entities_list, profile_of
from opslens.web import paging
from opslens.web.api import params
from opslens.web.api.deps import StoreDep
from opslens.web.responses import JSON

router = APIRouter(tags=["entities"])
LISTING = "entities"


@router.get("/entities", response_class=JSON, response_model=paging.Page[EntitySummary])
def entities(
    store: StoreDep,
    type_: Annotated[str | None, Query(alias="type", max_length=40, description="PERSON, ORG, GPE, …")] = None,
    country: Annotated[str | None, Query(description="ISO alpha-3 country.")] = None,
    after: paging.After = None,
    limit: paging.Limit = paging.DEFAULT_LIMIT,
) -> JSON:
    """Canonical entities, the most mentioned first: `{"items": [...], "next": cursor}`."""
    offset = paging.offset_of(LISTING, after)
    rows = entities_list(store, type_=type_, country=params.country(country), limit=limit + 1, offset=offset)
    return JSON(paging.offset_page(LISTING, [dataclasses.asdict(r) for r in rows], offset, limit))


@router.get("/entities/{ref:path}", response_class=JSON, response_model=dict[str, Any])
def entity(
    store: StoreDep,
    ref: str,
    limit: Annotated[int, Query(ge=1, le=paging.MAX_LIMIT, description="Most articles listed.")] = 50,
) -> JSON:
    """One canonical entity by its id, its key or its exact name."""
    return JSON(dataclasses.asdict(profile_of(store, ref, limit=limit)))

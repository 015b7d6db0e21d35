"""`/api/search`: full-text search over the stored articles' titles and texts (opslens.search),
ranked, with plain-text snippets (pieces flagged as matches: no markup to trust), facets and the
total; paged like every list, plus "total" and "facets"."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import Field

from opslens.search import SearchQuery, search
from opslens.search.records import MAX_LIMIT
from opslens.web import paging
from opslens.web.api import params
from opslens.web.api.deps import StoreDep
from opslens.web.responses import JSON

router = APIRouter(tags=["search"])


class SearchAnswer(paging.Page[dict[str, Any]]):
    total: int
    facets: dict[str, list[tuple[str, int]]]
    complete: bool = Field(description="False when a broad query ranked and faceted only its most recent matches.")


@router.get("/search", response_class=JSON, response_model=SearchAnswer)
def search_articles(
    store: StoreDep,
    q: Annotated[str, Query(max_length=1000, description='Words, "a phrase", -excluded, OR.')],
    outlet: Annotated[str | None, Query(max_length=200, description="Only this outlet (any case).")] = None,
    country: Annotated[str | None, Query(description="Only articles about this ISO alpha-3 country.")] = None,
    plover: Annotated[str | None, Query(description="Only articles with an event of this PLOVER category.")] = None,
    since: Annotated[str | None, Query(description="Published on or after (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, Query(description="Published on or before (YYYY[-MM[-DD]]).")] = None,
    after: paging.After = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Hits per page (1–{MAX_LIMIT}).")] = 20,
) -> JSON:
    """Articles matching `q`, best first: `{"items", "next", "total", "facets", "complete"}`; facets
    (outlet, country, plover, day) count the matches of every page, most frequent first."""
    query = SearchQuery(
        q=q,
        outlet=outlet,
        country=params.country(country),
        plover=params.plover(plover),
        since=since,
        until=until,
        limit=limit,
        after=after,
    )
    return JSON(search(store, query).to_json())

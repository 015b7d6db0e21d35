"""`/api/stories`: stories (articles grouped by what they cover) and one story with its articles
and merged events."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response

from opslens.link.story_views import get_story, list_stories
from opslens.web import paging
from opslens.web.api import params
from opslens.web.api.articles import BriefQuery
from opslens.web.api.deps import StoreDep
from opslens.web.responses import JSON, brief_file

router = APIRouter(tags=["stories"])
LISTING = "stories"


@router.get("/stories", response_class=JSON, response_model=paging.Page[dict[str, Any]])
def stories(
    store: StoreDep,
    since: Annotated[str | None, Query(description="Seen on or after (YYYY[-MM[-DD]]).")] = None,
    after: paging.After = None,
    limit: paging.Limit = paging.DEFAULT_LIMIT,
) -> JSON:
    """Stories, the most recently seen first (articles as their ids): `{"items": [...], "next": cursor}`."""
    offset = paging.offset_of(LISTING, after)
    rows = list_stories(store, since=params.date("since", since), limit=limit + 1, offset=offset)
    return JSON(paging.offset_page(LISTING, [s.to_dict() for s in rows], offset, limit))


@router.get("/stories/{story_id}/brief")
def story_brief(store: StoreDep, story_id: str, format: BriefQuery = "md") -> Response:
    """One story's brief as a file: its key merged events, contested claims and articles."""
    from opslens.export.briefs import story_brief as brief

    return brief_file(brief(store, story_id, format), f"opslens-story.{format}", format)


@router.get("/stories/{story_id}", response_class=JSON, response_model=dict[str, Any])
def story(store: StoreDep, story_id: str) -> JSON:
    """One story: its articles (id, row, day, outlet, title) and its merged events."""
    return JSON(get_story(store, story_id).to_dict(full=True))

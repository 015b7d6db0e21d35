"""`/stories/{id}`: the story's merged events by day (origins, confidence), its contested claims
side by side with both sides' evidence, and its articles."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from opslens.errors import NotFoundError
from opslens.link.story_views import get_story
from opslens.web.pages.common import not_found, page, store_of
from opslens.web.pages.reading import story_contests, story_events

router = APIRouter()


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> HTMLResponse:
    store = store_of(request)
    try:
        story = get_story(store, story_id)
    except NotFoundError as exc:
        return not_found(request, str(exc))
    return page(
        request,
        "story.html",
        story.title,
        story=story,
        events=story_events(store, story_id),
        contests=story_contests(store, story_id),
    )

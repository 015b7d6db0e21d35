"""`/entities/{id}`: a canonical entity (name, aliases, code, country, roles) with its articles,
events and relations."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from opslens.errors import NotFoundError
from opslens.link.entity_view import profile_of
from opslens.web.pages.common import not_found, page, store_of

router = APIRouter()


@router.get("/entities/{ref:path}", response_class=HTMLResponse)
def entity_page(request: Request, ref: str) -> HTMLResponse:
    try:
        profile = profile_of(store_of(request), ref)
    except NotFoundError as exc:
        return not_found(request, str(exc))
    return page(request, "entity.html", profile.entity.name, profile=profile)

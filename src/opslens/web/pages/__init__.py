"""The dashboard: server-rendered pages over the store, one module per page.

    app.include_router(opslens.web.pages.router)
    app.mount("/static", StaticFiles(directory=opslens.web.pages.STATIC), name="static")

Every page reads the open Store at `request.app.state.store`, escapes everything it shows
(Jinja2 autoescape) and runs no inline script or style, so that a Content-Security-Policy of
`script-src 'self'; style-src 'self'` holds; data for the scripts travels in JSON blocks.
"""

from __future__ import annotations

from fastapi import APIRouter

from opslens.web.pages import article, dyad, entity, graph, home, places, search, story
from opslens.web.pages.common import STATIC

router = APIRouter()
for page in (home, story, article, entity, dyad, places, graph, search):
    router.include_router(page.router, include_in_schema=False)  # pages, not API: not in /api/openapi.json

__all__ = ["STATIC", "router"]

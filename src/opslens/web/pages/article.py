"""`/articles/{ref}`: the text with every fact marked at its evidence; a click shows the fact's
details and source chain in the side panel (static/article.js reads the JSON block)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from opslens.errors import NotFoundError
from opslens.render.facts import sourcing_lines
from opslens.web.pages.common import not_found, page, store_of
from opslens.web.pages.facts import article_facts
from opslens.web.pages.markup import marked_up
from opslens.web.pages.reading import article_place

router = APIRouter()

KINDS = {"entity": "entities", "event": "events", "time": "times", "place": "places", "attribution": "attributions"}


@router.get("/articles/{ref}", response_class=HTMLResponse)
def article_page(request: Request, ref: str) -> HTMLResponse:
    store = store_of(request)
    try:
        analysis = store.get(ref)
    except NotFoundError as exc:
        return not_found(request, str(exc))
    where = article_place(store, analysis.article.sha256)
    found = article_facts(analysis, where.entity_pages)
    art = analysis.article
    return page(
        request,
        "article.html",
        art.title or art.id,
        analysis=analysis,
        article=art,
        where=where,
        text=marked_up(art.text, found.marks),
        facts={key: fact.to_json() for key, fact in found.facts.items()},
        counts={(kind, plural): sum(f.kind == kind for f in found.facts.values()) for kind, plural in KINDS.items()},
        sourcing=sourcing_lines(analysis),
    )

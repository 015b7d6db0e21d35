"""`/search`: full-text search over titles and texts (opslens.search), with facets (outlet,
country, PLOVER category, day) that narrow the query, and snippets whose matched words are
marked; every piece of a snippet is escaped by the template."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from opslens.errors import ConfigError
from opslens.search import SearchQuery, search
from opslens.search.find import CANDIDATES
from opslens.web.pages.common import page, store_of

router = APIRouter()

FILTERS = ("outlet", "country", "plover", "since", "until")
FACETS = {"outlet": "Outlet", "country": "Country", "plover": "PLOVER category", "day": "Day"}


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    q: str = "",
    outlet: str | None = None,
    country: str | None = None,
    plover: str | None = None,
    since: str | None = None,
    until: str | None = None,
    after: str | None = None,
) -> HTMLResponse:
    chosen = {k: v for k, v in zip(FILTERS, (outlet, country, plover, since, until)) if v}
    context: dict = {"q": q, "chosen": chosen, "result": None, "facets": [], "error": None, "next_href": None}
    if not q.strip():
        return page(request, "search.html", "Search", **context)
    try:
        asked = SearchQuery(q=q, outlet=outlet, country=country, plover=plover, since=since, until=until, after=after)
        result = search(store_of(request), asked)
    except ConfigError as exc:
        return page(request, "search.html", "Search", status=400, **{**context, "error": str(exc)})
    context["result"], context["candidates"] = result, CANDIDATES
    context["facets"] = [
        (label, _facet_links(q, chosen, name, result.facets.get(name, []))) for name, label in FACETS.items()
    ]
    if result.next:
        context["next_href"] = "/search?" + urlencode({"q": q, **chosen, "after": result.next})
    return page(request, "search.html", f"Search: {q}", **context)


def _facet_links(q: str, chosen: dict[str, str], name: str, values: list[tuple[str, int]]) -> list[dict]:
    """Each facet value with the link that narrows the search to it (a day narrows since and until)."""
    links = []
    for value, count in values:
        narrowed = {**chosen, "since": value, "until": value} if name == "day" else {**chosen, name: value}
        links.append({"value": value, "count": count, "href": "/search?" + urlencode({"q": q, **narrowed})})
    return links

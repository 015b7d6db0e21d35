"""`/api/articles`: the stored articles, and each one's analysis (the contract, opslens.analysis/1)."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from opslens.contract import Analysis
from opslens.errors import ConfigError
from opslens.store.records import ArticleSummary
from opslens.web import paging
from opslens.web.api import params
from opslens.web.api.deps import StoreDep
from opslens.web.responses import JSON, BriefFormat, brief_file

router = APIRouter(tags=["articles"])
LISTING = "articles"
BriefQuery = Annotated[BriefFormat, Query(description="md or html.")]


@router.get("/articles", response_class=JSON, response_model=paging.Page[ArticleSummary])
def list_articles(
    store: StoreDep,
    since: Annotated[str | None, Query(description="Published on or after (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, Query(description="Published on or before (YYYY[-MM[-DD]]).")] = None,
    outlet: Annotated[str | None, Query(max_length=200, description="Outlet contains this text (any case).")] = None,
    after: paging.After = None,
    limit: paging.Limit = paging.DEFAULT_LIMIT,
) -> JSON:
    """Stored articles, the most recently analysed first: `{"items": [...], "next": cursor}`."""
    params.date("since", since)
    params.date("until", until)
    rows = store.list_articles(limit + 1, since=since, until=until, outlet=outlet, before=_position(after))
    items = [dataclasses.asdict(r) for r in rows]
    return JSON(paging.keyed_page(LISTING, items, limit, lambda last: _key(store, last["id"])))


def _position(cursor: str | None) -> tuple[datetime, int] | None:
    """The (analysed_at, row id) a next page starts after."""
    key = paging.key_of(LISTING, cursor)
    if key is None:
        return None
    try:
        return datetime.fromisoformat(key["t"]), int(key["i"])
    except (KeyError, TypeError, ValueError):
        raise ConfigError(f"after: not a cursor of this listing ({LISTING})") from None


def _key(store, row_id: int) -> dict:
    moment, _ = store.listing_key(row_id) or (None, row_id)
    return {"t": moment.isoformat() if moment else "", "i": row_id}


@router.get("/articles/{ref:path}/brief")
def article_brief(store: StoreDep, ref: str, format: BriefQuery = "md") -> Response:
    """One article's brief as a file: Markdown, or an HTML page (every article text escaped)."""
    from opslens.export.briefs import article_brief as brief

    return brief_file(brief(store, ref, format), f"opslens-article.{format}", format)


@router.get("/articles/{ref:path}", response_class=JSON, response_model=Analysis)
def get_article(store: StoreDep, ref: str) -> JSON:
    """One article's analysis; `ref` is its article id, its row id or a sha256 prefix (8+ hex)."""
    return JSON(store.get(ref).to_dict())

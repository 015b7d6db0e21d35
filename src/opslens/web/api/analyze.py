"""`POST /api/analyze`: one article in (its text, its HTML or its URL), its analysis out, stored
and linked across the store. The article is read by the CLI's own ingest code: the same cleaning,
ids and dates, and for a URL the same guarded download (no private, loopback or link-local
address unless the server was started with --allow-private)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from opslens.contract import Analysis, Article
from opslens.errors import ConfigError
from opslens.settings import Options
from opslens.web.auth import require_writer
from opslens.web.responses import JSON

router = APIRouter(tags=["analyze"])
ORIGIN = "api"


class AnalyzeRequest(BaseModel):
    """Exactly one of text, html and url."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, description="The article as plain text (a headline line becomes its title).")
    html: str | None = Field(default=None, description="The article's HTML page.")
    url: str | None = Field(default=None, max_length=2000, description="An http(s) URL to fetch the page from.")
    id: str | None = Field(default=None, max_length=500, description="The article's id (default: sha256 of its text).")
    published: str | None = Field(default=None, max_length=100, description="Publication date, e.g. 2022-01-23.")
    title: str | None = Field(default=None, max_length=1000, description="The title (a URL's page: when it has none).")


@router.post("/analyze", response_class=JSON, response_model=Analysis, dependencies=[Depends(require_writer)])
async def analyze(request: Request, body: AnalyzeRequest) -> JSON:
    """Analyse one article, store it, link the store; answers the analysis (opslens.analysis/1)."""
    service = request.app.state.analysis
    article = await run_in_threadpool(article_of, body, service.settings)
    analysis = await run_in_threadpool(service.analyse_and_store, request.app.state.store, article)
    return JSON(analysis.to_dict())


def article_of(body: AnalyzeRequest, settings: Options) -> Article:
    given = [name for name in ("text", "html", "url") if getattr(body, name) is not None]
    if len(given) != 1:
        raise ConfigError(f"give exactly one of text, html and url (got {', '.join(given) or 'none'})")
    _check_date(body.published)
    if any("\x00" in (value or "") for value in (body.text, body.html, body.url, body.id, body.title)):
        raise ConfigError("the request holds a NUL character: text is not binary data")
    if body.text is not None:
        from opslens.ingest.build import article_from_text

        return article_from_text(
            body.text, id=body.id, title=body.title, published=body.published, origin=ORIGIN, options=settings
        )
    if body.html is not None:
        from opslens.ingest.html import article_from_html

        return article_from_html(
            body.html, id=body.id, title=body.title, published=body.published, origin=ORIGIN, options=settings
        )
    assert body.url is not None
    return _from_url(body, body.url, settings)


def _from_url(body: AnalyzeRequest, url: str, settings: Options) -> Article:
    from opslens.ingest.fetch import fetch
    from opslens.ingest.html import Extracted
    from opslens.ingest.page import page_article
    from opslens.ingest.text import is_url

    if not is_url(url):
        raise ConfigError(f"url takes an http(s) URL, not {url!r}")
    got = fetch(url, settings)
    fallback = Extracted(title=body.title, date=body.published)
    return page_article(
        got.kind,
        got.data,
        url=got.url,
        origin=url,
        options=settings,
        charset=got.charset,
        id=body.id,
        fallback=fallback,
    )


def _check_date(value: str | None) -> None:
    from opslens.ingest.dates import normalise_date

    if value is not None and normalise_date(value) is None:
        raise ConfigError(f"published: cannot read the date {value!r}; use YYYY-MM-DD")

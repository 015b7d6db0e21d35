"""The web app: the HTTP API under /api, the dashboard's pages and its static files.

    app = create_app(ServeConfig(store_url="sqlite:///opslens.db"))

The store opens when the app starts (created when missing, so that `opslens serve` works on a
fresh machine) and closes when it stops; endpoints reach it as `request.app.state.store`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import FastAPI

from opslens import __version__
from opslens.web import errors
from opslens.web.analysis import AnalysisService
from opslens.web.config import ServeConfig, check_config
from opslens.web.middleware import RequestLimits, SecurityHeaders

if TYPE_CHECKING:
    from opslens.pipeline.analyzer import Analyzer

__all__ = ["ServeConfig", "create_app"]

STATIC = Path(__file__).parent / "static"
DESCRIPTION = (
    "Stored analyses, merged events, stories, entities, timelines and alerts of an OpsLens store. "
    'Lists answer {"items": [...], "next": cursor} (pass it back as ?after=); errors answer '
    '{"error": {"code", "message"}}. Write endpoints take Authorization: Bearer TOKEN when the '
    "server has a token."
)


def create_app(config: ServeConfig, *, analyzer: Analyzer | None = None) -> FastAPI:
    """The app for `config`; `analyzer`: one already loaded (tests), else loaded at first use."""
    check_config(config)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        from opslens.store import open_store

        app.state.store = open_store(config.store_url, create=True)
        try:
            yield
        finally:
            app.state.store.close()

    app = FastAPI(
        title="OpsLens API",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        openapi_url="/api/openapi.json",
        docs_url=None,  # FastAPI's documentation UIs load their scripts from a CDN
        redoc_url=None,
    )
    app.state.config = config
    app.state.analysis = AnalysisService(config.settings(), analyzer)
    errors.install(app)
    app.add_middleware(RequestLimits, max_body=config.max_body)
    app.add_middleware(SecurityHeaders)  # added last: the outermost, so every answer has the headers

    from opslens.web.api import router as api

    app.include_router(api)
    _dashboard(app)
    return app


def _dashboard(app: FastAPI) -> None:
    """The dashboard: the pages router and the static files (scripts, styles, the world layer)."""
    from fastapi.staticfiles import StaticFiles

    from opslens.web.pages import router

    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

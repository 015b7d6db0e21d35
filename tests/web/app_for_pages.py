"""A small app for the page tests, until the API's create_app includes the pages: the pages
router, the static files, and the Content-Security-Policy the real app sends."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles

from opslens.store import Store
from opslens.web.pages import STATIC, router

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)


def app_for_pages(store: Store) -> FastAPI:
    app = FastAPI()
    app.state.store = store
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.middleware("http")
    async def policy(request: Request, call_next):
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        return response

    return app

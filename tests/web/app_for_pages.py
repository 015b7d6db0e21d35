"""The page and browser tests' app: the real `create_app` (API, pages, static files, security
headers) over a store the tests already opened and filled, instead of one the app opens."""

from __future__ import annotations

from fastapi import FastAPI

from opslens.store import Store
from opslens.web.app import ServeConfig, create_app
from opslens.web.middleware import CSP

__all__ = ["CSP", "app_for_pages"]


def app_for_pages(store: Store) -> FastAPI:
    app = create_app(ServeConfig(store_url=store.url))
    app.state.store = store  # the tests' clients and servers run without the app's lifespan
    return app

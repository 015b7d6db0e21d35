"""What every page shares: the template environment, the store, the page and the 404 page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader

from opslens.store import Store

WEB = Path(__file__).resolve().parent.parent
STATIC = WEB / "static"
TEMPLATES = WEB / "templates"

# Autoescape everything (not only *.html): article text reaches every template.
ENV = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True)

NAV = [("/", "Stories"), ("/search", "Search"), ("/map", "Map"), ("/graph", "Actor graph")]


def store_of(request: Request) -> Store:
    return request.app.state.store


def page(request: Request, template: str, title: str, status: int = 200, **context: Any) -> HTMLResponse:
    """The template rendered in the base layout, with the navigation marked for this path."""
    html = ENV.get_template(template).render(
        title=title, nav=NAV, path=request.url.path, static=_static_url(request), **context
    )
    return HTMLResponse(html, status_code=status)


def not_found(request: Request, message: str) -> HTMLResponse:
    """The 404 page, in the same layout: what was asked for and why it is not there."""
    return page(request, "missing.html", "Not found", status=404, message=message)


def bad_request(request: Request, message: str) -> HTMLResponse:
    return page(request, "missing.html", "Bad request", status=400, message=message)


def _static_url(request: Request) -> str:
    return str(request.scope.get("root_path", "")) + "/static"

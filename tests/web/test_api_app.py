"""The app's spot for the dashboard: the pages router and /static are taken in when the build has
them (opslens.web.pages, web/static), and answer with the same security headers."""

from __future__ import annotations

import importlib.machinery
import sys
import types

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from opslens.web import app as web_app
from opslens.web.app import ServeConfig
from opslens.web.middleware import CSP
from tests.web.conftest import client_for


def test_the_pages_router_and_static_files_are_mounted_when_present(tmp_path, monkeypatch, analyzer):
    pages = types.ModuleType("fake_pages")
    pages.__spec__ = importlib.machinery.ModuleSpec("fake_pages", None)
    pages.router = APIRouter()
    pages.router.add_api_route("/", lambda: HTMLResponse("<p>stories</p>"), response_class=HTMLResponse)
    monkeypatch.setitem(sys.modules, "fake_pages", pages)
    monkeypatch.setattr(web_app, "PAGES", "fake_pages")
    static = tmp_path / "static"
    static.mkdir()
    (static / "app.js").write_text("console.log(1);\n", encoding="utf-8")
    monkeypatch.setattr(web_app, "STATIC", static)
    with client_for(ServeConfig(store_url=f"sqlite:///{tmp_path / 'o.db'}"), analyzer) as api:
        home, script = api.get("/"), api.get("/static/app.js")
        missing = api.get("/static/none.js")
    assert (home.status_code, home.text) == (200, "<p>stories</p>")
    assert home.headers["content-security-policy"] == CSP
    assert (script.status_code, script.text) == (200, "console.log(1);\n")
    assert script.headers["x-content-type-options"] == "nosniff"
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"


def test_without_them_the_app_is_the_api_alone(tmp_path, monkeypatch, analyzer):
    monkeypatch.setattr(web_app, "PAGES", "opslens.web.no_such_pages")
    monkeypatch.setattr(web_app, "STATIC", tmp_path / "no-static")
    with client_for(ServeConfig(store_url=f"sqlite:///{tmp_path / 'o.db'}"), analyzer) as api:
        assert api.get("/").status_code == 404
        assert api.get("/static/app.js").status_code == 404
        assert api.get("/api/articles").json() == {"items": [], "next": None}

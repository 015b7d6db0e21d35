"""The app takes in the dashboard: its pages and /static answer with the same security headers as
the API; a path no page takes answers the dashboard's 404 page, an /api path the API's error shape."""

from __future__ import annotations

from opslens.web.app import ServeConfig
from opslens.web.middleware import CSP
from tests.web.conftest import client_for


def test_pages_and_static_files_come_with_the_security_headers(tmp_path, analyzer):
    with client_for(ServeConfig(store_url=f"sqlite:///{tmp_path / 'o.db'}"), analyzer) as app:
        home, style = app.get("/"), app.get("/static/dashboard.css")
        missing_file, missing_page, missing_api = app.get("/static/none.js"), app.get("/nope"), app.get("/api/nope")
    assert home.status_code == 200 and home.headers["content-type"].startswith("text/html")
    assert home.headers["content-security-policy"] == CSP
    assert style.status_code == 200 and style.headers["x-content-type-options"] == "nosniff"
    assert missing_file.status_code == 404 and missing_file.json()["error"]["code"] == "not_found"
    assert missing_page.status_code == 404 and missing_page.headers["content-type"].startswith("text/html")
    assert "There is no page at /nope." in missing_page.text
    assert missing_page.headers["content-security-policy"] == CSP
    assert missing_api.json() == {
        "error": {"code": "not_found", "message": "no such path: /api/nope (the API is described at /api/openapi.json)"}
    }

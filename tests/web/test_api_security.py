"""The server's guards: security headers on every answer, the request body cap (413), the bearer
token of the write endpoints, the refusal to bind beyond loopback without one, and 500s that
say nothing of the server's insides."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from opslens.cli import serve
from opslens.cli.main import app as cli
from opslens.errors import ConfigError, StoreError
from opslens.settings import Options
from opslens.web.app import ServeConfig, create_app
from opslens.web.config import check_config, is_loopback
from opslens.web.middleware import CSP
from tests.web.conftest import client_for

TEXT = "Britain accused Russia on Thursday of planning a coup in Ukraine, the Foreign Office said."


@pytest.fixture
def url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'opslens.db'}"


def test_every_answer_carries_the_security_headers(api_sqlite):
    for answer in (
        api_sqlite.get("/api/articles"),
        api_sqlite.get("/api/no-such-thing"),
        api_sqlite.get("/api/events", params={"limit": 0}),
        api_sqlite.get("/api/openapi.json"),
        api_sqlite.get("/api/docs"),
    ):
        assert answer.headers["content-security-policy"] == CSP
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["referrer-policy"] == "no-referrer"
        assert answer.headers["x-frame-options"] == "DENY"
    assert "script-src 'self';" in CSP and "frame-ancestors 'none'" in CSP


def test_unknown_paths_and_methods_answer_in_the_error_shape(api_sqlite):
    missing = api_sqlite.get("/api/no-such-thing")
    assert missing.status_code == 404
    assert missing.json() == {
        "error": {
            "code": "not_found",
            "message": "no such path: /api/no-such-thing (the API is described at /api/openapi.json)",
        }
    }
    wrong = api_sqlite.delete("/api/articles")
    assert wrong.status_code == 405
    assert wrong.json() == {
        "error": {"code": "method_not_allowed", "message": "DELETE is not allowed on /api/articles"}
    }


def test_openapi_describes_every_endpoint_and_docs_need_no_cdn(api_sqlite):
    spec = api_sqlite.get("/api/openapi.json").json()
    assert sorted(spec["paths"]) == [
        "/api/alerts",
        "/api/analyze",
        "/api/articles",
        "/api/articles/{ref}",
        "/api/articles/{ref}/brief",
        "/api/entities",
        "/api/entities/{ref}",
        "/api/events",
        "/api/export/{fmt}",
        "/api/rules",
        "/api/search",
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/stories/{story_id}/brief",
        "/api/timeline",
    ]
    events = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert events == {
        "actor", "country", "dyad", "plover", "since", "until", "modality", "background", "min_origins",
        "contested", "after", "limit",
    }  # fmt: skip

    def answers(path: str, method: str = "get") -> dict:
        return spec["paths"][path][method]["responses"]

    assert answers("/api/articles")["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Page_ArticleSummary_"
    }
    assert answers("/api/articles/{ref}")["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Analysis"
    }
    assert answers("/api/analyze", "post")["4XX"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorAnswer"
    }
    assert "422" not in answers("/api/events")  # FastAPI's validation answer is our 400
    assert spec["components"]["schemas"]["Page_ArticleSummary_"]["required"] == ["items", "next"]
    docs = api_sqlite.get("/api/docs")
    assert docs.headers["content-type"].startswith("text/html")
    assert "<script" not in docs.text and "cdn" not in docs.text.lower()
    assert "<code>GET /api/events</code>" in docs.text
    assert api_sqlite.get("/docs").status_code == 404  # FastAPI's CDN-based pages are off
    assert api_sqlite.get("/redoc").status_code == 404


# -- the body cap -------------------------------------------------------------------------------


def test_a_body_declared_over_the_cap_is_413_before_it_is_read(url, analyzer):
    with client_for(ServeConfig(store_url=url, max_body=1000), analyzer) as api:
        answer = api.post("/api/analyze", json={"text": "x" * 2000})
    assert answer.status_code == 413
    assert answer.json() == {
        "error": {"code": "too_large", "message": "the request body is over the limit of 1,000 bytes"}
    }


def test_a_streamed_body_over_the_cap_is_413(url, analyzer, tmp_path):
    chunks = [b'{"text": "', *([b"word " * 100] * 10), b'"}']  # no Content-Length: sent chunked
    rules_file = tmp_path / "rules.toml"
    config = ServeConfig(store_url=url, max_body=1000, options=Options(rules=str(rules_file)))
    with client_for(config, analyzer) as api:
        answer = api.post("/api/analyze", content=iter(chunks), headers={"content-type": "application/json"})
        rules = api.put("/api/rules", content=iter(chunks))
    assert answer.status_code == 413
    assert answer.json()["error"]["code"] == "too_large"
    assert rules.status_code == 413
    assert not rules_file.exists()


def test_a_body_under_the_cap_goes_through(url, analyzer):
    with client_for(ServeConfig(store_url=url, max_body=1000), analyzer) as api:
        answer = api.post("/api/analyze", json={"text": TEXT, "id": "short"})
    assert answer.status_code == 200
    assert answer.json()["article"]["id"] == "short"


def test_a_content_length_that_is_no_number_is_400(api_sqlite):
    answer = api_sqlite.post("/api/analyze", content=b"{}", headers={"content-length": "lots"})
    assert answer.status_code == 400


# -- the token ----------------------------------------------------------------------------------


def test_loopback_without_a_token_may_write(url, analyzer):
    with client_for(ServeConfig(store_url=url), analyzer) as api:
        assert api.post("/api/analyze", json={"text": TEXT, "id": "mine"}).status_code == 200


def test_a_configured_token_is_always_required_for_writes(url, analyzer):
    with client_for(ServeConfig(store_url=url, token="s3cret-token"), analyzer) as api:
        missing = api.post("/api/analyze", json={"text": TEXT})
        wrong = api.post("/api/analyze", json={"text": TEXT}, headers={"Authorization": "Bearer guess"})
        basic = api.post("/api/analyze", json={"text": TEXT}, headers={"Authorization": "Basic s3cret-token"})
        rules = api.put("/api/rules", content=b"", headers={"Authorization": "Bearer guess"})
        right = api.post(
            "/api/analyze", json={"text": TEXT, "id": "t"}, headers={"Authorization": "Bearer s3cret-token"}
        )
        reading = api.get("/api/articles")
    assert (missing.status_code, missing.json()["error"]["code"]) == (401, "unauthorized")
    assert missing.headers["www-authenticate"] == "Bearer"
    assert (wrong.status_code, wrong.json()["error"]["code"]) == (403, "forbidden")
    assert basic.status_code == 401
    assert rules.status_code == 403
    assert right.status_code == 200
    assert [a["article_id"] for a in reading.json()["items"]] == ["t"]  # reading needs no token


def test_binding_beyond_loopback_needs_a_token():
    with pytest.raises(ConfigError, match=r"binding 0\.0\.0\.0 makes the API reachable from other machines"):
        create_app(ServeConfig(host="0.0.0.0"))
    with pytest.raises(ConfigError, match="the API token is empty"):
        check_config(ServeConfig(host="127.0.0.1", token="  "))
    check_config(ServeConfig(host="0.0.0.0", token="s3cret"))
    assert [is_loopback(h) for h in ("127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2")] == [True] * 5
    assert [is_loopback(h) for h in ("0.0.0.0", "::", "192.168.1.10", "example.org")] == [False] * 4


def test_serve_refuses_to_bind_beyond_loopback_without_a_token(monkeypatch):
    monkeypatch.delenv("OPSLENS_TOKEN", raising=False)
    monkeypatch.setattr(serve, "_run", lambda config: pytest.fail("started a server"))
    done = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0"])
    assert done.exit_code == 2
    lines = done.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("opslens: error: binding 0.0.0.0 makes the API reachable from other machines")


def test_serve_takes_the_token_from_the_environment(monkeypatch, tmp_path):
    started = []
    monkeypatch.setenv("OPSLENS_TOKEN", "from-env")
    monkeypatch.setattr(serve, "_run", started.append)
    db = tmp_path / "s.db"
    done = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--port", "9123", "--db", str(db), "--allow-private"])
    assert done.exit_code == 0, done.output
    [config] = started
    assert (config.host, config.port, config.token, config.allow_private) == ("0.0.0.0", 9123, "from-env", True)
    assert config.store_url == f"sqlite:///{db}"


# -- failures -----------------------------------------------------------------------------------


def test_a_failure_is_a_500_that_tells_nothing_of_the_insides(url):
    app = create_app(ServeConfig(store_url=url))

    def broken():
        raise RuntimeError("secret detail: /srv/db password=hunter2")

    def store_down():
        raise StoreError("cannot read in store postgresql://opslens@db/x: connection refused")

    app.add_api_route("/api/broken", broken)
    app.add_api_route("/api/down", store_down)
    with client_for_app(app) as api:
        for path in ("/api/broken", "/api/down"):
            answer = api.get(path)
            assert answer.status_code == 500
            assert answer.json() == {
                "error": {"code": "internal", "message": "the server failed to answer this request; its log says why"}
            }
            assert answer.headers["x-content-type-options"] == "nosniff"


def client_for_app(app):
    from fastapi.testclient import TestClient

    return TestClient(app)


@pytest.mark.parametrize(
    "path", ["/api/articles/a%002", "/api/articles?outlet=a%00b", "/api/alerts?rule=%00", "/api/entities/x%00"]
)
def test_a_nul_character_in_the_path_or_query_is_400_on_both_backends(api, path):
    answer = api.get(path)
    assert answer.status_code == 400
    assert answer.json()["error"] == {
        "code": "bad_parameter",
        "message": "the request's path or query holds a NUL character",
    }

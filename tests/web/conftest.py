"""A small store of real analyses for the API tests: four made-up news paragraphs, analysed once
per session by the real pipeline, saved and linked into a store of either backend. The fixtures'
names start with api_ (the dashboard's tests live in this folder too)."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from opslens.contract import Analysis
from opslens.link import update
from opslens.link.rules import Rule, Watchlist
from opslens.store import Store
from opslens.web.app import ServeConfig, create_app
from tests.support import article

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

SCRIPT = "<script>alert(1)</script>"
# id, published, outlet, text: made up, with clear events (GBR→RUS, RUS→GBR twice, FRA, DEU)
NEWS = (
    (
        "r1",
        "2022-01-20",
        "Reuters",
        "LONDON, Jan 20 (Reuters) - Britain accused Russia on Thursday of planning to install a pro-Moscow "
        "leader in Ukraine. Foreign Secretary Liz Truss said the plot was unacceptable.",
    ),
    (
        "a2",
        "2022-01-21",
        "AFP",
        "MOSCOW, Jan 21 (AFP) - Russia rejected the British accusation on Friday. Russian Foreign Minister "
        "Sergei Lavrov threatened Britain with sanctions, the ministry said.",
    ),
    (
        "m3",
        "2022-02-03",
        "Le Monde",
        "PARIS, Feb 3 - France and Germany signed an agreement on Thursday to cooperate on energy security, "
        "the French foreign ministry said.",
    ),
    (
        "x4",
        "2022-02-07",
        "Test Wire",
        f"Hackers posted {SCRIPT} on the ministry website, officials said on Monday. German police arrested "
        "two men in Berlin.",
    ),
)


@pytest.fixture(scope="session")
def api_news(analyzer) -> list[Analysis]:
    found = []
    for ident, day, outlet, text in NEWS:
        found.append(analyzer.analyze(article(text, day).model_copy(update={"id": ident, "outlet": outlet})))
    return found


WATCH = Watchlist(rules=(Rule(name="UK-Russia", dyads=(("GBR", "RUS"),)),))  # fires for the three GBR–RUS events


def fill(url: str, analyses: list[Analysis], version: str) -> None:
    with Store(url) as store:
        for analysis in analyses:
            store.save(analysis, analyzer_version=version)
        update(store, watchlist=WATCH)


def client_for(config: ServeConfig, analyzer) -> TestClient:
    """A client of the app for `config` (the session's analyzer: no second model load)."""
    with warnings.catch_warnings():  # Starlette's client asks for the httpx2 fork; the locked httpx works
        warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient` is deprecated")
        from fastapi.testclient import TestClient
    return TestClient(create_app(config, analyzer=analyzer))


@pytest.fixture
def api_url(store_url, api_news, analyzer) -> str:
    """A store of either backend holding the news, linked."""
    fill(store_url, api_news, analyzer.version)
    return store_url


@pytest.fixture
def api(api_url, analyzer) -> Iterator[TestClient]:
    """The API over the news, on SQLite and on PostgreSQL."""
    with client_for(ServeConfig(store_url=api_url), analyzer) as opened:
        yield opened


@pytest.fixture(scope="module")
def api_sqlite(tmp_path_factory, api_news, analyzer) -> Iterator[TestClient]:
    """The API over the news on SQLite, one store per test module (for tests that only read)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'opslens.db'}"
    fill(url, api_news, analyzer.version)
    with client_for(ServeConfig(store_url=url), analyzer) as opened:
        yield opened

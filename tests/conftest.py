"""Shared fixtures: one spaCy pipeline per test session, and the bundled seed article."""

from __future__ import annotations

import os

import pytest

from opslens.contract import Analysis
from opslens.pipeline.analyzer import Analyzer
from tests.stores import pg_cluster, pg_url, sqlite_url, store, store_url  # noqa: F401  (fixtures)
from tests.support import SEED, article


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    return Analyzer()


@pytest.fixture(scope="session")
def analyze(analyzer):
    def run(text: str) -> Analysis:
        return analyzer.analyze(article(text))

    return run


@pytest.fixture(scope="session")
def seed_body() -> str:
    """The seed article's body: the file without its headline and 'Source link' lines."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    return "\n".join(lines[4:]).strip() + "\n"


@pytest.fixture(scope="session")
def seed(analyzer, seed_body) -> Analysis:
    return analyzer.analyze(article(seed_body, "2022-01-23"))


@pytest.fixture(scope="session", autouse=True)
def cache_dir(tmp_path_factory):
    """The start-up cache in the session's own folder, not the user's (processes started by tests too)."""
    folder = tmp_path_factory.mktemp("opslens-cache")
    before = os.environ.get("OPSLENS_CACHE_DIR")
    os.environ["OPSLENS_CACHE_DIR"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("OPSLENS_CACHE_DIR", None)
    else:
        os.environ["OPSLENS_CACHE_DIR"] = before

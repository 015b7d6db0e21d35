"""The dashboard tests' store: the made-up corpus analysed once, saved and linked in a SQLite file.
The page tests take these fixtures by name (this folder's conftest.py belongs to the API tests)."""

from __future__ import annotations

import pytest

from opslens.store import open_store
from tests.web.stored import analysed, filled


@pytest.fixture(scope="session")
def corpus(analyzer):
    return analysed(analyzer)


@pytest.fixture(scope="session")
def linked(corpus, tmp_path_factory):
    """(store, row ids by corpus key) over SQLite, shared by the page and browser tests."""
    path = tmp_path_factory.mktemp("dashboard-store") / "store.db"
    store = open_store(f"sqlite:///{path}")
    rows = filled(store, corpus)
    yield store, rows
    store.close()

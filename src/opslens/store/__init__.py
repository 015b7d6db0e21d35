"""The store: analysed articles, their entities and failed inputs, in SQLite or PostgreSQL.

    with open_store("sqlite:///opslens.db") as store:
        row = store.save(analysis, analyzer_version="0.1.0")
        again = store.get(str(row))

SQLAlchemy and Alembic take most of a second to import, so the package imports them only when a
store is opened or one of its classes is first used: a command that never opens the store
(`opslens analyze --no-store`) does not pay for them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opslens.store.records import ArticleSummary, StoredError
    from opslens.store.repository import Store

__all__ = ["ArticleSummary", "Store", "StoredError", "open_store"]

_LAZY = {
    "ArticleSummary": "opslens.store.records",
    "StoredError": "opslens.store.records",
    "Store": "opslens.store.repository",
}


def open_store(url: str, *, create: bool = True) -> Store:
    """The store at `url`; `create=False` (commands that only read) refuses one that does not exist."""
    from opslens.store.repository import open_store as opened

    return opened(url, create=create)


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'opslens.store' has no attribute {name!r}")

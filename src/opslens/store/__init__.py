"""The store: analysed articles, their entities and failed inputs, in SQLite or PostgreSQL.

    with open_store("sqlite:///opslens.db") as store:
        row = store.save(analysis, analyzer_version="0.1.0")
        again = store.get(str(row))
"""

from opslens.store.records import ArticleSummary, StoredError
from opslens.store.repository import Store, open_store

__all__ = ["ArticleSummary", "Store", "StoredError", "open_store"]

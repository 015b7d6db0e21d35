"""Full-text search over the stored articles: ranked hits with plain-text snippets, facets,
filters and paging (`search(store, SearchQuery("talks -Moscow"))`)."""

from opslens.search.find import search
from opslens.search.records import Hit, SearchPage, SearchQuery

__all__ = ["Hit", "SearchPage", "SearchQuery", "search"]

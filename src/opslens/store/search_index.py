"""What full-text search keeps beside the articles: the text index and the facet rows.

The text index is each backend's own, made by revision 0004 and kept in step by the database
itself, whatever writes the articles table (save, re-analysis, deletion):
- SQLite: an FTS5 table over title and text, with the articles table as its content (no second
  copy of the text), kept by triggers on articles;
- PostgreSQL: a generated tsvector column on articles (title weighted A, text B), GIN-indexed.
Neither is a SQLAlchemy model (FTS5 tables and generated tsvectors have no portable model), so
`include_object` tells Alembic's model comparison to leave them out.

Facet rows (ArticleFacetRow) say, per article, its outlet, published day, countries and event
categories: what search counts and filters by, without reading every match's analysis JSON.
"""

from __future__ import annotations

from typing import Any

FTS_TABLE = "articles_fts"
PG_VECTOR = "search_vector"
PG_VECTOR_INDEX = "ix_articles_search_vector"
FACETS = ("outlet", "country", "plover", "day")


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Alembic's filter: not the FTS5 table and its shadow tables (SQLite lists them as tables),
    nor the tsvector column and its index (PostgreSQL), which no model describes."""
    if type_ == "table" and name is not None and name.startswith(FTS_TABLE):
        return False
    if type_ == "column" and name == PG_VECTOR:
        return False
    return not (type_ == "index" and name == PG_VECTOR_INDEX)


def facet_rows(row_id: int, analysis: dict[str, Any]) -> list[dict[str, Any]]:
    """The facet rows of one stored analysis (its contract JSON), without repeats."""
    article = analysis.get("article") or {}
    found: set[tuple[str, str]] = set()
    if article.get("outlet"):
        found.add(("outlet", article["outlet"]))
    day = ((article.get("published") or {}).get("value") or "")[:10]
    if len(day) == 10:
        found.add(("day", day))
    found |= {("country", c) for c in _countries(analysis)}
    found |= {("plover", e["plover"]) for e in analysis.get("events") or [] if e.get("plover")}
    return [{"article_row_id": row_id, "facet": f, "value": v} for f, v in sorted(found)]


def _countries(analysis: dict[str, Any]) -> set[str]:
    """Countries as stored: of the entities, of the places, and of event actors named only by a
    code whose first three letters are a country ("GBRGOV" is GBR; "IGOUNO" is none)."""
    from opslens.knowledge.countries import country_name

    found = {e["country"] for e in analysis.get("entities") or [] if e.get("country")}
    found |= {p["country"] for p in analysis.get("places") or [] if p.get("country")}
    for event in analysis.get("events") or []:
        for side in ("source_actor", "target_actor"):
            code = ((event.get(side) or {}).get("code") or "")[:3]
            if len(code) == 3 and country_name(code) is not None:
                found.add(code)
    return found

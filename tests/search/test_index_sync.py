"""The search index follows the articles table: saved again, changed, deleted, and filled for
articles stored before revision 0004."""

from __future__ import annotations

from alembic import command
from sqlalchemy import delete, func, select, update

from opslens.search import SearchQuery, search
from opslens.store import Store, migrate
from opslens.store.schema import ArticleFacetRow, ArticleRow
from tests.search.samples import CORPUS, analysis

A, B = CORPUS[0], CORPUS[1]


def total(store: Store, q: str, **filters) -> int:
    return search(store, SearchQuery(q, **filters)).total


def test_saving_again_replaces_the_indexed_title_and_facets(store):
    row = store.save(analysis(A), analyzer_version="test")
    assert total(store, "ceasefire") == 1
    again = store.save(analysis(A, title="Armistice talks stall", outlet="BBC"), analyzer_version="test")
    assert again == row
    assert (total(store, "ceasefire"), total(store, "armistice"), total(store, "Geneva")) == (0, 1, 1)
    assert search(store, SearchQuery("armistice")).facets["outlet"] == [("BBC", 1)]
    assert total(store, "armistice", outlet="Reuters") == 0


def test_a_changed_text_is_indexed_anew(store):
    row = store.save(analysis(A), analyzer_version="test")
    with store.transaction("change a text") as conn:
        conn.execute(update(ArticleRow).where(ArticleRow.id == row).values(text="Negotiators met in Vienna."))
    assert (total(store, "Delegates"), total(store, "Vienna"), total(store, "ceasefire")) == (0, 1, 1)


def test_a_deleted_article_is_found_no_more(store):
    row = store.save(analysis(A), analyzer_version="test")
    store.save(analysis(B), analyzer_version="test")
    with store.transaction("delete an article") as conn:
        conn.execute(delete(ArticleRow).where(ArticleRow.id == row))
    page = search(store, SearchQuery("ceasefire"))
    assert [h.article for h in page.items] == ["doc-B"] and page.total == 1
    assert page.facets["outlet"] == [("AP", 1)]
    with store.reading("count facet rows") as conn:
        left = conn.execute(select(func.count()).where(ArticleFacetRow.article_row_id == row)).scalar_one()
    assert left == 0


def test_articles_stored_before_the_index_are_filled_in(store_url):
    with Store(store_url) as store:
        for doc in CORPUS:
            store.save(analysis(doc), analyzer_version="test")
        with store.engine.begin() as conn:
            command.downgrade(migrate.alembic_config(conn), "0003")
    with Store(store_url) as store:  # opening migrates to head again: 0004 indexes what is there
        page = search(store, SearchQuery("minister", limit=50))
        assert page.total == 8
        assert page.facets["outlet"] == [("Reuters", 3), ("AFP", 2), ("AP", 2)]
        assert page.facets["plover"][0] == ("CONSULT", 3)
        assert [h.article for h in search(store, SearchQuery("ceasefire")).items] == ["doc-A", "doc-B"]

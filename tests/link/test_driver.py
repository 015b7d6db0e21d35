"""The linking run: which articles it takes (new, analysed again, never linked), and only those."""

from __future__ import annotations

from sqlalchemy import delete, select

from opslens.link import update
from opslens.store.schema import LinkedArticleRow
from tests.store.store_samples import TRUSS_TEXT, WALLACE_TEXT, make_analysis

THIRD = "Moldova reopened the Palanca border crossing on Tuesday after a week-long closure.\n"


def sample(text: str):
    return make_analysis(text, None if text == TRUSS_TEXT else [])


def _linked(store) -> dict[int, object]:
    with store.reading("test") as conn:
        rows = conn.execute(select(LinkedArticleRow.article_row_id, LinkedArticleRow.linked_at)).all()
    return {r.article_row_id: r.linked_at for r in rows}


def test_a_run_links_new_articles_and_nothing_twice(store):
    first = store.save(sample(TRUSS_TEXT), analyzer_version="t")
    assert update(store).counts["articles"] == 1
    second = store.save(sample(WALLACE_TEXT), analyzer_version="t")
    assert update(store).counts["articles"] == 1  # only the new one
    assert set(_linked(store)) == {first, second}
    assert update(store).counts["articles"] == 0


def test_an_article_analysed_again_is_linked_again(store):
    row = store.save(sample(TRUSS_TEXT), analyzer_version="t")
    store.save(sample(WALLACE_TEXT), analyzer_version="t")
    update(store)
    before = _linked(store)
    assert store.save(sample(TRUSS_TEXT), analyzer_version="t2") == row  # the same text, upserted
    assert update(store).counts["articles"] == 1
    after = _linked(store)
    assert after[row] > before[row] and len(after) == 2


def test_an_older_article_never_linked_is_found(store):
    rows = [store.save(sample(t), analyzer_version="t") for t in (TRUSS_TEXT, WALLACE_TEXT, THIRD)]
    update(store)
    with store.transaction("test") as conn:  # as if linking had failed on the first article
        conn.execute(delete(LinkedArticleRow).where(LinkedArticleRow.article_row_id == rows[0]))
    assert update(store).counts["articles"] == 1
    assert set(_linked(store)) == set(rows)


def test_a_rebuild_links_every_article_again(store):
    for text in (TRUSS_TEXT, WALLACE_TEXT, THIRD):
        store.save(sample(text), analyzer_version="t")
    update(store)
    assert update(store, rebuild=True).counts["articles"] == 3

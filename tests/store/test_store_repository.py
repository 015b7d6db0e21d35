"""Saving, replacing and reading analyses — each test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, select

from opslens.contract import Entity, ErrorRecord
from opslens.errors import NotFoundError, StoreError
from opslens.store import ArticleSummary, StoredError, repository
from opslens.store.schema import ArticleRow, EntityRow
from tests.store.store_samples import TRUSS_TEXT, WALLACE_TEXT, make_analysis, person, sha, spans

# Two real texts whose sha256 share their first 8 hex digits (943ac7e6), found by brute force.
COLLIDING = [
    f"Liz Truss will visit Moscow for talks with Sergei Lavrov, TASS reported (item {i}).\n" for i in (50091, 76704)
]


def entity_rows(store, sha256: str) -> list[tuple]:
    with store.engine.connect() as conn:
        query = (
            select(EntityRow.local_id, EntityRow.name, EntityRow.actor_code, EntityRow.country, EntityRow.kind)
            .join(ArticleRow, ArticleRow.id == EntityRow.article_row_id)
            .where(ArticleRow.sha256 == sha256)
            .order_by(EntityRow.local_id)
        )
        return [tuple(r) for r in conn.execute(query)]


def test_save_then_get_by_row_id_article_id_and_sha256(store):
    analysis = make_analysis(article_id="rferl-31667430")
    digest = sha(TRUSS_TEXT)
    row = store.save(analysis, analyzer_version="0.1.0")
    assert row == 1
    for ref in ["1", " 1 ", "rferl-31667430", digest, digest[:8], digest[:8].upper(), f"sha256:{digest[:12]}"]:
        assert store.get(ref).to_dict() == analysis.to_dict(), ref
    got = store.get("1")
    assert [e.name for e in got.entities] == ["Liz Truss", "Sergei Lavrov", "TASS"]
    assert [m.text for m in got.entities[0].mentions] == ["Liz Truss", "Truss"]
    assert got.entities[0].mentions[1].start == TRUSS_TEXT.rindex("Truss")
    assert entity_rows(store, digest) == [
        ("e1", "Liz Truss", "GBRGOV", "GBR", None),
        ("e2", "Sergei Lavrov", "RUSGOV", "RUS", None),
        ("e3", "TASS", "RUSMED", "RUS", "state_media"),
    ]


def test_default_article_id_is_the_sha256_id(store):
    analysis = make_analysis(WALLACE_TEXT, entities=[])
    store.save(analysis, analyzer_version="0.1.0")
    assert analysis.article.id == f"sha256:{sha(WALLACE_TEXT)}"
    assert store.get(analysis.article.id).article.text == WALLACE_TEXT


def test_list_articles_newest_analyzed_first_with_counts(store):
    truss = make_analysis(title="Truss to visit Moscow")
    wallace = make_analysis(
        WALLACE_TEXT,
        title="Wallace invites Shoigu",
        entities=[
            person("e1", WALLACE_TEXT, "Ben Wallace", "Defense Secretary", "GBR"),
            person("e2", WALLACE_TEXT, "Sergei Shoigu", "Defense Minister", "RUS"),
        ],
    )
    assert store.save(truss, analyzer_version="0.1.0") == 1
    assert store.save(wallace, analyzer_version="0.1.0") == 2
    listed = store.list_articles()
    assert [(a.id, a.title, a.n_entities, a.n_events) for a in listed] == [
        (2, "Wallace invites Shoigu", 2, 0),
        (1, "Truss to visit Moscow", 3, 0),
    ]
    first = listed[0]
    assert isinstance(first, ArticleSummary)
    assert (
        first.article_id,
        first.sha256,
        first.outlet,
        first.published_value,
        first.published_precision,
        first.language,
        first.analyzer_version,
    ) == (f"sha256:{sha(WALLACE_TEXT)}", sha(WALLACE_TEXT), "RFE/RL", "2022-01-23", "day", "en", "0.1.0")
    assert first.url == "https://www.rferl.org/a/britain-russia-talks/31667430.html"
    assert store.count() == 2
    assert [a.id for a in store.list_articles(limit=1)] == [2]
    assert [a.id for a in store.list_articles(limit=5, offset=1)] == [1]
    # Re-analysing the older article makes it the newest analysed.
    store.save(truss, analyzer_version="0.2.0")
    assert [(a.id, a.analyzer_version) for a in store.list_articles()] == [(1, "0.2.0"), (2, "0.1.0")]


def test_analysed_at_is_utc(store):
    before = datetime.now(UTC).replace(microsecond=0)
    store.save(make_analysis(), analyzer_version="0.1.0")
    after = datetime.now(UTC)
    (summary,) = store.list_articles()
    assert summary.analysed_at.endswith("+00:00")
    assert before <= datetime.fromisoformat(summary.analysed_at) <= after
    with store.engine.connect() as conn:
        created, analyzed = conn.execute(select(ArticleRow.created_at, ArticleRow.analysed_at)).one()
    assert analyzed.tzinfo is UTC and created == analyzed
    assert timedelta(0) <= analyzed - before <= after - before


def test_resave_of_same_text_replaces_the_analysis(store):
    digest = sha(TRUSS_TEXT)
    first = make_analysis(article_id="feed-1")
    row = store.save(first, analyzer_version="0.1.0")
    with store.engine.connect() as conn:
        created_before = conn.execute(select(ArticleRow.created_at)).scalar_one()

    truss = person("e1", TRUSS_TEXT, "Liz Truss", "Foreign Secretary", "GBR", "Truss")
    moscow = Entity(
        id="e2", name="Moscow", type="GPE", aliases=["Moscow"], country="RUS", mentions=spans(TRUSS_TEXT, "Moscow")
    )
    second = make_analysis(entities=[truss, moscow], article_id="feed-2", title="Truss to visit Moscow")
    assert store.save(second, analyzer_version="0.2.0") == row

    assert store.count() == 1
    assert store.get(str(row)).to_dict() == second.to_dict()
    assert entity_rows(store, digest) == [
        ("e1", "Liz Truss", "GBRGOV", "GBR", None),
        ("e2", "Moscow", None, "RUS", None),
    ]
    with store.engine.connect() as conn:
        stored = conn.execute(
            select(
                ArticleRow.article_id,
                ArticleRow.title,
                ArticleRow.analyzer_version,
                ArticleRow.created_at,
                ArticleRow.analysed_at,
            )
        ).one()
        n_entity_rows = len(conn.execute(select(EntityRow.id)).all())
    assert stored[:3] == ("feed-2", "Truss to visit Moscow", "0.2.0")
    assert stored.created_at == created_before < stored.analysed_at
    assert n_entity_rows == 2
    assert store.get("feed-2").article.id == "feed-2"
    with pytest.raises(NotFoundError):
        store.get("feed-1")


def test_failed_resave_keeps_the_old_analysis(store):
    old = make_analysis()
    store.save(old, analyzer_version="0.1.0")
    # Two entities with one local id: the second entity INSERT violates the unique constraint,
    # after the article row was updated and the old entity rows deleted.
    lavrov = person("e1", TRUSS_TEXT, "Sergei Lavrov", "Foreign Minister", "RUS")
    broken = make_analysis(entities=[old.entities[0], lavrov], title="broken")
    with pytest.raises(StoreError, match=r"^cannot save article sha256:\w{64} in store .*"):
        store.save(broken, analyzer_version="0.2.0")
    assert store.get("1").to_dict() == old.to_dict()
    assert store.list_articles()[0].analyzer_version == "0.1.0"
    assert [r[0] for r in entity_rows(store, sha(TRUSS_TEXT))] == ["e1", "e2", "e3"]


def test_failure_between_statements_keeps_the_old_analysis(store, monkeypatch):
    old = make_analysis()
    store.save(old, analyzer_version="0.1.0")
    built = []

    def failing(row_id, entity):  # called after the upsert and the DELETE have run
        built.append(entity.id)
        raise RuntimeError("disk full")

    monkeypatch.setattr(repository, "_entity_values", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        store.save(make_analysis(title="new"), analyzer_version="0.2.0")
    assert built == ["e1"]
    monkeypatch.undo()
    assert store.get("1").to_dict() == old.to_dict()
    assert len(entity_rows(store, sha(TRUSS_TEXT))) == 3


def test_deleting_an_article_cascades_to_its_entities(store):
    store.save(make_analysis(), analyzer_version="0.1.0")
    with store.engine.begin() as conn:
        conn.execute(delete(ArticleRow))
    with store.engine.connect() as conn:
        assert conn.execute(select(EntityRow.id)).all() == []


def test_error_rows(store):
    store.save_error(
        ErrorRecord(id="doc-7", error="no text after extraction", code="no_text", origin="feeds/rferl.xml:7"),
        analyzer_version="0.1.0",
    )
    store.save_error(
        ErrorRecord(id="doc-9", error="language 'ru' is not supported", code="unsupported_language"),
        analyzer_version="0.2.0",
    )
    rows = store.errors()
    assert all(isinstance(r, StoredError) and r.at.endswith("+00:00") for r in rows)
    assert [(r.id, r.input_id, r.origin, r.code, r.message, r.analyzer_version) for r in rows] == [
        (2, "doc-9", None, "unsupported_language", "language 'ru' is not supported", "0.2.0"),
        (1, "doc-7", "feeds/rferl.xml:7", "no_text", "no text after extraction", "0.1.0"),
    ]
    assert [r.id for r in store.errors(limit=1)] == [2]
    assert store.count() == 0


def test_unknown_refs_are_not_found(store):
    store.save(make_analysis(), analyzer_version="0.1.0")
    for ref in ["2", "rferl-1", "deadbeefdeadbeef", sha(TRUSS_TEXT)[:7]]:
        with pytest.raises(NotFoundError) as caught:
            store.get(ref)
        assert str(caught.value) == (
            f"no stored article matches {ref!r} (give a row id, an article id, "
            "or at least 8 hex characters of its sha256)"
        )


def test_ambiguous_sha256_prefix(store):
    assert sha(COLLIDING[0])[:8] == sha(COLLIDING[1])[:8] == "943ac7e6"
    assert sha(COLLIDING[0])[8] != sha(COLLIDING[1])[8]
    for text in COLLIDING:
        store.save(make_analysis(text, entities=[]), analyzer_version="0.1.0")
    with pytest.raises(NotFoundError) as caught:
        store.get("943ac7e6")
    assert str(caught.value) == "sha256 prefix '943ac7e6' is ambiguous: rows 1, 2 match it; give more characters"
    assert store.get(sha(COLLIDING[1])[:9]).article.text == COLLIDING[1]


def test_ambiguous_article_id(store):
    store.save(make_analysis(TRUSS_TEXT, article_id="doc-1"), analyzer_version="0.1.0")
    store.save(make_analysis(WALLACE_TEXT, entities=[], article_id="doc-1"), analyzer_version="0.1.0")
    with pytest.raises(
        NotFoundError, match=r"^article id 'doc-1' is ambiguous: rows 1, 2 share it; give a row id instead$"
    ):
        store.get("doc-1")
    assert store.get("2").article.text == WALLACE_TEXT


def test_an_analysis_is_reusable_only_for_the_same_input_and_version(store):
    analysis = make_analysis(article_id="rferl-31667430")
    given = analysis.article.model_copy(deep=True)
    analysis.pipeline.input = given.fingerprint()
    store.save(analysis, analyzer_version="0.1.0")
    again = given.model_copy(update={"origin": "elsewhere/truss.txt"})
    reused = store.reusable(again, "0.1.0")
    assert reused is not None and reused.article.origin == "elsewhere/truss.txt"
    assert reused.entities == analysis.entities
    assert store.reusable(again, "0.2.0") is None  # another version may analyse it differently
    assert store.reusable(again.model_copy(update={"title": "Another title"}), "0.1.0") is None
    other_date = again.model_copy(update={"published": again.published.model_copy(update={"value": "2022-01-24"})})
    assert store.reusable(other_date, "0.1.0") is None
    assert store.reusable(make_analysis(WALLACE_TEXT, entities=[]).article, "0.1.0") is None

"""The schema comes from the Alembic revisions, matches the models, and opening is idempotent."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from opslens.errors import StoreError
from opslens.store import Store, migrate
from opslens.store.schema import Base
from opslens.store.search_index import include_object
from tests.store.store_samples import make_analysis

TABLES = {"alembic_version", "articles", "entities", "ingest_errors"} | {
    "linked_articles",
    "minhash_bands",
    "stories",
    "merged_events",
    "event_reports",
    "contests",
    "canonical_entities",
    "entity_links",
    "entity_decisions",
    "alerts",
    "watch_seen",
    "article_facets",
}
# SQLite lists the FTS5 search index and its shadow tables as tables (revision 0004).
FTS_TABLES = {"articles_fts", "articles_fts_data", "articles_fts_idx", "articles_fts_docsize", "articles_fts_config"}


def tables_of(conn) -> set[str]:
    return TABLES | FTS_TABLES if conn.dialect.name == "sqlite" else TABLES


def test_new_sqlite_file_gets_the_schema(tmp_path):
    path = tmp_path / "nested" / "dir" / "opslens.db"
    with Store(f"sqlite:///{path}") as store:
        assert path.is_file()
        with store.engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) == TABLES | FTS_TABLES
            assert migrate.current_revision(conn) == migrate.head_revision() == "0008"
            indexes = {ix["name"] for ix in inspect(conn).get_indexes("entities")}
            assert indexes == {"ix_entities_name", "ix_entities_country", "ix_entities_actor_code"}
            bands = {ix["name"]: ix["column_names"] for ix in inspect(conn).get_indexes("minhash_bands")}
            assert bands == {"ix_minhash_bands_article_row_id": ["article_row_id"]}
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_reopening_a_current_store_runs_no_migration(store_url, monkeypatch):
    with Store(store_url) as store:
        store.save(make_analysis(), analyzer_version="0.1.0")

    def refuse(*args, **kwargs):
        raise AssertionError("upgrade ran on a store already at head")

    monkeypatch.setattr(command, "upgrade", refuse)
    with Store(store_url) as store:
        assert store.count() == 1
        with store.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()


def test_migrated_schema_matches_the_models(store):
    with store.engine.connect() as conn:
        # The search index is not a model (an FTS5 table on SQLite, a generated tsvector column on
        # PostgreSQL, which SQLAlchemy models cannot describe portably): the migrations' own filter
        # leaves out exactly those objects, and everything else must match.
        opts = {"compare_type": True, "compare_server_default": True, "include_object": include_object}
        context = MigrationContext.configure(conn, opts=opts)
        assert compare_metadata(context, Base.metadata) == []


def test_downgrade_and_upgrade_again(store_url):
    with Store(store_url) as store, store.engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), "base")
        assert set(inspect(conn).get_table_names()) == {"alembic_version"}
    with Store(store_url) as store, store.engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) == tables_of(conn)


def test_store_from_a_newer_opslens_is_refused(sqlite_url):
    with Store(sqlite_url) as store, store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0099'")
    with pytest.raises(StoreError) as caught:
        Store(sqlite_url)
    assert str(caught.value) == (
        f"store {sqlite_url} has schema revision '0099', which this OpsLens does not know: "
        "it was written by a newer version; upgrade OpsLens"
    )


# Each process waits until all are ready, then opens the same new store and saves one article.
RACER = """
import sys, time
from pathlib import Path
from tests.store.store_samples import make_analysis
from opslens.store import Store
url, ready, n, i = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
(ready / str(i)).touch()
while len(list(ready.iterdir())) < n:
    time.sleep(0.005)
with Store(url) as store:
    store.save(make_analysis(f"Sergei Lavrov met Liz Truss in Moscow (report {i}).\\n", entities=[]),
               analyzer_version="0.1.0")
"""


def test_processes_opening_the_same_new_store_at_once(store_url, tmp_path):
    n = 4
    ready = tmp_path / "ready"
    ready.mkdir()
    env_path = str(Path(__file__).parents[2])  # the repo root, so `tests.store` imports
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", RACER, store_url, str(ready), str(n), str(i)],
            cwd=env_path,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(n)
    ]
    failures = [p.stderr.read() for p in procs if p.wait(timeout=120) != 0]
    assert failures == []
    with Store(store_url) as store:
        assert store.count() == n
        with store.engine.connect() as conn:
            assert migrate.current_revision(conn) == "0008"


def test_switch_to_wal_waits_for_another_writer(tmp_path, monkeypatch):
    """SQLite refuses a concurrent switch to WAL at once (no busy timeout); opening must wait and
    try again instead. The other writer lets go when the opening first waits: no clock involved."""
    from opslens.store import engine

    path = tmp_path / "opslens.db"
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # a writer on the new file, still in rollback-journal mode
    waits: list[float] = []

    def wait(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) == 1:
            other.execute("ROLLBACK")

    monkeypatch.setattr(engine, "time", SimpleNamespace(monotonic=time.monotonic, sleep=wait))
    try:
        with Store(f"sqlite:///{path}") as store:
            assert store.count() == 0
            with store.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        other.close()
    assert len(waits) == 1  # refused once while the other wrote, then switched


def test_the_head_the_revision_files_declare_is_alembics():
    assert migrate.declared_head() == migrate.head_revision()


OPEN_AGAIN = """
import sys
from opslens.store import open_store
with open_store(sys.argv[1]) as store:
    count = store.count()
print(count, "alembic" in sys.modules)
"""


def test_opening_a_store_at_head_needs_no_alembic(store_url):
    """Alembic (and its reading of versions/) is imported only to migrate: not on every open."""
    with Store(store_url) as store:
        store.save(make_analysis(), analyzer_version="0.1.0")
    root = str(Path(__file__).parents[2])
    out = subprocess.run(
        [sys.executable, "-c", OPEN_AGAIN, store_url], cwd=root, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["1", "False"]


def test_the_package_imports_no_database_library_until_a_store_is_opened():
    code = "import sys, opslens.store; from opslens.store import open_store; print('sqlalchemy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False"]

"""Stores that cannot be opened fail with one clear line, and never show a password."""

from __future__ import annotations

import socket
import sqlite3

import pytest

from opslens.errors import MissingStoreError, StoreError
from opslens.store import Store, open_store
from opslens.store.engine import mask


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_unreachable_postgresql_names_the_store_without_its_password():
    port = free_port()  # bound then released: nothing listens there
    with pytest.raises(StoreError) as caught:
        Store(f"postgresql+psycopg://analyst:hunter2@127.0.0.1:{port}/news")
    message = str(caught.value)
    assert message.startswith(f"cannot open store postgresql+psycopg://analyst:***@127.0.0.1:{port}/news: ")
    assert "Connection refused" in message
    assert "hunter2" not in message and "\n" not in message


def test_plain_postgresql_scheme_uses_psycopg(pg_url):
    with open_store(pg_url.replace("postgresql+psycopg://", "postgresql://")) as store:
        assert store.engine.dialect.driver == "psycopg"
        assert store.count() == 0


def test_unsupported_database():
    with pytest.raises(StoreError) as caught:
        Store("mysql://analyst:hunter2@db.example.org/news")
    assert str(caught.value) == (
        "cannot open store mysql://analyst:***@db.example.org/news: unsupported database "
        "'mysql' (use sqlite:///path/to/file.db or postgresql+psycopg://user@host/dbname)"
    )


def test_not_a_url():
    with pytest.raises(StoreError) as caught:
        Store("opslens.db")
    assert str(caught.value) == (
        "cannot open store opslens.db: not a database URL (use sqlite:///path/to/file.db "
        "or postgresql+psycopg://user@host/dbname)"
    )


def test_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("Liz Truss is to visit Moscow.\n" * 200)
    with pytest.raises(StoreError) as caught:
        Store(f"sqlite:///{path}")
    assert str(caught.value) == f"cannot open store sqlite:///{path}: file is not a database"


def test_mask_hides_passwords_in_unparsable_urls():
    assert (
        mask("postgresql+psycopg://analyst:hunter2@/news?host=/x y")
        == "postgresql+psycopg://analyst:***@/news?host=/x y"
    )
    assert mask("sqlite:///opslens.db") == "sqlite:///opslens.db"


def test_reading_a_sqlite_store_that_does_not_exist_is_refused_and_creates_nothing(tmp_path):
    path = tmp_path / "typo.db"
    with pytest.raises(MissingStoreError) as caught:
        open_store(f"sqlite:///{path}", create=False)
    assert str(caught.value) == (
        f"no store at {path}: the file does not exist (check --db, or analyse "
        f"articles into it first: opslens analyze --db {path} …)"
    )
    assert list(tmp_path.iterdir()) == []


def test_reading_a_database_without_an_opslens_store_is_refused(store_url):
    with pytest.raises(MissingStoreError) as caught:
        if store_url.startswith("sqlite"):
            sqlite3.connect(store_url.removeprefix("sqlite:///")).close()  # an empty file
        open_store(store_url, create=False)
    assert str(caught.value).endswith(" holds no OpsLens store (check --db, or analyse articles into it first)")
    with open_store(store_url) as store:  # a command that writes makes the store there
        assert store.count() == 0
    with open_store(store_url, create=False) as store:
        assert store.count() == 0

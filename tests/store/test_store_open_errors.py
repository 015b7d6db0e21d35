"""Stores that cannot be opened fail with one clear line, and never show a password."""

from __future__ import annotations

import socket

import pytest

from opslens.errors import StoreError
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
    assert str(caught.value) == ("cannot open store mysql://analyst:***@db.example.org/news: unsupported database "
                                 "'mysql' (use sqlite:///path/to/file.db or postgresql+psycopg://user@host/dbname)")


def test_not_a_url():
    with pytest.raises(StoreError) as caught:
        Store("opslens.db")
    assert str(caught.value) == ("cannot open store opslens.db: not a database URL (use sqlite:///path/to/file.db "
                                 "or postgresql+psycopg://user@host/dbname)")


def test_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("Liz Truss is to visit Moscow.\n" * 200)
    with pytest.raises(StoreError) as caught:
        Store(f"sqlite:///{path}")
    assert str(caught.value) == f"cannot open store sqlite:///{path}: file is not a database"


def test_mask_hides_passwords_in_unparsable_urls():
    assert mask("postgresql+psycopg://analyst:hunter2@/news?host=/x y") == "postgresql+psycopg://analyst:***@/news?host=/x y"
    assert mask("sqlite:///opslens.db") == "sqlite:///opslens.db"

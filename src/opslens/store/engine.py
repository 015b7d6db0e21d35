"""Store URLs to SQLAlchemy engines: SQLite files and PostgreSQL, with passwords kept out of messages."""

from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import StaticPool

from opslens.errors import StoreError

# Option on a connection (or engine) that makes SQLite take the write lock when the transaction
# begins: a deferred BEGIN that later needs to write fails with "database is locked" instead of waiting.
WRITE_LOCK = {"opslens_write": True}
SQLITE_BUSY_SECONDS = 30
SQLITE_MMAP_BYTES = 1 << 30  # address space, not memory: pages are read in as used
SQLITE_CACHE_KIB = 32 * 1024  # per connection, filled only as pages are read
PG_CONNECT_TIMEOUT = 10

_USERINFO = re.compile(r"(://[^/:@]*:)[^@/]*@")


def mask(url: str | URL) -> str:
    """The URL with its password replaced by ***, also for strings SQLAlchemy cannot parse."""
    if isinstance(url, URL):
        return url.render_as_string(hide_password=True)
    return _USERINFO.sub(r"\1***@", url)


def parse_url(url: str) -> URL:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(
            f"cannot open store {mask(url)}: not a database URL (use sqlite:///path/to/file.db "
            "or postgresql+psycopg://user@host/dbname)"
        ) from None
    backend = parsed.get_backend_name()
    if backend in ("postgresql", "postgres") and parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")  # psycopg 3 is the driver we ship
    elif backend not in ("sqlite", "postgresql"):
        raise StoreError(
            f"cannot open store {mask(parsed)}: unsupported database '{backend}' "
            "(use sqlite:///path/to/file.db or postgresql+psycopg://user@host/dbname)"
        )
    return parsed


def reason(exc: BaseException, url: URL | None = None) -> str:
    """One line saying what went wrong, from the driver's own message when there is one."""
    orig = getattr(exc, "orig", None) or exc
    lines = [line.strip() for line in str(orig).splitlines() if line.strip()]
    text = lines[0] if lines else type(orig).__name__
    text = text.removeprefix("connection failed: ")
    if url is not None and url.password:
        text = text.replace(str(url.password), "***")
    return text


def make_engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    return create_engine(url, connect_args={"connect_timeout": PG_CONNECT_TIMEOUT}, pool_pre_ping=True)


def sqlite_file(url: URL) -> Path | None:
    """The file of a SQLite store (~ expanded); None for an in-memory one, a file: URI or another database."""
    database = url.database
    if url.get_backend_name() != "sqlite" or not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).expanduser()


def _sqlite_engine(url: URL) -> Engine:
    path = sqlite_file(url)
    file_db = path is not None
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot open store {mask(url)}: cannot create its folder: {exc.strerror}") from None
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS})
    else:  # one shared connection, or every connection would see a different empty database
        engine = create_engine(url, connect_args={"check_same_thread": False}, poolclass=StaticPool)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None  # BEGIN is ours (below), so that writers can BEGIN IMMEDIATE
        cursor = dbapi_conn.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_SECONDS * 1000}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if file_db:
            _enable_wal(cursor)
            # The link layer reads small indexes spread over a file that the analyses' JSON makes
            # large: SQLite's default 2 MiB page cache turns each lookup into page reads as the store
            # grows. Reads go through a memory map (the OS's page cache, shared by connections) and a
            # larger private cache (bench/link.py, bench/RESULTS.md).
            cursor.execute(f"PRAGMA mmap_size = {SQLITE_MMAP_BYTES}")
            cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        immediate = conn.get_execution_options().get("opslens_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _enable_wal(cursor: sqlite3.Cursor) -> None:
    """WAL, so that readers do not block the writer. Switching a new file to WAL upgrades a read
    lock to a write lock, and SQLite answers a concurrent switch with "locked" at once, without
    using the busy timeout: so wait here, until the other process has switched the file."""
    deadline = time.monotonic() + SQLITE_BUSY_SECONDS
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)

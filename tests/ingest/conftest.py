"""Ingest test helpers: options with small limits, fixture files, reading everything at once;
no name but loopback resolves, so no test can reach the network."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from opslens.ingest import read_inputs
from opslens.settings import Options

FIXTURES = Path(__file__).parent / "fixtures"


LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Refuse to resolve any host but loopback (feeds' example.org links, mistyped test URLs)."""
    real = socket.getaddrinfo

    def loopback_only(host, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else host
        if name not in LOOPBACK:
            raise socket.gaierror(socket.EAI_NONAME, f"tests never touch the network ({name})")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", loopback_only)


@pytest.fixture()
def options() -> Options:
    """Feed links not followed: the feed tests that follow them say so and serve them on loopback."""
    return Options(
        published=None, allow_private=False, max_bytes=1_000_000, fetch_timeout=5.0, max_redirects=3, follow_links=False
    )


@pytest.fixture()
def read(options):
    def run(*specs: str, stdin=None, **overrides):
        opts = options.model_copy(update=overrides) if overrides else options
        return list(read_inputs([str(s) for s in specs], opts, stdin=stdin))

    return run

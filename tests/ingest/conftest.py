"""Ingest test helpers: options with small limits, fixture files, reading everything at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from opslens.ingest import read_inputs
from opslens.settings import Options

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture()
def options() -> Options:
    return Options(published=None, allow_private=False, max_bytes=1_000_000, fetch_timeout=5.0, max_redirects=3)


@pytest.fixture()
def read(options):
    def run(*specs: str, stdin=None, **overrides):
        opts = options.model_copy(update=overrides) if overrides else options
        return list(read_inputs([str(s) for s in specs], opts, stdin=stdin))

    return run

"""One linked SQLite store per test module (the exports only read it)."""

from __future__ import annotations

import pytest

from opslens.store import Store
from tests.export.samples import fill, hand_built, real


@pytest.fixture(scope="module")
def db(tmp_path_factory, analyze) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('exports') / 'store.db'}"
    with Store(url) as store:
        fill(store, hand_built() + real(analyze))
    return url


@pytest.fixture
def exported(db):
    """exported(fmt, **filter) -> (bytes written, count) over the module's store."""
    import io

    from opslens.export import export
    from opslens.link.listing import EventFilter

    def run(fmt: str, story: str | None = None, **filters) -> tuple[bytes, int]:
        out = io.BytesIO()
        with Store(db, create=False) as store:
            n = export(store, fmt, EventFilter(**filters), out, story=story)
        return out.getvalue(), n

    return run

"""Every format over both stores (SQLite and PostgreSQL), on the hand-built analyses."""

from __future__ import annotations

import io

from opslens.export import FORMATS, export
from opslens.link.listing import EventFilter
from tests.export.samples import fill, hand_built

EXPECTED = {"json": 3, "jsonl": 3, "gdelt": 2, "parquet": 2, "geojson": 1, "graphml": 2}


def test_every_format_on_every_store(store):
    fill(store, hand_built())
    written = {}
    for name in FORMATS:
        out = io.BytesIO()
        written[name] = export(store, name, EventFilter(), out)
        assert out.getvalue(), name
    stix = written.pop("stix")
    assert written == EXPECTED
    assert stix == 3 + 3 + 4 + 1 + 2 + 1  # reports, outlets, actors+Reuters, Moscow, relationships, note

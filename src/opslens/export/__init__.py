"""Exports of the store for other tools: the contract (json, jsonl), the GDELT 2.0 Event table
(gdelt), Parquet, a STIX 2.1 bundle, GeoJSON and the actor graph as GraphML; and briefs per
article or story (`opslens.export.briefs`). One module per format, each with
`write(store, f, out, story) -> records written`."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import BinaryIO

from opslens.errors import ConfigError
from opslens.link.listing import EventFilter
from opslens.store import Store


@dataclass(frozen=True)
class ExportFormat:
    name: str
    media_type: str
    suffix: str
    binary: bool
    doc: str


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat(
            "json", "application/json", ".json", False, "The analyses (opslens.analysis/1) as one JSON array."
        ),
        ExportFormat("jsonl", "application/x-ndjson", ".jsonl", False, "The analyses, one JSON object a line."),
        ExportFormat(
            "gdelt",
            "text/tab-separated-values",
            ".tsv",
            False,
            "The GDELT 2.0 Event table: one merged event a row, 61 tab-separated columns, no header.",
        ),
        ExportFormat("parquet", "application/vnd.apache.parquet", ".parquet", True, "One merged event a row, typed."),
        ExportFormat(
            "stix",
            "application/stix+json;version=2.1",
            ".json",
            False,
            "A STIX 2.1 bundle: a report per article (or story), identities, locations, notes, relationships.",
        ),
        ExportFormat("geojson", "application/geo+json", ".geojson", False, "Merged events with a place as points."),
        ExportFormat("graphml", "application/graphml+xml", ".graphml", False, "The actor graph (networkx GraphML)."),
    )
}

MODULES = {"json": "contract", "jsonl": "contract", "gdelt": "gdelt", "parquet": "parquet", "stix": "stix"}


def export(store: Store, fmt: str, f: EventFilter, out: BinaryIO, *, story: str | None = None) -> int:
    """Write the store's selection (merged events matching `f`; with `story`, that story's only) in
    format `fmt` to `out`; return how many records were written (articles for json/jsonl, merged
    events for gdelt/parquet/geojson, STIX objects for stix, actor relations for graphml)."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    module = import_module(f"opslens.export.{MODULES.get(fmt, fmt)}")
    if fmt in ("json", "jsonl"):
        return module.write(store, f, out, story, lines=fmt == "jsonl")
    return module.write(store, f, out, story)

"""parquet: one row per selected merged event with typed columns (pyarrow), its reports as a
list of structs. `date` is the event's day when it is known to the day (null otherwise); `day` keeps
it as stored ("2022", "2022-02" or "2022-02-10")."""

from __future__ import annotations

from datetime import date
from typing import BinaryIO

import pyarrow as pa  # type: ignore[import-untyped]  # no stubs shipped
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from opslens.export.selection import place_of, selection
from opslens.knowledge.event_codes import code as cameo_code
from opslens.link.graph import goldstein_of
from opslens.link.listing import EventFilter
from opslens.store import Store

REPORT = pa.struct(
    [
        ("article", pa.string()),
        ("outlet", pa.string()),
        ("event", pa.string()),
        ("modality", pa.string()),
        ("evidence", pa.string()),
        ("evidence_start", pa.int32()),
        ("evidence_end", pa.int32()),
        ("origin", pa.string()),
        ("chain", pa.list_(pa.string())),
        ("background", pa.bool_()),
    ]
)

SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("date", pa.date32()),
        ("day", pa.string()),
        ("plover", pa.string()),
        ("cameo", pa.string()),
        ("source", pa.string()),
        ("source_name", pa.string()),
        ("target", pa.string()),
        ("target_name", pa.string()),
        ("goldstein", pa.float64()),
        ("quad_class", pa.int8()),
        ("place", pa.string()),
        ("place_country", pa.string()),
        ("geonames_id", pa.int64()),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        ("story", pa.string()),
        ("n_reports", pa.int32()),
        ("n_articles", pa.int32()),
        ("n_outlets", pa.int32()),
        ("independent_origins", pa.int32()),
        ("contested", pa.bool_()),
        ("grade", pa.string()),
        ("why", pa.string()),
        ("reports", pa.list_(REPORT)),
    ]
)


def quad_of(event: dict) -> int | None:
    """The event's quad class, else its CAMEO code's in the project's table (Phoenix's 0-4)."""
    if event["quad_class"] is not None or not event["cameo"]:
        return event["quad_class"]
    return cameo_code(event["cameo"]).quad


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value and len(value) == 10 else None


def _report(r: dict) -> dict:
    return {
        "article": r["article"],
        "outlet": r["outlet"],
        "event": r["event"],
        "modality": r["modality"],
        "evidence": r["evidence"]["text"],
        "evidence_start": r["evidence"]["start"],
        "evidence_end": r["evidence"]["end"],
        "origin": r["origin"],
        "chain": [link["name"] for link in r["chain"]],
        "background": bool(r["background"]),
    }


def records(store: Store, f: EventFilter, story: str | None = None) -> list[dict]:
    chosen = selection(store, f, story, analyses=True)
    rows = []
    for e in chosen.events:
        place = place_of(e, chosen.reports.get(e["id"], []), chosen.analyses)
        rows.append(
            {
                **{k: e[k] for k in ("id", "plover", "cameo", "source", "source_name", "target", "target_name")},
                "date": _day(e["date"]),
                "day": e["date"],
                "goldstein": goldstein_of(e),
                "quad_class": quad_of(e),
                "place": e["place"],
                "place_country": place.country if place else None,
                "geonames_id": place.geonames_id if place else None,
                "lat": place.lat if place else None,
                "lon": place.lon if place else None,
                "story": e["story"],
                "n_reports": len(e["reports"]),
                "n_articles": e["articles"],
                "n_outlets": e["outlets"],
                "independent_origins": e["independent_origins"],
                "contested": bool(e["contested"]),
                "grade": e["confidence"]["grade"],
                "why": e["confidence"]["why"],
                "reports": [_report(r) for r in e["reports"]],
            }
        )
    return rows


def write(store: Store, f: EventFilter, out: BinaryIO, story: str | None) -> int:
    rows = records(store, f, story)
    pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMA), out)
    return len(rows)

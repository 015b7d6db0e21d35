"""geojson: a FeatureCollection of the selected merged events that have a located place, as Points."""

from __future__ import annotations

import json
from typing import BinaryIO

from opslens.contract import Place
from opslens.export.selection import pages, place_of
from opslens.link.graph import goldstein_of
from opslens.link.listing import EventFilter
from opslens.store import Store


def collection(store: Store, f: EventFilter, story: str | None = None) -> dict:
    features = []
    for page in pages(store, f, story):
        features += [feature(e, place_of(e, page.reports.get(e["id"], []), page.analyses)) for e in page.events]
    return {"type": "FeatureCollection", "features": [x for x in features if x is not None]}


def feature(event: dict, place: Place | None) -> dict | None:
    if place is None or place.lat is None or place.lon is None:
        return None
    return {
        "type": "Feature",
        "id": event["id"],
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
        "properties": {
            "id": event["id"],
            "plover": event["plover"],
            "cameo": event["cameo"],
            "source": event["source"],
            "target": event["target"],
            "date": event["date"],
            "place": place.name,
            "geonames_id": place.geonames_id,
            "country": place.country,
            "origins": event["independent_origins"],
            "goldstein": goldstein_of(event),
        },
    }


def write(store: Store, f: EventFilter, out: BinaryIO, story: str | None) -> int:
    found = collection(store, f, story)
    out.write(json.dumps(found, ensure_ascii=False, indent=1).encode("utf-8") + b"\n")
    return len(found["features"])

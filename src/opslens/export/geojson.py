"""geojson: a FeatureCollection of the selected merged events that have a located place, as Points."""

from __future__ import annotations

import json
from typing import BinaryIO

from opslens.export.selection import place_of, selection
from opslens.link.graph import goldstein_of
from opslens.link.listing import EventFilter
from opslens.store import Store


def collection(store: Store, f: EventFilter, story: str | None = None) -> dict:
    chosen = selection(store, f, story, analyses=True)
    features = []
    for event in chosen.events:
        place = place_of(event, chosen.reports.get(event["id"], []), chosen.analyses)
        if place is None or place.lat is None or place.lon is None:
            continue
        features.append(
            {
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
        )
    return {"type": "FeatureCollection", "features": features}


def write(store: Store, f: EventFilter, out: BinaryIO, story: str | None) -> int:
    found = collection(store, f, story)
    out.write(json.dumps(found, ensure_ascii=False, indent=1).encode("utf-8") + b"\n")
    return len(found["features"])

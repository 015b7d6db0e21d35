"""The offline world layer of the map: Natural Earth 1:110m countries (vendored world-atlas
TopoJSON) decoded once into SVG paths, in an equirectangular projection of 360 × 180 units
(x = longitude + 180, y = 90 - latitude)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from opslens.web.pages.common import STATIC

ATLAS = STATIC / "vendor" / "world-atlas" / "countries-110m.json"
WIDTH, HEIGHT = 360, 180


@dataclass(frozen=True)
class Country:
    name: str
    d: str  # the SVG path


def project(lon: float, lat: float) -> tuple[float, float]:
    return round(lon + 180, 2), round(90 - lat, 2)


@cache
def countries() -> tuple[Country, ...]:
    topology = json.loads(ATLAS.read_text(encoding="utf-8"))
    arcs = _arcs(topology)
    found = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        kind, rings = geometry.get("type"), geometry.get("arcs") or []
        polygons = rings if kind == "MultiPolygon" else [rings] if kind == "Polygon" else []
        d = "".join(_ring(arcs, ring) for polygon in polygons for ring in polygon)
        if d:
            found.append(Country((geometry.get("properties") or {}).get("name", ""), d))
    return tuple(found)


def _arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Arcs in projected coordinates: quantized positions are deltas from the previous one."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append(project(x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(arcs: list[list[tuple[float, float]]], ring: list[int]) -> str:
    """One closed path; arc ~i is arc i reversed, and each arc repeats the last point of the one before."""
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points += arc[1:] if points else arc
    if len(points) < 3:
        return ""
    return "M" + "L".join(f"{x:g},{y:g}" for x, y in _unwrapped(points)) + "Z"


def _unwrapped(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring that crosses the antimeridian (Russia's Chukotka, Fiji) goes on past the map's edge,
    where the SVG clips it, instead of jumping back across the whole map."""
    shift = 0.0
    found = [points[0]]
    for (x0, _), (x, y) in pairwise(points):
        if x - x0 > WIDTH / 2:
            shift -= WIDTH
        elif x0 - x > WIDTH / 2:
            shift += WIDTH
        found.append((round(x + shift, 2), y))
    return found

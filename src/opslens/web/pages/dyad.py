"""`/dyads/{a}/{b}`: the tension between two sides (country or actor codes) by day or week, as
`opslens timeline A B` computes it, drawn as an SVG chart, and the dyad's events."""

from __future__ import annotations

import re
from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from opslens.link.timeline import Selection, timeline
from opslens.web.pages.chart import tension_chart
from opslens.web.pages.common import not_found, page, store_of

router = APIRouter()

CODE = re.compile(r"[A-Z]{3}[A-Z0-9]*")  # as `opslens timeline` takes them
EVENTS = 200  # the latest events listed under the chart (the chart counts them all)


@router.get("/dyads/{a}/{b}", response_class=HTMLResponse)
def dyad_page(request: Request, a: str, b: str, by: Literal["day", "week"] = "day") -> HTMLResponse:
    sides = (a.strip().upper(), b.strip().upper())
    if not all(CODE.fullmatch(s) for s in sides):
        return not_found(request, f"a dyad is two country or actor codes, such as GBR and RUS, not {a!r} and {b!r}")
    with store_of(request).reading("read a dyad's timeline") as conn:
        line = timeline(conn, Selection(dyad=sides, by=by))
    if not line.events:
        return not_found(request, f"no merged event between {sides[0]} and {sides[1]} in the store")
    return page(
        request,
        "dyad.html",
        f"{sides[0]}–{sides[1]}",
        sides=sides,
        by=by,
        line=line,
        chart=tension_chart(line.periods),
        events=line.events[::-1][:EVENTS],
    )

"""`/dyads/{a}/{b}`: the tension between two sides (country or actor codes) by day or week, as
`opslens timeline A B` computes it, drawn as an SVG chart, and the dyad's events."""

from __future__ import annotations

import re
from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from opslens.link.timeline import Selection, timeline
from opslens.web.pages.chart import tension_chart
from opslens.web.pages.common import bad_request, not_found, page, store_of

router = APIRouter()

CODE = re.compile(r"[A-Z]{3}[A-Z0-9]*")  # as `opslens timeline` takes them
DAY = re.compile(r"\d{4}-\d\d-\d\d")
EVENTS = 200  # the latest events listed under the chart
SHOWN = {"day": 180, "week": 104}  # the latest periods charted, unless since/until choose them


@router.get("/dyads/{a}/{b}", response_class=HTMLResponse)
def dyad_page(
    request: Request,
    a: str,
    b: str,
    by: Literal["day", "week"] = "day",
    since: str | None = None,
    until: str | None = None,
) -> HTMLResponse:
    sides = (a.strip().upper(), b.strip().upper())
    if not all(CODE.fullmatch(s) for s in sides):
        return not_found(request, f"a dyad is two country or actor codes, such as GBR and RUS, not {a!r} and {b!r}")
    for name, value in (("since", since), ("until", until)):
        if value and not DAY.fullmatch(value):
            return bad_request(request, f"{name} takes a day as YYYY-MM-DD, not {value!r}")
    with store_of(request).reading("read a dyad's timeline") as conn:
        sel = Selection(dyad=sides, by=by, since=since or None, until=until or None, latest=SHOWN[by])
        line = timeline(conn, sel)
    if not line.events and not (since or until):
        return not_found(request, f"no merged event between {sides[0]} and {sides[1]} in the store")
    charted = line.periods
    return page(
        request,
        "dyad.html",
        f"{sides[0]}–{sides[1]}",
        sides=sides,
        by=by,
        line=line,
        charted=len(charted),
        latest=not (since or until),
        chart=tension_chart(charted),
        events=line.events[::-1][:EVENTS],
    )

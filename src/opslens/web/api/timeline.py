"""`/api/timeline`: a dyad's merged events by day or week with the tension index (conflict against
cooperation, its trailing baseline and z-score), as `opslens timeline A B` computes them."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from opslens.link.timeline import Selection, timeline
from opslens.web.api import params
from opslens.web.api.deps import StoreDep
from opslens.web.responses import JSON

router = APIRouter(tags=["timeline"])
LATEST = {"day": 365, "week": 104}  # periods shown without since/until


@router.get("/timeline", response_class=JSON, response_model=dict[str, Any])
def dyad_timeline(
    store: StoreDep,
    a: Annotated[str, Query(description="One side: a country or actor code (GBR, RUSGOV).")],
    b: Annotated[str, Query(description="The other side.")],
    by: Annotated[Literal["day", "week"], Query(description="Periods of the tension index.")] = "day",
    since: Annotated[str | None, Query(description="Show from this day on (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, Query(description="Show up to this day (YYYY-MM-DD).")] = None,
    min_origins: Annotated[int, Query(ge=1, description="Events with at least this many origins.")] = 1,
    window: Annotated[int | None, Query(ge=2, le=366, description="Baseline periods (28 days, 8 weeks).")] = None,
    latest: Annotated[
        int | None,
        Query(
            ge=1,
            le=100_000,
            description="Without since/until: the latest N periods up to the dyad's last event "
            f"(default {LATEST['day']} days, {LATEST['week']} weeks).",
        ),
    ] = None,
) -> JSON:
    """`{"subject", "by", "since", "events": [...], "periods": [...]}`: every period of the range,
    quiet ones too. Without since/until, the latest year of days or two years of weeks (`latest`
    chooses how many periods; `since` reaches further back), as a news API's timelines default to
    a recent span rather than the whole archive."""
    side_a, side_b = params.code("a", a), params.code("b", b)
    assert side_a is not None and side_b is not None
    sel = Selection(
        dyad=(side_a, side_b),
        by=by,
        since=params.day("since", since),
        until=params.day("until", until),
        min_origins=min_origins,
        window=window,
        latest=latest or LATEST[by],
    )
    with store.reading("read the timeline") as conn:
        line = timeline(conn, sel)
    return JSON(
        {
            "subject": line.subject,
            "by": line.by,
            "since": line.since,
            "events": [_flat(vars(e)) for e in line.events],
            "periods": [dict(vars(p)) for p in line.periods],  # asdict deep-copies: 0.23 s for 18,000 days
        }
    )


def _flat(row: dict[str, Any]) -> dict:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in row.items()}

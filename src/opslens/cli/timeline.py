"""`opslens timeline`: a dyad's, a story's or an entity's events by day or week, with the tension index."""

from __future__ import annotations

import csv
import re
import sys
from dataclasses import asdict
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from opslens.cli.common import chosen, one_line_errors, options, out, plain, write_jsonl
from opslens.errors import ConfigError

if TYPE_CHECKING:
    from opslens.link.timeline import Timeline

DAY = re.compile(r"\d{4}-\d\d-\d\d")
CODE = re.compile(r"[A-Z]{3}[A-Z0-9]*")
BLOCKS = "▁▂▃▄▅▆▇█"
SPARK_WIDTH = 90


class TimelineFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


class Period(StrEnum):
    day = "day"
    week = "week"


Sides = Annotated[
    list[str] | None, typer.Argument(help="The dyad's two sides: country codes (GBR RUS) or actor codes (RUSGOV).")
]
Story = Annotated[str | None, typer.Option("--story", help="A story's events instead of a dyad's (its id).")]
Entity = Annotated[
    str | None, typer.Option("--entity", help="An entity's events (as source or target), by name or alias.")
]
By = Annotated[Period, typer.Option("--by", help="Periods of the tension index.")]
Since = Annotated[str | None, typer.Option("--since", help="Show from this day on (YYYY-MM-DD).")]
Until = Annotated[str | None, typer.Option("--until", help="Show up to this day (YYYY-MM-DD).")]
MinOrigins = Annotated[
    int, typer.Option("--min-origins", min=1, help="Only events reported by at least this many independent origins.")
]
Window = Annotated[
    int | None, typer.Option("--window", min=2, help=plain("Baseline periods [default: 28 days, 8 weeks]."))
]
Latest = Annotated[
    int | None,
    typer.Option("--latest", min=1, help="Without --since/--until: only the latest N periods, up to the last event."),
]
Events = Annotated[bool, typer.Option("--events", help="List the events instead of the periods.")]
Form = Annotated[
    TimelineFormat | None,
    typer.Option("--format", "-f", help="table (default on a terminal), jsonl (default otherwise) or csv."),
]
Db = Annotated[str | None, typer.Option("--db", help=plain("Store URL or SQLite file [env OPSLENS_DB]."))]


@one_line_errors
def command(
    sides: Sides = None,
    story: Story = None,
    entity: Entity = None,
    by: By = Period.day,
    since: Since = None,
    until: Until = None,
    min_origins: MinOrigins = 1,
    window: Window = None,
    latest: Latest = None,
    events: Events = False,
    fmt: Form = None,
    db: Db = None,
) -> None:
    """Events by day with their PLOVER category and Goldstein value, and the tension index
    (conflict against cooperation) with its trailing baseline and z-score.

    Example: opslens timeline GBR RUS --by week --since 2022-01-01
    """
    from opslens.link.timeline import Selection, timeline
    from opslens.store import open_store

    sel = Selection(
        dyad=_dyad(sides, story, entity),
        story=story,
        entity=entity,
        by=by.value,
        since=_day(since, "--since"),
        until=_day(until, "--until"),
        min_origins=min_origins,
        window=window,
        latest=latest,
    )
    with open_store(options(db=db).store_url, create=False) as store, store.reading("read the timeline") as conn:
        line = timeline(conn, sel)
    form = chosen(fmt, TimelineFormat.table, TimelineFormat.jsonl)
    rows = [_flat(asdict(x)) for x in (line.events if events else line.periods)]
    if form is TimelineFormat.jsonl:
        write_jsonl(rows)
    elif form is TimelineFormat.csv:
        _csv(rows, _EVENT_FIELDS if events else _PERIOD_FIELDS)
    else:
        _table(line, events)


def _dyad(sides: list[str] | None, story: str | None, entity: str | None) -> tuple[str, str] | None:
    chosen = sum(bool(x) for x in (sides, story, entity))
    if chosen != 1:
        raise ConfigError("give a dyad (opslens timeline GBR RUS), or --story ID, or --entity NAME: one of them")
    if not sides:
        return None
    codes = [s.strip().upper() for s in sides]
    if len(codes) != 2 or not all(CODE.fullmatch(c) for c in codes):
        raise ConfigError(f"a dyad is two country or actor codes, such as GBR RUS, not {' '.join(sides)!r}")
    return codes[0], codes[1]


def _day(value: str | None, flag: str) -> str | None:
    if value is not None and not DAY.fullmatch(value):
        raise ConfigError(f"{flag} takes a day as YYYY-MM-DD, not {value!r}")
    return value


_PERIOD_FIELDS = [
    "period",
    "events",
    "conflictual",
    "cooperative",
    "conflict",
    "cooperation",
    "tension",
    "baseline",
    "sd",
    "z",
    "plover",
]
_EVENT_FIELDS = [
    "day",
    "id",
    "direction",
    "source",
    "target",
    "plover",
    "cameo",
    "goldstein",
    "quad_class",
    "origins",
    "reports",
    "contested",
    "modalities",
    "counted",
    "story_id",
]


def _flat(row: dict) -> dict:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in row.items()}


def _csv(rows: list[dict], fields: list[str]) -> None:
    writer = csv.DictWriter(sys.stdout, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})


def _cell(value) -> str:
    if isinstance(value, dict):
        return " ".join(f"{k}:{n}" for k, n in value.items())
    if isinstance(value, list):
        return " ".join(map(str, value))
    return "" if value is None else str(value)


def sparkline(values: list[float]) -> str:
    """One block per value, from the lowest (▁) to the highest (█)."""
    if not values:
        return ""
    low, high = min(values), max(values)
    if high == low:
        return BLOCKS[0] * len(values)
    return "".join(BLOCKS[round((v - low) / (high - low) * (len(BLOCKS) - 1))] for v in values)


def _table(line: Timeline, events: bool) -> None:
    from rich.table import Table
    from rich.text import Text

    tensions = [p.tension for p in line.periods][-SPARK_WIDTH:]
    shown = "" if len(line.periods) <= SPARK_WIDTH else f" (last {SPARK_WIDTH} {line.by}s)"
    out.print(Text(f"{line.subject}: {len(line.events)} events, tension by {line.by}{shown}"), soft_wrap=True)
    if tensions:
        out.print(Text(f"{sparkline(tensions)}  {min(tensions):g} … {max(tensions):g}"), soft_wrap=True)
    if events:
        table = Table("Day", "Direction", "PLOVER", "CAMEO", "Goldstein", "Origins", "Modality", "Contested")
        for e in line.events:
            cells: tuple[str, ...] = (e.day or "—", e.direction or f"{e.source}→{e.target}", e.plover, e.cameo or "—")
            more = (
                _num(e.goldstein),
                str(e.origins),
                ", ".join(e.modalities) + ("" if e.counted else " (not counted)"),
            )
            table.add_row(*map(Text, (*cells, *more, "yes" if e.contested else "")))
    else:
        table = Table("Period", "Events", "Conflict", "Cooperation", "Tension", "Baseline", "z", "PLOVER")
        for p in line.periods:
            if p.events:  # the quiet periods are in the sparkline, and in jsonl and csv
                base = "—" if p.baseline is None else f"{p.baseline:g} ± {p.sd:g}"
                cats = ", ".join(f"{k} {n}" for k, n in p.plover.items())
                cells = (p.period, str(p.events), _num(p.conflict), _num(p.cooperation), _num(p.tension))
                table.add_row(*map(Text, (*cells, base, _num(p.z), cats)))
    out.print(table)


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"

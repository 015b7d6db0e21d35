"""`opslens events`: events across the store — merged events with their independent origins, or
the articles' events one by one."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated

import typer

from opslens.cli.common import chosen, one_line_errors, options, out, plain, plural, write_jsonl
from opslens.cli.list import ListFormat
from opslens.errors import ConfigError

if TYPE_CHECKING:
    from opslens.link.listing import EventFilter

DAY = re.compile(r"\d{4}(?:-\d\d(?:-\d\d)?)?")

# The event filters, shared by `opslens events` and `opslens export`.
Plover = Annotated[str | None, typer.Option("--plover", help="PLOVER category, e.g. ACCUSE.")]
Actor = Annotated[
    str | None, typer.Option("--actor", help="Actor code on either side; a prefix takes more (RUS: RUSGOV…).")
]
Dyad = Annotated[str | None, typer.Option("--dyad", help="Two actor codes A,B, either way round.")]
Since = Annotated[str | None, typer.Option("--since", help="On or after this date (YYYY[-MM[-DD]]).")]
Until = Annotated[str | None, typer.Option("--until", help="On or before this date (YYYY[-MM[-DD]]).")]
MinOrigins = Annotated[int | None, typer.Option("--min-origins", help="At least this many independent origins.")]
Contested = Annotated[bool, typer.Option("--contested", help="Only contested claims.")]


@one_line_errors
def command(
    merged: Annotated[
        bool, typer.Option("--merged", help="One row per merged event (all its reports), not per article event.")
    ] = False,
    plover: Plover = None,
    actor: Actor = None,
    dyad: Dyad = None,
    since: Since = None,
    until: Until = None,
    min_origins: MinOrigins = None,
    contested: Contested = False,
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many rows, latest first.")] = 50,
    fmt: Annotated[
        ListFormat | None,
        typer.Option("--format", "-f", help="table (default on a terminal) or jsonl (default otherwise)."),
    ] = None,
    db: Annotated[str | None, typer.Option("--db", help=plain("Store URL or SQLite file [env OPSLENS_DB]."))] = None,
) -> None:
    """List events across the stored articles: merged events (with --merged) or each article's events.

    Example: opslens events --merged --dyad GBR,RUS --since 2022-01 --min-origins 2
    """
    from opslens.link.listing import merged_events, reports
    from opslens.store import open_store

    found = event_filter(
        plover=plover,
        actor=actor,
        dyad=dyad,
        since=since,
        until=until,
        min_origins=min_origins,
        contested=contested,
        limit=limit,
    )
    form = chosen(fmt, ListFormat.table, ListFormat.jsonl)
    with open_store(options(db=db).store_url, create=False) as store:
        rows = merged_events(store, found) if merged else reports(store, found)
        where = store.url
    if form is ListFormat.jsonl:
        write_jsonl(rows)
        return
    from rich.text import Text

    out.print(Text(f"{plural(len(rows), 'merged event' if merged else 'event')} in {where}"), soft_wrap=True)
    out.print(merged_table(rows) if merged else report_table(rows))


def event_filter(*, dyad: str | None, since: str | None, until: str | None, **given) -> EventFilter:
    """The listing's filter from the options as typed (the dyad "A,B", dates checked), for `opslens
    events` and `opslens export` alike."""
    from opslens.link.listing import EventFilter

    return EventFilter(dyad=_dyad(dyad), since=_day("--since", since), until=_day("--until", until), **given)


def _day(flag: str, value: str | None) -> str | None:
    if value and not DAY.fullmatch(value):
        raise ConfigError(f"{flag} takes a date as YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    return value


def _dyad(value: str | None) -> tuple[str, str] | None:
    if value is None:
        return None
    parts = [p.strip() for p in value.split(",")]
    if len(parts) != 2 or not all(parts):
        raise ConfigError(f"--dyad takes two actor codes separated by a comma (GBR,RUS), not {value!r}")
    return parts[0], parts[1]


def _side(code: str | None, name: str | None) -> str:
    return " ".join(x for x in (name, f"({code})" if code else None) if x) or "—"


def merged_table(rows: list[dict]):
    from rich.table import Table
    from rich.text import Text

    table = Table("Id", "Date", "PLOVER", "Source → target", "Reports", "Outlets", "Origins", "Grade", "Evidence")
    for m in rows:
        contested = " (contested)" if m["contested"] else ""
        first = m["reports"][0]["evidence"]["text"] if m["reports"] else ""
        table.add_row(
            *map(
                Text,
                (
                    m["id"],
                    m["date"] or "—",
                    m["plover"],
                    f"{_side(m['source'], m['source_name'])} → {_side(m['target'], m['target_name'])}",
                    f"{m['reports'].__len__()} in {m['articles']}",
                    str(m["outlets"]),
                    str(m["independent_origins"]),
                    f"{m['confidence']['grade']}{contested}: {m['confidence']['why']}",
                    first[:160],
                ),
            )
        )
    return table


def report_table(rows: list[dict]):
    from rich.table import Table
    from rich.text import Text

    table = Table("Date", "PLOVER", "Source → target", "Modality", "Article", "Event", "Merged", "Evidence")
    for r in rows:
        table.add_row(
            *map(
                Text,
                (
                    r["date"] or "—",
                    r["plover"],
                    f"{r['source'] or '—'} → {r['target'] or '—'}",
                    r["modality"],
                    r["article"],
                    r["event"],
                    r["merged"],
                    r["evidence"]["text"][:160],
                ),
            )
        )
    return table

"""`opslens list`: what the store holds."""

from __future__ import annotations

import dataclasses
import json
import re
import sys
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from opslens.cli.common import chosen, one_line_errors, options, out, plain, plural
from opslens.errors import ConfigError

if TYPE_CHECKING:
    from opslens.store.records import ArticleSummary, StoredError

DAY = re.compile(r"\d{4}(?:-\d\d(?:-\d\d)?)?")


class ListFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"


@one_line_errors
def command(
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many rows, newest first.")] = 50,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Articles published on or after this date (YYYY, YYYY-MM or YYYY-MM-DD); "
            "with --errors, inputs that failed since then.",
        ),
    ] = None,
    outlet: Annotated[
        str | None, typer.Option("--outlet", help="Articles whose outlet contains this text (any case).")
    ] = None,
    errors: Annotated[bool, typer.Option("--errors", help="List the inputs that failed instead.")] = False,
    fmt: Annotated[
        ListFormat | None,
        typer.Option(
            "--format", "-f", help="table (default on a terminal) or jsonl (default otherwise: one row per line)."
        ),
    ] = None,
    db: Annotated[str | None, typer.Option("--db", help=plain("Store URL or SQLite file [env OPSLENS_DB]."))] = None,
) -> None:
    """List stored articles, newest analysed first (or the inputs that failed).

    Example: opslens list --since 2022-01-01 --outlet reuters --limit 10
    """
    from opslens.store import open_store

    if since and not DAY.fullmatch(since):
        raise ConfigError(f"--since takes a date as YYYY, YYYY-MM or YYYY-MM-DD, not {since!r}")
    if errors and outlet:
        raise ConfigError("--outlet filters articles; failed inputs have no outlet")
    opts = options(db=db)
    form = chosen(fmt, ListFormat.table, ListFormat.jsonl)
    rows: list[StoredError] | list[ArticleSummary]
    with open_store(opts.store_url, create=False) as store:
        if errors:
            rows = store.errors(limit=limit, since=_moment(since) if since else None)
            title = f"{plural(len(rows), 'failed input')}{f' since {since}' if since else ''} in {store.url}"
        else:
            rows = store.list_articles(limit=limit, since=since, outlet=outlet)
            total = store.count(since=since, outlet=outlet)
            title = _articles_title(len(rows), total, since, outlet, store.url)
    if form is ListFormat.jsonl:
        for row in rows:
            sys.stdout.write(json.dumps(dataclasses.asdict(row), ensure_ascii=False) + "\n")
    else:
        from rich.text import Text

        # the heading is its own line, soft-wrapped: a narrow terminal must not break the store's URL
        out.print(Text(title), soft_wrap=True)
        out.print(_error_table(rows) if errors else _article_table(rows))


def _moment(day: str) -> datetime:
    """The first instant of a date written as YYYY, YYYY-MM or YYYY-MM-DD, in UTC."""
    parts = [int(p) for p in day.split("-")] + [1, 1]
    return datetime(parts[0], parts[1], parts[2], tzinfo=UTC)


def _articles_title(shown: int, total: int, since: str | None, outlet: str | None, url: str) -> str:
    which = "".join(
        [f" published since {since}" if since else "", f" from outlets matching {outlet!r}" if outlet else ""]
    )
    head = plural(total, "article") if shown == total else f"{shown} of {plural(total, 'article')}"
    return f"{head}{which} in {url}"


def _article_table(rows):
    from rich.table import Table
    from rich.text import Text

    table = Table(
        "Row",
        "Published",
        "Outlet",
        "Title",
        "Entities",
        "Events",
        "Analysed",
        "Article id",
    )
    for a in rows:  # stored text as Text: a title's "[draft]" is no markup
        table.add_row(
            *map(
                Text,
                (
                    str(a.id),
                    a.published_value or "—",
                    a.outlet or "—",
                    a.title or "(untitled)",
                    str(a.n_entities),
                    str(a.n_events),
                    a.analysed_at[:19],
                    a.article_id,
                ),
            )
        )
    return table


def _error_table(rows):
    from rich.table import Table
    from rich.text import Text

    table = Table("When", "Input")
    table.add_column("Code", no_wrap=True, min_width=len("unsupported_language"))
    table.add_column("Error")
    for e in rows:
        table.add_row(*map(Text, (e.at[:19], e.origin or e.input_id or "", e.code, e.message)))
    return table

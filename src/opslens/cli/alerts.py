"""`opslens alerts`: the alerts the watchlist's rules raised, newest first."""

from __future__ import annotations

import dataclasses
import json
import re
import sys
from enum import StrEnum
from typing import Annotated

import typer

from opslens.cli.common import chosen, one_line_errors, options, out, plain, plural
from opslens.errors import ConfigError

DAY = re.compile(r"\d{4}-\d\d-\d\d")


class AlertsFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"


@one_line_errors
def command(
    since: Annotated[
        str | None, typer.Option("--since", help="Alerts raised on or after this day (YYYY-MM-DD).")
    ] = None,
    rule: Annotated[str | None, typer.Option("--rule", help="Alerts of this rule only (its name).")] = None,
    undelivered: Annotated[
        bool, typer.Option("--undelivered", help="Only the alerts the webhook has not taken yet.")
    ] = False,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many, newest first.")] = 100,
    fmt: Annotated[
        AlertsFormat | None,
        typer.Option("--format", "-f", help="table (default on a terminal) or jsonl (default otherwise)."),
    ] = None,
    db: Annotated[str | None, typer.Option("--db", help=plain("Store URL or SQLite file [env OPSLENS_DB]."))] = None,
) -> None:
    """List the alerts watch rules raised (opslens analyze, link or watch with --rules).

    Example: opslens alerts --since 2022-01-01 --rule "UK-Russia force"
    """
    from opslens.link.deliver import list_alerts
    from opslens.store import open_store

    if since and not DAY.fullmatch(since):
        raise ConfigError(f"--since takes a day as YYYY-MM-DD, not {since!r}")
    with open_store(options(db=db).store_url, create=False) as store:
        rows = list_alerts(store, since=since, rule=rule, undelivered=undelivered, limit=limit)
    form = chosen(fmt, AlertsFormat.table, AlertsFormat.jsonl)
    if form is AlertsFormat.jsonl:
        for row in rows:
            sys.stdout.write(json.dumps(dataclasses.asdict(row), ensure_ascii=False) + "\n")
        return
    from rich.table import Table
    from rich.text import Text

    out.print(Text(plural(len(rows), "alert")), soft_wrap=True)
    table = Table("Id", "Raised", "Rule", "Message", "Delivered")
    for a in rows:
        delivered = a.delivered_at[:19] if a.delivered_at else "—" if not a.attempts else f"no: {a.last_error}"
        table.add_row(*map(Text, (str(a.id), a.at[:19], a.rule, a.message, delivered)))
    out.print(table)

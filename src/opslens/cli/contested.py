"""`opslens contested`: claims and what contests them (denials, rejections), both sides' evidence."""

from __future__ import annotations

from typing import Annotated

import typer

from opslens.cli.common import chosen, one_line_errors, options, out, plain, plural, write_jsonl
from opslens.cli.list import ListFormat


@one_line_errors
def command(
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many contests, latest claim first.")] = 50,
    fmt: Annotated[
        ListFormat | None,
        typer.Option("--format", "-f", help="table (default on a terminal) or jsonl (default otherwise)."),
    ] = None,
    db: Annotated[str | None, typer.Option("--db", help=plain("Store URL or SQLite file [env OPSLENS_DB]."))] = None,
) -> None:
    """List contested claims: each claim with the denial or rejection that contests it, and both sides' evidence.

    Example: opslens contested --format jsonl
    """
    from opslens.link.listing import contests
    from opslens.store import open_store

    form = chosen(fmt, ListFormat.table, ListFormat.jsonl)
    with open_store(options(db=db).store_url, create=False) as store:
        rows = contests(store, limit=limit)
        where = store.url
    if form is ListFormat.jsonl:
        write_jsonl(rows)
        return
    from rich.table import Table
    from rich.text import Text

    out.print(Text(f"{plural(len(rows), 'contested claim')} in {where}"), soft_wrap=True)
    table = Table("Kind", "Claim", "Contested by", "Why")
    for row in rows:
        table.add_row(*map(Text, (row["kind"], _side(row["claim"]), _side(row["counter"]), row["why"])))
    out.print(table)


def _side(merged: dict) -> str:
    lines = [f"{merged['id']} {merged['plover']} {merged['date'] or ''}".strip()]
    lines += [f"{r['article']}: “{r['evidence']['text'][:200]}”" for r in merged["reports"][:3]]
    return "\n".join(lines)

"""`opslens show`: one stored analysis."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from opslens.cli.common import Format, chosen, one_line_errors, options, out, plain


@one_line_errors
def command(
    ref: Annotated[str, typer.Argument(help="Row id, article id, or a sha256 prefix (8+ characters).")],
    fmt: Annotated[
        Format | None,
        typer.Option("--format", "-f", help="brief (default on a terminal), json (default otherwise), jsonl, md."),
    ] = None,
    db: Annotated[str | None, typer.Option("--db", help=plain("Store URL or SQLite file [env OPSLENS_DB]."))] = None,
) -> None:
    """Show one stored analysis.

    Example: opslens show 1 --format md
    """
    from opslens.render import markdown, terminal
    from opslens.store import open_store

    opts = options(db=db)
    with open_store(opts.store_url, create=False) as store:
        analysis = store.get(ref)
    form = chosen(fmt, Format.brief, Format.json)
    if form is Format.brief:
        terminal.render(analysis, out)
    elif form is Format.md:
        sys.stdout.write(markdown.render(analysis))
    else:
        sys.stdout.write(
            json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2 if form is Format.json else None) + "\n"
        )

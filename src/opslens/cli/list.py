"""`opslens list`: what the store holds."""

from __future__ import annotations

from typing import Annotated, Optional

import typer
from rich.table import Table

from opslens.batch import db_url
from opslens.cli.common import one_line_errors, options, out
from opslens.store import open_store


@one_line_errors
def command(
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many articles, newest analysed first.")] = 50,
    errors: Annotated[bool, typer.Option("--errors", help="List the inputs that failed instead.")] = False,
    db: Annotated[Optional[str], typer.Option("--db", help="Store URL or SQLite file [env OPSLENS_DB].")] = None,
) -> None:
    """List stored articles (or failed inputs).

    Example: opslens list --limit 10
    """
    opts = options(db=db)
    with open_store(db_url(opts.db), create=False) as store:
        if errors:
            rows = store.errors(limit=limit)
            table = Table("When", "Input", title=f"{len(rows)} failed inputs", title_justify="left")
            table.add_column("Code", no_wrap=True, min_width=len("unsupported_language"))
            table.add_column("Error")
            for e in rows:
                table.add_row(str(e.at)[:19], e.origin or e.input_id or "", e.code, e.message)
        else:
            rows = store.list_articles(limit=limit)
            table = Table("Row", "Published", "Title", "Entities", "Analysed", "Article id", title=f"{store.count()} articles in {opts.db}", title_justify="left")
            for a in rows:
                table.add_row(str(a.id), a.published_value or "—", a.title or "(untitled)", str(a.n_entities), str(a.analysed_at)[:19], a.article_id)
    out.print(table)

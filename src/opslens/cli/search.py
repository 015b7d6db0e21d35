"""`opslens search`: full-text search over the stored articles' titles and texts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from opslens.cli.common import chosen, one_line_errors, options, out, plain, plural, write_jsonl
from opslens.cli.list import ListFormat

if TYPE_CHECKING:
    from opslens.search import SearchPage

HIGHLIGHT = "bold yellow"


@one_line_errors
def command(
    query: Annotated[
        str,
        typer.Argument(
            help=plain('Words (all must match), "a phrase", a OR b, -word to leave out (after --, if first).')
        ),
    ],
    outlet: Annotated[str | None, typer.Option("--outlet", help="Only this outlet (any case).")] = None,
    country: Annotated[
        str | None, typer.Option("--country", help="Only articles about this country (ISO alpha-3, e.g. RUS).")
    ] = None,
    plover: Annotated[
        str | None, typer.Option("--plover", help="Only articles with an event of this PLOVER category.")
    ] = None,
    since: Annotated[str | None, typer.Option("--since", help="Published on or after (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Published on or before (YYYY[-MM[-DD]]).")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many articles, best match first.")] = 20,
    fmt: Annotated[
        ListFormat | None,
        typer.Option(
            "--format", "-f", help="table (default on a terminal) or jsonl (default otherwise: one hit a line)."
        ),
    ] = None,
    db: Annotated[str | None, typer.Option("--db", help=plain("Store URL or SQLite file [env OPSLENS_DB]."))] = None,
) -> None:
    """Search the stored articles' titles and texts, best match first.

    Example: opslens search '"foreign minister" Lavrov -rumour' --country RUS --since 2022-01
    """
    from opslens.search import SearchQuery, search
    from opslens.store import open_store

    asked = SearchQuery(query, outlet, country, plover, since, until, limit)
    form = chosen(fmt, ListFormat.table, ListFormat.jsonl)
    with open_store(options(db=db).store_url, create=False) as store:
        page = search(store, asked)
        where = store.url
    if form is ListFormat.jsonl:
        write_jsonl(hit.to_json() for hit in page.items)
        return
    from rich.text import Text

    shown = len(page.items)
    head = plural(page.total, "article") if shown == page.total else f"{shown} of {plural(page.total, 'article')}"
    verb = "matches" if page.total == 1 else "match"
    out.print(Text(f"{head} {verb} {query!r} in {where}"), soft_wrap=True)
    if page.items:
        out.print(hit_table(page))


def hit_table(page: SearchPage):
    from rich.table import Table
    from rich.text import Text

    table = Table("Title", "Outlet", "Day", "Snippet", show_lines=True)
    for hit in page.items:
        snippet = Text()
        for piece, lit in hit.snippet:  # appended as text: an article's own "[b]" or "<b>" is no markup
            snippet.append(piece, style=HIGHLIGHT if lit else "")
        day = (hit.published or "")[:10] or "—"
        table.add_row(Text(hit.title or "(untitled)"), Text(hit.outlet or "—"), Text(day), snippet)
    return table

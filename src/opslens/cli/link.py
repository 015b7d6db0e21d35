"""`opslens link`: link the stored articles across the store (what `analyze` does after each batch)."""

from __future__ import annotations

from typing import Annotated

import typer

from opslens.cli.common import err, one_line_errors, options, plain

Db = Annotated[
    str | None, typer.Option("--db", help=plain("Store URL or SQLite file [env OPSLENS_DB; default ./opslens.db]."))
]
Rebuild = Annotated[
    bool,
    typer.Option(
        "--rebuild",
        help="Empty the linking layer and link every stored article again (entity decisions and alerts are kept).",
    ),
]

Rules = Annotated[
    str | None,
    typer.Option("--rules", help=plain("Alert rules (a TOML file) to check [env OPSLENS_RULES]."), show_default=False),
]


@one_line_errors
def command(db: Db = None, rebuild: Rebuild = False, rules: Rules = None) -> None:
    """Link stored articles across the store: wire copies, entities, stories, merged events, contested claims.

    Example: opslens link --rebuild
    """
    from opslens.link import update
    from opslens.link.rules import watchlist
    from opslens.store import open_store

    opts = options(db=db, rules=rules)
    watch = watchlist(opts)
    with open_store(opts.store_url, create=False) as store:
        report = update(store, rebuild=rebuild, watchlist=watch)
    found = ", ".join(
        f"{kind.replace('_', ' ')} {n}" for kind, n in sorted(report.counts.items()) if kind != "articles"
    )
    err.print(
        f"linked {report.counts['articles']} article(s){' (rebuilt)' if rebuild else ''}"
        + (f": {found}" if found else ""),
        markup=False,
        highlight=False,
    )
    for note in report.notes:
        err.print(note, markup=False, highlight=False)
    for alert in report.alerts:
        err.print(f"alert: {alert.message}", markup=False, highlight=False)

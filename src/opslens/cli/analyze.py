"""`opslens analyze`: analyse articles, store them, print the results."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from opslens import batch
from opslens.cli.common import Format, default_format, err, one_line_errors, options, out
from opslens.ingest import count_hint
from opslens.model import Analysis, ErrorRecord
from opslens.render import markdown, terminal

PROGRESS_FROM = 4  # batches of more than a few articles show a progress bar


@one_line_errors
def command(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, http(s) URLs, or - for stdin.", show_default=False)],
    published: Annotated[Optional[str], typer.Option("--published", help="Date for articles whose input has none (YYYY-MM-DD).")] = None,
    fmt: Annotated[Optional[Format], typer.Option("--format", "-f", help="brief (default on a terminal), json, jsonl (default otherwise), md.")] = None,
    db: Annotated[Optional[str], typer.Option("--db", help="Store URL or SQLite file [env OPSLENS_DB; default ./opslens.db].")] = None,
    store: Annotated[Optional[bool], typer.Option("--store/--no-store", help="Write analyses to the store [default: store].")] = None,
    allow_private: Annotated[Optional[bool], typer.Option("--allow-private", help="Allow URLs on private or loopback addresses.")] = None,
    fast: Annotated[Optional[bool], typer.Option("--fast", help="Attributions by the rules alone, without the learned taggers: faster, less accurate [env OPSLENS_ATTRIBUTION_TAGGERS=false].")] = None,
    follow: Annotated[Optional[bool], typer.Option("--follow/--no-follow", help="Feeds: fetch each entry's link and analyse the page, or (--no-follow) the entry's own content or summary [env OPSLENS_FOLLOW_LINKS; default: follow].")] = None,
) -> None:
    """Analyse news articles: who did what to whom, when, where, according to whom.

    Example: opslens analyze --published 2022-01-23 examples/seed-article.txt
    """
    opts = options(published=published, db=db, store=store, allow_private=allow_private,
                   attribution_taggers=False if fast else None, follow_links=follow)
    form = default_format(fmt)
    emit = _emitter(form)
    stdin = sys.stdin.buffer if "-" in inputs else None
    total = count_hint(inputs)
    with _progress(total) as progress:
        task = progress.add_task("analysing", total=total)

        def on_result(result):
            if isinstance(result, ErrorRecord):
                progress.console.print(f"[red]error[/red] {result.origin or result.id}: {result.error}", markup=True, highlight=False)
            emit.send(result)
            progress.advance(task)

        report = batch.run(inputs, opts, on_result, stdin=stdin)
    emit.close()
    if report.failed:
        total = report.analysed + report.failed
        rest = "" if not report.analysed else "; the others were analysed" + (" and stored" if opts.store else "")
        err.print(f"{report.failed} of {total} inputs failed{rest}")
        raise typer.Exit(1)


def _progress(total: int | None) -> Progress:
    show = err.is_terminal and (total is None or total >= PROGRESS_FROM)
    return Progress(
        TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, disable=not show, transient=True,
    )


def _emitter(form: Format):
    """A generator that receives results and writes them in the chosen format."""
    if form is Format.jsonl:
        gen = _jsonl()
    elif form is Format.json:
        gen = _json()
    elif form is Format.md:
        gen = _md()
    else:
        gen = _brief()
    next(gen)
    return gen


def _as_dict(result) -> dict:
    return result.to_dict()


def _jsonl():
    while True:
        result = yield
        sys.stdout.write(json.dumps(_as_dict(result), ensure_ascii=False) + "\n")
        sys.stdout.flush()


def _json():
    results = []
    try:
        while True:
            results.append(_as_dict((yield)))
    except GeneratorExit:
        doc = results[0] if len(results) == 1 else results
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


def _md():
    first = True
    while True:
        result = yield
        if isinstance(result, Analysis):
            sys.stdout.write(("" if first else "\n---\n\n") + markdown.render(result))
            first = False


def _brief():
    while True:
        result = yield
        if isinstance(result, Analysis):
            terminal.render(result, out)

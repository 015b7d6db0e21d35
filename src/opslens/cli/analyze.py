"""`opslens analyze`: analyse articles, store them, print the results."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from opslens.cli.common import Format, default_format, err, one_line_errors, options, out, plain, plural

if TYPE_CHECKING:
    from rich.progress import Progress

    from opslens.pipeline.batch import BatchReport

PROGRESS_FROM = 4  # batches of more than a few articles show a progress bar


# The command's arguments, one alias each, so that its signature reads at a glance.
Inputs = Annotated[list[str], typer.Argument(help="Files, folders, http(s) URLs, or - for stdin.", show_default=False)]
Published = Annotated[
    str | None, typer.Option("--published", help="Date for articles whose input has none (YYYY-MM-DD).")
]
Form = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        help="brief (default on a terminal), jsonl (default otherwise: one analysis per line), json (one array), md.",
    ),
]
Db = Annotated[
    str | None, typer.Option("--db", help=plain("Store URL or SQLite file [env OPSLENS_DB; default ./opslens.db]."))
]
Store = Annotated[
    bool | None, typer.Option("--store/--no-store", help=plain("Write analyses to the store [default: store]."))
]
AllowPrivate = Annotated[
    bool | None, typer.Option("--allow-private", help="Allow URLs on private or loopback addresses.")
]
Fast = Annotated[
    bool | None,
    typer.Option(
        "--fast",
        help=plain(
            "Attributions by the rules alone, without the learned taggers: faster, less accurate "
            "[env OPSLENS_ATTRIBUTION_TAGGERS=false]."
        ),
    ),
]
Force = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Analyse again inputs the store already holds, analysed by this version "
        "(by default they are taken from the store).",
    ),
]
Rules = Annotated[
    str | None,
    typer.Option(
        "--rules",
        help=plain("Alert rules (a TOML file) checked on every stored batch [env OPSLENS_RULES]."),
        show_default=False,
    ),
]
Follow = Annotated[
    bool | None,
    typer.Option(
        "--follow/--no-follow",
        help=plain(
            "Feeds: fetch each entry's link and analyse the page, or (--no-follow) the entry's own content or "
            "summary [env OPSLENS_FOLLOW_LINKS; default: follow]."
        ),
    ),
]


@one_line_errors
def command(
    inputs: Inputs,
    published: Published = None,
    fmt: Form = None,
    db: Db = None,
    store: Store = None,
    allow_private: AllowPrivate = None,
    fast: Fast = None,
    force: Force = False,
    follow: Follow = None,
    rules: Rules = None,
) -> None:
    """Analyse news articles: who did what to whom, when, where, according to whom.

    Example: opslens analyze --published 2022-01-23 examples/seed-article.txt
    """
    from opslens.pipeline import batch

    opts = options(
        published=published,
        db=db,
        store=store,
        allow_private=allow_private,
        attribution_taggers=False if fast else None,
        follow_links=follow,
        rules=rules,
    )
    emit = _emitter(default_format(fmt))
    stdin = sys.stdin.buffer if "-" in inputs else None
    with _progress(inputs) as advance:
        report = batch.run(inputs, opts, lambda result: advance(emit, result), stdin=stdin, force=force)
    emit.close()
    for line in summary(report, opts.store):
        err.print(line, markup=False, highlight=False)
    if not report.ok:
        raise typer.Exit(1)


def summary(report: BatchReport, stored: bool) -> list[str]:
    """What the user should know once the batch is done, one line each."""
    from opslens.ingest.folder import describe_extensions, describe_skipped

    lines = []
    if report.skipped:
        lines.append(f"{describe_skipped(report.skipped)}; article files end in {describe_extensions()}")
    if report.reused:
        lines.append(
            f"{plural(report.reused, 'article')} already analysed by this version came from the store "
            "(--force analyses them again)"
        )
    if report.incomplete:
        lines.append(
            f"{plural(report.incomplete, 'analysis')} incomplete: a stage failed on "
            f"{'it' if report.incomplete == 1 else 'them'} (pipeline.failed names it; please report it)"
            + ("; what the other stages found was stored" if stored else "")
        )
    if report.linked:
        lines += [f"alert: {alert.message}" for alert in report.linked.alerts]
        if waiting := report.linked.counts["alerts_undelivered"]:
            lines.append(
                f"{plural(waiting, 'alert')} not delivered to the webhook: kept, sent at the next run "
                "(opslens alerts --undelivered)"
            )
    if report.link_error:
        lines.append(
            f"linking across the store failed ({report.link_error}); the analyses are stored: run opslens link"
        )
    if report.failed:
        total = report.analyzed + report.reused + report.failed
        rest = "" if total == report.failed else "; the others were analysed" + (" and stored" if stored else "")
        lines.append(f"{report.failed} of {plural(total, 'input')} failed{rest}")
    return lines


@contextmanager
def _progress(inputs: list[str]) -> Iterator[Callable]:
    """The bar, and what to do with each result: report an error record on stderr, hand the
    result to the writer, advance the bar."""
    from opslens.contract import ErrorRecord
    from opslens.ingest import count_hint

    total = count_hint(inputs)
    with _bar(total) as progress:
        task = progress.add_task("analysing", total=total)

        def advance(emit, result) -> None:
            if isinstance(result, ErrorRecord):
                where = escape(result.origin or result.id)
                progress.console.print(
                    f"[red]error[/red] {where}: {escape(result.error)}", markup=True, highlight=False
                )
            emit.send(result)
            progress.advance(task)

        yield advance


def _bar(total: int | None) -> Progress:
    """A bar on stderr while the results go to a file or a pipe. On a terminal the results show
    the progress themselves, and a bar redrawn between them would garble both. The bar never
    takes stdout over (rich's default): the results always go to stdout, whatever is a terminal."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    show = err.is_terminal and not sys.stdout.isatty() and (total is None or total >= PROGRESS_FROM)
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=not show,
        transient=True,
        redirect_stdout=False,
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
    """One JSON array, whatever the number of inputs, so that a reader needs one shape. Each
    result is written as it comes: nothing is held back until the end of the batch."""
    first = True
    try:
        while True:
            text = json.dumps(_as_dict((yield)), ensure_ascii=False, indent=2)
            sys.stdout.write(("[\n" if first else ",\n") + text)
            sys.stdout.flush()
            first = False
    except GeneratorExit:
        sys.stdout.write("[]\n" if first else "\n]\n")


def _md():
    from opslens.contract import Analysis
    from opslens.render import markdown

    first = True
    while True:
        result = yield
        if isinstance(result, Analysis):
            sys.stdout.write(("" if first else "\n---\n\n") + markdown.render(result))
            first = False


def _brief():
    from opslens.contract import Analysis
    from opslens.render import terminal

    while True:
        result = yield
        if isinstance(result, Analysis):
            terminal.render(result, out)

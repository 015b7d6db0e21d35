"""`opslens watch`: poll feeds, analyse the new entries, link them, fire and print the alerts."""

from __future__ import annotations

import json
import signal
import sys
import threading
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from opslens.cli.common import chosen, err, one_line_errors, options, out, plain, plural

if TYPE_CHECKING:
    from opslens.link.watch import PollReport


class WatchFormat(StrEnum):
    text = "text"
    jsonl = "jsonl"


Feeds = Annotated[list[str], typer.Argument(help="Feed URLs or feed files to poll.", show_default=False)]
Every = Annotated[str, typer.Option("--every", help="Time between polls: 30s, 15m, 1h.")]
Rules = Annotated[
    str | None, typer.Option("--rules", help=plain("Alert rules, a TOML file [env OPSLENS_RULES]."), show_default=False)
]
Webhook = Annotated[
    str | None,
    typer.Option(
        "--webhook", help=plain("POST each new alert as JSON to this URL [env OPSLENS_WEBHOOK]."), show_default=False
    ),
]
Once = Annotated[bool, typer.Option("--once", help="Poll once and exit (for cron).")]
Db = Annotated[str | None, typer.Option("--db", help=plain("Store URL or SQLite file [env OPSLENS_DB]."))]
AllowPrivate = Annotated[
    bool | None, typer.Option("--allow-private", help="Allow feeds and links on private or loopback addresses.")
]
Form = Annotated[
    WatchFormat | None,
    typer.Option("--format", "-f", help="Alerts on stdout: text (default on a terminal) or jsonl (default otherwise)."),
]


@one_line_errors
def command(
    feeds: Feeds,
    every: Every = "15m",
    rules: Rules = None,
    webhook: Webhook = None,
    once: Once = False,
    db: Db = None,
    allow_private: AllowPrivate = None,
    fmt: Form = None,
) -> None:
    """Poll feeds, analyse only their new entries, link them and raise the alerts of the rules.

    The state is in the store: a restart analyses nothing twice and raises no alert twice.
    Ctrl-C (SIGINT) or SIGTERM stops after the current article.

    Example: opslens watch https://example.org/world.rss --every 15m --rules watch.toml
    """
    from opslens.link.watch import parse_every, watch

    seconds = parse_every(every)
    opts = options(db=db, rules=rules, webhook=webhook, allow_private=allow_private)
    form = chosen(fmt, WatchFormat.text, WatchFormat.jsonl)
    stop = threading.Event()
    failed = []

    def on_poll(report: PollReport) -> None:
        _print(report, form)
        failed.append(bool(report.feed_errors or report.failed))

    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        watch(feeds, opts, every=seconds, once=once, stop=stop, on_poll=on_poll, on_result=_on_result)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if stop.is_set():
        err.print("stopped", markup=False, highlight=False)
    if once and failed and failed[-1]:
        raise typer.Exit(1)


def _on_result(result) -> None:
    from opslens.contract import ErrorRecord

    if isinstance(result, ErrorRecord):
        err.print(f"error {result.origin or result.id}: {result.error}", markup=False, highlight=False)
    else:
        art = result.article
        err.print(f"analysed {art.title or art.url or art.id}", markup=False, highlight=False)


def _print(report: PollReport, form: WatchFormat) -> None:
    from datetime import UTC, datetime

    for problem in report.feed_errors:
        err.print(f"feed error {problem}", markup=False, highlight=False)
    for note in report.notes:
        err.print(note, markup=False, highlight=False)
    for alert in report.alerts:
        if form is WatchFormat.jsonl:
            line = {"id": alert.id, "rule": alert.rule, "subject": alert.subject, "message": alert.message}
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            out.print(f"ALERT {alert.message}", markup=False, highlight=False, soft_wrap=True)
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%SZ")
    err.print(
        f"{now} poll: {report.new} new entries, {report.seen} seen before, {report.analysed} analysed, "
        f"{report.failed} failed, {plural(len(report.alerts), 'alert')}",
        markup=False,
        highlight=False,
    )

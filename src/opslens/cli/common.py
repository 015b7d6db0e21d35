"""What every command shares: consoles, the settings object, and turning errors into one line.

Command modules import only this, typer and the standard library at the top: `--help` and
`--version` must not wait for spaCy, SQLAlchemy or pydantic. What a command needs is imported
when it runs.

rich reads square brackets as markup and `:name:` as an emoji: text that is not ours (a file
name, an error message, an article's title or names) goes to the consoles as `Text` or escaped
(`escape`), never as a markup string; help texts are markup to typer, so they go through `plain`.
"""

from __future__ import annotations

import functools
import json
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from opslens.errors import OpsLensError

if TYPE_CHECKING:
    from opslens.settings import Options

F = TypeVar("F", bound=StrEnum)

out = Console(highlight=False, emoji=False, soft_wrap=False)
err = Console(stderr=True, highlight=False, emoji=False, soft_wrap=True)  # one error, one line


def plain(help_text: str) -> str:
    """A help text as typer (rich markup mode) shows it word for word: "[env OPSLENS_DB]" stays."""
    return escape(help_text)


class Format(StrEnum):
    brief = "brief"
    json = "json"
    jsonl = "jsonl"
    md = "md"


def default_format(fmt: Format | None) -> Format:
    return fmt or (Format.brief if sys.stdout.isatty() else Format.jsonl)


def chosen(fmt: F | None, terminal: F, piped: F) -> F:
    """The format asked for, else one for people on a terminal and one for programs otherwise."""
    return fmt or (terminal if sys.stdout.isatty() else piped)


def write_jsonl(rows) -> None:
    """One JSON object per line on stdout."""
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


def options(**flags) -> Options:
    from opslens.settings import load_options

    return load_options(**flags)


def plural(n: int, noun: str) -> str:
    """'1 article', '3 articles', '2 analyses'."""
    if n == 1:
        return f"{n} {noun}"
    return f"{n} {noun[:-2]}es" if noun.endswith("is") else f"{n} {noun}s"


def fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[bold red]opslens: error:[/] {escape(message)}", markup=True, highlight=False)
    return typer.Exit(code)


def one_line_errors(fn):
    """Library errors become one clear line on stderr and exit status 2."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except OpsLensError as exc:
            raise fail(str(exc)) from None

    return wrapper

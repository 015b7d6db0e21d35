"""What every command shares: consoles, the settings object, and turning errors into one line."""

from __future__ import annotations

import functools
import sys
from enum import Enum

import typer
from rich.console import Console

from opslens.errors import OpsLensError
from opslens.settings import Options

out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)  # one error, one line


class Format(str, Enum):
    brief = "brief"
    json = "json"
    jsonl = "jsonl"
    md = "md"


def default_format(fmt: Format | None) -> Format:
    return fmt or (Format.brief if sys.stdout.isatty() else Format.jsonl)


def options(**flags) -> Options:
    try:
        return Options().with_overrides(**flags)
    except Exception as exc:  # pydantic validation of env vars / config file
        raise OpsLensError(f"bad settings: {exc}") from exc


def fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[bold red]opslens: error:[/] {message}", markup=True)
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

"""Rows of bench/RESULTS.md: each benchmark appends one table row per measure under its heading,
starting the table (heading and column names) the first time."""

from __future__ import annotations

import datetime as dt
import platform
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "RESULTS.md"


def commit() -> str:
    out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return out.stdout.strip() or "?"


def append(heading: str, columns: list[str], rows: list[list[str]]) -> None:
    """Each row, after the date, commit and host columns every table opens with, after the last
    row under the heading (the readings written below a table stay where they are)."""
    lines = RESULTS.read_text(encoding="utf-8").splitlines()
    head = ["date", "commit", "host", *columns]
    if heading not in lines:
        lines += ["", heading, "", f"| {' | '.join(head)} |", f"|{'---|' * len(head)}"]
    opening = [str(dt.date.today()), commit(), f"{platform.machine()} {platform.python_version()}"]
    at = _table_end(lines, lines.index(heading))
    lines[at:at] = [f"| {' | '.join(opening + row)} |" for row in rows]
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _table_end(lines: list[str], heading: int) -> int:
    """The line after the heading's last table row (its section may hold several tables and readings)."""
    end = next((i for i in range(heading + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    return 1 + max(i for i in range(heading, end) if lines[i].startswith("|"))

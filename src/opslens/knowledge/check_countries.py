"""Validate countries.tsv: stand-alone, needs only pycountry.

    python -m opslens.knowledge.check_countries [path/to/countries.tsv]

Checks: UTF-8; 6 tab-separated cells per data row; iso3 known to pycountry or one of the
allowed non-ISO codes; no duplicate iso3; rows sorted by iso3; non-empty names; no empty or
padded list items; no form starting with "the "; and no surface form (name, alias, demonym,
capital, metonym) in two rows, compared as the lookup compares them (straight quotes, no
leading "the", no possessive, case-insensitive). Exits 1 on any error.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import pycountry

from opslens.knowledge import resource
from opslens.knowledge.countries import COLUMNS, normalize

EXTRA = {"XKX": "Kosovo", "SUN": "Soviet Union", "YUG": "Yugoslavia", "CSK": "Czechoslovakia"}
# A historical row may repeat its successor's capital; the successor sorts first and wins lookup.
SHARED_CAPITALS = {("RUS", "SUN"), ("SRB", "YUG")}


def lookup_key(form: str) -> str:
    """The lookup's own normalisation, case-folded: two rows clash when their keys do."""
    return normalize(form).casefold()


Rows = list[tuple[int, list[str]]]
Owners = dict[str, dict[str, list[tuple[str, str]]]]


def check(path: Path) -> int:
    """Print every error and a summary; 0 when the file is valid, else 1."""
    errors: list[str] = []
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        print(f"ERROR: {path} is not UTF-8: {e}")
        return 1
    known = {c.alpha_3 for c in pycountry.countries}
    rows = _rows(text, errors)
    seen, owners, counts = _check_rows(rows, known, errors)
    order = [cells[0] for _, cells in rows]
    if order != sorted(order):
        errors.append("rows are not sorted by iso3")
    missing = sorted(known - set(seen))
    if missing:
        errors.append(f"ISO 3166-1 codes without a row: {', '.join(missing)}")
    notes = _clashes(owners, errors)
    for error in errors:
        print(f"ERROR: {error}")
    for note in notes:
        print(f"note: {note}")
    iso_rows = sum(1 for c in seen if c in known)
    print(
        f"{path.name}: {len(rows)} rows ({iso_rows} of {len(known)} ISO 3166-1 codes from pycountry "
        f"{getattr(pycountry, '__version__', '?')}, {len(seen) - iso_rows} extra); "
        + ", ".join(f"{v} {k}" for k, v in counts.items())
        + f"; {len(owners)} distinct lookup keys; {len(errors)} error(s)"
    )
    return 1 if errors else 0


def _rows(text: str, errors: list[str]) -> Rows:
    """The data rows with their line numbers; a row with the wrong number of cells is an error."""
    rows: Rows = []
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if tuple(cells) == COLUMNS:
            continue
        if len(cells) != len(COLUMNS):
            errors.append(f"line {n}: {len(cells)} cells, expected {len(COLUMNS)}")
            continue
        rows.append((n, cells))
    return rows


def _check_rows(rows: Rows, known: set[str], errors: list[str]) -> tuple[dict[str, int], Owners, dict[str, int]]:
    """Each row's cells checked; the first line of each iso3, who owns each lookup key, and how
    many forms each column holds."""
    seen: dict[str, int] = {}
    owners: Owners = defaultdict(lambda: defaultdict(list))
    counts = dict.fromkeys(COLUMNS[1:], 0)
    for n, cells in rows:
        iso3, name = cells[0], cells[1]
        if cells != [c.strip() for c in cells]:
            errors.append(f"line {n}: cell with leading/trailing whitespace")
        if iso3 not in known and iso3 not in EXTRA:
            errors.append(f"line {n}: {iso3!r} is neither in pycountry nor an allowed extra code")
        if iso3 in seen:
            errors.append(f"line {n}: duplicate iso3 {iso3} (first on line {seen[iso3]})")
        seen.setdefault(iso3, n)
        if not name:
            errors.append(f"line {n}: {iso3} has no name")
        for col, cell in zip(COLUMNS[1:], cells[1:]):
            items = ([name] if name else []) if col == "name" else cell.split("|") if cell else []
            for item in items:
                _check_item(n, iso3, col, cell, item, errors)
                if item and item == item.strip():
                    counts[col] += 1
                    owners[lookup_key(item)][iso3].append((col, item))
    return seen, owners, counts


def _check_item(n: int, iso3: str, col: str, cell: str, item: str, errors: list[str]) -> None:
    if not item or item != item.strip():
        errors.append(f"line {n}: {iso3} {col} has an empty or padded item: {cell!r}")
    elif item.lower().startswith("the "):
        errors.append(f"line {n}: {iso3} {col} {item!r} starts with 'the'")


def _clashes(owners: Owners, errors: list[str]) -> list[str]:
    """A form in two rows is an error, but a historical row's shared capital (a note)."""
    notes = []
    for key, by_row in sorted(owners.items()):
        if len(by_row) < 2:
            continue
        pair = tuple(sorted(by_row))
        cols = {col for uses in by_row.values() for col, _ in uses}
        uses = "; ".join(
            f"{iso3}: " + ", ".join(f"{col} {item!r}" for col, item in u) for iso3, u in sorted(by_row.items())
        )
        if pair in SHARED_CAPITALS and cols == {"capital"}:
            notes.append(f"shared capital (allowed, {pair[0]} wins lookup): {uses}")
        else:
            errors.append(f"form {key!r} is in more than one row: {uses}")
    return notes


if __name__ == "__main__":
    default = Path(str(resource("countries.tsv")))
    sys.exit(check(Path(sys.argv[1]) if len(sys.argv) > 1 else default))

"""What OpsLens knows, read from the data files of `opslens/lexicons/`: the only code that reads them.

The lexicons are tab-separated files with `#` comment headers (each states its origin and
licence), read once per process; the modules of this package turn them into lookups (countries,
organisations, titles, the gazetteer, time words). `lexicon_digest()` fingerprints every data
file, so an analysis records which knowledge produced it.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

DATA_SUFFIXES = (".tsv", ".txt", ".csv", ".md", ".crfsuite", ".npz")  # every file of knowledge, code aside
DATA_NAMES = ("LICENSE",)  # a copied folder's licence (petrarch2/)


def resource(*parts: str) -> Traversable:
    """A file (or folder) of the lexicons: resource("models", "attribution-cue.crfsuite")."""
    return resources.files("opslens").joinpath("lexicons", *parts)


def read_text(name: str) -> str:
    return resource(name).read_text(encoding="utf-8")


def _text(name: str) -> str:
    return read_text(name)


@cache
def read_tsv(name: str, columns: tuple[str, ...] | None = None) -> tuple[dict[str, str], ...]:
    """Rows of a lexicon as dicts keyed by `columns`, or by its header line (the first
    non-comment line). A header line equal to `columns` is skipped."""
    rows: list[dict[str, str]] = []
    header: list[str] | None = list(columns) if columns else None
    for line in _text(name).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        if cells[0].strip() == header[0]:
            continue
        cells += [""] * (len(header) - len(cells))
        rows.append(dict(zip(header, (c.strip() for c in cells))))
    return tuple(rows)


def split_list(cell: str) -> list[str]:
    return [x.strip() for x in cell.split("|") if x.strip()]


def files() -> list[str]:
    """Every data file of the lexicons, models included, by path relative to this folder, sorted."""
    root = resource()
    found, folders = [], [(root, "")]
    while folders:
        folder, prefix = folders.pop()
        for entry in folder.iterdir():
            if entry.is_dir() and not entry.name.startswith(("_", ".")):
                folders.append((entry, f"{prefix}{entry.name}/"))
            elif entry.name.endswith(DATA_SUFFIXES) or entry.name in DATA_NAMES:
                found.append(prefix + entry.name)
    return sorted(found)


@cache
def lexicon_digest() -> str:
    """Fingerprint of every data file (name and content): a new or edited file is a new version."""
    h = hashlib.sha256()
    root = resource()
    for name in files():
        h.update(name.encode("utf-8") + b"\0")
        h.update(root.joinpath(name).read_bytes())
    return h.hexdigest()[:12]

"""Folders: every article file below, depth first, sorted by name, hidden entries skipped.

Symlinked folders are not followed (a link back up the tree would never end). Files with other
extensions are skipped: a folder of articles often carries notes, images and scripts too.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from opslens.ingest.text import EXTENSIONS, kind_for_path, unreadable


def walk(folder: Path) -> Iterator[Path | Exception]:
    """Article files, or the error that stopped a sub-folder from being listed, in order."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield unreadable(folder, exc)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from walk(path)
        elif kind_for_path(path) and entry.is_file():
            yield path


def describe_extensions() -> str:
    return " ".join(sorted(EXTENSIONS))

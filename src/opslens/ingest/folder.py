"""Folders: every article file below, depth first, sorted by name, hidden entries skipped.

Symlinked folders are not followed (a link back up the tree would never end). Files with other
extensions are skipped, and counted so that the run can say so: a folder of articles often
carries notes, images and scripts too.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from opslens.ingest.text import EXTENSIONS, kind_for_path, unreadable


def walk(folder: Path, skipped: list[Path] | None = None) -> Iterator[Path | Exception]:
    """Article files, or the error that stopped a sub-folder from being listed, in order. Files
    of other kinds are added to `skipped`, so that the user can be told."""
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
            yield from walk(path, skipped)
        elif kind_for_path(path) and entry.is_file():
            yield path
        elif skipped is not None and entry.is_file():
            skipped.append(path)


def describe_skipped(paths: list[Path]) -> str:
    """'skipped 3 files in folders that are not article files (.png 2, .py 1)'."""
    kinds = Counter(p.suffix.lower() or "no extension" for p in paths)
    listed = ", ".join(f"{kind} {n}" for kind, n in kinds.most_common())
    files = "1 file" if len(paths) == 1 else f"{len(paths)} files"
    return f"skipped {files} in folders that {'is' if len(paths) == 1 else 'are'} not article files ({listed})"


def describe_extensions() -> str:
    return " ".join(sorted(EXTENSIONS))

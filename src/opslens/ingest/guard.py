"""One input's failure becomes its `ErrorRecord`, in its place; the batch goes on."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator

from opslens.contract import Article, ErrorRecord
from opslens.errors import InputError

log = logging.getLogger(__name__)

Item = Article | ErrorRecord


def error_record(exc: Exception, origin: str, id: str | None = None) -> ErrorRecord:
    if isinstance(exc, InputError):
        return ErrorRecord(id=id or origin, error=exc.detail, code=exc.code, origin=exc.origin or origin)
    log.exception("internal error reading %s", origin)
    return ErrorRecord(
        id=id or origin, error=f"internal error: {type(exc).__name__}: {exc}", code="internal", origin=origin
    )


def guarded(produce: Callable[[], Article | Iterable[Item]], origin: str, id: str | None = None) -> Iterator[Item]:
    """The items `produce` makes; an exception ends them with one error record.

    Readers of many items (JSONL, feeds) guard each item themselves, so what ends here is a
    failure of the whole input (unreadable file, unparseable feed)."""
    try:
        result = produce()
        if isinstance(result, Article):
            yield result
            return
        yield from result
    except Exception as exc:
        yield error_record(exc, origin, id)

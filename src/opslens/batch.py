"""The main job: read inputs, analyse them in order, store them, hand each result on.

Bad input of one article never stops the batch: it becomes an `ErrorRecord` in its place and
is recorded in the store's error table; everything analysed so far stays stored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

from opslens.analyze.pipeline import Analyzer, Result
from opslens.ingest import read_inputs
from opslens.errors import StoreError
from opslens.model import Analysis, ErrorRecord
from opslens.settings import Options

if TYPE_CHECKING:  # the store (SQLAlchemy, Alembic: a third of a second) is imported only when used
    from opslens.store import Store


@dataclass
class BatchReport:
    analysed: int = 0
    failed: int = 0
    stored: int = 0

    @property
    def ok(self) -> bool:
        return self.failed == 0


def db_url(value: str) -> str:
    """A store URL, accepting a bare file path for SQLite."""
    return value if "://" in value else f"sqlite:///{value}"


def _stored(store: Store, analysis: Analysis, version: str, report: BatchReport) -> Result:
    """The analysis once stored, or an error record in its place when the store refuses it
    (one article the database rejects must not stop the batch)."""
    try:
        store.save(analysis, analyzer_version=version)
    except StoreError as exc:
        art = analysis.article
        return ErrorRecord(id=art.id, error=f"analysed but not stored: {exc}", code=exc.code, origin=art.origin)
    report.stored += 1
    return analysis


def _open_store(options: Options) -> Store:
    from opslens.store import open_store

    return open_store(db_url(options.db))


def run(
    specs: list[str],
    options: Options,
    on_result: Callable[[Result], None],
    stdin: BinaryIO | None = None,
) -> BatchReport:
    analyzer = Analyzer(options)
    store = _open_store(options) if options.store else None
    report = BatchReport()
    try:
        for result in analyzer.analyze_many(read_inputs(specs, options, stdin)):
            if isinstance(result, Analysis) and store:
                result = _stored(store, result, analyzer.version, report)
            if isinstance(result, ErrorRecord):
                report.failed += 1
                if store:
                    store.save_error(result, analyzer_version=analyzer.version)
            else:
                report.analysed += 1
            on_result(result)
    finally:
        if store:
            store.close()
    return report

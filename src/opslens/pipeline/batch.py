"""The main job: read inputs, analyse them in order, store them, hand each result on.

Bad input of one article never stops the batch: it becomes an `ErrorRecord` in its place and
is recorded in the store's error table; everything analysed so far stays stored. An input the
store already holds, analysed by the same version, is handed on from the store, not analysed again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from opslens.contract import Analysis, Article, ErrorRecord
from opslens.errors import OpsLensError, StoreError
from opslens.ingest import read_inputs
from opslens.pipeline.analyzer import Analyzer, Item, Result
from opslens.settings import Options

if TYPE_CHECKING:  # the store (SQLAlchemy, Alembic: a third of a second) is imported only when used
    from opslens.link.rules import Watchlist
    from opslens.link.run import LinkReport
    from opslens.store import Store


@dataclass
class BatchReport:
    analyzed: int = 0
    failed: int = 0
    stored: int = 0
    incomplete: int = 0  # analysed and stored, but a stage failed on them (pipeline.failed)
    reused: int = 0  # already stored by this analyzer version: taken from the store, not analysed again
    skipped: list[Path] = field(default_factory=list)  # files in folders that are not article files
    linked: LinkReport | None = None  # what linking the stored articles across the store found
    link_error: str | None = None  # linking failed: the analyses are stored, `opslens link` retries

    @property
    def ok(self) -> bool:
        return self.failed == 0 and self.incomplete == 0 and self.link_error is None


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


@dataclass(frozen=True)
class _Reused:
    """An analysis the store already holds for this input and version (it passes the analyzer by)."""

    analysis: Analysis


def _reusing(items: Iterable[Item], store: Store, version: str) -> Iterator[Item | _Reused]:
    for item in items:
        if isinstance(item, Article) and (stored := store.reusable(item, version)) is not None:
            yield _Reused(stored)
        else:
            yield item


def _link(store: Store, report: BatchReport, watchlist: Watchlist | None) -> None:
    """Link the stored batch across the store, checking the watchlist's alert rules. A failure
    here loses nothing: the analyses are stored, and the next run (or `opslens link`) links them."""
    from opslens.link import update

    try:
        report.linked = update(store, watchlist=watchlist)
    except OpsLensError as exc:
        report.link_error = str(exc)


def _watchlist(options: Options) -> Watchlist | None:
    """The alert rules and webhook of the settings, read before the batch: a mistake in the
    rules file stops the command before any work, not after it."""
    from opslens.link.rules import watchlist

    return watchlist(options)


def _open_store(options: Options) -> Store:
    from opslens.store import open_store

    return open_store(options.store_url)


def run(
    specs: list[str],
    options: Options,
    on_result: Callable[[Result], None],
    stdin: BinaryIO | None = None,
    force: bool = False,
) -> BatchReport:
    """Analyse and store every input. An input the store already holds, analysed by this version,
    is taken from the store instead of analysed again, unless `force`."""
    report = BatchReport()
    return run_items(read_inputs(specs, options, stdin, skipped=report.skipped), options, on_result, force, report)


def run_items(
    read: Iterable[Item],
    options: Options,
    on_result: Callable[[Result], None],
    force: bool = False,
    report: BatchReport | None = None,
    analyzer: Analyzer | None = None,
) -> BatchReport:
    """`run` over articles (or error records) already read: `opslens watch` hands in new feed entries."""
    analyzer = analyzer or Analyzer(options)
    store = _open_store(options) if options.store else None
    report = report or BatchReport()
    try:
        watchlist = _watchlist(options) if store and options.link else None
        items = _reusing(read, store, analyzer.version) if store and not force else read
        results: Iterator[Result | _Reused] = analyzer.analyze_many(items)
        for result in results:
            if isinstance(result, _Reused):
                report.reused += 1
                on_result(result.analysis)
                continue
            if isinstance(result, Analysis) and result.pipeline.failed:
                report.incomplete += 1
            if isinstance(result, Analysis) and store:
                result = _stored(store, result, analyzer.version, report)
            if isinstance(result, ErrorRecord):
                report.failed += 1
                if store:
                    store.save_error(result, analyzer_version=analyzer.version)
            else:
                report.analyzed += 1
            on_result(result)
        if store and options.link and (report.stored or watchlist):
            _link(store, report, watchlist)
    finally:
        if store:
            store.close()
    return report

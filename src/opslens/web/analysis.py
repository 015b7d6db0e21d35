"""Analysing through the server: one Analyzer per app, loaded at the first request that needs it
(seconds of model loading that a server only reading the store never pays), used by one request
at a time in a worker thread so the event loop keeps answering the others."""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from opslens.errors import OpsLensError
from opslens.settings import Options

if TYPE_CHECKING:
    from opslens.contract import Analysis, Article
    from opslens.pipeline.analyzer import Analyzer
    from opslens.store import Store

log = logging.getLogger("opslens.web")


class AnalysisService:
    def __init__(self, settings: Options, analyzer: Analyzer | None = None):
        self.settings = settings
        self._analyzer = analyzer
        self._lock = threading.Lock()  # the pipeline's caches are not made for threads

    def analyse_and_store(self, store: Store, article: Article) -> Analysis:
        """Analyse `article` (or take this version's analysis of the same input from the store),
        store it, and link the store, as `opslens analyze` does for one article. A failure to link
        loses nothing: the analysis is stored and the next linking run takes it."""
        with self._lock:
            analyzer = self._loaded()
            stored = store.reusable(article, analyzer.version)
            if stored is not None:
                return stored
            analysis = analyzer.analyze(article)
            store.save(analysis, analyzer_version=analyzer.version)
            self._link(store)
        return analysis

    def _loaded(self) -> Analyzer:
        if self._analyzer is None:
            from opslens.pipeline.analyzer import Analyzer

            self._analyzer = Analyzer(self.settings)
        return self._analyzer

    def _link(self, store: Store) -> None:
        from opslens.link import update
        from opslens.link.rules import watchlist

        try:
            update(store, watchlist=watchlist(self.settings))
        except OpsLensError as exc:
            log.warning("linking after an analysis failed (the analysis is stored; opslens link retries): %s", exc)

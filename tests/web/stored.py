"""The test corpus analysed, stored and linked: what every dashboard test reads."""

from __future__ import annotations

from opslens.contract import Analysis
from opslens.link import update
from opslens.pipeline.analyzer import Analyzer
from opslens.store import Store
from tests.web.corpus import TEXTS, article_of


def analysed(analyzer: Analyzer) -> dict[str, Analysis]:
    return {key: analyzer.analyze(article_of(key)) for key in TEXTS}


def filled(store: Store, analyses: dict[str, Analysis]) -> dict[str, int]:
    """Saves and links the analyses; their row ids by corpus key."""
    rows = {key: store.save(a, analyzer_version="test") for key, a in analyses.items()}
    update(store)
    return rows

"""Shared by the events tests that run made-up sentences through the whole pipeline."""

from __future__ import annotations

import pytest

from opslens.contract import Analysis
from tests.stages.events.support import PUBLISHED
from tests.support import article


@pytest.fixture(scope="module")
def dated(analyzer):
    """Analyse a text as an article published on PUBLISHED."""

    def analyse(text: str) -> Analysis:
        return analyzer.analyze(article(text, PUBLISHED))

    return analyse

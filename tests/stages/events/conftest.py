"""Shared by the events tests that run made-up sentences through the whole pipeline."""

from __future__ import annotations

import pytest

from opslens.contract import Analysis
from tests.support import article


@pytest.fixture(scope="module")
def run(analyzer):
    """Analyse a text as an article published on 2023-05-10."""

    def analyse(text: str) -> Analysis:
        return analyzer.analyze(article(text, "2023-05-10"))

    return analyse

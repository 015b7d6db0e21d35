"""Helpers for tests: the bundled seed article and hand-built articles."""

from __future__ import annotations

import hashlib
from pathlib import Path

from opslens.contract import Article, Published

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "seed-article.txt"


def article(text: str, published: str | None = None) -> Article:
    pub = Published(value=published, precision="day", source="given", confidence=1.0) if published else Published()
    return Article(id="test", sha256=hashlib.sha256(text.encode()).hexdigest(), text=text, published=pub)

"""The terminal brief says where the text came from when it is not what the input pointed at."""

from __future__ import annotations

import hashlib

from rich.console import Console

from opslens.model import Analysis, Article, PipelineInfo
from opslens.render import terminal

NOTE = ("The link https://prut.example/curfew could not be used: HTTP 404 Not Found from "
        "https://prut.example/curfew. Analysed the feed entry's summary instead.")


def brief(article: Article) -> str:
    console = Console(record=True, width=400)
    terminal.render(Analysis(article=article, pipeline=PipelineInfo(version="v", model="m")), console)
    return console.export_text()


def test_a_feed_entry_fallback_shows_its_note():
    text = "Romania extended the curfew in two border towns on Tuesday."
    article = Article(id="pm-7", sha256=hashlib.sha256(text.encode()).hexdigest(), text=text,
                      text_source="feed_entry", text_note=NOTE)
    assert f"Text: {NOTE}" in brief(article)
    assert "Text:" not in brief(article.model_copy(update={"text_note": None}))

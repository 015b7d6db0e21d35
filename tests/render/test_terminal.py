"""The terminal brief: a title too long for the panel's border is cut with an ellipsis and shown
whole inside; where the text came from is said when it is not what the input pointed at."""

from __future__ import annotations

import hashlib
import io

from rich.console import Console

from opslens.contract import Analysis, Article, PipelineInfo
from opslens.render import terminal

LONG = "Finance Ministers Of The Nordic Countries Meet In Warsaw To Discuss [Energy] Security And Grain Exports"
NOTE = (
    "The link https://prut.example/curfew could not be used: HTTP 404 Not Found from "
    "https://prut.example/curfew. Analysed the feed entry's summary instead."
)


def render(article: Article, width: int) -> list[str]:
    console = Console(file=io.StringIO(), width=width, color_system=None)
    terminal.render(Analysis(article=article, pipeline=PipelineInfo(version="v", model="m")), console)
    return console.file.getvalue().splitlines()


def titled(title: str, width: int = 80) -> list[str]:
    return render(Article(id="t", sha256="0" * 64, title=title, text="The ministers met in Warsaw on Monday.\n"), width)


def test_a_long_title_is_cut_with_an_ellipsis_and_shown_whole_below():
    lines = titled(LONG)
    assert lines[0] == "╭─ Finance Ministers Of The Nordic Countries Meet In Warsaw To Discuss [Ener… ─╮"
    assert len(lines[0]) == 80
    body = " ".join(line.strip("│ ") for line in lines[1:4])
    assert body.startswith(f"Title: {LONG} Published:")


def test_a_title_that_fits_is_shown_once():
    lines = titled("Ministers meet in Warsaw")
    assert lines[0].startswith("╭─ Ministers meet in Warsaw ─")
    assert not any("Title:" in line for line in lines)


def test_a_feed_entry_fallback_shows_its_note():
    text = "Romania extended the curfew in two border towns on Tuesday."
    article = Article(
        id="pm-7", sha256=hashlib.sha256(text.encode()).hexdigest(), text=text, text_source="feed_entry", text_note=NOTE
    )
    assert any(f"Text: {NOTE}" in line for line in render(article, 400))
    assert not any("Text:" in line for line in render(article.model_copy(update={"text_note": None}), 400))


def test_article_text_with_brackets_is_shown_as_written():
    """A title, a name and a role from the article are text, not rich markup."""
    from opslens.contract import Entity, Role

    article = Article(
        id="t",
        sha256="0" * 64,
        title="[Exclusive] Talks resume",
        text="Jane Roe [pictured], the [acting] envoy, arrived in Doha.\n",
    )
    person = Entity(id="e1", name="Jane Roe [pictured]", type="PERSON", roles=[Role(title="[acting] envoy")])
    body = Analysis(article=article, entities=[person], pipeline=PipelineInfo(version="v", model="m"))
    console = Console(file=io.StringIO(), width=160, color_system=None)
    terminal.render(body, console)
    shown = console.file.getvalue()
    assert shown.splitlines()[0].startswith("╭─ [Exclusive] Talks resume ─")
    assert "Jane Roe [pictured]" in shown and "[acting] envoy" in shown

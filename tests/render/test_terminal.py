"""The terminal brief: a title too long for the panel's border is cut with an ellipsis and shown whole inside."""

from __future__ import annotations

import io

from rich.console import Console

from opslens.model import Analysis, Article, PipelineInfo
from opslens.render.terminal import render

LONG = "Finance Ministers Of The Nordic Countries Meet In Warsaw To Discuss [Energy] Security And Grain Exports"


def brief(title: str, width: int = 80) -> list[str]:
    article = Article(id="t", sha256="0" * 64, title=title, text="The ministers met in Warsaw on Monday.\n")
    console = Console(file=io.StringIO(), width=width, color_system=None)
    render(Analysis(article=article, pipeline=PipelineInfo(version="test", model="none")), console)
    return console.file.getvalue().splitlines()


def test_a_long_title_is_cut_with_an_ellipsis_and_shown_whole_below():
    lines = brief(LONG)
    assert lines[0] == "╭─ Finance Ministers Of The Nordic Countries Meet In Warsaw To Discuss [Ener… ─╮"
    assert len(lines[0]) == 80
    body = " ".join(line.strip("│ ") for line in lines[1:4])
    assert body.startswith(f"Title: {LONG} Published:")


def test_a_title_that_fits_is_shown_once():
    lines = brief("Ministers meet in Warsaw")
    assert lines[0].startswith("╭─ Ministers meet in Warsaw ─")
    assert not any("Title:" in line for line in lines)

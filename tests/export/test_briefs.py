"""Briefs per article and per story, in Markdown and in standalone HTML where article text stays text."""

from __future__ import annotations

import pytest

from opslens.errors import ConfigError, NotFoundError
from opslens.export.briefs import article_brief, story_brief
from opslens.link.story_views import list_stories
from opslens.render.markdown import render
from opslens.store import Store
from tests.export.samples import SCRIPT

ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.fixture
def store(db):
    with Store(db, create=False) as opened:
        yield opened


def story_id(store: Store, title: str) -> str:
    return next(s.id for s in list_stories(store) if s.title == title)


def test_the_article_brief_in_markdown_is_the_show_brief(store):
    assert article_brief(store, "example-post-82442b", "md") == render(store.get("example-post-82442b"))


def test_the_html_article_brief_keeps_the_script_as_text(store):
    page = article_brief(store, "example-herald-916722", "html")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<script" not in page.lower() and " on" + "click" not in page
    assert f"<h1>Lavrov lashes out {ESCAPED}</h1>" in page
    assert f"Sergei Lavrov accused Antony Blinken of lying. {ESCAPED}" in page  # the text itself


def test_the_story_brief_in_markdown(store):
    brief = story_brief(store, story_id(store, "Truss meets Lavrov"), "md")
    assert brief.startswith("# Truss meets Lavrov\n")
    assert "- **First seen:** 2022-02-10\n- **Last seen:** 2022-02-11\n" in brief
    assert "from 2 outlets: Daily Example, Example Post" in brief
    assert (
        "- 2022-02-10 — CONSULT: Liz Truss (GBRGOV) → Sergei Lavrov (RUSGOV) in Moscow — 2 independent origins "
        "(Reuters, example post (own reporting)); moderate: " in brief
    )
    assert "- 2022-02-10 — Example Post — Truss meets Lavrov (example-post-82442b)" in brief


def test_the_story_brief_in_html_escapes_titles(store):
    page = story_brief(store, story_id(store, f"Lavrov lashes out {SCRIPT}"), "html")
    assert "<script" not in page.lower() and page.count(ESCAPED) == 3  # <title>, heading, article list


def test_bad_format_and_unknown_story(store):
    with pytest.raises(ConfigError):
        article_brief(store, "real-1", "pdf")  # type: ignore[arg-type]
    with pytest.raises(NotFoundError):
        story_brief(store, "Snope", "md")

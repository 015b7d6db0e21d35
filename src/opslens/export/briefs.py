"""Briefs to hand on: one article's (Markdown as `opslens show` renders it, or a standalone HTML
page) and one story's (title, first and last seen, outlets, its key merged events with their
independent origins and confidence, contested claims, its articles).

HTML goes through Jinja2 with autoescaping on: every text from an article (its title, its text,
the evidence) is escaped, so markup in an article stays text. The pages carry inline CSS and no
script."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

from opslens.errors import ConfigError
from opslens.store import Store

BriefFormat = Literal["md", "html"]
KEY_EVENTS = 12  # the story's best-sourced merged events a brief lists


def _check(fmt: str) -> None:
    if fmt not in ("md", "html"):
        raise ConfigError(f"a brief is md or html, not {fmt!r}")


@cache
def _env():
    from jinja2 import Environment, StrictUndefined

    return Environment(autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render(name: str, **context) -> str:
    from opslens.export.brief_templates import TEMPLATES

    return _env().from_string(TEMPLATES[name]).render(**context)


def article_brief(store: Store, ref: str, fmt: BriefFormat = "md") -> str:
    """The brief of the stored article `ref` (row id, article id or sha256 prefix)."""
    _check(fmt)
    analysis = store.get(ref)
    if fmt == "md":
        from opslens.render.markdown import render as markdown

        return markdown(analysis)
    from opslens.render.facts import facts, role_text

    return render("article", f=facts(analysis), role_text=role_text, text=analysis.article.text)


@dataclass(frozen=True)
class StoryBrief:
    story: object  # story_views.Story
    key_events: list[dict]
    contested: list[tuple[dict, list[tuple[dict, dict]]]]  # (claim, [(contest, counter event)])


def story_facts(store: Store, story_id: str) -> StoryBrief:
    from opslens.export.selection import story_events
    from opslens.link.story_views import get_story

    story = get_story(store, story_id)
    events = story_events(store, story_id)
    by_id = {e["id"]: e for e in events}
    key = sorted(events, key=lambda e: (-e["independent_origins"], -len(e["reports"]), e["date"] or "", e["id"]))
    contested = []
    for e in events:
        against = [(c, by_id[c["counter"]]) for c in e["contests"] if "counter" in c and c["counter"] in by_id]
        if against:
            contested.append((e, against))
    return StoryBrief(story, key[:KEY_EVENTS], contested)


def story_brief(store: Store, story_id: str, fmt: BriefFormat = "md") -> str:
    _check(fmt)
    found = story_facts(store, story_id)
    return render(f"story_{fmt}", s=found.story, key_events=found.key_events, contested=found.contested)

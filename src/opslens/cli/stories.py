"""`opslens stories` and `opslens story ID`: the developments the store's articles report."""

from __future__ import annotations

import json
import re
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from opslens.cli.common import chosen, one_line_errors, options, out, plain, plural
from opslens.errors import ConfigError

if TYPE_CHECKING:
    from opslens.link.story_views import Story

DAY = re.compile(r"\d{4}(?:-\d\d(?:-\d\d)?)?")
Db = Annotated[str | None, typer.Option("--db", help=plain("Store URL or SQLite file [env OPSLENS_DB]."))]


class ListFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"


class StoryFormat(StrEnum):
    brief = "brief"
    json = "json"


@one_line_errors
def command(
    since: Annotated[
        str | None,
        typer.Option("--since", help="Stories still reported on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", "-n", help="At most this many, latest first.")] = None,
    fmt: Annotated[
        ListFormat | None,
        typer.Option("--format", "-f", help="table (default on a terminal) or jsonl (default otherwise)."),
    ] = None,
    db: Db = None,
) -> None:
    """List stories: articles about one specific development, with their days and outlets.

    Example: opslens stories --since 2016-09-20 --limit 20
    """
    from opslens.link.story_views import list_stories
    from opslens.store import open_store

    if since and not DAY.fullmatch(since):
        raise ConfigError(f"--since takes a date as YYYY, YYYY-MM or YYYY-MM-DD, not {since!r}")
    form = chosen(fmt, ListFormat.table, ListFormat.jsonl)
    with open_store(options(db=db).store_url, create=False) as store:
        stories = list_stories(store, since=since, limit=limit)
        url = store.url
    if form is ListFormat.jsonl:
        for story in stories:
            sys.stdout.write(json.dumps(story.to_dict(), ensure_ascii=False) + "\n")
        return
    from rich.text import Text

    count = f"{len(stories)} stor{'y' if len(stories) == 1 else 'ies'}"
    out.print(Text(f"{count}{f' since {since}' if since else ''} in {url}"), soft_wrap=True)
    out.print(_table(stories))


def _table(stories: list[Story]):
    from rich.table import Table
    from rich.text import Text

    table = Table("Story", "First seen", "Last seen", "Articles", "Outlets", "Title")
    for s in stories:
        table.add_row(
            *map(
                Text,
                (s.id, s.first_seen or "—", s.last_seen or "—", str(s.n_articles), ", ".join(s.outlets), s.title),
            )
        )
    return table


@one_line_errors
def story_command(
    story_id: Annotated[str, typer.Argument(help="A story id, as `opslens stories` lists it.")],
    fmt: Annotated[
        StoryFormat | None,
        typer.Option("--format", "-f", help="brief (default on a terminal) or json (default otherwise)."),
    ] = None,
    db: Db = None,
) -> None:
    """Show one story: its days, outlets, articles and key events.

    Example: opslens story S3f2a9c01d4
    """
    from opslens.link.story_views import get_story
    from opslens.store import open_store

    with open_store(options(db=db).store_url, create=False) as store:
        story = get_story(store, story_id)
    form = chosen(fmt, StoryFormat.brief, StoryFormat.json)
    if form is StoryFormat.json:
        sys.stdout.write(json.dumps(story.to_dict(full=True), ensure_ascii=False, indent=2) + "\n")
    else:
        _brief(story)


def _brief(story: Story) -> None:
    from rich.table import Table
    from rich.text import Text

    days = story.first_seen if story.first_seen == story.last_seen else f"{story.first_seen} – {story.last_seen}"
    out.print(Text(f"{story.id}  {story.title}", style="bold"), soft_wrap=True)
    out.print(Text(f"{days} · {plural(story.n_articles, 'article')} · {', '.join(story.outlets) or 'no outlet'}"))
    table = Table("Day", "Outlet", "Title", "Article id")
    for a in story.articles:
        table.add_row(*map(Text, (a.day or "—", a.outlet or "—", a.title or "(untitled)", a.article_id)))
    out.print(table)
    for ev in story.events:
        who = " → ".join(x for x in (ev.get("source"), ev.get("target")) if x)
        when = f" {ev['date']}" if ev.get("date") else ""
        head = f"{ev.get('plover')}{f' ({who})' if who else ''}{when}"
        out.print(Text(f"• {head}: {ev.get('text')}"), soft_wrap=True)

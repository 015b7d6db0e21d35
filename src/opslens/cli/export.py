"""`opslens export`: the store for other tools (the contract, GDELT, Parquet, STIX, GeoJSON,
GraphML) or a brief of one article or story (md, html)."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from opslens.cli.common import err, one_line_errors, options, plain, plural
from opslens.cli.events import Actor, Contested, Dyad, MinOrigins, Plover, Since, Until, event_filter
from opslens.errors import ConfigError

BRIEFS = ("md", "html")


@one_line_errors
def command(
    fmt: Annotated[
        str,
        typer.Argument(
            metavar="FORMAT", help="json, jsonl, gdelt, parquet, stix, geojson, graphml; md or html (a brief)."
        ),
    ],
    output: Annotated[str, typer.Option("--output", "-o", help="The file to write; - for standard output.")],
    plover: Plover = None,
    actor: Actor = None,
    country: Annotated[str | None, typer.Option("--country", help="ISO alpha-3 country of either actor.")] = None,
    dyad: Dyad = None,
    since: Since = None,
    until: Until = None,
    modality: Annotated[
        str | None, typer.Option("--modality", help="Told so by at least one report: asserted, denied…")
    ] = None,
    background: Annotated[
        bool | None,
        typer.Option("--background/--no-background", help="Only events recalled as background, or only news."),
    ] = None,
    min_origins: MinOrigins = None,
    contested: Contested = False,
    article: Annotated[str | None, typer.Option("--article", help="The article a brief is of (md, html).")] = None,
    story: Annotated[
        str | None, typer.Option("--story", help="A story: its brief (md, html), or only its events in an export.")
    ] = None,
    db: Annotated[str | None, typer.Option("--db", help=plain("Store URL or SQLite file [env OPSLENS_DB]."))] = None,
) -> None:
    """Export merged events and analyses for other tools, or write a brief.

    Example: opslens export gdelt --dyad GBR,RUS --since 2022-01 -o events.tsv
    """
    _check(fmt, article, story)
    found = event_filter(
        plover=plover,
        actor=actor,
        country=country,
        dyad=dyad,
        since=since,
        until=until,
        modality=modality,
        background=background,
        min_origins=min_origins,
        contested=contested,
    )
    written = _write(options(db=db).store_url, fmt, found, article, story, output)
    if output != "-":
        err.print(f"{written} ({fmt}) written to {output}", markup=False)


def _write(url: str, fmt: str, found, article: str | None, story: str | None, output: str) -> str:
    """Write the export or brief to `output`; say what was written."""
    from opslens.store import open_store

    with open_store(url, create=False) as store, _target(output) as out:
        if fmt in BRIEFS:
            out.write(_brief(store, fmt, article, story).encode("utf-8"))
            return "1 brief"
        from opslens.export import export

        return plural(export(store, fmt, found, out, story=story), "record")


def _check(fmt: str, article: str | None, story: str | None) -> None:
    from opslens.export import FORMATS

    if fmt not in FORMATS and fmt not in BRIEFS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join([*FORMATS, *BRIEFS])}")
    if fmt in BRIEFS and (article is None) == (story is None):
        raise ConfigError(f"the {fmt} brief is of one article or one story: give --article REF or --story ID")
    if fmt not in BRIEFS and article is not None:
        raise ConfigError("--article is for the md and html briefs; an export selects articles by their events")


def _brief(store, fmt: str, article: str | None, story: str | None) -> str:
    from opslens.export.briefs import article_brief, story_brief

    return article_brief(store, article, fmt) if article else story_brief(store, story or "", fmt)  # type: ignore[arg-type]


@contextmanager
def _target(output: str):
    """Standard output, or the file, written whole or not at all (a partial file is removed)."""
    if output == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    path = Path(output)
    part = path.with_name(path.name + ".part")
    try:
        with part.open("wb") as stream:
            yield stream
        os.replace(part, path)
    except OSError as exc:
        raise ConfigError(f"cannot write {output}: {exc.strerror or exc}") from None
    finally:
        part.unlink(missing_ok=True)

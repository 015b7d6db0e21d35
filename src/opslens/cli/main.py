"""The `opslens` console script."""

from __future__ import annotations

import typer

from opslens import __version__
from opslens.cli import (
    alerts,
    analyze,
    contested,
    entities,
    events,
    link,
    schema,
    serve,
    show,
    stories,
    timeline,
    watch,
)
from opslens.cli import export as export_cmd
from opslens.cli import list as list_cmd
from opslens.cli import search as search_cmd

app = typer.Typer(
    name="opslens",
    help="OpsLens: who did what to whom, when, where — and according to whom. Every fact with its evidence.",
    no_args_is_help=True,
    rich_markup_mode="rich",  # help texts are rich markup: brackets of their own go through common.plain
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.command("analyze")(analyze.command)
app.command("list")(list_cmd.command)
app.command("search")(search_cmd.command)
app.command("show")(show.command)
app.command("schema")(schema.command)
app.command("link")(link.command)
app.command("stories")(stories.command)
app.command("story")(stories.story_command)
app.command("timeline")(timeline.command)
app.command("alerts")(alerts.command)
app.command("watch")(watch.command)
app.add_typer(entities.app, name="entities")
app.command("entity")(entities.entity)
app.command("events")(events.command)
app.command("contested")(contested.command)
app.command("serve")(serve.command)
app.command("export")(export_cmd.command)


@app.callback(invoke_without_command=True)
def _root(version: bool = typer.Option(False, "--version", help="Print the version and exit.")) -> None:
    if version:
        typer.echo(f"opslens {__version__}")
        raise typer.Exit()


def main() -> None:
    app()

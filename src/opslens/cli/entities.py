"""`opslens entities` (list, merge, split) and `opslens entity`: actors across the store."""

from __future__ import annotations

import dataclasses
import json
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from opslens.cli.common import chosen, err, one_line_errors, options, out, plain

if TYPE_CHECKING:
    from opslens.link.entity_view import EntityProfile, EntitySummary

Db = Annotated[str | None, typer.Option("--db", help=plain("Store URL or SQLite file [env OPSLENS_DB]."))]


class ListFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"


class ShowFormat(StrEnum):
    brief = "brief"
    json = "json"


app = typer.Typer(
    help="Canonical entities: the actors of many articles, merged by name, code and role.",
    no_args_is_help=False,
    invoke_without_command=True,
)


@app.callback()
@one_line_errors
def listing(
    ctx: typer.Context,
    type_: Annotated[str | None, typer.Option("--type", "-t", help="PERSON, ORG, GPE, NORP, …")] = None,
    country: Annotated[str | None, typer.Option("--country", "-c", help="ISO alpha-3 code, e.g. RUS.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many, the most mentioned first.")] = 50,
    fmt: Annotated[
        ListFormat | None, typer.Option("--format", "-f", help="table (default on a terminal) or jsonl.")
    ] = None,
    db: Db = None,
) -> None:
    """List canonical entities, the most mentioned first.

    Example: opslens entities --type PERSON --country RUS --limit 20
    """
    if ctx.invoked_subcommand is not None:
        return
    from opslens.link.entity_view import entities_list
    from opslens.store import open_store

    with open_store(options(db=db).store_url, create=False) as store:
        rows = entities_list(store, type_=type_, country=country, limit=limit)
    if chosen(fmt, ListFormat.table, ListFormat.jsonl) is ListFormat.jsonl:
        for row in rows:
            sys.stdout.write(json.dumps(dataclasses.asdict(row), ensure_ascii=False) + "\n")
    else:
        out.print(_entity_table(rows))


@app.command("merge")
@one_line_errors
def merge(
    subject: Annotated[str, typer.Argument(help="The entity that stays (id, key or exact name).")],
    other: Annotated[str, typer.Argument(help="The entity merged into it.")],
    why: Annotated[str, typer.Option("--why", help="Your reason, kept with the decision.")],
    db: Db = None,
) -> None:
    """Merge two canonical entities: B's mentions become A's, now and after every rebuild.

    Example: opslens entities merge "Hillary Clinton" "Hillary Rodham Clinton" --why "same person"
    """
    from opslens.link.curate import merge as merge_entities
    from opslens.store import open_store

    with open_store(options(db=db).store_url, create=False) as store:
        decision = merge_entities(store, subject, other, why=why)
    err.print(f"merged {decision.other} into {decision.subject} (decision {decision.id})", markup=False)


@app.command("split")
@one_line_errors
def split(
    ref: Annotated[str, typer.Argument(help="The entity (id, key or name) whose latest merge to undo.")],
    why: Annotated[str, typer.Option("--why", help="Your reason, kept with the decision.")] = "",
    db: Db = None,
) -> None:
    """Undo the latest merge into (or of) an entity: its mentions go back where linking puts them.

    Example: opslens entities split "person:hillary clinton"
    """
    from opslens.link.curate import split as split_entity
    from opslens.store import open_store

    with open_store(options(db=db).store_url, create=False) as store:
        decision = split_entity(store, ref, why=why)
    err.print(f"split {decision.other} from {decision.subject} (decision {decision.id})", markup=False)


@one_line_errors
def entity(
    ref: Annotated[str, typer.Argument(help="Canonical id, key or exact name.")],
    fmt: Annotated[ShowFormat | None, typer.Option("--format", "-f", help="brief (default) or json.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many articles and events to show.")] = 20,
    db: Db = None,
) -> None:
    """One actor across the store: aliases, codes, roles over time, articles, events, relations.

    Example: opslens entity "Sergei Lavrov"
    """
    from opslens.link.entity_view import profile_of
    from opslens.store import open_store

    with open_store(options(db=db).store_url, create=False) as store:
        found = profile_of(store, ref, limit=limit)
    if fmt is ShowFormat.json:
        sys.stdout.write(json.dumps(dataclasses.asdict(found), ensure_ascii=False, indent=2) + "\n")
    else:
        _brief(found, limit)


def _entity_table(rows: list[EntitySummary]):
    from rich.table import Table
    from rich.text import Text

    table = Table("Id", "Name", "Type", "Country", "Code", "Articles", "Aliases", "Key")
    for r in rows:
        aliases = ", ".join(_distinct(r.aliases, r.name)[:4])
        cells = (str(r.id), r.name, r.type, r.country or "—", r.actor_code or "—", str(r.n_articles), aliases, r.key)
        table.add_row(*map(Text, cells))
    return table


def _distinct(aliases: list[str], name: str) -> list[str]:
    """Aliases that differ from the name and each other by more than case."""
    seen = {name.casefold()}
    kept = []
    for a in aliases:
        if a.casefold() not in seen:
            seen.add(a.casefold())
            kept.append(a)
    return kept


def _brief(p: EntityProfile, limit: int) -> None:
    from rich.text import Text

    e = p.entity
    codes = " · ".join(x for x in (e.type, e.country, e.actor_code) if x)
    out.print(Text(f"{e.name}  ({codes})  in {e.n_articles} article(s)  [{e.key}, id {e.id}]"), soft_wrap=True)
    out.print(Text("aliases: " + (", ".join(e.aliases) or "—")), soft_wrap=True)
    for role in p.roles:
        where = ", ".join(x for x in (role.get("country"), role.get("organization")) if x)
        span = f"{role.get('first_seen') or '?'} … {role.get('last_seen') or '?'}"
        out.print(Text(f"role: {role['title']}{f' ({where})' if where else ''}  {span}  {role['articles']} article(s)"))
    for a in p.articles[:limit]:
        out.print(Text(f"article: {a.day or '—'}  {a.outlet or '—'}  {a.title or '(untitled)'}  [{a.article_id}]"))
    for ev in p.events[:limit]:
        who = f" {'→' if ev.side == 'source' else '←'} {ev.other}" if ev.other else ""
        out.print(Text(f"event: {ev.day or '—'}  {ev.plover} {ev.cameo or ''}{who}  “{ev.evidence[:100]}”"))
    for rel in p.relations[:limit]:
        out.print(Text(f"relation: {rel.direction} {rel.other}  ×{rel.events}"))
    for d in p.decisions:
        out.print(Text(f"decision: {d['action']} {d['other']} into {d['subject']}: {d['why']}"))

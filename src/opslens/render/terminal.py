"""The intelligence brief on a terminal, with rich."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from opslens.contract import Analysis, Entity
from opslens.render.facts import BriefFacts, facts, role_text

PANEL_FRAME = 6  # the border's corners, dashes and spaces around a panel's title


def _entity_table(title: str, rows: list[Entity], with_role: bool) -> Table:
    table = Table(title=title, title_justify="left", show_edge=False, pad_edge=False, expand=True)
    table.add_column("Name", style="bold")
    if with_role:
        table.add_column("Role")
    table.add_column("Country")
    table.add_column("Code")
    table.add_column("Kind" if not with_role else "Mentions", justify="left")
    for e in rows:
        cells = [e.name]
        if with_role:
            cells.append(role_text(e) or "—")
        cells += [e.country or "—", e.actor_code or "—"]
        cells.append(str(len(e.mentions)) if with_role else (e.kind or "—").replace("_", " "))
        table.add_row(*map(Text, cells))  # as Text: a name's "[…]" is article text, not markup
    return table


def _title(title: str, width: int) -> tuple[Text, bool]:
    """The panel's title, cut with an ellipsis to fit its top border; True when it was cut."""
    text = Text(title, style="bold")
    room = max(width - PANEL_FRAME, 10)
    if text.cell_len <= room:
        return text, False
    text.truncate(room, overflow="ellipsis")
    return text, True


def render(analysis: Analysis, console: Console) -> None:
    f = facts(analysis)
    title, cut = _title(f.title, console.width)
    header = Text()
    if cut:  # the whole title, where there is room for it
        header.append("Title: ", style="dim")
        header.append(f"{f.title}\n")
    for label, value in f.meta:
        header.append(f"{label}: ", style="dim")
        header.append(f"{value}\n")
    if f.not_analyzed:  # no facts to show, only why
        parts = [header, Text(f"Not analysed: {f.not_analyzed}", style="bold yellow")]
    else:
        parts = [header, *_sections(f)]
    console.print(Panel(Group(*parts), title=title, title_align="left"))


def _sections(f: BriefFacts) -> list:
    parts: list = []
    if f.summary:
        parts += [Text("Summary", style="bold underline"), Text(f.summary + "\n")]
    if f.developments:
        parts += [
            Text("Key developments", style="bold underline"),
            Text("\n".join(f"• {x}" for x in f.developments) + "\n"),
        ]
    else:
        parts.append(Text("Key developments: no events found.\n", style="dim"))
    if f.history:
        parts += [Text("Background", style="bold underline"), Text("\n".join(f"• {x}" for x in f.history) + "\n")]
    if f.relations:
        parts += [Text("Relations", style="bold underline"), Text("\n".join(f.relations) + "\n")]
    if f.people:
        parts.append(_entity_table("People", f.people, with_role=True))
    if f.organisations:
        parts.append(_entity_table("Organisations", f.organisations, with_role=False))
    if f.places:
        parts += [Text("\nPlaces", style="bold underline"), Text("\n".join(f.places))]
    if f.dates:
        parts += [Text("\nDates", style="bold underline"), Text("\n".join(f.dates))]
    if f.sourcing:
        parts += [Text("\nWho says so", style="bold underline"), Text("\n".join(f.sourcing))]
    if f.sources:
        parts += [Text("\nMedia named", style="bold underline"), Text("\n".join(f.sources))]
    return parts

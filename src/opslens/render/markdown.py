"""The brief as Markdown, for reports and issue trackers."""

from __future__ import annotations

from opslens.contract import Analysis
from opslens.render.facts import facts, role_text


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _bullets(title: str, items: list[str]) -> list[str]:
    return ["", f"## {title}", ""] + [f"- {_cell(x)}" for x in items] if items else []


def render(analysis: Analysis) -> str:
    f = facts(analysis)
    lines = [f"# {f.title}", ""]
    lines += [f"- **{label}:** {value}" for label, value in f.meta]
    if f.not_analyzed:
        return "\n".join([*lines, "", f"**Not analysed:** {f.not_analyzed}"]) + "\n"
    if f.summary:
        lines += ["", "## Summary", "", f.summary]
    lines += _bullets("Key developments", f.developments) + _bullets("Background", f.history)
    lines += _bullets("Relations", f.relations)
    if f.people:
        lines += ["", "## People", "", "| Name | Role | Country | Code | Mentions |", "|---|---|---|---|---|"]
        lines += [
            f"| {_cell(e.name)} | {_cell(role_text(e)) or '—'} | {e.country or '—'} "
            f"| {e.actor_code or '—'} | {len(e.mentions)} |"
            for e in f.people
        ]
    if f.organisations:
        lines += ["", "## Organisations", "", "| Name | Kind | Country | Code |", "|---|---|---|---|"]
        lines += [
            f"| {_cell(e.name)} | {(e.kind or '—').replace('_', ' ')} | {e.country or '—'} | {e.actor_code or '—'} |"
            for e in f.organisations
        ]
    lines += _bullets("Places", f.places) + _bullets("Dates", f.dates)
    lines += _bullets("Who says so", f.sourcing) + _bullets("Media named", f.sources)
    return "\n".join(lines) + "\n"

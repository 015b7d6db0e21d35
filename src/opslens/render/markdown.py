"""The brief as Markdown, for reports and issue trackers."""

from __future__ import annotations

from opslens.model import Analysis
from opslens.render.facts import facts, role_text


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render(analysis: Analysis) -> str:
    f = facts(analysis)
    lines = [f"# {f.title}", ""]
    lines += [f"- **{label}:** {value}" for label, value in f.meta]
    if f.summary:
        lines += ["", "## Summary", "", f.summary]
    if f.developments:
        lines += ["", "## Key developments", ""] + [f"- {_cell(x)}" for x in f.developments]
    if f.history:
        lines += ["", "## Background", ""] + [f"- {_cell(x)}" for x in f.history]
    if f.relations:
        lines += ["", "## Relations", ""] + [f"- {x}" for x in f.relations]
    if f.people:
        lines += ["", "## People", "", "| Name | Role | Country | Code | Mentions |", "|---|---|---|---|---|"]
        lines += [
            f"| {_cell(e.name)} | {_cell(role_text(e)) or '—'} | {e.country or '—'} | {e.actor_code or '—'} | {len(e.mentions)} |"
            for e in f.people
        ]
    if f.organisations:
        lines += ["", "## Organisations", "", "| Name | Kind | Country | Code |", "|---|---|---|---|"]
        lines += [
            f"| {_cell(e.name)} | {(e.kind or '—').replace('_', ' ')} | {e.country or '—'} | {e.actor_code or '—'} |"
            for e in f.organisations
        ]
    if f.places:
        lines += ["", "## Places", ""] + [f"- {_cell(x)}" for x in f.places]
    if f.dates:
        lines += ["", "## Dates", ""] + [f"- {_cell(x)}" for x in f.dates]
    if f.sourcing:
        lines += ["", "## Who says so", ""] + [f"- {_cell(s)}" for s in f.sourcing]
    if f.sources:
        lines += ["", "## Media named", ""] + [f"- {s}" for s in f.sources]
    return "\n".join(lines) + "\n"

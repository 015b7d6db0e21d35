"""Alerts: the watchlist's rules (opslens.link.rules) checked against what a linking run touched.

The last linking step. Event rules are checked against the merged events the run's articles
report (new ones, and older ones a new report changed: a second independent origin can make an
event meet `min_origins`); spike rules against the days of those events in their dyad.

An alert fires once: its `dedup` is a hash of the rule's name and its subject (the merged event's
id; the dyad and day of a spike), and the alerts table outlives `opslens link --rebuild`. An event
rule also never fires again for an event one of whose reports (article and event id) it already
fired for, so a merge that gives the event another id does not raise it twice.

Alerts are written in the run's transaction; delivery to a webhook comes after the commit
(opslens.link.deliver), so a failed POST never loses one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Connection, insert, select

from opslens.link.rules import Rule, Spike
from opslens.link.run import LinkRun, RaisedAlert
from opslens.link.tension import DAY, Period, period_start
from opslens.link.timeline import Selection, timeline
from opslens.store.schema import (
    AlertRow,
    CanonicalEntityRow,
    EntityLinkRow,
    EntityRow,
    EventReportRow,
    MergedEventRow,
    utcnow,
)

CHUNK = 500


@dataclass(frozen=True)
class Report:
    article_row_id: int
    event_local_id: str
    modality: str
    evidence: str

    @property
    def key(self) -> str:
        return f"{self.article_row_id}:{self.event_local_id}"


@dataclass
class Touched:
    """A merged event a run's article reports, with all its reports."""

    row: Any  # a merged_events row (its columns as attributes)
    reports: list[Report]
    names: set[str] | None = None  # its actors' names and aliases, casefolded (read when a rule asks)


def link(run: LinkRun) -> None:
    if run.watchlist is None or not run.watchlist.rules:
        return
    touched = _touched(run)
    if not touched:
        return
    fired = _fired_reports(run.conn, [r.name for r in run.watchlist.rules if r.spike is None])
    for rule in run.watchlist.rules:
        if rule.spike is not None:
            _check_spike(run, rule.name, rule.spike, touched)
            continue
        for event in touched:
            if event.reports and fired.get(rule.name, set()) & {r.key for r in event.reports}:
                continue
            if matches(rule, event, run):
                _raise(run, rule.name, event.row.id, _event_message(rule.name, event), _event_data(event))
                fired.setdefault(rule.name, set()).update(r.key for r in event.reports)


def matches(rule: Rule, event: Touched, run: LinkRun) -> bool:
    row = event.row
    codes = [c for c in (row.source, row.target) if c]
    if rule.plover and row.plover.upper() not in rule.plover:
        return False
    if rule.min_origins is not None and row.independent_origins < rule.min_origins:
        return False
    if rule.countries and not {c[:3] for c in codes} & set(rule.countries):
        return False
    if rule.dyads and not any(_between(row, a, b) for a, b in rule.dyads):
        return False
    if rule.modality and not {r.modality for r in event.reports} & set(rule.modality):
        return False
    if rule.entities:
        if event.names is None:
            event.names = _actor_names(run, event.reports)
        if not {n.casefold() for n in rule.entities} & event.names:
            return False
    return True


def _between(row: Any, a: str, b: str) -> bool:
    source, target = row.source or "", row.target or ""
    if not source or not target:
        return False
    return (source.startswith(a) and target.startswith(b)) or (source.startswith(b) and target.startswith(a))


# -- what the run touched ---------------------------------------------------------------------


def _touched(run: LinkRun) -> list[Touched]:
    r, m = EventReportRow, MergedEventRow
    ids: set[str] = set()
    for start in range(0, len(run.rows), CHUNK):
        query = select(r.merged_event_id).where(r.article_row_id.in_(run.rows[start : start + CHUNK]))
        ids.update(run.conn.execute(query).scalars())
    ordered = sorted(ids)
    events: list[Touched] = []
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start : start + CHUNK]
        rows = run.conn.execute(select(m.__table__).where(m.id.in_(chunk)))
        reports = _reports(run.conn, chunk)
        events += [Touched(row, reports.get(row.id, [])) for row in rows]
    return sorted(events, key=lambda t: (t.row.day or "", t.row.id))


def _reports(conn: Connection, ids: list[str]) -> dict[str, list[Report]]:
    r = EventReportRow
    found: dict[str, list[Report]] = {}
    query = (
        select(r.merged_event_id, r.article_row_id, r.event_local_id, r.modality, r.evidence)
        .where(r.merged_event_id.in_(ids))
        .order_by(r.article_row_id, r.event_local_id)
    )
    for row in conn.execute(query):
        text = (row.evidence or {}).get("text", "")
        found.setdefault(row.merged_event_id, []).append(
            Report(row.article_row_id, row.event_local_id, row.modality, text)
        )
    return found


def _actor_names(run: LinkRun, reports: Iterable[Report]) -> set[str]:
    """Names and aliases of the source and target entities in every report, and of the canonical
    entities they resolve to."""
    names: set[str] = set()
    for report in reports:
        analysis = run.analysis(report.article_row_id)
        event = next((e for e in analysis.events if e.id == report.event_local_id), None)
        if event is None:
            continue
        refs = [a for a in (event.source_actor, event.target_actor) if a is not None]
        ids = {p.entity for a in refs for p in (a, *(a.members or [])) if p.entity}
        for entity in analysis.entities:
            if entity.id in ids:
                names.update(n.casefold() for n in (entity.name, *entity.aliases))
        names |= _canonical_names(run.conn, report.article_row_id, ids)
    return names


def _canonical_names(conn: Connection, row_id: int, local_ids: set[str]) -> set[str]:
    if not local_ids:
        return set()
    e, c = EntityRow, CanonicalEntityRow
    query = (
        select(c.name, c.aliases)
        .join(EntityLinkRow, EntityLinkRow.canonical_id == c.id)
        .join(e, e.id == EntityLinkRow.entity_row_id)
        .where(e.article_row_id == row_id, e.local_id.in_(local_ids))
    )
    return {n.casefold() for row in conn.execute(query) for n in (row.name, *(row.aliases or ()))}


def _fired_reports(conn: Connection, rules: list[str]) -> dict[str, set[str]]:
    """Per event rule, the reports it has fired for (kept in each alert's data)."""
    fired: dict[str, set[str]] = {}
    if rules:
        for rule, data in conn.execute(select(AlertRow.rule, AlertRow.data).where(AlertRow.rule.in_(rules))):
            fired.setdefault(rule, set()).update((data or {}).get("report_keys") or [])
    return fired


# -- spikes -----------------------------------------------------------------------------------


def _check_spike(run: LinkRun, name: str, spike: Spike, touched: list[Touched]) -> None:
    a, b = spike.dyad
    # full days only: an event dated to a year or a month ("2008") stands on no day of the series
    days = {t.row.day for t in touched if t.row.day and DAY.fullmatch(t.row.day) and _between(t.row, a, b)}
    if not days:
        return
    # shown from a window before the earliest touched day: each of those days has its whole window
    since = period_start(min(days), spike.window, "day")
    line = timeline(run.conn, Selection(dyad=(a, b), by="day", window=spike.window, since=since))
    for i, period in enumerate(line.periods):
        history = sum(p.events for p in line.periods[max(0, i - spike.window) : i])
        if period.period in days and is_spike(period, spike, history):
            ids = [e.id for e in line.events if e.day == period.period and e.counted]
            data = {"kind": "spike", "dyad": [a, b], "k": spike.k, "window": spike.window, "events": ids}
            data["period"] = asdict(period)
            _raise(run, name, f"{a}-{b} {period.period}", _spike_message(name, a, b, period, spike), data)


def is_spike(period: Period, spike: Spike, history: int) -> bool:
    """The day's tension k standard deviations above its baseline, with conflict in it, on a dyad
    with `history` events in the window before (at least the rule's min_history)."""
    return (
        period.z is not None
        and history >= spike.min_history
        and period.z >= spike.k
        and period.events >= max(spike.min_events, 1)
        and period.conflictual > 0
    )


# -- raising ----------------------------------------------------------------------------------


def dedup_key(rule: str, subject: str) -> str:
    return hashlib.sha256(f"{rule}\x1f{subject}".encode()).hexdigest()


def _raise(run: LinkRun, rule: str, subject: str, message: str, data: dict) -> None:
    dedup = dedup_key(rule, subject)
    if run.conn.execute(select(AlertRow.id).where(AlertRow.dedup == dedup)).first() is not None:
        return
    values = {
        "rule": rule,
        "dedup": dedup,
        "subject": subject,
        "message": message,
        "data": {"rule": rule, **data},
        "at": utcnow(),
        "delivered_at": None,
        "attempts": 0,
        "last_error": None,
    }
    alert_id = run.conn.execute(insert(AlertRow).values(**values).returning(AlertRow.id)).scalar_one()
    run.report.add("alerts")
    run.report.alerts.append(RaisedAlert(id=alert_id, rule=rule, subject=subject, message=message))


def _event_message(rule: str, event: Touched) -> str:
    row = event.row
    way = f"{row.source or '?'}→{row.target or '?'}"
    origins = f"{row.independent_origins} independent origin{'s' if row.independent_origins != 1 else ''}"
    quote = next((r.evidence for r in event.reports if r.evidence), "")
    quote = quote if len(quote) <= 160 else quote[:157] + "…"
    contested = ", contested" if row.contested else ""
    return f"{rule}: {row.plover} {way} on {row.day or 'an unknown day'} ({origins}{contested})" + (
        f': "{quote}"' if quote else ""
    )


def _event_data(event: Touched) -> dict:
    row = event.row
    fields = ("id", "plover", "cameo", "source", "target", "day", "place", "goldstein", "quad_class", "story_id")
    counts = ("n_reports", "n_articles", "n_outlets", "independent_origins", "contested", "grade")
    return {
        "kind": "event",
        "event": {f: getattr(row, f) for f in fields + counts},
        "reports": [
            {
                "article_row_id": r.article_row_id,
                "event": r.event_local_id,
                "modality": r.modality,
                "evidence": r.evidence,
            }
            for r in event.reports
        ],
        "report_keys": [r.key for r in event.reports],
    }


def _spike_message(rule: str, a: str, b: str, period: Period, spike: Spike) -> str:
    return (
        f"{rule}: {a}–{b} tension {period.tension:g} on {period.period}, z {period.z:g} "
        f"(≥ {spike.k:g}) over its {spike.window}-day baseline {period.baseline:g} ± {period.sd:g}; "
        f"{period.events} event{'s' if period.events != 1 else ''}, {period.conflictual} conflictual"
    )

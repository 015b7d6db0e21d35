"""Alerts out: POSTed to the webhook after the linking run commits, and listed for the analyst.

Delivery is at least once: an alert is marked delivered only after the webhook answered 2xx, so
a crash between the two sends it again; receivers tell repeats apart by its `dedup`. An alert the
webhook does not take after `attempts` tries (backoff doubling between them) stays undelivered,
with its last error, and is tried again at the next run; the rest wait too (the endpoint is down:
trying each of them now would only multiply the waiting).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
from sqlalchemy import select, update

from opslens import __version__
from opslens.link.rules import Watchlist
from opslens.link.run import LinkReport
from opslens.store import Store
from opslens.store.schema import AlertRow, utcnow


@dataclass(frozen=True)
class StoredAlert:
    id: int
    rule: str
    subject: str
    message: str
    at: str  # ISO 8601, UTC
    delivered_at: str | None
    attempts: int
    last_error: str | None
    dedup: str
    data: dict


def deliver(
    store: Store, watch: Watchlist, report: LinkReport | None = None, *, sleep: Callable[[float], None] = time.sleep
) -> int:
    """POST every undelivered alert, oldest first; returns how many were delivered."""
    if not watch.webhook:
        return 0
    delivered = 0
    for alert in list_alerts(store, undelivered=True, oldest_first=True):
        error, tries = _post(watch, payload(alert), sleep)
        values: dict = {"attempts": alert.attempts + tries}
        values |= {"delivered_at": utcnow(), "last_error": None} if error is None else {"last_error": error}
        with store.transaction("record an alert's delivery") as conn:
            conn.execute(update(AlertRow).where(AlertRow.id == alert.id).values(**values))
        if error is not None:
            if report is not None:
                report.add("alerts_undelivered", len(list_alerts(store, undelivered=True)))
                report.notes.append(
                    f"webhook {watch.webhook} did not take alert {alert.id} ({error}); "
                    "it and the undelivered alerts after it are kept and sent at the next run"
                )
            break
        delivered += 1
    if report is not None and delivered:
        report.add("alerts_delivered", delivered)
    return delivered


def payload(alert: StoredAlert) -> dict:
    """The JSON a webhook receives."""
    keys = ("id", "rule", "subject", "message", "at", "dedup", "data")
    return {"schema": "opslens.alert/1", **{k: getattr(alert, k) for k in keys}}


def _post(watch: Watchlist, body: dict, sleep: Callable[[float], None]) -> tuple[str | None, int]:
    """(None, tries) once the webhook answered 2xx, else (the last error, tries)."""
    assert watch.webhook is not None
    error = "not tried"
    headers = {"User-Agent": f"OpsLens/{__version__}"}
    tries = max(1, watch.attempts)
    for attempt in range(tries):
        if attempt:
            sleep(watch.backoff * 2 ** (attempt - 1))
        try:
            response = httpx.post(watch.webhook, json=body, timeout=watch.timeout, headers=headers)
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            error = f"{type(exc).__name__}: {exc}"
            continue
        if response.is_success:
            return None, attempt + 1
        error = f"HTTP {response.status_code} {response.reason_phrase}".strip()
    return error, tries


def list_alerts(
    store: Store,
    *,
    since: str | None = None,
    rule: str | None = None,
    undelivered: bool = False,
    limit: int | None = None,
    oldest_first: bool = False,
    before: int | None = None,
) -> list[StoredAlert]:
    """Stored alerts, newest first (ids grow as they are raised); `since`: raised on or after that
    ISO date; `before`: those older than this alert id (the API's next page)."""
    a = AlertRow
    query = select(a.__table__)
    if since:
        moment = datetime.fromisoformat(since)
        query = query.where(a.at >= (moment if moment.tzinfo else moment.replace(tzinfo=UTC)))
    if rule:
        query = query.where(a.rule == rule)
    if undelivered:
        query = query.where(a.delivered_at.is_(None))
    if before is not None:
        query = query.where(a.id > before if oldest_first else a.id < before)
    query = query.order_by(a.id if oldest_first else a.id.desc()).limit(limit)
    with store.reading("list alerts") as conn:
        rows = conn.execute(query).all()
    return [
        StoredAlert(
            id=r.id,
            rule=r.rule,
            subject=r.subject,
            message=r.message,
            at=r.at.isoformat(),
            delivered_at=r.delivered_at.isoformat() if r.delivered_at else None,
            attempts=r.attempts,
            last_error=r.last_error,
            dedup=r.dedup,
            data=r.data,
        )
        for r in rows
    ]

"""Merged events and their reports written straight into the link tables (the events step's output,
made up), for the timeline and alert tests: a GBR–RUS series over ten days of January 2022."""

from __future__ import annotations

from sqlalchemy import insert

from opslens.contract import Analysis, Event, Span
from opslens.store import Store
from opslens.store.schema import EventReportRow, MergedEventRow, pair_of, utcnow
from tests.store.store_samples import TRUSS_TEXT, make_analysis

# (id, day, source, target, plover, goldstein, quad class, independent origins, modality of its report)
SERIES = [
    ("m01", "2022-01-01", "GBRGOV", "RUSGOV", "CONSULT", 1.0, 1, 1, "asserted"),
    ("m02", "2022-01-03", "RUSGOV", "GBRGOV", "ACCUSE", -1.0, 3, 2, "reported"),
    ("m03", "2022-01-05", "GBR", "RUS", "AGREE", 3.0, 1, 1, "asserted"),
    ("m04", "2022-01-05", "RUSMED", "GBRGOV", "ACCUSE", -2.0, 3, 1, "reported"),
    ("m05", "2022-01-06", "RUSMIL", "GBR", "ASSAULT", -10.0, 4, 1, "denied"),  # denied: listed, not counted
    ("m06", "2022-01-07", "RUSMIL", "GBRMIL", "THREATEN", -4.4, 3, 3, "reported"),
    ("m07", "2022-01-07", "GBRGOV", "FRAGOV", "ACCUSE", -5.0, 3, 1, "asserted"),  # another dyad
    ("m08", "2022-01-08", "GBRGOV", "RUSGOV", "CONSULT", 1.0, 1, 1, "planned"),
    ("m09", "2022-01-10", "USAGOV", "RUSGOV", "SANCTION", -4.0, 4, 2, "asserted"),  # another dyad
]


def merged_row(event_id, day, source, target, plover, goldstein, quad, origins, *, story=None) -> dict:
    return {
        "id": event_id,
        "plover": plover,
        "cameo": None,
        "source": source,
        "target": target,
        "pair": pair_of(source, target),
        "day": day,
        "place": None,
        "goldstein": goldstein,
        "quad_class": quad,
        "story_id": story,
        "n_reports": origins,
        "n_articles": origins,
        "n_outlets": origins,
        "independent_origins": origins,
        "contested": False,
        "grade": "reported",
        "why": "made up for a test",
        "data": {},
        "updated_at": utcnow(),
    }


def article_with_events(text: str, events: list[Event], title: str) -> Analysis:
    analysis = make_analysis(text, entities=[] if "Truss" not in text else None, title=title)
    analysis.events = events
    return analysis


def event(local_id: str, text: str, words: str, plover: str = "ACCUSE", source=None, target=None) -> Event:
    from opslens.contract import ActorRef

    start = text.index(words)
    return Event(
        id=local_id,
        plover=plover,
        source_actor=ActorRef(entity=source) if source else None,
        target_actor=ActorRef(entity=target) if target else None,
        evidence=Span(start=start, end=start + len(words), text=words),
    )


def store_series(store: Store, series=SERIES, story: str | None = None) -> list[int]:
    """One stored article per merged event (its report "v1"); returns the articles' row ids."""
    rows = []
    for n, (event_id, day, source, target, plover, goldstein, quad, origins, modality) in enumerate(series):
        text = f"Report {n}: {source} and {target}, {plover.lower()} on {day}.\n"
        analysis = article_with_events(text, [event("v1", text, plover.lower())], f"Report {n}")
        row_id = store.save(analysis, analyzer_version="test")
        put(store, [merged_row(event_id, day, source, target, plover, goldstein, quad, origins, story=story)])
        report(store, event_id, row_id, "v1", modality, plover.lower())
        rows.append(row_id)
    return rows


def put(store: Store, rows: list[dict]) -> None:
    with store.transaction("put merged events") as conn:
        conn.execute(insert(MergedEventRow), rows)


def report(
    store: Store, merged_id: str, row_id: int, local_id: str, modality: str = "asserted", text: str = ""
) -> None:
    values = {
        "merged_event_id": merged_id,
        "article_row_id": row_id,
        "event_local_id": local_id,
        "modality": modality,
        "evidence": {"start": 0, "end": len(text), "text": text},
        "chain": [],
        "origin": f"article {row_id}",
    }
    with store.transaction("put an event report") as conn:
        conn.execute(insert(EventReportRow), [values])


__all__ = ["SERIES", "TRUSS_TEXT", "article_with_events", "event", "merged_row", "put", "report", "store_series"]

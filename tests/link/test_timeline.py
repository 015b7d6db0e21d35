"""Timelines over merged events: a made-up GBR–RUS series (tests/link/timeline_samples.py) with
exact daily tension values, baselines and z-scores, both directions, weeks, stories, entities, and
the command's table, JSONL and CSV."""

from __future__ import annotations

import csv
import io
import json
import random
from datetime import date, timedelta

import pytest
from sqlalchemy import update
from typer.testing import CliRunner

from opslens.cli.main import app
from opslens.cli.timeline import sparkline
from opslens.link.tension import WINDOW, Scored, period_of, period_start, periods_between, series, side
from opslens.link.timeline import Selection, timeline
from opslens.store.schema import MergedEventRow
from tests.link.timeline_samples import TRUSS_TEXT, article_with_events, event, merged_row, put, report, store_series


def line(store, **given):
    with store.reading("timeline") as conn:
        return timeline(conn, Selection(**given))


@pytest.fixture
def series_store(store):
    store_series(store)
    return store


def test_daily_tension_of_a_dyad_both_directions(series_store):
    got = line(series_store, dyad=("GBR", "RUS"), window=7)
    assert [(p.period, p.events, p.tension) for p in got.periods] == [
        ("2022-01-01", 1, -1.0),  # talks: cooperation 1
        ("2022-01-02", 0, 0.0),
        ("2022-01-03", 1, 1.0),  # an accusation, Russia → Britain
        ("2022-01-04", 0, 0.0),
        ("2022-01-05", 2, -1.0),  # agreement 3 against accusation 2
        ("2022-01-06", 0, 0.0),  # the assault is only denied: listed, not counted
        ("2022-01-07", 1, 4.4),  # a threat; the GBR–FRA accusation that day is another dyad
        ("2022-01-08", 1, -1.0),  # planned talks count
    ]
    by_day = {p.period: p for p in got.periods}
    assert (by_day["2022-01-02"].baseline, by_day["2022-01-02"].z) == (None, None)  # one day of history
    assert (by_day["2022-01-03"].baseline, by_day["2022-01-03"].sd, by_day["2022-01-03"].z) == (-0.5, 0.5, 1.5)
    assert (by_day["2022-01-07"].baseline, by_day["2022-01-07"].sd, by_day["2022-01-07"].z) == (-0.167, 0.687, 4.567)
    assert (by_day["2022-01-05"].conflict, by_day["2022-01-05"].cooperation) == (2.0, 3.0)
    assert by_day["2022-01-05"].plover == {"AGREE": 1, "ACCUSE": 1}
    events = {e.id: e for e in got.events}
    assert sorted(events) == ["m01", "m02", "m03", "m04", "m05", "m06", "m08"]
    assert (events["m01"].direction, events["m02"].direction, events["m06"].direction) == (
        "GBR→RUS",
        "GBR←RUS",
        "GBR←RUS",
    )
    assert (events["m05"].counted, events["m05"].modalities) == (False, ("denied",))
    assert (events["m08"].counted, events["m08"].modalities) == (True, ("planned",))


def test_actor_codes_weeks_origins_and_the_shown_range(series_store):
    military = line(series_store, dyad=("RUSMIL", "GBR"))
    assert [e.id for e in military.events] == ["m05", "m06"]  # RUSMIL, not RUSGOV or RUSMED
    weeks = line(series_store, dyad=("RUS", "GBR"), by="week")
    assert [(p.period, p.tension) for p in weeks.periods] == [("2021-W52", -1.0), ("2022-W01", 3.4)]
    sourced = line(series_store, dyad=("GBR", "RUS"), min_origins=2)
    assert [(p.period, p.tension) for p in sourced.periods] == [
        ("2022-01-03", 1.0),
        ("2022-01-04", 0.0),
        ("2022-01-05", 0.0),
        ("2022-01-06", 0.0),
        ("2022-01-07", 4.4),
    ]
    shown = line(series_store, dyad=("GBR", "RUS"), window=7, since="2022-01-06", until="2022-01-07")
    assert [(p.period, p.z) for p in shown.periods] == [("2022-01-06", 0.2), ("2022-01-07", 4.567)]  # history kept
    assert [e.id for e in shown.events] == ["m05", "m06"]


def test_story_and_entity_timelines(store):
    store_series(store)
    with store.transaction("put events in a story") as conn:
        conn.execute(update(MergedEventRow).where(MergedEventRow.id.in_(["m06", "m07"])).values(story_id="s1"))
    story = line(store, story="s1")
    assert [(e.id, e.direction) for e in story.events] == [("m06", None), ("m07", None)]
    assert [(p.period, p.conflictual, p.tension) for p in story.periods] == [("2022-01-07", 2, 9.4)]
    talks = article_with_events(
        TRUSS_TEXT, [event("v1", TRUSS_TEXT, "talks", "CONSULT", source="e1", target="e2")], "Truss to visit Moscow"
    )
    row_id = store.save(talks, analyzer_version="test")
    put(store, [merged_row("t1", "2022-01-23", "GBRGOV", "RUSGOV", "CONSULT", 1.0, 1, 1)])
    report(store, "t1", row_id, "v1", "planned", "talks")
    assert [(e.id, e.direction) for e in line(store, entity="truss").events] == [("t1", "source")]  # an alias
    assert [(e.id, e.direction) for e in line(store, entity="Sergei Lavrov").events] == [("t1", "target")]
    assert line(store, entity="TASS").events == []  # named in the article, but no actor of its event
    assert line(store, entity="Boris Johnson").events == []


def test_the_index_rules():
    assert [side(-2.0, 3), side(3.0, 1), side(-0.1, 0), side(-1.5, None), side(2.0, None), side(None, None)] == [
        "conflict",
        "cooperation",
        None,
        "conflict",
        "cooperation",
        None,
    ]
    assert period_of("2022-01-02", "week") == "2021-W52" and period_of("2022-01-03", "week") == "2022-W01"
    flat = series([Scored("2022-03-01", 1.0, 1), Scored("2022-03-04", -3.0, 4)], "day", window=3)
    assert [(p.period, p.baseline, p.sd, p.z) for p in flat.__iter__()] == [
        ("2022-03-01", None, None, None),
        ("2022-03-02", None, None, None),
        ("2022-03-03", -0.5, 0.5, 0.5),
        ("2022-03-04", -0.333, 0.471, 3.333),  # sd below 1 Goldstein point counts as 1
    ]


def test_events_dated_only_to_a_year_or_month_stand_on_no_day():
    events = [Scored("2008", -10.0, 4), Scored("2016-09", -10.0, 4), Scored("2016-09-26", -10.0, 4)]
    (only,) = series(events, "day")
    assert (only.period, only.events, only.tension) == ("2016-09-26", 1, 10.0)
    assert [p.period for p in series(events, "week")] == ["2016-W39"]


def test_sparkline():
    assert sparkline([-1, 0, 1, 0, -1, 0, 4.4, -1]) == "▁▂▄▂▁▂█▁"
    assert sparkline([0, 0]) == "▁▁" and sparkline([]) == ""


def test_the_command(series_store, store_url):
    runner = CliRunner()
    got = runner.invoke(app, ["timeline", "GBR", "RUS", "--window", "7", "--format", "jsonl", "--db", store_url])
    assert got.exit_code == 0, got.output
    rows = [json.loads(x) for x in got.stdout.splitlines()]
    assert [(r["period"], r["tension"], r["z"]) for r in rows][6] == ("2022-01-07", 4.4, 4.567)
    args = ["timeline", "GBR", "RUS", "--window", "7", "--latest", "2", "--format", "jsonl", "--db", store_url]
    latest = [json.loads(x) for x in runner.invoke(app, args).stdout.splitlines()]
    assert [(r["period"], r["tension"], r["z"]) for r in latest] == [
        (r["period"], r["tension"], r["z"]) for r in rows[-2:]
    ]
    got = runner.invoke(app, ["timeline", "gbr", "rus", "--events", "--format", "csv", "--db", store_url])
    table = list(csv.DictReader(io.StringIO(got.stdout)))
    assert [(r["day"], r["direction"], r["plover"], r["goldstein"]) for r in table][:2] == [
        ("2022-01-01", "GBR→RUS", "CONSULT", "1.0"),
        ("2022-01-03", "GBR←RUS", "ACCUSE", "-1.0"),
    ]
    got = runner.invoke(app, ["timeline", "GBR", "RUS", "--format", "table", "--db", store_url], env={"COLUMNS": "160"})
    assert got.stdout.splitlines()[:2] == ["GBR–RUS: 7 events, tension by day", "▁▂▄▂▁▂█▁  -1 … 4.4"]
    assert "2022-01-06" not in got.stdout  # a day without counted events is in the sparkline only
    wrong = runner.invoke(app, ["timeline", "GBR", "--story", "s1", "--db", store_url])
    assert wrong.exit_code == 2 and "one of them" in wrong.stderr


def test_a_timeline_shown_from_a_day_reads_one_window_back_and_equals_the_whole_series():
    """A made-up dyad of 400 days with events on a seeded tenth of them, some only year-dated: the
    periods shown from any day (by day and by week) equal those of the whole series."""
    rng = random.Random(5)
    start = date(2020, 1, 1)
    events = [
        Scored(
            (start + timedelta(days=d)).isoformat(),
            rng.choice([-10.0, -4.4, -2.0, 1.0, 3.0, 7.0]),
            rng.choice([1, 2, 3, 4]),
        )
        for d in range(400)
        if rng.random() < 0.1
    ] + [Scored("2020", -10.0, 4)]
    first = min(e.day for e in events if len(e.day) == 10)
    last = max(e.day for e in events if len(e.day) == 10)
    for by in ("day", "week"):
        whole = series(events, by)
        for since in ("2020-01-03", "2020-02-11", "2020-06-30", "2021-01-20"):
            begin = max(first, period_start(since, WINDOW[by], by))
            part = series(
                [e for e in events if e.day >= begin], by, span=(begin, last, periods_between(first, begin, by))
            )
            shown = period_of(since, by)
            assert [p for p in part if p.period >= shown] == [p for p in whole if p.period >= shown], (by, since)


def test_the_latest_periods_of_a_dyad(series_store):
    whole = line(series_store, dyad=("GBR", "RUS"), window=7)
    latest = line(series_store, dyad=("GBR", "RUS"), window=7, latest=3)
    assert latest.since == "2022-01-06"
    assert latest.periods == whole.periods[-3:]
    assert [e.id for e in latest.events] == ["m05", "m06", "m08"]
    shown = line(series_store, dyad=("GBR", "RUS"), window=7, since="2022-01-05")
    assert shown.periods == whole.periods[-4:]

"""Watchlist alerts: rules from TOML, matched against the merged events a run touched (made-up rows,
tests/link/timeline_samples.py), raised once (a second run, a rebuild, a merge under a new id), and
POSTed to a webhook on loopback after the run, with retries; a failing webhook loses nothing."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest
from sqlalchemy import delete, update

from opslens.errors import ConfigError
from opslens.link import alerts
from opslens.link import update as link_update
from opslens.link.deliver import deliver, list_alerts
from opslens.link.driver import STEPS
from opslens.link.rules import Rule, Spike, Watchlist, load_rules
from opslens.link.run import LinkReport, LinkRun
from opslens.store.schema import EventReportRow, MergedEventRow
from tests.link.timeline_samples import (
    SERIES,
    TRUSS_TEXT,
    article_with_events,
    event,
    merged_row,
    put,
    report,
    store_series,
)

RULES = """
[[rule]]
name = "UK-Russia force"
dyads = [["GBR", "RUS"]]
plover = ["threaten", "ASSAULT"]
modality = ["asserted", "reported"]

[[rule]]
name = "US sanctions, sourced"
countries = ["USA"]
min_origins = 2

[[rule]]
name = "Lavrov"
entities = ["sergei lavrov"]

[[rule]]
name = "UK-Russia spike"
spike = { dyad = ["GBR", "RUS"], k = 2.0, window = 7, min_history = 4 }

[[rule]]
name = "UK-Russia spike, four weeks"
spike = { dyad = ["RUS", "GBR"] }
"""


def run_alerts(store, watchlist: Watchlist, rows: list[int]) -> LinkReport:
    """The alerts step alone, as the driver runs it (the other steps' tables are filled by hand)."""
    report = LinkReport()
    with store.transaction("check alerts") as conn:
        alerts.link(LinkRun(conn=conn, rows=rows, rebuild=False, report=report, watchlist=watchlist))
    return report


@pytest.fixture
def rules(tmp_path):
    path = tmp_path / "watch.toml"
    path.write_text(RULES, encoding="utf-8")
    return load_rules(str(path))


@pytest.fixture
def watched(store):
    """The GBR–RUS series and an article in which Truss is to hold talks with Lavrov."""
    rows = store_series(store)
    talks = article_with_events(
        TRUSS_TEXT, [event("v1", TRUSS_TEXT, "talks", "CONSULT", source="e1", target="e2")], "Truss to visit Moscow"
    )
    truss = store.save(talks, analyzer_version="test")
    put(store, [merged_row("t1", "2022-01-23", "GBRGOV", "RUSGOV", "CONSULT", 1.0, 1, 1)])
    report(store, "t1", truss, "v1", "planned", "talks")
    return store, [*rows, truss]


def test_rules_file(rules):
    assert rules[0] == Rule(
        name="UK-Russia force",
        dyads=(("GBR", "RUS"),),
        plover=("THREATEN", "ASSAULT"),
        modality=("asserted", "reported"),
    )
    assert rules[3].spike == Spike(dyad=("GBR", "RUS"), k=2.0, window=7, min_events=1, min_history=4)
    assert rules[4].spike == Spike(dyad=("RUS", "GBR"), k=2.0, window=28, min_events=1, min_history=5)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[rule]]\nname = "a"\n', "gives no condition (it would fire on every event)"),
        ('[[rule]]\nname = "a"\nplover = ["WAR"]\n', "'WAR' is not a PLOVER category"),
        ('[[rule]]\nname = "a"\ndyads = ["GBR", "RUS"]\n', "a dyad is a pair of codes"),
        ('[[rule]]\nname = "a"\ncountry = ["GBR"]\n', "unknown key(s) ['country']"),
        ('[[rule]]\nname = "a"\nplover = ["AID"]\nspike = { dyad = ["GBR", "RUS"] }\n', "takes no event conditions"),
        ('[[rule]]\nname = "a"\nplover = ["AID"]\n[[rule]]\nname = "a"\nplover = ["AID"]\n', "given twice"),
        ("[[rule]]\nname = \n", "cannot read the rules file"),
    ],
)
def test_mistakes_in_a_rules_file(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_rules(str(path))
    assert message in str(caught.value) and str(path) in str(caught.value)


def test_rules_fire_once_for_what_matches(watched, rules):
    store, rows = watched
    first = run_alerts(store, Watchlist(rules=rules), rows)
    assert [(a.rule, a.subject) for a in first.alerts] == [
        ("UK-Russia force", "m06"),  # the threat; the assault is only denied
        ("US sanctions, sourced", "m09"),
        ("Lavrov", "t1"),
        ("UK-Russia spike", "GBR-RUS 2022-01-07"),  # the four-week window has too little history
    ]
    assert first.counts["alerts"] == 4
    assert (
        first.alerts[0].message
        == 'UK-Russia force: THREATEN RUSMIL→GBRMIL on 2022-01-07 (3 independent origins): "threaten"'
    )
    assert first.alerts[3].message == (
        "UK-Russia spike: GBR–RUS tension 4.4 on 2022-01-07, z 4.567 (≥ 2) over its 7-day baseline -0.167 ± 0.687; "
        "1 event, 1 conflictual"
    )
    stored = {a.subject: a for a in list_alerts(store)}
    assert stored["m06"].data["event"]["independent_origins"] == 3
    assert stored["GBR-RUS 2022-01-07"].data["events"] == ["m06"]
    assert run_alerts(store, Watchlist(rules=rules), rows).alerts == []  # the same run again: nothing new


def test_a_spike_needs_history_on_its_dyad(watched):
    """The same z on a dyad with four counted events in the week before: with the default
    min_history of 5 its baseline means too little, and nothing fires."""
    store, rows = watched
    quiet = Rule(name="UK-Russia spike", spike=Spike(dyad=("GBR", "RUS"), k=2.0, window=7))
    assert run_alerts(store, Watchlist(rules=[quiet]), rows).alerts == []
    told = Rule(name="UK-Russia spike", spike=Spike(dyad=("GBR", "RUS"), k=2.0, window=7, min_history=4))
    assert [a.subject for a in run_alerts(store, Watchlist(rules=[told]), rows).alerts] == ["GBR-RUS 2022-01-07"]


def test_an_event_dated_only_to_a_year_is_no_day_of_a_spike(store):
    """A batch whose only event on the dyad is dated "2008" (a recalled act) checks no day."""
    rows = store_series(store, [("y1", "2008", "GBRGOV", "RUSGOV", "ACCUSE", -2.0, 3, 1, "reported")])
    spike = Rule(name="UK-Russia spike", spike=Spike(dyad=("GBR", "RUS"), k=2.0, window=7, min_history=1))
    assert run_alerts(store, Watchlist(rules=[spike]), rows).alerts == []


def test_an_event_fires_when_a_new_report_makes_it_qualify(store):
    rule = Rule(name="sourced threats", plover=("THREATEN",), min_origins=2)
    rows = store_series(store, [("x1", "2022-02-01", "RUSGOV", "UKRGOV", "THREATEN", -4.4, 3, 1, "reported")])
    assert run_alerts(store, Watchlist(rules=(rule,)), rows).alerts == []
    later = article_with_events(
        "Moscow threatened Kyiv again.\n", [event("v3", "Moscow threatened Kyiv again.\n", "threatened")], "Again"
    )
    row_id = store.save(later, analyzer_version="test")
    report(store, "x1", row_id, "v3", "reported", "threatened")
    with store.transaction("a second origin") as conn:
        conn.execute(update(MergedEventRow).where(MergedEventRow.id == "x1").values(independent_origins=2))
    assert [a.subject for a in run_alerts(store, Watchlist(rules=(rule,)), [row_id]).alerts] == ["x1"]
    assert run_alerts(store, Watchlist(rules=(rule,)), [*rows, row_id]).alerts == []


def test_no_alert_twice_through_a_rebuild(watched, rules):
    store, rows = watched
    assert len(run_alerts(store, Watchlist(rules=rules), rows).alerts) == 4
    link_update(store, rebuild=True)  # empties what is derived; the alerts are kept
    assert len(list_alerts(store)) == 4
    # the rebuilt layer merges the same reports, here under other ids: the rules know their reports
    with store.transaction("empty the events") as conn:
        conn.execute(delete(EventReportRow))
        conn.execute(delete(MergedEventRow))
    again = store_series(store, [(f"new-{s[0]}", *s[1:]) for s in SERIES])
    assert again == rows[:-1]  # the same articles
    put(store, [merged_row("new-t1", "2022-01-23", "GBRGOV", "RUSGOV", "CONSULT", 1.0, 1, 1)])
    report(store, "new-t1", rows[-1], "v1", "planned", "talks")
    assert run_alerts(store, Watchlist(rules=rules), rows).alerts == []  # the spike's subject is its day


def test_the_alerts_step_is_the_last(store):
    assert STEPS[-1] == ("alerts", alerts.link)


# -- the webhook ------------------------------------------------------------------------------


class Hook(BaseHTTPRequestHandler):
    statuses: ClassVar[list[int]] = []  # answers to give, in order; 200 once they run out
    received: ClassVar[list[dict]] = []

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        status = Hook.statuses.pop(0) if Hook.statuses else 200
        Hook.received.append({"status": status, **body})
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def hook():
    Hook.statuses, Hook.received = [], []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/alerts"
    server.shutdown()
    server.server_close()


def test_a_webhook_that_fails_twice_then_takes_the_alert(watched, rules, hook):
    store, rows = watched
    run_alerts(store, Watchlist(rules=rules[:1]), rows)
    Hook.statuses = [500, 503]
    waits: list[float] = []
    assert deliver(store, Watchlist(webhook=hook, attempts=3, backoff=0.01), sleep=waits.append) == 1
    assert [r["status"] for r in Hook.received] == [500, 503, 200]
    assert waits == [0.01, 0.02]
    sent = Hook.received[-1]
    assert (sent["schema"], sent["rule"], sent["subject"], sent["data"]["event"]["plover"]) == (
        "opslens.alert/1",
        "UK-Russia force",
        "m06",
        "THREATEN",
    )
    [alert] = list_alerts(store)
    assert (alert.attempts, alert.last_error, alert.delivered_at is not None) == (3, None, True)
    assert sent["dedup"] == alert.dedup
    assert deliver(store, Watchlist(webhook=hook, backoff=0.01)) == 0 and len(Hook.received) == 3  # sent once


def test_a_failing_webhook_keeps_the_alerts_for_the_next_run(watched, rules, hook):
    store, rows = watched
    run_alerts(store, Watchlist(rules=rules), rows)
    Hook.statuses = [500] * 4
    report = LinkReport()
    watch = Watchlist(webhook=hook, attempts=2, backoff=0.0)
    assert deliver(store, watch, report, sleep=lambda _s: None) == 0
    assert len(Hook.received) == 2  # the first alert's two tries; the others wait for the endpoint
    assert report.counts["alerts_undelivered"] == 4
    assert "kept and sent at the next run" in report.notes[0]
    waiting = list_alerts(store, undelivered=True, oldest_first=True)
    assert [(a.attempts, a.last_error) for a in waiting] == [
        (2, "HTTP 500 Internal Server Error"),
        (0, None),
        (0, None),
        (0, None),
    ]
    # the next run: the driver delivers after linking (nothing to link here), the endpoint is back
    Hook.statuses = [500]
    later = link_update(store, watchlist=Watchlist(webhook=hook, attempts=3, backoff=0.0))
    assert later.counts["alerts_delivered"] == 4
    assert list_alerts(store, undelivered=True) == []
    assert [a.attempts for a in list_alerts(store, oldest_first=True)] == [4, 1, 1, 1]
    assert [r["subject"] for r in Hook.received if r["status"] == 200] == ["m06", "m09", "t1", "GBR-RUS 2022-01-07"]


def test_the_alerts_command(watched, rules, store_url):
    from typer.testing import CliRunner

    from opslens.cli.main import app

    store, rows = watched
    run_alerts(store, Watchlist(rules=rules), rows)
    got = CliRunner().invoke(app, ["alerts", "--rule", "Lavrov", "--format", "jsonl", "--db", store_url])
    assert got.exit_code == 0, got.output
    [line] = [json.loads(x) for x in got.stdout.splitlines()]
    assert (line["subject"], line["delivered_at"], line["data"]["reports"][0]["modality"]) == ("t1", None, "planned")
    got = CliRunner().invoke(app, ["alerts", "--undelivered", "--format", "jsonl", "--db", store_url])
    assert len(got.stdout.splitlines()) == 4


def test_the_settings_name_the_rules_and_the_webhook(tmp_path, monkeypatch):
    from opslens.link.rules import watchlist
    from opslens.settings import load_options

    path = tmp_path / "watch.toml"
    path.write_text(RULES, encoding="utf-8")
    monkeypatch.setenv("OPSLENS_RULES", str(path))
    monkeypatch.setenv("OPSLENS_WEBHOOK", "http://127.0.0.1:9/alerts")
    watch = watchlist(load_options())
    assert watch is not None and [r.name for r in watch.rules][:2] == ["UK-Russia force", "US sanctions, sourced"]
    assert watch.webhook == "http://127.0.0.1:9/alerts"
    monkeypatch.delenv("OPSLENS_RULES")
    monkeypatch.delenv("OPSLENS_WEBHOOK")
    assert watchlist(load_options()) is None
    with pytest.raises(ConfigError, match="the webhook must be an http"):
        watchlist(load_options(webhook="hooks.example.org/alerts"))

"""`opslens watch`: a feed served on loopback, polled with --once, then again with one more entry:
only the new entry is analysed and only its alert is raised; the state is in the store (a restart
analyses nothing twice). SIGTERM stops a running watch after the article it is reading.

The alerts come from the merged events the linking run makes of the analysed pages."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from opslens.cli.main import app
from opslens.store import Store
from opslens.store.schema import WatchSeenRow
from tests.support import ROOT

STORIES = {
    "threat": (
        "Russia warns Britain",
        "Russia threatened Britain with retaliation on Monday over the expulsion of its diplomats, the Kremlin said.",
    ),
    "border": (
        "Moldova reopens Palanca crossing",
        "Moldova reopened the Palanca border crossing on Tuesday after a week-long closure, the border police said.",
    ),
    "shelling": (
        "Kharkiv shelled",
        "Russian troops shelled the Ukrainian city of Kharkiv on Tuesday, killing five civilians, regional "
        "officials said.",
    ),
}
RULES = '[[rule]]\nname = "Russian force"\ncountries = ["RUS"]\nplover = ["THREATEN", "ASSAULT"]\n'


class Site(BaseHTTPRequestHandler):
    entries: ClassVar[list[str]] = []  # the feed's entries, newest first
    slow: ClassVar[dict[str, float]] = {}  # page → seconds to wait before answering
    asked: ClassVar[list[str]] = []
    reading: ClassVar[threading.Event] = threading.Event()  # set when a slow page is asked for

    def do_GET(self):
        Site.asked.append(self.path)
        name = self.path.strip("/").removesuffix(".html").removesuffix("-copy")
        if self.path == "/feed.rss":
            self._send("application/rss+xml", _feed(self.server.server_address[1], Site.entries))
        elif name in STORIES:
            if name in Site.slow:
                Site.reading.set()
                time.sleep(Site.slow[name])
            title, text = STORIES[name]
            page = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{text}</p></article>"
            self._send("text/html", (page + "</body></html>").encode())
        else:
            self.send_error(404)

    def _send(self, kind: str, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def _feed(port: int, names: list[str]) -> bytes:
    items = "".join(
        f"<item><title>{STORIES[n][0]}</title><link>http://127.0.0.1:{port}/{n}.html</link>"
        f"<guid>urn:test:{n}</guid><pubDate>0{len(names) - i} Feb 2022 08:00:00 +0000</pubDate></item>"
        for i, n in enumerate(names)  # newest first, as feeds list them
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'.encode()


@pytest.fixture
def site():
    Site.entries, Site.slow, Site.asked = ["border", "threat"], {}, []
    Site.reading = threading.Event()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/feed.rss"
    server.shutdown()
    server.server_close()


def watch_once(db: str, feed: str, rules) -> tuple[list[dict], str]:
    got = CliRunner().invoke(
        app, ["watch", feed, "--once", "--allow-private", "--rules", str(rules), "--format", "jsonl", "--db", db]
    )
    assert got.exit_code == 0, got.output
    return [json.loads(x) for x in got.stdout.splitlines()], got.stderr


def seen(db: str) -> list[tuple[str, bool]]:
    with Store(db) as store, store.reading("watch state") as conn:
        rows = conn.execute(select(WatchSeenRow.guid, WatchSeenRow.article_row_id).order_by(WatchSeenRow.id))
        return [(guid, row_id is not None) for guid, row_id in rows]


def test_only_new_entries_are_analysed_and_alerts_fire_once(site, store_url, tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text(RULES, encoding="utf-8")
    alerts, log = watch_once(store_url, site, rules)
    assert "poll: 2 new entries, 0 seen before, 2 analysed, 0 failed, 1 alert" in log
    assert [a["rule"] for a in alerts] == ["Russian force"]
    assert alerts[0]["message"].startswith("Russian force: THREATEN RUS→GBR on 2022-01-31")  # "on Monday"
    assert seen(store_url) == [("urn:test:threat", True), ("urn:test:border", True)]  # oldest first
    Site.entries.insert(0, "shelling")
    Site.asked.clear()
    alerts, log = watch_once(store_url, site, rules)
    assert "poll: 1 new entries, 2 seen before, 1 analysed, 0 failed, 1 alert" in log
    assert [a["message"].split(" on ")[0] for a in alerts] == ["Russian force: ASSAULT RUSMIL→UKR"]
    assert Site.asked == ["/feed.rss", "/shelling.html"]  # the pages seen before are not fetched again
    alerts, log = watch_once(store_url, site, rules)
    assert alerts == [] and "poll: 0 new entries, 3 seen before, 0 analysed" in log
    with Store(store_url) as store:
        assert store.count() == 3


def test_the_same_story_under_a_new_guid_is_not_analysed_again(site, sqlite_url, tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text(RULES, encoding="utf-8")
    watch_once(sqlite_url, site, rules)
    base = site.removesuffix("feed.rss")
    feed = _feed(0, ["threat"]).replace(b"http://127.0.0.1:0/", base.encode())
    same_link = tmp_path / "same-link.rss"  # another feed, another guid, the same link
    same_link.write_bytes(feed.replace(b"urn:test:threat", b"urn:other:1"))
    _, log = watch_once(sqlite_url, str(same_link), rules)
    assert "poll: 0 new entries, 1 seen before, 0 analysed" in log
    same_text = tmp_path / "same-text.rss"  # another guid and link, the same story
    same_text.write_bytes(feed.replace(b"urn:test:threat", b"urn:other:2").replace(b"threat.html", b"threat-copy.html"))
    _, log = watch_once(sqlite_url, str(same_text), rules)
    assert "poll: 1 new entries, 1 seen before, 0 analysed" in log  # new by its guid and link, seen by its text
    _, log = watch_once(sqlite_url, str(same_text), rules)
    assert "poll: 0 new entries, 1 seen before, 0 analysed" in log  # now by its guid, without fetching it
    with Store(sqlite_url) as store:
        assert store.count() == 2


def test_every_and_bad_rules(sqlite_url, tmp_path):
    from opslens.link.watch import parse_every

    assert [parse_every(x) for x in ("30s", "15m", "1h", "90")] == [30, 900, 3600, 90]
    got = CliRunner().invoke(app, ["watch", "feed.rss", "--every", "soon", "--db", sqlite_url])
    assert got.exit_code == 2 and "--every takes a duration such as 30s, 15m or 1h, not 'soon'" in got.stderr
    bad = tmp_path / "bad.toml"
    bad.write_text('[[rule]]\nname = "all"\n', encoding="utf-8")
    got = CliRunner().invoke(app, ["watch", "feed.rss", "--once", "--rules", str(bad), "--db", sqlite_url])
    assert got.exit_code == 2 and "gives no condition" in got.stderr


def test_sigterm_stops_after_the_current_article(site, sqlite_url, tmp_path):
    Site.entries[:] = ["shelling", "border", "threat"]  # read oldest first: threat, border, shelling
    Site.slow["border"] = 2.0
    command = [sys.executable, "-m", "opslens", "watch", site, "--every", "1h", "--allow-private", "--db", sqlite_url]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    watcher = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert Site.reading.wait(120), "the watch never asked for the slow page"
        watcher.send_signal(signal.SIGTERM)
        _, err = watcher.communicate(timeout=120)
    finally:
        if watcher.poll() is None:
            watcher.kill()
    assert watcher.returncode == 0, err
    assert "stopped" in err and "2 new entries" not in err
    assert "/shelling.html" not in Site.asked  # the next article was never read
    assert seen(sqlite_url) == [("urn:test:threat", True), ("urn:test:border", True)]
    assert "poll: 3 new entries, 0 seen before, 2 analysed" in err


def test_analyze_prints_each_new_alert_once(sqlite_url, tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text(RULES, encoding="utf-8")
    story = tmp_path / "threat.txt"
    story.write_text(STORIES["threat"][1] + "\n", encoding="utf-8")
    command = ["analyze", "--published", "2022-02-07", "--rules", str(rules), "--format", "jsonl", "--db", sqlite_url]
    got = CliRunner().invoke(app, [*command, str(story)])
    assert got.exit_code == 0, got.output
    assert [x for x in got.stderr.splitlines() if x.startswith("alert:")] == [
        "alert: Russian force: THREATEN RUS→GBR on 2022-02-07 (1 independent origin): "
        f'"{STORIES["threat"][1]}"'  # the event's evidence: its sentence
    ]
    again = CliRunner().invoke(app, [*command, str(story)])
    assert again.exit_code == 0 and "alert:" not in again.stderr

"""GET and PUT /api/rules: the watchlist's TOML file, checked by opslens.link.rules before it
replaces the one the settings name; what fails the check leaves the file as it was."""

from __future__ import annotations

import pytest

from opslens.settings import Options
from opslens.web.app import ServeConfig
from tests.web.conftest import client_for

RULES = """\
[[rule]]
name = "UK-Russia force"
dyads = [["GBR", "RUS"]]
plover = ["THREATEN", "COERCE"]
min_origins = 2
"""
OLD = '[[rule]]\nname = "Lavrov"\nentities = ["Sergei Lavrov"]\n'


@pytest.fixture
def rules_file(tmp_path):
    (tmp_path / "rules").mkdir()
    path = tmp_path / "rules" / "watch.toml"
    path.write_text(OLD, encoding="utf-8")
    return path


@pytest.fixture
def api_rules(tmp_path, rules_file, analyzer):
    config = ServeConfig(store_url=f"sqlite:///{tmp_path / 'o.db'}", options=Options(rules=str(rules_file)))
    with client_for(config, analyzer) as opened:
        yield opened


def test_get_shows_the_file_and_its_rules(api_rules, rules_file):
    body = api_rules.get("/api/rules").json()
    assert body["file"] == str(rules_file)
    assert body["toml"] == OLD
    assert body["problem"] is None
    [rule] = body["rules"]
    assert (rule["name"], rule["entities"], rule["spike"]) == ("Lavrov", ["Sergei Lavrov"], None)


def test_put_checks_and_replaces_the_file(api_rules, rules_file):
    answer = api_rules.put("/api/rules", content=RULES.encode(), headers={"content-type": "application/toml"})
    assert answer.status_code == 200, answer.text
    [rule] = answer.json()["rules"]
    assert (rule["name"], rule["dyads"], rule["plover"], rule["min_origins"]) == (
        "UK-Russia force",
        [["GBR", "RUS"]],
        ["THREATEN", "COERCE"],
        2,
    )
    assert rules_file.read_text(encoding="utf-8") == RULES
    assert api_rules.get("/api/rules").json()["rules"][0]["name"] == "UK-Russia force"
    assert sorted(p.name for p in rules_file.parent.iterdir()) == ["watch.toml"]  # no temporary left


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('[[rule]]\nname = "x"\nplover = ["HUG"]\n', "'HUG' is not a PLOVER category"),
        ('[[rule]]\nname = "x"\ncolour = "red"\n', "unknown key(s) ['colour']"),
        ("[[rule]\n", "cannot read the rules file (the body)"),
        ("", "rules file (the body) holds no [[rule]] table"),
    ],
)
def test_a_bad_rules_file_is_400_and_changes_nothing(api_rules, rules_file, text, says):
    answer = api_rules.put("/api/rules", content=text.encode())
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "bad_parameter"
    assert says in answer.json()["error"]["message"]
    assert rules_file.read_text(encoding="utf-8") == OLD
    assert sorted(p.name for p in rules_file.parent.iterdir()) == ["watch.toml"]


def test_rules_that_are_not_utf8_are_400(api_rules, rules_file):
    answer = api_rules.put("/api/rules", content=b'[[rule]]\nname = "caf\xe9"\n')
    assert answer.status_code == 400
    assert answer.json()["error"]["message"] == "the rules must be UTF-8 text"


def test_a_broken_file_on_disk_is_shown_with_its_problem(api_rules, rules_file):
    rules_file.write_text("[[rule]]\n", encoding="utf-8")
    body = api_rules.get("/api/rules").json()
    assert body["rules"] == []
    assert body["problem"] == f"rules file {rules_file}, rule 1: needs a name"


def test_without_a_rules_file_in_the_settings_put_is_409(api_sqlite):
    assert api_sqlite.get("/api/rules").json() == {"file": None, "toml": "", "rules": [], "problem": None}
    answer = api_sqlite.put("/api/rules", content=RULES.encode())
    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "conflict"

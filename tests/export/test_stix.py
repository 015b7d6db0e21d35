"""The STIX 2.1 bundle: valid for stix2-validator (no errors), the same on every export, with the
objects the store's facts make."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import stix2validator.validator
from stix2validator import ValidationOptions, validate_string

SCHEMAS = Path(__file__).parent / "stix_schemas"  # see its README: the pinned validator ships none


@pytest.fixture
def validate(monkeypatch):
    monkeypatch.setattr(stix2validator.validator, "__file__", str(SCHEMAS / "validator.py"))

    def offline(*args, **kwargs):
        raise AssertionError("the validator tried the network")

    monkeypatch.setattr(stix2validator.validator.requests, "get", offline)

    def run(data: bytes) -> dict:
        return validate_string(data.decode("utf-8"), ValidationOptions(version="2.1")).as_dict()

    return run


def by_type(bundle: dict) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for o in bundle["objects"]:
        found.setdefault(o["type"], []).append(o)
    return found


def test_the_bundle_validates_without_errors(exported, validate):
    data, n = exported("stix")
    assert validate(data) == {"result": True}
    bundle = json.loads(data)
    assert bundle["type"] == "bundle" and len(bundle["objects"]) == n
    objects = by_type(bundle)
    assert len(objects["report"]) == 5  # one per article
    assert sorted(r["relationship_type"] for r in objects["relationship"]) == ["accuse", "accuse", "consult"]
    assert [loc["name"] for loc in objects["location"]] == ["Moscow"] and objects["location"][0]["country"] == "RU"


def test_the_validator_does_check_the_schemas(exported, validate):
    bundle = json.loads(exported("stix")[0])
    report = next(o for o in bundle["objects"] if o["type"] == "report")
    del report["published"]  # required by the report schema
    result = validate(json.dumps(bundle).encode())
    assert result["result"] is False and "published" in json.dumps(result)


def test_the_same_store_gives_the_same_bundle(exported):
    assert exported("stix")[0] == exported("stix")[0]


def test_an_attribution_is_a_note_on_the_event(exported):
    objects = by_type(json.loads(exported("stix", dyad=("GBR", "RUS"))[0]))
    [meeting] = objects["relationship"]
    [note] = [n for n in objects["note"] if n["authors"] == ["Reuters"]]
    assert note["object_refs"] == [meeting["id"]]
    assert note["content"] == "Liz Truss met Sergei Lavrov in Moscow" and note["abstract"] == "According to Reuters"
    names = {i["id"]: i["name"] for i in objects["identity"]}
    assert (names[meeting["source_ref"]], names[meeting["target_ref"]]) == ("Liz Truss", "Sergei Lavrov")
    assert "Evidence: Liz Truss met Sergei Lavrov in Moscow" in meeting["description"]
    assert {"Reuters", "Example Post", "Daily Example"} <= set(names.values())


def test_a_story_is_one_report(exported, validate, db):
    from opslens.link.story_views import list_stories
    from opslens.store import Store

    with Store(db, create=False) as store:
        [story] = [s for s in list_stories(store) if s.title == "Truss meets Lavrov"]
    data, _ = exported("stix", story=story.id)
    assert validate(data) == {"result": True}
    [report] = by_type(json.loads(data))["report"]
    assert report["name"] == "Truss meets Lavrov" and report["published"] == "2022-02-10T00:00:00Z"
    assert len(by_type(json.loads(data))["relationship"]) == 1

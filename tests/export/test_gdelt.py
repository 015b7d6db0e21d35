"""The GDELT 2.0 Event table: 61 tab-separated columns, valid CAMEO codes, quad classes and
Goldstein values, and the exact row of a known merged event."""

from __future__ import annotations

import re

import pytest

from opslens.contract import Place
from opslens.export.gdelt import columns, geo_fields, global_id
from opslens.knowledge.event_codes import cameo_table
from opslens.link.listing import EventFilter, merged_events
from opslens.store import Store


def rows(data: bytes) -> list[list[str]]:
    return [line.split("\t") for line in data.decode("utf-8").splitlines()]


def test_the_column_list_is_the_codebooks():
    cols = columns()
    assert len(cols) == 61
    assert cols[:5] == ("GlobalEventID", "Day", "MonthYear", "Year", "FractionDate")
    assert cols[25:35] == (
        "IsRootEvent",
        "EventCode",
        "EventBaseCode",
        "EventRootCode",
        "QuadClass",
        "GoldsteinScale",
        "NumMentions",
        "NumSources",
        "NumArticles",
        "AvgTone",
    )
    assert cols[51:] == (
        "ActionGeo_Type",
        "ActionGeo_FullName",
        "ActionGeo_CountryCode",
        "ActionGeo_ADM1Code",
        "ActionGeo_ADM2Code",
        "ActionGeo_Lat",
        "ActionGeo_Long",
        "ActionGeo_FeatureID",
        "DATEADDED",
        "SOURCEURL",
    )


def test_every_row_has_61_columns_and_valid_codes(exported, db):
    data, n = exported("gdelt")
    table = rows(data)
    with Store(db, create=False) as store:
        assert n == len(table) == len(merged_events(store, EventFilter(limit=1000)))
    assert n >= 4
    for row in table:
        record = dict(zip(columns(), row, strict=True))
        assert int(record["GlobalEventID"]) > 0
        assert record["EventCode"] in cameo_table()
        assert record["EventRootCode"] == record["EventCode"][:2] and record["EventBaseCode"] == record["EventCode"][:3]
        assert int(record["QuadClass"]) in (1, 2, 3, 4)
        assert -10.0 <= float(record["GoldsteinScale"]) <= 10.0
        assert re.fullmatch(r"\d{8}", record["Day"]) and re.fullmatch(r"\d{14}", record["DATEADDED"])
        assert int(record["NumSources"]) <= int(record["NumMentions"])


def test_the_known_meeting_row_exactly(exported, db):
    with Store(db, create=False) as store:
        [meeting] = merged_events(store, EventFilter(dyad=("GBRGOV", "RUSGOV")))
    [row] = rows(exported("gdelt", dyad=("GBR", "RUS"))[0])
    record = dict(zip(columns(), row, strict=True))
    added = record.pop("DATEADDED")
    assert re.fullmatch(r"20\d{12}", added)
    empty_geo = {f"{side}_{k}": "" for side in ("Actor1Geo", "Actor2Geo") for k in GEO}
    assert record == {
        "GlobalEventID": str(global_id(meeting["id"])),
        **{"Day": "20220210", "MonthYear": "202202", "Year": "2022", "FractionDate": "2022.1123"},
        **actor("Actor1", "GBRGOV", "LIZ TRUSS", "GBR"),
        **actor("Actor2", "RUSGOV", "SERGEI LAVROV", "RUS"),
        **{"IsRootEvent": "1", "EventCode": "040", "EventBaseCode": "040", "EventRootCode": "04"},
        **{"QuadClass": "1", "GoldsteinScale": "1.0", "NumMentions": "2", "NumSources": "2", "NumArticles": "2"},
        "AvgTone": "",
        **empty_geo,
        **{"ActionGeo_Type": "4", "ActionGeo_FullName": "Moscow, Russia", "ActionGeo_CountryCode": "RS"},
        **{"ActionGeo_ADM1Code": "RS48", "ActionGeo_ADM2Code": "", "ActionGeo_Lat": "55.75222"},
        **{"ActionGeo_Long": "37.61556", "ActionGeo_FeatureID": "524901"},
        "SOURCEURL": "https://example.org/truss-lavrov",
    }


GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")


def actor(prefix: str, code: str, name: str, country: str) -> dict[str, str]:
    found = {f"{prefix}{k}": "" for k in ("KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code")}
    found.update({f"{prefix}Type2Code": "", f"{prefix}Type3Code": ""})
    return {
        **found,
        f"{prefix}Code": code,
        f"{prefix}Name": name,
        f"{prefix}CountryCode": country,
        f"{prefix}Type1Code": "GOV",
    }


def test_filters_narrow_the_table(exported):
    accusations = rows(exported("gdelt", plover="ACCUSE")[0])
    assert {r[26] for r in accusations} == {"112"} and len(accusations) == 2
    assert rows(exported("gdelt", since="2030")[0]) == []
    assert [r[5] for r in rows(exported("gdelt", actor="USA")[0])] == ["RUSGOV"]


def test_actor_codes_split_as_gdelt_does():
    from opslens.export.gdelt import actor_fields

    fields = actor_fields("Actor1", "IGOUNOMIL", "UN peacekeepers")
    assert (fields["Actor1CountryCode"], fields["Actor1Type1Code"], fields["Actor1Type2Code"]) == ("", "IGO", "MIL")
    assert fields["Actor1KnownGroupCode"] == "UNO"
    assert global_id("M0") == global_id("M0") < 2**63


def test_is_root_event_means_told_in_the_first_paragraph():
    from opslens.export.gdelt import _in_lead
    from opslens.export.selection import ReportArticle
    from tests.export.samples import LAVROV, TRUSS
    from tests.link.samples import Told, analysis

    sentence = "Liz Truss met Sergei Lavrov in Moscow"
    for text, lead in ((f"Talks began.\n\n{sentence}.\n", False), (f"{sentence}.\nTalks began.\n\nMore.\n", True)):
        a = analysis(text, Told(sentence, "met", "CONSULT", "040", TRUSS, LAVROV), outlet="Example Post")
        start = text.index(sentence)
        first = ReportArticle(1, "v1", a.article.id, None, None, None)  # type: ignore[arg-type]
        assert _in_lead({"reports": [{"evidence": {"start": start}}]}, first, {1: a}) is lead


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        (Place(id="p1", name="Houston", country="USA", geonames_id=4699066, feature="city"), ("3", "US", "USTX")),
        (Place(id="p2", name="France", country="FRA", geonames_id=3017382, feature="country"), ("1", "FR", "FR")),
        (Place(id="p3", name="Kyiv", country="UKR", geonames_id=703448, feature="city"), ("4", "UP", "UP12")),
        (Place(id="p4", name="Nowhere Ridge", country=None, feature="other"), ("4", "", "")),
    ],
)
def test_action_geography_in_gdelt_codes(place, expected):
    """GDELT's geography speaks FIPS 10-4: Ukraine is UP, its capital's division UP12 (GeoNames)."""
    fields = geo_fields("ActionGeo_", place)
    assert (str(fields["ActionGeo_Type"]), fields["ActionGeo_CountryCode"], fields["ActionGeo_ADM1Code"]) == expected

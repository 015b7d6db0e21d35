"""The knowledge files are data an analyst edits: they must stay well-formed and unambiguous."""

from __future__ import annotations


import pycountry

from opslens import knowledge
from opslens.knowledge import countries
from opslens.knowledge import orgs
from opslens.knowledge import check_countries, read_tsv, split_list
from opslens.contract import OrgKind

SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "MED", "BUS", "REL", "EDU", "HLH", "CVL", "OPP", "REB",
           "INS", "LAB", "AGR", "REF", "PTY", "IGO", "NGO", "CRM"}
ISO3 = {c.alpha_3 for c in pycountry.countries} | {"XKX", "SUN"}


def test_countries_file_passes_its_checker():
    path = knowledge.resource("countries.tsv")
    assert check_countries.check(path) == 0


def test_country_lookup_forms():
    assert [countries.lookup(x).iso3 for x in ("U.K.", "Britain", "British", "Kyiv", "Kremlin", "Russia's")] == [
        "GBR", "GBR", "GBR", "UKR", "RUS", "RUS"]
    assert countries.lookup("us") is None and countries.lookup("US").iso3 == "USA"
    assert countries.lookup("Korean") is None  # ambiguous between the two Koreas: left out


def test_organizations_rows_are_valid_and_aliases_unique():
    kinds = set(OrgKind.__args__)
    seen: dict[str, str] = {}
    for row in read_tsv("organizations.tsv"):
        assert row["kind"] in kinds, row
        assert not row["country"] or row["country"] in ISO3, row
        code = row["actor_code"]
        assert not code or (len(code) >= 3 and code.isupper()), row
        for form in [row["name"], *split_list(row["aliases"])]:
            assert seen.setdefault(form, row["name"]) == row["name"], f"{form!r} names two organisations"
    assert orgs.lookup("Agence France-Presse").name == "AFP"


def test_titles_rows_use_known_classes_and_sectors():
    classes = {"head", "portfolio", "modifier", "rank", "status", "filler", "honorific", "convention", "abbreviation"}
    for row in read_tsv("titles.tsv"):
        assert row["class"] in classes, row
        if row["class"] in ("head", "portfolio", "modifier"):
            assert row["value"].rstrip("?!") in SECTORS | {"-"}, row
        if row["class"] == "convention":
            assert set(split_list(row["value"])) <= ISO3, row
        if row["class"] == "status":
            assert row["value"] in ("former", "current"), row


def test_org_kind_words_use_known_kinds():
    kinds = set(OrgKind.__args__)
    for row in read_tsv("org_kinds.tsv"):
        assert row["kind"] in kinds and row["sector"] in SECTORS, row


def test_the_digest_covers_every_data_file_of_the_lexicons():
    from pathlib import Path

    root = Path(str(knowledge.resource()))
    on_disk = sorted(str(p.relative_to(root)) for p in root.rglob("*")
                     if p.is_file() and p.suffix != ".py" and "__pycache__" not in p.parts)
    assert knowledge.files() == on_disk
    assert {"gender_words.tsv", "non_events.tsv", "models/attribution-cue.crfsuite"} <= set(on_disk)

"""Lookups over the knowledge files, and the digest that versions them (each file's schema:
test_lexicon_files.py)."""

from __future__ import annotations

from opslens import knowledge
from opslens.knowledge import countries, orgs


def test_country_lookup_forms():
    assert [countries.lookup(x).iso3 for x in ("U.K.", "Britain", "British", "Kyiv", "Kremlin", "Russia's")] == [
        "GBR",
        "GBR",
        "GBR",
        "UKR",
        "RUS",
        "RUS",
    ]
    assert countries.lookup("us") is None and countries.lookup("US").iso3 == "USA"
    assert countries.lookup("Korean") is None  # ambiguous between the two Koreas: left out


def test_former_states_and_former_names():
    # states gone keep their own former ISO code, as Phoenix codes them; renamed ones are their successor
    forms = ("Yugoslav", "Czechoslovakia", "Soviet", "West Germany", "East German", "Rhodesia", "Ceylon", "Zairean")
    assert [countries.lookup(x).iso3 for x in forms] == ["YUG", "CSK", "SUN", "DEU", "DEU", "ZWE", "LKA", "COD"]


def test_organization_lookup_by_alias():
    assert orgs.lookup("Agence France-Presse").name == "AFP"


def test_the_digest_covers_every_data_file_of_the_lexicons():
    from pathlib import Path

    root = Path(str(knowledge.resource()))
    on_disk = sorted(
        str(p.relative_to(root))
        for p in root.rglob("*")
        if p.is_file() and p.suffix != ".py" and "__pycache__" not in p.parts
    )
    assert knowledge.files() == on_disk
    assert {"gender_words.tsv", "non_events.tsv", "models/attribution-cue.crfsuite"} <= set(on_disk)

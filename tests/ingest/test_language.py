"""Language: English accepted fast, foreign names are not foreign text, other languages refused."""

from __future__ import annotations

import time

import pytest

from opslens.errors import UnsupportedLanguageError
from opslens.ingest import check_english, detect_language
from tests.ingest.conftest import FIXTURES
from tests.support import SEED


@pytest.mark.parametrize(
    "lead",
    [
        "Hungary's Foreign Minister Laszlo Kovacs met Slovak counterpart Eduard Kukan in Bratislava.",
        "Russian President Vladimir Putin met Chinese leader Xi Jinping in Beijing.",
        "Nicolas Sarkozy accused Dominique de Villepin of plotting against him in the Clearstream affair.",
        "Sheikh Tamim bin Hamad Al Thani received Recep Tayyip Erdogan in Doha.",
        "Polish leader Jaroslaw Kaczynski criticised Zbigniew Ziobro and Andrzej Duda in Warszawa.",
        "Talks in Doha.",
    ],
)
def test_short_english_leads_with_foreign_names(lead):
    assert detect_language(lead) == "en"


def test_clear_english_does_not_need_langdetect(monkeypatch):
    import opslens.ingest.language as language

    monkeypatch.setattr(language, "_langdetect", lambda sample: pytest.fail("langdetect was called"))
    assert detect_language(SEED.read_text(encoding="utf-8")) == "en"


@pytest.mark.parametrize(
    ("text", "code", "name"),
    [
        ((FIXTURES / "french.txt").read_text(encoding="utf-8"), "fr", "French"),
        ("Der Bundeskanzler hat am Montag in Berlin mit dem französischen Präsidenten über die Lage gesprochen.", "de", "German"),
        ("Президент России Владимир Путин встретился с председателем КНР Си Цзиньпином в Пекине.", "ru", "Russian"),
    ],
)
def test_other_languages_are_refused(text, code, name):
    with pytest.raises(UnsupportedLanguageError) as caught:
        check_english(text)
    assert str(caught.value) == f"language detected as {code!r} ({name}); OpsLens analyses English only"


def test_french_file_is_an_error_record(read):
    [record] = read(FIXTURES / "french.txt")
    assert record.code == "unsupported_language"
    assert "'fr'" in record.error


def test_detection_is_fast():
    text = SEED.read_text(encoding="utf-8") * 20
    start = time.perf_counter()
    for _ in range(50):
        detect_language(text)
    assert time.perf_counter() - start < 0.5

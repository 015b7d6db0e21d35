"""Language: English accepted cheaply, foreign names are not foreign text, other languages detected and kept."""

from __future__ import annotations

import pytest

from opslens.contract import Article, Published
from opslens.ingest import detect_language
from opslens.ingest.language import language_name
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
        (
            "Der Bundeskanzler hat am Montag in Berlin mit dem französischen Präsidenten über die Lage gesprochen.",
            "de",
            "German",
        ),
        ("Президент России Владимир Путин встретился с председателем КНР Си Цзиньпином в Пекине.", "ru", "Russian"),
    ],
)
def test_other_languages_are_detected(text, code, name):
    assert (detect_language(text), language_name(code)) == (code, name)


def test_a_french_file_is_kept_with_its_language(read):
    """Not refused: its text and metadata are stored; the analysis skips the English-only stages."""
    [article] = read(FIXTURES / "french.txt")
    assert isinstance(article, Article)
    assert article.language == "fr"
    assert article.text == (FIXTURES / "french.txt").read_text(encoding="utf-8").strip()
    assert article.text.startswith("Le ministre des Affaires étrangères a rencontré jeudi à Paris")
    assert (article.title, article.byline, article.credits) == (None, None, [])
    assert article.published == Published()


def test_detection_reads_a_bounded_sample(monkeypatch):
    """What keeps detection cheap on any article: it reads the first SAMPLE_CHARS characters
    only, and clear English never reaches langdetect. Counted, not timed."""
    import opslens.ingest.language as language

    read: list[int] = []
    word = language.WORD

    class Words:  # the word pattern, counting the characters it is given
        def findall(self, text: str) -> list[str]:
            read.append(len(text))
            return word.findall(text)

    monkeypatch.setattr(language, "WORD", Words())
    monkeypatch.setattr(language, "_langdetect", lambda sample: pytest.fail("langdetect was called"))
    text = SEED.read_text(encoding="utf-8") * 20
    assert detect_language(text) == "en"
    assert read == [language.SAMPLE_CHARS] and len(text) > language.SAMPLE_CHARS

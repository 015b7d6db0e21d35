"""HTML pages: trafilatura's text and metadata, the lxml fallback, charsets, pages without text."""

from __future__ import annotations

import pytest

from opslens.contract import Published
from opslens.errors import NoTextError
from opslens.ingest import article_from_html
from opslens.ingest.html import fragment_to_text, lxml_extract
from tests.ingest.conftest import FIXTURES


def test_article_page(read):
    [article] = read(FIXTURES / "article.html")
    assert article.title == "Finland completes border fence pilot"
    assert article.outlet == "Nordic Daily"
    assert article.byline == "Mikko Virtanen"
    assert article.url == "https://nordic-daily.example/finland-fence"
    assert article.published == Published(value="2023-06-20", precision="day", source="metadata", confidence=0.8)
    assert article.text.startswith(
        "Finland has completed the first three kilometres of a fence on its border with Russia"
    )
    assert article.text.endswith('force Russia to take "counter-measures" on its north-western border.')
    for furniture in ("Finland completes border fence pilot", "Home", "Advertisement", "newsletter", "Copyright"):
        assert furniture not in article.text


def test_the_author_of_a_checked_claim_is_not_the_byline(read):
    """A fact check names the author of the claim it checks in an author-classed block; that is a
    phrase about someone ("The … customs agencies"), not the name of whoever wrote the page."""
    [article] = read(FIXTURES / "fact-check.html")
    assert article.title == "Fact check: were the grain convoys stopped?"
    assert article.byline is None
    assert article.text.startswith('"Every grain convoy crossing the Prut was stopped')


def test_a_russian_page_keeps_its_text_and_metadata(read):
    [article] = read(FIXTURES / "russian.html")
    assert article.language == "ru"
    assert (article.title, article.outlet, article.byline) == (
        "Переговоры о зерновом коридоре возобновятся в Стамбуле",
        "Северный вестник",
        "Анна Смирнова",
    )
    assert article.published == Published(value="2023-03-14", precision="day", source="metadata", confidence=0.8)
    assert (article.credits, article.dateline) == (["Reuters"], "Москва")
    assert article.text.startswith("МОСКВА (Reuters) - Представители России и Украины встретятся в Стамбуле")
    assert article.text.endswith("при заключении соглашения прошлым летом.")


def test_given_fields_win_over_page_metadata(options):
    html = (FIXTURES / "article.html").read_text(encoding="utf-8")
    article = article_from_html(
        html,
        id="fi-1",
        url="https://mirror.example/fence",
        published="2023-06-21",
        title="Fence pilot done",
        options=options,
    )
    assert (article.id, article.url, article.title) == ("fi-1", "https://mirror.example/fence", "Fence pilot done")
    assert article.published == Published(value="2023-06-21", precision="day", source="given", confidence=1.0)


def test_broken_html_still_gives_its_paragraphs(read):
    [article] = read(FIXTURES / "broken.html")
    assert article.title == "Georgia protests enter third night"
    assert article.text == (
        "Thousands of protesters gathered outside the Georgian parliament in Tbilisi for a third night on Thursday, "
        'demanding that the government withdraw a draft law on "foreign agents".\n\n'
        "Police used water cannon and tear gas to disperse the crowd late on Wednesday, and the Interior Ministry "
        "said 133 people had been detained.\n\n"
        "President Salome Zourabichvili, who is at odds with the ruling Georgian Dream party, said she would veto "
        "the bill if parliament passed it."
    )


def test_page_without_text_is_no_text(read, options):
    [record] = read(FIXTURES / "empty-body.html")
    assert (record.code, record.error) == ("no_text", "no article text found in the HTML")
    with pytest.raises(NoTextError):
        article_from_html("<html><body><p>Hello.</p></body></html>", options=options)


def test_lxml_fallback_prefers_article_element():
    page = (
        "<html><head><meta property='og:title' content='Chad and Sudan reopen border'><title>x</title></head><body>"
        "<p>Most read: celebrity gossip of the week</p>"
        "<article><h2>Chad and Sudan reopen border</h2><div>Chad reopened its eastern border with Sudan on Monday"
        "<br><br>Aid agencies welcomed the move.</div><script>track()</script></article></body></html>"
    )
    found = lxml_extract(page)
    assert found.title == "Chad and Sudan reopen border"
    assert found.text == (
        "Chad and Sudan reopen border\n\nChad reopened its eastern border with Sudan on Monday\n\n"
        "Aid agencies welcomed the move."
    )


def test_declared_charset_is_used(options):
    body = (
        "<p>Les Échos reported that Élisabeth Borne would meet union leaders in Paris on Monday to discuss "
        "pensions.</p>"
    )
    page = f'<html><head><meta charset="iso-8859-1"><title>Pensions</title></head><body>{body}</body></html>'
    article = article_from_html(page.encode("iso-8859-1"), options=options)
    assert article.text.startswith("Les Échos reported that Élisabeth Borne")


def test_fragment_paragraphs():
    assert fragment_to_text("<p>One <b>bold</b> line.</p>Loose text<br>same paragraph<ul><li>Item</li></ul>") == (
        "One bold line.\n\nLoose text same paragraph\n\nItem"
    )

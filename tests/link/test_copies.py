"""Wire copies: a Reuters report and two outlets' copies of it (a header added, words changed) are
one copy group whose original is the report crediting the agency, in whatever order they arrive."""

from __future__ import annotations

import numpy as np
from alembic import command
from sqlalchemy import func, select

from opslens.link import copies, update
from opslens.store import migrate
from opslens.store.schema import ArticleRow, LinkedArticleRow, MinhashBandRow
from tests.link.samples import plain

BODY = (
    "Britain's Foreign Secretary Liz Truss will travel to Moscow in February for talks with Russian Foreign "
    "Minister Sergei Lavrov, the first such visit in more than four years, the Russian foreign ministry said on "
    "Sunday. The talks come as Western governments accuse Moscow of massing about 100,000 troops near the "
    "border with Ukraine and warn of severe consequences if Russia attacks its neighbour. Russia denies "
    "planning an invasion and says it wants legally binding security guarantees from the West, including a "
    "promise that NATO will never admit Ukraine. Defence Secretary Ben Wallace has also invited his Russian "
    "counterpart Sergei Shoigu to talks in London, though Moscow proposed meeting in Russia instead. Relations "
    "between the two countries have been strained since the poisoning of former spy Sergei Skripal in Salisbury "
    "in 2018, which Britain blamed on Russian military intelligence."
)
AGENCY = "MOSCOW (Reuters) - " + BODY + "\n\nReporting by Mark Trevelyan; Editing by Alex Richardson\n"
# a header added, the dateline dropped, two words changed: still the same report
COPY_1 = "World news in brief\n\nMOSCOW - " + BODY.replace("travel to", "go to").replace("severe", "serious") + "\n"
COPY_2 = BODY.replace("Sunday", "Sunday evening") + "\n\nRead more world news on our website.\n"
# an outlet's copy cut to length: the first three of the report's six sentences, no dateline, a footer
TRIMMED = ". ".join(BODY.split(". ")[:3]) + ".\n\nRead more world news on our website.\n"
OTHER = (
    "The Bank of England raised interest rates for the second time in three months on Thursday, as inflation "
    "climbed to its highest level in nearly thirty years and households braced for a sharp rise in energy bills "
    "this spring. Governor Andrew Bailey said pay rises would have to be moderate."
)


def _save(store, text, outlet, day):
    return store.save(plain(text, outlet=outlet, day=day), analyzer_version="test")


def _groups(store) -> dict[int, int | None]:
    with store.reading("read") as conn:
        return dict(conn.execute(select(LinkedArticleRow.article_row_id, LinkedArticleRow.copy_of)).all())


def test_a_wire_report_and_two_copies_are_one_group_with_the_agency_credit_as_original(store):
    # the copies are published a day before the agency's text is stored: the credit wins over the day
    agency = _save(store, AGENCY, "Example Herald", "2022-01-23")
    first = _save(store, COPY_1, "Daily Example", "2022-01-22")
    second = _save(store, COPY_2, "Example Post", "2022-01-23")
    other = _save(store, OTHER, "Daily Example", "2022-01-23")
    report = update(store)
    assert _groups(store) == {agency: None, first: agency, second: agency, other: None}
    assert report.counts["articles"] == 4
    with store.reading("read") as conn:
        assert conn.execute(select(func.count()).select_from(MinhashBandRow)).scalar_one() == 4 * copies.BANDS


def test_the_group_is_the_same_whatever_the_order_and_members_are_repointed(store):
    first = _save(store, COPY_1, "Daily Example", "2022-01-22")
    second = _save(store, COPY_2, "Example Post", "2022-01-23")
    update(store)
    # without the agency's text, the earliest copy is the original
    assert _groups(store) == {first: None, second: first}
    agency = _save(store, AGENCY, "Example Herald", "2022-01-23")
    update(store)
    assert _groups(store) == {agency: None, first: agency, second: agency}
    # linking everything again changes nothing
    update(store, rebuild=True)
    assert _groups(store) == {agency: None, first: agency, second: agency}


def test_an_agency_outlet_is_the_original_even_without_a_credit_line(store):
    mine = _save(store, COPY_2, "Example Post", "2022-01-21")
    reuters = _save(store, BODY + "\n", "Reuters", "2022-01-23")
    update(store)
    assert _groups(store) == {mine: reuters, reuters: None}


def test_a_copy_cut_to_length_is_a_copy_and_a_quote_is_not(store):
    """The trimmed copy keeps half the report: estimated Jaccard well under 0.7, but all of its
    shingles but the footer's are the report's."""
    short, full = copies.shingles(TRIMMED), copies.shingles(AGENCY)
    estimate = copies.similarity(copies.sign(TRIMMED), copies.sign(AGENCY))
    assert copies.TRIMMED_FLOOR <= estimate < copies.THRESHOLD
    assert copies.contained(short, full)
    assert not copies.contained(copies.shingles(" ".join(BODY.split()[:40])), full)  # 36 shingles: a quote
    agency = _save(store, AGENCY, "Example Herald", "2022-01-23")
    trimmed = _save(store, TRIMMED, "Daily Example", "2022-01-23")
    other = _save(store, OTHER, "Daily Example", "2022-01-23")
    update(store)
    assert _groups(store) == {agency: None, trimmed: agency, other: None}


def test_migration_0008_rebuilds_the_bands_from_the_stored_signatures(store):
    rows = [_save(store, text, "Daily Example", "2022-01-23") for text in (AGENCY, OTHER)]
    update(store)
    with store.engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), "0007")
        assert conn.execute(select(func.count()).select_from(MinhashBandRow)).scalar_one() == 2 * 21
        command.upgrade(migrate.alembic_config(conn), "head")
    with store.reading("read") as conn:
        signatures = dict(conn.execute(select(LinkedArticleRow.article_row_id, LinkedArticleRow.signature)).all())
        stored = set(conn.execute(select(MinhashBandRow.article_row_id, MinhashBandRow.band, MinhashBandRow.key)).all())
    expected = {
        (row, band, key) for row in rows for band, key in copies.band_keys(np.frombuffer(signatures[row], dtype="<u8"))
    }
    assert stored == expected and len(stored) == 2 * copies.BANDS


def test_signatures_estimate_the_jaccard_similarity_of_shingles():
    a, b, c = copies.sign(AGENCY), copies.sign(COPY_1), copies.sign(OTHER)
    assert a is not None and b is not None and c is not None
    assert copies.similarity(a, b) >= copies.THRESHOLD
    assert copies.similarity(a, c) < 0.1
    assert copies.sign("  ...  ") is None
    assert copies.shingles("Russia denies it") == {b"russia denies it"}
    assert len(copies.band_keys(a)) == copies.BANDS
    assert copies.band_keys(a) == copies.band_keys(copies.sign(AGENCY))  # the seed is fixed


def test_the_text_credit_is_read_when_the_article_lists_none():
    assert copies.text_credits(AGENCY) == ["Reuters"]
    assert copies.is_agency("Reuters") and copies.is_agency("TASS") and not copies.is_agency("Daily Example")


def test_the_stored_signature_is_the_articles(store):
    row = _save(store, AGENCY, "Example Herald", "2022-01-23")
    update(store)
    with store.reading("read") as conn:
        blob = conn.execute(select(LinkedArticleRow.signature).where(LinkedArticleRow.article_row_id == row)).scalar()
        text = conn.execute(select(ArticleRow.text).where(ArticleRow.id == row)).scalar_one()
    assert blob == copies.sign(text).tobytes()

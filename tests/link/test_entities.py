"""Canonical entities across the store, on real analyses of made-up articles (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from opslens.link import update
from opslens.link.curate import merge, split
from opslens.link.names import identify, person_tokens
from opslens.link.profile import EXACT
from opslens.store import open_store
from opslens.store.schema import ArticleRow, CanonicalEntityRow, EntityDecisionRow, EntityLinkRow, EntityRow
from tests.support import article

TEXTS = {
    "lavrov-1": (
        "2022-01-20",
        "Russian Foreign Minister Sergei Lavrov met Chinese Foreign Minister Wang Yi in Moscow on Monday. "
        "Lavrov said the talks had been constructive.",
    ),
    "lavrov-2": ("2022-01-22", "Sergei Lavrov accused Britain of stoking tensions, Russian state media reported."),
    "painter": ("2022-01-23", "The painter Lavrov opened an exhibition in Paris on Thursday, the gallery said."),
    "smith-gbr": ("2022-01-24", "British Defence Secretary John Smith met his French counterpart in London on Friday."),
    "smith-usa": (
        "2022-01-25",
        "U.S. Senator John Smith criticised the Pentagon budget on Monday, according to his office.",
    ),
    "cpj-1": (
        "2022-01-26",
        "The Committee to Protect Journalists (CPJ) condemned the arrest of two reporters in Minsk on Tuesday.",
    ),
    "cpj-2": ("2022-01-27", "The CPJ said on Wednesday that the reporters had been released."),
    "clintons": (
        "2022-01-28",
        "Former President Bill Clinton and Secretary of State Hillary Clinton arrived in Haiti on Monday.",
    ),
}


@pytest.fixture(scope="module")
def analyses(analyzer):
    return {name: analyzer.analyze(article(text, day)) for name, (day, text) in TEXTS.items()}


def save(store, analyses, names) -> None:
    for name in names:
        store.save(analyses[name], analyzer_version="test")


def canonical(store) -> dict[str, dict]:
    """Every canonical entity in some article, by key."""
    with store.reading("test") as conn:
        rows = conn.execute(select(CanonicalEntityRow).where(CanonicalEntityRow.n_articles > 0)).all()
    return {
        r.key: {
            "name": r.name,
            "type": r.type,
            "country": r.country,
            "actor_code": r.actor_code,
            "aliases": r.aliases,
            "roles": r.roles,
            "n_articles": r.n_articles,
        }
        for r in rows
    }


def links(store) -> dict[tuple[str, str], tuple[str, str]]:
    """(article text's first words, local entity id) → (canonical key, rule)."""
    e, li, c = EntityRow, EntityLinkRow, CanonicalEntityRow
    query = (
        select(ArticleRow.text, e.local_id, c.key, li.rule)
        .join(e, e.article_row_id == ArticleRow.id)
        .join(li, li.entity_row_id == e.id)
        .join(c, c.id == li.canonical_id)
    )
    with store.reading("test") as conn:
        return {(r.text[:30], r.local_id): (r.key, r.rule) for r in conn.execute(query)}


def test_person_keys_keep_what_tells_people_apart():
    assert person_tokens("Hillary Rodham Clinton") == ["hillary", "clinton"]
    assert person_tokens("Donald J. Trump") == ["donald", "trump"]
    assert person_tokens("George H. W. Bush") == ["george", "h", "w", "bush"]
    assert person_tokens("Donald Trump Jr.") == ["donald", "trump", "jr"]
    assert person_tokens("Mr. Martin O’Malley") == ["martin", "omalley"]
    bare = identify("Lavrov", "PERSON", None, None, ["Lavrov"], "ab12.e4")
    assert (bare.block, bare.shared, bare.rule) == ("person:lavrov#ab12.e4", False, "single")
    tied = identify("Lavrov", "PERSON", "RUS", None, ["Sergei Lavrov", "Lavrov"], "ab12.e4")
    assert (tied.block, tied.country, tied.rule) == ("person:sergei lavrov", "RUS", "alias-full-name")
    assert identify("DNC", "ORG", None, None, [], "x").block == "org:democratic party"  # the lexicon's entry
    # initials alone make no acronym: only one the article wrote, and that fits the name it spelled out
    assert identify("Nova Southeastern University", "ORG", None, None, [], "x").block == (
        "org:nova southeastern university"
    )
    assert identify("No State of the Union", "ORG", None, None, ["SOTU"], "x").block == "org:no state of the union"
    assert identify("Nova Southeastern University", "ORG", None, None, ["NSU"], "x").block == "org:nsu"
    assert identify("Britain", "GPE", "GBR", "GBR", [], "x").block == "country:GBR"
    assert identify("Tehran", "GPE", "IRN", "IRN", [], "x").block == "place:tehran"


def test_mentions_of_one_actor_resolve_to_one_entity(store, analyses):
    save(store, analyses, TEXTS)
    report = update(store)
    found = canonical(store)
    lavrov = found["person:sergei lavrov"]
    assert lavrov["name"] == "Sergei Lavrov"
    assert (lavrov["country"], lavrov["actor_code"], lavrov["n_articles"]) == ("RUS", "RUSGOV", 2)
    assert lavrov["aliases"] == ["Lavrov", "Sergei Lavrov"]
    assert [(r["title"], r["first_seen"], r["last_seen"], r["articles"]) for r in lavrov["roles"]] == [
        ("Foreign Minister", "2022-01-20", "2022-01-20", 1)
    ]
    # the painter named only "Lavrov" is nobody else: a bare surname never links across articles
    painter = [k for k in found if k.startswith("person:lavrov#")]
    assert len(painter) == 1 and found[painter[0]]["n_articles"] == 1
    # the same name in two countries: two people
    assert found["person:john smith@GBR"]["n_articles"] == 1
    assert found["person:john smith@USA"]["n_articles"] == 1
    assert "person:john smith" not in found
    # an organisation by its name and by its acronym
    cpj = found["org:cpj"]
    assert (cpj["name"], cpj["n_articles"]) == ("Committee to Protect Journalists", 2)
    assert cpj["aliases"] == ["CPJ", "Committee to Protect Journalists"]
    assert found["person:bill clinton"]["n_articles"] == found["person:hillary clinton"]["n_articles"] == 1
    assert found["country:GBR"]["n_articles"] == 1 and found["people:RUS"]["n_articles"] == 1
    assert links(store)[("Russian Foreign Minister Serge", "e1")] == ("person:sergei lavrov", "full-name")
    assert report.counts["entity_links"] == sum(len(a.entities) for a in analyses.values())


def test_results_do_not_depend_on_ingest_order(store, analyses, tmp_path):
    save(store, analyses, TEXTS)
    update(store)
    with open_store(f"sqlite:///{tmp_path / 'reversed.db'}") as other:
        for name in reversed(list(TEXTS)):  # one article per run, newest first
            save(other, analyses, [name])
            update(other)
        assert links(other) == links(store)
        assert canonical(other) == canonical(store)


def test_a_new_batch_updates_entities_and_the_same_articles_again_change_nothing(store, analyses):
    save(store, analyses, ["lavrov-1", "painter", "cpj-1"])
    update(store)
    before = canonical(store)["person:sergei lavrov"]
    assert before["n_articles"] == 1
    save(store, analyses, ["lavrov-2", "cpj-2"])
    report = update(store)
    assert report.counts["articles"] == 2
    after = canonical(store)
    assert after["person:sergei lavrov"]["n_articles"] == 2
    assert after["org:cpj"]["n_articles"] == 2
    save(store, analyses, ["lavrov-1", "lavrov-2", "painter", "cpj-1", "cpj-2"])  # analysed again
    update(store)
    assert canonical(store) == after


def test_a_second_country_splits_a_block_and_the_country_less_mentions_follow_the_lead(store, analyzer):
    texts = [
        ("2022-02-01", "John Smith said on Monday that the report was wrong."),
        ("2022-02-02", "U.S. Senator John Smith criticised the Pentagon budget on Monday, according to his office."),
        ("2022-02-03", "U.S. Senator John Smith voted against the bill on Tuesday, his office said."),
        ("2022-02-04", "British Defence Secretary John Smith met his French counterpart in London on Friday."),
    ]
    done = [analyzer.analyze(article(text, day)) for day, text in texts]
    assert next(e for e in done[0].entities if e.name == "John Smith").country is None
    for analysis in done[:2]:
        store.save(analysis, analyzer_version="test")
    update(store)
    assert canonical(store)["person:john smith"]["n_articles"] == 2  # one country so far: one person
    for analysis in done[2:]:
        store.save(analysis, analyzer_version="test")
    update(store)
    found = canonical(store)
    assert "person:john smith" not in found
    assert found["person:john smith@USA"]["n_articles"] == 3  # two naming USA, one naming no country
    assert found["person:john smith@GBR"]["n_articles"] == 1


def test_merge_and_split_are_recorded_and_survive_a_rebuild(store, analyses):
    save(store, analyses, TEXTS)
    update(store)
    painter = next(k for k in canonical(store) if k.startswith("person:lavrov#"))
    decision = merge(store, "Sergei Lavrov", painter, why="the same man, says the gallery's catalogue")
    assert decision.evidence["subject"]["key"] == "person:sergei lavrov"
    assert decision.evidence["other"]["name"] == "Lavrov"
    found = canonical(store)
    assert painter not in found and found["person:sergei lavrov"]["n_articles"] == 3
    update(store, rebuild=True)
    found = canonical(store)
    assert painter not in found and found["person:sergei lavrov"]["n_articles"] == 3
    undone = split(store, "person:sergei lavrov")
    assert (undone.action, undone.subject, undone.other) == ("split", "person:sergei lavrov", painter)
    assert canonical(store)[painter]["n_articles"] == 1
    update(store, rebuild=True)
    found = canonical(store)
    assert found[painter]["n_articles"] == 1 and found["person:sergei lavrov"]["n_articles"] == 2
    with store.reading("test") as conn:
        kept = conn.execute(select(EntityDecisionRow.action).order_by(EntityDecisionRow.id)).scalars().all()
    assert kept == ["merge", "split"]


def copies(analysis, n: int, day: str):
    """The same analysis as n other articles (other sha256, other day)."""
    for i in range(n):
        copy = analysis.model_copy(deep=True)
        copy.article.sha256 = f"{i:02d}{analysis.article.sha256[2:]}"
        copy.article.published.value = day
        yield copy


def test_a_much_mentioned_entity_is_counted_without_counting_its_links_again(store, analyses):
    for copy in copies(analyses["lavrov-2"], EXACT + 2, "2022-02-01"):
        for entity in copy.entities:  # a name no text or dictionary placed (Phoenix knows this one: RUS)
            if entity.name == "Sergei Lavrov":
                entity.country = entity.actor_code = None
        store.save(copy, analyzer_version="test")
    update(store)
    assert canonical(store)["person:sergei lavrov"]["country"] is None
    save(store, analyses, ["lavrov-1"])  # the Foreign Minister, of Russia
    update(store)
    lavrov = canonical(store)["person:sergei lavrov"]
    assert (lavrov["n_articles"], lavrov["country"], lavrov["actor_code"]) == (EXACT + 3, "RUS", "RUSGOV")
    assert lavrov["roles"][0]["title"] == "Foreign Minister"

"""The mention index (which entity or place a word names) and whom a pronoun stands for, with the
two stages' variants: NEARBY (events) and BEFORE_IN_TEXT (attribution sources)."""

from __future__ import annotations

import re

from opslens.contract import Analysis, Article, Entity, PipelineInfo, Place, Role, Span
from opslens.nlp.mentions import (
    BEFORE_IN_TEXT,
    NEARBY,
    PEOPLE,
    Mentions,
    Named,
    antecedent,
    last_named,
    names_the_subject,
    pronoun_gender,
    stands_in_subject,
)

MET = "Ms. Lina Park met Tom Berg in Oslo. He said the talks had failed."
SPOKESMAN = "The ministry's spokesman, Rui Lopes, said Peskov's deputy had resigned."


def named(eid: str, name: str, kind: str, text: str, *words: str, **fields) -> Entity:
    """An entity with a mention at every place the text writes one of `words`."""
    spans = sorted((m.start(), m.end()) for w in words for m in re.finditer(re.escape(w), text))
    return Entity(
        id=eid, name=name, type=kind, mentions=[Span(start=s, end=e, text=text[s:e]) for s, e in spans], **fields
    )


def token(doc, text: str, n: int = 0):
    return [t for t in doc if t.text == text][n]


def test_each_character_of_a_mention_names_its_entity_and_the_first_listed_wins(analyzer):
    doc = analyzer.nlp(MET)
    park = named("e1", "Lina Park", "PERSON", MET, "Lina Park")
    lina = named("e2", "Lina", "PERSON", MET, "Lina")
    oslo = Place(id="p1", name="Oslo", mentions=[Span(start=30, end=34, text="Oslo")])
    mentions = Mentions(doc, [park, lina], [oslo])
    assert mentions.entity_at(token(doc, "Lina")) is park and mentions.entity_at(token(doc, "Park")) is park
    assert mentions.entity_at(token(doc, "Tom")) is None
    assert mentions.place_at(token(doc, "Oslo")) is oslo and mentions.place_at(token(doc, "Park")) is None
    assert mentions.entities_in(doc[0:6]) == [park]


def test_the_people_named_in_order_with_whether_each_stands_as_a_subject(analyzer):
    doc = analyzer.nlp(MET)
    park, berg = (
        named("e1", "Lina Park", "PERSON", MET, "Lina Park"),
        named("e2", "Tom Berg", "PERSON", MET, "Tom Berg"),
    )
    people = Mentions(doc, [park, berg]).named(PEOPLE, names_the_subject)
    assert people == [Named(4, park, True), Named(9, park, True), Named(18, berg, False), Named(22, berg, False)]


def test_an_apposition_names_the_subject_and_an_owner_only_stands_in_it(analyzer):
    doc = analyzer.nlp(SPOKESMAN)
    lopes = named("e1", "Rui Lopes", "PERSON", SPOKESMAN, "Rui Lopes")
    peskov = named("e2", "Peskov", "PERSON", SPOKESMAN, "Peskov")
    mentions = Mentions(doc, [lopes, peskov])
    # "Rui" hangs on the apposition, "Lopes" is it; "Peskov's deputy": Peskov only owns the subject
    assert [n.subject for n in mentions.named(PEOPLE, names_the_subject)] == [False, True, False]
    assert [n.subject for n in mentions.named(PEOPLE, stands_in_subject)] == [False, True, True]


def test_a_persons_sex_comes_from_an_honorific_or_the_head_of_a_title(analyzer):
    doc = analyzer.nlp(MET)
    park, berg = (
        named("e1", "Lina Park", "PERSON", MET, "Lina Park"),
        named("e2", "Tom Berg", "PERSON", MET, "Tom Berg"),
    )
    spokesman = named("e3", "Tom Berg", "PERSON", MET, "Tom Berg", roles=[Role(title="spokesman")])
    both = named("e4", "Lina Park", "PERSON", MET, "Lina Park", roles=[Role(title="spokesman")])
    mentions = Mentions(doc, [park, berg, spokesman, both])
    assert [mentions.gender(e) for e in (park, berg, spokesman, both)] == ["f", None, "m", None]
    assert [pronoun_gender(w) for w in ("she", "her", "he", "his", "him", "it", "they")] == [
        "f",
        "f",
        "m",
        "m",
        "m",
        None,
        None,
    ]


def test_he_is_the_last_subject_nearby_but_not_a_woman_before_in_the_text(analyzer):
    doc = analyzer.nlp(MET)
    park, berg = (
        named("e1", "Lina Park", "PERSON", MET, "Lina Park"),
        named("e2", "Tom Berg", "PERSON", MET, "Tom Berg"),
    )
    mentions = Mentions(doc, [park, berg])
    he = token(doc, "He")
    assert antecedent(he, mentions, NEARBY) is park  # the last subject, whatever "Ms." says
    assert antecedent(he, mentions, BEFORE_IN_TEXT) is berg  # Ms. Park is passed over: the last man named
    assert antecedent(token(doc, "met"), mentions, NEARBY) is None  # not a pronoun


def test_it_stands_for_a_country_or_organisation_only_where_the_variant_says_so(analyzer):
    text = "Norway rejected the offer. It said the terms were unfair."
    doc = analyzer.nlp(text)
    norway = named("e1", "Norway", "GPE", text, "Norway")
    mentions = Mentions(doc, [norway])
    assert antecedent(token(doc, "It"), mentions, NEARBY) is norway
    assert antecedent(token(doc, "It"), mentions, BEFORE_IN_TEXT) is None


def test_nearby_looks_sixty_tokens_back_from_the_pronouns_sentence(analyzer):
    filler = " ".join(["The rain fell on the roofs of the old city all day long."] * 6)
    text = f"Tom Berg arrived. {filler} He left."
    doc = analyzer.nlp(text)
    berg = named("e1", "Tom Berg", "PERSON", text, "Tom Berg")
    mentions = Mentions(doc, [berg])
    he = token(doc, "He")
    assert he.sent.start - 60 > 1  # Tom Berg is further back than that
    assert antecedent(he, mentions, NEARBY) is None
    assert antecedent(he, mentions, BEFORE_IN_TEXT) is berg


def test_the_tokens_a_stage_skips_are_not_antecedents(analyzer):
    text = "Ana Ruiz said “Tom Berg will resign.” He left."
    doc = analyzer.nlp(text)
    ruiz, berg = (
        named("e1", "Ana Ruiz", "PERSON", text, "Ana Ruiz"),
        named("e2", "Tom Berg", "PERSON", text, "Tom Berg"),
    )
    mentions = Mentions(doc, [ruiz, berg])
    he = token(doc, "He")
    assert antecedent(he, mentions, BEFORE_IN_TEXT) is berg  # the subject of the quoted clause
    quoted = frozenset(t.i for t in doc if 14 < t.idx < 37)  # the quotation's words
    assert antecedent(he, mentions, BEFORE_IN_TEXT, quoted) is ruiz


def test_the_last_subject_wins_over_the_last_named_and_fits_may_pass_some_over():
    a, b, c = (Entity(id=i, name=i, type="PERSON") for i in "abc")
    seq = [Named(0, a, True), Named(10, b, False), Named(20, c, True)]
    assert last_named(seq, 15) is a
    assert last_named(seq, 25) is c
    assert last_named(seq, 25, lambda e: e is not c) is a
    assert last_named(seq, 25, lambda e: e is b) is b
    assert last_named(seq, 0) is None


def test_the_index_is_made_once_per_document_and_again_for_other_lists(analyzer):
    doc = analyzer.nlp(MET)
    analysis = Analysis(article=Article(id="t", sha256="-", text=MET), pipeline=PipelineInfo(version="-", model="-"))
    analysis.entities = [named("e1", "Lina Park", "PERSON", MET, "Lina Park")]
    first = Mentions.of(doc, analysis)
    assert Mentions.of(doc, analysis) is first
    analysis.entities = [named("e2", "Tom Berg", "PERSON", MET, "Tom Berg")]
    second = Mentions.of(doc, analysis)
    assert second is not first and second.entity_at(token(doc, "Tom")).id == "e2"

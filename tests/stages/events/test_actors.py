"""The actor reader on made-up sentences, parsed by the session's spaCy pipeline, with the entities
and places the earlier stages would have found given by hand: which phrase is the source and which
the target of an event word, and how each is coded."""

from __future__ import annotations

import re

import pytest
from spacy.tokens import Doc

from opslens.contract import ActorRef, Analysis, Entity, PipelineInfo, Place, Role, Span
from opslens.stages.events.actors import ActorReader, Actors
from opslens.stages.events.clauses import governing_verb, subject_of
from opslens.stages.events.cues import cue_of
from opslens.stages.events.groups import noun_sector, partitive_head
from opslens.stages.events.pronouns import referent
from tests.support import article

# name → (type, country, actor code): what the entities stage gives these names
ENTITIES = {
    "Ghana": ("GPE", "GHA", "GHA"),
    "Togo": ("GPE", "TGO", "TGO"),
    "Mali": ("GPE", "MLI", "MLI"),
    "Algeria": ("GPE", "DZA", "DZA"),
    "Guinea": ("GPE", "GIN", "GIN"),
    "Moscow": ("GPE", "RUS", "RUS"),
    "Ghanaian": ("NORP", "GHA", "GHA"),
    "Moroccan": ("NORP", "MAR", "MAR"),
    "Malian": ("NORP", "MLI", "MLI"),
    "Kwame Mensah": ("PERSON", None, None),  # a president whose country is not written
}
PLACES = {"Lome": "TGO", "Guinea": "GIN", "Ghana": "GHA", "Togo": "TGO", "Mali": "MLI", "Algeria": "DZA"}


def _spans(text: str, words: str) -> list[Span]:
    return [Span(start=m.start(), end=m.end(), text=m.group()) for m in re.finditer(rf"\b{re.escape(words)}\b", text)]


@pytest.fixture(scope="module")
def read(analyzer):
    """text → (doc, analysis, reader): the entities of ENTITIES and places of PLACES the text names,
    numbered in the order of ENTITIES (Ghana is e1, Togo e2, …)."""

    def run(text: str):
        doc = analyzer.nlp(text)
        entities = [
            Entity(
                id=f"e{i}",
                name=name,
                type=etype,
                country=country,
                actor_code=code,
                mentions=_spans(text, name),
                roles=[Role(title="President", sector="GOV")] if etype == "PERSON" else [],
            )
            for i, (name, (etype, country, code)) in enumerate(ENTITIES.items(), 1)
            if name in text
        ]
        places = [
            Place(id=f"p{i}", name=name, country=country, mentions=_spans(text, name))
            for i, (name, country) in enumerate(PLACES.items(), 1)
            if name in text
        ]
        analysis = Analysis(
            article=article(text), pipeline=PipelineInfo(version="test", model="test"), entities=entities, places=places
        )
        return doc, analysis, ActorReader(doc, analysis)

    return run


def word(doc, text: str):
    return next(t for t in doc if t.text == text)


def codes(ref: ActorRef | None):
    if ref is None:
        return None
    return [m.code for m in ref.members] if ref.members else ref.code


def actors_of(read, text: str, event_word: str) -> Actors:
    doc, _, reader = read(text)
    tok = word(doc, event_word)
    cue = cue_of(tok)
    assert cue is not None, event_word
    return reader.for_noun(tok, cue) if cue.pos in ("noun", "object") else reader.for_verb(tok, cue)


def facts(actors: Actors) -> tuple:
    """source code, source entity, target code, target entity, reciprocal, target is a place."""
    src, tgt = actors.source, actors.target
    return (
        codes(src),
        src.entity if src else None,
        codes(tgt),
        tgt.entity if tgt else None,
        actors.reciprocal,
        actors.target_is_place,
    )


# -- a verb's source and target ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, event_word, expected",
    [
        ("Ghana accused Togo of smuggling.", "accused", ("GHA", "e1", "TGO", "e2", False, False)),
        # a passive: the agent acts on the subject
        ("Togo was attacked by Ghana.", "attacked", ("GHA", "e1", "TGO", "e2", False, False)),
        # "to X" names the target
        ("Ghana sent troops to Mali.", "sent", ("GHA", "e1", "MLI", "e3", False, False)),
        # its own troops are the actor's means, not a target: the "from X" is
        ("Ghana withdrew its troops from Togo.", "withdrew", ("GHA", "e1", "TGO", "e2", False, False)),
        # the subject of a demanded clause is the target of the demand
        ("Ghana demanded that Togo withdraw.", "demanded", ("GHA", "e1", "TGO", "e2", False, False)),
        # … and so is the subject of a that-clause of the demand noun the verb carries
        ("Ghana insisted on its demand that Togo withdraw.", "insisted", ("GHA", "e1", "TGO", "e2", False, False)),
        ("Ghana insisted on the fact that it had done nothing.", "insisted", ("GHA", "e1", None, None, False, False)),
        ("Ghana insisted on the demand that Togo made.", "insisted", ("GHA", "e1", None, None, False, False)),
        # an accusation told as a that-clause is aimed at the clause's subject
        ("Ghana charged that Togo had violated the truce.", "charged", ("GHA", "e1", "TGO", "e2", False, False)),
        # a refusal is aimed at the one whose pressure it withstands
        ("Ghana refused to withdraw despite calls from Togo.", "refused", ("GHA", "e1", "TGO", "e2", False, False)),
        ("Ghana rejected the plan despite its flaws.", "rejected", ("GHA", "e1", None, None, False, False)),
        # a group owned by "its/their" is its owner's, with the group's sector
        ("Ghana said its troops had attacked Togo.", "attacked", ("GHAMIL", None, "TGO", "e2", False, False)),
        # … and, as the subject of what its owner tells, no target of the telling: its own
        ("Ghana denied that its troops had attacked Togo.", "denied", ("GHA", "e1", "TGO", "e2", False, False)),
        # troops deployed along a border face the country across it
        ("Ghana deployed troops along its border with Togo.", "deployed", ("GHA", "e1", "TGO", "e2", False, False)),
        ("Ghana deployed troops along the border.", "deployed", ("GHA", "e1", None, None, False, False)),
        # the one who issued the statement accuses (a document: not links leading somewhere)
        ("Ghana tapped the links leading into Togo.", "leading", (None, None, "TGO", "e2", False, False)),
        (
            "Ghana issued a statement on Monday accusing Togo of smuggling.",
            "accusing",
            ("GHA", "e1", "TGO", "e2", False, False),
        ),
    ],
)
def test_the_source_and_target_of_a_verb(read, text, event_word, expected):
    assert facts(actors_of(read, text, event_word)) == expected


def test_a_capital_acting_is_its_government(read):
    assert facts(actors_of(read, "Moscow denied the report.", "denied")) == ("RUSGOV", "e6", None, None, False, False)


def test_a_country_word_inside_a_group_gives_the_group_its_country_and_the_noun_its_sector(read):
    # "authorities" is GOV in lexicons/event_actor_nouns.tsv; "activists" (CVL) name no country:
    # a state acting on them, in a sentence naming no other country, acts on its own people
    assert facts(actors_of(read, "Ghanaian authorities arrested five activists.", "arrested")) == (
        "GHAGOV",
        "e7",
        "GHACVL",
        None,
        False,
        False,
    )
    assert facts(actors_of(read, "Ghanaian authorities arrested five activists from Togo.", "arrested"))[2] == "TGO"


def test_a_partitive_is_read_through_to_its_group(read):
    assert facts(actors_of(read, "A group of Moroccan diplomats visited Algeria.", "visited")) == (
        "MARGOV",
        "e8",
        "DZA",
        "e4",
        False,
        False,
    )


def test_a_group_is_coded_with_the_country_it_is_in(read):
    # no entity is the subject: the rebels are placed by "in Guinea"
    assert facts(actors_of(read, "Rebels in Guinea attacked a convoy.", "attacked")) == (
        "GINREB",
        None,
        None,
        None,
        False,
        False,
    )


def test_a_rebel_group_fighting_a_states_forces_is_of_that_state(read):
    # "Malian soldiers" would be another state's officers for an office-holder; rebels fight at home
    assert facts(actors_of(read, "The rebels captured two Malian soldiers.", "captured")) == (
        "MLIREB",
        None,
        "MLIMIL",
        "e9",
        False,
        False,
    )


def test_a_named_group_an_act_of_purpose_was_prepared_for_does_it(read):
    assert facts(actors_of(read, "Ghana trained Malian rebels to fight Togo.", "fight")) == (
        "MLIREB",
        "e9",
        "TGO",
        "e2",
        False,
        False,
    )
    # an unnamed one does not: the trainer is the subject the infinitive shares
    assert facts(actors_of(read, "Ghana trained the militia to fight Togo.", "fight")) == (
        "GHA",
        "e1",
        "TGO",
        "e2",
        False,
        False,
    )


# -- mutual acts ------------------------------------------------------------------------------------
def test_coordinated_signers_are_one_reciprocal_source(read):
    actors = actors_of(read, "Ghana and Togo signed a treaty.", "signed")
    assert facts(actors) == (["GHA", "TGO"], "e1", None, None, True, False)
    assert actors.source is not None and [m.entity for m in actors.source.members or []] == ["e1", "e2"]


def test_talks_with_a_partner_are_reciprocal(read):
    assert facts(actors_of(read, "Ghana held talks with Togo.", "talks")) == (
        ["GHA", "TGO"],
        "e1",
        None,
        None,
        True,
        False,
    )


def test_an_act_between_two_sides_with_no_one_else_is_reciprocal(read):
    assert facts(actors_of(read, "The talks between Ghana and Togo collapsed.", "talks")) == (
        ["GHA", "TGO"],
        "e1",
        None,
        None,
        True,
        False,
    )
    # a third party's act between them keeps both as its target
    assert facts(actors_of(read, "Mali offered to mediate between Ghana and Togo.", "mediate"))[:3] == (
        "MLI",
        "e3",
        ["GHA", "TGO"],
    )


def test_talks_a_trip_was_made_for_are_held_by_who_made_it(read):
    assert facts(actors_of(read, "A Ghanaian delegation arrived in Lome for talks with Togo.", "talks")) == (
        ["GHAGOV", "TGO"],
        "e7",
        None,
        None,
        True,
        False,
    )
    # a call for talks is no trip: the talks have no one holding them yet
    assert facts(actors_of(read, "Ghana called for talks with Togo.", "talks"))[0] is None


# -- a noun's source and target --------------------------------------------------------------------
def test_the_owner_of_an_event_noun_is_its_source_and_on_x_its_target(read):
    assert facts(actors_of(read, "Ghana's sanctions on Togo angered Mali.", "sanctions")) == (
        "GHA",
        "e1",
        "TGO",
        "e2",
        False,
        False,
    )


def test_the_place_an_act_is_aimed_at_is_its_target_when_no_actor_is(read):
    assert facts(actors_of(read, "Ghana imposed a curfew in Lome.", "curfew")) == (
        "GHA",
        "e1",
        "TGO",
        None,
        False,
        True,
    )


# -- office-holders and pronouns --------------------------------------------------------------------
def test_an_office_holder_takes_the_one_country_of_the_sentence(read):
    # "President" (GOV) with no country written; the sentence names Ghana only
    assert facts(
        actors_of(read, "President Kwame Mensah threatened to ban Ghanaian opposition candidates.", "ban")
    ) == ("GHAGOV", "e10", "GHAOPP", "e7", False, False)


def test_a_country_inferred_from_the_sentence_is_dropped_when_the_other_side_is_that_country(read):
    # most often an act across a border: the president is not Ghana's
    assert facts(actors_of(read, "President Kwame Mensah praised Ghana.", "praised")) == (
        None,
        "e10",
        "GHA",
        "e1",
        False,
        False,
    )


def test_a_pronoun_subject_of_reported_words_is_the_speaker(read):
    assert facts(actors_of(read, "Ghana said it would sanction Togo.", "sanction")) == (
        "GHA",
        "e1",
        "TGO",
        "e2",
        False,
        False,
    )
    assert facts(actors_of(read, "Kwame Mensah said he would visit Togo.", "visit")) == (
        None,
        "e10",
        "TGO",
        "e2",
        False,
        False,
    )


def test_referent_of_a_pronoun(read):
    doc, _, reader = read("Ghana said it would sanction Togo. Kwame Mensah met officials. He left.")
    it, he = word(doc, "it"), word(doc, "He")
    assert referent(it, reader.codes.mentions) == word(doc, "Ghana")  # the speaker's phrase
    found = referent(he, reader.codes.mentions)  # no speaker: the last person who was a subject
    assert isinstance(found, Entity) and found.id == "e10"


# -- the pieces of an actor phrase ------------------------------------------------------------------
def test_partitive_head_and_noun_sector(read):
    doc, _, _ = read("A group of Moroccan diplomats visited Algeria.")
    group = word(doc, "group")
    assert partitive_head(group).text == "diplomats"
    assert noun_sector(partitive_head(group)) == (True, "GOV")
    assert noun_sector(word(doc, "Algeria")) == (False, None)


def test_subject_of_a_verb_through_the_verbs_it_hangs_from(read):
    doc, _, _ = read("Ghana agreed to provide aid to Togo.")
    assert subject_of(word(doc, "provide")).text == "Ghana"
    assert governing_verb(word(doc, "aid")).text == "provide"


# -- coordinated actors ---------------------------------------------------------------------------
def test_every_part_of_a_list_of_actors_is_a_member(read):
    """spaCy hangs each part of a list on the one before it: the whole chain is the compound."""
    actors = actors_of(read, "Ghana, Togo, Mali and Algeria condemned the coup.", "condemned")
    assert codes(actors.source) == ["GHA", "TGO", "MLI", "DZA"]
    actors = actors_of(read, "Guinea condemned Ghana, Togo and Mali.", "condemned")
    assert (codes(actors.source), codes(actors.target)) == ("GIN", ["GHA", "TGO", "MLI"])


def test_a_mention_drawn_over_two_listed_names_is_both(analyzer):
    """The NER drew "Ghana and Togo" as one entity (with a code guessed for the whole): the names
    the dictionary lists are the parts, each once."""
    text = "Mali praised Ghana and Togo."
    doc = analyzer.nlp(text)
    entities = [
        Entity(id="e1", name="Mali", type="GPE", country="MLI", actor_code="MLI", mentions=_spans(text, "Mali")),
        Entity(
            id="e2",
            name="Ghana and Togo",
            type="FAC",
            country="USA",
            actor_code="USA",
            mentions=_spans(text, "Ghana and Togo"),
        ),
    ]
    analysis = Analysis(article=article(text), pipeline=PipelineInfo(version="test", model="test"), entities=entities)
    tok = word(doc, "praised")
    cue = cue_of(tok)
    assert cue is not None
    actors = ActorReader(doc, analysis).for_verb(tok, cue)
    assert (codes(actors.source), codes(actors.target)) == ("MLI", ["GHA", "TGO"])


def test_a_second_subject_of_one_verb_is_the_rest_of_a_list(analyzer):
    """A parse that splits a list into two subjects of one verb ("Lions, tigers, and Kenya
    condemned Uganda", as spaCy reads some lists of unknown names): the named part is the source."""
    words = ["Lions", ",", "tigers", ",", "and", "Kenya", "condemned", "Uganda", "."]
    doc = Doc(
        analyzer.nlp.vocab,
        words=words,
        spaces=[False, True, False, True, True, True, True, False, False],
        heads=[6, 0, 0, 0, 0, 6, 6, 6, 6],
        deps=["nsubj", "punct", "conj", "punct", "cc", "nsubj", "ROOT", "dobj", "punct"],
        pos=["NOUN", "PUNCT", "NOUN", "PUNCT", "CCONJ", "PROPN", "VERB", "PROPN", "PUNCT"],
        lemmas=["lion", ",", "tiger", ",", "and", "Kenya", "condemn", "Uganda", "."],
    )
    text = doc.text
    entities = [
        Entity(id="e1", name="Kenya", type="GPE", country="KEN", actor_code="KEN", mentions=_spans(text, "Kenya")),
        Entity(id="e2", name="Uganda", type="GPE", country="UGA", actor_code="UGA", mentions=_spans(text, "Uganda")),
    ]
    analysis = Analysis(article=article(text), pipeline=PipelineInfo(version="test", model="test"), entities=entities)
    tok = doc[6]
    cue = cue_of(tok)
    assert cue is not None
    actors = ActorReader(doc, analysis).for_verb(tok, cue)
    assert (codes(actors.source), codes(actors.target)) == ("KEN", "UGA")

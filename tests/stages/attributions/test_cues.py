"""A cue in the parse (cues.py): its lexicon entry and particle, its words, the clauses and
blocks its content may be, whether it is an act that reports nothing or passes words on."""

from __future__ import annotations

from opslens.nlp.spans import Chars, Tokens
from opslens.stages.attributions.cues import (
    an_act,
    clauses,
    cue_of,
    cue_span,
    parenthetical,
    passes_on,
    relayed,
    set_off,
    with_that_conjuncts,
)
from opslens.stages.attributions.found import Found


def word(doc, text: str):
    return next(t for t in doc if t.text == text)


def test_a_verb_with_its_particle_is_one_cue(analyzer):
    doc = analyzer.nlp("He pointed out that the reserves are empty.")
    entry, particle = cue_of(word(doc, "pointed"))
    assert entry.phrase == "point out" and particle.text == "out"
    assert cue_span(word(doc, "pointed"), particle) == Tokens(1, 3)
    (clause,) = clauses(word(doc, "pointed"))
    assert doc[slice(*with_that_conjuncts(word(doc, "pointed"), clause))].text == "that the reserves are empty"


def test_a_cues_words_take_in_auxiliaries_adverbs_when_and_where_and_a_colon(analyzer):
    doc = analyzer.nlp("The minister has also said Monday in a statement: the talks failed.")
    span = cue_span(word(doc, "said"), None)
    assert isinstance(span, Tokens) and doc[slice(*span)].text == "has also said Monday in a statement:"


def test_a_verb_not_in_the_lexicon_has_no_entry(analyzer):
    doc = analyzer.nlp("The minister smiled.")
    assert cue_of(word(doc, "smiled")) == (None, None)


def test_agreed_to_hold_talks_is_an_act_agreed_that_is_a_report(analyzer):
    act = analyzer.nlp("London and Moscow have agreed to hold talks.")
    said = analyzer.nlp("London and Moscow have agreed that talks are needed.")
    assert an_act(act, Tokens(4, 5))
    assert not an_act(said, Tokens(4, 5))


def test_the_clause_before_he_said_is_its_complement(analyzer):
    doc = analyzer.nlp("The deal is done, he said.")
    said = word(doc, "said")
    (clause,) = clauses(said)
    assert doc[slice(*with_that_conjuncts(said, clause))].text == "The deal is done"
    assert not parenthetical(doc, said)  # the parser made "said" the root: no clause to cut it out of


def test_he_said_closing_its_paragraph_sets_off_the_next_one(analyzer):
    doc = analyzer.nlp("He said:\n\nThe talks failed today.\n\nOthers disagreed.")
    block = set_off(doc, word(doc, "said"))
    assert doc[slice(*block)].text == "The talks failed today."
    assert (
        set_off(analyzer.nlp("He said the talks failed."), word(analyzer.nlp("He said the talks failed."), "said"))
        is None
    )


def test_quoted_as_saying_relays_what_saying_governs(analyzer):
    doc = analyzer.nlp("Reuters quoted a senior diplomat as saying that the ceasefire would hold.")
    quoted = word(doc, "quoted")
    assert doc[slice(*relayed(quoted, cue_of(quoted)[0]))].text == "that the ceasefire would hold"


def test_speech_passes_words_on_a_verdict_does_not(analyzer):
    doc = analyzer.nlp("The court dismissed her claim, the lawyer said.")
    dismissed = Found(cue=Tokens(2, 3), content=Chars(16, 27))
    said = Found(cue=Tokens(8, 9), content=Chars(0, 27))
    assert not passes_on(doc, dismissed) and passes_on(doc, said)
    according = analyzer.nlp("According to the ministry, the talks failed.")
    assert passes_on(according, Found(cue=Tokens(0, 2), content=Chars(27, 43)))

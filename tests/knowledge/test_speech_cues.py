"""The speech-cue and gender lexicons as the attribution stage reads them."""

from __future__ import annotations

from opslens.knowledge.gender_words import gender_words
from opslens.knowledge.speech_cues import SAYING, Cue, cue_classes, cue_lexicon, cue_words


def test_a_cue_says_what_its_content_may_be_and_when_it_is_an_act():
    verbs = cue_lexicon("verb")
    assert verbs["say"] == Cue("say", frozenset({"clause"}), "speech")
    assert verbs["agree"].takes == {"clause", "infinitive"} and verbs["agree"].acts == {"infinitive", "prep"}
    assert verbs["quote"].takes == {"relay"} and verbs["quote"].kind == "report"
    assert verbs["call for"].takes == {"prep"}  # a verb with its preposition
    assert cue_lexicon("noun")["claim"].takes == {"clause"} and cue_lexicon() == verbs


def test_the_rules_look_at_the_first_word_of_every_cue_verb_or_noun():
    assert {"say", "call", "point", "claim"} <= cue_words()
    assert "for" not in cue_words() and "according" not in cue_words()  # "according to" is read apart


def test_each_first_word_has_the_class_of_its_first_entry():
    assert cue_classes()["say"] == "speech" and cue_classes()["quote"] == "report"


def test_a_verb_the_lexicon_lacks_reports_a_clause_as_speech():
    assert (SAYING.takes, SAYING.kind, SAYING.acts) == (frozenset({"clause"}), "speech", frozenset())


def test_honorifics_and_titles_say_a_persons_sex():
    assert (gender_words()["ms."], gender_words()["mr."], gender_words()["spokeswoman"]) == ("f", "m", "f")
    assert "chairman" not in gender_words()  # said of women too

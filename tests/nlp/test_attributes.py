"""The attribute rules applied from remembered keys give exactly what spaCy's own ruler gives."""

from __future__ import annotations

import spacy
from spacy import attrs

from opslens.nlp import attributes

ANNOTATION = [attrs.TAG, attrs.POS, attrs.MORPH, attrs.LEMMA, attrs.DEP]
CONTRACTIONS = (
    "Y'all ain't gonna believe it, the mayor said. Let's wait, c'mon. There is a man who gets what he got, "
    "and there were two ministers who didn't sign.\n\n  \n\nWhich one? The one that I saw. I'm gone; we've met."
)
NEWS = (
    "Police in Lagos arrested 40 protesters on Monday, a spokesman for the state government said. "
    "It is not clear whether they have been charged. Do the families know? They do, and they're angry."
)


def parsed(nlp, text: str, rules) -> spacy.tokens.Doc:
    """The text through the pipeline with `rules` in the attribute rules' place."""
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        doc = (rules if name == attributes.CACHED else component)(doc)
    return doc


def test_the_pipeline_runs_the_cached_rules_in_place_of_the_stock_ruler(analyzer):
    names = analyzer.nlp.pipe_names
    assert names.index(attributes.CACHED) == names.index("parser") + 1
    assert attributes.STOCK in analyzer.nlp.disabled


def test_every_token_gets_what_the_stock_ruler_gives(analyzer):
    nlp = analyzer.nlp
    stock = nlp.get_pipe(attributes.STOCK)
    cached = attributes.CachedAttributes(stock)  # a fresh memory: every key is learnt here
    for text in (CONTRACTIONS, NEWS, CONTRACTIONS):  # the second time from memory
        ours, theirs = parsed(nlp, text, cached), parsed(nlp, text, stock)
        assert (ours.to_array(ANNOTATION) == theirs.to_array(ANNOTATION)).all()


def test_rules_of_several_words_and_rules_naming_words_are_applied(analyzer):
    doc = analyzer.nlp(CONTRACTIONS)
    by_text = {t.text: t for t in doc}
    assert [by_text["gon"].lemma_, by_text["na"].lemma_] == ["go", "to"]  # "gon na": a rule of two words
    assert by_text["ai"].lemma_ == "be"
    assert (by_text["n't"].pos_, by_text["n't"].lemma_, str(by_text["n't"].morph)) == ("PART", "not", "Polarity=Neg")
    there_is = next(t for t in doc if t.lower_ == "is" and t.nbor(-1).dep_ == "expl")
    assert there_is.pos_ == "VERB"  # "there is": the rule's second word


def test_a_word_no_rule_names_is_remembered_as_another_word(analyzer):
    cached = attributes.CachedAttributes(analyzer.nlp.get_pipe(attributes.STOCK))
    strings = analyzer.nlp.vocab.strings
    tag, dep = strings.add("RB"), strings.add("neg")
    assert cached._key(tag, dep, 0, strings.add("never")) == cached._key(tag, dep, 0, strings.add("hardly"))
    assert cached._key(tag, dep, 0, strings.add("not")) == (tag, dep, 0, strings["not"])
    assert cached._key(tag, dep, 0, strings.add("nothin'")) == (tag, dep, 0, strings["nothin'"])  # by pattern


def test_the_memory_is_forgotten_at_its_bound_and_stays_right(analyzer, monkeypatch):
    monkeypatch.setattr(attributes, "MAX_REMEMBERED", 5)
    nlp = analyzer.nlp
    stock = nlp.get_pipe(attributes.STOCK)
    cached = attributes.CachedAttributes(stock)
    for text in (NEWS, CONTRACTIONS, NEWS):
        assert (parsed(nlp, text, cached).to_array(ANNOTATION) == parsed(nlp, text, stock).to_array(ANNOTATION)).all()
    assert len(cached.remembered) <= len(nlp.make_doc(NEWS))  # cleared before the last document


def test_rules_testing_anything_else_keep_the_stock_ruler():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"TAG": "NNP"}]], {"POS": "PROPN"})
    assert attributes.CachedAttributes.takes(ruler)
    ruler.add([[{"POS": "NOUN", "LOWER": "cause"}]], {"LEMMA": "cause"})  # a part of speech: not in a key
    attributes.accelerate(nlp)
    assert nlp.pipe_names == [attributes.STOCK]


def test_rules_of_several_words_of_variable_length_keep_the_stock_ruler():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "gon"}, {"LOWER": "na", "OP": "?"}]], {"LEMMA": "go"})
    assert not attributes.CachedAttributes.takes(ruler)

"""The taggers' scores summed column by column (`attribution_scores`) and decoded with numpy
(`linear_chain`) against the feature strings they were trained on, scored and tagged by
CRFsuite itself."""

from __future__ import annotations

import numpy as np
import pycrfsuite
import pytest

from opslens import knowledge
from opslens.stages.attributions import quote_spans, rule_hints
from opslens.stages.attributions.taggers import features as af
from opslens.stages.attributions.taggers import linear_chain, scores
from opslens.stages.attributions.taggers import model as am
from opslens.stages.attributions.taggers.linear_chain import LinearChain
from tests.support import article

# Made-up news copy with the forms the features read: speech verbs with and without "that",
# quotations across sentences and paragraphs, a cited source, pronouns, an outlet.
TEXT = (
    "MANILA — The transport minister said on Tuesday that the new rail line would open in March, "
    "a year later than planned.\n\n"
    "“We found cracks in two of the viaducts. Nobody will ride on them until they are fixed,” he told "
    "reporters at the depot, adding that the contractor had agreed to pay for the repairs.\n\n"
    "According to a senior official at the agency, who asked not to be named, the delay could cost "
    "the state 40 million dollars. The contractor denied that its concrete was at fault and said "
    "the design was to blame.\n\n"
    "Opposition senators have demanded an inquiry. “This is a scandal,” Senator Ana Reyes wrote on "
    "Twitter, accusing the ministry of hiding the reports for months."
)


@pytest.fixture(scope="module")
def info(analyzer) -> af.DocInfo:
    analysis = analyzer.analyze(article(TEXT))
    doc = analyzer.nlp(TEXT)
    return af.DocInfo(doc, quote_spans(TEXT), rule_hints(doc, analysis))


def _model(name: str) -> str:
    return str(knowledge.resource(af.MODELS, name))


def test_the_decoder_reads_crfsuites_model_and_tags_as_crfsuite_does(info):
    chain = LinearChain.load(_model(am.CUE_MODEL))
    tagger = pycrfsuite.Tagger()
    tagger.open(_model(am.CUE_MODEL))
    assert chain.labels == ["O", "B", "C"]
    sentences = [af.cue_features(info, s.start, s.end) for s in info.sents]
    ours = chain.best([chain.scores(x) for x in sentences])
    marginals = chain.marginals([chain.scores(x) for x in sentences])
    for features, labels, probs in zip(sentences, ours, marginals):
        assert labels == tagger.tag(features)
        theirs = np.array([[tagger.marginal(y, t) for y in chain.labels] for t in range(len(features))])
        assert np.allclose(probs, theirs, atol=1e-9)
    said = next(i for i, t in enumerate(info.doc) if t.text == "said")
    assert ours[info.sent[said]][said - info.sents[info.sent[said]].start] == "B"  # the minister "said": a cue


def test_the_cue_taggers_scores_summed_by_column_equal_the_strings_scores(info):
    chain = am._chain(am.CUE_MODEL)
    by_strings = np.vstack([chain.scores(af.cue_features(info, s.start, s.end)) for s in info.sents])
    assert np.allclose(scores.cue_scores(info, chain), by_strings, atol=1e-9)


def test_the_role_taggers_scores_summed_by_group_equal_the_strings_scores(info):
    chain = am._chain(am.ROLE_MODEL)
    assert np.allclose(scores.role_static_scores(info, chain), chain.scores(info.role_static), atol=1e-9)
    cues = am.find_cues(info)
    assert len(cues) >= 6  # said, told, adding, according to, denied, said, demanded, wrote, accusing …
    spans = [am.role_window(info, cue) for cue in cues]
    for cue, span, ours in zip(cues, spans, scores.role_scores(info, chain, cues, spans)):
        assert np.allclose(ours, chain.scores(af.role_features(info, cue, span)), atol=1e-9), info.doc[
            cue[0] : cue[1]
        ].text


def test_the_role_taggers_groups_are_forgotten_between_documents_never_within_one(info, monkeypatch):
    """With room for one group only, every document's groups still keep their own rows while its
    sums are taken (forgetting inside `group` let a later group take an earlier one's row)."""
    chain = am._chain(am.ROLE_MODEL)
    cues = am.find_cues(info)
    spans = [am.role_window(info, cue) for cue in cues]
    monkeypatch.setattr(linear_chain, "MAX_REMEMBERED", 1)
    for _ in range(2):  # the second time starts by forgetting the first's groups
        for cue, span, ours in zip(cues, spans, scores.role_scores(info, chain, cues, spans)):
            assert np.allclose(ours, chain.scores(af.role_features(info, cue, span)), atol=1e-9)
    assert len(chain._group_rows) > 1  # this document's groups, all kept until the next one
    chain.forget_groups()
    assert chain._group_rows == {}


def test_how_each_token_stands_to_the_cue_in_the_tree(info):
    """The vectorised tree relation against `_relation`, for every token of the text and the
    cue "said" of the first sentence."""
    said = next(i for i, t in enumerate(info.doc) if t.text == "said")
    view = af._cue_view(info, (said, said + 1))
    tok = np.arange(len(info.doc))
    tree = scores._tree(scores.codes(info), tok, np.full(len(tok), view.head))
    ours = [tree.names[k] for k in tree.codes]
    assert ours == [af._relation(info, i, view.head, view.head_path, view.head_rank) for i in tok]
    assert ours[said] == "tree=self" and ours[said - 1] == "tree=desc:nsubj"  # "minister"
    assert ours[len(info.doc) - 1] == "tree=other"  # the last paragraph: another sentence's tree

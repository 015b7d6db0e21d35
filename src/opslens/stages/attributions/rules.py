"""What the rules find, in their order: the cues of the lexicon outside quotations with their
content and source (`rules_verbs`, `rules_according`), quotations attached to the cue of their
sentence, speaker lines and signed quotations (`rules_lines`), quotations set off after a colon
(`rules_quotes`); one report per content; then each content widened to its quotation marks,
split around a cue that interrupts it, and carried on into the quotations that follow it.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc

from opslens.contract import Analysis
from opslens.knowledge.speech_cues import cue_words
from opslens.nlp import doc_text, strings_of
from opslens.nlp.quotes import Quote
from opslens.stages.attributions.found import Found, chars_of, direct, inside_quotes
from opslens.stages.attributions.rules_lines import signed_quotes, speaker_lines
from opslens.stages.attributions.rules_quotes import (
    around_quotes,
    continued_quotes,
    quotations_set_off,
    split_around_cue,
    with_quotes,
)
from opslens.stages.attributions.rules_verbs import from_token


def rule_found(doc: Doc, analysis: Analysis, quotes: list[Quote]) -> list[Found]:
    """The reports the rules find, in text order (their spans before the taggers' are merged in)."""
    # cues inside a quotation are the speaker's own words ("I think …"), not the article's sourcing
    inside = inside_quotes(doc, quotes)
    found = [f for i in _cue_candidates(doc) if i not in inside and (f := from_token(doc, doc[i]))]
    found = (
        with_quotes(doc, found, quotes)
        + speaker_lines(doc, analysis.entities)
        + signed_quotes(doc, analysis.entities, quotes)
    )
    found += quotations_set_off(doc, found, quotes)
    found = _unique(sorted(found, key=lambda f: (f.cue[0], f.content[0])))
    for f in found:
        f.content = around_quotes(doc_text(doc), f.content, quotes)
        f.source_chars = around_quotes(doc_text(doc), chars_of(doc, f.source), quotes) if f.source else None
        f.direct = direct(doc_text(doc), [f.content], quotes)
    for f in found:
        split_around_cue(doc, f, quotes)
    continued_quotes(doc, found, quotes)
    return found


def _cue_candidates(doc: Doc) -> list[int]:
    """The tokens whose word the cue lexicon has, or "according" (the rules read no others;
    spaCy makes a Token object at every access, so the rest are skipped by their lemma hashes)."""
    words = cue_words()
    lemmas = strings_of(doc.vocab.strings, lowered=True)
    array = doc.to_array([LEMMA, LOWER])
    distinct, inverse = np.unique(array[:, 0], return_inverse=True)
    cue = np.asarray([lemmas[h] in words for h in distinct.tolist()], dtype=bool)[inverse.reshape(-1)]
    return np.flatnonzero(cue | (array[:, 1] == doc.vocab.strings["according"])).tolist()


def _unique(found: list[Found]) -> list[Found]:
    """One attribution per content: a nested cue that yields the same words is the same report."""
    out: list[Found] = []
    for f in found:
        if any(g.content == f.content for g in out):
            continue
        out.append(f)
    return out

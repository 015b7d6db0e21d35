"""Attributions stage: direct quotes and reported speech, with cue, source, content and chain.

Reported content is found from the dependency parse, PARC-style: a cue word from
`lexicons/speech_cues.tsv` ("said", "told", "warned", "according to") with its source (the
subject, the passive agent, the object of "according to") and its content (the clausal
complement, the infinitive, the object, or the clause around "…, he said"). Quotations that no
cue's content covers are attached to the cue of their sentence. Where the learned taggers are
installed (`taggers/model.py`), they draw the cue, source and content spans, with the rules'
findings among their features. Speakers are then linked to entities and chains built outermost
first ("AFP quoted a source as saying …" gives [AFP, the source]). A cue in a form the lexicon
marks as an act ("agreed to hold talks") is kept, as PolNeAR marks it, but flagged as reporting
nothing.

The steps, in `find_attributions`, each in its module:
  rules.py      what the rules find: verb and noun cues (rules_verbs.py), "according to"
                (rules_according.py), speaker lines and signed quotes (rules_lines.py), quotations
                (rules_quotes.py)
  learned.py    the taggers' spans merged with the rules', then borders.py: where one report ends
                because another begins
  borders.py    a source stops before a relative clause that reports
  cues.py       whether a cue is an act that reports nothing
  speakers.py   who each source is and the chain each report came through (whom a pronoun stands
                for: nlp/mentions.py)
  assemble.py   the records, a report inside another's content embedded in it
found.py holds the record the steps pass along (`Found`) and its ranges; cues.py and subjects.py
read a cue, its content and its source in the parse; sources.py says what kind of source a link is.
"""

from __future__ import annotations

from spacy.tokens import Doc

from opslens.contract import Analysis, Attribution
from opslens.nlp import doc_text
from opslens.nlp.mentions import Mentions
from opslens.nlp.quotes import find_quotes
from opslens.nlp.spans import Chars
from opslens.stages.attributions.assemble import nested
from opslens.stages.attributions.borders import sources_before_reporting_clauses
from opslens.stages.attributions.cues import an_act
from opslens.stages.attributions.found import Found, hint
from opslens.stages.attributions.learned import learned
from opslens.stages.attributions.rules import rule_found
from opslens.stages.attributions.speakers import Speakers
from opslens.stages.attributions.taggers import features as attribution_features
from opslens.stages.attributions.taggers import model as attribution_model

__all__ = ["Found", "find_attributions", "quote_spans", "rule_hints"]


def find_attributions(doc: Doc, analysis: Analysis, taggers: bool = True) -> list[Attribution]:
    """The article's attributions, in text order, each with the ones its content holds embedded."""
    quotes = find_quotes(doc_text(doc))
    found = rule_found(doc, analysis, quotes)
    if taggers and attribution_model.available():
        found = learned(doc, found, quotes)
    sources_before_reporting_clauses(doc, found)  # after the taggers: the rules' sources are their features as found
    for f in found:
        f.act = not f.direct and an_act(doc, f.cue)  # quoted words were said, whatever the cue the tagger picked
    Speakers(doc, Mentions.of(doc, analysis), quotes).resolve(found)
    return nested(doc, found)


def rule_hints(doc: Doc, analysis: Analysis) -> list[attribution_features.Hint]:
    """What the rules alone find: the taggers' stacked features (and their training input)."""
    return [hint(doc, f) for f in rule_found(doc, analysis, find_quotes(doc_text(doc)))]


def quote_spans(text: str) -> list[Chars]:
    """The character spans of the text's quotations."""
    return [Chars(q.start, q.end) for q in find_quotes(text)]

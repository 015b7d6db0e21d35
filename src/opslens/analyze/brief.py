"""Brief stage: key developments vs background (from events) and a one-sentence summary.

Until the events stage lands the summary is the article's lead: its first sentence that reads
as news (enough words, not a credit line), with the span it came from.
"""

from __future__ import annotations

from spacy.tokens import Doc

from opslens.model import Analysis, Brief, Span

MIN_LEAD_WORDS = 8


def make_brief(doc: Doc, analysis: Analysis) -> Brief:
    key = [e.id for e in analysis.events if not e.background]
    background = [e.id for e in analysis.events if e.background]
    lead = _lead(doc)
    return Brief(
        key_developments=key,
        background=background,
        summary=lead.text if lead else (analysis.article.title or ""),
        lead=lead,
    )


def _lead(doc: Doc) -> Span | None:
    for sent in doc.sents:
        words = [t for t in sent if t.is_alpha]
        if len(words) >= MIN_LEAD_WORDS and sent.text.rstrip()[-1:] in ".!?\u201d\"":
            text = sent.text.strip()
            start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
            return Span(start=start, end=start + len(text), text=text)
    return None

"""Brief stage: key developments vs background (from events) and a one-sentence summary.

Until the events stage lands the summary is the article's lead: its first sentence that reads
as news (enough words, not a credit line), with the span it came from.
"""

from __future__ import annotations

from spacy.tokens import Doc

from opslens.model import Analysis, Attribution, Brief, QuotedSource, Sourcing, Span

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
        sourcing=sourcing(analysis.attributions, {e.id: e.name for e in analysis.entities}),
    )


def sourcing(attributions: list[Attribution], names: dict[str, str]) -> Sourcing:
    """Who the article relies on: each source by speaker (or by its words when unnamed), how
    many anonymous sources, which state media stand in the chains."""
    by_key: dict[str, QuotedSource] = {}
    state_media: dict[str, str] = {}  # entity id (or name) → name as first written
    for a in attributions:
        for link in a.chain:
            if link.kind == "state_media":
                state_media.setdefault(link.entity or link.name, link.name)
        if not a.chain:
            continue
        last = a.chain[-1]
        key = last.entity or last.name.casefold()
        q = by_key.setdefault(key, QuotedSource(
            name=names.get(last.entity or "", last.name), entity=last.entity, kind=last.kind, country=last.country, anonymous=a.anonymous))
        q.attributions.append(a.id)
        q.direct += a.direct
        for outer in a.chain[:-1]:
            if outer.name not in q.via:
                q.via.append(outer.name)
    return Sourcing(
        quoted=sorted(by_key.values(), key=lambda q: -len(q.attributions)),
        anonymous=sum(a.anonymous for a in attributions),
        state_media=list(state_media.values()),
        unsourced=sum(not a.chain for a in attributions),
    )


def _lead(doc: Doc) -> Span | None:
    for sent in doc.sents:
        words = [t for t in sent if t.is_alpha]
        if len(words) >= MIN_LEAD_WORDS and sent.text.rstrip()[-1:] in ".!?\u201d\"":
            text = sent.text.strip()
            start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
            return Span(start=start, end=start + len(text), text=text)
    return None

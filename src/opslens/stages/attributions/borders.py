"""Where one report's spans end because another's begin, once all reports are found: a content
stops before a conjoined cue of the same speaker, a piece goes to the report whose cue stands
before it, a source stops before another report's cue or a relative clause that reports, and a
cue that hangs on an earlier one with no source of its own shares that report's speaker.
"""

from __future__ import annotations

from spacy.tokens import Doc

from opslens.nlp import doc_text, token_strings
from opslens.nlp.deps import SUBJECTS
from opslens.nlp.spans import Chars, Tokens, overlaps
from opslens.stages.attributions.found import Found, chars_of
from opslens.stages.attributions.taggers import features as attribution_features


def before_conjoined_cues(doc: Doc, found: list[Found]) -> None:
    """ "The governor said the budget was balanced and warned that cuts were coming": a content
    ends before "and" + a cue with no subject of its own, which is the same speaker's next
    report, not part of what was said first; so before ", arguing that …" and ", according to"."""
    heads = [attribution_features.cue_head(doc, g.cue) for g in found]
    starts = [head.idx for head in heads]  # read once: every pair of reports asks
    for f in found:
        own = chars_of(doc, f.cue)
        for g, head, at in zip(found, heads, starts):
            if g is f or not f.content[0] < at < f.content[1] or at < own[1]:
                continue
            first = doc[g.cue[0]]
            cc = doc[first.i - 1] if first.i > 0 else None
            if cc is None or any(c.dep_ in SUBJECTS for c in head.children):
                continue
            if cc.lower_ not in ("and", "but", "or") and not (
                cc.text == "," and head.tag_ == "VBG" and first.i == head.i
            ):
                continue  # ", arguing that …": a participle after a comma is the speaker's next report
            end = cc.idx
            while end > f.content[0] and (doc_text(doc)[end - 1].isspace() or doc_text(doc)[end - 1] == ","):
                end -= 1
            if end > f.content[0]:
                f.content = Chars(f.content[0], end)
                f.more = [m for m in f.more if m[0] < end]


def pieces_of_later_cues(doc: Doc, found: list[Found]) -> None:
    """ "“A,” Ms. Roe said, going on to contrast B. “C.”": a later piece of a content that
    another report's cue stands before, between it and the content's own cue, is that report's."""
    cues = [chars_of(doc, f.cue) for f in found]
    for f, own in zip(found, cues):
        if not f.more:
            continue
        pieces = [f.content, *f.more]
        others = [c for c in cues if c is not own and not any(p[0] <= c[0] < p[1] for p in pieces)]
        f.more = [m for m in f.more if not any(_between(c, own, m) for c in others)]


def pieces_of_earlier_reports(doc: Doc, found: list[Found]) -> None:
    """ "Tanaka said the deal was “a first step” toward peace, adding that …": a piece before a
    content's cue that lies in the content of a report whose cue comes before it is that
    report's words, not this one's (the tagger reads the whole sentence for "adding")."""
    cues = [chars_of(doc, f.cue) for f in found]
    for f, own in zip(found, cues):
        if not f.more:
            continue
        pieces = [f.content, *f.more]
        if len(pieces) < 2:
            continue
        kept = [
            p
            for p in pieces
            if not (
                p[1] <= own[0]
                and any(g is not f and c[1] <= p[0] and overlaps(g.content, p) for g, c in zip(found, cues))
            )
        ]
        if kept and len(kept) < len(pieces):
            f.content, f.more = kept[0], kept[1:]


def _between(cue: Chars, own: Chars, piece: Chars) -> bool:
    """Whether a cue lies between a content's own cue and one of its pieces (character offsets)."""
    lo, hi = (own[1], piece[0]) if piece[0] >= own[1] else (piece[1], own[0])
    return lo <= cue[0] and cue[1] <= hi


def sources_short_of_cues(doc: Doc, found: list[Found]) -> None:
    """ "State television reported, citing an official, …": the source of "citing" ends before
    "reported", the cue of a report whose source it has taken in (a source may hold other cues:
    "the poll released Friday")."""
    for f in found:
        if f.source is None:
            continue
        start, end = f.source
        cut = next(
            (
                g.cue[0]
                for g in found
                if g is not f
                and g.source
                and start <= g.source[0]
                and g.source[1] <= g.cue[0] < end
                and all(t.is_punct for t in doc[g.cue[1] : end])
            ),
            None,
        )
        if cut is None:  # only the cue of a report whose own source this one's takes in, at its end
            continue
        while cut > start and (doc[cut - 1].text in (",", ";", ":") or doc[cut - 1].is_space):
            cut -= 1
        if cut > start:
            f.source = Tokens(start, cut)
            f.source_chars = chars_of(doc, f.source)


def sources_before_reporting_clauses(doc: Doc, found: list[Found]) -> None:
    """ "Ms. Ruiz, who told the panel she had resigned, said …": a source stops before a relative
    clause that holds a report of its own (in PolNeAR's train compartment, 69 sources of 69 with
    such a clause leave it out; those whose clause reports nothing keep it about 3 times in 5)."""
    heads = [attribution_features.cue_head(doc, g.cue).i for g in found]
    tags = token_strings(doc, "TAG")
    for f in found:
        if f.source is None:
            continue
        start, end = f.source
        for i in range(start, end):
            if tags[i] not in ("WP", "WDT", "WP$"):
                continue  # (a Token only of a wh-word)
            clause = doc[i].head
            if clause.dep_ != "relcl" or not start < clause.head.i + 1 <= end:
                continue
            comma = clause.left_edge.i - 1
            if (
                comma <= start
                or doc[comma].text != ","
                or not any(clause.left_edge.i <= h <= clause.right_edge.i for h in heads)
            ):
                continue
            f.source = Tokens(start, comma)
            f.source_chars = chars_of(doc, f.source)
            break


def sharing(doc: Doc, found: list[Found]) -> None:
    """ "Tanaka said …, adding that …": a cue that hangs on an earlier report's cue as its
    participle or conjunct, with no source written, has that report's speaker and chain, and a
    conjunct or a participle takes its source span too: in PolNeAR's train compartment such cues
    repeat the other report's source 247 times in 281 (conjuncts) and 472 in 503 (participles),
    while other adverbial clauses ("…, before warning") mostly leave it empty (56 of 80)."""
    by_head = {attribution_features.cue_head(doc, f.cue).i: f for f in found if f.source}
    for f in found:
        head = attribution_features.cue_head(doc, f.cue)
        if f.source is not None or head.dep_ not in ("advcl", "conj"):
            continue
        up = head.head
        while (
            up.dep_ == "ccomp" and up.i not in by_head and up.head.i != up.i
        ):  # a parse may hang it on the content's verb
            up = up.head
        other = by_head.get(up.i)
        if other is not None and other.cue[0] < f.cue[0]:
            f.shares = other
            if head.dep_ == "conj" or head.tag_ == "VBG":
                f.source, f.source_chars = other.source, other.source_chars

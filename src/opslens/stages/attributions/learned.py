"""The taggers' spans merged with the rules' findings (`taggers/model.py` draws the cue, source
and content spans, with the rules' findings among its features): a cue the rules found and the
taggers missed keeps the rules' spans, relayed reports ("X quoted Y as saying") keep the rules'
structure, which the chain needs, and the taggers' runs are set right where the rules know
better (a speaker's whole line, a noun's "that" clause, the full stop, "citing X").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from opslens.nlp import doc_text
from opslens.nlp.quotes import Quote
from opslens.nlp.spans import Chars, Tokens, overlaps
from opslens.stages.attributions.borders import (
    before_conjoined_cues,
    pieces_of_earlier_reports,
    pieces_of_later_cues,
    sharing,
    sources_short_of_cues,
)
from opslens.stages.attributions.cues import (
    clause_noun,
    clauses,
    cue_of,
    cue_span,
    gapped,
    part_of_quote_cue,
    relayed,
    setting,
)
from opslens.stages.attributions.found import Found, chars_of, direct, hint, quoted, token_chars, tokens_of
from opslens.stages.attributions.subjects import without_asides
from opslens.stages.attributions.taggers import features as attribution_features
from opslens.stages.attributions.taggers import model as attribution_model

RULES_FALLBACK = True  # a cue the taggers give no content keeps the rules' report of it


def learned(doc: Doc, rules: list[Found], quotes: list[Quote]) -> list[Found]:
    """The taggers' cues, sources and contents (the rules' findings are among their features);
    a cue the rules found and the tagger missed is kept, and the rules still say who relayed
    whom ("X quoted Y as saying")."""
    info = attribution_features.DocInfo(doc, [(q.start, q.end) for q in quotes], [hint(doc, f) for f in rules])
    relaying = [r for r in rules if r.outer or r.passive_quote]  # "X quoted Y as saying Z": the rules' chain
    out = list(relaying)
    for roles in attribution_model.find_roles(info, _cues(doc, info, rules, relaying)):
        cue = Tokens(*roles.cue)
        rule = next((r for r in rules if overlaps(r.cue, cue)), None)
        runs = _content_runs(doc, cue, rule, [Tokens(*r) for r in roles.content], quotes)
        if runs:
            out.append(_tagged(doc, cue, rule, runs, [Tokens(*r) for r in roles.source], quotes))
        elif rule is not None and RULES_FALLBACK:
            out.append(rule)
    out += [g for f in out if (g := _report_around_citing(doc, f, out, quotes)) is not None]
    before_conjoined_cues(doc, out)
    pieces_of_later_cues(doc, out)
    pieces_of_earlier_reports(doc, out)
    sources_short_of_cues(doc, out)
    sharing(doc, out)
    return sorted(out, key=lambda f: (f.cue[0], f.content[0]))


def _cues(doc: Doc, info: attribution_features.DocInfo, rules: list[Found], relaying: list[Found]) -> list[Tokens]:
    """The cues the taggers find, but those of the rules' relayed reports, and the rules' other
    cues that none of them overlaps, in order."""
    tagged = [Tokens(*c) for c in attribution_model.find_cues(info)]
    cues = [c for c in tagged if not any(_relays(doc, r, c) for r in relaying)]
    cues += [r.cue for r in rules if r not in relaying and not any(overlaps(r.cue, c) for c in cues)]
    return sorted(cues)


def _content_runs(doc: Doc, cue: Tokens, rule: Found | None, runs: list[Tokens], quotes: list[Quote]) -> list[Tokens]:
    """The tagger's content runs for a cue, set right: a speaker's line to its end and the
    paragraphs of its turn, a signed quotation whole, the noun a gapped clause hangs on, no
    expletive "it" or relative clause, a noun's "that" clause, no full stop, the cue's clause
    after when and where it was said, and "citing X" short of the clause after X."""
    if rule is not None and rule.line:
        runs = _rest_of_line(doc, runs, rule.content)
        if runs:
            runs = _with_paragraphs(runs, [tokens_of(doc, m) for m in rule.more])
    if rule is not None and rule.signed and runs:
        runs = [tokens_of(doc, rule.content)]  # the tagger reads one sentence of it
    if gapped(head := attribution_features.cue_head(doc, cue)):
        runs = [clause_noun(doc, head)]  # "the plans that countries offered": the tagger takes "that" in
    runs = [
        _no_full_stop(doc, _within_noun_clause(doc, cue, r), quotes)
        for r in runs
        if not _expletive(doc, r) and not _relative_to(doc, cue, r)
    ]
    if runs:
        runs[0] = _object_cited(doc, cue, _from_the_clause(doc, cue, runs[0]))
    return runs


def _tagged(
    doc: Doc, cue: Tokens, rule: Found | None, runs: list[Tokens], sources: list[Tokens], quotes: list[Quote]
) -> Found:
    """The report of a tagged cue (the rules' wider cue when it holds the tagger's), its content
    in pieces around the cue, and its source the run nearest the cue."""
    if rule is not None and rule.cue[0] <= cue[0] and cue[1] <= rule.cue[1]:
        cue = rule.cue
    pieces = [p for r in runs for p in _around_the_cue(doc, cue, r)]
    f = Found(cue=cue, content=pieces[0], more=pieces[1:], cue_chars=token_chars(doc, cue))
    if sources:
        nearest = min(sources, key=lambda r: min(abs(r[0] - cue[1]), abs(cue[0] - r[1])))
        f.source = _closing_comma(doc, _bare_source(doc, nearest))
        f.source_chars = token_chars(doc, f.source)
    f.direct = direct(doc_text(doc), pieces, quotes)
    return f


def _around_the_cue(doc: Doc, cue: Tokens, run: Tokens) -> list[Chars]:
    """ "The minister is said to have resigned": a content run the cue stands inside is the words
    on either side of it (character offsets), never the cue itself."""
    start, end = run
    if not (start < cue[0] and cue[1] < end):
        return [token_chars(doc, run)]
    return [chars_of(doc, Tokens(start, cue[0])), chars_of(doc, Tokens(cue[1], end))]


def _rest_of_line(doc: Doc, runs: list[Tokens], line: Chars) -> list[Tokens]:
    """A speaker's line ("PENCE: Well, look, …") is what the speaker said to its end: the runs
    the tagger found in it become one (it reads sentence by sentence and stops before a turn does)."""
    span = doc.char_span(*line, alignment_mode="expand")
    if span is None:
        return runs
    inside = [r for r in runs if span.start <= r[0] < span.end]
    if not inside:
        return runs
    return sorted([r for r in runs if r not in inside] + [Tokens(inside[0][0], max(span.end, inside[-1][1]))])


def _with_paragraphs(runs: list[Tokens], paragraphs: list[Tokens]) -> list[Tokens]:
    """The tagger's runs with the later paragraphs of the same turn, each paragraph whole from
    its first word (the opening mark stays out, as in PolNeAR)."""
    for para in paragraphs:
        inside = [r for r in runs if overlaps(r, para)]
        runs = [r for r in runs if r not in inside] + [Tokens(para[0], max([para[1]] + [r[1] for r in inside]))]
    return sorted(runs)


def _no_full_stop(doc: Doc, tokens: Tokens, quotes: list[Quote]) -> Tokens:
    """A content ends before its sentence's full stop (PolNeAR's convention), unless the stop is
    inside the quotation."""
    start, end = tokens
    last = doc[end - 1]
    if end - start > 1 and last.text == "." and not quoted(last, quotes):
        end -= 1
    return Tokens(start, end)


def _from_the_clause(doc: Doc, cue: Tokens, tokens: Tokens) -> Tokens:
    """ "Interfax reported on March 3 that …": a content that opens with when or where the cue
    was said ("on March 3", "in an email", "this week") begins at the cue's clause. (Those words
    do not join the cue: on the dev compartment that made cue overlap .620 → .619.)"""
    head = attribution_features.cue_head(doc, cue)
    start, end = tokens
    for clause in clauses(head):
        first = clause.left_edge.i
        if not cue[1] <= start < first < end:
            continue
        adjuncts = [k for k in head.rights if k.i < first and k.right_edge.i >= start]
        if (
            adjuncts
            and all(_when_or_where(k) for k in adjuncts)
            and all(head in t.ancestors and not t.is_quote for t in doc[start:first])
        ):
            return Tokens(first, end)
    return tokens


def _when_or_where(tok: Token) -> bool:
    """ "on March 3", "this week", "in a statement": a word of the cue's setting, not its argument."""
    if tok.dep_ == "npadvmod":
        return tok.ent_type_ in ("DATE", "TIME")
    obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    return tok.dep_ == "prep" and obj is not None and (obj.ent_type_ in ("DATE", "TIME") or setting(tok))


def _object_cited(doc: Doc, cue: Tokens, tokens: Tokens) -> Tokens:
    """ "…, citing two sources, that the deal had collapsed": what "citing" reports is the
    sources it names; the clause after them is the main cue's."""
    head = attribution_features.cue_head(doc, cue)
    entry = cue_of(head)[0]
    obj = next((o for o in head.rights if o.dep_ == "dobj"), None)
    if entry is None or "relay" not in entry.takes or obj is None or relayed(head, entry) is not None:
        return tokens
    start, end = tokens
    after = next((t for t in doc[obj.right_edge.i + 1 : end] if not t.is_punct), None)
    clause_follows = after is not None and after.lower_ == "that" and after.dep_ == "mark"
    return Tokens(start, obj.right_edge.i + 1) if start <= obj.i < end and clause_follows else tokens


def _report_around_citing(doc: Doc, f: Found, found: list[Found], quotes: list[Quote]) -> Found | None:
    """ "The newspaper said, citing unnamed officials, that …": when the parse hangs the "that"
    clause on "citing", no report holds it; it is the content of the verb "citing" hangs on."""
    head = attribution_features.cue_head(doc, f.cue)
    verb = head.head
    entry = cue_of(head)[0]
    if head.dep_ != "advcl" or verb.i == head.i or entry is None or "relay" not in entry.takes:
        return None
    clause = next(
        (c for c in head.rights if c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.lefts)),
        None,
    )
    cue, particle = cue_of(verb)
    if clause is None or cue is None or any(attribution_features.cue_head(doc, g.cue).i == verb.i for g in found):
        return None
    content = chars_of(doc, Tokens(clause.left_edge.i, clause.right_edge.i + 1))
    g = Found(cue=cue_span(verb, particle), content=content, source=f.source, source_chars=f.source_chars)
    g.direct = direct(doc_text(doc), [content], quotes)
    return g


def _relative_to(doc: Doc, cue: Tokens, tokens: Tokens) -> bool:
    """A noun cue's run that is a relative clause on it ("accusations that Moscow denies")."""
    head = attribution_features.cue_head(doc, cue)
    return any(gapped(c) and tokens[0] <= c.left_edge.i <= tokens[0] + 1 for c in head.rights)


def _within_noun_clause(doc: Doc, cue: Tokens, tokens: Tokens) -> Tokens:
    """ "Her claim that the figures were forged was dismissed": a noun cue's content is its "that"
    clause, and ends where the clause does, not in the sentence the noun is part of."""
    head = attribution_features.cue_head(doc, cue)
    if head.pos_ != "NOUN":
        return tokens
    for child in head.rights:
        if child.dep_ in ("acl", "ccomp") and any(k.dep_ == "mark" and k.lower_ == "that" for k in child.lefts):
            end = child.right_edge.i + 1
            if tokens[0] < end < tokens[1]:
                return Tokens(tokens[0], end)
    return tokens


def _bare_source(doc: Doc, tokens: Tokens) -> Tokens:
    """A source begins with a word: the tagger sometimes takes in the quotation mark of a
    transcript line ("“WALLACE: …") or the "that" of the clause it stands in."""
    start, end = tokens
    while end - start > 1 and (doc[start].is_punct or (doc[start].lower_ == "that" and doc[start].dep_ == "mark")):
        start += 1
    return without_asides(doc, Tokens(start, end))


def _closing_comma(doc: Doc, tokens: Tokens) -> Tokens:
    """ "Jane Doe, a lawyer, said": a source with an apposition keeps the comma that closes it
    (PolNeAR's convention, nine times in ten)."""
    start, end = tokens
    if end < len(doc) and doc[end].text == "," and any(doc[i].text == "," for i in range(start + 1, end)):
        end += 1
    return Tokens(start, end)


def _expletive(doc: Doc, tokens: Tokens) -> bool:
    """ "It was reported that …": the "it" stands in for the content and says nothing itself."""
    return tokens[1] - tokens[0] == 1 and doc[tokens[0]].lower_ in ("it", "there") and doc[tokens[0]].pos_ == "PRON"


def _relays(doc: Doc, rule: Found, cue: Tokens) -> bool:
    """A cue that is part of a relayed report: "quoted" itself, or the "saying" after it."""
    if overlaps(rule.cue, cue):
        return True
    first = doc[cue[0]]
    return rule.cue[1] <= cue[0] and first.idx < rule.content[0] and part_of_quote_cue(first)

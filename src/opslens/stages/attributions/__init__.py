"""Attributions stage: direct quotes and reported speech, with cue, source, content and chain.

Reported content is found from the dependency parse, PARC-style: a cue word from
`lexicons/speech_cues.tsv` ("said", "told", "warned", "according to") with its source (the
subject, the passive agent, the object of "according to") and its content (the clausal
complement, the infinitive, the object, or the clause around "…, he said"). Quotations that no
cue's content covers are attached to the cue of their sentence. Speakers are linked to entities
("he"/"she" to the person who spoke just before, else to the last person who was a subject, or to
the source before when the entities know no one; "the source" to an earlier source, "the
minister" to the one minister named before, "who" to the noun it stands for), and chains run
outermost first: "AFP quoted a source as saying …" gives [AFP, the source], and "Reuters
reported, citing two sources, …" gives [Reuters, two sources]. A cue in a form the lexicon marks
as an act ("agreed to hold talks", "met to discuss the crisis") is kept, as PolNeAR marks it,
but flagged as reporting nothing.

Where the learned taggers are installed (`taggers/model.py`), they draw the cue, source and
content spans, with the rules' findings among their features; a cue the rules found and the
taggers missed keeps the rules' spans, and relayed reports ("X quoted Y as saying") keep the rules'
structure, which the chain needs.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import IDX, LEMMA, LOWER
from spacy.tokens import Doc, Span as SpacySpan, Token

from opslens.stages.attributions.taggers import features as attribution_features
from opslens.stages.attributions.taggers import model as attribution_model
from opslens.stages.attributions import sources
from opslens.nlp import strings_of
from opslens.nlp.quotes import Quote, find_quotes
from opslens.knowledge.titles import titles
from opslens.knowledge.gender_words import gender_words
from opslens.knowledge.speech_cues import SAYING, Cue, cue_lexicon, cue_words
from opslens.contract import Analysis, Attribution, ChainLink, Entity, Passage, Span
from opslens.nlp.deps import SHARES_SUBJECT, SUBJECTS  # a cue's subject is its head's: "…, saying", "smiled and said"
from opslens.nlp.quotes import CLOSING_MARKS

TOLD = ("dobj", "dative", "prep", "pobj", "compound")  # the path from "told"/"said in an interview with" to the outlet
VIA = {"to", "with", "in", "on", "during"}
SPEAKING = {"speak", "talk"}  # "Speaking to Reuters, he said …"
SINGULAR, PLURAL = ("NN", "NNP"), ("NNS", "NNPS")
PERSONAL = {"he", "she", "him", "her", "his"}
FIRST_PERSON = {"i", "we"}
EDGE_PUNCT = {",", ".", ";", ":", "-", "\u2014", "\u2013", "(", ")"}
CUE_LEFT = ("aux", "auxpass", "neg", "advmod")  # "has not yet said", "to say"
CUE_RIGHT = ("npadvmod", "advmod")  # "said Monday", "said later"
GROUNDS = {"for", "as", "of", "over"}
RELAYING = frozenset({"speech", "writing", "report"})  # cue classes (speech_cues.tsv) whose content is handed on
SETTINGS = {
    "statement", "interview", "briefing", "conference", "speech", "letter", "email", "tweet",
    "twitter", "post", "blog", "video", "address", "hearing", "testimony", "rally", "debate",
    "call", "op-ed", "column", "memo", "report", "release", "filing", "book", "essay", "note",
}
RULES_FALLBACK = True
MIN_QUOTE_WORDS = 4  # shorter quotations are mostly scare quotes or names


@dataclass
class Found:
    """An attribution before its speaker and chain are known (token indices, end exclusive)."""

    cue: tuple[int, int]
    content: tuple[int, int]  # character offsets
    source: tuple[int, int] | None = None
    outer: tuple[int, int] | None = None  # "X quoted Y as saying": X
    passive_quote: bool = False  # "Y was quoted as saying": the chain goes on from an earlier Y
    source_chars: tuple[int, int] | None = None
    antecedent: "Found | None" = None  # the earlier attribution "the source" refers back to
    direct: bool = False
    more: list[tuple[int, int]] = field(default_factory=list)  # quotations that carry on the content
    links: list[ChainLink] = field(default_factory=list)
    speaker: str | None = None
    anonymous: bool = False
    cue_chars: tuple[int, int] | None = None  # the taggers' cue, edges as they drew them
    line: bool = False  # a speaker's line ("PENCE: …"): the content is the rest of the line
    signed: bool = False  # "“…” ― Ana Ruiz": the content is the whole signed quotation
    shares: "Found | None" = None  # "X said …, adding that …": the report whose speaker this one's is
    act: bool = False  # "agreed to hold talks": the cue is an act of its own and reports nothing


def find_attributions(doc: Doc, analysis: Analysis, taggers: bool = True) -> list[Attribution]:
    quotes = find_quotes(_text(doc))
    found = _rule_found(doc, analysis, quotes)
    if taggers and attribution_model.available():
        found = _learned(doc, found, quotes)
    _sources_before_reporting_clauses(doc, found)  # after the taggers: the rules' sources are their features as found
    for f in found:
        f.act = not f.direct and _an_act(doc, f.cue)  # quoted words were said, whatever the cue the tagger picked
    _Speakers(doc, analysis.entities, quotes).resolve(found)
    return _nested(doc, found)


def _nested(doc: Doc, found: list[Found]) -> list[Attribution]:
    """The article's own reports, each with the reports its content holds embedded in it."""
    holder = _holders(doc, found)
    records: dict[int, Attribution] = {}
    for f in found:
        if id(f) not in holder:
            records[id(f)] = _record(doc, f"a{len(records) + 1}", f)
    for f in found:
        if id(f) in holder:
            _short_of(doc, f, holder[id(f)])
            outer = records[id(holder[id(f)])]
            outer.embedded.append(_record(doc, f"{outer.id}.{len(outer.embedded) + 1}", f))
    return list(records.values())


def rule_hints(doc: Doc, analysis: Analysis) -> list[attribution_features.Hint]:
    """What the rules alone find: the taggers' stacked features (and their training input)."""
    return [_hint(doc, f) for f in _rule_found(doc, analysis, find_quotes(_text(doc)))]


def quote_spans(text: str) -> list[tuple[int, int]]:
    return [(q.start, q.end) for q in find_quotes(text)]


def _rule_found(doc: Doc, analysis: Analysis, quotes: list[Quote]) -> list[Found]:
    # cues inside a quotation are the speaker's own words ("I think …"), not the article's sourcing
    inside = _inside_quotes(doc, quotes)
    found = [f for i in _cue_candidates(doc) if i not in inside and (f := _from_token(doc, doc[i]))]
    found = _with_quotes(doc, found, quotes) + _speaker_lines(doc, analysis.entities) + _signed_quotes(doc, analysis.entities, quotes)
    found += _quotations_set_off(doc, found, quotes)
    found = _unique(sorted(found, key=lambda f: (f.cue[0], f.content[0])))
    for f in found:
        f.content = _around_quotes(_text(doc), f.content, quotes)
        f.source_chars = _around_quotes(_text(doc), _chars(doc, f.source), quotes) if f.source else None
        f.direct = _direct(_text(doc), [f.content], quotes)
    for f in found:
        _split_around_cue(doc, f, quotes)
    _continued_quotes(doc, found, quotes)
    return found


def _direct(text: str, pieces: list[tuple[int, int]], quotes: list[Quote]) -> bool:
    return any(_overlaps((q.start, q.end), p) and q.words(text) >= 2 for q in quotes for p in pieces)  # words: a regex, last


def _hint(doc: Doc, f: Found) -> attribution_features.Hint:
    return attribution_features.Hint(_chars(doc, f.cue), f.source_chars, tuple([f.content, *f.more]))


def _text(doc: Doc) -> str:
    """The document's text, built once (spaCy's `Doc.text` joins every token at each call)."""
    text = doc.user_data.get("opslens_text")
    if text is None:
        text = doc.user_data["opslens_text"] = doc.text
    return text


# -- learned spans ------------------------------------------------------------------------------
def _learned(doc: Doc, rules: list[Found], quotes: list[Quote]) -> list[Found]:
    """The taggers' cues, sources and contents (the rules' findings are among their features);
    a cue the rules found and the tagger missed is kept, and the rules still say who relayed
    whom ("X quoted Y as saying")."""
    info = attribution_features.DocInfo(doc, [(q.start, q.end) for q in quotes], [_hint(doc, f) for f in rules])
    relayed = [r for r in rules if r.outer or r.passive_quote]  # "X quoted Y as saying Z": the rules' chain
    cues = [c for c in attribution_model.find_cues(info) if not any(_relays(doc, r, c) for r in relayed)]
    cues += [r.cue for r in rules if r not in relayed and not any(_overlaps(r.cue, c) for c in cues)]
    out = list(relayed)
    for roles in attribution_model.find_roles(info, sorted(cues)):
        cue = roles.cue
        rule = next((r for r in rules if _overlaps(r.cue, cue)), None)
        if rule is not None and rule.line:
            roles.content[:] = _rest_of_line(doc, roles.content, rule.content)
            if roles.content:
                roles.content[:] = _with_paragraphs(roles.content, [_tokens(doc, m) for m in rule.more])
        if rule is not None and rule.signed and roles.content:
            roles.content[:] = [_tokens(doc, rule.content)]  # the tagger reads one sentence of it
        if _gapped(head := attribution_features.cue_head(doc, cue)):
            roles.content[:] = [_antecedent(doc, head)]  # "the plans that countries offered": the tagger takes "that" in
        roles.content[:] = [_no_full_stop(doc, _within_noun_clause(doc, cue, r), quotes) for r in roles.content
                            if not _expletive(doc, r) and not _relative_to(doc, cue, r)]
        if roles.content:
            roles.content[0] = _object_cited(doc, cue, _from_the_clause(doc, cue, roles.content[0]))
        if not roles.content:
            if rule is not None and RULES_FALLBACK:
                out.append(rule)
            continue
        if rule is not None and rule.cue[0] <= cue[0] and cue[1] <= rule.cue[1]:
            cue = rule.cue
        pieces = [p for r in roles.content for p in _around_the_cue(doc, cue, r)]
        f = Found(cue=cue, content=pieces[0], more=pieces[1:], cue_chars=_token_chars(doc, cue))
        if roles.source:
            f.source = _closing_comma(doc, _bare_source(doc, min(roles.source, key=lambda r: min(abs(r[0] - cue[1]), abs(cue[0] - r[1])))))
            f.source_chars = _token_chars(doc, f.source)
        f.direct = _direct(_text(doc), pieces, quotes)
        out.append(f)
    out += [g for f in out if (g := _report_around_citing(doc, f, out, quotes)) is not None]
    _before_conjoined_cues(doc, out)
    _pieces_of_later_cues(doc, out)
    _pieces_of_earlier_reports(doc, out)
    _sources_short_of_cues(doc, out)
    _sharing(doc, out)
    return sorted(out, key=lambda f: (f.cue[0], f.content[0]))


def _around_the_cue(doc: Doc, cue: tuple[int, int], run: tuple[int, int]) -> list[tuple[int, int]]:
    """"The minister is said to have resigned": a content run the cue stands inside is the words
    on either side of it (character offsets), never the cue itself."""
    start, end = run
    if not (start < cue[0] and cue[1] < end):
        return [_token_chars(doc, run)]
    return [_chars(doc, (start, cue[0])), _chars(doc, (cue[1], end))]


def _before_conjoined_cues(doc: Doc, found: list[Found]) -> None:
    """"The governor said the budget was balanced and warned that cuts were coming": a content
    ends before "and" + a cue with no subject of its own, which is the same speaker's next
    report, not part of what was said first; so before ", arguing that …" and ", according to"."""
    heads = [attribution_features.cue_head(doc, g.cue) for g in found]
    for f in found:
        own = _chars(doc, f.cue)
        for g, head in zip(found, heads):
            if g is f or not f.content[0] < head.idx < f.content[1] or head.idx < own[1]:
                continue
            first = doc[g.cue[0]]
            cc = doc[first.i - 1] if first.i > 0 else None
            if cc is None or any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
                continue
            if cc.lower_ not in ("and", "but", "or") and not (cc.text == "," and head.tag_ == "VBG" and first.i == head.i):
                continue  # ", arguing that …": a participle after a comma is the speaker's next report
            end = cc.idx
            while end > f.content[0] and (_text(doc)[end - 1].isspace() or _text(doc)[end - 1] == ","):
                end -= 1
            if end > f.content[0]:
                f.content = (f.content[0], end)
                f.more = [m for m in f.more if m[0] < end]


def _pieces_of_later_cues(doc: Doc, found: list[Found]) -> None:
    """"“A,” Ms. Roe said, going on to contrast B. “C.”": a later piece of a content that
    another report's cue stands before, between it and the content's own cue, is that report's."""
    cues = [_chars(doc, f.cue) for f in found]
    for f, own in zip(found, cues):
        if not f.more:
            continue
        pieces = [f.content, *f.more]
        others = [c for c in cues if c is not own and not any(p[0] <= c[0] < p[1] for p in pieces)]
        f.more = [m for m in f.more if not any(_between(c, own, m) for c in others)]


def _sources_short_of_cues(doc: Doc, found: list[Found]) -> None:
    """"State television reported, citing an official, …": the source of "citing" ends before
    "reported", the cue of a report whose source it has taken in (a source may hold other cues:
    "the poll released Friday")."""
    for f in found:
        if f.source is None:
            continue
        start, end = f.source
        cut = next((g.cue[0] for g in found if g is not f and g.source and start <= g.source[0] and g.source[1] <= g.cue[0] < end
                    and all(t.is_punct for t in doc[g.cue[1]:end])), None)
        if cut is None:  # only the cue of a report whose own source this one's takes in, at its end
            continue
        while cut > start and (doc[cut - 1].text in (",", ";", ":") or doc[cut - 1].is_space):
            cut -= 1
        if cut > start:
            f.source, f.source_chars = (start, cut), _chars(doc, (start, cut))


def _sources_before_reporting_clauses(doc: Doc, found: list[Found]) -> None:
    """"Ms. Ruiz, who told the panel she had resigned, said …": a source stops before a relative
    clause that holds a report of its own (in PolNeAR's train compartment, 69 sources of 69 with
    such a clause leave it out; those whose clause reports nothing keep it about 3 times in 5)."""
    heads = [attribution_features.cue_head(doc, g.cue).i for g in found]
    for f in found:
        if f.source is None:
            continue
        start, end = f.source
        for tok in doc[start:end]:
            clause = tok.head
            if tok.tag_ not in ("WP", "WDT", "WP$") or clause.dep_ != "relcl" or not start < clause.head.i + 1 <= end:
                continue
            comma = clause.left_edge.i - 1
            if comma <= start or doc[comma].text != "," or not any(clause.left_edge.i <= h <= clause.right_edge.i for h in heads):
                continue
            f.source, f.source_chars = (start, comma), _chars(doc, (start, comma))
            break


def _sharing(doc: Doc, found: list[Found]) -> None:
    """"Tanaka said …, adding that …": a cue that hangs on an earlier report's cue as its
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
        while up.dep_ == "ccomp" and up.i not in by_head and up.head.i != up.i:  # a parse may hang it on the content's verb
            up = up.head
        other = by_head.get(up.i)
        if other is not None and other.cue[0] < f.cue[0]:
            f.shares = other
            if head.dep_ == "conj" or head.tag_ == "VBG":
                f.source, f.source_chars = other.source, other.source_chars


def _pieces_of_earlier_reports(doc: Doc, found: list[Found]) -> None:
    """"Tanaka said the deal was “a first step” toward peace, adding that …": a piece before a
    content's cue that lies in the content of a report whose cue comes before it is that
    report's words, not this one's (the tagger reads the whole sentence for "adding")."""
    cues = [_chars(doc, f.cue) for f in found]
    for f, own in zip(found, cues):
        if not f.more:
            continue
        pieces = [f.content, *f.more]
        if len(pieces) < 2:
            continue
        kept = [p for p in pieces if not (p[1] <= own[0] and any(
            g is not f and c[1] <= p[0] and _overlaps(g.content, p) for g, c in zip(found, cues)))]
        if kept and len(kept) < len(pieces):
            f.content, f.more = kept[0], kept[1:]


def _between(cue: tuple[int, int], own: tuple[int, int], piece: tuple[int, int]) -> bool:
    """Whether a cue lies between a content's own cue and one of its pieces (character offsets)."""
    lo, hi = (own[1], piece[0]) if piece[0] >= own[1] else (piece[1], own[0])
    return lo <= cue[0] and cue[1] <= hi


def _rest_of_line(doc: Doc, runs: list[tuple[int, int]], line: tuple[int, int]) -> list[tuple[int, int]]:
    """A speaker's line ("PENCE: Well, look, …") is what the speaker said to its end: the runs
    the tagger found in it become one (it reads sentence by sentence and stops before a turn does)."""
    span = doc.char_span(*line, alignment_mode="expand")
    inside = [r for r in runs if span is not None and span.start <= r[0] < span.end]
    if not inside:
        return runs
    return sorted([r for r in runs if r not in inside] + [(inside[0][0], max(span.end, inside[-1][1]))])


def _with_paragraphs(runs: list[tuple[int, int]], paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The tagger's runs with the later paragraphs of the same turn, each paragraph whole from
    its first word (the opening mark stays out, as in PolNeAR)."""
    for para in paragraphs:
        inside = [r for r in runs if _overlaps(r, para)]
        runs = [r for r in runs if r not in inside] + [(para[0], max([para[1]] + [r[1] for r in inside]))]
    return sorted(runs)


def _no_full_stop(doc: Doc, tokens: tuple[int, int], quotes: list[Quote]) -> tuple[int, int]:
    """A content ends before its sentence's full stop (PolNeAR's convention), unless the stop is
    inside the quotation."""
    start, end = tokens
    last = doc[end - 1]
    if end - start > 1 and last.text == "." and not _quoted(last, quotes):
        end -= 1
    return start, end


def _clauses(verb: Token) -> list[Token]:
    """The clauses a cue governs: its complements, else a "that" clause the parser took for an
    adverbial ("tweeted in the early hours that …")."""
    kids = list(verb.children)
    return [c for c in kids if c.dep_ == "ccomp"] or [
        c for c in kids if c.dep_ == "advcl" and c.i > verb.i and (verb.doc[c.left_edge.i].lower_ == "that" or _unmarked_clause(c))]


def _unmarked_clause(clause: Token) -> bool:
    """"said after the meeting she would not sign …": a finite clause with a subject and no
    "because"/"if"/"when" of its own is what was said (the parser hung it on the verb as an
    adverbial, with the time before it)."""
    kids = list(clause.children)
    return not any(c.dep_ == "mark" for c in kids) and any(c.dep_ in ("nsubj", "nsubjpass") for c in kids) \
        and (clause.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ == "aux" and c.tag_ == "MD" for c in kids))


RELATIVE_WORDS = ("that", "which", "whom")
OBJECTS = ("dobj", "ccomp", "xcomp", "attr", "oprd", "dative")


def _gapped(clause: Token) -> bool:
    """"accusations that Moscow denies", "the plans, which countries offered": a clause on a
    noun whose verb takes an object (a cue that takes one) and has none, because the noun it
    hangs on is that object; the parser often makes its "that" a complementiser."""
    if clause.head.i > clause.i or not (clause.dep_ in ("relcl", "acl") or clause.dep_ == "ccomp" and _nounish(clause.head)):
        return False  # (an acl's head is a noun, whatever its tag says)
    cue = _cue_of(clause)[0]
    if cue is None or "object" not in cue.takes:
        return False
    kids = list(clause.children)
    relative = next((k for k in kids if k.i < clause.i and k.lower_ in RELATIVE_WORDS and k.dep_ in ("mark", "dobj")), None)
    has_subject = any(k.dep_ == "nsubj" and k.lower_ not in RELATIVE_WORDS for k in kids)
    return relative is not None and has_subject and not any(k.dep_ in OBJECTS and k.i > clause.i for k in kids)


def _nounish(tok: Token) -> bool:
    """A noun, or a report noun the tagger took for a verb ("…, accusations that …" as VBZ)."""
    lemma = tok.lemma_.lower()
    return tok.pos_ in ("NOUN", "PROPN") or lemma in cue_lexicon("noun") and lemma not in cue_lexicon("verb")


def _antecedent(doc: Doc, clause: Token) -> tuple[int, int]:
    """The noun phrase a relative clause hangs on, without the clause ("the plans")."""
    noun = clause.head
    end = clause.left_edge.i
    while end > noun.i + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return noun.left_edge.i, end


def _from_the_clause(doc: Doc, cue: tuple[int, int], tokens: tuple[int, int]) -> tuple[int, int]:
    """"Interfax reported on March 3 that …": a content that opens with when or where the cue
    was said ("on March 3", "in an email", "this week") begins at the cue's clause. (Those words
    do not join the cue: on the dev compartment that made cue overlap .620 → .619.)"""
    head = attribution_features.cue_head(doc, cue)
    start, end = tokens
    for clause in _clauses(head):
        first = clause.left_edge.i
        if not cue[1] <= start < first < end:
            continue
        adjuncts = [k for k in head.rights if k.i < first and k.right_edge.i >= start]
        if adjuncts and all(_when_or_where(k) for k in adjuncts) and all(head in t.ancestors and not t.is_quote for t in doc[start:first]):
            return first, end
    return tokens


def _object_cited(doc: Doc, cue: tuple[int, int], tokens: tuple[int, int]) -> tuple[int, int]:
    """"…, citing two sources, that the deal had collapsed": what "citing" reports is the
    sources it names; the clause after them is the main cue's."""
    head = attribution_features.cue_head(doc, cue)
    entry = _cue_of(head)[0]
    obj = next((o for o in head.rights if o.dep_ == "dobj"), None)
    if entry is None or "relay" not in entry.takes or obj is None or _relayed(head, entry) is not None:
        return tokens
    start, end = tokens
    after = next((t for t in doc[obj.right_edge.i + 1:end] if not t.is_punct), None)
    clause_follows = after is not None and after.lower_ == "that" and after.dep_ == "mark"
    return (start, obj.right_edge.i + 1) if start <= obj.i < end and clause_follows else tokens


def _report_around_citing(doc: Doc, f: Found, found: list[Found], quotes: list[Quote]) -> Found | None:
    """"The newspaper said, citing unnamed officials, that …": when the parse hangs the "that"
    clause on "citing", no report holds it; it is the content of the verb "citing" hangs on."""
    head = attribution_features.cue_head(doc, f.cue)
    verb = head.head
    entry = _cue_of(head)[0]
    if head.dep_ != "advcl" or verb.i == head.i or entry is None or "relay" not in entry.takes:
        return None
    clause = next((c for c in head.rights if c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.lefts)), None)
    cue, particle = _cue_of(verb)
    if clause is None or cue is None or any(attribution_features.cue_head(doc, g.cue).i == verb.i for g in found):
        return None
    content = _chars(doc, (clause.left_edge.i, clause.right_edge.i + 1))
    g = Found(cue=_cue_span(verb, particle), content=content, source=f.source, source_chars=f.source_chars)
    g.direct = _direct(_text(doc), [content], quotes)
    return g


def _when_or_where(tok: Token) -> bool:
    """"on March 3", "this week", "in a statement": a word of the cue's setting, not its argument."""
    if tok.dep_ == "npadvmod":
        return tok.ent_type_ in ("DATE", "TIME")
    obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    return tok.dep_ == "prep" and obj is not None and (obj.ent_type_ in ("DATE", "TIME") or _setting(tok))


def _relative_to(doc: Doc, cue: tuple[int, int], tokens: tuple[int, int]) -> bool:
    """A noun cue's run that is a relative clause on it ("accusations that Moscow denies")."""
    head = attribution_features.cue_head(doc, cue)
    return any(_gapped(c) and tokens[0] <= c.left_edge.i <= tokens[0] + 1 for c in head.rights)


def _within_noun_clause(doc: Doc, cue: tuple[int, int], tokens: tuple[int, int]) -> tuple[int, int]:
    """"Her claim that the figures were forged was dismissed": a noun cue's content is its "that"
    clause, and ends where the clause does, not in the sentence the noun is part of."""
    head = attribution_features.cue_head(doc, cue)
    if head.pos_ != "NOUN":
        return tokens
    for child in head.rights:
        if child.dep_ in ("acl", "ccomp") and any(k.dep_ == "mark" and k.lower_ == "that" for k in child.lefts):
            end = child.right_edge.i + 1
            if tokens[0] < end < tokens[1]:
                return tokens[0], end
    return tokens


def _bare_source(doc: Doc, tokens: tuple[int, int]) -> tuple[int, int]:
    """A source begins with a word: the tagger sometimes takes in the quotation mark of a
    transcript line ("“WALLACE: …") or the "that" of the clause it stands in."""
    start, end = tokens
    while end - start > 1 and (doc[start].is_punct or (doc[start].lower_ == "that" and doc[start].dep_ == "mark")):
        start += 1
    return _without_asides(doc, (start, end))


BREAKS = (":", "-", "--", "\u2014", "\u2015", "\u2013")  # "OSLO — Nordic ministers", "Update: the mayor"


def _without_asides(doc: Doc, tokens: tuple[int, int]) -> tuple[int, int]:
    """The source without the dateline or headline label before it ("OSLO - Nordic
    ministers", "Update: the mayor") and the date it closes with ("a review board in 2019").
    Appositions and relative clauses stay, as PolNeAR keeps them ("Jane Doe, who …,")."""
    start, end = tokens
    for i in range(start + 1, min(start + 5, end - 1)):
        label = doc[start:i]
        if doc[i].text in BREAKS and doc[i - 1].whitespace_ and doc[i].whitespace_ and not any(t.pos_ in ("VERB", "AUX") for t in label) \
                and (doc[i].text == ":" or all(t.is_upper or t.is_punct for t in label)):
            start = i + 1
    last = doc[end - 1]
    prep = last.head
    if end - start > 2 and last.ent_type_ == "DATE" and prep.dep_ == "prep" and prep.i > start and not (start <= prep.head.i < end and prep.head.pos_ == "VERB") \
            and all(t.ent_type_ == "DATE" or t.i == prep.i for t in doc[prep.i:end]):
        end = prep.i
    return start, end


def _closing_comma(doc: Doc, tokens: tuple[int, int]) -> tuple[int, int]:
    """"Jane Doe, a lawyer, said": a source with an apposition keeps the comma that closes it
    (PolNeAR's convention, nine times in ten)."""
    start, end = tokens
    if end < len(doc) and doc[end].text == "," and any(doc[i].text == "," for i in range(start + 1, end)):
        end += 1
    return start, end


def _expletive(doc: Doc, tokens: tuple[int, int]) -> bool:
    """"It was reported that …": the "it" stands in for the content and says nothing itself."""
    return tokens[1] - tokens[0] == 1 and doc[tokens[0]].lower_ in ("it", "there") and doc[tokens[0]].pos_ == "PRON"


def _relays(doc: Doc, rule: Found, cue: tuple[int, int]) -> bool:
    """A cue that is part of a relayed report: "quoted" itself, or the "saying" after it."""
    if _overlaps(rule.cue, cue):
        return True
    first = doc[cue[0]]
    return rule.cue[1] <= cue[0] and first.idx < rule.content[0] and _part_of_quote_cue(first)


def _tokens(doc: Doc, chars: tuple[int, int]) -> tuple[int, int]:
    found = attribution_features.tokens_in(doc, *chars)
    return found.start, found.stop


def _token_chars(doc: Doc, tokens: tuple[int, int]) -> tuple[int, int]:
    return doc[tokens[0]].idx, doc[tokens[1] - 1].idx + len(doc[tokens[1] - 1].text)


# -- cues and their content ------------------------------------------------------------------
def _from_token(doc: Doc, tok: Token) -> Found | None:
    if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
        return _according_to(doc, tok)
    if tok.pos_ == "NOUN":
        return _from_noun(doc, tok)
    if tok.pos_ not in ("VERB", "AUX") or tok.dep_ in ("aux", "auxpass", "amod", "compound"):
        return None
    cue, particle = _cue_of(tok)
    if cue is None or _part_of_quote_cue(tok):
        return None
    content = _content(doc, tok, cue, particle)
    if content is None:
        return None
    f = Found(cue=_cue_span(tok, particle), content=_chars(doc, content))
    _source(doc, tok, cue, f)
    if f.source and _overlaps(f.source, content):
        f.source = None
    return f


def _from_noun(doc: Doc, noun: Token) -> Found | None:
    """"his claim that …", "the ministry's warning that …", "criticism of …"."""
    cue = cue_lexicon("noun").get(noun.lemma_.lower())
    if cue is None:
        return None
    content = None
    for c in noun.children:
        if c.i < noun.i:
            continue
        if "clause" in cue.takes and c.dep_ in ("acl", "ccomp", "appos") and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
            if _gapped(c):  # "accusations that Moscow denies": Moscow's denial, not the accusations' content
                continue
            content = (c.left_edge.i, c.right_edge.i + 1)
        elif "infinitive" in cue.takes and c.dep_ == "acl" and any(a.lower_ == "to" for a in c.children):
            content = (c.left_edge.i, c.right_edge.i + 1)
        elif "prep" in cue.takes and c.dep_ == "prep" and c.lower_ in ("of", "on", "about", "for"):
            obj = next((o for o in c.children if o.dep_ in ("pobj", "pcomp")), None)
            content = (obj.left_edge.i, obj.right_edge.i + 1) if obj is not None else None
        if content:
            break
    if content is None and "clause" in cue.takes and noun.dep_ == "dobj":
        content = _set_off(doc, noun) or _set_off(doc, noun.head)  # "She issued this statement:" ending its paragraph
    if content is None:
        return None
    f = Found(cue=(noun.i, noun.i + 1), content=_chars(doc, content))
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is not None:
        f.source = (owner.left_edge.i, owner.right_edge.i + 1)
    elif noun.dep_ == "dobj" and _cue_of(noun.head)[0] is None and (subject := _subject(noun.head)) is not None:
        f.source = _subject_np(subject, noun.head)  # "X issued a warning that"; not "X denied reports that": those are others'
    return f


def _part_of_quote_cue(tok: Token) -> bool:
    """"saying" in "quoted X as saying": the relaying cue above it reports this content."""
    head = tok.head.head if tok.head.lower_ == "as" else tok.head
    if tok.dep_ not in ("pcomp", "advcl") or head.i == tok.i:
        return False
    cue = _cue_of(head)[0]
    return cue is not None and "relay" in cue.takes


def _relayed(verb: Token, cue: Cue) -> tuple[int, int] | None:
    """The content of "X quoted (cited) Y as saying …", when the cue takes that form and has it."""
    return _quoted_as_saying(verb) if "relay" in cue.takes else None


def _cue_of(tok: Token) -> tuple[Cue | None, Token | None]:
    """The lexicon entry for a verb, with its particle or preposition ("point out", "call for")."""
    lex = cue_lexicon()
    lemma = tok.lemma_.lower()
    for child in tok.children:
        if child.dep_ in ("prt", "prep") and (entry := lex.get(f"{lemma} {child.lower_}")):
            return entry, child
    return lex.get(lemma), None


def _cue_span(tok: Token, particle: Token | None) -> tuple[int, int]:
    """The cue's words, PARC-style: the verb with its auxiliaries, negation and adverbs just
    before it ("has also said", "did not deny"), its particle, when and where it was said
    ("said Monday in a statement"), and a colon right after it."""
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start - 1].head.i == tok.i and doc[start - 1].dep_ in CUE_LEFT:
        start -= 1
    end = tok.i + 1
    while end < len(doc):
        nxt = doc[end]
        if particle is not None and nxt.i == particle.i:
            end += 1
        elif nxt.head.i == tok.i and nxt.dep_ in CUE_RIGHT:
            end = nxt.right_edge.i + 1
        elif nxt.head.i == tok.i and _setting(nxt):
            end = _setting_end(nxt)
        else:
            break
    if end < len(doc) and doc[end].text == ":":
        end += 1
    return start, end


def _setting_end(prep: Token) -> int:
    """"in an interview on Monday": the setting's noun and when it was, not who it was with or
    what it was for ("… with the Daily Ledger", "… announcing the suit")."""
    noun = _pobj(prep)
    end = noun.i + 1
    for c in noun.rights:
        if c.i == end and c.dep_ == "prep" and c.right_edge.ent_type_ in ("DATE", "TIME"):
            end = c.right_edge.i + 1
    return end


def _setting(prep: Token) -> bool:
    """"in a statement", "at a briefing", "on Twitter": where the words were said."""
    if prep.dep_ != "prep" or prep.lower_ not in ("in", "at", "on", "during"):
        return False
    obj = _pobj(prep)
    return obj is not None and obj.lemma_.lower() in SETTINGS


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def _content(doc: Doc, verb: Token, cue: Cue, particle: Token | None) -> tuple[int, int] | None:
    """Token range of what was said, by the forms the cue takes, most specific first."""
    kids = list(verb.children)
    if (relayed := _relayed(verb, cue)) is not None:
        return relayed
    if "clause" in cue.takes:
        clause = _clauses(verb)
        if clause:
            return _with_that_conjuncts(verb, clause[0])
        if _parenthetical(doc, verb) or _as_clause(verb):
            return _around(doc, verb.head, verb)
        if (block := _set_off(doc, verb)) is not None:
            return block
    if "infinitive" in cue.takes:
        for c in kids:
            if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children):
                return c.left_edge.i, c.right_edge.i + 1
    if "prep" in cue.takes and particle is not None and particle.dep_ == "prep":
        obj = [c for c in particle.children if c.dep_ in ("pobj", "pcomp")]
        if obj:
            return obj[0].left_edge.i, obj[0].right_edge.i + 1
    if "object" in cue.takes:
        for c in kids:
            if c.dep_ == "dobj" and c.pos_ != "PRON":
                return c.left_edge.i, _with_grounds(verb, c.right_edge.i + 1)
        if _gapped(verb):  # "the plans that countries offered": the plans
            return _antecedent(doc, verb)
    return None


def _set_off(doc: Doc, cue: Token) -> tuple[int, int] | None:
    """"He said:" closing its paragraph: what was said is the next paragraph, set off as a block
    (quotations running on through later paragraphs are joined to it as quotations are)."""
    colon = cue.sent.end - 1
    while colon > cue.i and doc[colon].is_space:
        colon -= 1
    if doc[colon].text != ":" or doc[colon].head.i != cue.i or colon + 1 >= len(doc) or not _breaks_paragraph(doc[colon]):
        return None
    start = colon + 1
    while start < len(doc) and doc[start].is_space:
        start += 1
    end = start
    while end < len(doc) and not (doc[end].is_space and "\n" in doc[end].text) and not _breaks_paragraph(doc[end]):
        end += 1
    end += end < len(doc) and not doc[end].is_space  # the paragraph's last token
    return (start, end) if end > start else None


def _quotations_set_off(doc: Doc, found: list[Found], quotes: list[Quote]) -> list[Found]:
    """"Ms. Lindqvist continued:" closing its paragraph, a quotation opening the next: whatever the
    verb, its subject said the quotation (the colon and the marks say so, not the lexicon)."""
    opening = {q.start for q in quotes}
    taken = [f.content for f in found]
    out = []
    for sent in doc.sents:
        verb = sent.root
        if verb.pos_ != "VERB" or (subject := _subject(verb)) is None or subject.dep_ != "nsubj":
            continue
        block = _set_off(doc, verb)
        if block is None or doc[block[0]].idx not in opening or any(_overlaps(_chars(doc, block), t) for t in taken):
            continue
        out.append(Found(cue=_cue_span(verb, None), content=_chars(doc, block), source=_subject_np(subject, verb)))
    return out


def _breaks_paragraph(tok: Token) -> bool:
    """The token ends its line: a line break follows it."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return "\n" in tok.whitespace_ or (nxt is not None and nxt.is_space and "\n" in nxt.text)


def _with_grounds(verb: Token, end: int) -> int:
    """"criticized X for Y", "cited X as Y": the grounds after the object belong to the content."""
    for c in verb.rights:
        if c.i == end and c.dep_ == "prep" and c.lower_ in GROUNDS:
            end = c.right_edge.i + 1
    return end


def _an_act(doc: Doc, cue: tuple[int, int]) -> bool:
    """"London and Moscow have agreed to hold talks", "they met to discuss the crisis": a verb in
    a form its lexicon entry marks as an act of its own (an infinitive, an object, a preposition),
    with no clause of what was said, reports nothing. PolNeAR marks such cues (dropping them
    cost 7 matches of 8 on its dev compartment), so the record stays, marked."""
    head = attribution_features.cue_head(doc, cue)
    entry, particle = _cue_of(head) if head.pos_ in ("VERB", "AUX") else (None, None)
    if entry is None or not entry.acts or _clauses(head) or _set_off(doc, head) is not None or _parenthetical(doc, head):
        return False
    forms = {"infinitive" for c in head.children if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)}
    forms |= {"object" for c in head.children if c.dep_ == "dobj"}
    forms |= {"prep" for c in head.children if c.dep_ == "prep" and particle is None}
    return bool(forms & entry.acts)


def _parenthetical(doc: Doc, verb: Token) -> bool:
    """"The deal is done, he said" / "The deal, he said, is done": a cue set off by a comma after
    the clause it reports (the parser hangs it on that clause)."""
    if verb.dep_ not in ("parataxis", "ccomp") or verb.i < verb.head.i:
        return False
    left = verb.left_edge.i
    return left > 0 and doc[left - 1].text in (",", "\u2014", "\u201d", '"') and not any(
        c.dep_ in ("dobj", "ccomp") for c in verb.children)


def _as_clause(verb: Token) -> bool:
    """"As the minister pointed out, the reserves are empty": the clause the "as" clause hangs on
    is what was said."""
    return verb.dep_ == "advcl" and verb.head.i != verb.i and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children) and not any(
        c.dep_ in ("dobj", "ccomp") for c in verb.children)


def _cue_candidates(doc: Doc) -> list[int]:
    """The tokens whose word the cue lexicon has, or "according" (the rules read no others;
    spaCy makes a Token object at every access, so the rest are skipped by their lemma hashes)."""
    words = cue_words()
    lemmas = strings_of(doc.vocab.strings, lowered=True)
    array = doc.to_array([LEMMA, LOWER])
    distinct, inverse = np.unique(array[:, 0], return_inverse=True)
    cue = np.asarray([lemmas[h] in words for h in distinct.tolist()], dtype=bool)[inverse.reshape(-1)]
    return np.flatnonzero(cue | (array[:, 1] == doc.vocab.strings["according"])).tolist()


def _inside_quotes(doc: Doc, quotes: list[Quote]) -> set[int]:
    """Indices of the tokens that start inside a quotation (after its opening mark)."""
    starts = doc.to_array([IDX]).tolist()
    inside: set[int] = set()
    for q in quotes:
        inside.update(range(bisect.bisect_right(starts, q.start), bisect.bisect_left(starts, q.end)))
    return inside


def _quoted(tok: Token, quotes: list[Quote]) -> bool:
    return any(q.start < tok.idx < q.end for q in quotes)


def _with_that_conjuncts(verb: Token, clause: Token) -> tuple[int, int]:
    """"said that X, and that Y": the content runs on over conjoined that-clauses."""
    start, end = clause.left_edge.i, clause.right_edge.i + 1
    if clause.dep_ == "advcl" and _unmarked_clause(clause):
        subject = next(c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass"))
        start = subject.left_edge.i  # "after the meeting" is when it was said
    for c in verb.children:
        if c.dep_ == "conj" and c.i > clause.i and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
            end = max(end, c.right_edge.i + 1)
    return start, end


def _quoted_as_saying(verb: Token) -> tuple[int, int] | None:
    """"quoted X as saying (that) …": the content is what "saying" governs."""
    for c in verb.children:
        saying = [g for g in c.subtree if g.lemma_ in ("say", "tell", "warn", "add") and g.i > verb.i]
        if c.dep_ in ("prep", "advcl") and saying:
            said = saying[0]
            clause = [k for k in said.children if k.dep_ in ("ccomp", "dobj", "xcomp")]
            if clause:
                return _with_that_conjuncts(verb, clause[0]) if clause[0].dep_ == "ccomp" else (
                    clause[0].left_edge.i, clause[0].right_edge.i + 1)
    for c in verb.children:  # "… ," the source was quoted as saying: the clause before
        if c.dep_ == "ccomp" and c.i < verb.i:
            return c.left_edge.i, c.right_edge.i + 1
    return None


def _around(doc: Doc, head: Token, cue: Token) -> tuple[int, int] | None:
    """"The deal, he said, is done" / "The deal is done, he said": the head clause without the
    cue's own words."""
    start, end = head.left_edge.i, head.right_edge.i + 1
    while end > start and doc[end - 1].is_punct and doc[end - 1].text not in CLOSING_MARKS:
        end -= 1
    cut_start, cut_end = cue.left_edge.i, cue.right_edge.i + 1
    if cut_end >= end:
        end = cut_start
    elif cut_start <= start:
        start = cut_end
    return (start, end) if end > start else None


def _according_to(doc: Doc, tok: Token) -> Found | None:
    to = doc[tok.i + 1]
    obj = [c for c in to.children if c.dep_ == "pobj"] or [c for c in tok.children if c.dep_ == "pobj"]
    if not obj:
        return None
    if tok.dep_ == "ROOT" and (split := _after_the_comma(doc, tok, obj[0])) is not None:
        source, content = split
        return Found(cue=(tok.i, tok.i + 2), content=_chars(doc, content), source=source)
    clause = tok.head
    while clause.dep_ not in ("ROOT", "ccomp", "conj", "advcl", "relcl", "parataxis") and clause.head.i != clause.i:
        clause = clause.head
    content = _around(doc, clause, tok)
    if content is None:
        return None
    source = (obj[0].left_edge.i, obj[0].right_edge.i + 1)
    return Found(cue=(tok.i, tok.i + 2), content=_chars(doc, content), source=source)


def _after_the_comma(doc: Doc, according: Token, obj: Token) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """"According to X, the plan reeks of haste": when the parser found no clause for "according"
    to hang on (it made the sentence's verb a noun in the source's apposition), the source ends
    at the first comma after "to" and the content is the rest of the sentence."""
    end = according.sent.end
    comma = next((t.i for t in doc[according.i + 2:end] if t.text == ","), None)
    if comma is None or comma <= obj.left_edge.i or comma + 1 >= end:
        return None
    stop = end
    while stop > comma + 1 and (doc[stop - 1].is_punct or doc[stop - 1].is_space) and doc[stop - 1].text not in CLOSING_MARKS:
        stop -= 1
    return (obj.left_edge.i, comma), (comma + 1, stop)


# -- sources ------------------------------------------------------------------------------
def _source(doc: Doc, verb: Token, cue: Cue, f: Found) -> None:
    subject = _subject(verb)
    agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    if _relayed(verb, cue) is not None:
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is not None:  # X quoted Y as saying
            f.source = _np(obj, verb)
            f.outer = _np(subject, verb) if subject is not None else None
        elif subject is not None and subject.dep_ == "nsubjpass":  # Y was quoted (by X) as saying
            f.source = _np(subject, verb)
            f.outer = _np(agent, verb) if agent is not None else None
            f.passive_quote = True
        return
    if agent is not None:
        f.source = _np(agent, verb)
    elif subject is not None and subject.dep_ == "nsubj":
        f.source = _subject_np(subject, verb)
    elif subject is not None and subject.lower_ not in ("it", "there"):
        f.source = None  # "X is expected to …": the passive subject is not who said it


def _subject(verb: Token) -> Token | None:
    tok = verb
    for _ in range(3):
        subj = next((c for c in tok.children if c.dep_ in SUBJECTS), None)
        if subj is not None:
            return subj
        if tok.dep_ == "relcl":  # "Smith, who said …": the noun the clause hangs on
            return tok.head
        if tok.dep_ == "acl" and tok.head.pos_ == "NOUN":  # "issued a statement saying …"
            return _subject(tok.head.head) if tok.head.dep_ == "dobj" else tok.head
        if tok.dep_ not in SHARES_SUBJECT:
            return None
        tok = tok.head
    return None


def _subject_np(subject: Token, verb: Token) -> tuple[int, int]:
    """The subject's words, taking in a name the parser made a second subject ("the state news
    agency Xinhua reported")."""
    start, end = _np(subject, verb)
    for s in subject.head.children:
        if s.dep_ in SUBJECTS and s.i > subject.i and s.left_edge.i == end and s.i < verb.i:
            end = s.right_edge.i + 1
    return start, end


def _np(tok: Token, cue: Token | None = None) -> tuple[int, int]:
    """A source's words: the whole noun phrase with its appositions and relative clauses
    ("Jane Doe, a lawyer who …,"), but never reaching the cue."""
    start, end = tok.left_edge.i, tok.right_edge.i + 1
    if cue is not None and start <= cue.i < end:
        end = cue.i if cue.i > tok.i else end
        start = cue.i + 1 if cue.i < tok.i else start
    for t in range(tok.i - 1, start - 1, -1):  # a parse run across a paragraph break
        if "\n" in tok.doc[t].text or "\n" in tok.doc[t].whitespace_:
            start = t + 1
            break
    if any(tok.doc[t].text == "," for t in range(tok.i, end)) and end < len(tok.doc) and tok.doc[end].text == ",":
        end += 1  # "Jane Doe, a lawyer," keeps the comma that closes the apposition
    return _without_asides(tok.doc, (start, end))


SPEAKER_LINE = re.compile(r"^[ \t]*(\S[^\n:\u2015\u2014\u2013]{0,40}?)[ \t]*([:\u2015\u2014\u2013])[ \t]+(\S[^\n]*?)[ \t]*$", re.M)
OPENING_MARKS = ("\u201c", "\u201d", '"', "''")
PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*")


def _speaker_lines(doc: Doc, entities: list[Entity]) -> list[Found]:
    """"PENCE: Well, …" in a transcript, "Sanders: Clinton needs …" in a headline, "Ana Ruiz ―
    “I voted …”" in a round-up of readers' voices: a line that opens with a speaker's name and
    a colon (or a dash before a quotation) reports what follows."""
    starts = {m.start for e in entities if e.type in ("PERSON", "ORG") for m in e.mentions}
    people = {m.start for e in entities if e.type == "PERSON" for m in e.mentions}
    found = []
    for line in SPEAKER_LINE.finditer(_text(doc)):
        name, mark, said = line.group(1), line.group(2), line.group(3)
        if mark == ":" and not (line.start(1) in starts or (name.isupper() and len(name.split()) <= 3)):
            continue
        if mark != ":" and not (line.start(1) in people and said.startswith(OPENING_MARKS)):
            continue  # "MOSCOW — The ministry said …" is a dateline, not a speaker
        cue = doc.char_span(line.start(2), line.end(2))
        source = doc.char_span(line.start(1), line.end(1), alignment_mode="expand")
        if cue is None or source is None:
            continue
        f = Found(cue=(cue.start, cue.end), content=(line.start(3), line.end(3)), source=(source.start, source.end), line=True)
        f.more = _turn_goes_on(_text(doc), line) if line.group(0).lstrip()[:1] in OPENING_MARKS else []
        found.append(f)
    return found


def _turn_goes_on(text: str, line: re.Match) -> list[tuple[int, int]]:
    """A transcript quoted paragraph by paragraph ("“PENCE: Well, …" then "“But the truth is …"):
    the paragraphs that open with a quote mark and name no new speaker are the same turn."""
    pieces = []
    for para in PARAGRAPH.finditer(text, line.end()):
        body = para.group(0).lstrip()
        if body[:1] not in OPENING_MARKS or SPEAKER_LINE.match(body[1:]):
            break
        start = para.start() + len(para.group(0)) - len(body) + 1
        end = para.end()
        while end > start and (text[end - 1].isspace() or text[end - 1] in OPENING_MARKS):
            end -= 1
        if end > start:
            pieces.append((start, end))
    return pieces


# a dash, then a name closing the line (spaces may be no-break ones; a full stop may end it)
SIGNATURE = re.compile(r"[^\S\n]*([\u2015\u2014\u2013])[^\S\n]*(\S[^\n]{1,60}?)[^\S\n]*\.?[^\S\n]*$", re.M)
NAME_WORD = re.compile(r"[A-Z][\w'’.-]*")


def _signed_quotes(doc: Doc, entities: list[Entity], quotes: list[Quote]) -> list[Found]:
    """"“I voted early.” ― Ana Ruiz": a quotation signed after a dash, as in a round-up of
    readers' voices or an epigraph, is the words of the person named."""
    people = {m.start for e in entities if e.type == "PERSON" for m in e.mentions}
    found = []
    for q in quotes:
        sign = SIGNATURE.match(_text(doc), q.end)
        if sign is None or not (sign.start(2) in people or _looks_like_name(sign.group(2))):
            continue
        cue = doc.char_span(sign.start(1), sign.end(1))
        source = doc.char_span(sign.start(2), sign.end(2), alignment_mode="expand")
        if cue is not None and source is not None:
            found.append(Found(cue=(cue.start, cue.end), content=(_line_opening(_text(doc), q), q.end),
                               source=(source.start, source.end), signed=True))
    return found


def _line_opening(text: str, q: Quote) -> int:
    """Where a signed quotation begins: at the opening mark that starts its line, when the marks
    inside pair up wrongly (a ‘quote’ within closed by ”, as readers type them)."""
    line = text.rfind("\n", 0, q.start) + 1
    lead = len(text[line:q.start]) - len(text[line:q.start].lstrip())
    start = line + lead
    if start < q.start and text[start] in OPENING_MARKS and not SIGNATURE.search(text[start:q.start].split("\n")[0] + "\n"):
        return start
    return q.start


def _looks_like_name(text: str) -> bool:
    """"Rosa Villanueva", "Ana M. Cruz Ortega": two to five capitalised words (the NER misses
    many names standing alone on a signature line)."""
    words = text.split()
    return 2 <= len(words) <= 5 and all(NAME_WORD.fullmatch(w) for w in words)


# -- quotations -----------------------------------------------------------------------------
def _with_quotes(doc: Doc, found: list[Found], quotes: list[Quote]) -> list[Found]:
    """A quotation no content covers takes the bare cue of its sentence ("…," she said)."""
    for q in quotes:
        if not _reported_speech(doc, q) or any(_overlaps((q.start, q.end), f.content) for f in found):
            continue
        cue = _bare_cue(doc, q)
        if cue is None:
            continue
        entry, particle = _cue_of(cue)
        f = Found(cue=_cue_span(cue, particle), content=(q.start, q.end))
        _source(doc, cue, entry or SAYING, f)
        found.append(f)
    return found


def _reported_speech(doc: Doc, q: Quote) -> bool:
    """Long enough and with a verb of its own: not a scare-quoted name ("a “senior source”")."""
    words = q.words(_text(doc))
    if words >= 2 and _utterance_end(_text(doc), q):  # “You winning?” / “Not yet,”
        return True
    if words < MIN_QUOTE_WORDS:
        return False
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    return span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)


def _utterance_end(text: str, q: Quote) -> bool:
    """Closing with the punctuation of something said: ',”' '.”' '?”' '!”'."""
    inner = text[q.start:q.end].rstrip("\u201d\"'")
    return inner[-1:] in (",", ".", "?", "!")


def _bare_cue(doc: Doc, q: Quote) -> Token | None:
    """A speech cue outside the quotation in the sentence where it ends (or starts), or in the
    sentence before when that ends with a colon."""
    window = doc.char_span(q.start, q.end, alignment_mode="expand")
    if window is None:
        return None
    sents = [window[0].sent, window[-1].sent]
    after = window[-1].i + 1
    if after < len(doc) and doc[after].is_sent_start and not _breaks_paragraph(window[-1]):
        sents.append(doc[after].sent)  # “… ?” he asks: the parser starts a sentence after the question
    candidates = [t for s in sents for t in s if not (q.start <= t.idx < q.end)]
    prev = window[0].sent.start - 1
    while prev > 0 and doc[prev].is_space:  # "He said:" then a blank line
        prev -= 1
    colon = doc[window[0].i - 1] if window[0].i > 0 and doc[window[0].i - 1].text == ":" else None  # "He put it: “…”"
    if prev >= 0 and doc[prev].text == ":":
        candidates.append(doc[prev].head)  # the verb the colon closes ("He said:"), not any cue before it
    elif colon is not None:
        candidates += [t for t in doc[prev].sent if t.idx < q.start]
    for t in sorted(candidates, key=lambda t: abs(t.idx - q.start)):
        entry, _ = _cue_of(t) if t.pos_ in ("VERB", "AUX") else (None, None)
        if entry and entry.kind in ("speech", "writing", "report"):
            return t
    if colon is not None and colon.head.pos_ == "VERB" and any(c.dep_ == "nsubj" for c in colon.head.children):
        return colon.head  # "He put it this way: “…”": the colon and the marks say it was said
    return None


def _split_around_cue(doc: Doc, f: Found, quotes: list[Quote]) -> None:
    """"“A,” the president said, “B.”": a content the cue interrupts is the two quotations."""
    cue_start = doc[f.cue[0]].idx
    if not f.content[0] < cue_start < f.content[1]:
        return
    before = next((q for q in quotes if q.start <= f.content[0] < q.end <= cue_start), None)
    after = next((q for q in quotes if cue_start < q.start < f.content[1]), None)
    if before is not None and after is not None:
        end = max(after.end, f.content[1])
        f.content = (f.content[0], before.end)
        f.more = [(after.start, end)]


def _continued_quotes(doc: Doc, found: list[Found], quotes: list[Quote]) -> None:
    """"“A,” she said. “B.”": a quotation that follows its speaker's sentence with nothing in
    between carries on the same content (as a second fragment)."""
    taken = [piece for f in found for piece in [f.content, *f.more]]
    free = [q for q in quotes if not any(_overlaps((q.start, q.end), t) for t in taken)]
    for f in found:
        if not f.direct:
            continue
        end = max([doc[f.cue[0]].sent.end_char, f.content[1]] + [m[1] for m in f.more])
        for q in free:
            if q.start >= end and not _text(doc)[end:q.start].strip():
                f.more.append((q.start, q.end))
                end = q.end
        free = [q for q in free if (q.start, q.end) not in f.more]


def _around_quotes(text: str, content: tuple[int, int], quotes: list[Quote]) -> tuple[int, int]:
    """Take in the quotation marks (and the punctuation inside them) that a content's words end
    or start just inside of."""
    start, end = content
    for q in quotes:
        if q.start <= start < q.end and _only_marks(text[q.start:start]):
            start = q.start
        if q.start < end <= q.end and _only_marks(text[end:q.end]):
            end = q.end
        elif q.start == start and end < q.end and _ends_line(text, end):
            end = q.end  # a quotation running on through paragraphs is said whole
    for q in quotes:  # “A. B,” she said: the parser gave the cue only B's sentence
        if q.start < start < q.end == end and text[q.start:start].rstrip()[-1:] in ".?!":
            start = q.start
    return start, end


def _ends_line(text: str, at: int) -> bool:
    """Only punctuation and marks lie between `at` and the end of its line."""
    line_end = text.find("\n", at)
    return line_end >= 0 and _only_marks(text[at:line_end])


def _only_marks(s: str) -> bool:
    return all(not c.isalnum() for c in s)


# -- speakers and chains ----------------------------------------------------------------------
class _Speakers:
    """Links sources to entities and builds chains, in text order (earlier sources are
    antecedents of later ones)."""

    def __init__(self, doc: Doc, entities: list[Entity], quotes: list[Quote]):
        self.doc = doc
        self.quoted = _inside_quotes(doc, quotes)
        self.entities = {e.id: e for e in entities}
        self.by_char: dict[int, Entity] = {}
        for e in entities:
            for m in e.mentions:
                for c in range(m.start, m.end):
                    self.by_char.setdefault(c, e)
        self.done: list[Found] = []
        self.people: list[tuple[int, Entity, bool]] | None = None
        self.genders: dict[str, str | None] = {}
        self.starts = doc.to_array([IDX]).tolist()

    def resolve(self, found: list[Found]) -> None:
        self.found = found
        self.words: dict[int, Found] | None = None  # the reports that pass on words, found when first asked for
        self.own: dict[int, ChainLink | None] = {}
        for f in found:  # text order: earlier sources are antecedents of later ones
            self.own[id(f)] = self._own_link(f)
            self.done.append(f)
        self.chains: dict[int, list[ChainLink]] = {}
        for f in found:
            f.links = self._chain(f, set())

    def _chain(self, f: Found, visiting: set[int]) -> list[ChainLink]:
        if id(f) in self.chains:
            return self.chains[id(f)]
        visiting.add(id(f))
        link = self.own[id(f)]
        prefix = self._prefix(f, visiting)
        if link is not None and prefix:
            link = _affiliated(link, prefix[-1])
        same = link is not None and prefix and (prefix[-1].name, prefix[-1].entity) == (link.name, link.entity)
        chain = prefix + ([link] if link and not same else [])
        cited = self._cited(f)
        if cited is not None and chain:
            chain = chain + [_affiliated(cited, chain[-1])]
        self.chains[id(f)] = chain
        return chain

    def _cited(self, f: Found) -> ChainLink | None:
        """"Reuters reported, citing two sources, that …": the report came to its source from
        those it cites, the last link of its chain."""
        head = attribution_features.cue_head(self.doc, f.cue)
        start = next((t.i for t in self.doc[f.cue[1]:] if t.idx >= f.content[0]), f.cue[1])
        between = [t for t in self.doc[f.cue[1]:start] if t.dep_ == "advcl"]  # a parse may hang it on the content
        # "IRNA, citing a military source, said …": the parse hangs "citing" on the source
        on_source = [c for c in self.doc[f.source[0]:f.source[1]].root.children if c.dep_ == "acl"] if f.source else []
        for c in [*head.children, *between, *on_source]:
            entry = _cue_of(c)[0] if c.dep_ in ("advcl", "acl") and not f.cue[0] <= c.i < f.cue[1] else None
            obj = next((o for o in c.children if o.dep_ == "dobj"), None)
            if entry is not None and "relay" in entry.takes and obj is not None and _relayed(c, entry) is None:
                return self._link(self.doc[slice(*_np(obj, c))], f)
        return None

    def _link(self, span: SpacySpan, f: Found) -> ChainLink:
        """A link for a source that is not an attribution's own (an outlet quoting it, a source cited)."""
        entity = self._entity(span, f)
        link = sources.link(span, entity, self._entities_in(span), sources.is_anonymous(span, entity))
        if entity is not None and self._names(span, entity):
            link.name = entity.name
        return link

    def _own_link(self, f: Found) -> ChainLink | None:
        if f.source is None and f.shares is not None and id(f.shares) in self.own:
            f.speaker, f.anonymous = f.shares.speaker, f.shares.anonymous
            return self.own[id(f.shares)]
        if f.source is None:
            return None
        span = self.doc[f.source[0]:f.source[1]]
        named = _relative_antecedent(span)
        if named is not None:  # "Ana Ruiz, who said …": the link is Ana Ruiz, the source span stays "who"
            link = self._link(named, f)
            f.speaker, f.anonymous = link.entity, sources.is_anonymous(named, self.entities.get(link.entity or ""))
            return link
        antecedent = self._antecedent(span, f) or self._it(span, f) or self._unnamed_speaker(span, f)
        if antecedent is not None:  # "the source was quoted as saying": the earlier source
            f.speaker, f.anonymous, f.antecedent = antecedent.speaker, antecedent.anonymous, antecedent
            return self.own[id(antecedent)]
        entity = self._entity(span, f)
        inside = self._entities_in(span)
        f.speaker = entity.id if entity else None
        f.anonymous = sources.is_anonymous(span, entity) if not _pronoun(span) else False
        link = sources.link(span, entity, inside, f.anonymous)
        if f.source_chars:
            link.name = _text(self.doc)[f.source_chars[0]:f.source_chars[1]]
        if entity is not None and (_pronoun(span) or self._names(span, entity) or _DESCRIBED.match(span.text)):
            link.name = entity.name  # "she", "the minister", "the state news agency TASS": the chain names TASS
        if entity is None and (owner := self._owner(span, f)) is not None:  # "Her office said": Ana Costa's office
            link.name = f"{owner.name}'s {span[1:].text}"
            if span.root.lower_ == "office" and self._official(owner):
                link.kind = "named_official"
        if entity is not None and link.kind == "other":  # "The ministry's spokesman, Rui Lopes, said … He added": still the official
            link.kind = next((k.kind for k in self.own.values() if k is not None and k.entity == entity.id), link.kind)
        if entity is None and _pronoun(span) and span.root.lower_ in FIRST_PERSON and not self._in_direct(span):
            link.name = "the writer"  # "I know your returns are being audited": a column's or letter's own author
        if len(several := self._conjoined(span)) > 1:  # "Senator Ortiz and Senator Blum say": the two of them, not the first
            link.name = _text(self.doc)[f.source_chars[0]:f.source_chars[1]] if f.source_chars else span.text
            link.entity = f.speaker = None
            countries_ = {e.country for e in several}
            link.country = countries_.pop() if len(countries_) == 1 else None  # "London and Moscow": no one country
        return link

    def _conjoined(self, span: SpacySpan) -> list[Entity]:
        """The people, organisations or places a source names side by side ("Ortiz and Blum", "London and Moscow")."""
        root = span.root
        named = {e.id: e for t in (root, *[c for c in root.children if c.dep_ == "conj" and c.i < span.end])
                 if (e := self.by_char.get(t.idx)) is not None and e.type in ("PERSON", "ORG", "GPE", "NORP")}
        return list(named.values())

    def _in_direct(self, span: SpacySpan) -> bool:
        """Whether the words stand in a quotation or in the content of a direct report."""
        at = span.start_char
        return span.start in self.quoted or any(g.content[0] <= at < g.content[1] and g.direct for g in self.done)

    def _owner(self, span: SpacySpan, f: Found) -> Entity | None:
        """The person a source's "his"/"her" stands for ("Her office", "his campaign")."""
        poss = span[0]
        if poss.lower_ not in ("his", "her") or poss.dep_ != "poss" or len(span) < 2:
            return None
        return self._last_person_subject(span.start_char, "f" if poss.lower_ == "her" else "m")

    def _official(self, e: Entity) -> bool:
        """Whether a person holds an office: by a role, or by how an earlier source named them."""
        cited = any(k is not None and k.entity == e.id and k.kind == "named_official" for k in self.own.values())
        return cited or any(r.sector in sources.OFFICIAL_SECTORS for r in e.roles)

    def _names(self, span: SpacySpan, entity: Entity) -> bool:
        """The source is the named person or organisation itself, with descriptive words."""
        return entity.type in ("PERSON", "ORG") and any(
            span.start_char <= m.start and m.end <= span.end_char for m in entity.mentions)

    def _prefix(self, f: Found, visiting: set[int]) -> list[ChainLink]:
        """Links before the source's own: the outlet that quoted it, or the attribution whose
        content this one sits in, when that one passes its content on."""
        if f.outer is not None:
            return [self._link(self.doc[f.outer[0]:f.outer[1]], f)]
        if f.antecedent is not None and id(f.antecedent) not in visiting:
            return self._chain(f.antecedent, visiting)[:-1]
        cue_char = self.doc[f.cue[0]].idx
        enclosing = [g for g in self.done if id(g) not in visiting and g.content[0] <= cue_char < g.content[1] and _passes_on(self.doc, g)]
        enclosing.sort(key=lambda g: g.content[1] - g.content[0])
        prefix = list(self._chain(enclosing[0], visiting)) if enclosing else []
        outlet = self._told(f)
        return prefix + [outlet] if outlet is not None else prefix

    def _told(self, f: Found) -> ChainLink | None:
        """"A ministry source told RIA Novosti …", "she said in an interview with the BBC",
        "speaking to Reuters, he said …": the words came to the article through the outlet they
        were said to, the link before the source's own."""
        head = attribution_features.cue_head(self.doc, f.cue)
        reach = [(c, 0) for c in head.children if c.dep_ in TOLD and (c.dep_ != "prep" or c.lower_ in VIA)
                 or c.dep_ == "advcl" and c.lemma_ in SPEAKING]
        while reach:
            tok, depth = reach.pop()
            e = self.by_char.get(tok.idx)
            if e is not None and e.kind in sources.MEDIA and tok.dep_ in ("dobj", "dative", "pobj"):
                return self._link(self.doc[slice(*_np(tok))], f)
            if depth < 3:  # through "in an interview with", never "about"/"of" (what was said, not to whom)
                reach += [(c, depth + 1) for c in tok.children if c.dep_ in TOLD and (c.dep_ != "prep" or c.lower_ in VIA)]
        return None

    def _antecedent(self, span: SpacySpan, f: Found) -> Found | None:
        """A definite "the source" / "the official" that an earlier attribution introduced."""
        head = span.root
        if not any(t.lower_ in ("the", "that", "this") for t in head.children) or sources.head_role(span) is None:
            return None
        for g in reversed(self.done):
            if g.source and self.doc[g.source[0]:g.source[1]].root.lemma_ == head.lemma_:
                return g
        return None

    def _it(self, span: SpacySpan, f: Found) -> Found | None:
        """"The ministry said the talks would resume. It added …", "Two senators urged … they
        wrote": "it" or "they" is the source of the report just before, when that is one thing (not
        a person) or several (a name by the verb it takes: "Redwood Music have denied …, they
        said"), spoke in this sentence or the two before, and nothing else of that number was
        named in between, outside the words reported ("… released the audit. It says …": the
        audit may be it)."""
        word = span.text.lower()
        if word not in ("it", "they") or not self.done or (g := self.done[-1]).source is None:
            return None
        before = self.doc[g.source[0]:g.source[1]]
        root = before.root
        several = root.tag_ in PLURAL or root.pos_ == "NUM" or any(c.dep_ == "conj" for c in root.children)
        if root.pos_ == "PROPN" and not any(c.dep_ == "conj" for c in root.children):
            several = _verb_number(attribution_features.cue_head(self.doc, g.cue), several)  # "Redwood Music have denied …"
        if _pronoun(before) or (word == "they") != several:
            return None
        if word == "it" and (several or root.tag_ not in SINGULAR + PLURAL or sources.head_role(before) in ("official", "person")
                             or (g.speaker and self.entities[g.speaker].type == "PERSON")):
            return None
        between = self.doc[g.source[1]:span.start]
        number = PLURAL if several else SINGULAR
        # the things a clause the speaker said names do not stand in the way ("… say the rules must
        # change. They …"); a thing the report is about does ("… released the audit. It …")
        said = [g.content, *g.more, f.content, *f.more]  # nor do the words of this report itself ("“…,” it said")
        if len(list(between.sents)) > 3 or any(
                t.dep_ in ("dobj", "pobj", "attr", "nsubj", "nsubjpass") and t.tag_ in number and t.ent_type_ not in ("DATE", "TIME", "PERSON")
                and not any(s <= t.idx < e and s <= t.head.idx < e for s, e in said) for t in between):
            return None
        return g

    def _unnamed_speaker(self, span: SpacySpan, f: Found) -> Found | None:
        """"“The talks failed,” Varga said. He added: …": "he" or "she" that no person the
        entities know can be (the NER missed the name) is the source of the report just before,
        when that is one person by its words (a name, or an official's or a person's noun)."""
        if span.text.lower() not in ("he", "she") or self._pronoun_entity(span, f) is not None:
            return None
        g = self._speaker_before(span)
        if g is None or g.source is None:
            return None
        before = self.doc[g.source[0]:g.source[1]]
        root = before.root
        if _pronoun(before):
            return g if g.antecedent is not None and before.text.lower() == span.text.lower() else None
        one = root.tag_ in SINGULAR and not any(c.dep_ == "conj" for c in root.children)
        named = root.pos_ == "PROPN" and root.ent_type_ not in ("GPE", "LOC", "NORP", "FAC")
        if not one or not (named or sources.head_role(before) in ("official", "person") or _office(root)):
            return None
        said = {gender_words().get(t.lower_) for t in before} - {None}
        return g if said <= {"f" if span.text.lower() == "she" else "m"} else None

    def _speaker_before(self, span: SpacySpan) -> Found | None:
        """The article's own report of words just before these (not one inside another's content:
        that speaker is spoken of; not a belief or an aim: "X is worried about his son. He told
        …"), when its cue is in their sentence or the one before."""
        first = self._sentence_before(span.sent.start)
        for g in reversed(self.done):
            if g.cue[0] < first:
                return None
            if g.cue[0] < span.start and id(g) in self._words() and not self._within_another(g):
                return g
        return None

    def _sentence_before(self, start: int) -> int:
        """Where the sentence before the one that starts at token `start` starts (blank lines skipped)."""
        i = start
        while i > 0 and self.doc[i - 1].is_space:
            i -= 1
        return self.doc[i - 1].sent.start if i > 0 else start

    def _words(self) -> dict[int, Found]:
        """The reports that pass on words (not a verdict or an aim: "Brandt was criticised"), by id."""
        if self.words is None:
            self.words = {id(f): f for f in self.found if (f.direct or _passes_on(self.doc, f)) and not f.act}
        return self.words

    def _reported(self, char: int, but: Found | None = None) -> bool:
        """Whether a character lies in the words some report (other than `but`) passes on."""
        return any(s <= char < e for f in self._words().values() if f is not but for s, e in (f.content, *f.more))

    def _within_another(self, g: Found) -> bool:
        """Whether a report's cue lies in what another report (one of words, a verdict or a
        belief) is about: "X dismissed suggestions by Y that …": Y is spoken of."""
        at = self.doc[g.cue[0]].idx
        return any(s <= at < e for f in self.found if f is not g and not f.act for s, e in (f.content, *f.more))

    def _entity(self, span: SpacySpan, f: Found) -> Entity | None:
        if _pronoun(span):
            return self._pronoun_entity(span, f)
        root = span.root
        hit = self.by_char.get(root.idx)
        if hit is not None:
            return hit
        named = [e for c in root.children if c.dep_ == "appos" and span.start <= c.i < span.end
                 and (e := self.by_char.get(c.idx)) is not None and e.type == "PERSON"]
        if named:  # "A U.N. spokesman, Stephane Dujarric,": the person named
            return named[0]
        described = self._described(span) if root.pos_ != "PROPN" else None
        if described is not None or sources.head_role(span) in ("official", "person", "document") or _office(root):
            return described  # "a Foreign Ministry source", "Peskov's deputy" are not the ministry, not Peskov
        owners = {e.id for c in root.children if c.dep_ == "poss" and (e := self.by_char.get(c.idx))}  # "Peskov's deputy" is not Peskov
        inside = [e for e in self._entities_in(span) if e.type in ("PERSON", "ORG") and e.id not in owners]
        return inside[0] if len(inside) == 1 else None

    def _described(self, span: SpacySpan) -> Entity | None:
        """"The minister", "the foreign minister": the one person named before whose title ends
        in that word and holds the words before it ("Foreign Minister Mateusz Wrona … The
        minister told reporters"); none when the text names two such people."""
        words = span.text.lower().split()
        if not _DESCRIBED.match(span.text) or len(words) > 4:
            return None
        found = {e.id: e for e in self.entities.values() if e.type == "PERSON"
                 and any(m.end <= span.start_char for m in e.mentions)
                 and any(_titled(r.title, words[1:]) for r in e.roles)}
        return next(iter(found.values())) if len(found) == 1 else None

    def _entities_in(self, span: SpacySpan) -> list[Entity]:
        seen: dict[str, Entity] = {}
        for t in span:
            e = self.by_char.get(t.idx)
            if e is not None:
                seen.setdefault(e.id, e)
        return list(seen.values())

    def _people(self) -> list[tuple[int, Entity, bool]]:
        """The tokens that name a person outside quotations, in order, and whether each stands as a subject."""
        if self.people is None:
            self.people = []
            for tok in self.doc:
                e = self.by_char.get(tok.idx)
                if e is None or e.type != "PERSON" or tok.i in self.quoted:
                    continue  # one named inside a quotation is spoken of or to, not the one speaking
                head = tok.head
                subject = tok.dep_ in SUBJECTS or head.dep_ in SUBJECTS and head.i != tok.i and (
                    self.by_char.get(head.idx) is e or tok.dep_ == "appos")  # "The ministry's spokesman, Rui Lopes, said"
                self.people.append((tok.idx, e, subject))
        return self.people

    def _pronoun_entity(self, span: SpacySpan, f: Found) -> Entity | None:
        word = span.root.lower_
        at = span.start_char
        if word in FIRST_PERSON:  # "I"/"we" inside a quotation speak for its speaker
            outer = [g for g in self.done if g.content[0] <= at < g.content[1] and g.direct]
            return self.entities.get(outer[-1].speaker) if outer and outer[-1].speaker else None
        if word not in PERSONAL:
            return None
        gender = "f" if word in ("she", "her") else "m"
        # "his" is often another's; in reported words ("X revealed that he …") the last subject is the better guess
        speaker = self._last_speaker(span, gender, f) if word in ("he", "she") and not self._reported(at, f) else None
        return speaker or self._last_person_subject(at, gender)

    def _last_speaker(self, span: SpacySpan, gender: str, f: Found) -> Entity | None:
        """"Lina Park said the envoy, Marek Nowak, had left. She added …": "he" or "she" as the
        source of one of the article's own reports goes on with the person who spoke just before
        (in this sentence or the one before), not with one named in what was said."""
        g = self._speaker_before(span)
        e = self.entities.get(g.speaker or "") if g is not None else None
        if e is None or e.type != "PERSON" or self._gender(e) not in (None, gender):
            return None
        # "… Rendell said. Lauer faced criticism after he asked …": a person the story itself makes a subject takes over
        cue_end = self.doc[g.cue[1] - 1].idx
        if any(cue_end < idx < span.start_char and subject and other.id != e.id and not self._reported(idx, f)
               for idx, other, subject in self._people()):
            return None
        return e

    def _last_person_subject(self, before: int, gender: str) -> Entity | None:
        """Who "he"/"she" is: the last person who was a subject, else the last person named,
        among those the text does not show to be of the other sex ("Ms. Okafor … he")."""
        last_subject = last_any = None
        for idx, e, subject in self._people():
            if idx >= before:
                break
            if self._gender(e) not in (None, gender):
                continue
            last_any = e
            if subject:
                last_subject = e
        return last_subject or last_any

    def _gender(self, e: Entity) -> str | None:
        """m or f when an honorific before a mention or the head of a title says so, else None."""
        if e.id not in self.genders:
            words = gender_words()
            said = {words.get(t.lower_) for m in e.mentions if (t := self._token_before(m.start)) is not None}
            said |= {words.get(r.title.lower().split()[-1]) for r in e.roles if r.title}
            said.discard(None)
            self.genders[e.id] = said.pop() if len(said) == 1 else None
        return self.genders[e.id]

    def _token_before(self, char: int) -> Token | None:
        i = bisect.bisect_left(self.starts, char) - 1
        return self.doc[i] if i >= 0 else None


def _affiliated(link: ChainLink, outer: ChainLink) -> ChainLink:
    """An unnamed official quoted by a state's own media speaks for that state, when the
    source's words name no other."""
    if link.kind == "anonymous_official" and link.country is None and outer.kind == "state_media":
        return link.model_copy(update={"country": outer.country})
    return link


_DESCRIBED = re.compile(r"(?i)^the(?: [a-z-]+){1,3}$")  # "the minister", "the foreign minister"


def _office(tok: Token) -> bool:
    """Whether a common noun names a person by office ("deputy", "chief", "minister": titles.tsv)."""
    return tok.pos_ == "NOUN" and (tok.lower_,) in titles().heads


def _titled(title: str, words: list[str]) -> bool:
    """Whether a person's title is described by these words: the last is its head, the others among its words."""
    own = title.lower().split()
    return bool(own) and words[-1] == own[-1] and set(words[:-1]) <= set(own)


def _relative_antecedent(span: SpacySpan) -> SpacySpan | None:
    """The noun phrase a relative "who"/"which" source stands for ("Ana Ruiz, who said …")."""
    if len(span) != 1 or span[0].tag_ not in ("WP", "WDT") or span[0].head.dep_ != "relcl":
        return None
    clause = span[0].head
    noun = clause.head
    end = clause.left_edge.i  # the noun's words up to its relative clause ("Residents of the town")
    while end > noun.i + 1 and span.doc[end - 1].is_punct:
        end -= 1
    return span.doc[noun.left_edge.i:end] if noun.pos_ in ("NOUN", "PROPN", "PRON") and end > noun.i else None


def _verb_number(verb: Token, default: bool) -> bool:
    """Whether a name is several by the verb it takes: "Redwood Music have denied" (as British
    English writes of an organisation) is "they" after it, "Stonebridge Records has denied" is
    "it"; a verb that does not agree ("denied") leaves the name's own number."""
    tags = {t.tag_ for t in (verb, *[c for c in verb.children if c.dep_ in ("aux", "auxpass")])}
    return True if "VBP" in tags else False if "VBZ" in tags else default


def _pronoun(span: SpacySpan) -> bool:
    return len(span) == 1 and span[0].pos_ == "PRON"


def _passes_on(doc: Doc, f: Found) -> bool:
    """Whether a report hands on what its content says others said ("Varga told reporters that
    the ministry believes …": the ministry's view came through Varga), as a cue of speech,
    writing or report does; a verdict on a claim does not ("the court dismissed her claim …")."""
    head = attribution_features.cue_head(doc, f.cue)
    if head.lower_ == "according":
        return True
    entry = cue_lexicon("noun").get(head.lemma_.lower()) if head.pos_ == "NOUN" else _cue_of(head)[0]
    return entry is not None and entry.kind in RELAYING


# -- records -------------------------------------------------------------------------------
def _record(doc: Doc, aid: str, f: Found) -> Attribution:
    return Attribution(
        id=aid,
        cue=_span(_text(doc), *(f.cue_chars or _chars(doc, f.cue))),
        source=_span(_text(doc), *f.source_chars) if f.source_chars else None,
        content=_passage(_text(doc), f.content, f.more),
        direct=f.direct,
        speaker=f.speaker,
        anonymous=f.anonymous,
        chain=f.links,
        reports=not f.act,
    )


def _chars(doc: Doc, tokens: tuple[int, int]) -> tuple[int, int]:
    """Character offsets of a token range, without the punctuation, spaces and dangling "and"
    at its edges (a closing bracket stays when its opening one is inside)."""
    start, end = tokens
    while end - start > 1 and _loose_end(doc, start, end):
        end -= 1
    while end - start > 1 and (doc[start].text in EDGE_PUNCT or doc[start].is_space):
        start += 1
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _loose_end(doc: Doc, start: int, end: int) -> bool:
    last = doc[end - 1]
    if last.text == ")" and any(t.text == "(" for t in doc[start:end - 1]):
        return False
    if last.text == "," and any(t.text == "," and t.dep_ == "punct" and t.head.dep_ != "conj" for t in doc[start + 1:end - 1]) \
            and any(t.dep_ == "appos" for t in doc[start:end]):
        return False  # the comma closing an apposition
    return last.text in EDGE_PUNCT or last.dep_ == "cc" or last.is_space


def _span(text: str, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=text[start:end])


def _passage(text: str, first: tuple[int, int], more: list[tuple[int, int]]) -> Passage:
    pieces: list[list[int]] = []
    for s, e in sorted([first, *more]):  # pieces found by two rules may overlap: one piece
        if pieces and s <= pieces[-1][1]:
            pieces[-1][1] = max(pieces[-1][1], e)
        else:
            pieces.append([s, e])
    start, end = pieces[0][0], pieces[-1][1]
    if len(pieces) == 1:
        return Passage(start=start, end=end, text=text[start:end])
    return Passage(start=start, end=end, text=text[start:end], fragments=pieces)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _short_of(doc: Doc, f: Found, holder: Found) -> None:
    """"A source said the drone came from Lebanon, Xinhua reported": an embedded report's
    content ends before the cue or source of the report that holds it."""
    cue = f.cue_chars or _chars(doc, f.cue)
    marks = [m for m in (holder.cue_chars or _chars(doc, holder.cue), holder.source_chars) if m and m[0] >= cue[1]]
    text = _text(doc)
    pieces = []
    for start, end in (f.content, *f.more):
        for m in marks:
            if start < m[0] < end:
                end = m[0]
                while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-"):
                    end -= 1
        if end > start:
            pieces.append((start, end))
    if pieces:
        f.content, f.more = pieces[0], pieces[1:]


def _holders(doc: Doc, found: list[Found]) -> dict[int, Found]:
    """For each report whose cue stands inside another's content ("X said that Y accused Z of
    lying"), the narrowest report of the article's own that holds it: such a report is part of
    those words, not a sourcing of the article's own (PolNeAR marks none among its 22,022
    attributions, train and dev alike)."""
    kept: list[Found] = []
    holder: dict[int, Found] = {}
    for f in sorted(found, key=_extent, reverse=True):  # the widest first: two that hold each other's cue keep one
        cue = f.cue_chars or _chars(doc, f.cue)
        holding = [g for g in kept if _inside(cue, g)]
        if holding:
            holder[id(f)] = min(holding, key=_extent)
        else:
            kept.append(f)
    return holder


def _extent(f: Found) -> int:
    return sum(e - s for s, e in (f.content, *f.more))


def _inside(span: tuple[int, int], f: Found) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in (f.content, *f.more))


def _unique(found: list[Found]) -> list[Found]:
    """One attribution per content: a nested cue that yields the same words is the same report."""
    out: list[Found] = []
    for f in found:
        if any(g.content == f.content for g in out):
            continue
        out.append(f)
    return out

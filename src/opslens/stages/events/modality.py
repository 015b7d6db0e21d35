"""How an event is told, and when and where it happened.

Modality comes from the clause: a negation ("did not", "no longer"), a denial that carries it
("Moscow denies that …"), a condition ("if", "unless") or a conditional modal, a plan ("will",
"would", "is to", "plans to", "proposed") or a purpose ("trained X to fight Y"), the attribution
whose content holds the event's word (reported), else the outlet asserts it. The date is the
clause's own time expression, else the sentence's, else the article date for what is told as
done; the place is the "in/at X" of the event, else the nearest place in its clause.
Background is history the article recalls: an event dated years before the article, or told
in the past perfect outside reported speech.
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Token

from opslens.contract import Analysis, Attribution, EventDate, Time
from opslens.knowledge.speech_cues import cue_lexicon
from opslens.nlp import sentence_at, span_chars, token_children, token_offsets, token_strings
from opslens.nlp.deps import AT_PLACE, CONDITION_MARKS, TOWARD_PLACE
from opslens.nlp.tense import PLANNED_AUX, POSSIBLE_AUX, WILLING_NOUNS

PLANNING_HEADS = {
    "plan",
    "intend",
    "expect",
    "prepare",
    "prepared",
    "ready",
    "willing",
    "set",
    "aim",
    "schedule",
    "propose",
    "want",
    "hope",
    "seek",
    "due",
    "poised",
    "likely",
    # an act weighed or needed is not yet done: "considers how to attack X", "needs to calibrate her attacks"
    "need",
    "consider",
    "weigh",
    "mull",
    "contemplate",
    "ponder",
}
PLANNING_MODIFIERS = {"proposed", "planned", "upcoming", "forthcoming", "scheduled", "possible", "prospective"}
PROPOSING = {"propose", "suggest"}  # "proposed a meeting": the meeting is offered, not held
MEANS_HEADS = {"use", "employ"}  # "used tear gas to disperse X": the means was used, the act done
NEGATIONS = {"not", "n't", "never", "no"}
DENIAL_CUES = ("deny", "denie", "denied", "denying", "dismiss", "reject", "refute", "rebuff")
NOT_WHEN = {"since", "until", "till", "before", "by"}  # "the first since 2017" is not when it happened
# the values of `Event.modality` (opslens.contract)
CLAUSE_SPANS = "opslens.clause_spans"  # doc.user_data key of `_clause_span`'s answers by verb index
RELUCTANCE = {"hesitate"}  # "not hesitate to X" says X will be done
Modality = Literal["asserted", "reported", "planned", "hypothetical", "negated", "denied", "demanded"]


def clause_verb(tok: Token) -> Token:
    """The verb whose clause an event word belongs to (itself for a verb)."""
    node = tok
    for _ in range(6):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return node
        node = node.head
    return node


def modality(analysis: Analysis, tok: Token, attribution: Attribution | None) -> Modality:
    """How the clause tells an event word: negated, denied, hypothetical, planned, reported
    (an attribution carries it) or asserted (by the outlet)."""
    clause = clause_verb(tok)
    kids = list(clause.children)
    if (
        _negated(clause)
        or any(c.dep_ == "neg" for c in tok.children)
        or any(c.lower_ == "no" and c.dep_ == "det" for c in tok.children)
    ):
        return "negated"
    if attribution is not None and attribution.cue and attribution.cue.text.split()[-1].lower().startswith(DENIAL_CUES):
        return "denied"
    if conditional(clause) or any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in kids):
        return "hypothetical"
    if planned(tok) or purpose(tok):
        return "planned"
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("nsubj", "csubj") and tok.head.i == clause.i:
        modals = {c.lower_ for c in kids if c.dep_ == "aux"}
        if modals & {"would", "could", "might", "may"}:
            return "hypothetical"  # "an invasion would lead to a quagmire"
        if modals & {"will", "shall", "'ll"}:
            return "planned"
    return "reported" if attribution else "asserted"


def _negated(verb: Token) -> bool:
    for c in verb.children:
        if c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never"):
            return True
        if c.dep_ == "advmod" and c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children):
            return True
    head = verb.head
    # "refused to", "failed to": the embedding verb's own negation ("did not agree to meet"); not
    # a negated reluctance ("would not hesitate to strike": it would strike)
    return (
        verb.dep_ == "xcomp" and any(c.dep_ == "neg" for c in head.children) and head.lemma_.lower() not in RELUCTANCE
    )


def conditional(verb: Token) -> bool:
    """ "would lead to … if", "may halt … unless", "could … if": an act that depends on a condition."""
    has_condition = any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in c.children)
        for c in verb.children
    )
    return has_condition and any(c.dep_ == "aux" and c.lower_ in PLANNED_AUX | POSSIBLE_AUX for c in verb.children)


def planned(tok: Token) -> bool:
    """ "will visit", "would visit", "is to visit", "plans to visit", "ready to send", "the proposed visit"."""
    if tok.pos_ in ("NOUN", "PROPN"):
        if any(c.lower_ in PLANNING_MODIFIERS for c in tok.children if c.dep_ in ("amod", "compound", "nmod")):
            return True
        verb = tok.head
        if tok.dep_ == "dobj" and verb.lemma_.lower() in PROPOSING:
            return True  # "proposed talks with X": an act proposed lies ahead
        return tok.dep_ in ("dobj", "attr") and verb.pos_ in ("VERB", "AUX") and _planned_verb(verb)
    return _planned_verb(tok)


def purpose(tok: Token) -> bool:
    """ "trained the militia to fight X", "was formed to fight X", "sent troops to attack X": an
    act named as the aim of another is intended, not told as done (an event word above it makes
    it part of that event: `events._inside_event`; "used X to do Y" tells what was done)."""
    if tok.pos_ not in ("VERB", "AUX") or not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    if tok.head.lemma_.lower() in MEANS_HEADS | WILLING_NOUNS:
        return False  # "used X to do Y" tells what was done; "willingness to talk" offers it
    if tok.dep_ in ("advcl", "acl"):
        return True
    return tok.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in tok.head.children)


def _planned_verb(verb: Token) -> bool:
    if any(c.dep_ == "aux" and c.lower_ in PLANNED_AUX for c in verb.children):
        return True
    head = verb.head
    if (
        verb.dep_ in ("xcomp", "ccomp")
        and head.lemma_.lower() == "be"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    ):
        return True  # "is to meet"
    if verb.dep_ == "xcomp" and (
        head.lemma_.lower() in PLANNING_HEADS or any(c.dep_ == "aux" and c.lower_ in PLANNED_AUX for c in head.children)
    ):
        return True
    if verb.dep_ == "xcomp" and head.dep_ == "acomp" and head.lemma_.lower() in PLANNING_HEADS:
        return True
    if verb.dep_ == "acl" and head.lemma_.lower() in WILLING_NOUNS:
        return True  # "expressed willingness to hold talks"
    return verb.dep_ == "xcomp" and head.dep_ == "xcomp" and head.head.lemma_.lower() in PLANNING_HEADS


def carrier(analysis: Analysis, tok: Token) -> Attribution | None:
    """The innermost attribution whose content holds this word, among those that report
    something ("agreed to hold talks" reports no talks)."""
    at = tok.idx
    own = _own_verb(tok)
    unsaid = own.lemma_.lower() not in cue_lexicon("verb")  # not a verb of saying
    best = None
    for a in analysis.every_attribution():
        if not a.reports or (unsaid and a.cue is not None and a.cue.start <= own.idx < a.cue.end):
            continue  # "Mexico imposed tariffs": a cue the tagger put on the event's own verb reports nothing of it
        pieces = a.content.fragments or [[a.content.start, a.content.end]]
        if any(s <= at < e for s, e in pieces) and (
            best is None or (a.content.end - a.content.start) < (best.content.end - best.content.start)
        ):
            best = a
    return best


def _own_verb(tok: Token) -> Token:
    """The event word's own verb: itself, or the verb whose object it is ("imposed tariffs")."""
    return tok.head if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "dobj" else tok


def statement(analysis: Analysis, tok: Token) -> Attribution | None:
    """The attribution whose cue is this event word: "warned X to “…”" is both a threat and what
    was said, and the quotation is its wording."""
    for a in analysis.every_attribution():
        if a.cue is not None and a.cue.start <= tok.idx < a.cue.end:
            return a
    return None


def event_date(analysis: Analysis, tok: Token, modality_: str) -> EventDate | None:
    """The clause's own time expression, else the sentence's, else the article date for what is
    reported as done. A plan's date is not before the article; "since/until X" is not when."""
    sent = span_chars(tok.doc, *sentence_at(tok.doc, tok.i))  # its sentence's characters, as `tok.sent`'s
    in_sentence = [
        t
        for t in analysis.times
        if sent[0] <= t.start < sent[1] and t.type in ("DATE", "TIME") and t.value
        if _usable(t, tok, modality_, analysis)
    ]
    clause = clause_verb(tok)
    own = _clause_span(clause) if tok.pos_ in ("VERB", "AUX") else (tok.left_edge.idx, _end(tok.right_edge))
    for lo, hi in (own, _clause_span(clause)):
        inside = [t for t in in_sentence if lo <= t.start < hi]
        if inside:
            t = min(inside, key=lambda t: abs(t.start - tok.idx))
            return EventDate(time=t.id, value=t.value)
    # the sentence's: a time of a clause that holds this one ("said on Monday that …"), not of a
    # clause beside it ("Given that the last talks took place in 2013, X offered …")
    above = {clause.i} | {a.i for a in clause.ancestors}
    if clause.dep_ == "conj" and any(
        c.dep_ == "aux" and c.lower_ in PLANNED_AUX | POSSIBLE_AUX for c in clause.children
    ):
        above.discard(clause.head.i)  # "X had imposed it in 2019, and Y will not lift it": a tense of its own
    for t in sorted(in_sentence, key=lambda t: abs(t.start - tok.idx)):
        word = _first_token(tok.doc, t)
        if word is not None and clause_verb(word).i in above:
            return EventDate(time=t.id, value=t.value)
    published = analysis.article.published.value
    if published and modality_ in ("asserted", "reported", "denied"):
        return EventDate(time=None, value=published)
    return None


def _first_token(doc, t: Time) -> Token | None:
    """The first word of a temporal expression (its span is token-aligned)."""
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _usable(t: Time, tok: Token, modality_: str, analysis: Analysis) -> bool:
    doc = tok.doc
    first = _first_token(doc, t)
    if first is not None and first.i > 0 and doc[first.i - 1].lower_ in NOT_WHEN:
        return False
    if first is not None and first.head.dep_ == "prep" and first.head.lower_ in NOT_WHEN:
        return False
    published = analysis.article.published.value
    return not (
        modality_ == "planned"
        and published
        and t.value
        and t.value[:4].isdigit()
        and t.value[: len(published)] < published[: len(t.value)]
    )


def _clause_span(verb: Token) -> tuple[int, int]:
    """The verb's clause without the clauses embedded in it (kept on the Doc: an event's date
    and place ask it of the same verb three times)."""
    memo = verb.doc.user_data.setdefault(CLAUSE_SPANS, {})
    found = memo.get(verb.i)
    if found is None:
        found = memo[verb.i] = _clause_chars(verb)
    return found


def _clause_chars(verb: Token) -> tuple[int, int]:
    lo, hi = verb.idx, _end(verb)
    for c in verb.children:
        if c.dep_ in ("ccomp", "advcl", "relcl", "conj", "parataxis", "csubj"):
            continue
        if c.dep_ == "prep" and any(g.dep_ == "pcomp" and g.pos_ in ("VERB", "AUX") for g in c.children):
            continue  # "given that the summit took place in 2015": a clause of its own
        lo, hi = min(lo, c.left_edge.idx), max(hi, _end(c.right_edge))
    return lo, hi


def _end(tok: Token) -> int:
    return tok.idx + len(tok.text)


def event_place(analysis: Analysis, places_at, tok: Token) -> str | None:
    """The place of "in/at <place>" on the event word itself, else the nearest place in its
    clause (the sentence, for nouns). Demonyms ("Russian") are not where something happened."""
    doc, deps, lower = tok.doc, token_strings(tok.doc, "DEP"), token_strings(tok.doc, "LOWER")
    for prep in token_children(doc)[tok.i]:  # by index: Tokens only under a preposition of place
        if deps[prep] == "prep" and lower[prep] in AT_PLACE:
            for t in doc[prep].subtree:
                place = places_at(t)
                if place and t.ent_type_ != "NORP" and t.pos_ != "ADJ":
                    return place.id
    clause = clause_verb(tok)
    lo, hi = _clause_span(clause)
    doc, (first, last) = tok.doc, sentence_at(tok.doc, tok.i)  # its sentence, as `tok.sent`
    if tok.pos_ not in ("VERB", "AUX"):
        start_char, end_char = span_chars(doc, first, last)
        lo, hi = min(lo, start_char), max(hi, end_char)
    best = None
    starts, ent, pos = token_offsets(doc), token_strings(doc, "ENT_TYPE"), token_strings(doc, "POS")
    for i in range(first, last):  # a Token only of a word in the clause that may be a place
        if not (lo <= starts[i] < hi) or ent[i] == "NORP" or pos[i] == "ADJ" or not _locative(t := doc[i], tok):
            continue
        place = places_at(t)
        if place is None:
            continue
        d = abs(t.i - tok.i)
        if best is None or d < best[0]:
            best = (d, place.id)
    return best[1] if best else None


def _locative(word: Token, event: Token) -> bool:
    """Is a place name where something happens ("in London", "visited Moscow"), not an actor
    ("Moscow agreed") or a modifier ("the Ukraine tensions")?"""
    head = word
    while head.dep_ in ("compound", "conj", "appos") and head.head.i != head.i:
        head = head.head
    if head.dep_ == "pobj" and head.head.lower_ in TOWARD_PLACE:
        return True
    return (
        head.dep_ == "dobj"
        and head.head.i == event.i
        and head.head.lemma_.lower() in ("visit", "tour", "enter", "invade")
    )


def background(analysis: Analysis, tok: Token, date: EventDate | None, attribution: Attribution | None) -> bool:
    """History the article recalls: dated in an earlier year than the article, or told in the
    past perfect by the outlet itself (in reported speech the past perfect is only backshift)."""
    published = analysis.article.published.value
    if date and date.time and date.value and published and _months_before(date.value, published) >= 12:
        return True
    if attribution is not None:
        return False
    clause = clause_verb(tok)
    return clause.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ == "had" for c in clause.children)


def _months_before(value: str, published: str) -> int:
    """How many months a TIMEX3 value lies before the article date (a bare year counts as its
    middle); 0 when either is not a calendar date."""

    def month_index(v: str, default: int) -> int | None:
        if not v[:4].isdigit():
            return None
        month = int(v[5:7]) if len(v) >= 7 and v[5:7].isdigit() else default
        return int(v[:4]) * 12 + month

    a, b = month_index(value, 6), month_index(published, 6)
    return b - a if a is not None and b is not None else 0

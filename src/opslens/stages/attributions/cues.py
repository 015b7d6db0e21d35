"""A cue in the parse: its entry in the speech-cue lexicon, its words, and the forms its content
takes (the clauses it governs, "X quoted Y as saying", the clause around "…, he said", a block
set off after a colon); whether it is an act that reports nothing, and whether it passes on what
others said.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from opslens.knowledge.speech_cues import Cue, cue_lexicon
from opslens.nlp import sentence_at, token_children, token_flags, token_heads, token_strings
from opslens.nlp.deps import SUBJECTS
from opslens.nlp.quotes import CLOSING_MARKS
from opslens.nlp.spans import Tokens
from opslens.stages.attributions.found import Found
from opslens.stages.attributions.taggers import features as attribution_features

CUE_LEFT = ("aux", "auxpass", "neg", "advmod")  # "has not yet said", "to say"
CUE_RIGHT = ("npadvmod", "advmod")  # "said Monday", "said later"
SETTINGS = {
    "statement",
    "interview",
    "briefing",
    "conference",
    "speech",
    "letter",
    "email",
    "tweet",
    "twitter",
    "post",
    "blog",
    "video",
    "address",
    "hearing",
    "testimony",
    "rally",
    "debate",
    "call",
    "op-ed",
    "column",
    "memo",
    "report",
    "release",
    "filing",
    "book",
    "essay",
    "note",
}
RELAYING = frozenset({"speech", "writing", "report"})  # cue classes (speech_cues.tsv) whose content is handed on
RELATIVE_WORDS = ("that", "which", "whom")
OBJECTS = ("dobj", "ccomp", "xcomp", "attr", "oprd", "dative")
MEMO = "opslens_attribution_cues"  # doc.user_data key of `cue_of`'s answers by token index


def cue_of(tok: Token) -> tuple[Cue | None, Token | None]:
    """The lexicon entry for a verb, with its particle or preposition ("point out", "call for").
    Kept on the Doc by the token's index: the steps ask it of the same words again and again."""
    memo = tok.doc.user_data.setdefault(MEMO, {})
    if tok.i not in memo:
        memo[tok.i] = _cue_of(tok)
    entry, particle = memo[tok.i]
    return entry, (None if particle is None else tok.doc[particle])


def _cue_of(tok: Token) -> tuple[Cue | None, int | None]:
    lex = cue_lexicon()
    lemma, doc = tok.lemma_.lower(), tok.doc
    deps, lower = token_strings(doc, "DEP"), token_strings(doc, "LOWER")  # the children by index: no Tokens
    for child in token_children(doc)[tok.i]:
        if deps[child] in ("prt", "prep") and (entry := lex.get(f"{lemma} {lower[child]}")):
            return entry, child
    return lex.get(lemma), None


def cue_span(tok: Token, particle: Token | None) -> Tokens:
    """The cue's words, PARC-style: the verb with its auxiliaries, negation and adverbs just
    before it ("has also said", "did not deny"), its particle, when and where it was said
    ("said Monday in a statement"), and a colon right after it."""
    doc = tok.doc
    heads, deps = token_heads(doc), token_strings(doc, "DEP")  # the words around by index: a Token only for a child
    start = tok.i
    while start > 0 and heads[start - 1] == tok.i and deps[start - 1] in CUE_LEFT:
        start -= 1
    end = tok.i + 1
    while end < len(doc):
        if particle is not None and end == particle.i:
            end += 1
        elif heads[end] == tok.i and deps[end] in CUE_RIGHT:
            end = doc[end].right_edge.i + 1
        elif heads[end] == tok.i and setting(nxt := doc[end]):
            end = setting_end(nxt)
        else:
            break
    if end < len(doc) and token_strings(doc, "ORTH")[end] == ":":
        end += 1
    return Tokens(start, end)


def setting_end(prep: Token) -> int:
    """ "in an interview on Monday": the setting's noun and when it was, not who it was with or
    what it was for ("… with the Daily Ledger", "… announcing the suit")."""
    noun = pobj(prep)
    if noun is None:  # not a setting: `setting` is asked first
        return prep.i + 1
    end = noun.i + 1
    for c in noun.rights:
        if c.i == end and c.dep_ == "prep" and c.right_edge.ent_type_ in ("DATE", "TIME"):
            end = c.right_edge.i + 1
    return end


def setting(prep: Token) -> bool:
    """ "in a statement", "at a briefing", "on Twitter": where the words were said."""
    if prep.dep_ != "prep" or prep.lower_ not in ("in", "at", "on", "during"):
        return False
    obj = pobj(prep)
    return obj is not None and obj.lemma_.lower() in SETTINGS


def pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def relayed(verb: Token, cue: Cue) -> Tokens | None:
    """The content of "X quoted (cited) Y as saying …", when the cue takes that form and has it."""
    return _quoted_as_saying(verb) if "relay" in cue.takes else None


def _quoted_as_saying(verb: Token) -> Tokens | None:
    """ "quoted X as saying (that) …": the content is what "saying" governs."""
    for c in verb.children:
        saying = [g for g in c.subtree if g.lemma_ in ("say", "tell", "warn", "add") and g.i > verb.i]
        if c.dep_ in ("prep", "advcl") and saying:
            said = saying[0]
            clause = [k for k in said.children if k.dep_ in ("ccomp", "dobj", "xcomp")]
            if clause:
                return (
                    with_that_conjuncts(verb, clause[0])
                    if clause[0].dep_ == "ccomp"
                    else Tokens(clause[0].left_edge.i, clause[0].right_edge.i + 1)
                )
    for c in verb.children:  # "… ," the source was quoted as saying: the clause before
        if c.dep_ == "ccomp" and c.i < verb.i:
            return Tokens(c.left_edge.i, c.right_edge.i + 1)
    return None


def part_of_quote_cue(tok: Token) -> bool:
    """ "saying" in "quoted X as saying": the relaying cue above it reports this content."""
    head = tok.head.head if tok.head.lower_ == "as" else tok.head
    if tok.dep_ not in ("pcomp", "advcl") or head.i == tok.i:
        return False
    cue = cue_of(head)[0]
    return cue is not None and "relay" in cue.takes


def clauses(verb: Token) -> list[Token]:
    """The clauses a cue governs: its complements, else a "that" clause the parser took for an
    adverbial ("tweeted in the early hours that …")."""
    doc = verb.doc
    kids, deps, lower = token_children(doc)[verb.i], token_strings(doc, "DEP"), token_strings(doc, "LOWER")
    complements = [doc[c] for c in kids if deps[c] == "ccomp"]  # a Token only for a clause
    if complements:
        return complements
    after = [doc[c] for c in kids if deps[c] == "advcl" and c > verb.i]
    return [c for c in after if lower[c.left_edge.i] == "that" or unmarked_clause(c)]


def unmarked_clause(clause: Token) -> bool:
    """ "said after the meeting she would not sign …": a finite clause with a subject and no
    "because"/"if"/"when" of its own is what was said (the parser hung it on the verb as an
    adverbial, with the time before it)."""
    kids = list(clause.children)
    return (
        not any(c.dep_ == "mark" for c in kids)
        and any(c.dep_ in SUBJECTS for c in kids)
        and (clause.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ == "aux" and c.tag_ == "MD" for c in kids))
    )


def with_that_conjuncts(verb: Token, clause: Token) -> Tokens:
    """ "said that X, and that Y": the content runs on over conjoined that-clauses."""
    start, end = clause.left_edge.i, clause.right_edge.i + 1
    if clause.dep_ == "advcl" and unmarked_clause(clause):
        subject = next(c for c in clause.children if c.dep_ in SUBJECTS)
        start = subject.left_edge.i  # "after the meeting" is when it was said
    for c in verb.children:
        if c.dep_ == "conj" and c.i > clause.i and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
            end = max(end, c.right_edge.i + 1)
    return Tokens(start, end)


def gapped(clause: Token) -> bool:
    """ "accusations that Moscow denies", "the plans, which countries offered": a clause on a
    noun whose verb takes an object (a cue that takes one) and has none, because the noun it
    hangs on is that object; the parser often makes its "that" a complementiser."""
    if clause.head.i > clause.i or not (
        clause.dep_ in ("relcl", "acl") or (clause.dep_ == "ccomp" and _nounish(clause.head))
    ):
        return False  # (an acl's head is a noun, whatever its tag says)
    cue = cue_of(clause)[0]
    if cue is None or "object" not in cue.takes:
        return False
    kids = list(clause.children)
    relative = next(
        (k for k in kids if k.i < clause.i and k.lower_ in RELATIVE_WORDS and k.dep_ in ("mark", "dobj")), None
    )
    has_subject = any(k.dep_ == "nsubj" and k.lower_ not in RELATIVE_WORDS for k in kids)
    return relative is not None and has_subject and not any(k.dep_ in OBJECTS and k.i > clause.i for k in kids)


def _nounish(tok: Token) -> bool:
    """A noun, or a report noun the tagger took for a verb ("…, accusations that …" as VBZ)."""
    lemma = tok.lemma_.lower()
    return tok.pos_ in ("NOUN", "PROPN") or (lemma in cue_lexicon("noun") and lemma not in cue_lexicon("verb"))


def clause_noun(doc: Doc, clause: Token) -> Tokens:
    """The noun phrase a relative clause hangs on, without the clause ("the plans")."""
    noun = clause.head
    end = clause.left_edge.i
    while end > noun.i + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return Tokens(noun.left_edge.i, end)


def parenthetical(doc: Doc, verb: Token) -> bool:
    """ "The deal is done, he said" / "The deal, he said, is done": a cue set off by a comma after
    the clause it reports (the parser hangs it on that clause)."""
    if verb.dep_ not in ("parataxis", "ccomp") or verb.i < verb.head.i:
        return False
    left = verb.left_edge.i
    return (
        left > 0
        and doc[left - 1].text in (",", "\u2014", "\u201d", '"')
        and not any(c.dep_ in ("dobj", "ccomp") for c in verb.children)
    )


def as_clause(verb: Token) -> bool:
    """ "As the minister pointed out, the reserves are empty": the clause the "as" clause hangs on
    is what was said."""
    return (
        verb.dep_ == "advcl"
        and verb.head.i != verb.i
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
        and not any(c.dep_ in ("dobj", "ccomp") for c in verb.children)
    )


def around(doc: Doc, head: Token, cue: Token) -> Tokens | None:
    """ "The deal, he said, is done" / "The deal is done, he said": the head clause without the
    cue's own words."""
    start, end = head.left_edge.i, head.right_edge.i + 1
    while end > start and doc[end - 1].is_punct and doc[end - 1].text not in CLOSING_MARKS:
        end -= 1
    cut_start, cut_end = cue.left_edge.i, cue.right_edge.i + 1
    if cut_end >= end:
        end = cut_start
    elif cut_start <= start:
        start = cut_end
    return Tokens(start, end) if end > start else None


def set_off(doc: Doc, cue: Token) -> Tokens | None:
    """ "He said:" closing its paragraph: what was said is the next paragraph, set off as a block
    (quotations running on through later paragraphs are joined to it as quotations are). Read
    from the token arrays: asked of every sentence's verb."""
    text, space, n = token_strings(doc, "ORTH"), token_flags(doc, "IS_SPACE"), len(doc)
    colon = sentence_at(doc, cue.i)[1] - 1
    while colon > cue.i and space[colon]:
        colon -= 1
    if text[colon] != ":" or token_heads(doc)[colon] != cue.i or colon + 1 >= n or not _breaks(doc, colon):
        return None
    start = colon + 1
    while start < n and space[start]:
        start += 1
    end = start
    while end < n and not (space[end] and "\n" in text[end]) and not _breaks(doc, end):
        end += 1
    end += end < n and not space[end]  # the paragraph's last token
    return Tokens(start, end) if end > start else None


def breaks_paragraph(tok: Token) -> bool:
    """The token ends its line: a line break follows it."""
    return "\n" in tok.whitespace_ or _breaks(tok.doc, tok.i)


def _breaks(doc: Doc, i: int) -> bool:
    """A whitespace token with a line break follows token i (its own trailing space, `whitespace_`,
    is one space at most)."""
    return i + 1 < len(doc) and token_flags(doc, "IS_SPACE")[i + 1] and "\n" in token_strings(doc, "ORTH")[i + 1]


def an_act(doc: Doc, cue: Tokens) -> bool:
    """ "London and Moscow have agreed to hold talks", "they met to discuss the crisis": a verb in
    a form its lexicon entry marks as an act of its own (an infinitive, an object, a preposition),
    with no clause of what was said, reports nothing. PolNeAR marks such cues (dropping them
    cost 7 matches of 8 on its dev compartment), so the record stays, marked."""
    head = attribution_features.cue_head(doc, cue)
    entry, particle = cue_of(head) if head.pos_ in ("VERB", "AUX") else (None, None)
    if entry is None or not entry.acts or clauses(head) or set_off(doc, head) is not None or parenthetical(doc, head):
        return False
    forms = {"infinitive" for c in head.children if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)}
    forms |= {"object" for c in head.children if c.dep_ == "dobj"}
    forms |= {"prep" for c in head.children if c.dep_ == "prep" and particle is None}
    return bool(forms & entry.acts)


def passes_on(doc: Doc, f: Found) -> bool:
    """Whether a report hands on what its content says others said ("Varga told reporters that
    the ministry believes …": the ministry's view came through Varga), as a cue of speech,
    writing or report does; a verdict on a claim does not ("the court dismissed her claim …")."""
    head = attribution_features.cue_head(doc, f.cue)
    if head.lower_ == "according":
        return True
    entry = cue_lexicon("noun").get(head.lemma_.lower()) if head.pos_ == "NOUN" else cue_of(head)[0]
    return entry is not None and entry.kind in RELAYING

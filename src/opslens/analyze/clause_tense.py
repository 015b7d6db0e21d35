"""Which way from the article date a temporal expression looks, from the spaCy parse.

"in February" means the coming February in "Truss will visit Moscow in February" and the last
one in "prices fell in February"; the verb that governs the expression decides. The answer is
"past", "future", "present", or "" (no telling: take the nearest such time).

Three things overrule the verb's tense (lexicons/time_words.tsv, kinds signal and prospective):
  - a preposition that points one way: "since March" is past; "until Tuesday", "by Jan. 14",
    "effective Feb. 1" are limits, read as the nearest such time unless the verb looks ahead;
  - an expression that modifies a noun, not the verb ("warnings on Thursday", "a June
    agreement", "payable Dec. 7"): the verb's tense says nothing about it;
  - a verb whose times lie ahead whatever its tense ("scheduled a news conference Thursday",
    "postponed until Tuesday", "a summit set for April").
"""

from __future__ import annotations

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from opslens.analyze.time_words import lookup

FUTURE_AUX = {"will", "'ll", "shall", "wo", "would", "may", "might", "should", "must", "'d"}
HOPS = 12


def token_at(doc: Doc, char: int) -> Token:
    starts = _starts(doc)
    return doc[max(int(starts.searchsorted(char, side="right")) - 1, 0)]


def _starts(doc: Doc):
    # The token offsets as one array per document, cached on the Doc (iterating the tokens
    # would build a Python object for each).
    cached = doc.user_data.get("opslens_token_starts")
    if cached is None:
        cached = doc.user_data["opslens_token_starts"] = doc.to_array(IDX)
    return cached


def tense_at(doc: Doc, start: int, end: int) -> str:
    if not len(doc):
        return ""
    first, last = token_at(doc, start), token_at(doc, max(end - 1, start))
    inside = range(first.i, last.i + 1)
    root = doc[first.i: last.i + 1].root
    signal, verb, via_noun = _path_up(root, inside)
    if signal == "past":
        return "past"
    if verb is not None and lookup("prospective", verb.lemma_):
        return "future"
    if signal == "deadline" or via_noun:
        return "future" if verb is not None and verb_tense(verb) == "future" and not via_noun else ""
    if verb is not None:
        return verb_tense(verb)
    return sentence_tense(first.sent)


def _path_up(token: Token, inside: range) -> tuple[str | None, Token | None, bool]:
    """Walk from the expression to its verb: the first signal preposition on the way, the
    verb, and whether a noun or adjective outside the expression came between."""
    signal, via_noun, node = None, False, token
    for _ in range(HOPS):
        if node.head.i == node.i:
            return signal, None, via_noun
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return signal, node, via_noun
        if node.pos_ == "ADP" or node.tag_ == "IN":
            signal = signal or lookup("signal", node.lower_)
        elif node.i not in inside and node.pos_ in ("NOUN", "PROPN", "ADJ") and signal is None:
            via_noun = via_noun or lookup("signal", node.lower_) is None
            signal = signal or lookup("signal", node.lower_)  # "payable", "effective"
    return signal, None, via_noun


def verb_tense(verb: Token) -> str:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & FUTURE_AUX:
        return "past" if "have" in words else "future"  # "would have gone" looks back
    if _going_to(verb) or "to" in words:
        return "future"  # "is going to visit", "plans to visit", "to be published"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN":
        passive_now = any(a.dep_ == "auxpass" and a.tag_ in ("VBZ", "VBP") for a in auxes)
        has = words & {"have", "has", "'ve"}
        return "present" if passive_now and not has else "past"  # "has risen", "announced in May"
    if verb.tag_ == "VB" and verb.dep_ in ("xcomp", "ccomp", "advcl", "conj") and verb.head.pos_ in ("VERB", "AUX"):
        return verb_tense(verb.head)  # "let the offensive begin Saturday": the head's tense
    return "present"


def _going_to(verb: Token) -> bool:
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_ == "go" and head.tag_ == "VBG"


def sentence_tense(sent) -> str:
    tags = [t for t in sent if t.pos_ in ("VERB", "AUX")]
    if any(t.lower_ in ("will", "'ll", "shall") for t in tags):
        return "future"
    if any(t.tag_ == "VBD" for t in tags):
        return "past"
    return "present" if tags else ""

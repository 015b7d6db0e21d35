"""Which way from the article date a temporal expression looks, from the spaCy parse.

"in February" means the coming February in "Truss will visit Moscow in February" and the last
one in "prices fell in February"; the verb that governs the expression decides. The answer is
"past", "future", "present", "deadline" (a limit: "until Tuesday", "by Jan. 14"),
"past_deadline" (a limit in a past clause: "filed by Wednesday", "gave him until November"),
or "" (no telling).

Three things overrule the verb's tense (lexicons/time_words.tsv, kinds signal and prospective):
  - a preposition that points one way: "since March" is past; "until Tuesday", "by Jan. 14",
    "effective Feb. 1" are limits (deadline);
  - an expression that modifies a noun, not the verb ("warnings on Thursday", "a June
    agreement", "payable Dec. 7"): the verb's tense says nothing about it;
  - a verb whose times lie ahead whatever its tense ("scheduled a news conference Thursday",
    "a summit set for April"), unless it is in the simple past ("set Friday as the deadline").

It also tells a date of saying ("said Tuesday") from a date of the story (`dates_a_saying`).
"""

from __future__ import annotations

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from opslens.knowledge.time_words import lookup

PLANNED_AUX = frozenset({"will", "would", "shall", "'ll", "wo"})  # "will visit": the act lies ahead
WILLING_NOUNS = frozenset({"willingness", "readiness", "eagerness"})  # "expressed willingness to talk": an act offered
POSSIBLE_AUX = frozenset({"may", "might", "could", "can"})
OBLIGED_AUX = frozenset({"must", "should"})  # "X must withdraw": a demand of X
# what puts a clause's times ahead of it ("may meet in March", "should end by June")
FUTURE_AUX = PLANNED_AUX | {"may", "might", "should", "must", "'d"}
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
    root = doc[first.i : last.i + 1].root
    if _after_phrase_signal(doc, first) == "future":
        return "future"
    signal, verb, via_noun = _path_up(root, inside)
    prospective = verb is not None and lookup("prospective", verb.lemma_) is not None
    if signal == "past":
        return "past"
    if signal == "deadline":
        if prospective:
            return "future"  # "postponed until Tuesday"
        # "filed by Wednesday" looked back; "gave him until mid-November" set a limit still ahead
        return "past_deadline" if verb is not None and _simple_past(verb) else "deadline"
    if prospective and verb is not None and not _simple_past(verb):
        return "future"  # "has scheduled a news conference Thursday"; but "set Friday as the deadline"
    if via_noun:
        return ""
    if verb is not None:
        return verb_tense(verb)
    return sentence_tense(first.sent)


def dates_a_saying(doc: Doc, start: int, end: int) -> bool:
    """Whether the expression tells when words were said ("said Tuesday", "told reporters on
    Monday": a verb of kind reporting in time_words.tsv governs it): the report's time, not one
    the story is about."""
    if not len(doc):
        return False
    first, last = token_at(doc, start), token_at(doc, max(end - 1, start))
    _, verb, via_noun = _path_up(doc[first.i : last.i + 1].root, range(first.i, last.i + 1))
    return verb is not None and not via_noun and lookup("reporting", verb.lemma_) is not None


def _after_phrase_signal(doc: Doc, first: Token) -> str | None:
    """ "as early as Tuesday", "as soon as Tuesday": the words just before the expression."""
    if first.i < 3:
        return None
    return lookup("signal", doc[first.i - 3 : first.i].text.lower())


def _simple_past(verb: Token) -> bool:
    return verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in verb.children if a.dep_ in ("aux", "auxpass"))


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
            found = lookup("signal", node.lower_)
            # past a noun only "since" still speaks ("since shortly after the Oct. 23 slaying")
            if signal is None and (not via_noun or found == "past"):
                signal = found
        elif node.i not in inside and node.pos_ in ("NOUN", "PROPN", "ADJ") and signal is None:
            found = lookup("signal", node.lower_)  # "payable Dec. 7", "effective Feb. 1"
            signal = found
            via_noun = via_noun or found is None
    return signal, None, via_noun


def verb_tense(verb: Token) -> str:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & FUTURE_AUX:
        return "past" if "have" in words else "future"  # "would have gone" looks back
    if _going_to(verb):
        return "future"  # "is going to visit"
    if "to" in words:
        return _infinitive_tense(verb)
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN":
        passive_now = any(a.dep_ == "auxpass" and a.tag_ in ("VBZ", "VBP") for a in auxes)
        has = words & {"have", "has", "'ve"}
        return "present" if passive_now and not has else "past"  # "has risen", "announced in May"
    if verb.tag_ == "VB" and verb.dep_ in ("xcomp", "ccomp", "advcl", "conj") and verb.head.pos_ in ("VERB", "AUX"):
        return verb_tense(verb.head)  # "let the offensive begin Saturday": the head's tense
    if verb.tag_ == "VBG" and not auxes:
        return ""  # "closing unchanged Friday", "after touring Dar es Salaam Thursday"
    return "present"


def _infinitive_tense(verb: Token) -> str:
    """ "plans to visit in May" looks ahead; "staged celebrations to mark the entry into NATO on
    Friday" keeps the past of what was done; "offers to acquire the firm" says nothing."""
    head = verb.head
    if head.i == verb.i or head.pos_ not in ("VERB", "AUX"):
        return ""
    if lookup("prospective", head.lemma_) or head.lemma_ in ("want", "hope", "agree", "decide", "try", "seek"):
        return "future"
    head_tense = verb_tense(head)
    return "past" if head_tense == "past" and verb.dep_ == "advcl" else "future"


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

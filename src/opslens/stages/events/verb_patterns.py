"""The CAMEO 2.0 dictionary's patterns matched on the dependency parse (`knowledge/cameo_verbs.py`).

A pattern names words before the verb (its subject), words after it (particles, objects,
complements: "set * FIRE", "put * DOWN RIOT") and prepositional phrases ("rush * POLICE (TO
BORDER)"). Here the words before are read in the verb's subject, the words after among its
particles, objects and complements (for a passive verb its subject too: "a police station was
torched"; for a coordinated verb without an object, the one the other verb has: "looted and
torched the station"), and the prepositional phrases on the verb or on its object ("a series of
attacks"). A phrase's head must be such a word, and its other words must stand before the head
in the head's own phrase ("{FINANCIAL AID}": "much-needed financial aid"). Every word compares
by its lemma and its surface form with the dictionary word and its regular singular.

`match` returns the heaviest pattern that holds (the most words pinned down), else the verb's own
code: a `Match` with the CAMEO code (None: the dictionary says no event) and the pattern's line.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from opslens.knowledge.cameo_verbs import Pattern, Phrase, forms, inflections, lemma_of, synsets, verb, verbs
from opslens.nlp import token_children, token_strings

MEMO = "opslens.cameo_matches"
MEMO_WORDS = 1 << 16  # words remembered by `lemma_for`, a bound on memory over a long batch
AFTER = {"dobj", "prt", "advmod", "acomp", "attr", "oprd", "dative", "npadvmod", "xcomp", "ccomp", "nsubjpass"}
BEFORE = {"nsubj", "nsubjpass"}
# a verb heads a clause in these relations; elsewhere it is a noun's modifier, a preposition
# ("according to") or a nominal ("evacuated the wounded")
CLAUSE_VERB = {"ROOT", "conj", "ccomp", "xcomp", "advcl", "relcl", "acl", "parataxis", "pcomp", "csubj", "dep"}


@dataclass(frozen=True)
class Match:
    """What the dictionary says of one verb in its sentence."""

    lemma: str
    code: str | None  # None: no event ("avoid an attack", a verb with no code of its own)
    line: int  # the line of CAMEO.2.0.txt that decided
    words: str  # the pattern's words as matched ("torch station"), for the event's rule
    pattern: bool = False  # a pattern held (else: the verb's own code)
    nouns: bool = False  # the pattern names an object or a prepositional object, not only particles
    own: str | None = None  # the verb's code alone (None: no event alone, a light verb)
    received: bool = False  # the pattern's act is done to the subject (`Pattern.received`)


def dictionary_lemma(tok: Token) -> str:
    """The word's lemma, or the dictionary verb its form belongs to when the tagger's lemma is no
    verb of the dictionary ("staged" read as "stag")."""
    return lemma_for(tok.lemma_, tok.lower_, tok.pos_ in ("VERB", "AUX"))


@lru_cache(maxsize=MEMO_WORDS)
def lemma_for(lemma: str, surface: str, verbal: bool) -> str:
    """`dictionary_lemma` of a word's lemma, lower-case form and whether it is a verb: it is asked
    of every word, and the same few thousand words recur."""
    lemma = lemma.lower()
    if not verbal or surface == lemma:
        return lemma
    if lemma in verbs() and (surface in inflections(lemma) or lemma_of(surface) == lemma):
        return lemma
    if (found := lemma_of(surface)) is not None:
        return found
    # a regular-looking form its lemma does not make ("raged" read as "rag"): no verb we know
    return "" if surface.endswith(("ed", "ing")) and lemma in verbs() else lemma


def match(tok: Token) -> Match | None:
    """The dictionary's reading of a verb: its heaviest matching pattern, else its own code;
    None when the verb is not in the dictionary or is no clause's verb ("according to"). Kept on
    the Doc: the stage asks again for every word below the verb."""
    memo = tok.doc.user_data.setdefault(MEMO, {})
    if tok.i not in memo:
        memo[tok.i] = _match(tok)
    return memo[tok.i]


def _match(tok: Token) -> Match | None:
    entry = verb(dictionary_lemma(tok))
    if entry is None or tok.dep_ not in CLAUSE_VERB:
        return None
    before, after, preps = _slots(tok)
    doc = tok.doc  # the slots' words and their children's, from the token arrays (no Token per child)
    lower, lemma, children = token_strings(doc, "LOWER"), token_strings(doc, "LEMMA"), token_children(doc)
    near = {g for t in (*before, *after, *preps) for g in (t.i, *children[t.i])}
    words = {lower[g] for g in near} | {lemma[g].lower() for g in near}
    for pattern in (entry.patterns[i] for i in entry.candidates(words)):
        if _holds(pattern, before, after, preps):
            nouns = bool(pattern.before) or any(p.obj for p in pattern.preps) or any(len(p) > 1 for p in pattern.after)
            nouns = nouns or any(not _particle(p[0], after) for p in pattern.after)
            described = _describe(entry.lemma, pattern)
            return Match(entry.lemma, pattern.code, pattern.line, described, True, nouns, entry.code, pattern.received)
    return Match(entry.lemma, entry.code, entry.line, entry.lemma, own=entry.code)


FORCE_ROOTS = ("14", "15", "16", "17", "18", "19", "20")  # protest … mass violence: acts whose -ing noun is the act


def nominal(tok: Token) -> Match | None:
    """An -ing noun of a dictionary verb of force, read as the verb's act: "the shelling of Gaza",
    "the kidnapping of aid workers", "the looting of shops". Other nominals are left to the hand
    lexicon: a noun with the form of a verb is more often no act at all ("a match", "the ring")."""
    lower = tok.lemma_.lower()
    if tok.pos_ != "NOUN" or not lower.endswith("ing") or len(lower) < 6:
        return None
    stem = lower[:-3]
    for lemma in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else ""):
        entry = verb(lemma) if lemma else None
        if entry is not None and entry.code is not None and entry.code.startswith(FORCE_ROOTS):
            return Match(entry.lemma, entry.code, entry.line, lower)
    return None


def _slots(tok: Token) -> tuple[list[Token], list[Token], list[Token]]:
    """The words a pattern can name around a verb: subjects, words after, prepositions."""
    children = list(tok.children)
    if tok.dep_ == "conj" and not any(c.dep_ in BEFORE for c in children):
        children += [c for c in tok.head.children if c.dep_ in BEFORE]  # "X looted and torched …": X
    if not any(c.dep_ in ("dobj", "nsubjpass") for c in children):
        siblings = [c for c in tok.children if c.dep_ == "conj"] + ([tok.head] if tok.dep_ == "conj" else [])
        children += [g for s in siblings for g in s.children if g.dep_ == "dobj"]
    before = [c for c in children if c.dep_ in BEFORE and c.dep_ != "nsubjpass"]
    after = [c for c in children if c.dep_ in AFTER]
    preps = [c for c in children if c.dep_ in ("prep", "agent")]
    preps += [g for c in after if c.pos_ in ("NOUN", "PROPN", "PRON") for g in c.children if g.dep_ == "prep"]
    if any(c.dep_ == "aux" and c.lower_ == "to" for x in after if x.dep_ == "xcomp" for c in x.children):
        preps.append(next(x for x in after if x.dep_ == "xcomp"))  # "rushed to help": "(TO)"
    return before, after, preps


def _particle(word: str, after: list[Token]) -> bool:
    """Is this word of a pattern a particle or adverb of the verb here ("call OFF", "put FORWARD")?"""
    return any(t.dep_ in ("prt", "advmod") and _word_at(word, t) for t in after)


def _holds(pattern: Pattern, before: list[Token], after: list[Token], preps: list[Token]) -> bool:
    if pattern.before and not all(any(_phrase_at(p, t) for t in before) for p in pattern.before):
        return False
    if not all(any(_phrase_at(p, t) for t in after) for p in pattern.after):
        return False
    return all(any(_prep_at(prep.prep, prep.obj, t) for t in preps) for prep in pattern.preps)


def _prep_at(word: str, obj: Phrase, tok: Token) -> bool:
    """A preposition (or the "to" of an infinitive) and, when the pattern names one, its object."""
    if tok.dep_ == "xcomp":
        return word == "to" and not obj
    if not _word_at(word, tok):
        return False
    if not obj:
        return True
    return any(_phrase_at(obj, g) for g in tok.children if g.dep_ in ("pobj", "pcomp"))


def _phrase_at(phrase: Phrase, head: Token) -> bool:
    """A phrase whose last word is this word and whose other words stand before it in its phrase."""
    if not phrase or not _word_at(phrase[-1], head):
        return False
    if len(phrase) == 1:
        return True
    left = [t for t in head.subtree if t.i < head.i]
    return all(any(_word_at(w, t) for t in left) for w in phrase[:-1])


def _word_at(word: str, tok: Token) -> bool:
    """A dictionary word (or synonym set) against a token's lemma and surface form."""
    mine = {tok.lower_, tok.lemma_.lower()}
    if word.startswith("&"):
        return bool(mine & synsets().get(word, frozenset()))
    if " " in word:  # a multi-word member of a phrase: its last word here, the others before it
        *rest, last = word.split()
        doc = tok.doc
        start = tok.i - len(rest)
        return start >= 0 and bool(mine & forms(last)) and all(doc[start + k].lower_ == w for k, w in enumerate(rest))
    return bool(mine & forms(word))


def _describe(lemma: str, pattern: Pattern) -> str:
    words = [lemma, *(" ".join(p) for p in pattern.after)]
    words += [f"{p.prep} {' '.join(p.obj)}".strip() for p in pattern.preps]
    return " ".join(words).lower()

"""Which words are event words, and what they code.

An event word (`cue_of`) is a verb read by the CAMEO 2.0 dictionary (`verb_patterns.py`: its
heaviest pattern that holds, else its code alone), or an expression of `lexicons/event_verbs.tsv`,
which comes first where it has the verb (its frames the dictionary lacks): a verb with its particle
or preposition ("call off", "withdraw from"), a verb whose object names the act ("cut ties",
"imposed sanctions": the object is the event word), a noun phrase ("hunger strike", "state of
emergency", and "the shelling of" for a dictionary verb of force), or a verb that ends or breaks
what its object names ("lifted the blockade",
`lexicons/event_reversals.tsv`). `is_event` then drops the event words that are no event of their
own: what an embedding cue governs ("agreed to [cooperate]"), a word inside another event's phrase,
the manner of an act ("in protest"), a "warned that …" that is only said, a verb that describes a
noun ("weapons seized last year"), and the phrases of `lexicons/non_events.tsv` ("declined to
comment").
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc, Token

from opslens.knowledge.cameo_verbs import verbs
from opslens.knowledge.event_codes import EventCue, code, cue_words, event_lexicon, non_events, reversals
from opslens.knowledge.sectors import ARMED_SECTORS
from opslens.nlp import token_children, token_flags, token_heads, token_strings
from opslens.stages.events import verb_patterns
from opslens.stages.events.clauses import for_clause
from opslens.stages.events.groups import noun_sector, partitive_head
from opslens.stages.events.senses import other_sense, verbal

MEMO = "opslens.event_cues"
PROTEST_MANNER = {"protest", "defiance"}
PHRASAL_PARTICLES = {"off", "up", "down", "out", "away"}  # "call off", "give up", "turn down", "set out"
ACTOR_ENTITIES = {"GPE", "NORP", "ORG", "PERSON"}
RANKS = {"first", "last", "only", "latest", "second", "third", "next"}  # "the first leader to visit X"
# CAMEO codes of a reaction to another's act: praise (not 050 "support": backing a strike is joining it),
# investigate, disapprove, reject,
# protest. "Condemned the shelling" is the condemnation; the shelling is what it is about.
REACTION_ROOTS = ("051", "09", "11", "12", "14")


# -- the cue of a word -------------------------------------------------------------------------
def cue_of(tok: Token) -> EventCue | None:
    """The lexicon entry a word is the event word of, or None. Kept on the Doc: every word's
    ancestors are asked again."""
    memo = tok.doc.user_data.setdefault(MEMO, {})
    if tok.i not in memo:
        memo[tok.i] = _cue_of(tok)
    return memo[tok.i]


def _cue_at(doc: Doc, i: int) -> EventCue | None:
    """`cue_of(doc[i])`, without making the Token when the answer is kept already."""
    memo = doc.user_data.get(MEMO)
    return memo[i] if memo is not None and i in memo else cue_of(doc[i])


def _cue_of(tok: Token) -> EventCue | None:
    if not may_cue(tok.lemma_, tok.lower_, tok.pos_):
        return None  # every cue is a lexicon phrase, a dictionary verb or its -ing noun: most words are none
    lemma = tok.lemma_.lower()
    if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass", "amod", "compound"):
        cue = _verb_cue(tok, lemma)
        return None if cue is None else verbal(tok, cue)
    if tok.pos_ in ("NOUN", "PROPN"):
        if tok.dep_ == "dobj" and (cue := event_lexicon().get(("object", f"{tok.head.lemma_.lower()} {lemma}"))):
            return cue
        return _noun_cue(tok)
    return None


@lru_cache(maxsize=verb_patterns.MEMO_WORDS)
def may_cue(lemma: str, surface: str, pos: str) -> bool:
    """Can a word with this lemma, lower-case form and part of speech be an event word? (Asked of
    every word: remembered by its strings.)"""
    lower = lemma.lower()
    words = cue_words()
    if lower in words or surface in words or (pos == "NOUN" and lower.endswith("ing")):
        return True
    return verb_patterns.lemma_for(lemma, surface, pos in ("VERB", "AUX")) in verbs()


def _verb_cue(tok: Token, lemma: str) -> EventCue | None:
    """A verb's cue: a reversal or a phrasal verb of the hand lexicon, a speech verb, else the
    CAMEO dictionary's pattern for the verb in its sentence, else the hand lexicon's verb (not
    when its object is the act), else the dictionary's code for the verb alone."""
    lex = event_lexicon()
    kids = list(tok.children)  # made once: read up to seven times below
    phrasal = [f"{lemma} {c.lower_}" for c in kids if _particle(c)] + _for_clause(kids, lemma)
    phrasal += [f"{lemma} to {c.lemma_.lower()}" for c in kids if _to_clause(c)]  # "ordered X to leave"
    phrasal = _hyphened(tok, lemma) + phrasal
    reversed_ = _reversal(tok, [*phrasal, lemma])
    if reversed_ is not None:
        return reversed_
    for phrase in phrasal:
        if cue := lex.get(("verb", phrase)):
            return cue
    hand = lex.get(("verb", lemma))
    if hand is not None and hand.alone and (any(c.dep_ == "dobj" for c in kids) or _armed_subject(tok)):
        hand = None  # "struck targets in Lebanon", "militants struck in Baghdad": the dictionary's verb,
        # not the row of "workers struck"
    if hand is None and (speech := lex.get(("speech", lemma))) is not None:
        return speech
    found = verb_patterns.match(tok)
    if found is not None and _light(found, hand) and _names_a_hand_act(tok):
        return None  # "held talks with", "went on strike": the hand lexicon's noun, with its frame, is the act
    if found is not None and found.pattern and (hand is None or (hand.light and found.nouns)):
        return _dictionary_cue(found, hand)  # a pattern holds (over a hand verb only a light one, by its object)
    if any(c.dep_ == "prt" and c.lower_ in PHRASAL_PARTICLES for c in kids):
        return None  # a phrasal verb means what it says as a whole: "called off" is not "called"
    if any(c.dep_ == "dobj" and ("object", f"{lemma} {c.lemma_.lower()}") in lex for c in kids):
        return None  # "cut ties", "lodged a protest": the verb with its object is the act (the object's cue)
    if found is not None and _reacts_to_act(found, hand, kids):
        return _dictionary_cue(found, None)  # "welcomed the release", "deplored the shelling"
    if hand is not None:
        if hand.light and any(c.dep_ == "dobj" and cue_of(c) is not None for c in kids):
            return None  # "imposed sanctions", "launched an attack": the noun says what was done
        return hand
    if found is None or any(c.dep_ == "dobj" and cue_of(c) is not None for c in kids):
        return None  # "reimposed blockades": a verb the dictionary codes alone leaves the act to its object
    return _dictionary_cue(found, None)


def _reacts_to_act(found: verb_patterns.Match, hand: EventCue | None, kids: list[Token]) -> bool:
    """A verb the dictionary codes alone as a reaction (`REACTION_ROOTS`) whose object is an act:
    the verb is the event, and the act its topic. Over a hand row of another root too: "welcomed
    the release" is praise, where "welcomed the president" is a visit hosted."""
    if found.pattern or found.own is None or not found.own.startswith(REACTION_ROOTS):
        return False
    if hand is not None and (hand.light or hand.cameo.startswith(REACTION_ROOTS)):
        return False
    return any(c.dep_ == "dobj" and (cue := cue_of(c)) is not None and cue.pos == "noun" for c in kids)


def _armed_subject(verb: Token) -> bool:
    """Is the verb's subject a state or an armed force or group ("Israel will strike", "a suicide
    bomber struck")? They do not down tools."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    if subject.ent_type_ == "GPE":
        return True
    return noun_sector(partitive_head(subject))[1] in ARMED_SECTORS


def _hyphened(verb: Token, lemma: str) -> list[str]:
    """ "test-fired": the word joined to the verb by a hyphen makes one verb with it ("test-fire")."""
    doc, i = verb.doc, verb.i
    text, spaced = token_strings(doc, "ORTH"), token_flags(doc, "SPACY")  # (asked of every verb: no Tokens)
    if i < 2 or text[i - 1] != "-" or spaced[i - 1] or spaced[i - 2]:
        return []
    return [f"{token_strings(doc, 'LOWER')[i - 2]}-{lemma}"]


def _to_clause(child: Token) -> bool:
    """An infinitive the verb governs ("ordered the ambassador to leave")."""
    return child.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in child.children)


def _particle(child: Token) -> bool:
    """A particle or preposition of the verb's own ("call off", "call on X"), not one of when
    ("called Uganda on Monday")."""
    if child.dep_ not in ("prt", "prep"):
        return False
    return not any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in child.children)


def _for_clause(kids: list[Token], lemma: str) -> list[str]:
    """ "calling for the US to step up …": the parse makes "for" the mark of the clause, not the
    verb's preposition (one of its children); the verb is still "call for"."""
    return [f"{lemma} for" for c in kids if for_clause(c)]


def _light(found: verb_patterns.Match, hand: EventCue | None) -> bool:
    """A verb whose act its object says: light in the hand lexicon, else in the dictionary (no
    code alone: "hold", "launch", "stage") or a word or meeting alone ("went on strike")."""
    if hand is not None:
        return hand.light
    return found.own is None or found.own.startswith(STRICT_ROOTS)


def _names_a_hand_act(verb: Token) -> bool:
    """Is the verb's object, or the object of its preposition, an event word of the hand lexicon?
    Not a preposition's when the verb acts on someone: "punish X for the raid" punishes X."""
    lex, doc = event_lexicon(), verb.doc
    children, deps = token_children(doc), token_strings(doc, "DEP")  # by index: a Token only for an object
    someone = acts_on_someone(verb)
    for c in children[verb.i]:
        if deps[c] == "dobj":
            words = [c]
        else:
            words = [g for g in children[c] if deps[g] == "pobj"] if deps[c] == "prep" and not someone else []
        for w in map(doc.__getitem__, words):
            if _noun_cue(w) is not None or ("object", f"{verb.lemma_.lower()} {w.lemma_.lower()}") in lex:
                return True
    return False


def _dictionary_cue(found: verb_patterns.Match, hand: EventCue | None) -> EventCue | None:
    """The cue of a dictionary reading: its code with the hand lexicon's frame for the verb (what
    the dictionary does not say: "agreed to X" embeds X); None for no event or a code PLOVER drops
    ("said": a statement)."""
    if found.code is None or code(found.code).plover is None:
        return None
    rule = f"{found.words} (CAMEO.2.0.txt:{found.line})"
    if hand is not None:
        same_root = hand.cameo[:2] == found.code[:2]
        plover = hand.plover if same_root else None
        return replace(hand, phrase=rule, cameo=found.code, plover=plover, received=found.received)
    return EventCue(rule, "verb", found.code, False, False, None, bare=not found.pattern, received=found.received)


def _noun_cue(tok: Token) -> EventCue | None:
    """A noun's own cue: a phrase ending at it whose first word modifies it ("hunger strike",
    "martial law", "air strike"), a phrase "X of Y" starting at it ("state of emergency"), else
    the word. A modifier that is the first word of such a phrase leaves the event to its head."""
    lex = event_lexicon()
    doc, lemma = tok.doc, tok.lemma_.lower()
    if tok.pos_ == "PROPN" and tok.ent_type_ in ("EVENT", "WORK_OF_ART", "ORG", "LAW", "FAC", "PRODUCT"):
        return None  # a word of a name: "the Unity Rally", "the Camp David Accords"
    i, deps, lemmas, lower = tok.i, token_strings(doc, "DEP"), token_strings(doc, "LEMMA"), token_strings(doc, "LOWER")
    for mod in (c for c in token_children(doc)[i] if c < i):  # `tok.lefts` by index, the farthest first:
        # "joint military exercises" is a joint exercise
        if deps[mod] in ("compound", "amod") and (cue := lex.get(("noun", f"{lemmas[mod].lower()} {lemma}"))):
            return cue
    if i + 2 < len(doc) and lower[i + 1] == "of" and (cue := lex.get(("noun", f"{lemma} of {lemmas[i + 2].lower()}"))):
        return cue
    if tok.dep_ in ("compound", "amod"):
        return None
    cue = lex.get(("noun", lemma)) or lex.get(("noun", tok.lower_)) or _nominal_cue(tok)
    if cue is not None and cue.state and not (tok.dep_ == "pobj" and tok.head.lower_ in ("on", "under")):
        return None  # "put on alert" is a posture, "a flood alert" is not
    return cue


def _nominal_cue(tok: Token) -> EventCue | None:
    """ "the shelling of Gaza": the -ing noun of a dictionary verb of force (`verb_patterns.nominal`)."""
    found = verb_patterns.nominal(tok)
    if found is None or found.code is None:
        return None
    return EventCue(f"{found.words} (CAMEO.2.0.txt:{found.line})", "noun", found.code, False, False, None)


def _object_code(obj: Token) -> str | None:
    """The CAMEO code of the act an object names: its own cue, else a modifier's ("ceasefire
    agreement" is a ceasefire, "aid deliveries" are aid)."""
    for word in [c for c in obj.children if c.dep_ in ("compound", "amod")] + [obj]:
        cue = _noun_cue(word) if word.i == obj.i else event_lexicon().get(("noun", word.lemma_.lower()))
        if cue is not None and cue.pos == "noun":
            return cue.cameo
    return None


def _reversal(verb: Token, phrases: list[str]) -> EventCue | None:
    """ "lifted the blockade", "cancelled the visit", "suspended aid", "violated the truce": the act
    of ending or breaking what the object names (`lexicons/event_reversals.tsv`)."""
    table = reversals()
    if not any(p in table for p in phrases):
        return None
    # the object, or that of the verb's particle or preposition: "called off the rally", "withdrew from the treaty"
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None) or next(
        (
            g
            for c in verb.children
            if c.dep_ in ("prt", "prep") and f"{verb.lemma_.lower()} {c.lower_}" in table
            for g in c.children
            if g.dep_ == "pobj"
        ),
        None,
    )
    if obj is None:
        return None
    obj_code = _object_code(partitive_head(obj))
    if obj_code is None:
        return None
    for phrase in phrases:
        for prefix, cameo, plover in table.get(phrase, ()):
            if obj_code.startswith(prefix):
                base = event_lexicon().get(("verb", phrase))
                return EventCue(
                    f"{phrase} {obj.lemma_.lower()}", "verb", cameo, False, base.needs_target if base else True, plover
                )
    return None


# -- event words that are no event of their own -----------------------------------------------
def is_event(tok: Token, cue: EventCue) -> bool:
    """Does this event word (with its cue) tell an event of its own? Not a speech verb, not what
    an embedding cue governs, not a word inside another event's phrase, not the manner of an act,
    not a verb only said, describing or of `non_events.tsv`."""
    if cue.pos == "speech" or _embedded(tok) or _inside_event(tok):
        return False
    if cue.pos == "noun" and (_manner(tok) or _averted(tok)):
        return False
    if cue.pos == "verb" and other_sense(tok, cue):
        return False  # "beat her rival in the caucuses": a contest, not force (`senses.py`)
    if cue.pos == "verb" and cue.bare and cue.cameo.startswith("04") and _gone_to_act(tok):
        return False  # "went to Nairobi to protest": a journey for an act, the act is the event
    return not (cue.pos == "verb" and (_is_speech_only(tok) or _description(tok) or _no_event(tok)))


def _gone_to_act(verb: Token) -> bool:
    """Has the verb a purpose (an infinitive) that is an act of its own, other than a meeting
    ("went to Khartoum to meet X" is a visit made)?"""
    for c in verb.children:
        if c.dep_ in ("advcl", "xcomp") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            cue = cue_of(c)
            if cue is not None and cue.pos != "speech" and not cue.cameo.startswith("04"):
                return True
    return False


def _embedded(tok: Token) -> bool:
    """Inside what an embedding cue governs: "agreed to [cooperate]", "threatened [a strike]"."""
    doc, node = tok.doc, tok.i
    heads, deps = token_heads(doc), token_strings(doc, "DEP")  # up the parse by index: no Token per step
    for _ in range(6):
        head = heads[node]
        if head == node:
            return False
        if deps[node] in ("xcomp", "ccomp", "dobj", "pobj", "pcomp", "prep", "advcl"):
            cue = _cue_at(doc, head)
            if cue is not None and cue.embeds:
                return True
        if deps[node] not in ("xcomp", "ccomp", "dobj", "pobj", "pcomp", "prep", "conj", "compound"):
            return False
        node = head
    return False


def _inside_event(tok: Token) -> bool:
    """A word inside another event's phrase ("blamed X for the bombing", "sanctions in the wake
    of the execution", "which set off violence") is that event's circumstance: one event per
    clause, as event coders code it. Coordinated verbs stay events of their own."""
    doc, node = tok.doc, tok.i
    heads, deps = token_heads(doc), token_strings(doc, "DEP")  # up the parse by index: no Token per step
    while heads[node] != node:
        if deps[node] in ("ccomp", "parataxis", "nsubj", "nsubjpass", "csubj"):
            return False  # a subject is not inside its verb's act ("the bombing killed 58")
        if deps[node] == "conj":  # "accused X of violating … and sending …": as inside as its first part
            node = heads[node]
            continue
        if deps[node] in ("advcl", "xcomp", "acl") and _protest_act(doc[heads[node]]):
            return True  # "began a hunger strike to demand …", "blocked roads demanding …": one protest
        node = heads[node]
        cue = _cue_at(doc, node)
        if cue is not None and cue.pos != "speech" and (not cue.bare or acts_on_someone(doc[node]) or not strict(cue)):
            return True  # (a dictionary verb read alone holds an act inside it only when it is one itself:
            # "accused the US of violating …", not "went to Geneva to protest")
    return False


# words, meetings, cooperation, demands and coercion: "went", "faced", "issued", "needed", "shunned"
STRICT_ROOTS = ("01", "02", "03", "04", "06", "10", "17")


def strict(cue: EventCue) -> bool:
    """A dictionary verb read alone whose code is a word, a meeting, cooperation, a demand or
    coercion is an event only when it acts on someone: its block's code fits the block's head
    verb, seldom all its members ("went missing" in GO [040], "issued an alert" in GRANT [060],
    "needed time" in DEMAND [100], "shunned work" in EXCLUDE [170]). Acts of force, aid or blame
    act on whatever they name, as the hand lexicon's verbs with an object do."""
    return cue.bare and cue.cameo.startswith(STRICT_ROOTS)


def acts_on_someone(verb: Token) -> bool:
    """Does the verb's object name someone: a country, a body, a person, a pronoun, or a noun of
    people ("tortured prisoners", "dispersed the protesters")?"""
    return any(
        c.dep_ in ("dobj", "dative", "nsubjpass")
        and (c.ent_type_ in ACTOR_ENTITIES or c.pos_ in ("PRON", "PROPN") or noun_sector(partitive_head(c))[0])
        for c in verb.children
    )


def _averted(noun: Token) -> bool:
    """ "avoided an attack", "averted a clash": the object of a verb whose dictionary pattern with
    that object is no event ([---]) is no act that happened."""
    if noun.dep_ != "dobj" or noun.head.pos_ != "VERB":
        return False
    found = verb_patterns.match(noun.head)
    return found is not None and found.pattern and found.code is None and found.nouns


def _manner(noun: Token) -> bool:
    """ "went on strike in protest at X": "in protest" is how the clause's act was done, not an act
    of its own, when the clause has an event word."""
    if not (noun.dep_ == "pobj" and noun.head.lower_ == "in" and noun.lemma_.lower() in PROTEST_MANNER):
        return False
    verb = noun.head.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    return cue_of(verb) is not None or any(
        cue_of(g) is not None
        for c in verb.children
        for g in (c, *c.children)
        if g.i != noun.i and g.pos_ in ("NOUN", "PROPN") and c.dep_ in ("dobj", "prep", "pobj")
    )


def _protest_act(verb: Token) -> bool:
    """A protest verb, or a verb whose object is a protest ("staged a sit-in", "went on strike")."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "attr")]
    objects += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    for word in [verb, *objects]:
        cue = cue_of(word)
        if cue is not None and cue.cameo.startswith("14"):
            return True
    return False


def _description(verb: Token) -> bool:
    """A verb that describes a noun or names an act as a topic, not one that happened:
    "aliens ordered out of X" and "weapons seized last year" (a passive participle on a noun,
    with no "by X"), "the first minister to visit X since 1990" (an infinitive on a noun ranked
    first or last), "removing the sanctions is out of the question" (the subject of "be")."""
    if (
        verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBD") and verb.head.dep_ != "ROOT"
    ):  # a root noun: the parse missed the verb
        return not any(
            c.dep_ in ("agent", "nsubj") for c in verb.children
        )  # (a participle tagged VBD: "ordered out of X")
    if verb.dep_ in ("acl", "relcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        noun = verb.head
        return any(
            c.dep_ in ("amod", "nummod") and (c.lower_ in RANKS or c.tag_ == "JJS" or c.ent_type_ == "ORDINAL")
            for c in noun.children
        )
    return verb.dep_ == "csubj" and verb.head.lemma_.lower() == "be"


def _no_event(verb: Token) -> bool:
    """ "declined to comment", "refused to say", "declined an interview": a refusal to tell the
    press, not a political rejection (`lexicons/non_events.tsv`); "refused to discuss the
    border with X" stays a refusal to negotiate."""
    complements = non_events().get(verb.lemma_.lower())
    if not complements:
        return False
    governed = [c for c in verb.children if c.dep_ in ("xcomp", "dobj")]
    governed += [
        g for c in verb.children if c.dep_ == "prep" and c.lower_ == "in" for g in c.children if g.dep_ == "pobj"
    ]
    for c in governed:  # ("engaged in conversation": the activity engaged in)
        if c.lemma_.lower() in complements:
            return not any(p.dep_ == "prep" and p.lower_ == "with" for p in c.subtree)
    return False


def _is_speech_only(tok: Token) -> bool:
    """ "warned that …" without a threat in it is a statement, but "warned of war" or "warned X to"
    stays a threat; the other embedding cues need something to embed."""
    cue = cue_of(tok)
    if cue is None or not cue.embeds or tok.dep_ in ("acl", "relcl"):  # "accusations that X denies"
        return False
    return not any(c.dep_ in ("xcomp", "ccomp", "dobj", "prep", "pobj") or for_clause(c) for c in tok.children)

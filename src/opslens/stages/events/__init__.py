"""Events stage: who did what to whom, when, where, and according to whom.

An event is an expression from `lexicons/event_verbs.tsv` (a verb, or a noun such as "talks" or
"sanctions") coded in CAMEO; its PLOVER category, mode, quad class and Goldstein value come from
`lexicons/cameo_codes.csv`. Actors come from the dependency parse (`events/actors.py`), modality,
date, place and background from the clause (`events/modality.py`). Following PLOVER, an intended
or conditional act is coded as the intent: "will provide aid" is AGREE, "would blockade" and
"may halt … if" are THREATEN, and "agreed to cooperate" is one AGREE event. A speech verb whose
complement says what another must do ("said X must withdraw") is a demand of X, carried by the
report of those words (their speaker reports it; the outlet only relays it). Phrases of
`lexicons/non_events.tsv` are no events ("declined to comment" is no rejection).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from opslens import knowledge
from opslens.stages.events import modality as em
from opslens.stages.events.actors import ActorReader, Actors, partitive_head, subject_of
from opslens.knowledge import read_tsv
from opslens.contract import ActorRef, Analysis, Event, Span
from opslens.nlp.tense import OBLIGED_AUX

PROTEST_MANNER = {"protest", "defiance"}
PHRASAL_PARTICLES = {"off", "up", "down", "out", "away"}  # "call off", "give up", "turn down", "set out"
COMMITMENTS = {"pledge", "promise", "vow", "swear", "commit", "undertake"}  # bind oneself to act
WILLING = {"ready", "willing", "prepared", "eager", "open"}
RANKS = {"first", "last", "only", "latest", "second", "third", "next"}  # "the first leader to visit X"
OBLIGATION_HEADS = {"have", "need"}  # "has to", "needs to"
# An intended act is an expressed intent (PLOVER AGREE / THREATEN): which code it takes, by root.
INTENT_CODES = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035",
                "14": "133", "15": "138", "16": "131", "17": "132", "18": "138", "19": "138", "20": "138"}


@dataclass(frozen=True)
class EventCue:
    phrase: str
    pos: str
    cameo: str
    embeds: bool  # "agreed to X": X is what was agreed, not an event of its own
    needs_target: bool
    plover: str | None
    mutual: bool = False  # "X and Y signed", "X telephoned Y": both sides act, the event is reciprocal
    self_directed: bool = False  # "resigned", "surrendered": no target
    light: bool = False  # "impose": an event of its own only when its object is not one ("imposed sanctions")
    state: bool = False  # "alert": an event only as a state one is on or under ("remained on alert")


@dataclass(frozen=True)
class Code:
    cameo: str
    plover: str | None
    mode: str | None
    quad: int | None
    goldstein: float | None


@cache
def event_lexicon() -> dict[tuple[str, str], EventCue]:
    out = {}
    for row in read_tsv("event_verbs.tsv"):
        flags = set(row["frame"].split("+")) if row["frame"] else set()
        out[(row["pos"], row["cue"])] = EventCue(
            row["cue"], row["pos"], row["cameo"], "embeds" in flags, "target" in flags, row["plover"] or None,
            "mutual" in flags, "self" in flags, "light" in flags, "state" in flags)
    return out


@cache
def _cue_words() -> frozenset[str]:
    """Every word of every event phrase and reversal (`_cue` finds nothing for a word outside them)."""
    phrases = [cue for _, cue in event_lexicon()] + list(reversals())
    return frozenset(w for phrase in phrases for w in phrase.split())


@cache
def reversals() -> dict[str, list[tuple[str, str, str | None]]]:
    """verb → [(object code prefix, code, PLOVER override)], longest prefix first
    (`lexicons/event_reversals.tsv`)."""
    out: dict[str, list[tuple[str, str, str | None]]] = {}
    for row in read_tsv("event_reversals.tsv"):
        for verb in row["verbs"].split("|"):
            out.setdefault(verb.strip(), []).append((row["object"], row["cameo"], row["plover"] or None))
    for rows in out.values():
        rows.sort(key=lambda r: -len(r[0]))
    return out


@cache
def non_events() -> dict[str, frozenset[str]]:
    """event verb → the complements with which it reports no event (`lexicons/non_events.tsv`)."""
    out: dict[str, set[str]] = {}
    for row in read_tsv("non_events.tsv"):
        for verb in row["verb"].split("|"):
            out.setdefault(verb.strip(), set()).update(c.strip() for c in row["complements"].split("|"))
    return {verb: frozenset(comps) for verb, comps in out.items()}


@cache
def cameo_table() -> dict[str, dict[str, str]]:
    text = knowledge.resource("cameo_codes.csv").read_text(encoding="utf-8")
    return {row["cameo_code"]: row for row in csv.DictReader(io.StringIO(text))}


def code(cameo: str, plover: str | None = None) -> Code:
    """PLOVER, quad class and Goldstein of a CAMEO code (the nearest listed parent when the code
    itself is not in the table)."""
    table = cameo_table()
    key = next((k for k in (cameo, cameo[:3], cameo[:2]) if k in table), None)
    if key is None:
        return Code(cameo, plover, None, None, None)
    row = table[key]
    category = plover or (row["plover_2021_event"] if row["plover_2021_event"] not in ("", "dropped") else None)
    mode = row["plover_2021_mode"] or None if not plover or plover == row["plover_2021_event"] else None
    return Code(cameo, category, mode, int(row["phoenix_quad_class"]) if row["phoenix_quad_class"] else None,
                float(row["goldstein_gdelt"]) if row["goldstein_gdelt"] else None)


def find_events(doc: Doc, analysis: Analysis) -> list[Event]:
    ctx = _Context(doc, analysis)
    events: list[Event] = []
    demanded = _demand_clauses(doc)
    for tok in doc:
        if tok.i in demanded:
            event = _demand(ctx, tok, demanded[tok.i], f"v{len(events) + 1}")
            if event is not None:
                events.append(event)
            continue
        cue = _cue(tok)
        if cue is None or cue.pos == "speech" or _embedded(tok) or _inside_event(tok) or _in_demand(tok, demanded):
            continue
        if cue.pos == "noun" and _manner(tok):
            continue
        if cue.pos == "verb" and (_is_speech_only(tok) or _description(tok) or _no_event(tok)):
            continue
        event = _event(ctx, tok, cue, f"v{len(events) + 1}")
        if event is not None:
            events.append(event)
    return events


# -- which words are events --------------------------------------------------------------------
def _cue(tok: Token) -> EventCue | None:
    lex = event_lexicon()
    lemma = tok.lemma_.lower()
    if lemma not in _cue_words() and tok.lower_ not in _cue_words():
        return None  # every cue below is a lexicon phrase with this word in it: most words are in none
    if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass", "amod", "compound"):
        phrasal = [f"{lemma} {c.lower_}" for c in tok.children if c.dep_ in ("prt", "prep")]
        reversed_ = _reversal(tok, phrasal + [lemma])
        if reversed_ is not None:
            return reversed_
        for phrase in phrasal:
            if cue := lex.get(("verb", phrase)):
                return cue
        if any(c.dep_ == "prt" and c.lower_ in PHRASAL_PARTICLES for c in tok.children):
            return None  # a phrasal verb means what it says as a whole: "called off" is not "called"
        if any(c.dep_ == "dobj" and ("object", f"{lemma} {c.lemma_.lower()}") in lex for c in tok.children):
            return None  # "cut ties", "lodged a protest": the verb with its object is the act (the object's cue)
        cue = lex.get(("verb", lemma))
        if cue is not None and cue.light and any(c.dep_ == "dobj" and _cue(c) is not None for c in tok.children):
            return None  # "imposed sanctions", "launched an attack": the noun says what was done
        return cue
    if tok.pos_ in ("NOUN", "PROPN"):
        if tok.dep_ == "dobj" and (cue := lex.get(("object", f"{tok.head.lemma_.lower()} {lemma}"))):
            return cue
        return _noun_cue(tok)
    return None


def _noun_cue(tok: Token) -> EventCue | None:
    """A noun's own cue: a phrase ending at it whose first word modifies it ("hunger strike",
    "martial law", "air strike"), a phrase "X of Y" starting at it ("state of emergency"), else
    the word. A modifier that is the first word of such a phrase leaves the event to its head."""
    lex = event_lexicon()
    doc, lemma = tok.doc, tok.lemma_.lower()
    if tok.pos_ == "PROPN" and tok.ent_type_ in ("EVENT", "WORK_OF_ART", "ORG", "LAW", "FAC", "PRODUCT"):
        return None  # a word of a name: "the Unity Rally", "the Camp David Accords"
    if tok.i > 0 and doc[tok.i - 1].head.i == tok.i and doc[tok.i - 1].dep_ in ("compound", "amod"):
        if cue := lex.get(("noun", f"{doc[tok.i - 1].lemma_.lower()} {lemma}")):
            return cue
    if tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "of":
        if cue := lex.get(("noun", f"{lemma} of {doc[tok.i + 2].lemma_.lower()}")):
            return cue
    if tok.dep_ in ("compound", "amod"):
        return None
    cue = lex.get(("noun", lemma)) or lex.get(("noun", tok.lower_))
    if cue is not None and cue.state and not (tok.dep_ == "pobj" and tok.head.lower_ in ("on", "under")):
        return None  # "put on alert" is a posture, "a flood alert" is not
    return cue


def _object_code(obj: Token) -> str | None:
    """The CAMEO code of the act an object names: its own cue, else a modifier's ("ceasefire
    agreement" is a ceasefire, "aid deliveries" are aid)."""
    for word in [c for c in obj.children if c.dep_ in ("compound", "amod")] + [obj]:
        cue = _noun_cue(word) if word.i == obj.i else event_lexicon().get(("noun", word.lemma_.lower()))
        if cue is not None and cue.pos == "noun":
            return cue.cameo
    return None


def _reversal(verb: Token, phrases: list[str]) -> EventCue | None:
    """"lifted the blockade", "cancelled the visit", "suspended aid", "violated the truce": the act
    of ending or breaking what the object names (`lexicons/event_reversals.tsv`)."""
    table = reversals()
    if not any(p in table for p in phrases):
        return None
    # the object, or that of the verb's particle or preposition: "called off the rally", "withdrew from the treaty"
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None) or next(
        (g for c in verb.children if c.dep_ in ("prt", "prep") and f"{verb.lemma_.lower()} {c.lower_}" in table
         for g in c.children if g.dep_ == "pobj"), None)
    if obj is None:
        return None
    obj_code = _object_code(partitive_head(obj))
    if obj_code is None:
        return None
    for phrase in phrases:
        for prefix, cameo, plover in table.get(phrase, ()):
            if obj_code.startswith(prefix):
                base = event_lexicon().get(("verb", phrase))
                return EventCue(f"{phrase} {obj.lemma_.lower()}", "verb", cameo, False,
                                base.needs_target if base else True, plover)
    return None


def _embedded(tok: Token) -> bool:
    """Inside what an embedding cue governs: "agreed to [cooperate]", "threatened [a strike]"."""
    node = tok
    for _ in range(6):
        head = node.head
        if head.i == node.i:
            return False
        if node.dep_ in ("xcomp", "ccomp", "dobj", "pobj", "pcomp", "prep", "advcl"):
            cue = _cue(head)
            if cue is not None and cue.embeds:
                return True
        if node.dep_ not in ("xcomp", "ccomp", "dobj", "pobj", "pcomp", "prep", "conj", "compound"):
            return False
        node = head
    return False


def _inside_event(tok: Token) -> bool:
    """A word inside another event's phrase ("blamed X for the bombing", "sanctions in the wake
    of the execution", "which set off violence") is that event's circumstance: one event per
    clause, as event coders code it. Coordinated verbs stay events of their own."""
    node = tok
    while node.head.i != node.i:
        if node.dep_ in ("ccomp", "parataxis", "nsubj", "nsubjpass", "csubj"):
            return False  # a subject is not inside its verb's act ("the bombing killed 58")
        if node.dep_ == "conj":  # "accused X of violating … and sending …": as inside as its first part
            node = node.head
            continue
        if node.dep_ in ("advcl", "xcomp", "acl") and _protest_act(node.head):
            return True  # "began a hunger strike to demand …", "blocked roads demanding …": one protest
        node = node.head
        cue = _cue(node)
        if cue is not None and cue.pos != "speech":
            return True
    return False


def _manner(noun: Token) -> bool:
    """"went on strike in protest at X": "in protest" is how the clause's act was done, not an act
    of its own, when the clause has an event word."""
    if not (noun.dep_ == "pobj" and noun.head.lower_ == "in" and noun.lemma_.lower() in PROTEST_MANNER):
        return False
    verb = noun.head.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    return _cue(verb) is not None or any(
        _cue(g) is not None for c in verb.children for g in ([c] + list(c.children))
        if g.i != noun.i and g.pos_ in ("NOUN", "PROPN") and c.dep_ in ("dobj", "prep", "pobj"))


def _protest_act(verb: Token) -> bool:
    """A protest verb, or a verb whose object is a protest ("staged a sit-in")."""
    for word in [verb] + [c for c in verb.children if c.dep_ in ("dobj", "attr")]:
        cue = _cue(word)
        if cue is not None and cue.cameo.startswith("14"):
            return True
    return False


def _description(verb: Token) -> bool:
    """A verb that describes a noun or names an act as a topic, not one that happened:
    "aliens ordered out of X" and "weapons seized last year" (a passive participle on a noun,
    with no "by X"), "the first minister to visit X since 1990" (an infinitive on a noun ranked
    first or last), "removing the sanctions is out of the question" (the subject of "be")."""
    if verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBD") and verb.head.dep_ != "ROOT":  # a root noun: the parse missed the verb
        return not any(c.dep_ in ("agent", "nsubj") for c in verb.children)  # (a participle tagged VBD: "ordered out of X")
    if verb.dep_ in ("acl", "relcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        noun = verb.head
        return any(c.dep_ in ("amod", "nummod") and (c.lower_ in RANKS or c.tag_ == "JJS" or c.ent_type_ == "ORDINAL")
                   for c in noun.children)
    return verb.dep_ == "csubj" and verb.head.lemma_.lower() == "be"


def _no_event(verb: Token) -> bool:
    """"declined to comment", "refused to say", "declined an interview": a refusal to tell the
    press, not a political rejection (`lexicons/non_events.tsv`); "refused to discuss the
    border with X" stays a refusal to negotiate."""
    complements = non_events().get(verb.lemma_.lower())
    if not complements:
        return False
    for c in verb.children:
        if c.dep_ in ("xcomp", "dobj") and c.lemma_.lower() in complements:
            return not any(p.dep_ == "prep" and p.lower_ == "with" for p in c.subtree)
    return False


def _is_speech_only(tok: Token) -> bool:
    """"warned that …" without a threat in it is a statement, but "warned of war" or "warned X to"
    stays a threat; the other embedding cues need something to embed."""
    cue = _cue(tok)
    if cue is None or not cue.embeds or tok.dep_ in ("acl", "relcl"):  # "accusations that X denies"
        return False
    return not any(c.dep_ in ("xcomp", "ccomp", "dobj", "prep", "pobj") for c in tok.children)


# -- demands in reported speech ---------------------------------------------------------------
def _demand_clauses(doc: Doc) -> dict[int, Token]:
    """Speech verbs whose complement says what someone must do: "said X must withdraw",
    "insisted that Y should resign" → {speech verb index: the obliged clause's verb}."""
    lex = event_lexicon()
    out: dict[int, Token] = {}
    for tok in doc:
        if tok.dep_ != "ccomp" or not _obliged(tok):
            continue
        head = tok.head
        cue = lex.get(("speech", head.lemma_.lower()))
        if cue is not None and head.pos_ in ("VERB", "AUX"):
            out[head.i] = tok
    return out


def _obliged(verb: Token) -> bool:
    if any(c.dep_ == "aux" and c.lower_ in OBLIGED_AUX for c in verb.children):
        return True
    return verb.lemma_.lower() in OBLIGATION_HEADS and any(
        c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in verb.children)


def _in_demand(tok: Token, demanded: dict[int, Token]) -> bool:
    if not demanded:
        return False
    clauses = {v.i for v in demanded.values()}
    node = tok
    while True:
        if node.i in clauses:
            return True
        if node.head.i == node.i:
            return False
        node = node.head


def _demand(ctx: _Context, speech: Token, clause: Token, vid: str) -> Event | None:
    cue = event_lexicon()[("speech", speech.lemma_.lower())]
    obliged = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    if obliged is None and clause.lemma_.lower() in OBLIGATION_HEADS:
        obliged = subject_of(clause)
    actors = Actors(ctx.actors.ref(subject_of(speech)), ctx.actors.ref(obliged))
    if actors.target is not None and actors.target.code is None:
        actors.target = None
    # the demand is in the words said ("He added: “X must withdraw”"): the report that holds them carries it
    return _make(ctx, speech, cue, vid, actors, cue.cameo, cue.plover, "demand", said=clause)


# -- one event -------------------------------------------------------------------------------------
class _Context:
    def __init__(self, doc: Doc, analysis: Analysis):
        self.doc = doc
        self.analysis = analysis
        self.actors = ActorReader(doc, analysis)


def _event(ctx: _Context, tok: Token, cue: EventCue, vid: str) -> Event | None:
    actors = ctx.actors.for_noun(tok, cue) if cue.pos in ("noun", "object") else ctx.actors.for_verb(tok, cue)
    if not _named(actors.source) and not _named(actors.target):
        return None  # no one does it to no one: a word, not an event ("the first visit since 2017")
    if cue.pos == "noun" and not _named(actors.source) and actors.target is not None and actors.target_is_place:
        return None  # "a summit in Genoa": a place is not who it was done to
    if cue.needs_target and actors.target is None and not actors.reciprocal and cue.pos == "verb":
        if not _has_complement(tok):
            return None
    return _make(ctx, tok, cue, vid, actors, cue.cameo, cue.plover, f"{cue.pos}:{cue.phrase}")


def _make(ctx: _Context, tok: Token, cue: EventCue, vid: str, actors: Actors, cameo: str,
          plover: str | None, rule: str, said: Token | None = None) -> Event | None:
    # a demand: the report holding the words demanded, else (a parse that split them off) the one holding the speech verb
    attribution = (em.carrier(ctx.analysis, said) if said is not None else None) or em.carrier(ctx.analysis, tok)
    modality = em.modality(ctx.analysis, tok, attribution)
    if modality == "planned" and cameo[:2] == "14" and em.purpose(tok) and not em.planned(tok):
        modality = "reported" if attribution else "asserted"  # "shunned work to protest": the protest was made
    # a purpose ("trained X to fight Y") is intended but not an intent expressed: its act keeps its
    # code, unless the act it is the aim of is itself planned ("plans to use ships to deliver aid")
    intended = (modality == "planned" and (not em.purpose(tok) or em.planned(tok.head))) or (
        modality == "hypothetical" and em.conditional(em.clause_verb(tok)))
    if cue.embeds and cue.phrase in COMMITMENTS and (act := _committed_act(tok)) is not None:
        cameo, plover = _as_intent(act, None)  # "vowed to fight on": a threat, not an offer
    elif cameo[:2] in ("18", "19", "20") and _readied(tok):
        cameo, plover = "150", None  # "the army prepared to resume shelling": a show of force
        modality = "reported" if attribution else "asserted"
    elif intended and not cue.embeds:
        cameo, plover = ("036", None) if cameo[:2] == "04" and _willing(tok) else _as_intent(cameo, plover)
    info = code(cameo, plover)
    if info.plover is None:
        return None
    sent = tok.sent
    start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
    evidence = sent.text.strip()
    date = em.event_date(ctx.analysis, tok, modality)
    return Event(
        id=vid, plover=info.plover, mode=info.mode, cameo=cameo, quad_class=info.quad, goldstein=info.goldstein,
        source_actor=actors.source, target_actor=actors.target, reciprocal=actors.reciprocal,
        date=date, place=em.event_place(ctx.analysis, ctx.actors.place_at, tok),
        modality=modality, background=em.background(ctx.analysis, tok, date, attribution),
        attribution=attribution.id if attribution else None,
        statement=(said.id if (said := em.statement(ctx.analysis, tok)) else None),
        cue=Span(start=tok.idx, end=tok.idx + len(tok.text), text=tok.text),
        evidence=Span(start=start, end=start + len(evidence), text=evidence),
        rule=rule, confidence=_confidence(actors.source, actors.target, modality),
    )


def _committed_act(verb: Token) -> str | None:
    """The conflictual act a commitment binds its actor to ("vowed to fight", "pledged to
    continue the strikes"): its CAMEO code, when it is a protest, a show of force, a sanction,
    coercion or violence (roots 14–20)."""
    frontier = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp")]
    for _ in range(2):
        nxt = []
        for clause in frontier:
            cue = _cue(clause)
            if cue is None:
                obj = next((c for c in clause.children if c.dep_ == "dobj"), None)
                cue = _cue(obj) if obj is not None else None
            if cue is not None:
                return cue.cameo if "14" <= cue.cameo[:2] <= "20" else None
            nxt += [c for c in clause.children if c.dep_ == "xcomp"]  # "vowed to continue fighting"
        frontier = nxt
    return None


def _readied(tok: Token) -> bool:
    """"The army prepared to attack", "troops were poised to resume shelling": forces made ready
    (the verb "prepare", not "is prepared to", which states a willingness)."""
    node = tok if tok.pos_ in ("VERB", "AUX") else em.clause_verb(tok)
    for _ in range(3):
        if node.dep_ != "xcomp":
            return False
        head = node.head
        lemma = head.lemma_.lower()
        if lemma == "poise" or head.lower_ == "poised" or (lemma == "prepare" and head.pos_ == "VERB" and head.dep_ != "acomp"):
            return True
        node = head
    return False


def _willing(tok: Token) -> bool:
    """"ready to host a meeting", "willing to hold talks": an offer to meet (CAMEO 036), not a
    meeting planned ("will visit", "is to meet" stay CONSULT, modality planned)."""
    node = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    return node.dep_ == "xcomp" and node.head.lemma_.lower() in WILLING and (
        node.head.pos_ == "ADJ" or node.head.dep_ == "acomp")


def _named(ref: ActorRef | None) -> bool:
    return ref is not None and bool(ref.entity or ref.code or ref.members)


def _has_complement(tok: Token) -> bool:
    """A verb that needs a target but names none still reports an act when it has an object or a
    complement ("accepted the plan", "denounced as a crime …"); alone it is often another sense."""
    return any(c.dep_ in ("dobj", "dative", "prep", "ccomp", "xcomp") for c in tok.children) or tok.tag_ == "VBN"


def _as_intent(cameo: str, plover: str | None) -> tuple[str, str | None]:
    """"will provide aid" → express intent to provide aid (03x, AGREE); "would blockade" →
    threaten (13x, THREATEN). Planned meetings stay CONSULT, with modality planned."""
    root = cameo[:2]
    if root == "04":
        return cameo, plover
    intent = INTENT_CODES.get(root)
    return (intent, None) if intent else (cameo, plover)


def _confidence(source: ActorRef | None, target: ActorRef | None, modality: str) -> float:
    score = 0.4 + 0.2 * bool(source and source.code) + 0.1 * bool(target and target.code)
    return round(score - (0.1 if modality in ("hypothetical", "negated") else 0.0), 2)

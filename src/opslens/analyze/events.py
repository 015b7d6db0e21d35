"""Events stage: who did what to whom, when, where, and according to whom.

An event is an expression from `lexicons/event_verbs.tsv` (a verb, or a noun such as "talks" or
"sanctions") coded in CAMEO; its PLOVER category, mode, quad class and Goldstein value come from
`lexicons/cameo_codes.csv`. Actors come from the dependency parse (`event_actors.py`), modality,
date, place and background from the clause (`event_modality.py`). Following PLOVER, an intended
or conditional act is coded as the intent: "will provide aid" is AGREE, "would blockade" and
"may halt … if" are THREATEN, and "agreed to cooperate" is one AGREE event. A speech verb whose
complement says what another must do ("said X must withdraw") is a demand of X.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Token

from opslens.analyze import event_modality as em
from opslens.analyze.event_actors import ActorReader, Actors, subject_of
from opslens.lexicons import read_tsv
from opslens.model import ActorRef, Analysis, Event, Span

OBLIGATION_AUX = {"must", "should"}
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
            "mutual" in flags, "self" in flags, "light" in flags)
    return out


@cache
def cameo_table() -> dict[str, dict[str, str]]:
    text = resources.files("opslens.lexicons").joinpath("cameo_codes.csv").read_text(encoding="utf-8")
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
        if cue.pos == "verb" and _is_speech_only(tok):
            continue
        event = _event(ctx, tok, cue, f"v{len(events) + 1}")
        if event is not None:
            events.append(event)
    return events


# -- which words are events --------------------------------------------------------------------
def _cue(tok: Token) -> EventCue | None:
    lex = event_lexicon()
    lemma = tok.lemma_.lower()
    if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass", "amod", "compound"):
        for child in tok.children:
            if child.dep_ in ("prt", "prep") and (cue := lex.get(("verb", f"{lemma} {child.lower_}"))):
                return cue
        cue = lex.get(("verb", lemma))
        if cue is not None and cue.light and any(c.dep_ == "dobj" and _cue(c) is not None for c in tok.children):
            return None  # "imposed sanctions", "launched an attack": the noun says what was done
        return cue
    if tok.pos_ in ("NOUN", "PROPN"):
        if tok.dep_ == "dobj" and (cue := lex.get(("object", f"{tok.head.lemma_.lower()} {lemma}"))):
            return cue
        if tok.i + 1 < len(tok.doc) and (cue := lex.get(("noun", f"{lemma} {tok.doc[tok.i + 1].lemma_.lower()}"))):
            return cue
        if tok.dep_ == "compound":
            return None
        return lex.get(("noun", lemma)) or lex.get(("noun", tok.lower_))
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


def _protest_act(verb: Token) -> bool:
    """A protest verb, or a verb whose object is a protest ("staged a sit-in")."""
    for word in [verb] + [c for c in verb.children if c.dep_ in ("dobj", "attr")]:
        cue = _cue(word)
        if cue is not None and cue.cameo.startswith("14"):
            return True
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
    if any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in verb.children):
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
    return _make(ctx, speech, cue, vid, actors, cue.cameo, cue.plover, "demand")


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
          plover: str | None, rule: str) -> Event | None:
    attribution = em.carrier(ctx.analysis, tok)
    modality = em.modality(ctx.analysis, tok, attribution)
    if (modality == "planned" or (modality == "hypothetical" and em.conditional(em.clause_verb(tok)))) and not cue.embeds:
        cameo, plover = _as_intent(cameo, plover)
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

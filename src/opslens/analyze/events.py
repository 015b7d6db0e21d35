"""Events stage: who did what to whom, when, where, and according to whom.

An event is an expression from `lexicons/event_verbs.tsv` (a verb, or a noun such as "talks" or
"sanctions") coded in CAMEO; its PLOVER category, mode, quad class and Goldstein value come from
`lexicons/cameo_codes.csv`. Actors come from the dependency parse (subject, passive agent, object,
"talks with X"), with coordinated actors kept together; each actor is coded from the entity it
names. Modality comes from the clause: negation, "would"/"will"/"plans to", "if", and the
attribution that carries it. Following PLOVER, an intended act is coded as the intent: "will
provide aid" is AGREE, "would blockade" is THREATEN, and "agreed to cooperate" is one AGREE event.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Token

from opslens.lexicons import read_tsv
from opslens.model import ActorRef, Analysis, Attribution, Entity, Event, EventDate, Span

SUBJECTS = ("nsubj", "nsubjpass")
SHARES_SUBJECT = ("xcomp", "conj", "advcl")
TARGET_PREPS = {"with", "against", "to", "on", "at", "into", "between", "for"}
NOUN_TARGET_PREPS = TARGET_PREPS | {"of"}  # "the poisoning of X"
PLACE_PREPS = {"in", "at", "near", "outside", "inside"}
LIGHT_VERBS = {"hold", "have", "launch", "impose", "sign", "lift", "carry", "conduct", "stage",
               "begin", "start", "open", "make", "pay", "reach", "announce", "order", "declare", "mount"}
PLANNED_AUX = {"will", "would", "shall", "'ll"}
PLANNING_HEADS = {"plan", "intend", "expect", "prepare", "prepared", "ready", "willing", "set", "aim", "schedule",
                  "propose", "be", "want", "hope", "seek"}
CONDITIONAL_MARKS = {"if", "unless"}
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
        out[(row["pos"], row["cue"])] = EventCue(
            row["cue"], row["pos"], row["cameo"], row["frame"] == "embeds", row["frame"] == "target",
            row["plover"] or None)
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
    for tok in doc:
        cue = _cue(tok)
        if cue is None or _embedded(tok) or _inside_event(tok) or (cue.pos == "verb" and _is_speech_only(tok)):
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
        return lex.get(("verb", lemma))
    if tok.pos_ in ("NOUN", "PROPN"):
        if tok.i + 1 < len(tok.doc) and (cue := lex.get(("noun", f"{lemma} {tok.doc[tok.i + 1].lemma_.lower()}"))):
            return cue
        if tok.dep_ == "compound":
            return None
        return lex.get(("noun", lemma))
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
        if node.dep_ in ("conj", "ccomp", "parataxis"):
            return False
        node = node.head
        if _cue(node) is not None:
            return True
    return False


def _is_speech_only(tok: Token) -> bool:
    """"warned that …" without a threat in it is a statement, but "warned of war" or "warned X to"
    stays a threat; the other embedding cues need something to embed."""
    cue = _cue(tok)
    if cue is None or not cue.embeds or tok.dep_ in ("acl", "relcl"):  # "accusations that X denies"
        return False
    return not any(c.dep_ in ("xcomp", "ccomp", "dobj", "prep", "pobj") for c in tok.children)


# -- one event -------------------------------------------------------------------------------------
class _Context:
    def __init__(self, doc: Doc, analysis: Analysis):
        self.doc = doc
        self.analysis = analysis
        self.by_char: dict[int, Entity] = {}
        for e in analysis.entities:
            for m in e.mentions:
                for c in range(m.start, m.end):
                    self.by_char.setdefault(c, e)

    def entity_at(self, tok: Token) -> Entity | None:
        return self.by_char.get(tok.idx)

    def antecedent(self, pronoun: Token) -> Entity | None:
        """"it"/"they" → the last country or organisation named before; "he"/"she" → the last
        person who was a subject (else the last person named)."""
        word = pronoun.lower_
        types = {"he": ("PERSON",), "she": ("PERSON",), "him": ("PERSON",), "her": ("PERSON",), "his": ("PERSON",),
                 "it": ("GPE", "ORG"), "its": ("GPE", "ORG"), "they": ("GPE", "ORG", "NORP"), "their": ("GPE", "ORG", "NORP")}.get(word)
        if types is None:
            return None
        last = subject = None
        for tok in pronoun.doc[:pronoun.i]:
            e = self.entity_at(tok)
            if e is None or e.type not in types:
                continue
            last = e
            if tok.dep_ in SUBJECTS or tok.head.dep_ in SUBJECTS:
                subject = e
        return subject or last


def _event(ctx: _Context, tok: Token, cue: EventCue, vid: str) -> Event | None:
    source, target = _actors(ctx, tok, cue)
    if cue.needs_target and target is None and cue.pos == "verb":
        return None
    modality, attribution = _modality(ctx, tok)
    cameo, plover = cue.cameo, cue.plover
    if modality == "planned" and not cue.embeds:
        cameo, plover = _as_intent(cameo, plover)
    info = code(cameo, plover)
    if info.plover is None:
        return None
    sent = tok.sent
    start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
    evidence = sent.text.strip()
    date = _date(ctx, tok, modality)
    return Event(
        id=vid, plover=info.plover, mode=info.mode, cameo=cameo, quad_class=info.quad, goldstein=info.goldstein,
        source_actor=source, target_actor=target, date=date, place=_place(ctx, tok),
        modality=modality, background=_background(ctx, tok, date),
        attribution=attribution.id if attribution else None,
        evidence=Span(start=start, end=start + len(evidence), text=evidence),
        confidence=_confidence(source, target, modality),
    )


def _as_intent(cameo: str, plover: str | None) -> tuple[str, str | None]:
    """"will provide aid" → express intent to provide aid (03x, AGREE); "would blockade" →
    threaten (13x, THREATEN). Planned meetings stay CONSULT, with modality planned."""
    root = cameo[:2]
    if root == "04":
        return cameo, plover
    intent = INTENT_CODES.get(root)
    return (intent, None) if intent else (cameo, plover)


# -- actors ------------------------------------------------------------------------------------
def _actors(ctx: _Context, tok: Token, cue: EventCue) -> tuple[ActorRef | None, ActorRef | None]:
    if cue.pos == "noun":
        return _noun_actors(ctx, tok)
    subject = _subject(tok)
    agent = next((g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "dative")), None)
    if subject is not None and subject.dep_ == "nsubjpass":  # "X was attacked (by Y)"
        return _ref(ctx, agent), _ref(ctx, subject)
    target = obj if obj is not None and _actor_like(ctx, obj) else _prep_target(ctx, tok)
    if target is None and obj is not None:
        target = _prep_target(ctx, obj)
    if target is None and cue.embeds:  # "offered to hand over suspects to Britain"
        target = _embedded_target(ctx, tok)
    return _ref(ctx, subject), _ref(ctx, target)


def _embedded_target(ctx: _Context, tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("xcomp", "ccomp"):
            obj = next((o for o in c.children if o.dep_ in ("dobj", "dative") and _actor_like(ctx, o)), None)
            found = obj or _prep_target(ctx, c)
            if found is None:
                inner = next((o for o in c.children if o.dep_ == "dobj"), None)
                found = _prep_target(ctx, inner) if inner is not None else None
            if found is not None:
                return found
    return None


def _noun_actors(ctx: _Context, noun: Token) -> tuple[ActorRef | None, ActorRef | None]:
    """"X held talks with Y", "Y's sanctions on Z", "the X attack on Y"."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    source = owner
    if source is None:
        source = next((c for c in noun.children if c.dep_ in ("compound", "amod") and ctx.entity_at(c)), None)
    if source is None and noun.dep_ in ("dobj", "attr") and noun.head.lemma_.lower() in LIGHT_VERBS:
        source = _subject(noun.head)
    target = _prep_target(ctx, noun, NOUN_TARGET_PREPS)
    if target is None and noun.dep_ == "dobj":
        target = _prep_target(ctx, noun.head)
    return _ref(ctx, source), _ref(ctx, target)


def _subject(tok: Token) -> Token | None:
    node = tok
    for _ in range(4):
        subj = next((c for c in node.children if c.dep_ in SUBJECTS), None)
        if subj is not None:
            return subj
        if node.dep_ == "relcl":
            return node.head
        if node.dep_ not in SHARES_SUBJECT or node.head.i == node.i:
            return None
        node = node.head
    return None


def _prep_target(ctx: _Context, tok: Token, preps: set[str] = TARGET_PREPS) -> Token | None:
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and _actor_like(ctx, obj):
                return obj
    return None


def _actor_like(ctx: _Context, tok: Token) -> bool:
    """An actor is a named entity or a person/group noun, not a thing ("talks on trade")."""
    if ctx.entity_at(tok) is not None or any(ctx.entity_at(t) for t in tok.subtree):
        return True
    return tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")


def _ref(ctx: _Context, tok: Token | None) -> ActorRef | None:
    if tok is None:
        return None
    members = [tok] + [c for c in tok.children if c.dep_ == "conj"]
    refs = [_one_ref(ctx, m) for m in members]
    first = refs[0]
    if len(refs) > 1:
        return ActorRef(entity=first.entity, code=first.code or next((r.code for r in refs if r.code), None),
                        members=refs)
    return first


def _own_words(tok: Token):
    """An actor phrase's words without its clauses: "a group of Moroccan diplomats" includes
    "Moroccan", "officials who met X" does not include X."""
    yield tok
    for c in tok.children:
        if c.dep_ in ("relcl", "acl", "advcl", "appos", "conj", "cc", "punct"):
            continue
        if c.dep_ == "prep" and c.lower_ != "of":
            continue
        yield from _own_words(c)


def _one_ref(ctx: _Context, tok: Token) -> ActorRef:
    """The entity an actor phrase names: its head's, else one named inside it ("Hungarian
    officials", "the Russian Defence Ministry")."""
    entity = ctx.entity_at(tok)
    if entity is None and tok.pos_ == "PRON":
        entity = ctx.antecedent(tok)
    if entity is None:
        inside = [ctx.entity_at(t) for t in _own_words(tok)]
        inside = [e for e in inside if e is not None and (e.actor_code or e.country)]
        entity = inside[0] if inside else None
    if entity is None:
        return ActorRef(entity=None, code=None)
    return ActorRef(entity=entity.id, code=entity.actor_code or entity.country)


# -- modality, time, place -----------------------------------------------------------------------
def _modality(ctx: _Context, tok: Token) -> tuple[str, Attribution | None]:
    attribution = _carrier(ctx, tok)
    clause = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    kids = list(clause.children)
    if any(c.dep_ == "neg" for c in kids) or any(c.dep_ == "neg" for c in tok.children):
        return "negated", attribution
    if attribution is not None and attribution.cue and attribution.cue.text.split()[-1].lower().startswith("den"):
        return "denied", attribution
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in kids):
        return "hypothetical", attribution
    if _planned(clause):
        return "planned", attribution
    return ("reported" if attribution else "asserted"), attribution


def _planned(verb: Token) -> bool:
    """"will visit", "would visit", "is to visit", "plans to visit", "ready to send"."""
    if any(c.dep_ == "aux" and c.lower_ in PLANNED_AUX for c in verb.children):
        return True
    head = verb.head
    return verb.dep_ == "xcomp" and (head.lemma_.lower() in PLANNING_HEADS or any(
        c.dep_ == "aux" and c.lower_ in PLANNED_AUX for c in head.children))


def _carrier(ctx: _Context, tok: Token) -> Attribution | None:
    """The innermost attribution whose content holds this word."""
    at = tok.idx
    best = None
    for a in ctx.analysis.attributions:
        pieces = a.content.fragments or [[a.content.start, a.content.end]]
        if any(s <= at < e for s, e in pieces):
            if best is None or (a.content.end - a.content.start) < (best.content.end - best.content.start):
                best = a
    return best


def _date(ctx: _Context, tok: Token, modality: str) -> EventDate | None:
    """The clause's own time expression, else the sentence's, else the article date for what is
    reported as done."""
    times = ctx.analysis.times
    clause = range(tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text))
    sent = range(tok.sent.start_char, tok.sent.end_char)
    for window in (clause, sent):
        inside = [t for t in times if t.start in window and t.type in ("DATE", "TIME") and t.value]
        if inside:
            t = min(inside, key=lambda t: abs(t.start - tok.idx))
            return EventDate(time=t.id, value=t.value)
    published = ctx.analysis.article.published.value
    if published and modality in ("asserted", "reported"):
        return EventDate(time=None, value=published)
    return None


def _place(ctx: _Context, tok: Token) -> str | None:
    """The place of "in/at <place>" on the event word itself, else the nearest place in its
    clause (the sentence, for nouns)."""
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPS:
            for t in prep.subtree:
                pid = _place_at(ctx, t)
                if pid:
                    return pid
    lo, hi = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)
    if tok.pos_ not in ("VERB", "AUX"):
        lo, hi = tok.sent.start_char, tok.sent.end_char
    best = None
    for p in ctx.analysis.places:
        for m in p.mentions:
            if lo <= m.start < hi and (best is None or abs(m.start - tok.idx) < best[0]):
                best = (abs(m.start - tok.idx), p.id)
    return best[1] if best else None


def _place_at(ctx: _Context, tok: Token) -> str | None:
    for p in ctx.analysis.places:
        if any(m.start <= tok.idx < m.end for m in p.mentions):
            return p.id
    return None


def _background(ctx: _Context, tok: Token, date: EventDate | None) -> bool:
    """History the article recalls: dated well before the article, or told in the past perfect."""
    published = ctx.analysis.article.published.value
    if date and date.time and date.value and published and date.value[:4].isdigit():
        if date.value[:7] < published[:7] and int(date.value[:4]) < int(published[:4]):
            return True
    clause = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    return any(c.dep_ == "aux" and c.lower_ == "had" for c in clause.children) and clause.tag_ == "VBN"


def _confidence(source: ActorRef | None, target: ActorRef | None, modality: str) -> float:
    score = 0.4 + 0.2 * bool(source and source.code) + 0.1 * bool(target and target.code)
    return round(score - (0.1 if modality in ("hypothetical", "negated") else 0.0), 2)

"""One event record: from an event word, its cue and its actors to an `Event` with its code
(`knowledge.event_codes.code`), modality, date, place, background and attribution
(`modality.py`), evidence and confidence. An event needs a named actor; a noun event whose only
other side is a place ("a summit in Genoa") is none, nor is a verb that needs a target and has
neither a target nor a complement.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from opslens.contract import ActorRef, Analysis, Event, Span
from opslens.knowledge import phoenix
from opslens.knowledge.event_codes import EventCue, code, sense_verbs
from opslens.nlp import doc_text
from opslens.stages.events import modality as em
from opslens.stages.events.actors import ActorReader, Actors, names_anyone
from opslens.stages.events.clauses import subject_of
from opslens.stages.events.cues import acts_on_someone, cue_of, strict
from opslens.stages.events.intent import as_told
from opslens.stages.events.targets import TARGET_PREPS


class Context:
    """What the events of one document are read with: the parse, the analysis so far, and the
    actor reader built from them."""

    def __init__(self, doc: Doc, analysis: Analysis):
        self.doc = doc
        self.analysis = analysis
        self.actors = ActorReader(doc, analysis)


def event_of(ctx: Context, tok: Token, cue: EventCue, vid: str) -> Event | None:
    """The event an event word tells, if it has the actors an event needs."""
    actors = ctx.actors.for_noun(tok, cue) if cue.pos in ("noun", "object") else ctx.actors.for_verb(tok, cue)
    if not names_anyone(actors.source) and not names_anyone(actors.target):
        return None  # no one does it to no one: a word, not an event ("the first visit since 2017")
    if cue.pos == "noun" and not names_anyone(actors.source) and actors.target is not None and actors.target_is_place:
        return None  # "a summit in Genoa": a place is not who it was done to
    if _travellers(ctx, cue, actors):
        return None  # "250,000 coming to the United States", "more Americans will be coming to Iraq": no visit
    if strict(cue) and not _bare_event(tok, actors):
        return None  # a dictionary verb alone ("went missing", "shunned work"): its code only for an act on someone
    if cue.pos == "verb" and actors.target is None and not actors.reciprocal and _thing_only(ctx, tok, cue):
        return None  # "offered no proof", "met the threshold": a thing handled, no one acted on
    if cue.pos == "verb" and cue.cameo.startswith(DOER_ROOTS) and _thing_does(ctx, tok):
        return None  # "issues impacting the community", "the statement provided a look": no one acts
    if _nowhere(ctx, tok, cue):
        return None  # "came to the conclusion", "could lead to upheaval": no one met, nowhere gone
    if cue.pos == "noun" and cue.cameo == "141" and _against_no_one(actors) and _person(ctx, actors.source):
        return None  # "his rallies draw hundreds of voters": one person's rally, against no one, is a campaign's
    if _gone_back(tok, cue, actors):
        return None  # "returned to Monterrey": going back, not returning someone or something (CAMEO 084)
    if (cue.needs_target or cue.bare) and cue.pos == "verb" and _nothing_acted_on(ctx, tok, actors):
        return None  # "share prices sank in Tokyo": no one did it, and to no one but a place
    if (
        (cue.needs_target or cue.bare)
        and actors.target is None
        and not actors.reciprocal
        and cue.pos == "verb"
        and not _has_complement(tok, cue)
    ):
        return None
    if (
        tok.lemma_.lower() in sense_verbs("winning")
        and cue.cameo.startswith(("18", "19", "20"))
        and _rival(ctx, tok, actors)
    ):
        return None  # "I can beat Hillary Clinton": one person beating another is a contest won
    if tok.lemma_.lower() in sense_verbs("verbal") and cue.cameo.startswith("19") and _persons(ctx, actors):
        return make(ctx, tok, cue, vid, actors, "111", None, f"{cue.pos}:{cue.phrase} (words)")
    return make(ctx, tok, cue, vid, actors, cue.cameo, cue.plover, f"{cue.pos}:{cue.phrase}")


def make(
    ctx: Context,
    tok: Token,
    cue: EventCue,
    vid: str,
    actors: Actors,
    cameo: str,
    plover: str | None,
    rule: str,
    said: Token | None = None,
) -> Event | None:
    """The event record; None when its code has no PLOVER category. `said`: the words a demand
    is in (the report holding them carries it)."""
    # a demand: the report holding the words demanded, else (a parse that split them off) the one
    # holding the speech verb
    attribution = (em.carrier(ctx.analysis, said) if said is not None else None) or em.carrier(ctx.analysis, tok)
    modality = em.modality(ctx.analysis, tok, attribution)
    cameo, plover, modality = as_told(tok, cue, cameo, plover, modality, attribution is not None)
    info = code(cameo, plover)
    if info.plover is None:
        return None
    sent = tok.sent
    text = doc_text(tok.doc)[sent.start_char : sent.end_char]  # `Span.text` joins the tokens at each call
    start = sent.start_char + (len(text) - len(text.lstrip()))
    evidence = text.strip()
    date = em.event_date(ctx.analysis, tok, modality)
    stated = em.statement(ctx.analysis, tok)
    return Event(
        id=vid,
        plover=info.plover,
        mode=info.mode,
        cameo=cameo,
        quad_class=info.quad,
        goldstein=info.goldstein,
        source_actor=actors.source,
        target_actor=actors.target,
        reciprocal=actors.reciprocal,
        date=date,
        place=em.event_place(ctx.analysis, ctx.actors.codes.place_at, tok),
        modality=modality,
        background=em.background(ctx.analysis, tok, date, attribution),
        attribution=attribution.id if attribution else None,
        statement=stated.id if stated else None,
        cue=Span(start=tok.idx, end=tok.idx + len(tok.text), text=tok.text),
        evidence=Span(start=start, end=start + len(evidence), text=evidence),
        rule=rule,
        confidence=_confidence(actors.source, actors.target, modality),
    )


def _persons(ctx: Context, actors: Actors) -> bool:
    """Are both sides of an attack single named persons ("Sanders's attacks on Clinton")? One
    person's attack on another, no group on either side, is in news most often words: criticism
    (CAMEO 111)."""
    return _person(ctx, actors.source) and _person(ctx, actors.target)


PERSONAL_SUBJECTS = {"i", "you", "he", "she", "we"}


def _rival(ctx: Context, tok: Token, actors: Actors) -> bool:
    """Is the one beaten a named person, by a named person or a personal pronoun ("I can beat
    her")? A group on either side ("troops beat protesters") is force."""
    if not _person(ctx, actors.target):
        return False
    subject = subject_of(tok)
    return _person(ctx, actors.source) or (subject is not None and subject.lower_ in PERSONAL_SUBJECTS)


def _travellers(ctx: Context, cue: EventCue, actors: Actors) -> bool:
    """A dictionary pattern of going to (CAMEO 04) by no one named, or by a people (a
    nationality: "Americans", "Syrians") rather than its government or envoys, is travel or
    migration, not a visit."""
    if not (cue.cameo.startswith("04") and "CAMEO.2.0.txt" in cue.phrase and " to " in f"{cue.phrase} "):
        return False  # a pattern of going to: "COME (TO)", "TRAVEL (TO)"
    if not names_anyone(actors.source):
        return True
    kinds = {e.id: e.type for e in ctx.analysis.entities}
    return actors.source is not None and not actors.source.members and kinds.get(actors.source.entity or "") == "NORP"


def _against_no_one(actors: Actors) -> bool:
    """No one the act is aimed at, at most the place it is held in."""
    return actors.target is None or actors.target_is_place


def _person(ctx: Context, ref: ActorRef | None) -> bool:
    """Is the actor one named person?"""
    kinds = {e.id: e.type for e in ctx.analysis.entities}
    return ref is not None and not ref.members and kinds.get(ref.entity or "") == "PERSON"


def _nothing_acted_on(ctx: Context, verb: Token, actors: Actors) -> bool:
    """A verb that needs an object with none (no object, no passive subject), no one doing it
    (named or not: "a bomber, who detonated in X" is someone), and only a place for a target. Not
    an -ing form: "the police shooting in Chicago" is a noun the tagger took for a verb."""
    if names_anyone(actors.source) or not actors.target_is_place or verb.tag_ == "VBG":
        return False
    subject = subject_of(verb)
    if subject is not None and subject.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
        subject = verb.head  # "the bomber, who detonated …": the bomber
    if subject is not None and ctx.actors.codes.actor_like(subject):
        return False
    return not any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children)


def _bare_event(tok: Token, actors: Actors) -> bool:
    """Does a named actor, by a dictionary verb read alone, act on someone: a target that is no
    mere place ("went missing in Vienna"), both sides, or an object naming people?"""
    if not names_anyone(actors.source):
        return False  # "the weather office issued an alert for Jakarta"
    if actors.reciprocal or acts_on_someone(tok):
        return True
    return actors.target is not None and not actors.target_is_place


# CAMEO roots of acts done with or to someone (intents and offers, meetings, cooperation, protest):
# with a thing as the object and no one aimed at, the verb is in another sense. (Aid and yielding
# are not here: "provided weapons", "eased restrictions" are acts with a thing and no one named.)
ACTED_ON_ROOTS = ("03", "04", "06", "14")


def _thing_only(ctx: Context, tok: Token, cue: EventCue) -> bool:
    """Is the verb's object a mere thing ("offered no proof", "met the polling threshold",
    "demonstrated the temperament"): no actor, no place, and no act named by it ("offered aid",
    "announced plans to merge")?"""
    if cue.light or not cue.cameo.startswith(ACTED_ON_ROOTS) or cue.cameo.startswith("143"):
        return False  # a light verb's object is the act itself ("accepted a formula for ending …"); what
        # a strike or boycott refuses is a thing by nature ("boycotted the election")
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None) or _gap_object(tok)
    if obj is None or ctx.actors.codes.actor_like(obj) or ctx.actors.codes.place_at(obj) is not None:
        return False
    if any(c.dep_ == "acl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in obj.children):
        return False  # "announced plans to merge": the object names an act
    return all(cue_of(w) is None for w in (obj, *obj.children) if w.pos_ in ("NOUN", "PROPN"))


# CAMEO roots of cooperation (intents, meetings, support, cooperation, aid, yielding): acts only
# someone does. (A text can demand or accuse: "the resolution demands …"; a weapon can kill:
# "a car bomb killed 12".)
COOPERATIVE_ROOTS = ("03", "04", "05", "06", "07", "08")
# with rejection (CAMEO 12): "bad blood prevented him from …" is no one's refusal. (Force stays out:
# "the explosion wounded three policemen" is an act by someone unnamed.)
DOER_ROOTS = (*COOPERATIVE_ROOTS, "12")


def _gap_object(verb: Token) -> Token | None:
    """ "the emails she sent or received": the noun a relative clause with its own subject and no
    object hangs from is that clause's object."""
    clause = verb.head if verb.dep_ == "conj" else verb
    if clause.dep_ != "relcl" or any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children):
        return None
    if not any(c.dep_ == "nsubj" and c.lower_ not in ("that", "which", "who") for c in clause.children):
        return None  # "officials who met": the noun is the subject
    return clause.head if clause.head.pos_ in ("NOUN", "PROPN") else None


def _thing_does(ctx: Context, tok: Token) -> bool:
    """Is the doer of the verb a thing, neither an actor nor an act ("issues impacting the
    community", "a split on the court aids challenges")? Not "the bombing killed 58": an act
    done by someone unnamed."""
    agent = next((g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    if agent is not None and agent.tag_ != "NN":
        return False  # "endorsed by dozens of papers": many of a kind are most often actors
    if agent is None and (tok.tag_ == "VBN" or any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)):
        return False  # "a lunch hosted by X", "her decision to open …": the noun is no doer
    subject = agent or subject_of(tok)  # "spurred on by news coverage": the "by" phrase's noun is the doer
    if subject is None or (subject.dep_ == "nsubjpass" and agent is None) or subject.pos_ != "NOUN":
        return False
    members = [g for p in subject.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children]
    if any(ctx.actors.codes.names_actor(w) for w in [subject, *members]):
        return False  # "a constellation of super PACs backing X": the PACs back X
    return cue_of(subject) is None and not _a_person(subject)


# endings of English nouns of agents ("mediator", "lobbyist", "politician", "leader", "envoy"
# aside): such a subject may be someone the lexicons do not list; "-ment" ends things ("statement")
AGENT_ENDINGS = ("or", "er", "ist", "ian", "ant", "ent", "ee", "eer")


def _a_person(noun: Token) -> bool:
    """May the noun name a person: a Phoenix agent of any kind (also "people", "man"), or a
    noun with an agent's ending?"""
    lemma = noun.lemma_.lower()
    if phoenix.agent([lemma]) is not None or phoenix.agent([noun.lower_]) is not None:
        return True
    return lemma.endswith(AGENT_ENDINGS) and not lemma.endswith("ment")


def _nowhere(ctx: Context, tok: Token, cue: EventCue) -> bool:
    """A dictionary pattern of meeting or going with a preposition ("COME (TO)", "TRAVEL (FOR)")
    whose phrase here reaches no one, no place and no act: "came to the conclusion", "when it
    comes to taxes", "could lead to upheaval", "managed to do it" (an infinitive, no "to X")."""
    if not cue.cameo.startswith("04") or "CAMEO.2.0.txt" not in cue.phrase:
        return False
    preps = set(cue.phrase.split(" (")[0].split()[1:]) & (TARGET_PREPS | {"in"})
    if not preps:
        return False
    reached = [
        g for c in tok.children if c.dep_ == "prep" and c.lower_ in preps for g in c.children if g.dep_ == "pobj"
    ]
    reached += [w for g in reached for p in g.children if p.lower_ == "of" for w in p.children]  # "a round of talks"
    return not any(
        ctx.actors.codes.actor_like(g) or ctx.actors.codes.place_at(g) is not None or cue_of(g) is not None
        for g in reached
    )


# CAMEO roots of words and stances (statements, appeals, intents, meetings, diplomacy, demands,
# blame, rejection, threats): their verbs can take what was said as a clause
VERBAL_ROOTS = ("01", "02", "03", "04", "05", "10", "11", "12", "13")


def _gone_back(tok: Token, cue: EventCue, actors: Actors) -> bool:
    """A verb of yielding that needs an object (return, free) with none, aimed only at a place."""
    if not (cue.cameo.startswith("08") and cue.needs_target and cue.pos == "verb") or " " in cue.phrase:
        return False  # (a phrase names what is yielded: "called off the rally")
    return actors.target_is_place and not any(c.dep_ in ("dobj", "dative", "nsubjpass") for c in tok.children)


def _has_complement(tok: Token, cue: EventCue) -> bool:
    """A verb that needs a target but names none still reports an act when it has an object or a
    complement ("accepted the plan", "denounced as a crime …"); alone it is often another sense.
    A clause of what is thought or said ("the senator recalled that …") is no complement
    of a material act: the verb is then in its sense of saying or thinking."""
    clause_ok = cue.cameo.startswith(VERBAL_ROOTS)
    deps = {"dobj", "dative", "xcomp"} | ({"ccomp"} if clause_ok else set())
    if not cue.cameo.startswith("08"):
        deps.add("prep")  # yielding (return, free, ease) acts on an object: "returned on Wednesday" is going back
    return any(c.dep_ in deps for c in tok.children) or tok.tag_ == "VBN"


def _confidence(source: ActorRef | None, target: ActorRef | None, modality: str) -> float:
    score = 0.4 + 0.2 * bool(source and source.code) + 0.1 * bool(target and target.code)
    return round(score - (0.1 if modality in ("hypothetical", "negated") else 0.0), 2)

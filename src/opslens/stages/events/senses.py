"""Event verbs read in a sense they do not have in their sentence.

A verb of force whose object or "in/for/at …" phrase is a contest of votes, a rank or a rival
(`lexicons/contest_words.tsv`) tells a contest won or lost: "beat her rival in the caucuses",
"swept his challenger in five states", "took the lead in the polls" are no attacks or seizures;
one with no one fought, only a thing striven for, is striving ("fought for the bill").
A verb of meeting or calling with an object predicate names ("called the ruling a disgrace",
"call it the politics of pique"); one that names no partner but a topic is speech ("he talked
about unity"). A verb of force done by words ("attacked X, questioning whether …", "hit back by
accusing X of …") is criticism (CAMEO 111), `verbal`.
A margin or share of votes ("led X by 5 points", "gets 1 percent support") is a contest whatever
the verb's code; a verb of trying or failing with an infinitive ("sought to stoke", "fail to
meet") tells no act of its own; a clause said with no act to come ("insisted they are ready",
"allowed that some might be good") is words; firing a person is a dismissal from a job; a death
no act caused ("dies at 92") is none; a verb inside a title ("How the Grinch Stole Christmas") or
the connective "as opposed to" is no verb of the sentence.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from spacy.tokens import Token

from opslens.knowledge import read_tsv
from opslens.knowledge.event_codes import EventCue, contest_words, cue_words, sense_verbs
from opslens.knowledge.speech_cues import cue_lexicon
from opslens.stages.events.clauses import subject_of
from opslens.stages.events.groups import noun_sector, partitive_head

# investigations and sweeps, coercion, assault, fighting, mass violence: physical acts
FORCE_ROOTS = ("09", "17", "18", "19", "20")
ASSAULT_ROOTS = ("18", "19", "20")  # assault, fighting, mass violence
CONTEST_PREPS = {"in", "for", "at", "across"}
ACTOR_TYPES = {"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"}  # actors and places
DEONTIC = {"should", "must", "ought"}  # what ought to be done, not what will be
MODALS = {"will", "would", "shall", "should", "must", "can", "could", "may", "might", "'ll"}  # an act to come
TOPIC_PREPS = {"about", "of"}  # "talked about unity"
PARTNER_PREPS = {"with", "to", "between", "among"}  # "talked with X about …"
WORD_CLASSES = {"speech", "evaluation", "writing"}  # speech cues that are words said: "questioning", "accusing"
# conflict in words (criticism, rejection, threats): a contest only by its "for" phrase ("battled X
# for second place"); "criticized X in the debate" stays criticism
WORD_CONFLICT_ROOTS = ("11", "12", "13")
# names of works, laws, events, bodies and things: a verb inside one ("How the Grinch Stole
# Christmas", "the Committee to Protect Journalists") is a word of the name
NAME_ENTITIES = {"WORK_OF_ART", "LAW", "EVENT", "ORG", "FAC", "PRODUCT"}
PERSONAL = {"he", "she", "him", "her", "who", "whom", "i", "me", "you", "we", "us", "they", "them"}


def other_sense(verb: Token, cue: EventCue) -> bool:
    """Is the event verb in a sense other than its code's here?"""
    if _contest(verb, cue) or _striving(verb, cue) or _naming(verb, cue):
        return True
    if _topic_only(verb, cue) or _opinion(verb, cue) or _share(verb) or _trying(verb):
        return True
    if _words_only(verb, cue) or _dismissal(verb) or _natural_death(verb, cue) or _not_a_verb(verb):
        return True
    return verb.lemma_.lower() in sense_verbs("contesting")  # "failed to compete there with X"


def verbal(verb: Token, cue: EventCue) -> EventCue:
    """ "attacked X, questioning whether he was fit", "hit back by accusing X of lying": a verb
    of force whose manner is words said is criticism (CAMEO 111), not force."""
    if not cue.cameo.startswith(ASSAULT_ROOTS):
        return cue
    said = cue_lexicon("verb")
    for c in verb.children:
        manner = [c] if c.dep_ == "advcl" else [g for g in c.children if g.dep_ == "pcomp"] if c.lower_ == "by" else []
        for m in manner:
            if m.tag_ == "VBG" and (found := said.get(m.lemma_.lower())) is not None and found.kind in WORD_CLASSES:
                return replace(cue, phrase=f"{verb.lemma_.lower()} by {m.lower_}", cameo="111", plover=None, bare=False)
    return cue


def _contest(verb: Token, cue: EventCue) -> bool:
    """A verb of force whose object or "in/for/at" phrase is a contest, a rank or a rival; a verb
    of conflict in words whose "for" phrase is one ("battling X for second place"); a verb of
    meeting, cooperation or yielding whose object is one ("conducted a poll", "pulled out a
    win")."""
    if cue.cameo.startswith(FORCE_ROOTS):
        named = _named(verb)
    elif cue.cameo.startswith(WORD_CONFLICT_ROOTS):
        named = _named(verb, {"for"}, objects=False)
    elif cue.cameo.startswith(("04", "06", "08")):  # "conducted a poll", "pulled out a win": no meeting, no yielding
        named = _named(verb, set())
    else:
        return False
    words = contest_words() - shares()  # ("at one point" is no contest)
    return any(w.lemma_.lower() in words or w.lower_ in words for w in named)


@cache
def shares() -> frozenset[str]:
    """The words of margins and shares of votes (`lexicons/contest_words.tsv`, kind "share")."""
    return frozenset(row["word"] for row in read_tsv("contest_words.tsv") if row["kind"] == "share")


def _share(verb: Token) -> bool:
    """ "led X by 5 points", "won by 300 delegates" (a counted margin), "gets 1 percent support",
    "took 40 percent of the vote" (a percentage of a contest word): a contest's result, whatever
    the verb's code."""
    words = contest_words()
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "by":
            margins = [g for g in c.children if g.dep_ == "pobj" and g.lemma_.lower() in words]
            if any(n.dep_ == "nummod" for g in margins for n in g.children):
                return True
        if c.dep_ == "dobj":
            shares = [c, *(w for p in c.children if p.lower_ == "of" for w in p.children)]
            if any(w.lemma_.lower() in words for w in shares) and any(t.ent_type_ == "PERCENT" for t in c.subtree):
                return True
    return False


def _trying(verb: Token) -> bool:
    """ "sought to stoke energy", "would seek to establish", "fail to meet the standards": trying
    or failing to do something is no demand or rejection of its own."""
    return verb.lemma_.lower() in sense_verbs("trying") and any(
        c.dep_ == "xcomp" and _infinitive(c) for c in verb.children
    )


def _words_only(verb: Token, cue: EventCue) -> bool:
    """ "police insisted they are prepared" (no demand), "he allowed that some might be good" (a
    point granted, no concession): a verb of demanding or yielding whose only complement is a
    clause of what is so. A demand keeps its act to come ("insisted that X withdraw", "X must")."""
    if not cue.cameo.startswith(("08", "10")) or any(c.dep_ in ("xcomp", "dobj", "dative") for c in verb.children):
        return False
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if not clauses:
        return False
    if cue.cameo.startswith("08"):  # "allowed that …" (a finite clause), not "allowed X to cross" parsed as one
        return not any(a.dep_ == "aux" and a.lower_ == "to" for c in clauses for a in c.children)
    return all(_indicative(c) and not _to_come(c) for c in clauses)


def _indicative(clause: Token) -> bool:
    """Is the clause told as what is or was ("they are prepared", "it was rigged"), not as a
    subjunctive ("that the United States match …", tagged like a plain present)?"""
    if clause.tag_ in ("VBD", "VBZ"):
        return True
    verbs = [clause, *(a for a in clause.children if a.dep_ in ("aux", "auxpass"))]  # "they are", "are prepared"
    return any(v.lemma_.lower() in ("be", "have", "do") and v.tag_ in ("VBD", "VBZ", "VBP") for v in verbs)


def _to_come(clause: Token) -> bool:
    """Does the clause tell an act to come: a modal, an infinitive or a subjunctive ("that X
    withdraw", "that the vote be held")?"""
    aux = [a for a in clause.children if a.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in MODALS or a.lower_ == "to" for a in aux):
        return True
    return (clause.tag_ == "VB" and not aux) or any(a.tag_ == "VB" for a in aux)


def _dismissal(verb: Token) -> bool:
    """ "Gowdy fired him in June", "did not dismiss Lewandowski": a person fired or dismissed is
    dismissed from a job; "fired on protesters", "dismissed X as a liar" stay."""
    if verb.lemma_.lower() not in sense_verbs("job_ending"):
        return False
    aimed = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("at", "on", "upon", "into", "as")]
    if any(g.ent_type_ not in ("DATE", "TIME") for c in aimed for g in c.children) or any(
        c.dep_ == "oprd" for c in verb.children
    ):
        return False  # "fired at the crowd", "dismissed X as a liar" (not "on Tuesday")
    people = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    return bool(people) and all(
        p.ent_type_ == "PERSON" or p.lower_ in PERSONAL or bool(noun_sector(partitive_head(p))[0]) for p in people
    )


def _natural_death(verb: Token, cue: EventCue) -> bool:
    """ "dies at 92", "died of cancer": a death no act caused is no act of force; "died in the
    attack", "died at the hands of X" and a dictionary pattern naming where ("died in
    detention", "in X's custody") stay."""
    if verb.lemma_.lower() not in sense_verbs("dying") or _pattern(cue):
        return False
    causes = [g for c in verb.children if c.dep_ == "prep" for g in c.subtree if g.i != c.i]  # not "at" itself
    return not any(g.lemma_.lower() in cue_words() or g.lower_ == "hands" or g.tag_ == "VBG" for g in causes)


def _pattern(cue: EventCue) -> bool:
    """Was the cue matched as a phrase beyond its verb (a dictionary pattern, or a hand phrase of
    several words), not as the bare verb?"""
    if "CAMEO.2.0.txt" in cue.phrase:
        return not cue.bare
    return len(cue.phrase.split()) > 1


def _not_a_verb(verb: Token) -> bool:
    """A verb inside a name ("How the Grinch Stole Christmas") or the connective "as opposed to"
    is no verb of the sentence."""
    doc = verb.doc
    if verb.ent_type_ in NAME_ENTITIES and verb.dep_ != "ROOT":
        return True  # (a headline's root verb the parser swept into a name stays: "X Promises Action On …")
    return 0 < verb.i < len(doc) - 1 and doc[verb.i - 1].lower_ == "as" and doc[verb.i + 1].lower_ == "to"


def _striving(verb: Token, cue: EventCue) -> bool:
    """ "fought for the bill", "will fight to the bitter end", "fought hard to defend the tax":
    a verb of fighting with no one fought, only a thing striven for, an end or an act to do, is
    striving (WordNet "fight": strive, campaign). A phrase of when or of a thing ("in his time as
    governor") leaves it striving; one naming someone or a place ("in Aleppo") does not."""
    if not cue.cameo.startswith(ASSAULT_ROOTS) or any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children):
        return False
    preps = [c for c in verb.children if c.dep_ == "prep"]
    aims = [
        g
        for p in preps
        if p.lower_ in ("for", "to")
        for g in p.children
        if g.dep_ in ("pobj", "pcomp") and g.ent_type_ not in ("DATE", "TIME")
    ]
    deeds = [c for c in verb.children if c.dep_ in ("xcomp", "advcl") and _infinitive(c)]
    if not aims and not deeds:
        return False
    things = aims + [w for g in aims for p in g.children if p.lower_ == "of" for w in p.children]  # "control of X"
    things += [o for d in deeds for o in d.children if o.dep_ in ("dobj", "conj", "dative")]
    things += [g for p in preps if p.lower_ not in ("for", "to") for g in p.children if g.dep_ == "pobj"]
    return not any(_someone(g) for g in things)


def _infinitive(verb: Token) -> bool:
    return any(a.dep_ == "aux" and a.lower_ == "to" for a in verb.children)


def _someone(word: Token) -> bool:
    """An actor or a place, by its entity, its tag, or a noun of people."""
    return word.ent_type_ in ACTOR_TYPES or word.pos_ in ("PROPN", "PRON") or noun_sector(partitive_head(word))[0]


def _naming(verb: Token, cue: EventCue) -> bool:
    """ "called the ruling a disgrace": a verb of meeting or calling with an object predicate."""
    return cue.cameo.startswith("04") and any(c.dep_ == "oprd" for c in verb.children)


def _topic_only(verb: Token, cue: EventCue) -> bool:
    """ "Governor Hale talked about unity": a verb of meeting with a topic, no partner and one
    speaker (not "the two leaders talked about trade") is speech."""
    if not (cue.mutual and cue.cameo.startswith("04")):
        return False
    preps = {c.lower_ for c in verb.children if c.dep_ == "prep"}
    if not preps & TOPIC_PREPS or preps & PARTNER_PREPS or any(c.dep_ in ("dobj", "dative") for c in verb.children):
        return False
    subject = subject_of(verb)  # "topics she wants to talk about": the subject of "wants"
    return (
        subject is not None
        and subject.tag_ in ("NN", "NNP", "PRP")
        and not any(c.dep_ == "conj" for c in subject.children)
    )


def _opinion(verb: Token, cue: EventCue) -> bool:
    """ "everyone agrees the law was flawed": agreeing that something is so, with no act to come
    (no modal, no infinitive), is sharing an opinion, not an agreement to act (CAMEO 03)."""
    if not (cue.mutual and cue.cameo.startswith("03")) or any(c.dep_ == "xcomp" for c in verb.children):
        return False
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    return bool(clauses) and not any(_to_come(c) and (_deontic(c) or not _thing_subject(c)) for c in clauses)


def _deontic(clause: Token) -> bool:
    """Does the clause say what ought to be done ("disputes should be resolved by arbitration")?
    Agreeing on that is agreeing on a course of action, not on a forecast."""
    return any(a.dep_ in ("aux", "auxpass") and a.lower_ in DEONTIC for a in clause.children)


def _thing_subject(clause: Token) -> bool:
    """Is the clause's subject a thing, no one and no act ("all agreed that her proposal would
    raise taxes": a forecast, not an act agreed)?"""
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return (
        subject is not None
        and subject.pos_ == "NOUN"
        and not _someone(subject)
        and subject.lemma_.lower() not in cue_words()
    )


def _named(verb: Token, preps: set[str] = CONTEST_PREPS, objects: bool = True) -> list[Token]:
    """The nouns of the verb's object and of its "in/for/at" phrases, with their modifiers; a
    relative pronoun stands for the noun its clause hangs on ("a race that was dominated by X")."""
    heads = [_antecedent(c) for c in verb.children if objects and c.dep_ in ("dobj", "nsubjpass")]
    if objects and verb.dep_ == "acl" and verb.tag_ == "VBN":
        heads.append(verb.head)  # "exit polls conducted for AP": the noun is what is done
    heads += [
        g for c in verb.children if c.dep_ == "prep" and c.lower_ in preps for g in c.children if g.dep_ == "pobj"
    ]
    return [  # (a participle modifying one is no contest word: the "led" of "the US-led coalition")
        w
        for h in heads
        for w in (h, *h.children)
        if w.i == h.i or (w.dep_ in ("compound", "amod") and w.pos_ != "VERB")
    ]


def _antecedent(word: Token) -> Token:
    """The noun a relative pronoun ("that", "which", "who") of a relative clause stands for."""
    clause = word.head
    if word.tag_ in ("WDT", "WP") and clause.dep_ == "relcl" and clause.head.pos_ in ("NOUN", "PROPN"):
        return clause.head
    return word

"""How an intended act is coded. Following PLOVER, an intended or conditional act is coded as the
intent expressed: "will provide aid" is AGREE (CAMEO 03x), "would blockade" and "may halt … if" are
THREATEN (13x), "vowed to fight on" is a threat, "ready to host talks" an offer to meet (036), and
"the army prepared to resume shelling" a show of force (150). A purpose ("trained X to fight Y") is
intended but no intent expressed: its act keeps its code. Planned meetings stay CONSULT.
"""

from __future__ import annotations

from spacy.tokens import Token

from opslens.knowledge.event_codes import EventCue
from opslens.nlp.tense import WILLING_NOUNS
from opslens.stages.events import modality as em
from opslens.stages.events.cues import cue_of
from opslens.stages.events.modality import Modality

COMMITMENTS = {"pledge", "promise", "vow", "swear", "commit", "undertake"}  # bind oneself to act
WILLING = {"ready", "willing", "prepared", "eager", "open"}
# An intended act is an expressed intent (PLOVER AGREE / THREATEN): which code it takes, by root.
INTENT_CODES = {
    "04": "036",
    "05": "032",
    "06": "031",
    "07": "033",
    "08": "035",
    "14": "133",
    "15": "138",
    "16": "131",
    "17": "132",
    "18": "138",
    "19": "138",
    "20": "138",
}


def as_told(
    tok: Token, cue: EventCue, cameo: str, plover: str | None, modality: Modality, reported: bool
) -> tuple[str, str | None, Modality]:
    """The code, PLOVER override and modality of an event word as its clause tells it (`modality`
    read from the clause; `reported`: an attribution carries it)."""
    if modality == "planned" and cameo[:2] == "14" and em.purpose(tok) and not em.planned(tok):
        modality = "reported" if reported else "asserted"  # "shunned work to protest": the protest was made
    # a purpose ("trained X to fight Y") is intended but not an intent expressed: its act keeps its
    # code, unless the act it is the aim of is itself planned ("plans to use ships to deliver aid")
    intended = (modality == "planned" and (not em.purpose(tok) or em.planned(tok.head))) or (
        modality == "hypothetical" and em.conditional(em.clause_verb(tok))
    )
    if cue.embeds and cue.phrase in COMMITMENTS and (act := _committed_act(tok)) is not None:
        cameo, plover = _as_intent(act, None)  # "vowed to fight on": a threat, not an offer
    elif cameo[:2] in ("18", "19", "20") and _readied(tok):
        cameo, plover = "150", None  # "the army prepared to resume shelling": a show of force
        modality = "reported" if reported else "asserted"
    elif intended and not cue.embeds:
        offered = _willing(tok) or (tok.dep_ == "dobj" and tok.head.lemma_.lower() in em.PROPOSING)
        cameo, plover = ("036", None) if cameo[:2] == "04" and offered else _as_intent(cameo, plover)
    return cameo, plover, modality


def _committed_act(verb: Token) -> str | None:
    """The conflictual act a commitment binds its actor to ("vowed to fight", "pledged to
    continue the strikes"): its CAMEO code, when it is a protest, a show of force, a sanction,
    coercion or violence (roots 14–20)."""
    frontier = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp")]
    for _ in range(2):
        nxt = []
        for clause in frontier:
            cue = cue_of(clause)
            if cue is None:
                obj = next((c for c in clause.children if c.dep_ == "dobj"), None)
                cue = cue_of(obj) if obj is not None else None
            if cue is not None:
                return cue.cameo if "14" <= cue.cameo[:2] <= "20" else None
            nxt += [c for c in clause.children if c.dep_ == "xcomp"]  # "vowed to continue fighting"
        frontier = nxt
    return None


def _readied(tok: Token) -> bool:
    """ "The army prepared to attack", "troops were poised to resume shelling": forces made ready
    (the verb "prepare", not "is prepared to", which states a willingness)."""
    node = tok if tok.pos_ in ("VERB", "AUX") else em.clause_verb(tok)
    for _ in range(3):
        if node.dep_ != "xcomp":
            return False
        head = node.head
        lemma = head.lemma_.lower()
        if (
            lemma == "poise"
            or head.lower_ == "poised"
            or (lemma == "prepare" and head.pos_ == "VERB" and head.dep_ != "acomp")
        ):
            return True
        node = head
    return False


def _willing(tok: Token) -> bool:
    """ "ready to host a meeting", "willing to hold talks": an offer to meet (CAMEO 036), not a
    meeting planned ("will visit", "is to meet" stay CONSULT, modality planned)."""
    node = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    if node.dep_ == "acl" and node.head.lemma_.lower() in WILLING_NOUNS:
        return True  # "expressed willingness to hold talks"
    return (
        node.dep_ == "xcomp"
        and node.head.lemma_.lower() in WILLING
        and (node.head.pos_ == "ADJ" or node.head.dep_ == "acomp")
    )


def _as_intent(cameo: str, plover: str | None) -> tuple[str, str | None]:
    """ "will provide aid" → express intent to provide aid (03x, AGREE); "would blockade" →
    threaten (13x, THREATEN). Planned meetings stay CONSULT, with modality planned."""
    root = cameo[:2]
    if root == "04":
        return cameo, plover
    intent = INTENT_CODES.get(root)
    return (intent, None) if intent else (cameo, plover)

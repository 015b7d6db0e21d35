"""Whom an act is aimed at: the candidates for an event's target, in the order they are tried.

For a verb: its object (not its own forces: "withdrew its troops"), a "with/against/to/on … X"
phrase, the owner or "of X" of the object ("denounced Serbia's crackdown", "demanded the
resignation of X"), for an embedding cue the subject or object of the clause it embeds ("demanded
that X withdraw"), for a protest the one its purpose or "in protest at X" names, for a threat the
subject of its condition ("if X goes ahead"), and, when nothing else is named, the place the act is
aimed at ("imposed a curfew in X"). For a noun: the owner of an object-noun ("accepted the miners'
demands"), its "with/against/of … X", the verb's "with … X", and the same purposes and places. The
first candidate that codes as an actor wins, else the first found at all (`best`).
"""

from __future__ import annotations

from spacy.tokens import Token

from opslens.contract import ActorRef
from opslens.knowledge.event_codes import EventCue, event_lexicon
from opslens.nlp.deps import CONDITION_MARKS, PLACE_TARGET, SUBJECTS
from opslens.nlp.mentions import PERSON_PRONOUNS, THING_PRONOUNS
from opslens.stages.events.actor_codes import ActorCoder
from opslens.stages.events.clauses import by_whom, for_clause
from opslens.stages.events.groups import noun_sector, own_words, partitive_head

TARGET_PREPS = {"with", "against", "to", "on", "at", "into", "between", "for", "toward", "towards", "from", "upon"}
NOUN_TARGET_PREPS = TARGET_PREPS | {"of", "among"}  # "the poisoning of X", "mediation among X's factions"
PROTEST_NOUNS = {"protest", "defiance", "opposition"}  # "in protest at X", "in defiance of X"
BORDERS = {"border", "frontier", "boundary"}
COMPLAINT_ROOTS = ("11", "14")  # disapproval and protest: the one behind what it is over is its target
# acts told in words of someone (CAMEO 10 demand, 11 disapprove, 12 reject, 13 threaten): the
# subject of the clause they tell is whom they are aimed at ("charged that X had violated …")
TOLD_ROOTS = {"10", "11", "12", "13"}
# answers to what someone put forward (agree, support, disapprove, reject): aimed at its author
ANSWER_ROOTS = {"03", "05", "11", "12"}

Found = Token | ActorRef | None  # an actor phrase, or a place already coded as an actor
Candidate = tuple[Found, str]  # with how it was found: "object", "prep", "place", "purpose", …


# threats, and acts of force or sanction that a condition makes a threat (`intent.py`)
CONDITIONED_ROOTS = ("13", "15", "16", "17", "18", "19", "20")


class TargetFinder:
    """Finds the target of an event word among the phrases around it, coding each with `codes`."""

    def __init__(self, codes: ActorCoder):
        self.codes = codes

    def best(self, candidates: list[Candidate]) -> tuple[Found, str | None]:
        """The first candidate that codes as an actor, else the first found at all."""
        found = [(t, how) for t, how in candidates if t is not None]
        for t, how in found:
            ref = self.codes.ref(t) if isinstance(t, Token) else t
            if ref is not None and (ref.code or ref.members):
                return t, how
        return found[0] if found else (None, None)

    def of_verb(self, tok: Token, cue: EventCue, subject: Token | None) -> tuple[Found, str | None]:
        """The target of an event verb and how it was found ("with" for "talks with X")."""
        obj = next((c for c in tok.children if c.dep_ in ("dobj", "dative")), None)
        candidates: list[Candidate] = []
        if obj is not None and self.codes.actor_like(obj) and not self.own_forces(obj):
            candidates.append((obj, "object"))
        candidates.append((self.prep_target(tok, TARGET_PREPS, skip=subject), "prep"))
        if obj is not None:
            candidates.append((self._object_target(obj), "object-owner"))
        for prep in tok.children:  # "denounced as a crime X's …"
            if prep.dep_ == "prep" and prep.lower_ == "as":
                candidates += [(self._behind(g), "object-owner") for g in prep.children if g.dep_ == "pobj"]
        if cue.embeds:
            candidates.append((self._embedded_target(tok), "embedded"))
            candidates.append((self._noun_clause_subject(tok), "embedded"))
        elif cue.cameo[:2] in TOLD_ROOTS:  # "charged that X had violated the truce": X is accused
            candidates.append((self._clause_subject(tok), "embedded"))
        if cue.cameo.startswith("12"):  # "refused to resign despite pressure from X": X is refused
            candidates.append((self._despite(tok), "prep"))
        if cue.cameo.startswith(COMPLAINT_ROOTS):  # "protested over X's decision"
            candidates.append((self._over(tok), "prep"))
        if cue.cameo.startswith("14"):  # "went on strike to demand the release of X"
            candidates.append((self._embedded_target(tok, ("advcl", "xcomp", "acl")), "purpose"))
            candidates.append((self._protest_against(tok), "purpose"))
        if cue.cameo.startswith("07"):  # "sent troops to help X" (not "helped propel X": what is helped is no purpose)
            candidates.append((self._embedded_target(tok, ("advcl",)), "purpose"))
        if cue.embeds or cue.cameo.startswith(CONDITIONED_ROOTS):  # "would retaliate if X struck": X is threatened
            candidates.append((self._condition_subject(tok), "condition"))
        if obj is not None and cue.cameo[:2] in ANSWER_ROOTS:  # "rejected a ceasefire proposal put forward by X"
            candidates.append((self._proposer(obj), "object-owner"))
        candidates += [(self._place_target(tok), "place"), (self._place_target(obj), "place")]
        candidates += [(self._across_border(tok), "prep"), (self._across_border(obj), "prep")]
        return self._with(*self.best(candidates))

    def _proposer(self, thing: Token) -> Token | None:
        """The one who made a thing acted on: "a plan put forward by X", "a proposal by X"."""
        by = (c for c in thing.children if c.dep_ == "prep" and c.lower_ == "by")
        found = by_whom(thing) or next((g for c in by for g in c.children if g.dep_ == "pobj"), None)
        return found if found is not None and self.codes.actor_like(found) else None

    def of_noun(
        self, noun: Token, cue: EventCue, owner: Token | None, source: Found, verb: Token | None
    ) -> tuple[Found, str | None]:
        """The target of an event noun (`source` is not its target; `verb` is the verb it is the
        object of) and how it was found."""
        candidates: list[Candidate] = []
        if noun.lemma_.lower() in BORDERS:  # "sealed its frontier with X": the country across it, not "its"
            holders = [noun] + ([verb] if verb is not None and noun.dep_ == "dobj" else [])  # (or "with X" on the verb)
            candidates += [(self.prep_target(h, {"with"}, skip=source), "border") for h in holders]
        own = owner is not None and owner.lower_ in THING_PRONOUNS | PERSON_PRONOUNS  # "cut its ties with X"
        if cue.pos == "object" and owner is not None and not own and self.codes.actor_like(owner):
            candidates.append((owner, "prep"))
        candidates += [
            (self.prep_target(noun, NOUN_TARGET_PREPS, skip=source), "prep"),
            (self._after_place(noun), "prep"),
        ]
        if verb is not None and noun.dep_ == "dobj":
            candidates.append((self.prep_target(verb, TARGET_PREPS, skip=source), "prep"))
        if cue.cameo.startswith(COMPLAINT_ROOTS):  # "lodged a protest over X's deployment of …"
            candidates += [(self._over(h), "prep") for h in (noun, verb) if h is not None]
        if cue.cameo.startswith("14"):
            for holder in (noun, verb):
                if holder is not None:
                    candidates.append((self._embedded_target(holder, ("advcl", "xcomp", "acl")), "purpose"))
                    candidates.append((self._protest_against(holder), "purpose"))
        candidates += [(self._place_target(noun), "place"), (self._place_target(verb), "place")]
        return self._with(*self.best(candidates))

    @staticmethod
    def _with(target: Found, how: str | None) -> tuple[Found, str | None]:
        """A target found by "with/between X" is a partner ("talks with X")."""
        if how == "prep" and isinstance(target, Token) and target.head.lower_ in ("with", "between"):
            how = "with"
        return target, how

    def own_forces(self, obj: Token) -> bool:
        """ "withdrew its troops", "deployed peacekeepers": the actor's own means, not a target."""
        is_actor, sector = noun_sector(obj)
        if any(c.dep_ == "poss" and c.lower_ in THING_PRONOUNS | PERSON_PRONOUNS for c in obj.children):
            return not is_actor or sector in ("MIL", "COP")  # not "met his counterpart"
        return is_actor and sector in ("MIL", "COP") and not any(self.codes.entity_at(t) for t in own_words(obj))

    def prep_target(self, tok: Token, preps: set[str], skip: Found = None) -> Token | None:
        """The actor of a "with/against/to … X" phrase of a word (or the actor behind its object:
        "against X's policies"), other than `skip`."""
        for prep in tok.children:
            if prep.dep_ in ("prep", "dative") and prep.lower_ in preps:  # "gave a welcome to X": dative
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is None:
                    continue
                if skip is not None and obj.i == getattr(skip, "i", -1):
                    continue
                if self.codes.actor_like(obj):
                    return obj
                behind = self._behind(obj)
                if behind is not None:
                    return behind
        return None

    def _object_target(self, obj: Token) -> Token | None:
        """The actor behind a thing acted on: "denounced Serbia's crackdown", "lifted the ban on X",
        "demanded the resignation of X", "an admission by X", "suspended part of the aid for X"."""
        obj = partitive_head(obj)
        return self._behind(obj) or self.prep_target(obj, NOUN_TARGET_PREPS)

    def _embedded_target(self, tok: Token, clauses: tuple[str, ...] = ("xcomp", "ccomp")) -> Found:
        """ "demanded that X withdraw" → X; "offered to hand over suspects to Britain" → Britain;
        "threatened to cut off power to X" → X; "went on strike to demand the release of X" → X."""
        candidates: list[Candidate] = []
        for c in tok.children:
            marked = for_clause(c)  # "called for X to withdraw"
            if (c.dep_ not in clauses and not marked) or c.i < tok.i:  # "Given that X happened, Y offered …"
                continue
            subj = next((s for s in c.children if s.dep_ in SUBJECTS), None)
            if (
                (c.dep_ == "ccomp" or marked)
                and subj is not None
                and subj.dep_ == "nsubj"
                and self.codes.actor_like(subj)
                and _not_own(subj)
            ):
                return subj  # "demanded that the government expel X's envoy": the one obliged, coded or not
            obj = next((o for o in c.children if o.dep_ in ("dobj", "dative")), None)
            if obj is not None and self.codes.actor_like(obj) and not self.own_forces(obj):
                candidates.append((obj, "object"))
            candidates.append((self.prep_target(c, TARGET_PREPS, skip=subj), "prep"))
            if obj is not None:
                candidates.append((self._object_target(obj), "object-owner"))
            candidates.append((self._condition_subject(c), "condition"))
            if not _venue(c):
                candidates += [(self._place_target(c), "place"), (self._place_target(obj), "place")]
        return self.best(candidates)[0]

    def _despite(self, tok: Token) -> Token | None:
        """ "declined to resign despite pressure by X", "rejected the plan despite calls from X":
        the one whose pressure or call a refusal withstands (on the verb or the clause it refuses)."""
        holders = [tok] + [c for c in tok.children if c.dep_ == "xcomp"]
        for prep in (p for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ == "despite"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and (found := self._behind(obj)) is not None:
                    return found
        return None

    def _clause_subject(self, tok: Token) -> Token | None:
        """The subject of the that-clause after a verb ("charged that X had …"), not a pronoun nor
        what a pronoun owns ("denied that its forces had …": its own)."""
        for c in tok.children:
            if c.dep_ == "ccomp" and c.i > tok.i:
                subj = next((s for s in c.children if s.dep_ == "nsubj"), None)
                if subj is not None and self.codes.actor_like(subj) and _not_own(subj):
                    return subj
        return None

    def _noun_clause_subject(self, tok: Token) -> Token | None:
        """ "insisted on its demand that X withdraw", "repeated its call that X step down": the
        subject of a that-clause the embedding verb's object or prepositional noun carries."""
        nouns = [c for c in tok.children if c.dep_ == "dobj"]
        nouns += [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        for noun in nouns:
            for clause in noun.children:
                subj = next((s for s in clause.children if s.dep_ == "nsubj"), None)
                # (an acl, not a relative clause: the parse may take its "that" for an object)
                if (
                    clause.dep_ != "acl"
                    or subj is None
                    or not any(m.lower_ == "that" and m.i < subj.i for m in clause.children)
                ):
                    continue
                if self.codes.actor_like(subj) and subj.lower_ not in THING_PRONOUNS | PERSON_PRONOUNS:
                    return subj
        return None

    def _protest_against(self, tok: Token) -> Token | None:
        """ "in protest at X's decision", "in defiance of the authorities": whom a protest is against
        (the "at/against X" may hang from the protest noun or from the verb of the act)."""
        against = {"of", "against", "at", "over"}
        nouns = [
            n for n in tok.subtree if n.dep_ == "pobj" and n.head.lower_ == "in" and n.lemma_.lower() in PROTEST_NOUNS
        ]
        for noun in nouns:
            for holder, preps in ((noun, against), (tok, against - {"of"})):
                for obj in (
                    g
                    for p in holder.children
                    if p.dep_ == "prep" and p.lower_ in preps
                    for g in p.children
                    if g.dep_ == "pobj"
                ):
                    found = self._behind(obj) or (
                        obj if self.codes.actor_like(obj) else None
                    )  # the owner of "X's decision"
                    if found is not None:
                        return found
        return None

    def _condition_subject(self, tok: Token) -> Token | None:
        """ "would impose tariffs if X …": the subject of a condition."""
        for c in tok.children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in c.children):
                subj = next((s for s in c.children if s.dep_ == "nsubj"), None)
                if subj is not None and self.codes.actor_like(subj):
                    return subj
        return None

    def _after_place(self, noun: Token) -> Token | None:
        """ "the poisoning in London of X": the parser hangs "of X" on the place; it is the noun's."""
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in PLACE_TARGET:
                for obj in prep.children:
                    if obj.dep_ == "pobj" and self.codes.place_at(obj) is not None:
                        found = self.prep_target(obj, {"of"})
                        if found is not None:
                            return found
        return None

    def _behind(self, thing: Token, depth: int = 2) -> Token | None:
        """The actor behind a thing: "against X's policies", "against violations by X", "a war
        against X", "a programme of aid for X"."""
        owner = next((c for c in thing.children if c.dep_ == "poss" and self.codes.actor_like(c)), None)
        if owner is not None and owner.lower_ not in THING_PRONOUNS | PERSON_PRONOUNS:
            return owner
        for appos in thing.children:  # "denounced as a crime Serbia's crackdown"
            if appos.dep_ == "appos" and depth > 1 and (found := self._behind(appos, depth - 1)) is not None:
                return found
        preps = sorted(thing.children, key=lambda c: c.lower_ != "by")  # the doer first: "the arrest of Y by X"
        for prep in preps:
            if prep.dep_ == "prep" and prep.lower_ in NOUN_TARGET_PREPS | {"by"}:
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is None or obj.lower_ in THING_PRONOUNS | PERSON_PRONOUNS:
                    continue
                if self.codes.actor_like(obj):
                    return obj
                if depth > 1 and (deeper := self._behind(obj, depth - 1)) is not None:
                    return deeper
        return None

    def _over(self, tok: Token) -> Token | None:
        """The actor behind what a complaint is over: "over X's deployment of an oil rig", "over
        the arrest of its citizens by X" (the topic's owner, never the topic itself)."""
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "over":
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is not None and (found := self._behind(obj)) is not None:
                    return found
        return None

    def _across_border(self, tok: Token | None) -> Token | None:
        """ "deployed troops along its border with X", "massed troops on the border with X": the
        country across the border an act is made at."""
        if tok is None:
            return None
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in PLACE_TARGET | {"along"}:
                for border in (o for o in prep.children if o.dep_ == "pobj" and o.lemma_.lower() in BORDERS):
                    found = self.prep_target(border, {"with"})
                    if found is not None:
                        return found
        return None

    def _place_target(self, tok: Token | None) -> ActorRef | None:
        """ "imposed a curfew in X", "deployed troops into X": the place the act is aimed at, as the
        country it lies in."""
        if tok is None:
            return None
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in PLACE_TARGET:
                for obj in prep.children:
                    if obj.dep_ != "pobj":
                        continue
                    ref = self.codes.place_ref(obj)
                    if ref is not None:
                        return ref
        return None


def _not_own(subj: Token) -> bool:
    """Is a clause's subject someone else than the one who tells it: no pronoun, nor what a pronoun
    owns ("denied that its forces had shelled X": its own forces)?"""
    pronouns = THING_PRONOUNS | PERSON_PRONOUNS
    return subj.lower_ not in pronouns and not any(o.dep_ == "poss" and o.lower_ in pronouns for o in subj.children)


def _venue(verb: Token) -> bool:
    """ "offered to meet in Moscow": where a meeting is held is its venue, not its target."""
    cue = event_lexicon().get(("verb", verb.lemma_.lower()))
    return cue is not None and cue.cameo.startswith("04")

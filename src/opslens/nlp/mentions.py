"""Who or where a document's words name, and whom a pronoun stands for.

`Mentions` maps each character of an entity's or a place's mention to it (where two mentions
overlap, the one listed first wins). `Mentions.of(doc, analysis)` makes it once per document and
keeps it in `doc.user_data` for the stages after (the place index is made when first asked for).
It also lists the mentions of some entity types in text order with whether each stands as a
subject (`named`), and says whether the text marks a person as a man or a woman (`gender`: an
honorific before a mention or the head of a title, from `lexicons/gender_words.tsv`).

`antecedent()` is the one rule for "he"/"she" (and, where asked, "it"/"they"): the last one named
as a subject before the pronoun, else the last one named. What differs between stages is named
in an `Antecedents` value:
- NEARBY (the actors of events): the 60 tokens before the pronoun's sentence and that sentence up
  to it; "it"/"its"/"they"/"their"/"them" stand for a country, organisation or people
  (GPE/ORG/NORP); a subject is a word that is one or hangs on one (`stands_in_subject`).
- BEFORE_IN_TEXT (the sources of attributions): the whole text before the pronoun, people only,
  passing over a person the text shows to be of the other sex; a subject is one, or a name in one
  that is the subject itself or its apposition (`names_the_subject`: "The ministry's spokesman,
  Rui Lopes, said"); the stage passes the tokens it skips (names inside quotations: spoken of or
  to, not speaking).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from opslens.contract import Analysis, Entity, Place
from opslens.knowledge.gender_words import gender_words
from opslens.nlp import sentence_at, token_offsets
from opslens.nlp.deps import SUBJECTS

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
THING_PRONOUNS = frozenset({"it", "its", "they", "their", "them"})
FIRST_PERSON = frozenset({"i", "we"})
PEOPLE = ("PERSON",)
THINGS = ("GPE", "ORG", "NORP")  # what "it"/"they" stand for, where a stage asks
USER_DATA = "opslens_mentions"


class Named(NamedTuple):
    """A token that names an entity: its first character, the entity, whether it stands as a subject."""

    idx: int
    entity: Entity
    subject: bool


def pronoun_gender(word: str) -> str | None:
    """ "f" for she/her, "m" for he/him/his, None for any other word (lower case)."""
    if word not in PERSON_PRONOUNS:
        return None
    return "f" if word in ("she", "her") else "m"


class Mentions:
    """The entity and the place each character of a document names, and what follows from them."""

    def __init__(self, doc: Doc, entities: Sequence[Entity], places: Sequence[Place] = ()):
        self.doc = doc
        self.entities, self.places = entities, places
        self.by_char: dict[int, Entity] = _by_char(entities)
        self._place_by_char: dict[int, Place] | None = None
        self._genders: dict[str, str | None] = {}
        self._named: dict[tuple, list[Named]] = {}

    @classmethod
    def of(cls, doc: Doc, analysis: Analysis) -> Mentions:
        """The index of the analysis's entities and places, made once per document (again only
        if the analysis holds other lists: the stages after entities and places change neither)."""
        made = doc.user_data.get(USER_DATA)
        if not isinstance(made, cls) or made.entities is not analysis.entities or made.places is not analysis.places:
            made = doc.user_data[USER_DATA] = cls(doc, analysis.entities, analysis.places)
        return made

    def entity_at(self, tok: Token) -> Entity | None:
        """The entity a mention of which the token starts in."""
        return self.by_char.get(tok.idx)

    def place_at(self, tok: Token) -> Place | None:
        """The place a mention of which the token starts in."""
        if self._place_by_char is None:
            self._place_by_char = _by_char(self.places)
        return self._place_by_char.get(tok.idx)

    def entities_in(self, span: SpacySpan) -> list[Entity]:
        """The entities the span's tokens name, each once, in text order."""
        seen: dict[str, Entity] = {}
        for t in span:
            e = self.by_char.get(t.idx)
            if e is not None:
                seen.setdefault(e.id, e)
        return list(seen.values())

    def named(
        self,
        types: tuple[str, ...],
        subject: SubjectTest,
        skip: frozenset[int] = frozenset(),
        within: range | None = None,
    ) -> list[Named]:
        """The tokens (of the whole document, or those `within` these indices) that name an entity
        of these types, in order, but those whose index is in `skip`, each with whether `subject`
        says it stands as one. The whole document's list is made once per question."""
        key = (types, subject, skip)
        if within is None and key in self._named:
            return self._named[key]
        found = []
        starts, doc = token_offsets(self.doc), self.doc
        for i in range(len(starts)) if within is None else within:  # indices: a Token only where one is named
            e = self.by_char.get(starts[i])
            if e is None or e.type not in types or i in skip:
                continue
            found.append(Named(starts[i], e, subject(doc[i], e, self)))
        if within is None:
            self._named[key] = found
        return found

    def gender(self, entity: Entity) -> str | None:
        """m or f when an honorific before a mention or the head of a title says so, else None."""
        if entity.id not in self._genders:
            words = gender_words()
            said = {words.get(t.lower_) for m in entity.mentions if (t := self._token_before(m.start)) is not None}
            said |= {words.get(r.title.lower().split()[-1]) for r in entity.roles if r.title}
            said.discard(None)
            self._genders[entity.id] = said.pop() if len(said) == 1 else None
        return self._genders[entity.id]

    def _token_before(self, char: int) -> Token | None:
        """The last token that starts before this character."""
        i = bisect.bisect_left(token_offsets(self.doc), char) - 1
        return self.doc[i] if i >= 0 else None


def _by_char(found: Sequence[Entity] | Sequence[Place]) -> dict:
    """Each character of each mention → the first entity (or place) listed with a mention there."""
    index: dict = {}
    for e in found:
        for m in e.mentions:
            for c in range(m.start, m.end):
                index.setdefault(c, e)
    return index


# -- what a subject is ---------------------------------------------------------------------
SubjectTest = Callable[[Token, Entity, Mentions], bool]


def stands_in_subject(tok: Token, entity: Entity, mentions: Mentions) -> bool:
    """The token is a subject, or hangs on one ("Peskov's deputy said": Peskov)."""
    return tok.dep_ in SUBJECTS or tok.head.dep_ in SUBJECTS


def names_the_subject(tok: Token, entity: Entity, mentions: Mentions) -> bool:
    """The token is a subject, or a name in one that is the subject itself ("Ana Ruiz") or its
    apposition ("The ministry's spokesman, Rui Lopes, said"); not an owner ("Peskov's deputy")."""
    head = tok.head
    return tok.dep_ in SUBJECTS or (
        head.dep_ in SUBJECTS and head.i != tok.i and (mentions.by_char.get(head.idx) is entity or tok.dep_ == "appos")
    )


# -- whom a pronoun stands for -------------------------------------------------------------
@dataclass(frozen=True)
class Antecedents:
    """Where and among whom a stage seeks the one a pronoun stands for."""

    look_back: int | None  # tokens before the pronoun's sentence; None: the whole text before the pronoun
    subject: SubjectTest  # what counts as standing as a subject
    things: bool  # "it"/"they"/"its"/"their"/"them" stand for a country, organisation or people
    by_gender: bool  # a person the text shows to be of the other sex is passed over


NEARBY = Antecedents(look_back=60, subject=stands_in_subject, things=True, by_gender=False)
BEFORE_IN_TEXT = Antecedents(look_back=None, subject=names_the_subject, things=False, by_gender=True)


def antecedent(
    pronoun: Token, mentions: Mentions, how: Antecedents, skip: frozenset[int] = frozenset()
) -> Entity | None:
    """Whom (or what) a pronoun stands for: the last one of its kind named as a subject before it,
    else the last one named (`how` says where to look and what counts); None for another word."""
    word = pronoun.lower_
    types = PEOPLE if word in PERSON_PRONOUNS else THINGS if how.things and word in THING_PRONOUNS else None
    if types is None:
        return None
    if how.look_back is None:
        named = mentions.named(types, how.subject, skip)
    else:
        window = range(max(0, sentence_at(pronoun.doc, pronoun.i)[0] - how.look_back), pronoun.i)
        named = mentions.named(types, how.subject, skip, within=window)
    gender = pronoun_gender(word) if how.by_gender else None
    fits = (lambda e: mentions.gender(e) in (None, gender)) if gender is not None else None
    return last_named(named, pronoun.idx, fits)


def last_named(named: Iterable[Named], before: int, fits: Callable[[Entity], bool] | None = None) -> Entity | None:
    """The last entity named as a subject before character `before`, else the last one named
    at all, among those `fits` accepts (`named` in text order)."""
    last_subject = last_any = None
    for idx, e, subject in named:
        if idx >= before:
            break
        if fits is not None and not fits(e):
            continue
        last_any = e
        if subject:
            last_subject = e
    return last_subject or last_any

"""Who each source is, and the chain a report came through, resolved in text order (earlier
sources are antecedents of later ones).

Speakers are linked to entities: "he"/"she" to the person who spoke just before, else to the last
person who was a subject (`nlp.mentions`), or to the source before when the entities know no one;
"the source" to an earlier source, "it"/"they" to the thing or things that spoke just before, "the
minister" to the one minister named before, "who" to the noun it stands for, "her office" to her.
Chains run outermost first: "AFP quoted a source as saying …" gives [AFP, the source], "Reuters
reported, citing two sources, …" gives [Reuters, two sources], "she told RIA Novosti" puts RIA
Novosti before her, and a report inside another's content that passes words on continues its chain.
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from opslens.contract import ChainLink, Entity
from opslens.knowledge.gender_words import gender_words
from opslens.knowledge.titles import titles
from opslens.nlp import doc_text, token_offsets, token_strings
from opslens.nlp.mentions import (
    BEFORE_IN_TEXT,
    FIRST_PERSON,
    PEOPLE,
    PERSON_PRONOUNS,
    Mentions,
    Named,
    antecedent,
    names_the_subject,
    pronoun_gender,
)
from opslens.nlp.quotes import Quote
from opslens.stages.attributions import sources
from opslens.stages.attributions.cues import cue_of, passes_on, relayed
from opslens.stages.attributions.found import Found, inside_quotes
from opslens.stages.attributions.subjects import noun_phrase
from opslens.stages.attributions.taggers import features as attribution_features

TOLD = ("dobj", "dative", "prep", "pobj", "compound")  # the path from "told"/"said in an interview with" to the outlet
VIA = {"to", "with", "in", "on", "during"}
SPEAKING = {"speak", "talk"}  # "Speaking to Reuters, he said …"
SINGULAR, PLURAL = ("NN", "NNP"), ("NNS", "NNPS")
_DESCRIBED = re.compile(r"(?i)^the(?: [a-z-]+){1,3}$")  # "the minister", "the foreign minister"


class Speakers:
    """Links sources to entities and builds chains, in text order (earlier sources are
    antecedents of later ones)."""

    def __init__(self, doc: Doc, mentions: Mentions, quotes: list[Quote]):
        self.doc = doc
        self.mentions = mentions
        self.quoted = frozenset(inside_quotes(doc, quotes))  # names in there are spoken of or to
        self.entities = {e.id: e for e in mentions.entities}
        self.done: list[Found] = []

    def resolve(self, found: list[Found]) -> None:
        """Each report's speaker, anonymity, antecedent and chain (`links`), in place."""
        self.found = found
        self.words: dict[int, Found] | None = None  # the reports that pass on words, found when first asked for
        self.own: dict[int, ChainLink | None] = {}
        for f in found:  # text order: earlier sources are antecedents of later ones
            self.own[id(f)] = self._own_link(f)
            self.done.append(f)
        self.chains: dict[int, list[ChainLink]] = {}
        for f in found:
            f.links = self._chain(f, set())

    def _chain(self, f: Found, visiting: set[int]) -> list[ChainLink]:
        """The links a report came through, outermost first: the outlet or report it came through,
        its own source, and a source it cites."""
        if id(f) in self.chains:
            return self.chains[id(f)]
        visiting.add(id(f))
        link = self.own[id(f)]
        prefix = self._prefix(f, visiting)
        if link is not None and prefix:
            link = affiliated(link, prefix[-1])
        same = link is not None and prefix and (prefix[-1].name, prefix[-1].entity) == (link.name, link.entity)
        chain = prefix + ([link] if link and not same else [])
        cited = self._cited(f)
        if cited is not None and chain:
            chain = [*chain, affiliated(cited, chain[-1])]
        self.chains[id(f)] = chain
        return chain

    def _cited(self, f: Found) -> ChainLink | None:
        """ "Reuters reported, citing two sources, that …": the report came to its source from
        those it cites, the last link of its chain."""
        head = attribution_features.cue_head(self.doc, f.cue)
        start = bisect.bisect_left(token_offsets(self.doc), f.content[0], lo=f.cue[1])  # the content's first token
        dep = token_strings(self.doc, "DEP")  # (none after the cue: none between) a parse may hang it on the content:
        between = [self.doc[i] for i in range(f.cue[1], start) if dep[i] == "advcl" and start < len(dep)]
        # "IRNA, citing a military source, said …": the parse hangs "citing" on the source
        on_source = (
            [c for c in self.doc[f.source[0] : f.source[1]].root.children if c.dep_ == "acl"] if f.source else []
        )
        for c in [*head.children, *between, *on_source]:
            entry = cue_of(c)[0] if c.dep_ in ("advcl", "acl") and not f.cue[0] <= c.i < f.cue[1] else None
            obj = next((o for o in c.children if o.dep_ == "dobj"), None)
            if entry is not None and "relay" in entry.takes and obj is not None and relayed(c, entry) is None:
                return self._link(self.doc[slice(*noun_phrase(obj, c))], f)
        return None

    def _link(self, span: SpacySpan, f: Found) -> ChainLink:
        """A link for a source that is not an attribution's own (an outlet quoting it, a source cited)."""
        entity = self._entity(span, f)
        link = sources.link(span, entity, self.mentions.entities_in(span), sources.is_anonymous(span, entity))
        if entity is not None and self._names(span, entity):
            link.name = entity.name
        return link

    def _own_link(self, f: Found) -> ChainLink | None:
        """A report's own source as a link, and its speaker: the report it shares a speaker
        with, the noun a "who" stands for, an earlier source it refers back to, or its own words."""
        if f.source is None and f.shares is not None and id(f.shares) in self.own:
            f.speaker, f.anonymous = f.shares.speaker, f.shares.anonymous
            return self.own[id(f.shares)]
        if f.source is None:
            return None
        span = self.doc[f.source[0] : f.source[1]]
        named = _relative_antecedent(span)
        if named is not None:  # "Ana Ruiz, who said …": the link is Ana Ruiz, the source span stays "who"
            link = self._link(named, f)
            f.speaker, f.anonymous = link.entity, sources.is_anonymous(named, self.entities.get(link.entity or ""))
            return link
        earlier = self._antecedent(span, f) or self._it(span, f) or self._unnamed_speaker(span, f)
        if earlier is not None:  # "the source was quoted as saying": the earlier source
            f.speaker, f.anonymous, f.antecedent = earlier.speaker, earlier.anonymous, earlier
            return self.own[id(earlier)]
        return self._new_link(span, f)

    def _new_link(self, span: SpacySpan, f: Found) -> ChainLink:
        """The link of a source that is no earlier one: named as the entity it is, an owner's
        ("Her office"), the writer ("I"), or several side by side ("Ortiz and Blum")."""
        entity = self._entity(span, f)
        inside = self.mentions.entities_in(span)
        f.speaker = entity.id if entity else None
        f.anonymous = sources.is_anonymous(span, entity) if not _pronoun(span) else False
        link = sources.link(span, entity, inside, f.anonymous)
        if f.source_chars:
            link.name = doc_text(self.doc)[f.source_chars[0] : f.source_chars[1]]
        if entity is not None and (_pronoun(span) or self._names(span, entity) or _DESCRIBED.match(span.text)):
            link.name = entity.name  # "she", "the minister", "the state news agency TASS": the chain names TASS
        if entity is None and (owner := self._owner(span, f)) is not None:  # "Her office said": Ana Costa's office
            link.name = f"{owner.name}'s {span[1:].text}"
            if span.root.lower_ == "office" and self._official(owner):
                link.kind = "named_official"
        if (
            entity is not None and link.kind == "other"
        ):  # "The ministry's spokesman, Rui Lopes, said … He added": still the official
            link.kind = next((k.kind for k in self.own.values() if k is not None and k.entity == entity.id), link.kind)
        if entity is None and _pronoun(span) and span.root.lower_ in FIRST_PERSON and not self._in_direct(span):
            link.name = "the writer"  # "I know your returns are being audited": a column's or letter's own author
        if (
            len(several := self._conjoined(span)) > 1
        ):  # "Senator Ortiz and Senator Blum say": the two of them, not the first
            link.name = doc_text(self.doc)[f.source_chars[0] : f.source_chars[1]] if f.source_chars else span.text
            link.entity = f.speaker = None
            countries_ = {e.country for e in several}
            link.country = countries_.pop() if len(countries_) == 1 else None  # "London and Moscow": no one country
        return link

    def _conjoined(self, span: SpacySpan) -> list[Entity]:
        """The people, organisations or places a source names side by side ("Ortiz and Blum", "London and Moscow")."""
        root = span.root
        named = {
            e.id: e
            for t in (root, *[c for c in root.children if c.dep_ == "conj" and c.i < span.end])
            if (e := self.mentions.entity_at(t)) is not None and e.type in ("PERSON", "ORG", "GPE", "NORP")
        }
        return list(named.values())

    def _in_direct(self, span: SpacySpan) -> bool:
        """Whether the words stand in a quotation or in the content of a direct report."""
        at = span.start_char
        return span.start in self.quoted or any(g.content[0] <= at < g.content[1] and g.direct for g in self.done)

    def _owner(self, span: SpacySpan, f: Found) -> Entity | None:
        """The person a source's "his"/"her" stands for ("Her office", "his campaign")."""
        poss = span[0]
        if poss.lower_ not in ("his", "her") or poss.dep_ != "poss" or len(span) < 2:
            return None
        return antecedent(poss, self.mentions, BEFORE_IN_TEXT, self.quoted)

    def _official(self, e: Entity) -> bool:
        """Whether a person holds an office: by a role, or by how an earlier source named them."""
        cited = any(k is not None and k.entity == e.id and k.kind == "named_official" for k in self.own.values())
        return cited or any(r.sector in sources.OFFICIAL_SECTORS for r in e.roles)

    def _names(self, span: SpacySpan, entity: Entity) -> bool:
        """The source is the named person or organisation itself, with descriptive words."""
        return entity.type in ("PERSON", "ORG") and any(
            span.start_char <= m.start and m.end <= span.end_char for m in entity.mentions
        )

    def _prefix(self, f: Found, visiting: set[int]) -> list[ChainLink]:
        """Links before the source's own: the outlet that quoted it, or the attribution whose
        content this one sits in, when that one passes its content on."""
        if f.outer is not None:
            return [self._link(self.doc[f.outer[0] : f.outer[1]], f)]
        if f.antecedent is not None and id(f.antecedent) not in visiting:
            return self._chain(f.antecedent, visiting)[:-1]
        cue_char = self.doc[f.cue[0]].idx
        enclosing = [
            g
            for g in self.done
            if id(g) not in visiting and g.content[0] <= cue_char < g.content[1] and passes_on(self.doc, g)
        ]
        enclosing.sort(key=lambda g: g.content[1] - g.content[0])
        prefix = list(self._chain(enclosing[0], visiting)) if enclosing else []
        outlet = self._told(f)
        return [*prefix, outlet] if outlet is not None else prefix

    def _told(self, f: Found) -> ChainLink | None:
        """ "A ministry source told RIA Novosti …", "she said in an interview with the BBC",
        "speaking to Reuters, he said …": the words came to the article through the outlet they
        were said to, the link before the source's own."""
        head = attribution_features.cue_head(self.doc, f.cue)
        reach = [
            (c, 0)
            for c in head.children
            if (c.dep_ in TOLD and (c.dep_ != "prep" or c.lower_ in VIA))
            or (c.dep_ == "advcl" and c.lemma_ in SPEAKING)
        ]
        while reach:
            tok, depth = reach.pop()
            e = self.mentions.entity_at(tok)
            if e is not None and e.kind in sources.MEDIA and tok.dep_ in ("dobj", "dative", "pobj"):
                return self._link(self.doc[slice(*noun_phrase(tok))], f)
            if depth < 3:  # through "in an interview with", never "about"/"of" (what was said, not to whom)
                reach += [
                    (c, depth + 1) for c in tok.children if c.dep_ in TOLD and (c.dep_ != "prep" or c.lower_ in VIA)
                ]
        return None

    def _antecedent(self, span: SpacySpan, f: Found) -> Found | None:
        """A definite "the source" / "the official" that an earlier attribution introduced."""
        head = span.root
        if not any(t.lower_ in ("the", "that", "this") for t in head.children) or sources.head_role(span) is None:
            return None
        for g in reversed(self.done):
            if g.source and self.doc[g.source[0] : g.source[1]].root.lemma_ == head.lemma_:
                return g
        return None

    def _it(self, span: SpacySpan, f: Found) -> Found | None:
        """ "The ministry said the talks would resume. It added …", "Two senators urged … they
        wrote": "it" or "they" is the source of the report just before, when that is one thing (not
        a person) or several (a name by the verb it takes: "Redwood Music have denied …, they
        said"), spoke in this sentence or the two before, and nothing else of that number was
        named in between, outside the words reported ("… released the audit. It says …": the
        audit may be it)."""
        word = span.text.lower()
        if word not in ("it", "they") or not self.done or (g := self.done[-1]).source is None:
            return None
        before = self.doc[g.source[0] : g.source[1]]
        root = before.root
        several = root.tag_ in PLURAL or root.pos_ == "NUM" or any(c.dep_ == "conj" for c in root.children)
        if root.pos_ == "PROPN" and not any(c.dep_ == "conj" for c in root.children):
            several = _verb_number(
                attribution_features.cue_head(self.doc, g.cue), several
            )  # "Redwood Music have denied …"
        if _pronoun(before) or (word == "they") != several:
            return None
        if word == "it" and (
            several
            or root.tag_ not in SINGULAR + PLURAL
            or sources.head_role(before) in ("official", "person")
            or (g.speaker and self.entities[g.speaker].type == "PERSON")
        ):
            return None
        between = self.doc[g.source[1] : span.start]
        number = PLURAL if several else SINGULAR
        # the things a clause the speaker said names do not stand in the way ("… say the rules must
        # change. They …"); a thing the report is about does ("… released the audit. It …")
        said = [g.content, *g.more, f.content, *f.more]  # nor do the words of this report itself ("“…,” it said")
        if len(list(between.sents)) > 3 or any(  # type: ignore[attr-defined]  # (spaCy's stub lacks Span.sents)
            t.dep_ in ("dobj", "pobj", "attr", "nsubj", "nsubjpass")
            and t.tag_ in number
            and t.ent_type_ not in ("DATE", "TIME", "PERSON")
            and not any(s <= t.idx < e and s <= t.head.idx < e for s, e in said)
            for t in between
        ):
            return None
        return g

    def _unnamed_speaker(self, span: SpacySpan, f: Found) -> Found | None:
        """ "“The talks failed,” Varga said. He added: …": "he" or "she" that no person the
        entities know can be (the NER missed the name) is the source of the report just before,
        when that is one person by its words (a name, or an official's or a person's noun)."""
        if span.text.lower() not in ("he", "she") or self._pronoun_entity(span, f) is not None:
            return None
        g = self._speaker_before(span)
        if g is None or g.source is None:
            return None
        before = self.doc[g.source[0] : g.source[1]]
        root = before.root
        if _pronoun(before):
            return g if g.antecedent is not None and before.text.lower() == span.text.lower() else None
        one = root.tag_ in SINGULAR and not any(c.dep_ == "conj" for c in root.children)
        named = root.pos_ == "PROPN" and root.ent_type_ not in ("GPE", "LOC", "NORP", "FAC")
        if not one or not (named or sources.head_role(before) in ("official", "person") or _office(root)):
            return None
        said = {gender_words().get(t.lower_) for t in before} - {None}
        return g if said <= {"f" if span.text.lower() == "she" else "m"} else None

    def _speaker_before(self, span: SpacySpan) -> Found | None:
        """The article's own report of words just before these (not one inside another's content:
        that speaker is spoken of; not a belief or an aim: "X is worried about his son. He told
        …"), when its cue is in their sentence or the one before."""
        first = self._sentence_before(span.sent.start)
        for g in reversed(self.done):
            if g.cue[0] < first:
                return None
            if g.cue[0] < span.start and id(g) in self._words() and not self._within_another(g):
                return g
        return None

    def _sentence_before(self, start: int) -> int:
        """Where the sentence before the one that starts at token `start` starts (blank lines skipped)."""
        i = start
        while i > 0 and self.doc[i - 1].is_space:
            i -= 1
        return self.doc[i - 1].sent.start if i > 0 else start

    def _words(self) -> dict[int, Found]:
        """The reports that pass on words (not a verdict or an aim: "Brandt was criticised"), by id."""
        if self.words is None:
            self.words = {id(f): f for f in self.found if (f.direct or passes_on(self.doc, f)) and not f.act}
        return self.words

    def _reported(self, char: int, but: Found | None = None) -> bool:
        """Whether a character lies in the words some report (other than `but`) passes on."""
        return any(s <= char < e for f in self._words().values() if f is not but for s, e in (f.content, *f.more))

    def _within_another(self, g: Found) -> bool:
        """Whether a report's cue lies in what another report (one of words, a verdict or a
        belief) is about: "X dismissed suggestions by Y that …": Y is spoken of."""
        at = self.doc[g.cue[0]].idx
        return any(s <= at < e for f in self.found if f is not g and not f.act for s, e in (f.content, *f.more))

    def _entity(self, span: SpacySpan, f: Found) -> Entity | None:
        if _pronoun(span):
            return self._pronoun_entity(span, f)
        root = span.root
        hit = self.mentions.entity_at(root)
        if hit is not None:
            return hit
        named = [
            e
            for c in root.children
            if c.dep_ == "appos"
            and span.start <= c.i < span.end
            and (e := self.mentions.entity_at(c)) is not None
            and e.type == "PERSON"
        ]
        if named:  # "A U.N. spokesman, Stephane Dujarric,": the person named
            return named[0]
        described = self._described(span) if root.pos_ != "PROPN" else None
        if described is not None or sources.head_role(span) in ("official", "person", "document") or _office(root):
            return described  # "a Foreign Ministry source", "Peskov's deputy" are not the ministry, not Peskov
        owners = {
            e.id for c in root.children if c.dep_ == "poss" and (e := self.mentions.entity_at(c))
        }  # "Peskov's deputy" is not Peskov
        inside = [e for e in self.mentions.entities_in(span) if e.type in ("PERSON", "ORG") and e.id not in owners]
        return inside[0] if len(inside) == 1 else None

    def _described(self, span: SpacySpan) -> Entity | None:
        """ "The minister", "the foreign minister": the one person named before whose title ends
        in that word and holds the words before it ("Foreign Minister Mateusz Wrona … The
        minister told reporters"); none when the text names two such people."""
        words = span.text.lower().split()
        if not _DESCRIBED.match(span.text) or len(words) > 4:
            return None
        found = {
            e.id: e
            for e in self.entities.values()
            if e.type == "PERSON"
            and any(m.end <= span.start_char for m in e.mentions)
            and any(_titled(r.title, words[1:]) for r in e.roles)
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def _people(self) -> list[Named]:
        """The tokens that name a person outside quotations, in order, and whether each stands as a subject."""
        return self.mentions.named(PEOPLE, names_the_subject, self.quoted)

    def _pronoun_entity(self, span: SpacySpan, f: Found) -> Entity | None:
        """Whom a pronoun source stands for: "I"/"we" in a quotation its speaker; "he"/"she" the
        person who spoke just before, else (and "his"/"her") the last person who was a subject."""
        word = span.root.lower_
        at = span.start_char
        if word in FIRST_PERSON:  # "I"/"we" inside a quotation speak for its speaker
            outer = [g for g in self.done if g.content[0] <= at < g.content[1] and g.direct]
            return self.entities.get(outer[-1].speaker) if outer and outer[-1].speaker else None
        if word not in PERSON_PRONOUNS:
            return None
        # "his" is often another's; in reported words ("X revealed that he …") the last subject is the better guess
        speaker = (
            self._last_speaker(span, pronoun_gender(word), f)
            if word in ("he", "she") and not self._reported(at, f)
            else None
        )
        return speaker or antecedent(span.root, self.mentions, BEFORE_IN_TEXT, self.quoted)

    def _last_speaker(self, span: SpacySpan, gender: str | None, f: Found) -> Entity | None:
        """ "Lina Park said the envoy, Marek Nowak, had left. She added …": "he" or "she" as the
        source of one of the article's own reports goes on with the person who spoke just before
        (in this sentence or the one before), not with one named in what was said."""
        g = self._speaker_before(span)
        if g is None:
            return None
        e = self.entities.get(g.speaker or "")
        if e is None or e.type != "PERSON" or self.mentions.gender(e) not in (None, gender):
            return None
        # "… Rendell said. Lauer faced criticism after he asked …": a person the story itself makes a subject takes over
        cue_end = self.doc[g.cue[1] - 1].idx
        if any(
            cue_end < idx < span.start_char and subject and other.id != e.id and not self._reported(idx, f)
            for idx, other, subject in self._people()
        ):
            return None
        return e


def affiliated(link: ChainLink, outer: ChainLink) -> ChainLink:
    """An unnamed official quoted by a state's own media speaks for that state, when the
    source's words name no other."""
    if link.kind == "anonymous_official" and link.country is None and outer.kind == "state_media":
        return link.model_copy(update={"country": outer.country})
    return link


def _office(tok: Token) -> bool:
    """Whether a common noun names a person by office ("deputy", "chief", "minister": titles.tsv)."""
    return tok.pos_ == "NOUN" and (tok.lower_,) in titles().heads


def _titled(title: str, words: list[str]) -> bool:
    """Whether a person's title is described by these words: the last is its head, the others among its words."""
    own = title.lower().split()
    return bool(own) and words[-1] == own[-1] and set(words[:-1]) <= set(own)


def _relative_antecedent(span: SpacySpan) -> SpacySpan | None:
    """The noun phrase a relative "who"/"which" source stands for ("Ana Ruiz, who said …")."""
    if len(span) != 1 or span[0].tag_ not in ("WP", "WDT") or span[0].head.dep_ != "relcl":
        return None
    clause = span[0].head
    noun = clause.head
    end = clause.left_edge.i  # the noun's words up to its relative clause ("Residents of the town")
    while end > noun.i + 1 and span.doc[end - 1].is_punct:
        end -= 1
    return span.doc[noun.left_edge.i : end] if noun.pos_ in ("NOUN", "PROPN", "PRON") and end > noun.i else None


def _verb_number(verb: Token, default: bool) -> bool:
    """Whether a name is several by the verb it takes: "Redwood Music have denied" (as British
    English writes of an organisation) is "they" after it, "Stonebridge Records has denied" is
    "it"; a verb that does not agree ("denied") leaves the name's own number."""
    tags = {t.tag_ for t in (verb, *[c for c in verb.children if c.dep_ in ("aux", "auxpass")])}
    return True if "VBP" in tags else False if "VBZ" in tags else default


def _pronoun(span: SpacySpan) -> bool:
    """A source that is one pronoun ("he", "it", "they")."""
    return len(span) == 1 and span[0].pos_ == "PRON"

"""Places stage: toponyms resolved to coordinates and GeoNames ids from an offline gazetteer.

Recognition takes the place entities (GPE, LOC, FAC), country demonyms ("Russian diplomats"),
place names embedded in organisation names ("Arizona State University"), places the small NER
took for people or organisations ("Tamil Nadu"), and gazetteer names it missed: towns after a
locative preposition ("in Hinton"), big cities, states and countries anywhere. Resolution scores
each name's candidates by feature and population, then by evidence in the article: a "Paris,
Texas" qualifier, the dateline, and the countries and states of the other places it names. A
metonymic capital ("Moscow denied") is still a place. Streets and buildings the gazetteer does
not know are placed in the town the article is about.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field, replace
from itertools import pairwise

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from opslens.contract import Analysis, Place, PlaceFeature, Span
from opslens.knowledge import countries, gazetteer, phoenix
from opslens.knowledge.gazetteer import Candidate
from opslens.nlp import entity_spans, span_chars, span_text, token_flags, token_strings
from opslens.nlp.deps import BEFORE_A_PLACE

PLACE_TYPES = ("GPE", "LOC", "FAC")
HOST_TYPES = ("ORG", "PERSON", "EVENT", "OTHER", "NORP")  # may embed or hide a place name
COUNTRY_HOWS = ("name", "alias", "demonym")

# Feature priors on the scale of log10(population): a country or state named outright is that
# country or state unless a great city shares the name ("New York").
PRIOR = {"country": 9.0, "admin": 6.6, "region": 8.0, "other": 7.0}
ALT_PENALTY = 1.0
SAME_COUNTRY = 3.0
SAME_ADMIN = 2.0
CAPITAL = 1.0
GREAT_CITY = 1_000_000
MIN_MISSED_POPULATION = 5000  # names the NER missed must be at least towns of this size
MIN_EMBEDDED_POPULATION = 100_000  # a city opening an organisation's name: "Winnipeg Police"


@dataclass
class Toponym:
    start: int  # character offsets in the article text
    end: int
    text: str
    rule: str
    country: countries.CountryRef | None = None
    qualifier: Candidate | None = None
    choice: Candidate | None = None
    options: list[Candidate] = field(default_factory=list)


def find_places(doc: Doc, analysis: Analysis) -> list[Place]:
    toponyms = _recognise(doc, analysis)
    for t in toponyms:
        t.options = _candidates(t)
    _qualify(analysis.article.text, toponyms)
    context = _context(toponyms, analysis)
    for t in toponyms:
        t.choice = _choose(t, context)
    _locate_in_focus(toponyms)
    return _places([(t, t.choice) for t in toponyms if t.choice is not None])


# --- recognition -------------------------------------------------------------------------------


def _recognise(doc: Doc, analysis: Analysis) -> list[Toponym]:
    found: list[Toponym] = []
    article = analysis.article.text  # the doc's text (Doc.text rebuilds it at every call)
    taken = [False] * (len(article) + 1)

    def add(span: SpacySpan, rule: str, ref=None) -> None:
        s, e = _trim(span)
        if e <= s or any(taken[s:e]):
            return
        text = article[s:e]
        if not text[:1].isupper() and not text[:1].isdigit():
            return
        found.append(Toponym(s, e, text, rule, ref or _country(text)))
        for i in range(s, e):
            taken[i] = True

    for ent in _entity_spans(doc, analysis, PLACE_TYPES):
        s, e = _trim(ent)
        if not _resolvable(article[s:e]) and (head := _resolvable_head(doc, ent)) is not None:
            add(head, "ner-head")  # "Mississippi" of "Mississippi State"
        else:
            add(ent, f"ner:{ent.label_}")
    for ent in _entity_spans(doc, analysis, HOST_TYPES):
        for span, ref in _embedded(doc, ent):
            add(span, "embedded", ref)
    for span in _missed(doc):
        add(span, "gazetteer")
    found.sort(key=lambda t: t.start)
    return found


def _resolvable(text: str) -> bool:
    return _country(text) is not None or any(not c.abbrev for c in gazetteer.lookup(text))


def _resolvable_head(doc: Doc, ent: SpacySpan) -> SpacySpan | None:
    lower = token_strings(doc, "LOWER")  # the heads read by their text: a Span only for the one found
    for k in range(ent.end - 1, ent.start, -1):
        if lower[ent.start] != "the" and _gazetteer_place(span_text(doc, ent.start, k), embedded=True):
            return doc[ent.start : k]
    return None


def _entity_spans(doc: Doc, analysis: Analysis, types) -> list[SpacySpan]:
    spans: list[SpacySpan] = []
    for ent in analysis.entities:
        if ent.type in types:
            for m in ent.mentions:
                span = doc.char_span(m.start, m.end, label=ent.type, alignment_mode="expand")
                if span is not None:
                    spans.append(span)
    # the entities stage has the last word: "Xinhua", which the NER may take for a town, is an outlet
    other = {(m.start, m.end) for ent in analysis.entities if ent.type not in types and ent.kind for m in ent.mentions}
    spans += [e for e in entity_spans(doc) if e.label_ in types and (e.start_char, e.end_char) not in other]
    return spans


def _trim(span: SpacySpan) -> tuple[int, int]:
    """Character offsets without leading 'the' and lower-case words or a trailing possessive or
    punctuation (the words read from the token arrays: no Token per word)."""
    doc, s, e = span.doc, span.start, span.end
    lower, text, tag = token_strings(doc, "LOWER"), token_strings(doc, "ORTH"), token_strings(doc, "TAG")
    punct = token_flags(doc, "IS_PUNCT")
    while s < e and (lower[s] == "the" or punct[s] or text[s].islower()):
        s += 1  # "the", "central" Illinois
    while s < e and (tag[e - 1] == "POS" or (punct[e - 1] and text[e - 1] != ".")):
        e -= 1
    if s >= e:
        return 0, 0
    return span_chars(doc, s, e)


def _embedded(doc: Doc, ent: SpacySpan):
    """Country names, demonyms and regions inside a name ("Russian Foreign Ministry", "Air
    Zimbabwe", "Turkish-Russian"), and a known place opening an organisation's name ("Winnipeg
    Police Service")."""
    name = span_text(doc, ent.start, ent.end)  # `ent.text`, without a Token per word
    if ent.label_ in ("ORG", "PERSON") and _gazetteer_place(name, embedded=True) and not _known_person(ent, name):
        yield ent, None  # "Tamil Nadu" taken for a person (not "Bush", a town in Egypt too)
        return
    i = ent.start if ent.label_ != "PERSON" else ent.end  # "Jordan" in a person's name is no place
    words = token_strings(doc, "ORTH")
    while i < ent.end:
        for n in (3, 2, 1) if words[i][:1].isupper() else ():  # a piece must open with a capital
            # its text from the token arrays: a Span (a Token per word) only for a piece found
            if i + n <= ent.end and _named_area(text := span_text(doc, i, i + n)):
                yield doc[i : i + n], _country(text)
                i += n - 1
                break
        i += 1
    if ent.label_ == "ORG" and len(ent) > 1:
        for n in (3, 2, 1):
            if n < len(ent) and _gazetteer_place(span_text(doc, ent.start, ent.start + n), embedded=True):
                yield doc[ent.start : ent.start + n], None
                break
    if ent.label_ == "PERSON" and _after_locative(doc, ent.start) and _gazetteer_place(name):
        yield ent, None


def _known_person(ent: SpacySpan, name: str) -> bool:
    """A person's name (`name`: the entity's text) that the Phoenix dictionaries list as a
    person's surname or full name."""
    if ent.label_ != "PERSON":
        return False
    found = phoenix.actor(name)
    return bool(phoenix.holders(name)) or (found is not None and found[0].dated)


def _named_area(text: str) -> bool:
    """A country (name, alias, demonym) or a region named by a lexicon alias ("European")."""
    if _country(text) is not None:
        return True
    return any(c.feature in ("region", "admin") and not c.abbrev for c in gazetteer.lookup(text))


def _missed(doc: Doc):
    """Proper names the NER left untagged: towns after a locative preposition ("in Hinton"),
    big cities, states and countries anywhere."""
    ent, pos, text = (token_strings(doc, a) for a in ("ENT_TYPE", "POS", "ORTH"))
    i = 0
    while i < len(doc):
        if ent[i] or pos[i] != "PROPN" or not text[i][:1].isupper():
            i += 1
            continue
        j = i
        while j < len(doc) and pos[j] == "PROPN" and not ent[j] and j - i < 4:
            j += 1
        population = MIN_MISSED_POPULATION if _after_locative(doc, i) else MIN_EMBEDDED_POPULATION
        for k in range(j, i, -1):
            if _gazetteer_place(doc[i:k].text, population=population):
                yield doc[i:k]
                break
        i = j


def _after_locative(doc: Doc, i: int) -> bool:
    return i > 0 and doc[i - 1].lower_ in BEFORE_A_PLACE


def _gazetteer_place(text: str, embedded: bool = False, population: int = 0) -> bool:
    if (text.isupper() and len(text) <= 3) or text.lower() == text:
        return False
    for c in gazetteer.lookup(text):
        if c.abbrev or c.alt:
            continue
        if c.feature != "city" or c.population >= max(population, MIN_EMBEDDED_POPULATION if embedded else 0):
            return True
    return False


def _country(text: str) -> countries.CountryRef | None:
    ref = countries.lookup(text)
    if ref is None or ref.how not in COUNTRY_HOWS:
        return None
    if ref.how == "demonym" and text.endswith("s") and not text.endswith("ss"):
        return None  # "Americans": people, not a place
    return ref


# --- resolution --------------------------------------------------------------------------------


def _candidates(t: Toponym) -> list[Candidate]:
    if t.rule == "ner:FAC":
        return _seat_of_power(t.text)
    options = [c for c in gazetteer.lookup(t.text) if not c.abbrev or t.rule.startswith("ner")]
    if t.text.isupper() and len(t.text) <= 3:
        options = [c for c in options if c.feature != "city"]  # "EU" is not Eu, France
    if t.country is not None:
        country = gazetteer.countries().get(t.country.iso3)
        if country is not None:
            if t.country.how == "demonym":
                return [country]
            options.insert(0, country)
    return options


def _seat_of_power(text: str) -> list[Candidate]:
    """A building that stands for a government ("the Kremlin") is placed in its capital; other
    facilities only when the gazetteer knows them by their own name."""
    ref = countries.lookup(text)
    if ref is not None and ref.how == "metonym":
        capital = gazetteer.capital(ref.iso3)
        return [capital] if capital else []
    return [c for c in gazetteer.lookup(text) if not c.alt]


def _qualify(text: str, toponyms: list[Toponym]) -> None:
    """ "Paris, Texas", "Lemay, Mo.": the second name narrows the first."""
    for a, b in pairwise(toponyms):
        gap = text[a.end : b.start]
        if gap.strip() != "," or not a.options:
            continue
        for q in _qualifier_options(b):
            inside = [c for c in a.options if _within(c, q)]
            if inside:
                a.qualifier = q
                b.options = [q] + [c for c in b.options if c is not q]
                break


def _qualifier_options(t: Toponym) -> list[Candidate]:
    extra = gazetteer.lookup(t.text + " state")
    return [c for c in t.options + extra if c.feature in ("country", "admin")]


def _within(c: Candidate, area: Candidate) -> bool:
    if c is area or c.country != area.country:
        return False
    return area.feature == "country" or (bool(area.admin1) and c.admin1 == area.admin1)


@dataclass
class Context:
    """Countries and states the article is about, with their weight of evidence, counted per
    name so that a name is never its own evidence."""

    countries: dict[str, dict[str, float]] = field(default_factory=dict)  # name → country → weight
    admins: dict[str, set[tuple[str, str]]] = field(default_factory=dict)  # name → (country, admin1)

    def add(self, name: str, c: Candidate, weight: float) -> None:
        if c.country:
            k = self.countries.setdefault(name, {})
            k[c.country] = max(k.get(c.country, 0), weight)
        if c.feature == "admin" and c.admin1 and c.country:
            self.admins.setdefault(name, set()).add((c.country, c.admin1))

    def country(self, iso3: str, besides: str) -> float:
        return max((k.get(iso3, 0) for n, k in self.countries.items() if n != besides), default=0.0)

    def admin(self, admin: tuple[str, str], besides: str) -> bool:
        return any(n != besides and admin in k for n, k in self.admins.items())


def _context(toponyms: list[Toponym], analysis: Analysis) -> Context:
    """Countries and states named outright or as qualifiers count fully, the dateline too;
    countries of cities that are clear by size count half."""
    ctx = Context()
    for t in toponyms:
        c = t.qualifier or _clear(t)
        if c is not None:
            explicit = t.qualifier is not None or c.feature in ("country", "admin")
            ctx.add(gazetteer.key(t.text), c, 1.0 if explicit else 0.5)
    dateline = analysis.article.dateline
    if dateline:
        for c in gazetteer.lookup(dateline)[:1]:
            ctx.add("\0dateline", c, 1.0)
    return ctx


def _clear(t: Toponym) -> Candidate | None:
    """The candidate a name denotes without context, when one stands out."""
    opts = t.options
    if not opts:
        return None
    ranked = sorted(opts, key=_prior, reverse=True)
    if len(ranked) == 1 or _prior(ranked[0]) - _prior(ranked[1]) >= 1.0:
        return ranked[0]
    return None


def _prior(c: Candidate) -> float:
    p = PRIOR.get(c.feature) or math.log10(c.population + 10)
    if c.feature == "city" and c.country and gazetteer.capital(c.country) == c:
        p += CAPITAL
    return p - (ALT_PENALTY if c.alt else 0.0)


def _choose(t: Toponym, ctx: Context) -> Candidate | None:
    if t.qualifier is not None:
        inside = [c for c in t.options if _within(c, t.qualifier)]
        return max(inside, key=_prior)
    if not t.options:
        return None
    own = gazetteer.key(t.text)
    best = max(t.options, key=lambda c: _score(c, ctx, own))
    if best.feature == "admin":  # "New York": the great city, not the state named like it
        best = next((c for c in t.options if _within(c, best) and c.population >= GREAT_CITY), best)
    return best


def _score(c: Candidate, ctx: Context, own: str) -> float:
    """Prior, plus evidence from the other places named; alternate names get no evidence bonus
    ("Mexico" is the country, not Mexico City)."""
    s = _prior(c)
    if c.alt or not c.country:
        return s
    s += SAME_COUNTRY * ctx.country(c.country, own)
    if c.feature == "city" and c.admin1 and ctx.admin((c.country, c.admin1), own):
        s += SAME_ADMIN
    return s


def _locate_in_focus(toponyms: list[Toponym]) -> None:
    """A street or building the gazetteer does not know ("Royal Street") lies, as a rule,
    in the town the article is about: the most mentioned city, else state. Such places get that
    town's coordinates, no GeoNames id and feature "other"."""
    chosen = [t.choice for t in toponyms if t.choice is not None]
    focus = _focus(chosen, "city") or _focus(chosen, "admin")
    if focus is None:
        return
    for t in toponyms:
        if t.choice is None and t.rule == "ner:FAC":
            t.choice = replace(focus, geonames_id=None, name=t.text, feature="other", population=0)


def _focus(chosen: list[Candidate], feature: str) -> Candidate | None:
    counts = Counter(c for c in chosen if c.feature == feature)
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2)
    return top if not rest or n > rest[0][1] else None


# --- output ------------------------------------------------------------------------------------


def _places(chosen: list[tuple[Toponym, Candidate]]) -> list[Place]:
    """The places of the toponyms, each with its choice."""
    places: dict[tuple, Place] = {}
    for t, c in chosen:
        k = (c.geonames_id, c.name, c.lat, c.lon)  # a located facility keeps its own name
        if k not in places:
            places[k] = Place(
                id=f"p{len(places) + 1}",
                name=c.name,
                country=c.country,
                lat=c.lat,
                lon=c.lon,
                geonames_id=c.geonames_id,
                feature=_FEATURES.get(c.feature, "other"),
            )
        places[k].mentions.append(Span(start=t.start, end=t.end, text=t.text))
    return list(places.values())


_FEATURES: dict[str, PlaceFeature] = {"city": "city", "country": "country", "admin": "admin", "region": "region"}

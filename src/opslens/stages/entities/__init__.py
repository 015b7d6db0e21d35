"""Entities stage: who and what an article names, one entity per real-world thing.

spaCy's NER proposes mentions, the organisation lexicon adds the ones it misses; mentions are
trimmed ("the", possessives, titles), people get roles from the words around them, mentions of
one thing are merged ("Truss" = "Liz Truss", "NATO" = "North Atlantic Treaty Organization",
"Britain" = "the United Kingdom"), and each entity gets a country, a CAMEO-style actor code and,
for organisations, a kind. What a name denotes is read from all its mentions in the article, not
from the NER's one guess: a "person" standing where places stand is a place, a lone surname the
NER took for an organisation or a town joins the full name, a name ending in "Corp" is a company.
Every fact keeps its evidence span; unsure fields stay null.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import numpy as np
import spacy
from spacy.tokens import Doc, Span as SpacySpan

from opslens import cache as cache_module
from opslens.knowledge import countries
from opslens.knowledge import gazetteer
from opslens.knowledge import orgs
from opslens.nlp import token_strings
from opslens.stages.entities.roles import OrgInfo, RoleReader
from opslens.knowledge.titles import titles
from opslens.contract import Analysis, Entity, Role, Span
from opslens.nlp.deps import PLACE_OF_A_NAME

NER_TYPES = {
    "PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "NORP": "NORP", "FAC": "FAC",
    "EVENT": "EVENT", "PRODUCT": "OTHER", "WORK_OF_ART": "OTHER", "LAW": "OTHER", "LANGUAGE": "OTHER",
}
TRIM_LEFT = {"the", "The", "THE", "a", "an", "'", '"', "\u201c", "\u2018", "(", "[", "-", "\u2014", "'s", "\u2019s"}
TRIM_RIGHT = {"'s", "\u2019s", "'", "\u2019", '"', "\u201d", ")", "]", ",", ".", "-", "\u2014", ":", ";"}
ACRONYM_SKIP = {"of", "the", "and", "for", "to", "at", "&", "on", "in", "de"}


@dataclass
class Mention:
    start: int  # token indices into the doc
    end: int
    type: str
    rule: str
    org: orgs.OrgEntry | None = None
    country: countries.CountryRef | None = None
    roles: list[Role] = field(default_factory=list)
    same_as: "Mention | None" = None  # "(CPJ)" after "Committee to Protect Journalists"
    proper: bool = False  # every word a proper noun: the shape of a name ("Jim Bridenstine", not "Recent Samsung")
    _text: tuple[tuple[int, int], str] | None = field(default=None, repr=False, compare=False)

    def text(self, doc: Doc) -> str:
        if self._text is None or self._text[0] != (self.start, self.end):  # read often; trimming moves the edges
            self._text = ((self.start, self.end), doc[self.start:self.end].text)
        return self._text[1]

    def overlaps(self, other: "Mention") -> bool:
        return self.start < other.end and other.start < self.end


@dataclass
class Cluster:
    mentions: list[Mention] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)

    def add(self, m: Mention, rule: str | None = None) -> None:
        self.mentions.append(m)
        for r in (m.rule, rule):
            if r and r not in self.rules:
                self.rules.append(r)


def find_entities(doc: Doc, analysis: Analysis) -> list[Entity]:
    mentions = _trimmed(doc, _resolve(doc, _ner_mentions(doc) + _lexicon_mentions(doc)))
    mentions = [m for m in mentions if not _title_fragment(doc, m)]
    for m in mentions:
        m.proper = all(tok.pos_ == "PROPN" for tok in doc[m.start:m.end])
    mentions = _with_parenthesised_acronyms(doc, mentions)
    for m in mentions:
        _attach_lexicons(doc, m)
        _company_by_its_name(doc, m)
    _countries_taken_for_people(doc, mentions)
    article_countries = {m.country.iso3 for m in mentions if m.country} | _gazetteer_countries(doc, mentions)
    reader = RoleReader(doc, _orgs_by_end(doc, mentions), article_countries)
    for m in mentions:
        if m.type == "PERSON":
            m.roles = reader.roles(m.start, m.end)
    _places_taken_for_people(doc, mentions)
    mentions = _without_consumed(doc, mentions)
    clusters = _cluster(doc, mentions)
    return [_entity(doc, f"e{i}", c) for i, c in enumerate(clusters, 1)]


# -- candidate mentions -------------------------------------------------------------
def _ner_mentions(doc: Doc) -> list[Mention]:
    return [Mention(e.start, e.end, NER_TYPES[e.label_], f"ner:{e.label_}") for e in doc.ents if e.label_ in NER_TYPES]


def _variants(entry: orgs.OrgEntry) -> list[tuple[str, str]]:
    """(form, variant) for each of an organisation's forms as listed and in capitals."""
    return [(form, variant) for form in entry.forms for variant in {form, form.upper()}]


def _form_words_arrays() -> cache_module.Arrays:
    """Every variant of the lexicon's forms split into words by spaCy's English tokenizer (the
    pipeline's rules, so that lexicon forms split like the text does)."""
    tokenizer = spacy.blank("en").tokenizer
    variants = list(dict.fromkeys(v for entry in orgs.entries() for _, v in _variants(entry)))
    words = [[t.text for t in tokenizer(v)] for v in variants]
    out = dict(zip(("variants", "variant_offsets"), cache_module.pack_strings(variants)))
    out["words"], out["word_offsets"] = cache_module.pack_strings([w for ws in words for w in ws])
    out["word_bounds"] = np.cumsum([0] + [len(ws) for ws in words]).astype(np.int64)
    return out


def form_words_arrays() -> cache_module.Arrays:
    return cache_module.arrays("org_form_words", _form_words_arrays, sources=[__file__, cache_module.__file__],
                               versions={"spacy": spacy.__version__})


@cache
def _form_words() -> dict[str, tuple[str, ...]]:
    """`_form_words_arrays` from the start-up cache (making the tokenizer alone took a tenth of a second)."""
    a = form_words_arrays()
    variants = cache_module.Strings(a["variants"], a["variant_offsets"]).tolist()
    words, bounds = cache_module.Strings(a["words"], a["word_offsets"]).tolist(), a["word_bounds"].tolist()
    return {v: tuple(words[bounds[i]:bounds[i + 1]]) for i, v in enumerate(variants)}


@cache
def _lexicon_forms() -> dict[str, list[tuple[tuple[str, ...], orgs.OrgEntry, str]]]:
    by_first: dict[str, list] = {}
    split = _form_words()
    for entry in orgs.entries():
        for form, variant in _variants(entry):
            words = split[variant]
            if words:
                by_first.setdefault(words[0], []).append((words, entry, form))
    for forms in by_first.values():
        forms.sort(key=lambda f: -len(f[0]))
    return by_first


def _lexicon_mentions(doc: Doc) -> list[Mention]:
    found, forms, i = [], _lexicon_forms(), 0
    texts = token_strings(doc, "ORTH")
    while i < len(texts):
        for words, entry, form in forms.get(texts[i], ()):
            if tuple(texts[i:i + len(words)]) == words:
                found.append(Mention(i, i + len(words), "ORG", f"lexicon:organizations.tsv#{entry.name}", org=entry))
                i += len(words) - 1
                break
        i += 1
    return found


def _resolve(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """One mention per stretch of text. A distinctive lexicon name wins and cuts the NER span
    it sits in ("Biden White House" → "Biden" + "White House"); a plain one-word name only
    counts where the NER saw an entity too, and never inside a longer person name."""
    ner = [m for m in mentions if m.org is None]
    kept_lex = []
    for m in (m for m in mentions if m.org is not None):
        rivals = [n for n in ner if n.overlaps(m)]
        if orgs.distinctive(m.text(doc)):
            kept_lex.append(m)
        elif rivals and not any(n.type == "PERSON" and n.end - n.start > m.end - m.start for n in rivals):
            kept_lex.append(m)
    out = list(kept_lex)
    for n in ner:
        for piece in _cut(n, [m for m in kept_lex if n.overlaps(m)]):
            if _plausible(doc[piece.start:piece.end]):
                out.append(piece)
    return sorted(out, key=lambda m: (m.start, -m.end))


def _cut(n: Mention, lex: list[Mention]) -> list[Mention]:
    if not lex:
        return [n]
    pieces, start = [], n.start
    for m in sorted(lex, key=lambda m: m.start):
        if m.start > start:
            pieces.append(Mention(start, m.start, n.type, n.rule + " cut:lexicon"))
        start = max(start, m.end)
    if start < n.end:
        pieces.append(Mention(start, n.end, n.type, n.rule + " cut:lexicon"))
    return pieces


def _trimmed(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    t = titles()
    out = []
    for m in mentions:
        s, e = m.start, m.end
        if m.type in ("ORG", "OTHER", "NORP") and m.org is None and _titled_name(doc, s, e, t):
            m.type, m.rule = "PERSON", m.rule + " retyped:titled-name"
        while s < e and (doc[s].is_space or doc[s].text in TRIM_LEFT or (m.type == "PERSON" and _person_prefix(doc[s], t))):
            s += 1
        s = _after_dateline(doc, s, e)
        e = _before_headline_verb(doc, s, e) if m.type == "PERSON" else e
        while e > s and (doc[e - 1].is_space or doc[e - 1].text in TRIM_RIGHT or _swept_in_tail(doc[e - 1])):
            e -= 1
        if e > s and _plausible(doc[s:e]):
            m.start, m.end = s, e
            out.append(m)
    return out


NOT_NAME_POS = {"DET", "PRON", "VERB", "ADP", "PART", "SCONJ", "CCONJ", "PUNCT"}  # not AUX: "Will Hurd"


def _person_prefix(tok, t) -> bool:
    """Words the NER swept into a person's name: titles, status, demonyms, and function words
    or verbs ("That's John Smith", "Asked Smith")."""
    word = tok.lower_
    if word in t.vocabulary or word in t.honorifics or word in t.status:
        return True
    ref = countries.lookup(tok.text)
    if ref is not None and ref.how == "demonym" and tok.i + 2 < len(tok.doc) and tok.nbor(1).pos_ == "PROPN":
        return True  # "Russian Sergei Lavrov"; but "Jordan Peterson" keeps its first name
    return tok.pos_ in NOT_NAME_POS or tok.text[:1].islower()


DASHES = {"-", "--", "\u2014", "\u2013"}


def _after_dateline(doc: Doc, s: int, e: int) -> int:
    """'KYIV - Volodymyr Zelensky': a spaced dash inside a name ends a dateline before it."""
    for i in range(e - 2, s, -1):
        if doc[i].text in DASHES and doc[i].whitespace_ and doc[i - 1].whitespace_:
            return i + 1
    return s


def _before_headline_verb(doc: Doc, s: int, e: int) -> int:
    """'Trudeau Tells Canadian Mayors …': in a headline's capitalised words the NER runs a
    name on over the verb after it; a finite verb ends the name."""
    for i in range(s + 1, e):
        if doc[i].tag_ in ("VBZ", "VBD") and doc[i].pos_ == "VERB":
            return i
    return e


def _swept_in_tail(tok) -> bool:
    """'European Council ended': lower-case words after a name are not part of it."""
    return tok.text[:1].islower() and tok.pos_ in NOT_NAME_POS | {"AUX", "ADV", "NUM"}


def _titled_name(doc: Doc, s: int, e: int, t) -> bool:
    """'Spokeswoman Jane Doe', 'Vice-President John Roe' tagged ORG: a title (ranks and
    a head), then only capitalised words that are not title words."""
    words = [tok.lower_ for tok in doc[s:e]]
    for j in range(len(words) - 1, 0, -1):  # j: where the name would start
        head = t.longest(t.heads, words, j)
        if not head:
            continue
        lead = words[:j - head[0]]
        rest = doc[s + j:e]
        if all(w in t.ranks or w in t.honorifics or w in t.status for w in lead):
            return all(tok.text[:1].isupper() and tok.lower_ not in t.vocabulary for tok in rest)
    return False


def _with_parenthesised_acronyms(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """'Committee to Protect Journalists (CPJ)': the bracketed acronym names the same thing."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    out = []
    for m in mentions:
        out.append(m)
        i = m.end
        if m.type == "ORG" and i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")":
            acr = doc[i + 1].text
            if acr.isalpha() and acr.isupper() and 2 <= len(acr) <= 8 and i + 1 not in taken:
                out.append(Mention(i + 1, i + 2, "ORG", "pattern:parenthesised-acronym", same_as=m))
            elif i + 1 in taken:
                twin = next(x for x in mentions if x.start == i + 1)
                twin.same_as = twin.same_as or (m if twin.org is None and m.org is None else None)
    return out


def _plausible(span: SpacySpan) -> bool:
    """Names start with a capital or a digit-bearing code; all-lower NER output is noise."""
    return any(c.isalpha() for c in span.text) and any(tok.text[:1].isupper() for tok in span)


def _title_fragment(doc: Doc, m: Mention) -> bool:
    """NER tags 'Defense' in 'Defense Secretary Ben Wallace' as an ORG: words of a title
    directly followed by more title words are part of the title, not a name."""
    if m.type == "PERSON" or m.org is not None:
        return False
    vocab = titles().vocabulary
    words = [tok.lower_ for tok in doc[m.start:m.end]]
    return all(w in vocab for w in words) and m.end < len(doc) and doc[m.end].lower_ in vocab


# -- what each mention denotes ------------------------------------------------------
def _attach_lexicons(doc: Doc, m: Mention) -> None:
    text = m.text(doc)
    if m.org is None and m.type in ("ORG", "FAC", "NORP", "OTHER"):
        entry = orgs.lookup(text)
        if entry is not None:
            m.org, m.type = entry, "ORG"
            m.rule += f" lexicon:organizations.tsv#{entry.name}"
    if m.org is None and m.type in ("GPE", "NORP", "LOC", "ORG", "FAC", "PERSON"):
        ref = countries.lookup(text)
        if ref is not None and m.type in ("ORG", "PERSON") and ref.how == "demonym":
            m.type, m.country = "NORP", ref  # "Ugandan" cut from "Ugandan rebels"
            return
        if m.type == "PERSON":
            return  # a person named like a country is settled with the whole article in view
        # An ORG that is exactly a country's name is the country acting ("Armenia opened the
        # bridge"); an ORG named like a capital is not ("Moscow Dynamo" would not get here whole).
        if ref is not None and (m.type != "ORG" or ref.how in ("name", "alias", "metonym")):
            m.country = ref
            if ref.how in ("name", "alias"):
                m.type = "GPE"


def _company_by_its_name(doc: Doc, m: Mention) -> None:
    """'Globex Corp' tagged PERSON, 'Acme Inc.' tagged GPE: a name that ends in a company word
    of `org_kinds.tsv` ("Corp", "Inc", "Ltd", "Holdings") is a company, whatever the NER said."""
    if m.type in ("PERSON", "GPE", "LOC", "FAC") and m.org is None and m.country is None and m.end - m.start > 1:
        if m.type != "PERSON" and gazetteer.known(m.text(doc)):
            return  # "West Bank" is a place
        kind = orgs.classify([doc[m.end - 1].text])
        if kind is not None and kind[0] == "company":
            m.type, m.rule = "ORG", m.rule + " retyped:company-word"


def _countries_taken_for_people(doc: Doc, mentions: list[Mention]) -> None:
    """'Sri Lanka' or 'Benin' tagged PERSON is the country, unless the article has a person
    whose longer name holds that word ('Jordan' beside 'Michael Jordan')."""
    for m in mentions:
        if m.type != "PERSON" or m.org is not None:
            continue
        ref = countries.lookup(m.text(doc))
        # words of the other people's longer names ("Sri Lanka" is not a longer name of itself)
        names = {tok.lower_ for o in mentions if o.type == "PERSON" and o.end - o.start > 1
                 and o.text(doc).lower() != m.text(doc).lower() for tok in doc[o.start:o.end]} if ref else set()
        if ref and ref.how in ("name", "alias") and not ({t.lower_ for t in doc[m.start:m.end]} & names - {m.text(doc).lower()}):
            if m.end - m.start > 1 or m.text(doc).lower() not in names:
                m.type, m.country, m.rule = "GPE", ref, m.rule + " retyped:country-name"


ARABIC_ARTICLE = {"al", "el"}  # "al-Tanf", "el-Arish": place names; "al-Assad" is a name too, so never alone


def _places_taken_for_people(doc: Doc, mentions: list[Mention]) -> None:
    """One-word 'people' the NER made of places or things, decided over all mentions of the
    name in the article: a name never used as a person (no title, never a subject, no word of a
    longer name) that somewhere stands where a place stands ("in al-Tanf", "in Barry, Berrien
    and Cass counties", "Pizza Express in Woking") is a place; one that takes 'the' ("also
    known as the Berm") is a thing, not a person."""
    groups: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.type == "PERSON" and m.org is None and m.country is None and _one_word(doc, m):
            groups.setdefault(m.text(doc).casefold(), []).append(m)
    longer = {tok.lower_ for o in mentions if o.type == "PERSON" and o.end - o.start > 1 for tok in doc[o.start:o.end]}
    for name, group in groups.items():
        if name in longer or any(_used_as_person(doc, m) for m in group):
            continue
        placed = any(_where_a_place_stands(doc, m) for m in group)
        if placed or any(_definite_thing(doc, m) for m in group):
            known = gazetteer.known(group[0].text(doc))
            for m in group + (_with_article(doc, mentions, name) if placed else []):
                m.type = "GPE" if placed and known else "LOC" if placed else "OTHER"
                m.rule += " retyped:place-evidence" if placed else " retyped:definite-thing"


def _with_article(doc: Doc, mentions: list[Mention], name: str) -> list[Mention]:
    """'al-Tanf' tagged ORG elsewhere, once 'Tanf' is known to be a place: the same place,
    named without its article so that the mentions merge."""
    found = []
    for m in mentions:
        words = [t.lower_ for t in doc[m.start:m.end]]
        if m.org is None and len(words) == 3 and words[0] in ARABIC_ARTICLE and words[1] == "-" and words[2] == name:
            m.start = m.end - 1
            found.append(m)
    return found


def _one_word(doc: Doc, m: Mention) -> bool:
    """'Tanf', or 'al-Kasra' with its Arabic article."""
    words = [t.lower_ for t in doc[m.start:m.end]]
    return len(words) == 1 or (len(words) == 3 and words[0] in ARABIC_ARTICLE and words[1] == "-")


def _used_as_person(doc: Doc, m: Mention) -> bool:
    tok = doc[m.end - 1]
    return bool(m.roles) or tok.dep_ in ("nsubj", "nsubjpass") or (m.start > 0 and doc[m.start - 1].lower_ in titles().honorifics)


def _where_a_place_stands(doc: Doc, m: Mention) -> bool:
    """The name is the object of a place preposition, alone or in a list ("in Barry, Berrien
    and Cass counties"), and is known to the gazetteer, carries an Arabic article ("al-Tanf"),
    or is listed beside names the NER or the gazetteer takes for places."""
    tok = doc[m.end - 1]
    node = tok
    while node.dep_ in ("conj", "nmod") and node.head.i != node.i:
        node = node.head
    if not (node.dep_ == "pobj" and node.head.lower_ in PLACE_OF_A_NAME):
        return False
    prefix = {c.lower_ for c in tok.children if c.dep_ == "compound"}
    listed = [t for t in node.subtree if t.i != tok.i and t.pos_ == "PROPN" and (t.i == node.i or t.dep_ in ("conj", "nmod"))]
    beside = any(t.ent_type_ in ("GPE", "LOC") or gazetteer.known(t.text) for t in listed)
    return gazetteer.known(tok.text) or bool(prefix & ARABIC_ARTICLE) or beside


def _definite_thing(doc: Doc, m: Mention) -> bool:
    """'the Berm', 'the Gateway': a one-word name after 'the' heading its phrase is a thing or a
    place; people's names take no article (but 'the Smiths' are a family, 'the Trump
    administration' is the administration's)."""
    tok = doc[m.start]
    return (m.end - m.start == 1 and m.start > 0 and doc[m.start - 1].lower_ == "the" and tok.dep_ not in ("compound", "amod", "nmod", "poss")
            and not tok.text.endswith("s"))


def _gazetteer_countries(doc: Doc, mentions: list[Mention]) -> set[str]:
    """Countries of the towns and states the article names, where the gazetteer knows the name
    in one country only ("New York", "Ohio"): evidence for a title's country convention."""
    found = set()
    for m in mentions:
        if m.type == "GPE" and m.country is None:
            where = {c.country for c in gazetteer.lookup(m.text(doc)) if not c.abbrev}
            if len(where) == 1 and None not in where:
                found |= where
    return found


def _org_country(doc: Doc, m: Mention) -> tuple[str, str] | None:
    """Country of an unlisted organisation: a country word inside it or just before it
    ("Russian Defence Ministry", "Russia's Foreign Ministry")."""
    for n in (3, 2, 1):  # the name starts with the country: "U.S. Senate", "Russian Defence Ministry"
        ref = countries.lookup(doc[m.start:m.start + n].text) if m.start + n < m.end else None
        if ref and ref.how in countries.NAMING:
            return ref.iso3, "country:in-name"
    j = m.start - (1 + (m.start >= 2 and doc[m.start - 1].text in ("'s", "\u2019s")))
    found = countries.ending_at(doc, j + 1) if j >= 0 else None
    return (found[1].iso3, "country:premodifier") if found else None


def _orgs_by_end(doc: Doc, mentions: list[Mention]) -> dict[int, tuple[int, OrgInfo]]:
    out = {}
    for m in mentions:
        if m.type != "ORG":
            continue
        if m.org:
            info = OrgInfo(m.org.name, m.org.country, m.org.sector, m.org.actor_code)
        else:
            kind = orgs.classify([t.text for t in doc[m.start:m.end]])
            country = _org_country(doc, m)
            info = OrgInfo(m.text(doc), country[0] if country else None, kind[1] if kind else None, None)
        out[m.end] = (m.start, info)
    return out


def _without_consumed(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Words a person's title used are part of the role, not entities of their own: the
    country in "Russian Foreign Minister", the "State" of "Secretary of State". Organisations
    named in a title ("Kremlin spokesman") stay: they are real mentions."""
    spans = [(r.evidence.start, r.evidence.end) for m in mentions for r in m.roles if r.evidence]

    def consumed(m: Mention) -> bool:
        if m.type == "PERSON" or m.org is not None:
            return False
        s, e = doc[m.start].idx, _end_char(doc, m)
        if not any(a <= s and e <= b for a, b in spans):
            return False
        return m.country is not None or orgs.classify([t.text for t in doc[m.start:m.end]]) is None

    return [m for m in mentions if not consumed(m)]


# -- merging mentions into entities ---------------------------------------------------
def _key(doc: Doc, m: Mention) -> tuple[str, str]:
    if m.org is not None:
        return ("org", m.org.name)
    if m.country is not None and m.type == "GPE" and m.country.how in ("name", "alias"):
        return ("country", m.country.iso3)
    if m.country is not None and m.type == "NORP" and m.country.how == "demonym":
        return ("demonym", m.country.iso3)
    return ("text", countries.normalize(m.text(doc)).casefold())


def _cluster(doc: Doc, mentions: list[Mention]) -> list[Cluster]:
    clusters: list[Cluster] = []
    by_key: dict[tuple[str, str], Cluster] = {}
    for m in mentions:
        key = _key(doc, m)
        if m.same_as is not None and key not in by_key:
            by_key[key] = by_key[_key(doc, m.same_as)]  # later "CPJ" mentions join too
        if key not in by_key:
            by_key[key] = Cluster()
            clusters.append(by_key[key])
        by_key[key].add(m)
    clusters = _merge_surnames(doc, clusters)
    clusters = _merge_acronyms(doc, clusters)
    return clusters


def _words(doc: Doc, c: Cluster) -> list[list[str]]:
    return [[t.text for t in doc[m.start:m.end]] for m in c.mentions]


def _type(c: Cluster) -> str:
    if any(m.type == "PERSON" and m.roles for m in c.mentions):
        return "PERSON"
    counts: dict[str, int] = {}
    for m in _voters(c):
        counts[m.type] = counts.get(m.type, 0) + 1 + (m.type == "PERSON" and bool(m.roles))
    return max(counts, key=lambda k: (counts[k], -[x.type for x in c.mentions].index(k)))


def _voters(c: Cluster) -> list[Mention]:
    """The mentions whose NER type counts: a lone surname the NER took for an organisation
    ("Bridenstine said", beside "NASA administrator Jim Bridenstine") does not outvote a full
    name of proper nouns tagged as a person; the full names and the lone words tagged as a
    person do."""
    if not any(m.type == "PERSON" and m.proper and m.end - m.start > 1 for m in c.mentions):
        return c.mentions
    voters = [m for m in c.mentions if not (m.end - m.start == 1 and m.type == "ORG" and m.org is None)]
    return voters or c.mentions


def _name_like(doc: Doc, c: Cluster) -> bool:
    """People, and unlisted two- or three-word capitalised 'organisations' that are likely
    people the NER mislabelled ("John Smith" as ORG): both can own a surname."""
    if _type(c) == "PERSON":
        return True
    m = c.mentions[0]
    words = [t for t in doc[m.start:m.end]]
    return (_type(c) == "ORG" and m.org is None and 2 <= len(words) <= 3
            and all(w.text[:1].isupper() and w.is_alpha for w in words)
            and orgs.classify([w.text for w in words]) is None)


def _merge_surnames(doc: Doc, clusters: list[Cluster]) -> list[Cluster]:
    """A one-word mention joins the one full name in the article that ends with it ('Truss' →
    'Liz Truss'); failing that, the one that starts with it ('Liz' → 'Liz Truss')."""
    last: dict[str, list[Cluster]] = {}
    first: dict[str, list[Cluster]] = {}
    for c in clusters:
        if not _name_like(doc, c):
            continue
        for words in _words(doc, c):
            if len(words) > 1:
                for index, word in ((last, words[-1]), (first, words[0])):
                    if c not in index.setdefault(word, []):
                        index[word].append(c)
    out = []
    for c in clusters:
        words = _words(doc, c)
        single = all(len(w) == 1 for w in words) and c.mentions[0].org is None and c.mentions[0].country is None
        target, rule = None, None
        if single and _type(c) in ("PERSON", "ORG", "OTHER"):
            for index, rule in ((last, "merge:surname"), (first, "merge:first-name")):
                found = [x for x in index.get(words[0][0], []) if x is not c]
                if found:
                    target = found[0] if len(found) == 1 else None
                    break
        elif single and _type(c) in ("GPE", "LOC", "FAC") and not gazetteer.known(words[0][0]):
            # "Pochettino" tagged LOC beside "Mauricio Pochettino": a surname no gazetteer knows
            found = [x for x in last.get(words[0][0], []) if x is not c and _type(x) == "PERSON"]
            target, rule = (found[0], "merge:surname") if len(found) == 1 else (None, None)
            for m in c.mentions if target is not None else ():
                m.type, m.rule = "PERSON", m.rule + " retyped:surname"
        if target is not None:
            for m in c.mentions:
                target.add(m, rule)
        else:
            out.append(c)
    for c in out:
        c.mentions.sort(key=lambda m: m.start)
    return out


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w.lower() not in ACRONYM_SKIP and w[:1].isalpha()).upper()


def _merge_acronyms(doc: Doc, clusters: list[Cluster]) -> list[Cluster]:
    """'UNHCR'-style acronyms join the one organisation whose initials they spell."""
    long_forms: dict[str, list[Cluster]] = {}
    for c in clusters:
        if _type(c) == "ORG":
            for words in _words(doc, c):
                if len(words) > 1:
                    long_forms.setdefault(_initials(words), [])
                    if c not in long_forms[_initials(words)]:
                        long_forms[_initials(words)].append(c)
    out = []
    for c in clusters:
        text = c.mentions[0].text(doc)
        targets = long_forms.get(text, []) if text.isupper() and 2 <= len(text) <= 8 and _type(c) == "ORG" else []
        if len(targets) == 1 and targets[0] is not c and all(m.text(doc) == text for m in c.mentions):
            for m in c.mentions:
                targets[0].add(m, "merge:acronym")
            targets[0].mentions.sort(key=lambda m: m.start)
        else:
            out.append(c)
    return out


# -- the entity record ----------------------------------------------------------------
def _entity(doc: Doc, eid: str, c: Cluster) -> Entity:
    etype = _type(c)
    mentions = [Span(start=doc[m.start].idx, end=_end_char(doc, m), text=m.text(doc)) for m in c.mentions]
    forms = list(dict.fromkeys(sp.text for sp in mentions))
    org = next((m.org for m in c.mentions if m.org), None)
    ref = next((m.country for m in c.mentions if m.country), None)
    roles = _distinct_roles(r for m in c.mentions for r in m.roles)
    name = _name(etype, forms, org, ref)
    country, kind, code, rules = _attributes(doc, etype, c, org, ref, roles)
    return Entity(
        id=eid, name=name, type=etype, aliases=list(dict.fromkeys([name, *forms])), roles=roles,
        country=country, actor_code=code, kind=kind, mentions=mentions, sources=c.rules + rules,
    )


def _end_char(doc: Doc, m: Mention) -> int:
    last = doc[m.end - 1]
    return last.idx + len(last.text)


def _name(etype: str, forms: list[str], org, ref) -> str:
    if org is not None:
        return org.name
    if ref is not None and etype == "GPE" and ref.how in ("name", "alias"):
        return ref.name
    return max(forms, key=lambda f: (len(f.split()), -forms.index(f)))


def _distinct_roles(roles) -> list[Role]:
    """One role per office: the same title without a country adds nothing to it with one."""
    roles = list(roles)
    placed = {(r.title.casefold(), r.former) for r in roles if r.country}
    seen, out = set(), []
    for r in roles:
        key = (r.title.casefold(), r.country, r.sector, r.former)
        if key not in seen and (r.country or (r.title.casefold(), r.former) not in placed):
            seen.add(key)
            out.append(r)
    return out


def _attributes(doc, etype, c, org, ref, roles):
    """country, org kind, actor code, and the rules that decided them."""
    if org is not None:
        code = org.actor_code or (_code(org.country, org.sector) if org.country else None)
        return org.country, org.kind, code, []
    if etype == "PERSON":
        return _person_attributes(roles)
    if ref is not None:
        code = ref.iso3 + ("GOV" if ref.how == "metonym" else "")
        return ref.iso3, ("government_body" if etype == "ORG" else None), code, [f"country:{ref.how}"]
    if etype == "ORG":
        # per mention: words of two mentions must not join into one phrase ("… Air" + "Force …")
        kind = next((k for k in (orgs.classify(t.text for t in doc[m.start:m.end]) for m in c.mentions) if k), None)
        country = next((x for x in (_org_country(doc, m) for m in c.mentions) if x), None)
        iso3 = country[0] if country else None
        rules = ([f"org-kind:org_kinds.tsv#{kind[0]}"] if kind else []) + ([country[1]] if country else [])
        return iso3, kind[0] if kind else None, _code(iso3, kind[1] if kind else None), rules
    return None, None, None, []


def _person_attributes(roles: list[Role]):
    current = [r for r in roles if not r.former]
    with_country = [r for r in current + roles if r.country]
    country = with_country[0].country if with_country else None
    sectors = [r for r in current if r.sector and (r.country == country or r.country is None)]
    code = _code(country, sectors[0].sector if sectors else None)
    if code is None and sectors and sectors[0].sector == "IGO":
        code = _igo_code(sectors[0].organization)
    return country, None, code, []


def _igo_code(name: str | None) -> str | None:
    entry = orgs.lookup(name) if name else None
    return entry.actor_code if entry else None


def _code(country: str | None, sector: str | None) -> str | None:
    if country is None:
        return None
    return country + (sector or "")

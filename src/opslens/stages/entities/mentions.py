"""Candidate mentions of entities: spaCy's NER spans and the organisation lexicon's names
(`lexicons/organizations.tsv`, matched word by word) and the country names the NER missed
(`lexicons/countries.tsv`), one mention per stretch of text, trimmed of
what is not part of the name ("the", possessives, titles, a dateline, a headline's verb), without
the words of a title the NER took for names, and with the acronym in brackets after an
organisation ("Committee to Protect Journalists (CPJ)") as the same thing. Also: the words a
person's title used up are no mentions of their own (`without_consumed`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import numpy as np
import spacy
from spacy.tokens import Doc, Token

from opslens import cache as cache_module
from opslens.contract import Role
from opslens.knowledge import countries, gazetteer, orgs
from opslens.knowledge.titles import Titles, titles
from opslens.nlp import entity_spans, span_text, token_flags, token_strings

NER_TYPES = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "NORP": "NORP",
    "FAC": "FAC",
    "EVENT": "EVENT",
    "PRODUCT": "OTHER",
    "WORK_OF_ART": "OTHER",
    "LAW": "OTHER",
    "LANGUAGE": "OTHER",
}
TRIM_LEFT = {"the", "The", "THE", "a", "an", "'", '"', "\u201c", "\u2018", "(", "[", "-", "\u2014", "'s", "\u2019s"}
TRIM_RIGHT = {"'s", "\u2019s", "'", "\u2019", '"', "\u201d", ")", "]", ",", ".", "-", "\u2014", ":", ";"}


@dataclass
class Mention:
    """A candidate mention: a stretch of tokens, what it is taken for, and the rules that said so."""

    start: int  # token indices into the doc
    end: int
    type: str
    rule: str
    org: orgs.OrgEntry | None = None
    country: countries.CountryRef | None = None
    roles: list[Role] = field(default_factory=list)
    same_as: Mention | None = None  # "(CPJ)" after "Committee to Protect Journalists"
    proper: bool = False  # every word a proper noun: the shape of a name ("Jim Bridenstine", not "Recent Samsung")
    _text: tuple[tuple[int, int], str] | None = field(default=None, repr=False, compare=False)

    def text(self, doc: Doc) -> str:
        if self._text is None or self._text[0] != (self.start, self.end):  # read often; trimming moves the edges
            self._text = ((self.start, self.end), span_text(doc, self.start, self.end))
        return self._text[1]

    def overlaps(self, other: Mention) -> bool:
        return self.start < other.end and other.start < self.end


def find_mentions(doc: Doc) -> list[Mention]:
    """The candidate mentions of a document, in text order: NER's and the lexicon's resolved to
    one per stretch, trimmed, without title fragments, each marked proper when every word is a
    proper noun, with bracketed acronyms added."""
    mentions = _trimmed(doc, _resolve(doc, _ner_mentions(doc) + _lexicon_mentions(doc) + _country_mentions(doc)))
    mentions = [m for m in mentions if not _title_fragment(doc, m)]
    pos = token_strings(doc, "POS")
    for m in mentions:
        m.proper = all(p == "PROPN" for p in pos[m.start : m.end])
    return _with_parenthesised_acronyms(doc, mentions)


# -- candidate mentions -------------------------------------------------------------
def _ner_mentions(doc: Doc) -> list[Mention]:
    ents = entity_spans(doc)
    return [Mention(e.start, e.end, NER_TYPES[e.label_], f"ner:{e.label_}") for e in ents if e.label_ in NER_TYPES]


def _country_mentions(doc: Doc) -> list[Mention]:
    """Country names the NER missed ("Turkmenistan reopened the border …"): a proper noun outside every
    NER span that the countries lexicon names (by name or alias, not a demonym) and no other place
    bears."""
    found, i, pos = [], 0, token_strings(doc, "POS")
    while i < len(doc):
        hit = countries.starting_at(doc, i, hows=("name", "alias")) if pos[i] == "PROPN" else None
        if (
            hit is not None
            and not any(t.ent_type_ for t in doc[i : hit[0]])
            and _unambiguous(doc[i : hit[0]].text, hit[1].iso3)
        ):
            found.append(Mention(i, hit[0], "GPE", "lexicon:countries.tsv"))
            i = hit[0]
            continue
        i += 1
    return found


def _unambiguous(name: str, iso3: str) -> bool:
    """A country name no other place bears in the gazetteer ("Kenya"; not "Georgia", a US state
    too, nor "Jordan"): the NER's silence on an ambiguous one may be right."""
    return all(c.country == iso3 for c in gazetteer.lookup(name))


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
    return cache_module.arrays(
        "org_form_words",
        _form_words_arrays,
        sources=[__file__, cache_module.__file__],
        versions={"spacy": spacy.__version__},
    )


@cache
def _form_words() -> dict[str, tuple[str, ...]]:
    """`_form_words_arrays` from the start-up cache (making the tokenizer alone took a tenth of a second)."""
    a = form_words_arrays()
    variants = cache_module.Strings(a["variants"], a["variant_offsets"]).tolist()
    words, bounds = cache_module.Strings(a["words"], a["word_offsets"]).tolist(), a["word_bounds"].tolist()
    return {v: tuple(words[bounds[i] : bounds[i + 1]]) for i, v in enumerate(variants)}


@cache
def _lexicon_forms() -> dict[str, list[tuple[tuple[str, ...], orgs.OrgEntry, str]]]:
    by_first: dict[str, list[tuple[tuple[str, ...], orgs.OrgEntry, str]]] = {}
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
        for words, entry, _form in forms.get(texts[i], ()):
            if tuple(texts[i : i + len(words)]) == words:
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
        if orgs.distinctive(m.text(doc)) or (
            rivals and not any(n.type == "PERSON" and n.end - n.start > m.end - m.start for n in rivals)
        ):
            kept_lex.append(m)
    out = list(kept_lex)
    for n in ner:
        for piece in _cut(n, [m for m in kept_lex if n.overlaps(m)]):
            if _plausible(doc, piece.start, piece.end):
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
    space, text, pos = token_flags(doc, "IS_SPACE"), token_strings(doc, "ORTH"), token_strings(doc, "POS")
    for m in mentions:  # the words read from the token arrays: a Token only for a person's first words
        s, e = m.start, m.end
        if m.type in ("ORG", "OTHER", "NORP") and m.org is None and _titled_name(doc, s, e, t):
            m.type, m.rule = "PERSON", m.rule + " retyped:titled-name"
        while s < e and (space[s] or text[s] in TRIM_LEFT or (m.type == "PERSON" and _person_prefix(doc[s], t))):
            s += 1
        s = _after_dateline(doc, s, e)
        e = _before_headline_verb(doc, s, e) if m.type == "PERSON" else e
        while e > s and (space[e - 1] or text[e - 1] in TRIM_RIGHT or _swept_in_tail(text[e - 1], pos[e - 1])):
            e -= 1
        if e > s and _plausible(doc, s, e):
            m.start, m.end = s, e
            out.append(m)
    return out


NOT_NAME_POS = {"DET", "PRON", "VERB", "ADP", "PART", "SCONJ", "CCONJ", "PUNCT"}  # not AUX: "Will Hurd"


def _person_prefix(tok: Token, t: Titles) -> bool:
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
    text, spaced = token_strings(doc, "ORTH"), token_flags(doc, "SPACY")
    for i in range(e - 2, s, -1):
        if text[i] in DASHES and spaced[i] and spaced[i - 1]:
            return i + 1
    return s


def _before_headline_verb(doc: Doc, s: int, e: int) -> int:
    """'Trudeau Tells Canadian Mayors …': in a headline's capitalised words the NER runs a
    name on over the verb after it; a finite verb ends the name."""
    tag, pos = token_strings(doc, "TAG"), token_strings(doc, "POS")
    for i in range(s + 1, e):
        if tag[i] in ("VBZ", "VBD") and pos[i] == "VERB":
            return i
    return e


TAIL_POS = NOT_NAME_POS | {"AUX", "ADV", "NUM"}


def _swept_in_tail(text: str, pos: str) -> bool:
    """'European Council ended': lower-case words after a name are not part of it (a word by
    its text and part of speech)."""
    return text[:1].islower() and pos in TAIL_POS


def _titled_name(doc: Doc, s: int, e: int, t: Titles) -> bool:
    """'Spokeswoman Jane Doe', 'Vice-President John Roe' tagged ORG: a title (ranks and
    a head), then only capitalised words that are not title words."""
    lower, text = token_strings(doc, "LOWER"), token_strings(doc, "ORTH")
    words = lower[s:e]
    for j in range(len(words) - 1, 0, -1):  # j: where the name would start
        head = t.longest(t.heads, words, j)
        if not head:
            continue
        lead = words[: j - head[0]]
        if all(w in t.ranks or w in t.honorifics or w in t.status for w in lead):
            return all(text[k][:1].isupper() and lower[k] not in t.vocabulary for k in range(s + j, e))
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


def _plausible(doc: Doc, start: int, end: int) -> bool:
    """Names start with a capital or a digit-bearing code; all-lower NER output is noise."""
    words = token_strings(doc, "ORTH")[start:end]
    return any(c.isalpha() for c in span_text(doc, start, end)) and any(w[:1].isupper() for w in words)


def _title_fragment(doc: Doc, m: Mention) -> bool:
    """NER tags 'Defense' in 'Defense Secretary Ben Wallace' as an ORG: words of a title
    directly followed by more title words are part of the title, not a name."""
    if m.type == "PERSON" or m.org is not None:
        return False
    vocab = titles().vocabulary
    words = [tok.lower_ for tok in doc[m.start : m.end]]
    return all(w in vocab for w in words) and m.end < len(doc) and doc[m.end].lower_ in vocab


def without_consumed(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Words a person's title used are part of the role, not entities of their own: the
    country in "Russian Foreign Minister", the "State" of "Secretary of State". Organisations
    named in a title ("Kremlin spokesman") stay: they are real mentions."""
    spans = [(r.evidence.start, r.evidence.end) for m in mentions for r in m.roles if r.evidence]

    def consumed(m: Mention) -> bool:
        if m.type == "PERSON" or m.org is not None:
            return False
        s, e = doc[m.start].idx, end_char(doc, m)
        if not any(a <= s and e <= b for a, b in spans):
            return False
        return m.country is not None or orgs.classify([t.text for t in doc[m.start : m.end]]) is None

    return [m for m in mentions if not consumed(m)]


def end_char(doc: Doc, m: Mention) -> int:
    last = doc[m.end - 1]
    return last.idx + len(last.text)

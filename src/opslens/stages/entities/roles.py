"""Titles and roles of people, read from the words around a name.

Three places carry a title in news English:
  premodifier          "British Foreign Secretary Liz Truss",
                       "former Russian military intelligence officer Sergei Skripal"
  apposition           "Sergei Lavrov, Russia's foreign minister,", "Putin, the Russian president."
  fronted apposition   "Russia's foreign minister, Sergei Lavrov"
A title phrase is parsed right to left from its head ("minister", "officer") over portfolios,
modifiers, ranks, status words, a country and an organisation, all from the lexicons.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from opslens.contract import Role, Span
from opslens.knowledge import countries
from opslens.knowledge.event_codes import actor_nouns
from opslens.knowledge.titles import Sector, Titles, phrase_tokens, titles
from opslens.nlp import token_strings

POSSESSIVE = {"'s", "\u2019s", "'", "\u2019"}
DETERMINERS = {"the", "a", "an"}
# Words that may follow an apposition's title: ", the foreign minister, said" / "… minister of Russia".
APPOSITION_END = {
    ",",
    ".",
    ";",
    ":",
    ")",
    "--",
    "\u2014",
    "\u2013",
    "who",
    "and",
    "said",
    "says",
    "of",
    "in",
    "at",
    "on",
    "for",
    "to",
    "was",
    "is",
    "has",
    "had",
    "will",
    "would",
}


@dataclass(frozen=True)
class OrgInfo:
    """What a title needs to know about an organisation written next to it."""

    name: str
    country: str | None
    sector: str | None
    actor_code: str | None


@dataclass
class TitleParse:
    """A title phrase read leftwards from its head, before it becomes a `Role`."""

    title: str
    sector: str | None
    country: str | None
    country_rule: str | None
    former: bool
    organization: OrgInfo | None
    start: int  # first token of the whole phrase (country and status words included)
    end: int  # token after the head
    key: tuple[str, ...]  # lower-case title words without ranks, for conventions
    needs_government: bool = False  # "president" is GOV only if the office is a government's
    capitalised: bool = False


class RoleReader:
    """Finds the roles of the PERSON mentions of one document."""

    def __init__(self, doc: Doc, orgs_by_end: dict[int, tuple[int, OrgInfo]], article_countries: set[str]):
        self.doc = doc
        self.lower = token_strings(doc, "LOWER")
        self.orgs_by_end = orgs_by_end
        self.article_countries = article_countries
        self.t: Titles = titles()

    # -- public -------------------------------------------------------------
    def roles(self, start: int, end: int) -> list[Role]:
        found = []
        for parse, rule in self._candidates(start, end):
            self._fill_country(parse)
            if parse.needs_government and not (
                parse.country or (rule == "premodifier" and parse.capitalised and not parse.organization)
            ):
                parse.sector = parse.organization.sector if parse.organization else None
            found.append(self._role(parse, rule))
        return found

    def is_title_word(self, i: int) -> bool:
        w = self.lower[i]
        t = self.t
        return w in t.vocabulary or w in t.honorifics

    # -- where titles stand ---------------------------------------------------
    def _candidates(self, start: int, end: int):
        pre = self.parse(start)
        if pre:
            if pre.country is None and pre.organization is None:  # "President Fidel Ramos of the Philippines"
                pre.country = self._of_country(end, ("of",))
                pre.country_rule = "name-of" if pre.country else None
            yield pre, "premodifier"
        app = self._apposition(end)
        if app:
            yield app, "apposition"
        if not pre and start >= 2 and self.doc[start - 1].text == ",":
            fronted = self.parse(start - 1)
            if fronted and self._fronted_apposition(fronted, end):
                yield fronted, "fronted-apposition"

    def _fronted_apposition(self, parse: TitleParse, end: int) -> bool:
        """'Russia's foreign minister, Sergei Lavrov, said': a title before the comma is the
        name's own. Not after a name ('Smith's adviser, …' is parsed elsewhere), and not when
        the title closes one clause and the name opens the next: '… met the Syrian president,
        Omar Haddad said' (a title after a verb or preposition, a name followed by its verb)."""
        doc = self.doc
        j = parse.start - 1
        if j >= 0 and doc[j].pos_ in ("PROPN", "NOUN"):
            return False
        if j >= 0 and self.lower[j] in DETERMINERS:
            j -= 1
        opens_clause = j < 0 or doc[j + 1].is_sent_start or doc[j].is_punct or doc[j].pos_ == "CCONJ"
        return opens_clause or end >= len(doc) or doc[end].pos_ not in ("VERB", "AUX")

    def _apposition(self, end: int) -> TitleParse | None:
        doc = self.doc
        if end >= len(doc) or doc[end].text != ",":
            return None
        k = end + 1
        if k < len(doc) and self.lower[k] in DETERMINERS:
            k += 1
        best = None
        for stop in range(k + 1, min(len(doc), k + 9) + 1):
            if stop < len(doc) and not self._ends_apposition(stop):
                continue
            parse = self.parse(stop)
            if parse and parse.start in (end + 1, k):  # the parse may take in the determiner itself
                best = parse
        if best and best.country is None:
            best.country = self._of_country(best.end)
            best.country_rule = "apposition-of" if best.country else None
        if best and best.organization is None and (org := self._of_org(best.end)) is not None:
            best.organization = org  # "Ban Ki-moon, the secretary general of the United Nations,"
            best.sector = best.sector or org.sector
        return best

    def _of_org(self, i: int) -> OrgInfo | None:
        """'… secretary general of the United Nations', '… a spokesman for the World Bank': the
        organisation right after 'of/for (the)'."""
        if i >= len(self.lower) or self.lower[i] not in ("of", "for"):
            return None
        starts = {start: (end, info) for end, (start, info) in self.orgs_by_end.items()}
        for j in (i + 1, i + 2):
            if j in starts and (j == i + 1 or self.lower[i + 1] == "the"):
                return starts[j][1]
        return None

    def _ends_apposition(self, i: int) -> bool:
        tok = self.doc[i]
        return self.lower[i] in APPOSITION_END or tok.pos_ in ("VERB", "AUX")

    def _of_country(self, i: int, preps: tuple[str, ...] = ("of", "for", "in")) -> str | None:
        """'… foreign minister of Russia': the country after 'of (the)'; '… a spokesman for the
        Peruvian army', '… head of the Peruvian delegation', '… an official in the Peruvian
        government': the country word of a body (`lexicons/event_actor_nouns.tsv`) after 'of/for/in
        (the)' ("a minister of Russian descent" is no office of Russia's, "the envoy for Syria" no
        Syrian one)."""
        if i >= len(self.lower) or self.lower[i] not in preps:
            return None
        j = i + 1 + (i + 1 < len(self.lower) and self.lower[i + 1] == "the")
        found = countries.starting_at(self.doc, j, countries.NAMING)
        if found is None:
            return None
        end, ref = found
        if ref.how in ("name", "alias") and self.lower[i] == "of":
            return ref.iso3
        nouns = actor_nouns()
        body = any(t.lemma_.lower() in nouns for t in self.doc[end : end + 2] if t.pos_ == "NOUN")
        return ref.iso3 if body else None

    # -- the title grammar ----------------------------------------------------
    def parse(self, end: int) -> TitleParse | None:
        """Parse a title whose head ends just before token `end`, reading leftwards."""
        t, lower = self.t, self.lower
        head = t.longest(t.heads, lower, end)
        if not head:
            return None
        n, head_sector = head
        pos = title_start = end - n
        modifier: Sector | None = None
        portfolio: Sector | None = None
        country = org = None
        former = False
        while pos > 0:
            w = lower[pos - 1]
            mod = t.longest(t.modifiers, lower, pos)
            port = t.longest(t.portfolios, lower, pos)
            if mod or port:
                if mod and (not port or mod[0] >= port[0]):
                    pos -= mod[0]
                    modifier = mod[1] if mod[1].code else modifier
                elif port is not None:  # (always, here: `mod or port`)
                    pos -= port[0]
                    portfolio = port[1]
                title_start = pos
            elif w in t.ranks:
                pos -= 1
                title_start = pos
            elif w in t.fillers:
                pos -= 1
            elif w == "-" and pos >= 2 and lower[pos - 2] in t.status:  # "ex-president"
                former = former or t.status[lower[pos - 2]] == "former"
                pos -= 2
            elif w in t.status:
                former = former or t.status[w] == "former"
                pos -= 1
            elif (found := self._country_or_org(pos, country, org)) is not None:
                pos, country, org = found
            else:
                break
        words = self.doc[title_start:end].text.split()
        key = tuple(w for w in phrase_tokens(" ".join(words)) if w not in t.ranks and w not in t.fillers)
        sector = _sector(head_sector, modifier, portfolio, org)
        return TitleParse(
            title=_titlecase(" ".join(t.abbreviations.get(w.lower(), w) for w in words)),
            sector=sector,
            country=country,
            country_rule="premodifier" if country else None,
            former=former,
            organization=org,
            start=pos,
            end=end,
            key=key,
            needs_government=head_sector.governmental and modifier is None and portfolio is None,
            capitalised=self.doc[title_start].text[:1].isupper(),
        )

    def _country_or_org(self, pos: int, country: str | None, org: OrgInfo | None):
        """A country or organisation ending at `pos` (possessive allowed), if the phrase has none
        yet, or if the one it has was a country's name standing as the office's subject: in "White
        House Russia adviser" or "U.S. Syria envoy" the outer name holds the office."""
        p = pos - 1 if self.lower[pos - 1] in POSSESSIVE and pos >= 2 else pos
        topic = country is not None and org is None and self._country_name_at(pos)
        if org is None and (country is None or topic) and p in self.orgs_by_end:
            o_start, info = self.orgs_by_end[p]
            return o_start, info.country, info
        if country is None or topic:
            found = countries.ending_at(self.doc, p)
            if found:
                return found[0], found[1].iso3, org
        return None

    def _country_name_at(self, pos: int) -> bool:
        """Do the words from `pos` on name a country (not a demonym: "Bosnian Serb leader"), not
        as an owner ("Russia's")?"""
        found = countries.starting_at(self.doc, pos, ("name", "alias"))
        return found is not None and (found[0] >= len(self.lower) or self.lower[found[0]] not in POSSESSIVE)

    def _fill_country(self, parse: TitleParse) -> None:
        if parse.country is None and parse.organization and parse.organization.country:
            parse.country, parse.country_rule = parse.organization.country, "organization"
        if parse.country is None and parse.key in self.t.conventions:
            candidates = [c for c in self.t.conventions[parse.key] if c in self.article_countries]
            if len(candidates) == 1:
                parse.country, parse.country_rule = candidates[0], "title-convention"

    def _role(self, parse: TitleParse, rule: str) -> Role:
        span = self.doc[parse.start : parse.end]
        rules = [f"role:{rule}"] + ([f"country:{parse.country_rule}"] if parse.country_rule else [])
        return Role(
            title=parse.title,
            country=parse.country,
            sector=parse.sector,
            former=parse.former,
            organization=parse.organization.name if parse.organization else None,
            evidence=Span(start=span.start_char, end=span.end_char, text=span.text),
            rule=" ".join(rules),
        )


def _sector(head: Sector, modifier: Sector | None, portfolio: Sector | None, org: OrgInfo | None) -> str | None:
    if head.code and not head.weak:
        return head.code
    for choice in (modifier, portfolio):
        if choice and choice.code:
            return choice.code
    if head.code:
        return head.code
    return org.sector if org else None


_SMALL = {"of", "the", "and", "for", "in", "on"}


def _titlecase(text: str) -> str:
    words = text.split()
    out = []
    for i, w in enumerate(words):
        if i and w.lower() in _SMALL:
            out.append(w.lower())
        elif w.isupper() or any(c.isupper() for c in w[1:]):
            out.append(w)  # acronyms and mixed case (CEO, McMaster) stay as written
        else:
            out.append("-".join(p[:1].upper() + p[1:] for p in w.split("-")))
    return " ".join(out)

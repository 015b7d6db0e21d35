"""What an actor phrase is made of: its head past a partitive ("a group of Moroccan diplomats" →
diplomats), whether that head names a group or an office and its CAMEO sector (collective nouns of
`lexicons/event_actor_nouns.tsv`, else the titles' offices of `lexicons/titles.tsv`, else the
generic nouns of the Phoenix agents dictionary: "customs officials" GOV, "smugglers" CRM), the
words that modify it, and its own words without the clauses hanging from it.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from opslens.knowledge import phoenix
from opslens.knowledge.event_codes import actor_nouns
from opslens.knowledge.titles import Sector, titles
from opslens.nlp import token_strings
from opslens.nlp.deps import GROUP_LOCATIVES

PARTITIVES = {
    "group",
    "number",
    "third",
    "half",
    "quarter",
    "some",
    "many",
    "most",
    "dozens",
    "hundreds",
    "thousands",
    "scores",
    "members",
    "member",
    "part",
    "rest",
    "majority",
    "one",
    "two",
    "delegation",
}


def partitive_head(tok: Token) -> Token:
    """ "a group of Moroccan diplomats" → diplomats; "one third of the rebels" → rebels."""
    node = tok
    for _ in range(3):
        if node.lower_ not in PARTITIVES and node.pos_ != "NUM":
            return node
        of = next(
            (g for c in node.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"),
            None,
        )
        if of is None:
            return node
        node = of
    return node


def noun_sector(tok: Token) -> tuple[bool, str | None]:
    """Whether a noun names an actor, and its sector: the collective nouns of the lexicon,
    else the titles' offices ("minister", "judge")."""
    nouns = actor_nouns()
    heads = titles().heads
    lower = tok.lower_
    office = _title_head(tok)
    if office is not None:  # "the attorney general" is no general
        return True, office.code
    # the lemma, or the word without its plural ending when the tagger took it for a name ("Rebels")
    for form in dict.fromkeys((tok.lemma_.lower(), lower, lower[:-1] if lower.endswith("s") else lower)):
        if form in nouns:
            return True, nouns[form]
        sector = heads.get((form,))
        if sector is not None:
            return True, sector.code
    return agent_sector(tok)


def agent_sector(tok: Token) -> tuple[bool, str | None]:
    """A noun of the Phoenix agents dictionary, with the words before it that make its phrase
    ("customs officials", "dock workers"), longest first; not its generic persons ("man", "people":
    PPL), which name no group."""
    words = [tok]
    for c in reversed(list(tok.lefts)):
        if c.dep_ not in ("compound", "amod") or c.i != words[0].i - 1:
            break
        words.insert(0, c)
    for n in range(len(words), 0, -1):
        part = words[len(words) - n :]
        found = phoenix.agent([w.lower_ for w in part[:-1]] + [part[-1].lower_]) or phoenix.agent(
            [w.lower_ for w in part[:-1]] + [part[-1].lemma_.lower()]
        )
        if found is not None and found[0][:3] != "PPL":
            return True, found[0][:3] if found[0][:3] in phoenix.SECTORS else None
    return False, None


def _title_head(tok: Token) -> Sector | None:
    """The sector of a title of two or more words ending at this noun ("attorney general",
    "secretary general"), or None."""
    t = titles()
    words = token_strings(tok.doc, "LOWER")[max(0, tok.i - t.max_len + 1) : tok.i + 1]  # no Token per word
    found = t.longest(t.heads, words, len(words))
    if found is None or found[0] <= 1:
        return None
    return found[1]


def modifiers(tok: Token) -> Iterator[Token]:
    """The words that modify a noun before it or as its owner: "French" in "French mediation",
    "Romania's" in "Romania's new government" (not "in Buenos Aires")."""
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "nmod", "poss"):
            yield c
            yield from modifiers(c)


def own_words(tok: Token) -> Iterator[Token]:
    """An actor phrase's words without its clauses: "a group of Moroccan diplomats" includes
    "Moroccan", "officials who met X" does not include X."""
    yield tok
    for c in tok.children:
        if c.dep_ in ("relcl", "acl", "advcl", "appos", "conj", "cc", "punct"):
            continue
        if c.dep_ == "prep" and c.lower_ not in GROUP_LOCATIVES:
            continue
        yield from own_words(c)

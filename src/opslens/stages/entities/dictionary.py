"""Actor codes from the Phoenix dictionaries (`knowledge/phoenix.py`) for entities the text leaves
without a country: "President Ellen Johnson Sirleaf" in 2010 is LBRGOV, "the Moro Islamic
Liberation Front" PHLREB.

What the text says wins: an entity with a country or a code of its own keeps it (but for the
extra dictionaries of an evaluation run, `_by_extra`). A name is
matched whole against the dictionaries' phrases; a person only by a dictionary person (codes
bounded by dates), resolved at the article's date (out of office and with no undated code: no
code), or with no date by the country all its codes share; a full name also without the
dictionary's middle names, for a state office held or former ("former president Carlos Menem",
CARLOS_SAUL_MENEM_). A lone surname with a state office
("President Mugabe") takes the country of the dictionary's office-holders of that name when they
all have one and the article names it. A code is kept only when it
begins with a country, or IGO (not the regions and transnational groups of CAMEO: "INTREB",
"IMGMUSALQ"), except from an extra dictionary; a place only when the gazetteer knows no place of
that name elsewhere (`place_agrees`). The dictionary and line are added to the entity's
`sources` ("phoenix:Phoenix.Countries.actors.txt:27702").
"""

from __future__ import annotations

from functools import cache

from opslens.contract import Entity
from opslens.knowledge import countries, gazetteer, phoenix
from opslens.knowledge.phoenix import Actor
from opslens.knowledge.sectors import STATE_SECTORS

CODED_TYPES = ("PERSON", "ORG", "NORP", "GPE", "LOC", "FAC")
GROUP_FILES = ("Phoenix.MilNonState.actors.txt", "Phoenix.International.actors.txt")  # bodies and armed groups


def coded(entities: list[Entity], published: str | None, article_countries: set[str]) -> list[Entity]:
    """The entities, those the dictionaries code given their code, country and its origin."""
    date = phoenix.date_number(published)
    return [_coded(e, date, article_countries) for e in entities]


def _coded(entity: Entity, date: int | None, article_countries: set[str]) -> Entity:
    if entity.type not in CODED_TYPES:
        return entity
    found = _by_extra(entity, date) if phoenix.extra_folder() else None
    if found is None and (entity.actor_code or entity.country):
        return entity
    found = found or _by_name(entity, date)
    if found is None and entity.type == "PERSON":
        found = _by_first_and_last(entity, date) or _by_surname(entity, date, article_countries)
    if found is None:
        return entity
    code, origin = found
    sector = _office_sector(entity)
    if len(code) == 3 and sector and code != "IGO":
        code += sector  # the country from the dictionary, the office from the text
    country = code[:3] if countries.country_name(code[:3]) else None
    return entity.model_copy(
        update={"actor_code": code, "country": country, "sources": [*entity.sources, f"phoenix:{origin}"]}
    )


def _by_name(entity: Entity, date: int | None) -> tuple[str, str] | None:
    """The first of the entity's names (longest first) that a dictionary codes, a person's also
    with the title the text gives ("Pope Francis", "King Hussein": the dictionaries write them so)."""
    titled = (
        [f"{r.title} {entity.name}" for r in entity.roles if r.title and not r.former]
        if entity.type == "PERSON"
        else []
    )
    for form in sorted(dict.fromkeys([entity.name, *entity.aliases, *titled]), key=lambda f: -len(f.split())):
        found = phoenix.actor(form)
        if found is None:
            continue
        actor, extra = found
        if entity.type == "PERSON" and not (actor.dated or extra or actor.file in GROUP_FILES):
            continue  # a person only by a person ("Jordan" the footballer is no country), or by a group
            # the parser took for one ("Al-Shabaab")
        code = actor.code_at(date)
        if code and (extra or (usable(code) and (entity.type not in PLACE_TYPES or place_agrees(form, code)))):
            return code, actor.origin
    return None


PLACE_TYPES = ("GPE", "LOC", "FAC")


def place_agrees(name: str, code: str) -> bool:
    """A place the dictionary puts in a country, when every place of that name the gazetteer
    knows is in it too ("Benghazi"), or it knows none: "Manchester" may be in New Hampshire, and
    the places stage reads such a name in its article's context."""
    return all(c.country == code[:3] for c in gazetteer.lookup(name))


def _by_extra(entity: Entity, date: int | None) -> tuple[str, str] | None:
    """An extra (evaluation) dictionary's code for the first name it lists in the entity's name
    ("Evil Mordor", "Gondor of the Prince of Dol Amroth"): such a dictionary is the coder's whole
    knowledge of its fictional world, and wins. Not for a name of several ("Gondor and Arnor"),
    which the events stage reads as a compound actor."""
    for form in sorted(dict.fromkeys([entity.name, *entity.aliases]), key=lambda f: -len(f.split())):
        words = form.split()
        if "and" in words or "," in form:
            continue
        for _, _, actor, extra in phoenix.actors_in(words):
            code = actor.code_at(date)
            if extra and code:
                return code, actor.origin
    return None


def _by_first_and_last(entity: Entity, date: int | None) -> tuple[str, str] | None:
    """ "President Carlos Menem" for CARLOS_SAUL_MENEM_: a state office-holder's name written
    without the middle names of the dictionary's office-holders, when those so named share one
    country."""
    words = phoenix.key(entity.name).split(" ")
    if len(words) < 2 or not any(r.former or r.sector in STATE_SECTORS for r in entity.roles):
        return None  # a name less distinctive than the dictionary's: only for a state office, held or former
    holders = [
        (actor, code)
        for actor, extra in phoenix.holders(words[-1])
        if actor.phrase.split(" ")[0] == words[0] and (code := actor.code_at(date)) and (extra or usable(code))
    ]
    if len({code[:3] for _, code in holders}) != 1:
        return None
    codes = {code for _, code in holders}
    return (codes.pop() if len(codes) == 1 else holders[0][1][:3]), holders[0][0].origin


def _by_surname(entity: Entity, date: int | None, article_countries: set[str]) -> tuple[str, str] | None:
    """ "President Mugabe": a surname alone, with a state office and no country written."""
    if len(entity.name.split()) != 1 or _office_sector(entity) is None:
        return None
    holders: list[tuple[Actor, str]] = []
    for actor, extra in phoenix.holders(entity.name):
        code = actor.code_at(date)
        if code and (extra or usable(code)):
            holders.append((actor, code))
    found = {code[:3] for _, code in holders}
    if len(found) != 1:
        return None
    country = next(iter(found))
    if country not in article_countries:
        return None  # "President Ruiz": a surname is no evidence of a country the article does not name
    return country, holders[0][0].origin


def _office_sector(entity: Entity) -> str | None:
    """The sector of the entity's current state office written in the text, if any."""
    return next(
        (r.sector for r in entity.roles if not r.former and r.sector in STATE_SECTORS and not r.country),
        None,
    )


@cache
def usable(code: str) -> bool:
    """A code that begins with a country or names a body beyond states (CAMEO's IGO, IMG, NGO:
    "IMGMUSALQ" al-Qaeda): the first three letters are what the events read. Not a region or
    CAMEO's loose "international" (INTREB), which name no actor, nor a company's MNC (its
    country comes after: "MNCUSA" is read as the United States elsewhere)."""
    return code[:3] in TRANSNATIONAL or countries.country_name(code[:3]) is not None


TRANSNATIONAL = ("IGO", "IMG", "NGO")

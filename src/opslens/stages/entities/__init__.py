"""Entities stage: who and what an article names, one entity per real-world thing.

spaCy's NER proposes mentions, the organisation lexicon adds the ones it misses; mentions are
trimmed ("the", possessives, titles) (`mentions.py`); what each name denotes is settled
(`denotation.py`), people get roles from the words around them (`roles.py`), mentions of one thing
are merged ("Truss" = "Liz Truss", "NATO" = "North Atlantic Treaty Organization", "Britain" = "the
United Kingdom"), and each entity gets a country, a CAMEO-style actor code and, for organisations,
a kind (`clusters.py`); one the text leaves without a country may get them from the Phoenix
dictionaries at the article's date (`dictionary.py`), else from the one country of its sentences
(`context.py`). What a name denotes is read from all its mentions in the article, not from the
NER's one guess: a "person" standing where places stand is a place, a lone surname the NER took for
an organisation or a town joins the full name, a name ending in "Corp" is a company. Every fact
keeps its evidence span; unsure fields stay null.
"""

from __future__ import annotations

from spacy.tokens import Doc

from opslens.contract import Analysis, Entity
from opslens.stages.entities import context, denotation, dictionary
from opslens.stages.entities.clusters import cluster, entity_record
from opslens.stages.entities.mentions import find_mentions, without_consumed
from opslens.stages.entities.roles import RoleReader


def find_entities(doc: Doc, analysis: Analysis) -> list[Entity]:
    """The entities of a parsed document, numbered e1, e2, … in the order they are first named."""
    mentions = find_mentions(doc)
    for m in mentions:
        denotation.attach_lexicons(doc, m)
        denotation.company_by_its_name(doc, m)
    denotation.countries_taken_for_people(doc, mentions)
    article_countries = {m.country.iso3 for m in mentions if m.country} | denotation.gazetteer_countries(doc, mentions)
    reader = RoleReader(doc, denotation.orgs_by_end(doc, mentions), article_countries)
    for m in mentions:
        if m.type == "PERSON":
            m.roles = reader.roles(m.start, m.end)
    denotation.places_taken_for_people(doc, mentions)
    mentions = without_consumed(doc, mentions)
    entities = [entity_record(doc, f"e{i}", c) for i, c in enumerate(cluster(doc, mentions), 1)]
    entities = dictionary.coded(entities, analysis.article.published.value, article_countries)
    return context.placed(doc, entities)

"""Where a report comes from (its origin key), and how well a merged event is sourced (its grade).

The origin of a report is where its attribution chain ends:
- a named source (an entity the analysis resolved, or an organisation `organizations.tsv` lists):
  that source, normalised, whoever relayed it: five outlets repeating one TASS report are one
  origin, and so are three articles quoting Dmitry Peskov;
- an anonymous source ("a senior official"), or a source named only by words the analysis could not
  resolve ("officials", "they"): the reporting outlet's (or the named relay's) own, with its words:
  AFP's anonymous official and Reuters' are two origins, since nothing says they are one person;
- no attribution: the outlet's own reporting.
A wire copy reports as its copy group's original: an outlet reprinting Reuters is Reuters' report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from opslens.contract import Analysis, Attribution, ChainLink, Entity

STATE = "state_media"
ANONYMOUS_KINDS = frozenset({"anonymous_official"})
_PUNCT = re.compile(r"[^\w\s]")


@dataclass(frozen=True, slots=True)
class Origin:
    key: str  # what independent reports differ in
    name: str  # as shown: "TASS", "Dmitry Peskov", "AFP (anonymous: a senior official)"
    kind: str  # named_official | state_media | wire_agency | news_outlet | anonymous | own | other …


def normal(text: str) -> str:
    return " ".join(_PUNCT.sub(" ", text.lower()).split())


def attribution_of(analysis: Analysis, attribution_id: str | None) -> Attribution | None:
    if not attribution_id:
        return None
    return next((a for a in analysis.every_attribution() if a.id == attribution_id), None)


def origin_of(analysis: Analysis, attribution: Attribution | None, reporter: str) -> Origin:
    """The origin of a report whose chain is `attribution`'s; `reporter` names the reporting outlet
    (the copy group's original's), as "outlet:reuters" or "article:<sha256>"."""
    chain = attribution.chain if attribution is not None else []
    if not chain:
        return Origin(f"own:{reporter}", f"{_shown(reporter)} (own reporting)", "own")
    last = chain[-1]
    entities = {e.id: e for e in analysis.entities}
    anonymous = (attribution is not None and attribution.anonymous) or last.kind in ANONYMOUS_KINDS
    if not anonymous and (named := _named(last, entities.get(last.entity or ""))) is not None:
        return named
    # unnamed: scoped to the nearest named relay of the chain, else to the reporting outlet
    relay = next(
        (o for link in reversed(chain[:-1]) if (o := _named(link, entities.get(link.entity or ""))) is not None),
        None,
    )
    scope = relay.key if relay is not None else reporter
    scope_name = relay.name if relay is not None else _shown(reporter)
    what = "anonymous" if anonymous else "unnamed"
    words = normal(last.name)
    kind = "anonymous" if anonymous else "other"
    return Origin(f"{scope}/{what}:{words}", f"{scope_name} ({what}: {last.name})", kind)


def _named(link: ChainLink, entity: Entity | None) -> Origin | None:
    """A link that names its source: an entity of the analysis or a listed organisation."""
    org = _org(link.name) or (_org(entity.name) if entity is not None else None)
    if org is not None:
        return Origin(f"org:{normal(org[0])}", org[0], org[1])
    if entity is None:
        return None
    if entity.type == "PERSON":
        surname = normal(entity.name).split()[-1:] or [normal(link.name)]
        return Origin(f"person:{surname[0]}", entity.name, link.kind or "other")
    return Origin(f"{entity.type.lower()}:{normal(entity.name)}", entity.name, link.kind or "other")


@cache
def _org(name: str) -> tuple[str, str] | None:
    from opslens.knowledge import orgs

    entry = orgs.lookup(name.strip())
    if entry is None:
        return None
    return entry.name, entry.kind


def reporter_of(outlet: str | None, sha256: str) -> str:
    """The key of a reporting outlet: its listed name, its name, or the article itself (no outlet)."""
    if outlet:
        org = _org(outlet)
        return f"outlet:{normal(org[0] if org else outlet)}"
    return f"article:{sha256[:12]}"


def _shown(reporter: str) -> str:
    kind, _, value = reporter.partition(":")
    return f"article {value}" if kind == "article" else value


def is_state_media(origin: Origin, outlet: str | None) -> bool:
    if origin.kind == STATE:
        return True
    org = _org(outlet) if outlet and origin.kind == "own" else None
    return org is not None and org[1] == STATE


# -- grades ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Grade:
    grade: str  # strong | moderate | weak | single
    why: str


def grade(origins: list[dict], n_reports: int, n_articles: int, n_outlets: int) -> Grade:
    """Strong: 3+ independent origins, not all anonymous or state media. Moderate: 2 origins, or 3+
    that are all anonymous or state media. Weak: several reports of one origin. Single: one report."""
    n = len(origins)
    named = sum(1 for o in origins if o["kind"] == "named_official")
    anonymous = sum(1 for o in origins if o["kind"] == "anonymous")
    state = [o["name"] for o in origins if o["state_media"]]
    solid = sum(1 for o in origins if o["kind"] != "anonymous" and not o["state_media"])
    if n_reports == 1:
        label = "single"
    elif n == 1:
        label = "weak"
    elif n >= 3 and solid:
        label = "strong"
    else:
        label = "moderate"
    parts = [_count(n, "independent origin")]
    if named:
        parts.append(_count(named, "named official"))
    if anonymous:
        parts.append(_count(anonymous, "anonymous source"))
    if state:
        parts.append(f"{_count(len(state), 'state-media origin')} ({', '.join(sorted(state))})")
    parts.append(f"{_count(n_reports, 'report')} in {_count(n_articles, 'article')} from {_count(n_outlets, 'outlet')}")
    return Grade(label, ", ".join(parts))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"

"""An entity row of a stored article as linking sees it, and the keys of canonical entities."""

from __future__ import annotations

from dataclasses import dataclass

from opslens.link.names import Identity, identify

UNKNOWN = "?"  # the country part of the key of a split block's mentions that name no country


@dataclass(frozen=True, slots=True)
class Mention:
    """One entity row of an article being linked, with its identity across the store."""

    row_id: int
    article_row_id: int
    day: str | None
    identity: Identity
    name: str
    type: str
    actor_code: str | None
    aliases: tuple[str, ...]
    roles: tuple[dict, ...]


def mention_of(r, day: str | None) -> Mention:
    """A Mention from an entities row joined with its article's sha256."""
    aliases = tuple(r.aliases or ())
    identity = identify(r.name, r.type, r.country, r.actor_code, list(aliases), f"{r.sha256[:12]}.{r.local_id}")
    return Mention(
        row_id=r.id,
        article_row_id=r.article_row_id,
        day=day,
        identity=identity,
        name=r.name,
        type=r.type,
        actor_code=r.actor_code,
        aliases=aliases,
        roles=tuple(r.roles or ()),
    )


def key_country(key: str) -> str | None:
    """The country a split block's key names ("person:john smith@GBR" → GBR), else None."""
    _, _, country = key.rpartition("@")
    return country if len(country) == 3 and country.isupper() else None

"""Query parameters the API's endpoints share, checked the way the CLI checks its flags: a value
that cannot mean anything is a bad parameter (400), not an empty answer."""

from __future__ import annotations

import re
from functools import cache

from opslens.errors import ConfigError

DATE = re.compile(r"\d{4}(?:-\d\d(?:-\d\d)?)?")
DAY = re.compile(r"\d{4}-\d\d-\d\d")
CODE = re.compile(r"[A-Z]{3}[A-Z0-9]*")
COUNTRY = re.compile(r"[A-Z]{3}")


def date(name: str, value: str | None) -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD."""
    if value is not None and not DATE.fullmatch(value):
        raise ConfigError(f"{name} takes a date as YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    return value


def day(name: str, value: str | None) -> str | None:
    if value is not None and not DAY.fullmatch(value):
        raise ConfigError(f"{name} takes a day as YYYY-MM-DD, not {value!r}")
    return value


def code(name: str, value: str | None) -> str | None:
    """An actor code or its prefix, at least a country's three letters (RUS, RUSGOV)."""
    if value is None:
        return None
    upper = value.strip().upper()
    if not CODE.fullmatch(upper):
        raise ConfigError(f"{name} takes an actor code such as GBR or RUSGOV, not {value!r}")
    return upper


def country(value: str | None) -> str | None:
    if value is not None and not COUNTRY.fullmatch(value.strip().upper()):
        raise ConfigError(f"country takes an ISO 3166 alpha-3 code such as GBR, not {value!r}")
    return value.strip().upper() if value else None


def dyad(value: str | None) -> tuple[str, str] | None:
    """ "GBR,RUS": two actor codes, either way round."""
    if value is None:
        return None
    parts = value.split(",")
    if len(parts) != 2:
        raise ConfigError(f"dyad takes two actor codes separated by a comma (GBR,RUS), not {value!r}")
    a, b = (code("dyad", p) for p in parts)
    assert a is not None and b is not None
    return a, b


def plover(value: str | None) -> str | None:
    if value is None:
        return None
    category = value.strip().upper()
    if category not in plover_categories():
        raise ConfigError(f"plover: {value!r} is not a PLOVER category ({', '.join(sorted(plover_categories()))})")
    return category


@cache
def plover_categories() -> frozenset[str]:
    from opslens.knowledge.event_codes import cameo_table

    return frozenset(r["plover_2021_event"] for r in cameo_table().values()) - {"", "dropped"}


def modality(value: str | None) -> str | None:
    from opslens.link.rules import MODALITIES

    if value is not None and value.lower() not in MODALITIES:
        raise ConfigError(f"modality: {value!r} is not a modality ({', '.join(sorted(MODALITIES))})")
    return value.lower() if value else None

"""One paged shape for every list the API answers: `{"items": [...], "next": CURSOR | null}`.

A cursor is opaque to clients (base64url of a small JSON object naming its listing and where
the next page starts); `?after=CURSOR&limit=N` asks for the next page. A cursor that does not
decode, or belongs to another listing, is a bad parameter.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel, Field

from opslens.errors import ConfigError

T = TypeVar("T")
MAX_LIMIT = 500
DEFAULT_LIMIT = 50

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Items per page (1–{MAX_LIMIT}).")]
After = Annotated[
    str | None, Query(max_length=1000, description="The `next` cursor of the previous page; absent for the first.")
]


class Page(BaseModel, Generic[T]):
    """One page of a listing (what the OpenAPI document shows; answers are written as they are)."""

    items: list[T]
    next: str | None = Field(description="The cursor of the next page (pass it as ?after=); null on the last one.")


def encode(listing: str, where: dict[str, Any]) -> str:
    raw = json.dumps({"l": listing, **where}, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode(listing: str, cursor: str) -> dict[str, Any]:
    """The position a cursor of `listing` holds; ConfigError for anything else."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        found = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError):
        found = None
    if not isinstance(found, dict) or found.pop("l", None) != listing:
        raise ConfigError(f"after: not a cursor of this listing ({listing}); use the `next` of its previous page")
    return found


def offset_of(listing: str, cursor: str | None) -> int:
    if cursor is None:
        return 0
    offset = decode(listing, cursor).get("o")
    if not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
        raise ConfigError(f"after: not a cursor of this listing ({listing})")
    return offset


def page(items: list, cursor: str | None) -> dict[str, Any]:
    return {"items": items, "next": cursor}


def offset_page(listing: str, rows: list, offset: int, limit: int) -> dict[str, Any]:
    """A page of rows fetched with `limit + 1`: the extra row only tells that there is a next page."""
    more = len(rows) > limit
    return page(rows[:limit], encode(listing, {"o": offset + limit}) if more else None)


def key_of(listing: str, cursor: str | None) -> dict[str, Any] | None:
    """The position a keyset cursor of `listing` holds (None for the first page)."""
    return None if cursor is None else decode(listing, cursor)


def keyed_page(listing: str, rows: list, limit: int, key) -> dict[str, Any]:
    """A page of rows fetched with `limit + 1`, its cursor the position `key` gives of its last row:
    rows stored meanwhile shift no page (an offset would repeat or skip them)."""
    more = len(rows) > limit
    shown = rows[:limit]
    return page(shown, encode(listing, key(shown[-1])) if more and shown else None)

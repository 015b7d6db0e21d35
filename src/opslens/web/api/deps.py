"""What endpoints receive from the app: the open store."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from opslens.store import Store


def store_of(request: Request) -> Store:
    return request.app.state.store


StoreDep = Annotated[Store, Depends(store_of)]

"""The HTTP API under /api: one module per resource, each with its `router`.

Every list answers `{"items": [...], "next": cursor}` (opslens.web.paging); every error
`{"error": {"code", "message"}}` (opslens.web.errors).
"""

from __future__ import annotations

from fastapi import APIRouter

from opslens.web.api import (
    alerts,
    analyze,
    articles,
    docs,
    entities,
    events,
    exports,
    rules,
    search,
    stories,
    timeline,
)
from opslens.web.errors import DOCUMENTED

router = APIRouter(prefix="/api", responses=DOCUMENTED)
for _module in (articles, events, stories, entities, timeline, alerts, search, analyze, rules, exports, docs):
    router.include_router(_module.router)

"""JSON out: one writer for every answer of the API.

Article text is news from anywhere, and may hold markup (`<script>…`). Answers are
`application/json` with `nosniff`, so no browser renders them as HTML; `<`, `>` and `&` are
written as \\u escapes besides, so that the same JSON pasted into a page cannot close a tag.
A JSON parser reads back the very text.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from starlette.responses import JSONResponse, Response

MEDIA_TYPE = "application/json"
_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).translate(_ESCAPES)


class JSON(JSONResponse):
    """A JSON answer written by `dumps`; handlers return it as is (no FastAPI re-encoding)."""

    media_type = MEDIA_TYPE

    def render(self, content: Any) -> bytes:
        return dumps(content).encode("utf-8")


BRIEF_TYPES = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8"}
BriefFormat = Literal["md", "html"]


def brief_file(text: str, filename: str, fmt: BriefFormat) -> Response:
    """A brief (opslens.export.briefs) to save: an attachment, never a page shown under the API's origin."""
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    return Response(text.encode("utf-8"), media_type=BRIEF_TYPES[fmt], headers=headers)

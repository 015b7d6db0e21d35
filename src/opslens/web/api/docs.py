"""`/api/docs`: the API described in plain HTML, made from the OpenAPI document on the server.

FastAPI's own documentation pages load their scripts from a CDN, which OpsLens never uses, so
they are off; this page has no script at all. `/api/openapi.json` is the full description.
"""

from __future__ import annotations

from html import escape

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

router = APIRouter()
METHODS = ("get", "post", "put", "delete")


@router.get("/docs", response_class=HTMLResponse, include_in_schema=False)
def docs(request: Request) -> HTMLResponse:
    spec = request.app.openapi()
    rows = []
    for path, operations in spec.get("paths", {}).items():
        for method in METHODS:
            if op := operations.get(method):
                rows.append(_operation(method, path, op))
    title = escape(f"{spec['info']['title']} {spec['info']['version']}")
    body = (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title></head><body>"
        f"<h1>{title}</h1><p>The full description: <a href='/api/openapi.json'>/api/openapi.json</a></p>"
        f"{''.join(rows)}</body></html>"
    )
    return HTMLResponse(body)


def _operation(method: str, path: str, op: dict) -> str:
    names = [
        f"<li><code>{escape(p['name'])}</code> ({escape(p['in'])}): {escape(p.get('description', ''))}</li>"
        for p in op.get("parameters", [])
    ]
    summary = escape(op.get("description") or op.get("summary") or "")
    listed = f"<ul>{''.join(names)}</ul>" if names else ""
    return f"<h2><code>{method.upper()} {escape(path)}</code></h2><p>{summary}</p>{listed}"

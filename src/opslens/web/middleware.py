"""What wraps every request: security headers (and the last word on failures), the limits of
what a request may hold (its body's size; no NUL character in its path or query, which
PostgreSQL refuses in text).

Plain ASGI middleware, not Starlette's BaseHTTPMiddleware: the body cap must see the body as it
streams in, and neither may buffer a response.
"""

from __future__ import annotations

import logging

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from opslens.web.errors import INTERNAL, error_response

log = logging.getLogger("opslens.web")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)


class SecurityHeaders:
    """Adds the security headers to every answer. It is the outermost layer of the app's own, so
    a failure nothing else handled ends here: logged, and answered as a bare 500."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {name for name, _ in HEADERS}
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message = {**message, "headers": kept + list(HEADERS)}
            await send(message)

        try:
            await self.app(scope, receive, with_headers)
        except Exception:
            log.exception("%s %s failed", scope.get("method"), scope.get("path"))
            if started:
                raise  # the answer is under way: only the server can cut it off
            await error_response(500, INTERNAL)(scope, receive, with_headers)


class RequestLimits:
    """Refuses a request body over `max_body` bytes with 413: at once when its Content-Length says
    so, else as soon as the bytes streamed in pass the cap (without reading the rest). A NUL
    character in the path or the query is a bad parameter (400)."""

    def __init__(self, app: ASGIApp, max_body: int):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if "\x00" in scope.get("path", "") or b"%00" in scope.get("query_string", b""):
            await error_response(400, "the request's path or query holds a NUL character")(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared == -1:
            await error_response(400, "the Content-Length header is not a number of bytes")(scope, receive, send)
            return
        if declared is not None and declared > self.max_body:
            await error_response(413, self._too_large())(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:  # an HTTPException: FastAPI's body parsing lets it through
                    raise HTTPException(413, self._too_large())
            return message

        await self.app(scope, counted, send)

    def _too_large(self) -> str:
        return f"the request body is over the limit of {self.max_body:,} bytes"


def _content_length(scope: Scope) -> int | None:
    """The declared body length; None when not declared, -1 when not a number."""
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            text = value.decode("latin-1").strip()
            return int(text) if text.isdigit() else -1
    return None

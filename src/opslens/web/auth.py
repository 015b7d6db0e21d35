"""Who may write: the bearer token of the write endpoints.

When a token is configured, every write needs `Authorization: Bearer TOKEN` (compared in
constant time). Without one the server binds loopback only (`check_config` refuses otherwise),
so only this machine's users reach the write endpoints.
"""

from __future__ import annotations

import hmac

from fastapi import HTTPException, Request

CHALLENGE = {"WWW-Authenticate": "Bearer"}


def require_writer(request: Request) -> None:
    """A dependency of every write endpoint."""
    token: str | None = request.app.state.config.token
    if not token:
        return
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise HTTPException(401, "this endpoint needs the server's token: Authorization: Bearer TOKEN", CHALLENGE)
    if not hmac.compare_digest(given.strip().encode("utf-8"), token.encode("utf-8")):
        raise HTTPException(403, "the token is not the server's", CHALLENGE)

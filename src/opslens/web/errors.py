"""One error shape for every error the API answers: `{"error": {"code": ..., "message": ...}}`.

The library's errors map to statuses by kind (a bad parameter 400, an unknown id 404, an input
too large 413, an input that cannot be analysed 422); FastAPI's own (a parameter that fails
validation, a path no route takes, a method a route does not take) take the same shape. A 500
says only that something failed: the details go to the server's log, never to the client.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from opslens.errors import (
    BlockedAddressError,
    ConfigError,
    FetchError,
    InputError,
    InputTooLargeError,
    NotFoundError,
    OpsLensError,
)
from opslens.web.responses import JSON

log = logging.getLogger("opslens.web")

CODES = {
    400: "bad_parameter",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "not_analysable",
    500: "internal",
    502: "fetch_failed",
}
INTERNAL = "the server failed to answer this request; its log says why"
# The first match decides: subclasses before the classes they extend.
STATUSES: tuple[tuple[type[OpsLensError], int], ...] = (
    (BlockedAddressError, 400),  # a URL the server may not fetch is a bad parameter
    (InputTooLargeError, 413),
    (FetchError, 502),  # the page's server failed, not ours
    (InputError, 422),
    (ConfigError, 400),
    (NotFoundError, 404),
)


class ErrorBody(BaseModel):
    code: str
    message: str


class ErrorAnswer(BaseModel):
    """What every error answers (the OpenAPI document shows it for every endpoint)."""

    error: ErrorBody


DOCUMENTED: dict[int | str, dict[str, Any]] = {
    "4XX": {
        "model": ErrorAnswer,
        "description": "400 bad parameter, 401/403 token missing or wrong, 404 unknown id, 413 body too large, "
        "422 not analysable",
    },
    "5XX": {"model": ErrorAnswer, "description": "500 the server failed (its log says why), 502 a download failed"},
}


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> JSON:
    body = {"error": {"code": CODES.get(status, f"http_{status}"), "message": message}}
    return JSON(body, status_code=status, headers=headers)


def status_of(exc: OpsLensError) -> int:
    return next((status for kind, status in STATUSES if isinstance(exc, kind)), 500)


async def _library(request: Request, exc: Exception) -> JSON:
    assert isinstance(exc, OpsLensError)
    status = status_of(exc)
    if status == 500:
        log.error("%s %s failed: %s", request.method, request.url.path, exc, exc_info=exc)
        return error_response(500, INTERNAL)
    return error_response(status, str(exc))


async def _validation(request: Request, exc: Exception) -> JSON:
    assert isinstance(exc, RequestValidationError)
    return error_response(400, "; ".join(_problem(e) for e in exc.errors()[:5]))


def _problem(error: dict) -> str:
    where = [str(p) for p in error.get("loc", ()) if p not in ("query", "path", "body", "header")]
    name = ".".join(where) or "request"
    return f"{name}: {error.get('msg', 'invalid')}"


async def _http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = str(exc.detail)
    if exc.status_code == 404 and message == "Not Found" and _a_page(request.url.path):
        from opslens.web.pages.common import not_found  # a person in a browser: the dashboard's 404 page

        return not_found(request, f"There is no page at {request.url.path}.")
    if exc.status_code == 404 and message == "Not Found":
        message = f"no such path: {request.url.path} (the API is described at /api/openapi.json)"
    elif exc.status_code == 405:
        message = f"{request.method} is not allowed on {request.url.path}"
    return error_response(exc.status_code, message, dict(exc.headers or {}))


def _a_page(path: str) -> bool:
    return not path.startswith(("/api/", "/static/")) and path != "/api"


def install(app: FastAPI) -> None:
    app.add_exception_handler(OpsLensError, _library)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(HTTPException, _http)

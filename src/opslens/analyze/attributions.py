"""Attributions stage: direct quotes and reported speech, with cue, source, content and chain."""

from __future__ import annotations

from spacy.tokens import Doc

from opslens.model import Analysis, Attribution


def find_attributions(doc: Doc, analysis: Analysis) -> list[Attribution]:
    return []

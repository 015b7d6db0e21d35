"""Places stage: toponyms resolved to coordinates and GeoNames ids from an offline gazetteer."""

from __future__ import annotations

from spacy.tokens import Doc

from opslens.model import Analysis, Place


def find_places(doc: Doc, analysis: Analysis) -> list[Place]:
    return []

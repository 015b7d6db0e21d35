"""The words of `lexicons/gender_words.tsv` that say whether a person is a man or a woman: an
honorific before a name ("Ms. Okafor") or the head of a title ("spokeswoman"), read for "he"/"she".
"""

from __future__ import annotations

from functools import cache

from opslens.knowledge import read_tsv


@cache
def gender_words() -> dict[str, str]:
    """word (lower case, as tokenised) → "m" or "f"."""
    return {row["word"]: row["gender"] for row in read_tsv("gender_words.tsv")}

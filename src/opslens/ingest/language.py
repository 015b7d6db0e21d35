"""English or not: a cheap function-word test first, langdetect only when that is inconclusive.

News leads are dense with foreign names ("Laszlo Kovacs met Eduard Kukan in Bratislava"), which
is exactly what fools character-n-gram detectors on short texts. So the English evidence is
counted among *lowercase* words (names are capitalised), and a text is taken for another
language only when langdetect is confident AND the English evidence is weak. Such articles are
kept (text and metadata); the pipeline skips its English-only stages for them.
"""

from __future__ import annotations

import re
from functools import cache

# Common English function words that are not also frequent words of other European languages
# (no "a", "in", "an", "is", "was", "die", "no", "on", "so", "also", "will", "do", "as", "her",
# "we", "had", "over", "under": they collide with French, German, Dutch, Portuguese, Norwegian…).
# fmt: off
FUNCTION_WORDS = frozenset([
    "the", "of", "and", "to", "for", "that", "with", "by", "at", "from", "this", "these",
    "those", "it", "its", "he", "she", "they", "them", "their", "his", "our", "you", "your",
    "be", "been", "being", "are", "were", "has", "have", "does", "did", "not", "but", "or",
    "if", "than", "then", "there", "which", "who", "whom", "whose", "what", "when", "where",
    "while", "would", "could", "should", "shall", "might", "must", "can", "about", "after",
    "before", "into", "between", "against", "during", "since", "until", "because", "however",
    "said", "says",
])
# fmt: on

MIN_LETTERS = 40  # below this nothing is reliable: accept
CLEARLY_ENGLISH = 0.2  # share of function words among lowercase words; English prose runs 0.4–0.6
WEAK_ENGLISH = 0.1
CONFIDENT = 0.9
SAMPLE_CHARS = 2000
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def detect_language(text: str) -> str:
    """'en', or the code of the language langdetect is confident about."""
    sample = text[:SAMPLE_CHARS]
    words = WORD.findall(sample)
    if sum(len(w) for w in words) < MIN_LETTERS:
        return "en"
    if _latin_share(words) < 0.5:  # another script: English cannot be it, ask langdetect
        lang, prob = _langdetect(sample)
        return lang if prob >= CONFIDENT else "en"
    lower = [w for w in words if not w[0].isupper()]
    share = sum(w.lower() in FUNCTION_WORDS for w in lower) / len(lower) if lower else 0.0
    if len(lower) < 4 or share >= CLEARLY_ENGLISH:
        return "en"  # mostly names, or clearly English
    lang, prob = _langdetect(sample)
    if lang != "en" and prob >= CONFIDENT and share < WEAK_ENGLISH:
        return lang
    return "en"


def language_name(code: str) -> str:
    """ "ru" -> "Russian"; the code itself when pycountry does not know it."""
    try:
        import pycountry

        found = pycountry.languages.get(alpha_2=code.split("-")[0])
    except (ImportError, LookupError, KeyError):
        found = None
    return found.name if found else code


def _latin_share(words: list[str]) -> float:
    letters = "".join(words)
    return sum(ch < "\u0250" for ch in letters) / len(letters)


@cache
def _factory():
    from langdetect import DetectorFactory

    DetectorFactory.seed = 0  # deterministic answers
    return DetectorFactory


def _langdetect(sample: str) -> tuple[str, float]:
    from langdetect import detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    _factory()
    try:
        best = detect_langs(sample)[0]
    except LangDetectException:
        return "en", 0.0
    return best.lang, best.prob

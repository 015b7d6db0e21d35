"""Wire copies: articles whose texts are near-duplicates form a copy group with one original.

MinHash (datasketch, 128 permutations, fixed seed) over 5-word shingles of the normalised text,
banded for LSH into 32 bands of 4 rows. The band keys live in `minhash_bands`, so an article's
candidates are one indexed lookup however large the store; each candidate is then verified: the
Jaccard similarity the two signatures estimate (>= 0.7), else, for a candidate that may be a
trimmed copy, the share of the shorter text's shingles found in the longer (>= 0.8, counted
exactly on the two texts).

Why 0.7: an outlet's copy of a wire report adds a header or a closing line, drops the dateline,
changes a word or two; each change removes up to 5 shingles, so a 150-word report with a header
and two words changed keeps a Jaccard similarity near 0.78. Two different reports of one event
share far less (under 0.2 in practice: the same facts in other words share few 5-word runs).
Why containment too: outlets cut wire reports to length, most often from the end. A copy of the
first two thirds of a report holds all its shingles in the report but shares only about 0.65 of
their union. It must keep at least half the report (estimated Jaccard >= 0.4) and 40 shingles:
a short quote found whole in a long article is no copy of it.
Why 32 x 4: a pair becomes a candidate with probability 1 - (1 - J^4)^32: 0.87 at J = 0.5, 0.98
at 0.6, 0.9998 at 0.7, 0.05 at 0.2. False candidates only cost a comparison of two signatures; a
missed copy is never found again, so the banding favours recall and the verification precision.

The original of a group: the member an agency published (its outlet is a wire agency or a
state news agency of `organizations.tsv`), else one crediting such an agency (article.credits or
the text's own credit, "MOSCOW (Reuters) -"), else the earliest day, then the smallest sha256:
the same whatever order the articles came in. Members point at it through `copy_of`.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache

import numpy as np
from datasketch import MinHash
from sqlalchemy import and_, delete, insert, or_, select, update

from opslens.link.run import LinkedArticle, LinkRun
from opslens.store.schema import ArticleRow, LinkedArticleRow, MinhashBandRow

NUM_PERM = 128
SEED = 20  # fixed: signatures stored today must compare with those made tomorrow
SHINGLE = 5  # words per shingle
BANDS, ROWS = 32, 4  # migration 0008 rebuilds stored bands when this changes
THRESHOLD = 0.7  # estimated Jaccard similarity at or above which two texts are copies
CONTAINED = 0.8  # share of the shorter text's shingles in the longer at or above which it is a trimmed copy
TRIMMED_FLOOR = 0.4  # estimated Jaccard below which containment is not counted (less than half kept)
MIN_SHINGLES = 40  # a shorter text of fewer shingles is a quote, not a copy
AGENCY_KINDS = frozenset({"wire_agency", "state_media"})
_WORD = re.compile(r"\w+")


def link(run: LinkRun) -> None:
    """Sign each article of the run, store its bands, and join it to the copy groups it matches."""
    for art in run.load_articles(run.rows):
        text = run.analysis(art.row_id).article.text
        signature = sign(text)
        _store_signature(run, art.row_id, signature)
        if signature is None:
            continue
        matches = _verified(run, art.row_id, signature, text)
        if matches:
            _regroup(run, art.row_id, matches)


# -- signatures ----------------------------------------------------------------------------------


def shingles(text: str) -> set[bytes]:
    """The text's 5-word shingles, lowercased and stripped of punctuation (a short text: one shingle)."""
    words = _WORD.findall(text.lower())
    if not words:
        return set()
    if len(words) < SHINGLE:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)}


def sign(text: str) -> np.ndarray | None:
    """The MinHash signature (uint64 hash values) of a text, or None for a text without words."""
    grams = shingles(text)
    if not grams:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED)
    minhash.update_batch(sorted(grams))
    return np.asarray(minhash.hashvalues, dtype="<u8")


def band_keys(signature: np.ndarray) -> list[tuple[int, str]]:
    """(band, key) pairs: the sha1 of each band's hash values."""
    raw = signature.astype("<u8")
    return [(b, hashlib.sha1(raw[b * ROWS : (b + 1) * ROWS].tobytes()).hexdigest()) for b in range(BANDS)]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """The Jaccard similarity two signatures estimate: the share of equal hash values."""
    return float(np.count_nonzero(a == b)) / len(a)


def _store_signature(run: LinkRun, row_id: int, signature: np.ndarray | None) -> None:
    run.conn.execute(delete(MinhashBandRow).where(MinhashBandRow.article_row_id == row_id))
    blob = signature.astype("<u8").tobytes() if signature is not None else None
    run.conn.execute(update(LinkedArticleRow).where(LinkedArticleRow.article_row_id == row_id).values(signature=blob))
    if signature is not None:
        rows = [{"band": b, "key": k, "article_row_id": row_id} for b, k in band_keys(signature)]
        run.conn.execute(insert(MinhashBandRow), rows)


# -- candidates and groups -----------------------------------------------------------------------


def _verified(run: LinkRun, row_id: int, signature: np.ndarray, text: str) -> list[int]:
    """Articles sharing a band with this one (one indexed lookup) that are copies of it or it of them."""
    keys = band_keys(signature)
    b = MinhashBandRow
    # OR of (band, key) pairs, not a row-value IN: SQLite searches the primary key for each pair of
    # an OR, where it would scan the whole table for the IN
    bands = or_(*(and_(b.band == band, b.key == key) for band, key in keys))
    found = run.conn.execute(select(b.article_row_id).where(bands, b.article_row_id != row_id).distinct()).scalars()
    candidates = sorted(set(found))
    if not candidates:
        return []
    la = LinkedArticleRow
    rows = run.conn.execute(select(la.article_row_id, la.signature).where(la.article_row_id.in_(candidates)))
    estimated = {
        r.article_row_id: similarity(signature, np.frombuffer(r.signature, dtype="<u8")) for r in rows if r.signature
    }
    copies_ = {i for i, j in estimated.items() if j >= THRESHOLD}
    trimmed = sorted(i for i, j in estimated.items() if TRIMMED_FLOOR <= j < THRESHOLD)
    if trimmed:
        mine = shingles(text)
        texts = run.conn.execute(select(ArticleRow.id, ArticleRow.text).where(ArticleRow.id.in_(trimmed)))
        copies_ |= {r.id for r in texts if contained(mine, shingles(r.text or ""))}
    return sorted(copies_)


def contained(a: set[bytes], b: set[bytes]) -> bool:
    """Is the shorter of two shingle sets, of 40 shingles or more, at least 80 % inside the longer?"""
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return len(shorter) >= MIN_SHINGLES and len(shorter & longer) >= CONTAINED * len(shorter)


def _regroup(run: LinkRun, row_id: int, matches: list[int]) -> None:
    """Join the article and its matches' whole groups into one, pointed at the group's original."""
    la = LinkedArticleRow
    pointers = run.conn.execute(select(la.article_row_id, la.copy_of).where(la.article_row_id.in_(matches))).all()
    roots = {r.copy_of or r.article_row_id for r in pointers}
    own = run.conn.execute(select(la.copy_of).where(la.article_row_id == row_id)).scalar_one_or_none()
    roots |= {own or row_id}
    members = set(roots) | {row_id}
    members |= set(run.conn.execute(select(la.article_row_id).where(la.copy_of.in_(sorted(roots)))).scalars())
    ordered = sorted(members)
    texts: dict[int, str] = {
        r.id: r.text for r in run.conn.execute(select(ArticleRow.id, ArticleRow.text).where(ArticleRow.id.in_(ordered)))
    }
    original = min(run.load_articles(ordered), key=lambda a: original_rank(a, texts.get(a.row_id, ""))).row_id
    run.conn.execute(update(la).where(la.article_row_id.in_(ordered)).values(copy_of=original))
    run.conn.execute(update(la).where(la.article_row_id == original).values(copy_of=None))
    run.report.add("copies linked")


def original_rank(art: LinkedArticle, text: str = "") -> tuple[int, str, str]:
    """Smaller is more original: an agency's own text, then one crediting an agency (in its
    credits or in the text's own credit line); then the earliest day, the smallest sha256."""
    if is_agency(art.outlet):
        first = 0
    elif any(is_agency(c) for c in art.credits) or any(is_agency(c) for c in text_credits(text)):
        first = 1
    else:
        first = 2
    return (first, art.day or "9999-99-99", art.sha256)


def is_agency(name: str | None) -> bool:
    """A wire agency or a state news agency of organizations.tsv, by any of its names."""
    return bool(name) and _agency(str(name).strip())


@cache
def _agency(name: str) -> bool:
    from opslens.knowledge import orgs

    entry = orgs.lookup(name)
    return entry is not None and entry.kind in AGENCY_KINDS


def text_credits(text: str) -> list[str]:
    """The agencies a text credits itself ("MOSCOW (Reuters) -", "— AFP" closing it)."""
    from opslens.ingest.clean import parse_credits

    return parse_credits(text).credits if text else []

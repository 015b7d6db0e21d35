"""How alike two articles are as reports of one development, and the clusters that follows.

Political or business coverage shares its vocabulary and its famous names, so a plain text
similarity links articles that merely share a topic. The score here adds what is specific:
TF-IDF over the title and the lead paragraphs (where a report says what happened), how much of
one article's headline the other's lead covers (reports of a development echo its headline
words), the entities two articles share weighted by how rare they are in the store (a named
victim or venue counts, the president does not), the words both use in sentences that name the
same nearby day (story_dates: reports of one development say what happened on the day it
happened; a fixed score per pair, not a frequency, so arrivals elsewhere cannot change it), and
a penalty that grows with the days between them. Clusters come from average linkage (not
single: one bridging article must not chain two stories), run separately on each group of
articles connected by a candidate pair, so the work stays local.
The result depends only on the set of articles given, not on their order.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from opslens.link.story_dates import shared_dated

WINDOW_DAYS = 7  # reports of one development are at most this far apart (run-up and aftermath)
LEAD_PARAGRAPHS = 3  # what happened is in the opening paragraphs; the rest is background
TITLE_WEIGHT = 2  # the title is repeated: it names the development
W_TEXT, W_HEADLINE, W_TITLE, W_ENTITIES, W_DATES = 0.6, 0.5, 0.1, 0.1, 0.2
ENTITY_SCALE = 6.0  # summed surplus IDF of the shared entities at which their score reaches 63 %
ENTITY_IDF_FLOOR = 1.0  # entities in more than 1/e of the articles add nothing
DATE_SCALE = 2.0  # shared dated words (story_dates) at which their score reaches 63 %
DAY_PENALTY = 0.02  # similarity taken off per day between the two articles
THRESHOLD = 0.16  # average similarity within a story must reach this
CANDIDATE = 0.08  # pairs below this are no link at all (and do not join two groups)


@dataclass(frozen=True)
class StoryItem:
    """One article as the clustering sees it (sorted by `key`: day, then sha256)."""

    row_id: int
    sha256: str
    day: date | None
    title: str
    lead: str
    entities: frozenset[str] = field(default_factory=frozenset)
    dated: frozenset[tuple[str, str]] = field(default_factory=frozenset)  # (day, word): story_dates

    @property
    def key(self) -> tuple[str, str]:
        return (self.day.isoformat() if self.day else "9999", self.sha256)


def lead_of(text: str, title: str | None, paragraphs: int = LEAD_PARAGRAPHS) -> str:
    """The opening paragraphs of a text, without a first paragraph that only repeats the title."""
    paras = [p.strip() for p in text.split("\n\n") if p.strip()]
    if paras and title and paras[0].rstrip(".").strip().lower() == title.rstrip(".").strip().lower():
        paras = paras[1:]
    return "\n".join(paras[:paragraphs])


def similarity(items: list[StoryItem], entity_idf: dict[str, float]) -> np.ndarray:
    """The pairwise similarity of `items` (dense, symmetric; pairs beyond the window are -1)."""
    n = len(items)
    if n == 0:
        return np.zeros((0, 0))
    docs = [("\n".join([it.title] * TITLE_WEIGHT) + "\n" + it.lead) for it in items]
    text, headline = _cosines(docs, [it.title for it in items])
    titles, _ = _cosines([it.title for it in items])
    ents = _shared(items, entity_idf, lambda it: it.entities, ENTITY_SCALE)
    dates = _dated(items)
    days = _day_gaps(items)
    sim = (
        W_TEXT * text
        + W_HEADLINE * headline
        + W_TITLE * titles
        + W_ENTITIES * ents
        + W_DATES * dates
        - DAY_PENALTY * days
    )
    sim[days > WINDOW_DAYS] = -1.0
    np.fill_diagonal(sim, 1.0)
    return sim


def _cosines(docs: list[str], heads: list[str] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """TF-IDF cosines of the documents, and (with `heads`) the mean of how well each head
    matches the other document, both ways."""
    n = len(docs)
    vec = TfidfVectorizer(sublinear_tf=True, stop_words="english", dtype=np.float64)
    try:
        matrix = vec.fit_transform(docs)
    except ValueError:  # nothing but stop words in every document
        return np.zeros((n, n)), np.zeros((n, n))
    cos = np.asarray((matrix @ matrix.T).toarray())
    if heads is None:
        return cos, np.zeros((n, n))
    cross = np.asarray((normalize(vec.transform(heads)) @ matrix.T).toarray())
    return cos, (cross + cross.T) / 2


def _shared(items: list[StoryItem], idf: dict[str, float], keys, scale: float) -> np.ndarray:
    """Summed surplus IDF of the keys (entity names, days) two articles share, squashed into [0, 1)."""
    n = len(items)
    scores = np.zeros((n, n))
    holders: dict[str, list[int]] = {}
    for i, it in enumerate(items):
        for key in keys(it):
            if idf.get(key, 0.0) > ENTITY_IDF_FLOOR:
                holders.setdefault(key, []).append(i)
    for key, members in holders.items():
        weight = idf[key] - ENTITY_IDF_FLOOR
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                scores[members[a], members[b]] += weight
    scores = scores + scores.T
    return 1.0 - np.exp(-scores / scale)


def _dated(items: list[StoryItem]) -> np.ndarray:
    """How much two articles say happened on the same nearby day (story_dates), squashed into [0, 1)."""
    n = len(items)
    scores = np.zeros((n, n))
    holders: dict[tuple[str, str], list[int]] = {}
    for i, it in enumerate(items):
        for key in it.dated:
            holders.setdefault(key, []).append(i)
    pairs = {(a, b) for members in holders.values() if len(members) > 1 for a in members for b in members if a < b}
    for a, b in pairs:
        day_a, day_b = items[a].day, items[b].day
        if day_a and day_b:
            scores[a, b] = scores[b, a] = shared_dated(items[a].dated, items[b].dated, day_a, day_b)
    return 1.0 - np.exp(-scores / DATE_SCALE)


def _day_gaps(items: list[StoryItem]) -> np.ndarray:
    ordinals = np.array([it.day.toordinal() if it.day else -(10**6) for it in items], dtype=np.float64)
    return np.abs(ordinals[:, None] - ordinals[None, :])


def entity_idf(counts: dict[str, int], n_articles: int) -> dict[str, float]:
    """Inverse document frequency of entity names from their article counts in the store."""
    total = max(n_articles, 1)
    return {name: math.log((total + 1) / (c + 0.5)) for name, c in counts.items()}


def cluster(items: list[StoryItem], sim: np.ndarray) -> list[list[int]]:
    """Stories as lists of indexes into `items`, each sorted, the list sorted by its first index.

    `items` must come sorted by key: ties in the linkage resolve by position, so the same set in
    the same order gives the same clusters whatever order the articles arrived in."""
    n = len(items)
    if n == 0:
        return []
    linked = csr_matrix(sim >= CANDIDATE)
    _count, labels = connected_components(linked, directed=False)
    groups: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(int(label), []).append(i)
    stories: list[list[int]] = []
    for members in groups.values():
        stories.extend(_average_linkage(members, sim))
    return sorted((sorted(s) for s in stories), key=lambda s: s[0])


def _average_linkage(members: list[int], sim: np.ndarray) -> list[list[int]]:
    if len(members) == 1:
        return [members]
    sub = sim[np.ix_(members, members)]
    dist = np.clip(1.0 - sub, 0.0, 2.0)
    np.fill_diagonal(dist, 0.0)
    model = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1.0 - THRESHOLD
    )
    labels = model.fit(dist).labels_
    found: dict[int, list[int]] = {}
    for member, label in zip(members, labels, strict=True):
        found.setdefault(int(label), []).append(member)
    return list(found.values())


def central(indexes: list[int], sim: np.ndarray) -> int:
    """The member most like the others (the earliest on a tie): its title names the story."""
    if len(indexes) == 1:
        return indexes[0]
    sub = sim[np.ix_(indexes, indexes)]
    means = (sub.sum(axis=1) - 1.0) / (len(indexes) - 1)
    return indexes[int(np.argmax(means))]

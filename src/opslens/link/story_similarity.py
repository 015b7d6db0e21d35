"""How alike two articles are as reports of one development, and the clusters that follows.

Political or business coverage shares its vocabulary and its famous names, so a plain text
similarity links articles that merely share a topic. The score here adds what is specific:
TF-IDF over the title and the lead paragraphs (where a report says what happened), how much of
one article's headline the other's lead covers (reports of a development echo its headline
words), the entities two articles share weighted by how rare they are in the days around both (a
named victim or venue counts, the president does not), the words both use in sentences that name the
same nearby day (story_dates: reports of one development say what happened on the day it
happened; a fixed score per pair, not a frequency, so arrivals elsewhere cannot change it), and
a penalty that grows with the days between them. Clusters come from centroid linkage (not
single: one bridging article must not chain two stories), run separately on each group of
articles connected by a candidate pair, so the work stays local. Centroid, not plain average:
a story told over several days (an event, then its aftermath) is loose, and its articles are
each only a little like one another; measured against how alike a story's own articles are,
the next report of it still stands out, where a plain average would leave it alone.
The result depends only on the set of articles given, not on their order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from opslens.link.story_dates import shared_dated

WINDOW_DAYS = 7  # reports of one development are at most this far apart (run-up and aftermath)
LEAD_PARAGRAPHS = 6  # what happened is in the opening paragraphs (a sentence or two each); the rest is background
TITLE_WEIGHT = 2  # the title is repeated: it names the development
W_TEXT, W_HEADLINE, W_TITLE, W_ENTITIES, W_DATES = 0.6, 0.5, 0.1, 0.1, 0.2
ENTITY_SCALE = 6.0  # summed surplus IDF of the shared entities at which their score reaches 63 %
ENTITY_IDF_FLOOR = 1.0  # entities in more than 1/e of the articles add nothing
DATE_SCALE = 2.0  # shared dated words (story_dates) at which their score reaches 63 %
DAY_PENALTY = 0.02  # similarity taken off per day between the two articles
THRESHOLD = 0.2  # two stories join when their cross similarity, against their own cohesion, reaches this
CANDIDATE = 0.08  # pairs below this are no link at all (and do not join two groups)


@dataclass(frozen=True)
class NameCounts:
    """Stored articles per day, and per entity name the stored articles per day that name it
    (for the days around the articles being clustered)."""

    articles: dict[date, int] = field(default_factory=dict)
    naming: dict[str, dict[date, int]] = field(default_factory=dict)


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


def similarity(items: list[StoryItem], counts: NameCounts) -> np.ndarray:
    """The pairwise similarity of `items` (dense, symmetric; pairs beyond the window are -1)."""
    n = len(items)
    if n == 0:
        return np.zeros((0, 0))
    docs = [("\n".join([it.title] * TITLE_WEIGHT) + "\n" + it.lead) for it in items]
    text, headline = _cosines(docs, [it.title for it in items])
    titles, _ = _cosines([it.title for it in items])
    ents = _entities(items, counts)
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


def _entities(items: list[StoryItem], counts: NameCounts) -> np.ndarray:
    """Summed surplus IDF of the entities two articles share, squashed into [0, 1). The IDF of a
    name for a pair is counted over the days within WINDOW_DAYS of both articles: any article that
    arrives on those days puts both in the run that re-clusters them, so the last run to see the
    pair sees the final counts, whatever the order of arrival (a store-wide count would drift
    with arrivals far away)."""
    n = len(items)
    scores = np.zeros((n, n))
    if n == 0:
        return scores
    first = min((it.day for it in items if it.day), default=None)
    if first is None:
        return scores
    start = first - timedelta(days=WINDOW_DAYS)
    offsets = np.array([(it.day - start).days if it.day else -1 for it in items])
    span = int(offsets.max()) + WINDOW_DAYS + 1
    total = _cumulative(counts.articles, start, span)
    holders: dict[str, list[int]] = {}
    for i, it in enumerate(items):
        if it.day:
            for name in it.entities:
                holders.setdefault(name, []).append(i)
    for name, members in holders.items():
        if len(members) > 1:
            named = _cumulative(counts.naming.get(name, {}), start, span)
            scores[np.ix_(members, members)] += _surplus(offsets[members], total, named)
    np.fill_diagonal(scores, 0.0)
    return 1.0 - np.exp(-scores / ENTITY_SCALE)


def _surplus(offsets: np.ndarray, total: np.ndarray, named: np.ndarray) -> np.ndarray:
    """For each pair of the articles at these day offsets, the IDF of a name over the days within
    WINDOW_DAYS of both, less ENTITY_IDF_FLOOR (never below 0). `total` and `named` are the
    cumulative counts of all articles and of those naming it (_cumulative)."""
    lo = np.maximum(offsets[:, None], offsets[None, :]) - WINDOW_DAYS
    hi = np.minimum(offsets[:, None], offsets[None, :]) + WINDOW_DAYS
    valid = hi >= lo
    last = len(total) - 2
    lo, hi = np.clip(lo, 0, last), np.clip(np.maximum(hi, lo), 0, last)
    articles = total[hi + 1] - total[lo]
    naming_them = named[hi + 1] - named[lo]
    idf = np.log((articles + 1.0) / (naming_them + 0.5))
    return np.where(valid, np.maximum(idf - ENTITY_IDF_FLOOR, 0.0), 0.0)


def _cumulative(per_day: dict[date, int], start: date, span: int) -> np.ndarray:
    """Counts per day from `start` on, summed: c[k] is the count of the days before start + k."""
    daily = np.zeros(span + 1)
    for day, count in per_day.items():
        k = (day - start).days
        if 0 <= k < span:
            daily[k + 1] += count
    return np.cumsum(daily)


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
        stories.extend(_centroid_linkage(members, sim))
    return sorted((sorted(s) for s in stories), key=lambda s: s[0])


def _centroid_linkage(members: list[int], sim: np.ndarray) -> list[list[int]]:
    """Greedy agglomeration of `members`: the two clusters whose mean cross similarity, divided
    by the geometric mean of their cohesions (mean similarity within each, itself included), is
    highest join first, while that score reaches THRESHOLD and the cross similarity is positive.
    The score is the cosine of the two centroids when `sim` holds cosines; a single article has
    cohesion 1, so two articles join when their similarity reaches THRESHOLD. Ties go to the
    pair of lowest indexes (members come sorted by key): the same set gives the same clusters.
    A join changes only the joined cluster's scores, so each step updates one row and column."""
    members = sorted(members)
    n = len(members)
    sums = sim[np.ix_(members, members)].astype(np.float64)  # sums[x, y]: summed similarity between clusters
    np.fill_diagonal(sums, 1.0)
    sizes, alive = np.ones(n), np.ones(n, dtype=bool)
    score = np.vstack([_scores(sums, sizes, alive, x) for x in range(n)])
    best, arg = score.max(axis=1), score.argmax(axis=1)
    clusters: list[list[int]] = [[m] for m in members]
    for _join in range(n - 1):  # each join leaves one cluster fewer
        r = int(np.argmax(best))
        if best[r] == -np.inf:
            break
        x, y = sorted((r, int(arg[r])))
        sums[x, :] += sums[y, :]
        sums[:, x] += sums[:, y]
        sizes[x] += sizes[y]
        alive[y] = False
        clusters[x] += clusters[y]
        row = _scores(sums, sizes, alive, x)
        score[x, :], score[:, x], score[y, :], score[:, y] = row, row, -np.inf, -np.inf
        _refresh(score, best, arg, alive, x, y)
    return [sorted(c) for c, on in zip(clusters, alive, strict=True) if on]


def _scores(sums: np.ndarray, sizes: np.ndarray, alive: np.ndarray, x: int) -> np.ndarray:
    """Cluster x's centroid score against every cluster; -inf where they may not join."""
    mean = sums[x] / (sizes[x] * sizes)
    cohesion = np.clip(np.diag(sums) / sizes**2, 1e-9, None)
    row = mean / np.sqrt(cohesion[x] * cohesion)
    usable = alive & (mean > 0) & (row >= THRESHOLD)
    usable[x] = False
    return np.where(usable, row, -np.inf)


def _refresh(score: np.ndarray, best: np.ndarray, arg: np.ndarray, alive: np.ndarray, x: int, y: int) -> None:
    """Each row's best score and partner (the lowest column on a tie) after x took in y."""
    stale = alive & ((arg == x) | (arg == y))
    stale[x] = True
    rows = np.flatnonzero(stale)
    best[rows], arg[rows] = score[rows].max(axis=1), score[rows].argmax(axis=1)
    best[y] = -np.inf
    column = score[:, x]
    better = alive & ~stale & ((column > best) | ((column == best) & (x < arg) & (column > -np.inf)))
    best[better], arg[better] = column[better], x


def central(indexes: list[int], sim: np.ndarray) -> int:
    """The member most like the others (the earliest on a tie): its title names the story."""
    if len(indexes) == 1:
        return indexes[0]
    sub = sim[np.ix_(indexes, indexes)]
    means = (sub.sum(axis=1) - 1.0) / (len(indexes) - 1)
    return indexes[int(np.argmax(means))]

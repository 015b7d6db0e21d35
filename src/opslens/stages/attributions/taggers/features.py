"""What the attribution taggers read of a document, written out as strings.

Both taggers (`attribution_model`) read the words, the parse (each token's path to the cue in
the dependency tree), the quotation marks and paragraph breaks, and what the rules of
`attributions/rules.py` found (stacking: the rules say where a cue, source or content is by the PARC
guidelines' definitions; the taggers learn how far the annotation conventions stretch them).
The strings here are what CRFsuite trains on (`tools/train_attribution.py`); tagging sums the
same features column by column (`attribution_scores`), and tests hold the two to each other.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib import resources
from typing import Any

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, IS_SPACE, IS_TITLE, LEMMA, LOWER, ORTH, POS, SENT_START, TAG
from spacy.tokens import Doc, Token

from opslens import knowledge
from opslens.knowledge.speech_cues import cue_classes
from opslens.nlp import char_tokens, sentences, strings_of, token_heads
from opslens.nlp.deps import SUBJECT_LIKE
from opslens.nlp.quotes import QUOTE_MARKS

MODELS = "models"
CLUSTERS = "tok2vec-clusters.npz"  # centroids of the parser's token vectors: contextual word classes
MAX_DEPTH = 40  # a guard against cycles in a broken parse


@dataclass(frozen=True)
class Hint:
    """An attribution the rules found, in character offsets."""

    cue: tuple[int, int]
    source: tuple[int, int] | None
    content: tuple[tuple[int, int], ...]


def _string_column(attr: str, lowered: bool = False) -> cached_property:
    """A DocInfo column of strings read from its hashes once, when first asked for."""

    def strings(info: DocInfo) -> list[str]:
        names = info.lowered if lowered else info.names
        return [names[k] for k in info.hashes[attr].tolist()]

    return cached_property(strings)


class DocInfo:
    """Per-document facts the features read: quotation membership, sentence and paragraph of
    each token, and the rules' findings by token."""

    def __init__(self, doc: Doc, quotes: list[tuple[int, int]], hints: list[Hint]):
        self.doc = doc
        self.n = n = len(doc)
        self.sents = sentences(doc)
        self.quote = [-1] * n
        self.quote_tokens = [tokens_in(doc, qs, qe) for qs, qe in quotes]
        for q, tokens in enumerate(self.quote_tokens):
            for t in tokens:
                self.quote[t] = q
        self.hints = hints
        self.hint_cue = [-1] * n
        for h, hint in enumerate(hints):
            for t in tokens_in(doc, *hint.cue):
                self.hint_cue[t] = h
        self._read_tokens(doc)
        self.vc_ids = _word_class_ids(doc)
        self.centroids = _centroids() if self.vc_ids else []
        self.paths: dict[int, list[int]] = {}
        # what the scorers derive once per document (attribution_scores), by name, or by name and model or column
        self.cache: dict[str | tuple[str, int | str], Any] = {}

    def _read_tokens(self, doc: Doc) -> None:
        """Token attributes read column by column from one array (spaCy builds a Token object at
        every access). Tagging reads the hashes (`attribution_scores`); the strings the
        features are written with are made only when asked for (training, tests)."""
        array = doc.to_array([ORTH, LOWER, LEMMA, POS, TAG, DEP, HEAD, ENT_TYPE, IS_TITLE, SENT_START, IS_SPACE]).T
        self.hashes = dict(zip(("orth", "lower", "lemma", "pos", "tag", "dep", "ent"), array[[0, 1, 2, 3, 4, 5, 7]]))
        self.names, self.lowered = strings_of(doc.vocab.strings), strings_of(doc.vocab.strings, lowered=True)
        self.classes = cue_classes()
        index = np.arange(self.n)
        self.heads = (index + array[6].view(np.int64)).tolist()  # HEAD: an offset, stored unsigned
        self.title = (array[8] == 1).tolist()
        starts = array[9].view(np.int64) == 1
        self.sent_start = starts.tolist()
        self.sent = np.maximum(np.cumsum(starts) - 1, 0).tolist()
        self.is_space = (array[10] == 1).tolist()
        breaks = np.zeros(self.n, dtype=np.int64)  # a paragraph ends at whitespace with a line break
        for i in np.flatnonzero(array[10] == 1).tolist():
            if "\n" in self.names[int(array[0][i])]:
                breaks[i] = 1
        self.para = (np.cumsum(breaks) - breaks).tolist()

    # The strings the features are written with, made on first use (training, tests):
    # each token's word, lowercased word, lowercased lemma, part of speech, tag, dependency, entity type.
    text = _string_column("orth")
    lower = _string_column("lower")
    lemma = _string_column("lemma", lowered=True)
    pos = _string_column("pos")
    tag = _string_column("tag")
    deps = _string_column("dep")
    ent = _string_column("ent")

    @cached_property
    def cls(self) -> list[str]:
        return [self.classes.get(w, "") for w in self.lemma]

    @cached_property
    def children(self) -> list[list[int]]:
        out: list[list[int]] = [[] for _ in range(self.n)]
        for i, h in enumerate(self.heads):
            if h != i:
                out[h].append(i)
        return out

    @cached_property
    def vc(self) -> list[list[str]]:
        return _word_classes(self.doc, self.vc_ids)

    @cached_property
    def base(self) -> list[list[str]]:
        """Each token's features shared by both taggers, as strings (training reads them;
        tagging sums them column by column, `attribution_scores`)."""
        return [_base(i, self) for i in range(self.n)]

    @cached_property
    def role_static(self) -> list[list[str]]:
        """The role tagger's features that do not depend on the cue."""
        n = self.n
        out = []
        for i, base in enumerate(self.base):
            f = base.copy()
            if self.sent_start[i]:
                f.append("sstart")
            for d in (-1, 1):
                if 0 <= i + d < n:
                    f += [f"{d}w=" + self.lower[i + d], f"{d}p=" + self.pos[i + d]]
            out.append(f)
        return out


def tokens_in(doc: Doc, start: int, end: int) -> range:
    found = char_tokens(doc, start, end)
    return range(*found) if found is not None else range(0)


def _base(i: int, info: DocInfo) -> list[str]:
    h = info.heads[i]
    pos, dep = info.pos[i], info.deps[i]
    f = [
        "w=" + info.lower[i],
        "l=" + info.lemma[i],
        "p=" + pos,
        "t=" + info.tag[i],
        "d=" + dep,
        "hl=" + info.lemma[h],
        "hp=" + info.pos[h],
        "hd=" + info.deps[h],
        "pd=" + pos + "|" + dep,
    ]
    if info.cls[i]:
        f.append("cls=" + info.cls[i])
        f.append("clsp=" + info.cls[i] + "|" + pos)
    if info.cls[h] and h != i:
        f.append("hcls=" + info.cls[h] + "|" + dep)
    if info.quote[i] >= 0:
        f.append("inq")
    if info.text[i] in QUOTE_MARKS:
        f.append("qmark")
    if info.title[i]:
        f.append("title")
    if info.ent[i]:
        f.append("ent=" + info.ent[i])
    if info.vc:
        f += info.vc[i]
    return f


@cache
def _centroids() -> list[np.ndarray]:
    path = knowledge.resource(MODELS, CLUSTERS)
    if not path.is_file():
        return []
    with resources.as_file(path) as file, np.load(file) as z:
        return [z[k] for k in sorted(z.files)]


def _word_class_ids(doc: Doc) -> list[np.ndarray]:
    """Each token's nearest centroid among the vectors the parser's tok2vec gave it (cosine), at
    each granularity: a word class that reads the token's context."""
    cents = _centroids()
    if not cents or doc.tensor.shape[0] != len(doc):  # (spaCy's Doc.tensor is an array, empty without a tok2vec)
        return []
    x = doc.tensor.astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-6
    return [np.argmax(x @ c.T, axis=1) for c in cents]


def _word_classes(doc: Doc, ids: list[np.ndarray] | None = None) -> list[list[str]]:
    """The word classes as features, "vc32=7", "vc256=141", per token."""
    ids = _word_class_ids(doc) if ids is None else ids
    cols = [[_class_names(len(c))[k] for k in col.tolist()] for c, col in zip(_centroids(), ids)]
    return [list(ks) for ks in zip(*cols)]


@cache
def _class_names(n: int) -> list[str]:
    return [f"vc{n}={k}" for k in range(n)]


# -- the cue tagger ---------------------------------------------------------------------------
def cue_features(info: DocInfo, start: int, end: int) -> list[list[str]]:
    xs = []
    deps, lower = info.deps, info.lower
    for i in range(start, end):
        f = list(info.base[i])
        f += [k for c in info.children[i] for k in ("k=" + deps[c], "kl=" + deps[c] + "|" + lower[c])][:16]
        f += _argument_features(i, info)
        for d in (-2, -1, 1, 2):
            j = i + d
            if start <= j < end:
                f += [f"{d}w=" + lower[j], f"{d}p=" + info.pos[j]]
                if info.cls[j]:
                    f.append(f"{d}cls=" + info.cls[j])
            else:
                f.append(f"{d}edge")
        h = info.hint_cue[i]
        if h >= 0:
            f.append("rcue")
            if i == 0 or info.hint_cue[i - 1] != h:
                f.append("rcueB")
        xs.append(f)
    return xs


def _argument_features(i: int, info: DocInfo) -> list[str]:
    """Who stands as the word's subject and what it governs: a speaker-like subject and a
    clause or quotation after it make a cue."""
    f = []
    lemma = info.lemma[i]
    for c in info.children[i]:
        dep = info.deps[c]
        if dep in SUBJECT_LIKE:
            kind = info.ent[c] or ("PRON" if info.pos[c] == "PRON" else info.pos[c])
            f += ["subj=" + dep + "|" + kind, "lsubj=" + lemma + "|" + kind]
        elif dep in ("ccomp", "xcomp", "dobj", "prep", "acl", "parataxis"):
            f.append("larg=" + lemma + "|" + dep)
    n = len(info.quote)
    if info.quote[i] < 0 and any(0 <= j < n and info.quote[j] >= 0 for j in (i - 2, i - 1, i + 1, i + 2)):
        f.append("byquote")
        f.append("byquote|" + info.pos[i])
    return f


# -- the role tagger --------------------------------------------------------------------------
def cue_head(doc: Doc, cue: tuple[int, int]) -> Token:
    """The cue token the rest of its words hang on (kept on the Doc: the stage asks it of every
    cue again and again)."""
    memo = doc.user_data.setdefault("opslens_cue_heads", {})
    key = (cue[0], cue[1])
    found = memo.get(key)
    if found is None:  # the Token kept, made once (`doc[i]` builds a new one at every call)
        heads = token_heads(doc)
        at = next((i for i in range(*cue) if not cue[0] <= heads[i] < cue[1] or heads[i] == i), cue[0])
        found = memo[key] = doc[at]
    return found


def _path(info: DocInfo, i: int) -> list[int]:
    """The token and its ancestors up to the root, as indices (cached per document)."""
    path = info.paths.get(i)
    if path is None:
        path = [i]
        heads = info.heads
        while heads[path[-1]] != path[-1] and len(path) < MAX_DEPTH:
            path.append(heads[path[-1]])
        info.paths[i] = path
    return path


@dataclass(frozen=True)
class _CueView:
    """What every token's role features read of one cue."""

    cue: tuple[int, int]
    head: int
    head_path: list[int]
    head_rank: dict[int, int]
    sent: int
    para: int
    quotes: frozenset[int]  # the quotations the cue stands in
    lemma: str
    hinted: bool  # whether the rules found this cue
    rsrc: frozenset[int]  # the rules' source and content tokens for it
    rcont: frozenset[int]


def head_index(info: DocInfo, cue: tuple[int, int]) -> int:
    """`cue_head`'s index, read from the heads list."""
    for i in range(*cue):
        h = info.heads[i]
        if not cue[0] <= h < cue[1] or h == i:
            return i
    return cue[0]


def _cue_view(info: DocInfo, cue: tuple[int, int]) -> _CueView:
    doc = info.doc
    head = head_index(info, cue)
    head_path = _path(info, head)
    hints = {info.hint_cue[i] for i in range(*cue) if info.hint_cue[i] >= 0}
    rsrc: set[int] = set()
    rcont: set[int] = set()
    for h in hints:
        hint = info.hints[h]
        if hint.source:
            rsrc.update(tokens_in(doc, *hint.source))
        for piece in hint.content:
            rcont.update(tokens_in(doc, *piece))
    return _CueView(
        cue,
        head,
        head_path,
        {t: n for n, t in enumerate(head_path)},
        info.sent[head],
        info.para[head],
        frozenset({info.quote[i] for i in range(*cue)} - {-1}),
        "cl=" + info.lowered[int(info.hashes["lemma"][head])],
        bool(hints),
        frozenset(rsrc),
        frozenset(rcont),
    )


def _role_keys(info: DocInfo, view: _CueView, i: int) -> tuple[tuple, tuple, tuple[str, ...]]:
    """Token i's cue-dependent features as three keys: where it stands to the cue (`_placement`),
    that with the cue's lemma (`_by_lemma`), and its flags."""
    cue = view.cue
    rel = "in" if cue[0] <= i < cue[1] else ("before" if i < cue[0] else "after")
    sd = max(-3, min(3, info.sent[i] - view.sent))
    pd = max(-2, min(2, info.para[i] - view.para))
    dist = min(6, int(math.log2(abs(i - view.head) + 1)))
    tree = _relation(info, i, view.head, view.head_path, view.head_rank)
    flags = []
    if info.quote[i] >= 0:
        flags.append(f"inq|sd={sd}|{rel}")
        if info.quote[i] in view.quotes:
            flags.append("samequote")
    rsrc, rcont = view.rsrc, view.rcont
    if i in rsrc:
        flags.append("rsrc")
    if i in rcont:
        flags.append("rcont")
    if not view.hinted:
        flags.append("nohint")
    if i - 1 in rcont:
        flags.append("-1rcont")
    if i + 1 in rcont:
        flags.append("1rcont")
    if i - 1 in rsrc:
        flags.append("-1rsrc")
    if i + 1 in rsrc:
        flags.append("1rsrc")
    return (rel, sd, pd, dist, tree, info.pos[i]), (view.lemma, tree, rel, sd), tuple(flags)


def role_features(info: DocInfo, cue: tuple[int, int], span: tuple[int, int]) -> list[list[str]]:
    """The role tagger's features of each token of `span` for one cue, as strings (what it was
    trained on; `role_scores` sums the same features without writing them out)."""
    view = _cue_view(info, cue)
    static = info.role_static
    xs = []
    for i in range(*span):
        place, lemma, flags = _role_keys(info, view, i)
        xs.append(static[i] + _placement(*place) + _by_lemma(*lemma) + list(flags))
    return xs


@lru_cache(maxsize=4096)  # small: analysis sums each (lemma, tree, rel, sd) once anyway (`LinearChain.group`)
def _by_lemma(lemma: str, tree: str, rel: str, sd: int) -> list[str]:
    return [lemma + "|" + tree, lemma + "|" + rel, f"{lemma}|sd={sd}"]


@lru_cache(maxsize=65536)
def _placement(rel: str, sd: int, pd: int, dist: int, tree: str, pos: str) -> list[str]:
    """Where a token stands to the cue, as features (few distinct combinations: made once)."""
    return _distance(rel, sd, pd, dist) + _branch(tree, rel, pos)


def _distance(rel: str, sd: int, pd: int, dist: int) -> list[str]:
    """Which side of the cue, how many sentences, paragraphs and words away."""
    return ["rel=" + rel, f"sd={sd}", f"pd={pd}", f"dist={rel}{dist}", f"sdrel={sd}|{rel}"]


def _branch(tree: str, rel: str, pos: str) -> list[str]:
    """Where in the cue's tree, with the side and the token's part of speech."""
    return [tree, "tr=" + rel + "|" + tree, "trp=" + tree + "|" + pos]


def _relation(info: DocInfo, i: int, head: int, head_path: list[int], head_rank: dict[int, int]) -> str:
    """How a token stands to the cue in the tree: inside which of the cue's branches, above
    it, or in which branch of their lowest common ancestor."""
    if i == head:
        return "tree=self"
    path = _path(info, i)
    deps = info.deps
    for n, a in enumerate(path):
        if a == head:
            return "tree=desc:" + deps[path[n - 1]]
        if a in head_rank:  # the lowest common ancestor
            cue_branch = deps[head_path[head_rank[a] - 1]]
            return ("tree=anc:" + cue_branch) if n == 0 else f"tree=lca:{cue_branch}|{deps[path[n - 1]]}"
    return "tree=other"

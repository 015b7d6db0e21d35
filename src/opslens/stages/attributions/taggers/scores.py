"""The attribution taggers' label scores of a document, summed template by template.

`attribution_features` writes each token's features out as strings: what CRFsuite trains on.
Scoring a document that way builds and looks up about a hundred thousand strings. A
linear-chain CRF's label score of a token is the sum of its features' weights, so the sum can
be taken a template at a time: "the token's word", "its head's lemma", "its part of speech with
its dependency" is a column of codes into the document's distinct values, each value is looked
up once, and numpy adds the columns. The role tagger's cue-dependent features are summed the
same way over every (cue, token) pair of the document at once. Tests hold these sums to the
strings' (`LinearChain.scores`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from opslens.nlp.deps import SUBJECT_LIKE
from opslens.nlp.quotes import QUOTE_MARKS
from opslens.stages.attributions.taggers.features import DocInfo, _branch, _by_lemma, _cue_view, _CueView, _distance
from opslens.stages.attributions.taggers.linear_chain import LinearChain
from opslens.stages.attributions.taggers.tables import NONE, Vocabulary, pair_key, tables

ARGUMENTS = frozenset(("ccomp", "xcomp", "dobj", "prep", "acl", "parataxis"))
MAX_CHILDREN = 8  # `cue_features` keeps the first 16 child features: two per child
MAX_DEPTH = 40  # `attribution_features._path` follows a token's ancestors this far
RELS = ("before", "in", "after")


class Coded:
    """A column of values as codes into its distinct values; the last value is None (no
    feature) and `none` its code."""

    __slots__ = ("codes", "names")

    def __init__(self, codes: np.ndarray, names: list):
        self.codes, self.names = codes, names

    @property
    def none(self) -> int:
        return len(self.names) - 1

    def take(self, index: np.ndarray, valid: np.ndarray | None = None) -> Coded:
        """The values at other positions (none where not valid)."""
        codes = self.codes[index]
        return Coded(codes if valid is None else np.where(valid, codes, self.none), self.names)


def _coded(column: tuple[np.ndarray, np.ndarray], name: Callable[[int], object]) -> Coded:
    distinct, codes = column
    return Coded(codes, [name(v) for v in distinct.tolist()] + [None])


def distinct(info: DocInfo, attr: str) -> tuple[np.ndarray, np.ndarray]:
    """A column of hashes ("lemma", "pos" …) as its distinct values and each token's index among
    them, made once per document (the scorers code the same columns more than once)."""
    key = ("distinct", attr)
    if key not in info.cache:
        values, inverse = np.unique(info.hashes[attr], return_inverse=True)
        info.cache[key] = values, inverse.reshape(-1)
    return info.cache[key]


class DocCodes:
    """What the scorers read of a document, made once (info.cache): its tree, sentences,
    paragraphs and quotations as arrays, and (for the role tagger's cue-dependent features) its
    parts of speech, dependencies and lemmas as coded columns."""

    def __init__(self, info: DocInfo):
        names, lowered = info.names, info.lowered
        self.n = n = info.n
        self.index = np.arange(n)
        self.heads = np.asarray(info.heads, dtype=np.intp)
        self.sent = np.asarray(info.sent, dtype=np.intp)
        self.para = np.asarray(info.para, dtype=np.intp)
        self.quote = np.asarray(info.quote, dtype=np.intp)
        self.depth = _depths(self.heads)
        self.lemma = _coded(distinct(info, "lemma"), lowered.__getitem__)
        self.pos = _coded(distinct(info, "pos"), names.__getitem__)
        self.dep = _coded(distinct(info, "dep"), names.__getitem__)


def codes(info: DocInfo) -> DocCodes:
    if "codes" not in info.cache:
        info.cache["codes"] = DocCodes(info)
    return info.cache["codes"]


class Numbers:
    """A document's token attributes as numbers in the models' vocabulary (`attribution_tables`)."""

    def __init__(self, info: DocInfo, vocab: Vocabulary):
        h, names, lowered, classes = info.hashes, info.names, info.lowered, info.classes
        self.lower = vocab.numbers("string", distinct(info, "lower"), names.__getitem__)
        self.lemma = vocab.numbers("lemma", distinct(info, "lemma"), lowered.__getitem__)
        self.pos = vocab.numbers("string", distinct(info, "pos"), names.__getitem__)
        self.tag = vocab.numbers("string", distinct(info, "tag"), names.__getitem__)
        self.dep = vocab.numbers("string", distinct(info, "dep"), names.__getitem__)
        self.ent = vocab.numbers("entity", distinct(info, "ent"), lambda k: names[k] or None)
        self.cls = vocab.numbers("class", distinct(info, "lemma"), lambda k: classes.get(lowered[k]) or None)
        self.has_ent = h["ent"] != 0
        self.word_classes = [
            (f"vc{len(c)}=", vocab.class_numbers(len(c))[ids]) for c, ids in zip(info.centroids, info.vc_ids)
        ]
        strings = info.doc.vocab.strings
        self.quote_marks = np.isin(h["orth"], [strings[m] for m in QUOTE_MARKS])
        self.subjects = np.isin(h["dep"], [strings[d] for d in SUBJECT_LIKE])
        self.arguments = np.isin(h["dep"], [strings[d] for d in ARGUMENTS])


def numbers(info: DocInfo, vocab: Vocabulary) -> Numbers:
    key = ("numbers", id(vocab))
    if key not in info.cache:
        info.cache[key] = Numbers(info, vocab)
    return info.cache[key]


class _Sum:
    """A document's label scores, gathered column by column from one model's weights."""

    def __init__(self, chain: LinearChain, n: int):
        self.chain = chain
        self.tables = tables(chain)
        self.columns: list[np.ndarray] = []
        self.extra = np.zeros((n, len(chain.labels)))

    def column(self, prefix: str, keys: np.ndarray) -> None:
        """One feature per token: prefix + its value (NONE: no feature)."""
        self.columns.append(self.tables.find(prefix, keys))

    def flag(self, feature: str, where: np.ndarray) -> None:
        self.extra[where] += self.chain.state_weights[self.chain.ids([feature])[0]]

    def scatter(self, prefix: str, targets: np.ndarray, keys: np.ndarray) -> None:
        """Features that fall on other tokens, as many per token as there are (its children)."""
        if len(targets):
            np.add.at(self.extra, targets, self.chain.state_weights[self.tables.find(prefix, keys)])

    def total(self) -> np.ndarray:
        if not self.columns:
            return self.extra
        return self.chain.state_weights[np.stack(self.columns)].sum(axis=0) + self.extra


def _shift(c: DocCodes, d: int, same_sentence: bool) -> tuple[np.ndarray, np.ndarray]:
    """Positions d away, clipped into the document, and whether each is really there."""
    j = c.index + d
    valid = (j >= 0) & (j < c.n)
    j = np.clip(j, 0, c.n - 1)
    if same_sentence:
        valid &= c.sent[j] == c.sent
    return j, valid


def _base(info: DocInfo, c: DocCodes, x: Numbers, s: _Sum) -> None:
    """`attribution_features._base`, column by column."""
    s.column("w=", x.lower)
    s.column("l=", x.lemma)
    s.column("p=", x.pos)
    s.column("t=", x.tag)
    s.column("d=", x.dep)
    s.column("hl=", x.lemma[c.heads])
    s.column("hp=", x.pos[c.heads])
    s.column("hd=", x.dep[c.heads])
    s.column("pd=", pair_key(x.pos, x.dep))
    s.column("cls=", x.cls)
    s.column("clsp=", pair_key(x.cls, x.pos))
    s.column("hcls=", pair_key(np.where(c.heads != c.index, x.cls[c.heads], NONE), x.dep))
    s.flag("inq", c.quote >= 0)
    s.flag("qmark", x.quote_marks)
    s.flag("title", np.asarray(info.title, dtype=bool))
    s.column("ent=", x.ent)
    for prefix, col in x.word_classes:
        s.column(prefix, col)


def cue_scores(info: DocInfo, chain: LinearChain) -> np.ndarray:
    """Every token's cue-tagger scores: `chain.scores(cue_features(info, s.start, s.end))` for
    each sentence s, stacked."""
    c = codes(info)
    s = _Sum(chain, c.n)
    x = numbers(info, s.tables.vocab)
    _base(info, c, x, s)
    _children(c, x, s)
    _arguments(c, x, s)
    for d in (-2, -1, 1, 2):  # the words two either side within the sentence, or its edge
        j, inside = _shift(c, d, same_sentence=True)
        s.column(f"{d}w=", np.where(inside, x.lower[j], NONE))
        s.column(f"{d}p=", np.where(inside, x.pos[j], NONE))
        s.column(f"{d}cls=", np.where(inside, x.cls[j], NONE))
        s.flag(f"{d}edge", ~inside)
    hint = np.asarray(info.hint_cue, dtype=np.intp)
    found = hint >= 0
    s.flag("rcue", found)
    s.flag("rcueB", found & ((c.index == 0) | (np.roll(hint, 1) != hint)))
    return s.total()


def _children(c: DocCodes, x: Numbers, s: _Sum) -> None:
    """Each word's first children (in the text's order): their dependency, and it with the word."""
    kid = np.flatnonzero(c.heads != c.index)
    at = c.heads[kid]
    if len(kid):
        order = np.argsort(at, kind="stable")
        ranked = at[order]
        first = np.r_[0, np.flatnonzero(ranked[1:] != ranked[:-1]) + 1]
        runs = np.zeros(len(ranked), dtype=np.intp)
        runs[first] = 1
        rank = np.empty(len(ranked), dtype=np.intp)
        rank[order] = np.arange(len(ranked)) - first[np.cumsum(runs) - 1]
        keep = rank < MAX_CHILDREN
        kid, at = kid[keep], at[keep]
    s.scatter("k=", at, x.dep[kid])
    s.scatter("kl=", at, pair_key(x.dep[kid], x.lower[kid]))


def _arguments(c: DocCodes, x: Numbers, s: _Sum) -> None:
    """`attribution_features._argument_features`: who stands as a word's subject, what it
    governs, and whether a quotation is at hand."""
    kid = np.flatnonzero(c.heads != c.index)
    at = c.heads[kid]
    kind = np.where(x.has_ent, x.ent, x.pos)  # a subject's kind: its entity type, else its part of speech
    subject, argument = x.subjects[kid], x.arguments[kid] & ~x.subjects[kid]
    s.scatter("subj=", at[subject], pair_key(x.dep[kid], kind[kid])[subject])
    s.scatter("lsubj=", at[subject], pair_key(x.lemma[at], kind[kid])[subject])
    s.scatter("larg=", at[argument], pair_key(x.lemma[at], x.dep[kid])[argument])
    inq = c.quote >= 0
    near = np.zeros(c.n, dtype=bool)
    for d in (-2, -1, 1, 2):
        j, valid = _shift(c, d, same_sentence=False)
        near |= valid & inq[j]
    near &= ~inq
    s.flag("byquote", near)
    s.column("byquote|", np.where(near, x.pos, NONE))


def role_static_scores(info: DocInfo, chain: LinearChain) -> np.ndarray:
    """Every token's role-tagger scores from the features that do not depend on the cue:
    `chain.scores(info.role_static)`, made once per document."""
    if "role_static" not in info.cache:
        c = codes(info)
        s = _Sum(chain, c.n)
        x = numbers(info, s.tables.vocab)
        _base(info, c, x, s)
        s.flag("sstart", np.asarray(info.sent_start, dtype=bool))
        for d in (-1, 1):
            j, there = _shift(c, d, same_sentence=False)
            s.column(f"{d}w=", np.where(there, x.lower[j], NONE))
            s.column(f"{d}p=", np.where(there, x.pos[j], NONE))
        info.cache["role_static"] = s.total()
    return info.cache["role_static"]


# -- the role tagger's cue-dependent features ---------------------------------------------------
def role_scores(
    info: DocInfo, chain: LinearChain, cues: Sequence[tuple[int, int]], spans: Sequence[tuple[int, int]]
) -> list[np.ndarray]:
    """For each cue, `chain.scores(role_features(info, cue, span))` over its span: the static
    part plus, for every (cue, token) pair, four groups of features: how far from the cue and
    the pair's flags (small, closed sets: every value summed once per model), where in the
    cue's tree and that with the cue's lemma (each distinct value summed once)."""
    if not cues:
        return []
    chain.forget_groups()  # before this document's groups are numbered
    c = codes(info)
    small = small_groups(chain)
    views = [_cue_view(info, cue) for cue in cues]
    lengths = [b - a for a, b in spans]
    tok = np.concatenate([np.arange(a, b) for a, b in spans])
    which = np.repeat(np.arange(len(cues)), lengths)
    head = np.asarray([v.head for v in views], dtype=np.intp)[which]
    start = np.asarray([cue[0] for cue in cues])[which]
    end = np.asarray([cue[1] for cue in cues])[which]
    rel = np.where(tok < start, 0, np.where(tok < end, 1, 2))
    sd = np.clip(c.sent[tok] - c.sent[head], -3, 3)
    pd = np.clip(c.para[tok] - c.para[head], -2, 2)
    dist = np.minimum(6, np.floor(np.log2(np.abs(tok - head) + 1)).astype(np.intp))
    tree = _tree(c, tok, head)
    pos = c.pos.take(tok)
    branch = _groups(
        chain,
        "b",
        [tree.codes, rel, pos.codes],
        [len(tree.names), 3, len(pos.names)],
        lambda t, r, ps: (tree.names[t], RELS[r], pos.names[ps]),
        _branch,
    )
    lemma = Coded(np.asarray([c.lemma.codes[v.head] for v in views], dtype=np.intp)[which], c.lemma.names)
    by_lemma = _groups(
        chain,
        "l",
        [lemma.codes, tree.codes, rel, sd + 3],
        [len(lemma.names), len(tree.names), 3, 7],
        lambda lm, t, r, s_: ("cl=" + lemma.names[lm], tree.names[t], RELS[r], s_ - 3),
        _by_lemma,
    )
    total = (
        role_static_scores(info, chain)[tok]
        + small.distance[((rel * 7 + sd + 3) * 5 + pd + 2) * 7 + dist]
        + small.flags[_flag_keys(c, views, which, tok, rel, sd)]
        + chain.group_sums(np.stack([branch, by_lemma], axis=1))
    )
    return np.split(total, np.cumsum(lengths)[:-1])


def _groups(
    chain: LinearChain,
    tag: str,
    parts: list[np.ndarray],
    sizes: list[int],
    decode: Callable[..., tuple],
    features: Callable[..., list[str]],
) -> np.ndarray:
    """Each pair's group row: its parts combined into one key, each distinct key's features
    summed once (`LinearChain.group`)."""
    key = np.zeros(len(parts[0]), dtype=np.int64)
    for part, size in zip(parts, sizes):
        key = key * size + part
    distinct, inverse = np.unique(key, return_inverse=True)
    digits = []  # each distinct key's parts, split all at once (keys are never negative)
    for size in reversed(sizes):
        distinct, digit = np.divmod(distinct, size)
        digits.append(digit.tolist())
    rows = []
    for part_values in zip(*reversed(digits)):
        values = decode(*part_values)
        rows.append(chain.group((tag, *values), features, values))
    return np.asarray(rows, dtype=np.intp)[inverse.reshape(-1)]


FLAG_NAMES = ("samequote", "rsrc", "rcont", "nohint", "-1rcont", "1rcont", "-1rsrc", "1rsrc")
IN_QUOTE = 1 + 7 * 3  # not in a quotation, or in one at each sentence distance and side


@dataclass(frozen=True)
class Small:
    """One model's sums of the features whose values form small closed sets, for every value."""

    distance: np.ndarray
    flags: np.ndarray

    @classmethod
    def build(cls, chain: LinearChain) -> Small:
        distance = np.vstack(
            [
                chain.scores([_distance(RELS[r], sd - 3, pd - 2, dist)])
                for r in range(3)
                for sd in range(7)
                for pd in range(5)
                for dist in range(7)
            ]
        )
        return cls(distance, chain.scores([_flags(k) for k in range(IN_QUOTE << len(FLAG_NAMES))]))


def _flags(key: int) -> list[str]:
    """The flags a `_flag_keys` key stands for, in `_role_keys`'s order."""
    names = [name for n, name in enumerate(FLAG_NAMES) if key >> (len(FLAG_NAMES) - 1 - n) & 1]
    quoted = key >> len(FLAG_NAMES)
    if quoted:
        sd, r = divmod(quoted - 1, 3)
        names.insert(0, f"inq|sd={sd - 3}|{RELS[r]}")
    return names


_SMALL: dict[int, Small] = {}


def register_small(chain: LinearChain, small: Small) -> None:
    _SMALL[id(chain)] = small


def small_groups(chain: LinearChain) -> Small:
    if id(chain) not in _SMALL:
        _SMALL[id(chain)] = Small.build(chain)
    return _SMALL[id(chain)]


def _flag_keys(
    c: DocCodes, views: list[_CueView], which: np.ndarray, tok: np.ndarray, rel: np.ndarray, sd: np.ndarray
) -> np.ndarray:
    """`_role_keys`'s flags for every pair, as keys into `Small.flags`."""
    width = c.n + 2  # a cue's row marks token t at t + 1, so that tokens -1 and n fit
    src = _marked(width, [v.rsrc for v in views], shift=1)
    cont = _marked(width, [v.rcont for v in views], shift=1)
    at = tok + 1
    quote = c.quote[tok]
    inq = quote >= 0
    same = inq & _marked(max(1, int(c.quote.max()) + 1), [v.quotes for v in views])[which, quote]  # (-1: masked)
    hinted = np.asarray([v.hinted for v in views])[which]
    bits = [
        same,
        src[which, at],
        cont[which, at],
        ~hinted,
        cont[which, at - 1],
        cont[which, at + 1],
        src[which, at - 1],
        src[which, at + 1],
    ]
    key = np.where(inq, (sd + 3) * 3 + rel + 1, 0)  # 0: not in a quotation
    for bit in bits:
        key = key * 2 + bit
    return key


def _marked(width: int, rows: list[frozenset[int]], shift: int = 0) -> np.ndarray:
    """A table of each cue's positions (plus `shift`), true where listed: membership by indexing
    (np.isin sorts). Written row by row from arrays: a (cue, position) tuple per mark cost more."""
    marks = np.zeros((len(rows), width), dtype=bool)
    for k, columns in enumerate(rows):
        if columns:
            marks[k, np.fromiter(columns, dtype=np.intp, count=len(columns)) + shift] = True
    return marks


def _depths(heads: np.ndarray) -> np.ndarray:
    depth = np.zeros(len(heads), dtype=np.intp)
    cur = np.arange(len(heads))
    for _ in range(len(heads)):
        up = heads[cur]
        moved = up != cur
        if not moved.any():
            break
        depth += moved
        cur = up
    return depth


def _lift(heads: np.ndarray, nodes: np.ndarray, steps: np.ndarray) -> np.ndarray:
    """Each node's ancestor that many steps up."""
    nodes = nodes.copy()
    for k in range(int(steps.max(initial=0))):
        go = steps > k
        nodes[go] = heads[nodes[go]]
    return nodes


def _tree(c: DocCodes, tok: np.ndarray, head: np.ndarray) -> Coded:
    """`attribution_features._relation` for every pair: the token itself, inside one of the
    cue's branches, above the cue, in a branch of their lowest common ancestor, or elsewhere."""
    heads, depth = c.heads, c.depth
    dt, dh = depth[tok], depth[head]
    a = _lift(heads, tok, np.maximum(0, dt - dh))
    b = _lift(heads, head, np.maximum(0, dh - dt))
    for _ in range(int(np.minimum(dt, dh).max(initial=0))):
        apart = a != b
        if not apart.any():
            break
        a[apart], b[apart] = heads[a[apart]], heads[b[apart]]
    common = a == b
    up_t = dt - depth[a]  # steps from the token up to the common ancestor
    up_h = dh - depth[a]
    below_t = _lift(heads, tok, np.maximum(0, up_t - 1))  # the child of the ancestor on each side
    below_h = _lift(heads, head, np.maximum(0, up_h - 1))
    n_dep = len(c.dep.names)
    dep_t, dep_h = c.dep.codes[below_t], c.dep.codes[below_h]
    kind = np.where(tok == head, 0, np.where(up_h == 0, 1, np.where(up_t == 0, 2, 3)))
    kind = np.where((tok == head) | (common & (up_t < MAX_DEPTH) & (up_h < MAX_DEPTH)), kind, 4)
    first = np.where(kind == 1, dep_t, np.where(kind >= 2, dep_h, 0))
    second = np.where(kind == 3, dep_t, 0)
    distinct, inverse = np.unique((kind * n_dep + first) * n_dep + second, return_inverse=True)
    names = []
    for k in distinct.tolist():
        rest, second_ = divmod(k, n_dep)
        kind_, first_ = divmod(rest, n_dep)
        d1, d2 = c.dep.names[first_], c.dep.names[second_]
        names.append(("tree=self", f"tree=desc:{d1}", f"tree=anc:{d1}", f"tree=lca:{d1}|{d2}", "tree=other")[kind_])
    return Coded(inverse.reshape(-1), [*names, None])

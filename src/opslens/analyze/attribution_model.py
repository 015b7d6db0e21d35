"""Learned attribution spans: where annotators put the edges of cues, sources and contents.

Two linear-chain CRFs (CRFsuite) read the spaCy parse. The cue tagger labels each sentence's
tokens as cue or not; the role tagger labels, for one cue, the tokens of the sentences around it
as its source, its content or neither. Their features are the words, the parse (each token's path
to the cue in the dependency tree), the quotation marks and paragraph breaks, and what the rules
of `attributions.py` found (stacking: the rules say where a cue, source or content is by the
PARC guidelines' definitions; the tagger learns how far the annotation conventions stretch them).

The models are data: `lexicons/models/attribution-{cue,role}.crfsuite`, trained by
`tools/train_attribution.py` on the PolNeAR train compartment (see the models' README).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import numpy as np
import pycrfsuite
from spacy.attrs import DEP, ENT_TYPE, HEAD, IS_SPACE, IS_TITLE, LEMMA, LOWER, ORTH, POS, SENT_START, TAG
from spacy.tokens import Doc, Token

from opslens.lexicons import read_tsv

MODELS = "models"
CUE_MODEL = "attribution-cue.crfsuite"
ROLE_MODEL = "attribution-role.crfsuite"
CLUSTERS = "tok2vec-clusters.npz"  # centroids of the parser's token vectors: contextual word classes
BEFORE, AFTER = 0, 1  # sentences around a cue's own that its source and content may reach (see role_window)
MAX_QUOTE_TOKENS = 400  # a longer "quotation" is an unpaired mark, not words to take in whole
MAX_DEPTH = 40  # a guard against cycles in a broken parse
LIKELY_CUE = 0.3  # chosen on the dev compartment: .2 → all spans .791, .3 → .798, .4 → .798 (cue .614 → .621 → .615)


@dataclass(frozen=True)
class Hint:
    """An attribution the rules found, in character offsets."""

    cue: tuple[int, int]
    source: tuple[int, int] | None
    content: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Roles:
    """A cue and the tokens the role tagger gave it (token indices, end exclusive)."""

    cue: tuple[int, int]
    source: list[tuple[int, int]]
    content: list[tuple[int, int]]


@cache
def _cue_classes() -> dict[str, str]:
    out: dict[str, str] = {}
    for row in read_tsv("speech_cues.tsv"):
        out.setdefault(row["cue"].split()[0], row["class"])
    return out


class DocInfo:
    """Per-document facts the features read: quotation membership, sentence and paragraph of
    each token, and the rules' findings by token."""

    def __init__(self, doc: Doc, quotes: list[tuple[int, int]], hints: list[Hint]):
        self.doc = doc
        n = len(doc)
        self.sent = [0] * n
        self.sents = list(doc.sents)
        for k, s in enumerate(self.sents):
            for i in range(s.start, s.end):
                self.sent[i] = k
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
        self.vc = _word_classes(doc)
        self.paths: dict[int, list[int]] = {}
        self.base = [_base(i, self) for i in range(n)]
        self._role_static: list[list[str]] | None = None

    def _read_tokens(self, doc: Doc) -> None:
        """Token attributes as plain lists, read column by column from one array (spaCy builds a
        Token object at every access, which costs more than the features themselves)."""
        cols = doc.to_array([ORTH, LOWER, LEMMA, POS, TAG, DEP, HEAD, ENT_TYPE, IS_TITLE, SENT_START, IS_SPACE]).T.tolist()
        orth, lower, lemma, pos, tag, dep, head, ent, title, start, space = cols
        names = strings_of(doc.vocab.strings)
        self.text, self.lower, self.pos, self.tag, self.deps, self.ent = (
            [names[k] for k in col] for col in (orth, lower, pos, tag, dep, ent))
        lowered = strings_of(doc.vocab.strings, lowered=True)
        self.lemma = [lowered[k] for k in lemma]
        classes = _cue_classes()
        self.cls = [classes.get(w, "") for w in self.lemma]
        n = len(orth)
        self.heads = [i + (h if h < 2**63 else h - 2**64) for i, h in enumerate(head)]  # HEAD: an offset, stored unsigned
        self.children: list[list[int]] = [[] for _ in range(n)]
        for i, h in enumerate(self.heads):
            if h != i:
                self.children[h].append(i)
        self.title = [t == 1 for t in title]
        self.sent_start = [t == 1 for t in start]
        self.para = []
        p = 0
        for text, sp in zip(self.text, space):
            self.para.append(p)
            if sp and "\n" in text:
                p += 1

    def role_static(self) -> list[list[str]]:
        """The role tagger's features that do not depend on the cue, made once per document."""
        if self._role_static is None:
            n = len(self.base)
            out = []
            for i, base in enumerate(self.base):
                f = base.copy()
                if self.sent_start[i]:
                    f.append("sstart")
                for d in (-1, 1):
                    if 0 <= i + d < n:
                        f += [f"{d}w=" + self.lower[i + d], f"{d}p=" + self.pos[i + d]]
                out.append(f)
            self._role_static = out
        return self._role_static


class _Strings(dict):
    """A vocabulary's strings by hash, looked up once per process (hashes never change)."""

    def __init__(self, strings, convert=str):
        super().__init__({0: ""})
        self.strings, self.convert = strings, convert

    def __missing__(self, key: int) -> str:
        value = self[key] = self.convert(self.strings[key])
        return value


_STRINGS: dict[tuple[int, bool], _Strings] = {}


def strings_of(strings, lowered: bool = False) -> _Strings:
    """A vocabulary's strings (lowercased, or as they are) by hash, cached for the process."""
    key = (id(strings), lowered)
    if key not in _STRINGS:
        _STRINGS[key] = _Strings(strings, str.lower if lowered else str)
    return _STRINGS[key]


def tokens_in(doc: Doc, start: int, end: int) -> range:
    span = doc.char_span(start, end, alignment_mode="expand")
    return range(span.start, span.end) if span is not None else range(0)


def _base(i: int, info: DocInfo) -> list[str]:
    h = info.heads[i]
    pos, dep = info.pos[i], info.deps[i]
    f = [
        "w=" + info.lower[i], "l=" + info.lemma[i], "p=" + pos, "t=" + info.tag[i], "d=" + dep,
        "hl=" + info.lemma[h], "hp=" + info.pos[h], "hd=" + info.deps[h], "pd=" + pos + "|" + dep,
    ]
    if info.cls[i]:
        f.append("cls=" + info.cls[i])
        f.append("clsp=" + info.cls[i] + "|" + pos)
    if info.cls[h] and h != i:
        f.append("hcls=" + info.cls[h] + "|" + dep)
    if info.quote[i] >= 0:
        f.append("inq")
    if info.text[i] in ("\u201c", "\u201d", '"', "''", "``"):
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
    path = resources.files("opslens.lexicons").joinpath(MODELS, CLUSTERS)
    if not path.is_file():
        return []
    with resources.as_file(path) as file, np.load(file) as z:
        return [z[k] for k in sorted(z.files)]


def _word_classes(doc: Doc) -> list[list[str]]:
    """Each token's nearest centroid among the vectors the parser's tok2vec gave it (cosine), at
    each granularity: a word class that reads the token's context, as "vc32=7", "vc256=141"."""
    cents = _centroids()
    if not cents or doc.tensor is None or doc.tensor.shape[0] != len(doc):
        return []
    x = doc.tensor.astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-6
    cols = [[_class_names(len(c))[k] for k in np.argmax(x @ c.T, axis=1).tolist()] for c in cents]
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
        if dep in ("nsubj", "nsubjpass", "agent", "poss"):
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
    """The cue token the rest of its words hang on."""
    for i in range(*cue):
        if not cue[0] <= doc[i].head.i < cue[1] or doc[i].head.i == i:
            return doc[i]
    return doc[cue[0]]


def window(info: DocInfo, cue: tuple[int, int], after: int = AFTER) -> tuple[int, int]:
    """The sentences around the cue's, stretched to take in whole the quotations that open or
    close in them (a quotation of many sentences before "she said")."""
    k = info.sent[cue[0]]
    start = info.sents[max(0, k - BEFORE)].start
    end = info.sents[min(len(info.sents) - 1, info.sent[cue[1] - 1] + after)].end
    for q in {info.quote[i] for i in (start, end - 1)} - {-1}:
        tokens = info.quote_tokens[q]
        if tokens.stop - tokens.start <= MAX_QUOTE_TOKENS:
            start, end = min(start, info.sents[info.sent[tokens.start]].start), max(end, info.sents[info.sent[tokens.stop - 1]].end)
    return start, end


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


def role_features(info: DocInfo, cue: tuple[int, int], span: tuple[int, int]) -> list[list[str]]:
    doc = info.doc
    head = cue_head(doc, cue)
    head_path = _path(info, head.i)
    head_rank = {t: n for n, t in enumerate(head_path)}
    hints = {info.hint_cue[i] for i in range(*cue) if info.hint_cue[i] >= 0}
    rsrc, rcont = set(), set()
    for h in hints:
        hint = info.hints[h]
        if hint.source:
            rsrc.update(tokens_in(doc, *hint.source))
        for piece in hint.content:
            rcont.update(tokens_in(doc, *piece))
    ks = info.sent[head.i]
    kp = info.para[head.i]
    cue_quote = {info.quote[i] for i in range(*cue)} - {-1}
    lemma = "cl=" + info.lemma[head.i]
    xs = []
    pos = info.pos
    static = info.role_static()
    by_lemma: dict[tuple, list[str]] = {}
    for i in range(*span):
        if cue[0] <= i < cue[1]:
            rel = "in"
        else:
            rel = "before" if i < cue[0] else "after"
        sd = max(-3, min(3, info.sent[i] - ks))
        pd = max(-2, min(2, info.para[i] - kp))
        dist = min(6, int(math.log2(abs(i - head.i) + 1)))
        tree = _relation(info, i, head.i, head_path, head_rank)
        f = static[i] + _placement(rel, sd, pd, dist, tree, pos[i])
        key = (tree, rel, sd)
        if key not in by_lemma:
            by_lemma[key] = [lemma + "|" + tree, lemma + "|" + rel, f"{lemma}|sd={sd}"]
        f += by_lemma[key]
        inq = info.quote[i] >= 0
        if inq:
            f.append(f"inq|sd={sd}|{rel}")
            if info.quote[i] in cue_quote:
                f.append("samequote")
        if i in rsrc:
            f.append("rsrc")
        if i in rcont:
            f.append("rcont")
        if not hints:
            f.append("nohint")
        if i - 1 in rcont:
            f.append("-1rcont")
        if i + 1 in rcont:
            f.append("1rcont")
        if i - 1 in rsrc:
            f.append("-1rsrc")
        if i + 1 in rsrc:
            f.append("1rsrc")
        xs.append(f)
    return xs


@lru_cache(maxsize=65536)
def _placement(rel: str, sd: int, pd: int, dist: int, tree: str, pos: str) -> list[str]:
    """Where a token stands to the cue, as features (few distinct combinations: made once)."""
    return ["rel=" + rel, f"sd={sd}", f"pd={pd}", f"dist={rel}{dist}", f"sdrel={sd}|{rel}",
            tree, "tr=" + rel + "|" + tree, "trp=" + tree + "|" + pos]


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


# -- tagging ----------------------------------------------------------------------------------
@cache
def _tagger(name: str) -> pycrfsuite.Tagger:
    tagger = pycrfsuite.Tagger()
    path = resources.files("opslens.lexicons").joinpath(MODELS, name)
    with resources.as_file(path) as file:
        tagger.open(str(file))
    return tagger


def available() -> bool:
    root = resources.files("opslens.lexicons").joinpath(MODELS)
    return root.joinpath(CUE_MODEL).is_file() and root.joinpath(ROLE_MODEL).is_file()


def find_cues(info: DocInfo) -> list[tuple[int, int]]:
    tagger = _tagger(CUE_MODEL)
    cues = []
    for s in info.sents:
        if _wholly_quoted(info, s.start, s.end):
            continue  # the speaker's own words: hardly ever sourcing (one cue in 650 in PolNeAR)
        labels = tagger.tag(cue_features(info, s.start, s.end))
        found = _runs(labels, s.start, "C", begin="B")
        cues += found + _likely_cues(tagger, labels, s.start, found)
    return sorted(cues)


def _likely_cues(tagger: pycrfsuite.Tagger, labels: list[str], offset: int, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs of words the best labelling leaves out but that are a cue with probability
    LIKELY_CUE or more (the tagger's marginals): PolNeAR's long tail of cues ("ignoring", "to
    attack") is where its recall is lost; one inside another report's content is embedded in it."""
    likely = [lab if lab != "O" or tagger.marginal("B", k) + tagger.marginal("C", k) < LIKELY_CUE else "C"
              for k, lab in enumerate(labels)]
    taken = {i for run in found for i in range(*run)}
    return [run for run in _runs(likely, offset, "C", begin="B") if not taken.intersection(range(*run))]


def _wholly_quoted(info: DocInfo, start: int, end: int) -> bool:
    return all(info.quote[i] >= 0 or info.text[i].isspace() for i in range(start, end))


def role_window(info: DocInfo, cue: tuple[int, int]) -> tuple[int, int]:
    """The tokens the role tagger labels for one cue: the cue's sentence, and the next one when
    it opens a quotation (tagging costs by the token, and a content reaches into the next
    sentence hardly ever otherwise)."""
    span = window(info, cue, after=0)
    return window(info, cue) if _quote_follows(info, span[1]) else span


def find_roles(info: DocInfo, cue: tuple[int, int]) -> Roles:
    span = role_window(info, cue)
    labels = _tagger(ROLE_MODEL).tag(role_features(info, cue, span))
    return Roles(cue, _runs(labels, span[0], "S"), [_whole_quotation(info, cue, run) for run in _runs(labels, span[0], "C")])


def _whole_quotation(info: DocInfo, cue: tuple[int, int], run: tuple[int, int]) -> tuple[int, int]:
    """A content that takes in the opening of a quotation after its cue and stops inside it, or
    ends at the close of one before its cue and starts inside it, takes that whole quotation: the
    tagger reads sentence by sentence and tends to stop at a full stop of a quotation of many
    ("He said: “A. B. C.”")."""
    start, end = run
    q = _quotation(info, end - 1)
    if q is not None and start <= q.start + 1 and end < q.stop and q.start >= cue[1]:
        end = q.stop
    q = _quotation(info, end - 1)
    if q is not None and q.stop - end <= 1 and start > q.start and q.stop <= cue[0]:
        start = q.start
    return start, end


def _quotation(info: DocInfo, i: int) -> range | None:
    """The tokens (marks included) of the quotation token i is in, if it is not an unpaired mark's run."""
    q = info.quote[i]
    return info.quote_tokens[q] if q >= 0 and len(info.quote_tokens[q]) <= MAX_QUOTE_TOKENS else None


def _quote_follows(info: DocInfo, i: int) -> bool:
    """Whether the next sentence opens a quotation ("“A,” she said. “B.”": B is hers too)."""
    n = len(info.text)
    while i < n and info.text[i].isspace():
        i += 1
    return i < n and info.quote[i] >= 0


def _runs(labels: list[str], offset: int, kind: str, begin: str | None = None) -> list[tuple[int, int]]:
    """Token ranges of consecutive labels of one kind; with `begin`, a begin label opens a new run."""
    runs: list[tuple[int, int]] = []
    start = None
    for n, lab in enumerate(labels + ["O"]):
        opens = begin is not None and lab == begin
        inside = lab == kind or opens
        if start is not None and (not inside or opens):
            runs.append((offset + start, offset + n))
            start = None
        if inside and start is None:
            start = n
    return runs

"""A linear-chain CRF read from a CRFsuite model file and decoded with numpy.

CRFsuite trains the attribution taggers (`tools/train_attribution.py`); tagging with it from
Python costs more than the features themselves, because every feature string crosses into C++
and is looked up there, item by item. Here the model's weights are read once into an array and a
dict (or come from the start-up cache as arrays, `taggers/arrays.py`), a token's label scores
are the sum of its features' rows, and the many short sequences of one document (its
sentences, or the windows of its cues) are decoded together, padded into one batch. The labels
and marginals are CRFsuite's own (tests hold the two to each other).

The file format is CRFsuite's "FOMC" model (lib/crf/src/crf1d_model.c, lib/cqdb/src/cqdb.c of
chokkan/crfsuite 0.12): a header of offsets, a feature chunk (type, source, destination, weight)
and two constant-quark databases that name the labels and the attributes.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

HEADER = struct.Struct("<4sI4sIIIIIIIII")  # magic, size, type, version, #features, #labels, #attrs, 5 offsets
CQDB_HEADER = struct.Struct("<4sIIIII")  # chunk id, size, flag, byte order, backward-array size and offset
FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])
STATE, TRANSITION = 0, 1
MAX_REMEMBERED = 50_000  # groups remembered per model, a bound on memory over a long batch (~8 MB)


class ModelFormatError(ValueError):
    pass


class AttributeIndex(Protocol):
    """Attribute string → id: a dict, or `attribution_tables.Index` over the cached tables."""

    def get(self, attribute: str, default: int) -> int: ...


def _quarks(buf: bytes, offset: int, count: int) -> list[str]:
    """The strings of a CQDB chunk by id, through its backward array (id → record)."""
    chunk, _size, _flag, order, _cap, bwd = CQDB_HEADER.unpack_from(buf, offset)
    if chunk != b"CQDB" or order != 0x62445371:
        raise ModelFormatError("not a CRFsuite string database")
    refs = np.frombuffer(buf, dtype="<u4", count=count, offset=offset + bwd).tolist()
    out = []
    for ref in refs:
        start = offset + ref + 8  # a record is id, key size (with its NUL), key
        (size,) = struct.unpack_from("<I", buf, offset + ref + 4)
        out.append(buf[start : start + size - 1].decode("utf-8"))
    return out


class LinearChain:
    """Label scores, best labellings and marginals of a first-order linear-chain CRF."""

    def __init__(self, labels: list[str], index: AttributeIndex, state_weights: np.ndarray, transitions: np.ndarray):
        self.labels = labels
        self.index = index  # attribute string → row of state_weights
        self.unknown = len(state_weights) - 1  # the zero row: a feature the model never saw weighs nothing
        self.state_weights = state_weights
        self.transitions = transitions
        self._group_rows: dict[tuple, int] = {}
        self._group_table = np.zeros((1024, len(labels)))

    @classmethod
    def from_weights(
        cls, labels: list[str], attributes: list[str], state: np.ndarray, transitions: np.ndarray
    ) -> LinearChain:
        """A model from its attributes (in id order) and their weights (attributes × labels)."""
        index = {a: k for k, a in enumerate(attributes)}
        return cls(labels, index, np.vstack([state, np.zeros((1, len(labels)))]), transitions)

    @classmethod
    def load(cls, path: Path | str) -> LinearChain:
        buf = Path(path).read_bytes()
        magic, _size, kind, _version, _nf, n_labels, n_attrs, off_feat, off_labels, off_attrs, _lr, _ar = (
            HEADER.unpack_from(buf)
        )
        if magic != b"lCRF" or kind != b"FOMC":
            raise ModelFormatError(f"{path} is not a CRFsuite linear-chain model")
        chunk, _chunk_size, n_features = struct.unpack_from("<4sII", buf, off_feat)
        if chunk != b"FEAT":
            raise ModelFormatError(f"{path}: no feature chunk where the header points")
        feats = np.frombuffer(buf, dtype=FEATURE, count=n_features, offset=off_feat + 12)
        state = np.zeros((n_attrs, n_labels))
        trans = np.zeros((n_labels, n_labels))
        s, t = feats[feats["type"] == STATE], feats[feats["type"] == TRANSITION]
        state[s["src"], s["dst"]] = s["weight"]
        trans[t["src"], t["dst"]] = t["weight"]
        return cls.from_weights(_quarks(buf, off_labels, n_labels), _quarks(buf, off_attrs, n_attrs), state, trans)

    # -- scores -----------------------------------------------------------------------------
    def ids(self, features: Iterable[str]) -> list[int]:
        get, unknown = self.index.get, self.unknown
        return [get(f, unknown) for f in features]

    def scores(self, items: Sequence[Sequence[str]]) -> np.ndarray:
        """Each item's label scores: the sum of its features' weights (items × labels)."""
        return self.scores_of_ids([self.ids(f) for f in items])

    def scores_of_ids(self, items: Sequence[Sequence[int]]) -> np.ndarray:
        lengths = [len(f) for f in items]
        flat = [k for f in items for k in f]
        out = np.zeros((len(items), len(self.labels)))
        if not flat:
            return out
        rows = self.state_weights[np.asarray(flat)]
        starts = np.cumsum([0, *lengths[:-1]])
        filled = np.asarray(lengths) > 0
        out[filled] = np.add.reduceat(rows, starts[filled], axis=0)
        return out

    def group(self, key: tuple, features: Callable[..., Sequence[str]], args: tuple) -> int:
        """The row of the summed weights of `features(*args)`, remembered under `key` (features
        that recur together are summed once per process, not once per token)."""
        row = self._group_rows.get(key)
        if row is None:
            row = len(self._group_rows)
            if row >= len(self._group_table):
                self._group_table = np.vstack([self._group_table, np.zeros_like(self._group_table)])
            self._group_table[row] = self.state_weights[self.ids(features(*args))].sum(axis=0)
            self._group_rows[key] = row
        return row

    def forget_groups(self) -> None:
        """Forget the remembered groups once there are more than MAX_REMEMBERED. Call it between
        documents only: a document's rows must stay theirs until its sums are taken (forgetting
        inside `group`, as before, let a later group of the same document take an earlier one's row)."""
        if len(self._group_rows) > MAX_REMEMBERED:
            self._group_rows.clear()

    def group_sums(self, rows: np.ndarray | Sequence[Sequence[int]]) -> np.ndarray:
        """Each item's scores from its groups (`group` rows, as many per item)."""
        return self._group_table[np.asarray(rows, dtype=np.intp)].sum(axis=1)

    # -- decoding ---------------------------------------------------------------------------
    def best(self, sequences: Sequence[np.ndarray]) -> list[list[str]]:
        """The highest-scoring labelling of each sequence of label scores (Viterbi, in one batch:
        the sequences longest first, so that the ones still running are always the first k)."""
        if not sequences:
            return []
        x, lengths, order = _padded(sequences)
        n, top, _ = x.shape
        running = _running(lengths, top)
        back = np.zeros((n, top, x.shape[2]), dtype=np.intp)
        delta = x[:, 0].copy()
        for t in range(1, top):
            k = running[t]
            cand = delta[:k, :, None] + self.transitions  # (k, from, to)
            back[:k, t] = cand.argmax(axis=1)
            delta[:k] = np.maximum.reduce(cand, axis=1) + x[:k, t]  # `ndarray.max` without its Python wrapper
        path = np.zeros((n, top), dtype=np.intp)
        rows = np.arange(n)
        path[rows, lengths - 1] = delta.argmax(axis=1)
        for t in range(top - 1, 0, -1):  # back from each sequence's own end
            k = running[t]
            path[:k, t - 1] = back[rows[:k], t, path[:k, t]]
        labels = self.labels
        out = [[labels[y] for y in ys[:length]] for ys, length in zip(path.tolist(), lengths.tolist())]
        return [out[k] for k in np.argsort(order).tolist()]

    def marginals(self, sequences: Sequence[np.ndarray]) -> list[np.ndarray]:
        """Each position's probability of each label (forward-backward, scaled, in one batch)."""
        if not sequences:
            return []
        x, lengths, order = _padded(sequences)
        n, top, n_labels = x.shape
        running = _running(lengths, top)
        expx = np.exp(x - x.max(axis=2, keepdims=True))
        expt = np.exp(self.transitions)
        alpha = np.zeros((n, top, n_labels))
        alpha[:, 0] = expx[:, 0] / expx[:, 0].sum(axis=1, keepdims=True)
        for t in range(1, top):
            k = running[t]
            a = (alpha[:k, t - 1] @ expt) * expx[:k, t]
            alpha[:k, t] = a / np.add.reduce(a, axis=1, keepdims=True)  # `ndarray.sum`, as in `best`
        beta = np.ones((n, top, n_labels))
        for t in range(top - 2, -1, -1):
            k = running[t + 1]  # the sequences that go on past t; the others end at or before it (beta 1)
            b = (beta[:k, t + 1] * expx[:k, t + 1]) @ expt.T
            beta[:k, t] = b / np.add.reduce(b, axis=1, keepdims=True)
        p = alpha * beta
        with np.errstate(invalid="ignore"):  # the padding after a sequence's end is all zeros
            p /= p.sum(axis=2, keepdims=True)
        out = [p[k, :length] for k, length in enumerate(lengths.tolist())]
        return [out[k] for k in np.argsort(order).tolist()]


def _padded(sequences: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The sequences longest first, padded into one array; their lengths; their order."""
    order = np.argsort([-len(s) for s in sequences], kind="stable")
    lengths = np.asarray([len(sequences[k]) for k in order.tolist()])
    x = np.zeros((len(sequences), int(lengths[0]), sequences[0].shape[1]))
    for row, k in enumerate(order.tolist()):
        x[row, : lengths[row]] = sequences[k]
    return x, lengths, order


def _running(lengths: np.ndarray, top: int) -> list[int]:
    """For each position, how many of the (longest-first) sequences reach it."""
    return [int(k) for k in np.searchsorted(-lengths, -np.arange(top), side="left").tolist()]

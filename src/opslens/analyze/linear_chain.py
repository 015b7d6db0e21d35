"""A linear-chain CRF read from a CRFsuite model file and decoded with numpy.

CRFsuite trains the attribution taggers (`tools/train_attribution.py`); tagging with it from
Python costs more than the features themselves, because every feature string crosses into C++
and is looked up there, item by item. Here the model's weights are read once into an array and a
dict, a token's label scores are the sum of its features' rows, and the many short sequences of
one document (its sentences, or the windows of its cues) are decoded together, padded into one
batch. The labels and marginals are CRFsuite's own (tests hold the two to each other).

The file format is CRFsuite's "FOMC" model (lib/crf/src/crf1d_model.c, lib/cqdb/src/cqdb.c of
chokkan/crfsuite 0.12): a header of offsets, a feature chunk (type, source, destination, weight)
and two constant-quark databases that name the labels and the attributes.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np

HEADER = struct.Struct("<4sI4sIIIIIIIII")  # magic, size, type, version, #features, #labels, #attrs, 5 offsets
CQDB_HEADER = struct.Struct("<4sIIIII")  # chunk id, size, flag, byte order, backward-array size and offset
FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])
STATE, TRANSITION = 0, 1
MAX_REMEMBERED = 500_000  # values and groups remembered per model, a bound on memory over a long batch


class ModelFormatError(ValueError):
    pass


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
        out.append(buf[start:start + size - 1].decode("utf-8"))
    return out


class LinearChain:
    """Label scores, best labellings and marginals of a first-order linear-chain CRF."""

    def __init__(self, labels: list[str], attributes: list[str], state: np.ndarray, transitions: np.ndarray):
        self.labels = labels
        self.index = {a: k for k, a in enumerate(attributes)}
        self.unknown = len(attributes)  # the zero row: a feature the model never saw weighs nothing
        self.state_weights = np.vstack([state, np.zeros((1, len(labels)))])
        self.transitions = transitions
        self._columns: dict[str, _Column] = {}
        self._group_rows: dict[tuple, int] = {}
        self._group_table = np.zeros((1024, len(labels)))

    @classmethod
    def load(cls, path: Path | str) -> "LinearChain":
        buf = Path(path).read_bytes()
        magic, _size, kind, _version, _nf, n_labels, n_attrs, off_feat, off_labels, off_attrs, _lr, _ar = HEADER.unpack_from(buf)
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
        return cls(_quarks(buf, off_labels, n_labels), _quarks(buf, off_attrs, n_attrs), state, trans)

    # -- scores -----------------------------------------------------------------------------
    def ids(self, features: Iterable[str]) -> list[int]:
        get, unknown = self.index.get, self.unknown
        return [get(f, unknown) for f in features]

    def column_ids(self, prefix: str, values: Iterable) -> list[int]:
        """The attribute id of prefix + value for each value (a tuple's parts joined by "|";
        None, or a feature the model lacks: the zero row), remembered per prefix."""
        ids = self._columns.get(prefix)
        if ids is None or len(ids) >= MAX_REMEMBERED:
            ids = self._columns[prefix] = _Column(prefix, self.index, self.unknown)
        return [ids[v] for v in values]

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
        starts = np.cumsum([0] + lengths[:-1])
        filled = np.asarray(lengths) > 0
        out[filled] = np.add.reduceat(rows, starts[filled], axis=0)
        return out

    def group(self, key: tuple, features: Callable[..., Sequence[str]], args: tuple) -> int:
        """The row of the summed weights of `features(*args)`, remembered under `key` (features
        that recur together are summed once per process, not once per token)."""
        row = self._group_rows.get(key)
        if row is None:
            if len(self._group_rows) >= MAX_REMEMBERED:  # a bound on memory over a long batch
                self._group_rows.clear()
            row = len(self._group_rows)
            if row >= len(self._group_table):
                self._group_table = np.vstack([self._group_table, np.zeros_like(self._group_table)])
            self._group_table[row] = self.state_weights[self.ids(features(*args))].sum(axis=0)
            self._group_rows[key] = row
        return row

    def group_sums(self, rows: Sequence[Sequence[int]]) -> np.ndarray:
        """Each item's scores from its groups (`group` rows, as many per item)."""
        return self._group_table[np.asarray(rows, dtype=np.intp)].sum(axis=1)

    # -- decoding ---------------------------------------------------------------------------
    def best(self, sequences: Sequence[np.ndarray]) -> list[list[str]]:
        """The highest-scoring labelling of each sequence of label scores (Viterbi, in one batch)."""
        if not sequences:
            return []
        x, lengths = _padded(sequences)
        n, top, _ = x.shape
        back = np.zeros((n, top, x.shape[2]), dtype=np.intp)
        delta = x[:, 0].copy()
        for t in range(1, top):
            cand = delta[:, :, None] + self.transitions[None]  # (n, from, to)
            back[:, t] = cand.argmax(axis=1)
            nxt = cand.max(axis=1) + x[:, t]
            live = t < lengths
            delta[live] = nxt[live]
        rows = np.arange(n)
        path = np.zeros((n, top), dtype=np.intp)
        path[rows, lengths - 1] = delta.argmax(axis=1)
        for t in range(top - 1, 0, -1):  # back from each sequence's own end
            live = t < lengths
            path[live, t - 1] = back[rows[live], t, path[live, t]]
        labels = self.labels
        return [[labels[y] for y in ys[:length]] for ys, length in zip(path.tolist(), lengths.tolist())]

    def marginals(self, sequences: Sequence[np.ndarray]) -> list[np.ndarray]:
        """Each position's probability of each label (forward-backward, scaled, in one batch)."""
        if not sequences:
            return []
        x, lengths = _padded(sequences)
        n, top, n_labels = x.shape
        expx = np.exp(x - x.max(axis=2, keepdims=True))
        expt = np.exp(self.transitions)
        alpha = np.zeros((n, top, n_labels))
        alpha[:, 0] = expx[:, 0] / expx[:, 0].sum(axis=1, keepdims=True)
        for t in range(1, top):
            a = (alpha[:, t - 1] @ expt) * expx[:, t]
            alpha[:, t] = a / a.sum(axis=1, keepdims=True)
        beta = np.ones((n, top, n_labels))
        rows = np.arange(n)
        for t in range(top - 2, -1, -1):
            b = (beta[:, t + 1] * expx[:, t + 1]) @ expt.T
            b /= b.sum(axis=1, keepdims=True)
            ended = t >= lengths - 1  # a sequence's last position and the padding after it
            beta[:, t] = np.where(ended[:, None], 1.0, b)
        p = alpha * beta
        p /= p.sum(axis=2, keepdims=True)
        return [p[k, :length] for k, length in zip(rows.tolist(), lengths.tolist())]


class _Column(dict):
    """Attribute ids by value for one feature template, filled as values are met."""

    def __init__(self, prefix: str, index: dict[str, int], unknown: int):
        super().__init__()
        self.prefix, self.index, self.unknown = prefix, index, unknown

    def __missing__(self, value) -> int:
        if value is None:
            k = self.unknown
        else:
            k = self.index.get(self.prefix + (value if isinstance(value, str) else "|".join(value)), self.unknown)
        self[value] = k
        return k


def _padded(sequences: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    lengths = np.asarray([len(s) for s in sequences])
    x = np.zeros((len(sequences), int(lengths.max()), sequences[0].shape[1]))
    for k, s in enumerate(sequences):
        x[k, :len(s)] = s
    return x, lengths

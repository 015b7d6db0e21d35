"""A tagger's column features looked up by number rather than by string.

A column feature is a template and a value: "w=" and a word, "hl=" and the head's lemma,
"kl=" and a child's dependency with its word. Each model's weights are read once into one
sorted table per template, keyed by the value's number in the model's own vocabulary (the
strings its features are made of; a pair of values is two numbers in one key). A document's
values are numbered once per distinct word, and every column is then found in its table by
numpy's binary search. A value the model's vocabulary lacks cannot be part of any of its
features, so it weighs nothing, as the string would.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from opslens.analyze.linear_chain import LinearChain

FIRST, LAST = "first", "last"  # where a pair's two values split: no "|" in the first, or in the last
PAIRS = {"pd=": FIRST, "clsp=": FIRST, "hcls=": FIRST, "kl=": FIRST, "subj=": FIRST, "lsubj=": LAST, "larg=": LAST}
SINGLES = re.compile(r"(?:-?[12])?(?:w|p|cls)=|l=|t=|d=|hl=|hp=|hd=|ent=|k=|vc\d+=")
QUOTED = "byquote|"  # "byquote|" + part of speech: a single value after a "|"
MAX_REMEMBERED = 1_000_000  # numbers of a vocabulary's hashes remembered, a bound on memory
NONE = -1


class Vocabulary:
    """The strings the models' column features are made of, numbered, shared by the models
    prepared together (so that a document's values are numbered once for all of them)."""

    def __init__(self):
        self.ids: dict[str, int] = {}
        self._numbers: dict[str, dict[int, int]] = {}
        self._classes: dict[int, np.ndarray] = {}

    def add(self, value: str) -> int:
        return self.ids.setdefault(value, len(self.ids))

    def number(self, value: str) -> int:
        return self.ids.get(value, NONE)

    def class_numbers(self, n: int) -> np.ndarray:
        """The numbers of the word classes 0 … n-1 ("vc32=" + "7")."""
        if n not in self._classes:
            self._classes[n] = np.asarray([self.number(str(k)) for k in range(n)], dtype=np.int64)
        return self._classes[n]

    def numbers(self, kind: str, hashes: np.ndarray, name: Callable[[int], str | None]) -> np.ndarray:
        """Each hash's value as its number (NONE: not in the vocabulary, or no value); `kind`
        names what `name` makes of a hash (a string, a lowered lemma, a cue class)."""
        known = self._numbers.setdefault(kind, {})
        if len(known) > MAX_REMEMBERED:
            known.clear()
        distinct, inverse = np.unique(hashes, return_inverse=True)
        out = []
        for h in distinct.tolist():
            k = known.get(h)
            if k is None:
                value = name(h)
                k = known[h] = NONE if value is None else self.ids.get(value, NONE)
            out.append(k)
        return np.asarray(out, dtype=np.int64)[inverse.reshape(-1)]


class Tables:
    """One model's column features: per template, sorted keys and the attribute id of each."""

    def __init__(self, chain: LinearChain, vocab: Vocabulary):
        self.unknown = chain.unknown
        self.vocab = vocab
        rows: dict[str, tuple[list[int], list[int]]] = {}
        kinds: dict[str, str | None] = {}  # prefix → "one", FIRST, LAST, or None: not a column template
        number = vocab.ids.setdefault
        for attribute, k in chain.index.items():
            if attribute.startswith(QUOTED):
                prefix, value = QUOTED, attribute[len(QUOTED):]
            else:
                cut = attribute.find("=") + 1
                prefix, value = attribute[:cut], attribute[cut:]
            kind = kinds.get(prefix, "?")
            if kind == "?":
                kind = kinds[prefix] = PAIRS.get(prefix) or ("one" if prefix == QUOTED or SINGLES.fullmatch(prefix) else None)
            if kind is None:
                continue
            if kind == "one":
                key = number(value, len(vocab.ids))
            else:
                at = value.find("|") if kind == FIRST else value.rfind("|")
                if at < 0:
                    continue
                key = pair_key(number(value[:at], len(vocab.ids)), number(value[at + 1:], len(vocab.ids)))
            keys, attrs = rows.setdefault(prefix, ([], []))
            keys.append(key)
            attrs.append(k)
        self._pairs = {prefix for prefix in rows if prefix in PAIRS}
        self.keys: dict[str, np.ndarray] = {}
        self.attrs: dict[str, np.ndarray] = {}
        self.dense: dict[str, np.ndarray] = {}
        for prefix, (keys, attrs) in rows.items():
            if prefix not in self._pairs:  # one value: an array indexed by its number (NONE, -1: the last, unknown)
                dense = np.full(len(vocab.ids) + 1, self.unknown, dtype=np.intp)
                dense[keys] = attrs
                self.dense[prefix] = dense
                continue
            order = np.argsort(keys)
            # a last key above every number, so that a search never runs off the end
            self.keys[prefix] = np.append(np.asarray(keys, dtype=np.int64)[order], np.iinfo(np.int64).max)
            self.attrs[prefix] = np.append(np.asarray(attrs, dtype=np.intp)[order], self.unknown)

    def find(self, prefix: str, keys: np.ndarray) -> np.ndarray:
        """The attribute id of each key under the template (the zero row where there is none;
        NONE is never found)."""
        dense = self.dense.get(prefix)
        if dense is not None:
            return dense[np.minimum(keys, len(dense) - 1)]  # a number the vocabulary gained later: unknown here
        table = self.keys.get(prefix)
        if table is None:
            return np.full(len(keys), self.unknown, dtype=np.intp)
        at = table.searchsorted(keys)
        return np.where(table[at] == keys, self.attrs[prefix][at], self.unknown)


def pair_key(a, b):
    """Two numbers as one key (NONE if either is NONE); works on ints and arrays alike."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.where((np.asarray(a) >= 0) & (np.asarray(b) >= 0), (np.asarray(a, dtype=np.int64) << 32) | b, NONE)
    return NONE if a < 0 or b < 0 else (a << 32) | b


_TABLES: dict[int, Tables] = {}


def prepare(chains: list[LinearChain]) -> None:
    """Tables for models used together, over one vocabulary (before any document is numbered)."""
    vocab = Vocabulary()
    for chain in chains:
        _TABLES[id(chain)] = Tables(chain, vocab)


def tables(chain: LinearChain) -> Tables:
    if id(chain) not in _TABLES:
        prepare([chain])
    return _TABLES[id(chain)]

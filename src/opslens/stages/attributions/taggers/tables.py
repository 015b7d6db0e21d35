"""A tagger's column features looked up by number rather than by string.

A column feature is a template and a value: "w=" and a word, "hl=" and the head's lemma,
"kl=" and a child's dependency with its word. Each model's weights are read once into one
sorted table per template, keyed by the value's number in the model's own vocabulary (the
strings its features are made of; a pair of values is two numbers in one key). A document's
values are numbered once per distinct word, and every column is then found in its table by
numpy's binary search. A value the model's vocabulary lacks cannot be part of any of its
features, so it weighs nothing, as the string would.

The tables are built once from the models' files and then kept by the start-up cache
(`taggers/arrays.py`), as arrays; a model made from them finds its attribute strings through `Index`
(the few the tables do not hold in a dict, the others in their tables), never building a dict of
all its 300,000 attributes.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from opslens.cache import Strings, pack_strings
from opslens.stages.attributions.taggers.linear_chain import LinearChain

ONE, FIRST, LAST = "one", "first", "last"  # where a pair's two values split: no "|" in the first, or in the last
PAIRS = {"pd=": FIRST, "clsp=": FIRST, "hcls=": FIRST, "kl=": FIRST, "subj=": FIRST, "lsubj=": LAST, "larg=": LAST}
SINGLES = re.compile(r"(?:-?[12])?(?:w|p|cls)=|l=|t=|d=|hl=|hp=|hd=|ent=|k=|vc\d+=")
QUOTED = "byquote|"  # "byquote|" + part of speech: a single value after a "|"
MAX_REMEMBERED = 50_000  # numbers of a vocabulary's hashes remembered per kind, a bound on memory (~5 MB)
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

    def to_arrays(self) -> dict[str, np.ndarray]:
        blob, offsets = pack_strings(list(self.ids))  # in the order of their numbers
        return {"vocabulary": blob, "vocabulary_offsets": offsets}

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> Vocabulary:
        vocab = cls()
        values = Strings(arrays["vocabulary"], arrays["vocabulary_offsets"]).tolist()
        vocab.ids = dict(zip(values, range(len(values))))
        return vocab

    def number(self, value: str) -> int:
        return self.ids.get(value, NONE)

    def class_numbers(self, n: int) -> np.ndarray:
        """The numbers of the word classes 0 … n-1 ("vc32=" + "7")."""
        if n not in self._classes:
            self._classes[n] = np.asarray([self.number(str(k)) for k in range(n)], dtype=np.int64)
        return self._classes[n]

    def numbers(
        self, kind: str, column: tuple[np.ndarray, np.ndarray], name: Callable[[int], str | None]
    ) -> np.ndarray:
        """Each hash's value as its number (NONE: not in the vocabulary, or no value), from a
        column of hashes as its distinct values and each token's index among them (np.unique's);
        `kind` names what `name` makes of a hash (a string, a lowered lemma, a cue class)."""
        known = self._numbers.setdefault(kind, {})
        if len(known) > MAX_REMEMBERED:
            known.clear()
        distinct, inverse = column
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

    def __init__(
        self,
        unknown: int,
        vocab: Vocabulary,
        dense: dict[str, np.ndarray],
        keys: dict[str, np.ndarray],
        attrs: dict[str, np.ndarray],
    ):
        self.unknown = unknown
        self.vocab = vocab
        self.dense = dense  # one-value templates: an array indexed by the value's number (NONE, -1: the last, unknown)
        self.keys = keys  # pair templates: sorted keys, a last one above every number
        self.attrs = attrs  # … and the attribute id of each

    @classmethod
    def build(cls, chain: LinearChain, vocab: Vocabulary) -> Tables:
        """The tables of a model's attributes (`chain.index` a dict of them all), numbering
        their values in `vocab`."""
        rows: dict[str, tuple[list[int], list[int]]] = {}
        kinds: dict[str, str | None] = {}
        number = vocab.ids.setdefault
        for attribute, k in all_attributes(chain).items():
            prefix, value = split(attribute)
            kind = kinds.get(prefix, "?")
            if kind == "?":
                kind = kinds[prefix] = template_kind(prefix)
            if kind is None:
                continue
            if kind == ONE:
                key = number(value, len(vocab.ids))
            else:
                at = value.find("|") if kind == FIRST else value.rfind("|")
                if at < 0:
                    continue
                key = pair_key(number(value[:at], len(vocab.ids)), number(value[at + 1 :], len(vocab.ids)))
            keys, attrs = rows.setdefault(prefix, ([], []))
            keys.append(key)
            attrs.append(k)
        dense, sorted_keys, sorted_attrs = {}, {}, {}
        for prefix, (keys, attrs) in rows.items():
            if prefix not in PAIRS:
                dense[prefix] = np.full(len(vocab.ids) + 1, chain.unknown, dtype=np.intp)
                dense[prefix][keys] = attrs
                continue
            order = np.argsort(keys)
            # a last key above every number, so that a search never runs off the end
            sorted_keys[prefix] = np.append(np.asarray(keys, dtype=np.int64)[order], np.iinfo(np.int64).max)
            sorted_attrs[prefix] = np.append(np.asarray(attrs, dtype=np.intp)[order], chain.unknown)
        return cls(chain.unknown, vocab, dense, sorted_keys, sorted_attrs)

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

    def attribute(self, attribute: str) -> int | None:
        """The id of an attribute string that a column template holds (`unknown` if the model
        lacks it), or None if no template's table could hold it."""
        prefix, value = split(attribute)
        kind = template_kind(prefix)
        if kind is None:
            return None
        if kind == ONE:
            key = self.vocab.number(value)
        else:
            at = value.find("|") if kind == FIRST else value.rfind("|")
            if at < 0:
                return None
            key = pair_key(self.vocab.number(value[:at]), self.vocab.number(value[at + 1 :]))
        return int(self.find(prefix, np.asarray([key], dtype=np.int64))[0])

    # -- as arrays (the cache's form) -------------------------------------------------------
    def to_arrays(self) -> dict[str, np.ndarray]:
        out = {}
        for kind, tables in (("dense", self.dense), ("keys", self.keys), ("attrs", self.attrs)):
            names = sorted(tables)
            out[f"{kind}.names"], out[f"{kind}.name_offsets"] = pack_strings(names)
            out[f"{kind}.bounds"] = np.cumsum([0] + [len(tables[n]) for n in names]).astype(np.int64)
            out[kind] = np.concatenate([tables[n] for n in names]) if names else np.zeros(0, dtype=np.intp)
        out["unknown"] = np.asarray(self.unknown, dtype=np.int64)
        return out

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray], vocab: Vocabulary) -> Tables:
        parts = {}
        for kind in ("dense", "keys", "attrs"):
            names, bounds, flat = (
                Strings(arrays[f"{kind}.names"], arrays[f"{kind}.name_offsets"]).tolist(),
                arrays[f"{kind}.bounds"],
                arrays[kind],
            )
            parts[kind] = {n: flat[bounds[i] : bounds[i + 1]] for i, n in enumerate(names)}
        return cls(int(arrays["unknown"]), vocab, parts["dense"], parts["keys"], parts["attrs"])


class Index:
    """A model's attribute ids by string without a dict of them all: the attributes no column
    template holds in a dict, the others found in their tables (the same id either way)."""

    def __init__(self, rest: dict[str, int], tables: Tables):
        self.rest, self.tables = rest, tables

    def get(self, attribute: str, default: int) -> int:
        k = self.rest.get(attribute)
        if k is None:
            k = self.tables.attribute(attribute)
        return default if k is None or k == self.tables.unknown else k


def all_attributes(chain: LinearChain) -> dict[str, int]:
    """The attributes of a model read from its file, all in a dict (`LinearChain.from_weights`);
    a model made from the cached arrays has an `Index` instead, and its tables already."""
    index = chain.index
    assert isinstance(index, dict), "tables are made from a model read from its file"
    return index


def rest_of(chain: LinearChain) -> dict[str, int]:
    """The attributes of a model (its full dict) that no column template holds."""
    rest = {}
    for attribute, k in all_attributes(chain).items():
        prefix, value = split(attribute)
        kind = template_kind(prefix)
        if kind is None or (kind != ONE and (value.find("|") if kind == FIRST else value.rfind("|")) < 0):
            rest[attribute] = k
    return rest


def split(attribute: str) -> tuple[str, str]:
    """An attribute's template prefix ("w=", "byquote|") and value."""
    if attribute.startswith(QUOTED):
        return QUOTED, attribute[len(QUOTED) :]
    cut = attribute.find("=") + 1
    return attribute[:cut], attribute[cut:]


def template_kind(prefix: str) -> str | None:
    """ONE, FIRST or LAST (where a pair's values split), or None: not a column template."""
    return PAIRS.get(prefix) or (ONE if prefix == QUOTED or SINGLES.fullmatch(prefix) else None)


def pair_key(a, b):
    """Two numbers as one key (NONE if either is NONE); works on ints and arrays alike."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.where((np.asarray(a) >= 0) & (np.asarray(b) >= 0), (np.asarray(a, dtype=np.int64) << 32) | b, NONE)
    return NONE if a < 0 or b < 0 else (a << 32) | b


_TABLES: dict[int, Tables] = {}


def prepare(chains: list[LinearChain]) -> list[Tables]:
    """Tables for models used together, over one vocabulary (before any document is numbered)."""
    vocab = Vocabulary()
    made = [Tables.build(chain, vocab) for chain in chains]
    for chain, t in zip(chains, made):
        register(chain, t)
    return made


def register(chain: LinearChain, t: Tables) -> None:
    _TABLES[id(chain)] = t


def tables(chain: LinearChain) -> Tables:
    if id(chain) not in _TABLES:
        prepare([chain])
    return _TABLES[id(chain)]

"""The attribution taggers as arrays: what the start-up cache (`opslens.cache`) keeps of them.

Reading the two CRFsuite models and building their column tables (`attribution_tables`) took
about two seconds at every start, most of it making Python dicts of their 300,000 attribute
strings. The cache keeps, per model, its labels, weights and transitions, its column tables, the
attributes no table holds (a few dozen for the cue tagger, about 46,000 for the role tagger) and,
for the role tagger, its small closed-set sums (`attribution_scores.Small`); and the vocabulary
the two models share. A model made from these finds every attribute by the same id as one read
from its file (`attribution_tables.Index`), so every score is the same.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import numpy as np

from opslens import cache, knowledge
from opslens.stages.attributions.taggers import features as attribution_features
from opslens.stages.attributions.taggers import linear_chain
from opslens.stages.attributions.taggers import scores as attribution_scores
from opslens.stages.attributions.taggers import tables as attribution_tables
from opslens.stages.attributions.taggers.features import MODELS
from opslens.stages.attributions.taggers.linear_chain import LinearChain
from opslens.stages.attributions.taggers.tables import Index, Tables, Vocabulary

NAME = "attribution_taggers"
MODEL_FILES = {"cue": "attribution-cue.crfsuite", "role": "attribution-role.crfsuite"}
WITH_SMALL = ("role",)  # the models whose cue-dependent features `attribution_scores.Small` sums


def sources() -> list[Path]:
    """The modules whose code decides what the arrays hold: a change to any makes a new cache key."""
    mods = (attribution_features, attribution_scores, attribution_tables, linear_chain, cache)
    return [Path(file) for m in mods if (file := m.__file__)] + [Path(__file__)]


def build() -> cache.Arrays:
    """Read the models from their files and lay them out as arrays."""
    chains = {}
    for name, file in MODEL_FILES.items():
        with resources.as_file(knowledge.resource(MODELS, file)) as path:
            chains[name] = LinearChain.load(path)
    made = attribution_tables.prepare(list(chains.values()))  # one vocabulary: a document is numbered once for both
    out = dict(made[0].vocab.to_arrays())
    for (name, chain), tables in zip(chains.items(), made):
        rest = attribution_tables.rest_of(chain)
        out[f"{name}.labels"], out[f"{name}.label_offsets"] = cache.pack_strings(chain.labels)
        out[f"{name}.rest"], out[f"{name}.rest_offsets"] = cache.pack_strings(list(rest))
        out[f"{name}.rest_ids"] = np.asarray(list(rest.values()), dtype=np.int64)
        out[f"{name}.state_weights"] = chain.state_weights
        out[f"{name}.transitions"] = chain.transitions
        out.update({f"{name}.{k}": v for k, v in tables.to_arrays().items()})
        if name in WITH_SMALL:
            small = attribution_scores.small_groups(chain)
            out[f"{name}.small_distance"], out[f"{name}.small_flags"] = small.distance, small.flags
    return out


def chains(arrays: cache.Arrays) -> dict[str, LinearChain]:
    """The models, by file name, made from the arrays; their tables and small sums registered."""
    vocab = Vocabulary.from_arrays(arrays)
    out = {}
    for name, file in MODEL_FILES.items():
        mine = {k.removeprefix(f"{name}."): v for k, v in arrays.items() if k.startswith(f"{name}.")}
        tables = Tables.from_arrays(mine, vocab)
        rest = cache.Strings(mine["rest"], mine["rest_offsets"]).tolist()
        index = Index(dict(zip(rest, mine["rest_ids"].tolist())), tables)
        labels = cache.Strings(mine["labels"], mine["label_offsets"]).tolist()
        chain = LinearChain(labels, index, mine["state_weights"], mine["transitions"])
        attribution_tables.register(chain, tables)
        if name in WITH_SMALL:
            attribution_scores.register_small(
                chain, attribution_scores.Small(mine["small_distance"], mine["small_flags"])
            )
        out[file] = chain
    return out


def cached() -> cache.Arrays:
    return cache.arrays(NAME, build, sources=sources())


def load() -> dict[str, LinearChain]:
    return chains(cached())

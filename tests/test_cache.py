"""The start-up cache: tables built once, reused, rebuilt when what they are made from changes,
written whole or not at all, and never in the way when the cache directory cannot be written."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import numpy as np
import pytest

from opslens import cache, knowledge
from opslens.knowledge import gazetteer
from opslens.pipeline.analyzer import Analyzer
from opslens.settings import Options
from opslens.stages.attributions.taggers import arrays as tagger_arrays
from opslens.stages.entities import mentions as entity_mentions


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A cache directory of the test's own, with a fresh warning flag; the default restored after."""
    monkeypatch.setattr(cache, "_warned", False)
    cache.use(tmp_path / "cache")
    yield tmp_path / "cache"
    cache.use(None)


def counting(arrays: dict[str, np.ndarray]):
    calls = []

    def build():
        calls.append(1)
        return dict(arrays)

    return build, calls


SAMPLE = {"ids": np.arange(5, dtype=np.int64), "weights": np.linspace(0, 1, 7).reshape(7, 1), "empty": np.zeros(0)}


def same(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> bool:
    return a.keys() == b.keys() and all(a[k].dtype == b[k].dtype and np.array_equal(a[k], b[k]) for k in a)


def test_a_table_is_built_once_then_loaded_from_its_folder(folder):
    build, calls = counting(SAMPLE)
    first = cache.arrays("sample", build, versions={"v": "1"})
    (table,) = folder.iterdir()
    written = {p.name: p.stat().st_mtime_ns for p in table.iterdir()}
    again = cache.arrays("sample", build, versions={"v": "1"})
    assert len(calls) == 1 and cache.loaded["sample"] >= 1
    assert table.name == f"sample-{cache.key('sample', versions={'v': '1'})}"
    assert set(written) == {"ids.npy", "weights.npy", "empty.npy", "arrays.json"}
    assert {p.name: p.stat().st_mtime_ns for p in table.iterdir()} == written  # nothing rewritten
    assert same(first, SAMPLE) and same(again, SAMPLE)


def test_a_changed_version_or_source_is_a_new_key(folder, tmp_path):
    source = tmp_path / "builder.py"
    source.write_text("LAYOUT = 1\n")
    build, calls = counting(SAMPLE)
    cache.arrays("sample", build, sources=[source], versions={"v": "1"})
    cache.arrays("sample", build, sources=[source], versions={"v": "2"})
    source.write_text("LAYOUT = 2\n")
    cache.arrays("sample", build, sources=[source], versions={"v": "2"})
    cache.arrays("sample", build, sources=[source], versions={"v": "2"})
    assert len(calls) == 3
    assert len(list(folder.glob("sample-*"))) == 3


def test_the_lexicons_are_part_of_the_key(monkeypatch):
    before = cache.key("sample")
    monkeypatch.setattr(cache, "lexicon_digest", lambda: "another lexicon")
    assert cache.key("sample") != before


def test_old_folders_of_a_table_beyond_keep_are_removed(folder):
    build, _ = counting(SAMPLE)
    for v in range(cache.KEEP + 2):
        cache.arrays("sample", build, versions={"v": str(v)})
        os.utime(folder / f"sample-{cache.key('sample', versions={'v': str(v)})}", (v, v))  # older first
    kept = sorted(p.name for p in folder.glob("sample-*"))
    assert kept == sorted(f"sample-{cache.key('sample', versions={'v': str(v)})}" for v in range(2, cache.KEEP + 2))


def test_a_cache_that_cannot_be_written_builds_in_memory_with_one_warning(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(cache, "_warned", False)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    cache.use(blocker / "cache")  # its parent is a file: no folder can be made there, even by root
    build, calls = counting(SAMPLE)
    try:
        with caplog.at_level(logging.WARNING, logger="opslens.cache"):
            first = cache.arrays("sample", build)
            second = cache.arrays("other", build)
    finally:
        cache.use(None)
    assert len(calls) == 2 and same(first, SAMPLE) and same(second, SAMPLE)
    assert [r.levelname for r in caplog.records] == ["WARNING"]
    assert "cannot write the cache directory" in caplog.records[0].getMessage()


def test_a_read_only_home_is_no_error(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(cache, "_warned", False)
    monkeypatch.delenv("OPSLENS_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))

    def read_only(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", read_only)
    build, calls = counting(SAMPLE)
    with caplog.at_level(logging.WARNING, logger="opslens.cache"):
        assert same(cache.arrays("sample", build), SAMPLE)
        assert same(cache.arrays("sample", build), SAMPLE)
    assert cache.directory() == tmp_path / "home" / ".cache" / "opslens"
    assert len(calls) == 2 and len(caplog.records) == 1
    assert not (tmp_path / "home").exists()


def test_the_default_location_follows_xdg(tmp_path, monkeypatch):
    monkeypatch.delenv("OPSLENS_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.directory() == tmp_path / "xdg" / "opslens"
    monkeypatch.setenv("OPSLENS_CACHE_DIR", str(tmp_path / "mine"))
    assert cache.directory() == tmp_path / "mine"


def test_the_analyzer_uses_the_options_cache_dir(tmp_path):
    try:
        Analyzer(Options(store=False, cache_dir=str(tmp_path / "from-options")))
        assert cache.directory() == tmp_path / "from-options"
    finally:
        cache.use(None)


def test_a_table_another_process_put_in_place_first_is_kept(folder):
    """Two processes building at once: the second's rename fails and its copy is dropped."""
    target = folder / f"sample-{cache.key('sample')}"

    def build_while_another_finishes():
        cache._save(target, dict(SAMPLE))  # the other process's whole folder lands first
        return dict(SAMPLE)

    made = cache.arrays("sample", build_while_another_finishes)
    assert same(made, SAMPLE)
    assert [p.name for p in folder.iterdir()] == [target.name]  # no temporary folder left behind
    build, calls = counting(SAMPLE)
    assert same(cache.arrays("sample", build), SAMPLE) and not calls


def test_a_half_written_table_is_never_read_and_is_replaced(folder):
    """Files without their manifest (what a crash mid-write would leave, if it wrote in place) are
    rebuilt, and the whole table takes their place."""
    target = folder / f"sample-{cache.key('sample')}"
    target.mkdir(parents=True)
    np.save(target / "ids.npy", np.arange(2))
    build, calls = counting(SAMPLE)
    assert same(cache.arrays("sample", build), SAMPLE) and len(calls) == 1
    assert same(cache.arrays("sample", build), SAMPLE) and len(calls) == 1
    assert sorted(p.name for p in target.iterdir()) == ["arrays.json", "empty.npy", "ids.npy", "weights.npy"]


def test_large_arrays_are_memory_mapped(folder):
    big = {"big": np.arange(cache.MMAP_FROM, dtype=np.int64), "small": np.arange(3)}
    build, _ = counting(big)
    cache.arrays("big", build)
    loaded = cache.arrays("big", build)
    # the big one a plain read-only array over the mapped file (no memmap subclass to index through)
    assert type(loaded["big"]) is np.ndarray and isinstance(loaded["big"].base, np.memmap)
    assert not loaded["big"].flags.writeable and not isinstance(loaded["small"].base, np.memmap)
    assert same(loaded, big)


def test_strings_round_trip():
    values = ["w=said", "", "São Paulo", "Kyiv|Київ", "e"]
    strings = cache.Strings(*cache.pack_strings(values))
    assert strings.tolist() == values
    assert [strings[i] for i in range(len(values))] == values and len(strings) == 5
    assert cache.Strings(*cache.pack_strings([])).tolist() == []
    with pytest.raises(ValueError):
        cache.pack_strings(["a\0b"])


# -- the real tables: loaded arrays equal the in-memory build --------------------------------
@pytest.mark.parametrize("table", ["taggers", "gazetteer", "org_forms"])
def test_the_cached_tables_equal_their_in_memory_build(folder, table):
    name, cached, build = {
        "taggers": (tagger_arrays.NAME, tagger_arrays.cached, tagger_arrays.build),
        "gazetteer": ("gazetteer", gazetteer.city_arrays, gazetteer.CityArrays.build),
        "org_forms": ("org_form_words", entity_mentions.form_words_arrays, entity_mentions._form_words_arrays),
    }[table]
    built_before, loaded_before = cache.built[name], cache.loaded[name]
    first = cached()
    loaded = cached()
    assert (cache.built[name], cache.loaded[name]) == (built_before + 1, loaded_before + 1)
    assert same(loaded, build())
    assert same(first, loaded)


def test_taggers_from_the_cache_find_every_attribute_as_the_model_file_does(folder):
    from importlib import resources

    from opslens.stages.attributions.taggers.features import MODELS
    from opslens.stages.attributions.taggers.linear_chain import LinearChain

    tagger_arrays.cached()
    chains = tagger_arrays.load()  # from the folder just written
    for file, chain in chains.items():
        with resources.as_file(knowledge.resource(MODELS, file)) as path:
            full = LinearChain.load(path)
        assert chain.labels == full.labels and chain.unknown == full.unknown
        assert np.array_equal(chain.state_weights, full.state_weights)
        assert np.array_equal(chain.transitions, full.transitions)
        assert all(chain.index.get(a, -7) == k for a, k in full.index.items())
        for unseen in ("w=qqqzzz", "pd=NOUN|qqq", "kl=", "byquote|", "tree=nowhere", "", "pd=-9"):
            assert chain.index.get(unseen, chain.unknown) == full.index.get(unseen, full.unknown)

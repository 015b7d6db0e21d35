"""The package keeps the shape a newcomer can read: short modules and functions, no import cycles
(tools/layout.py measures them)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import layout


def test_no_module_reaches_the_limit():
    longest = layout.module_sizes(layout.modules())[0]
    assert longest.lines < layout.MAX_MODULE_LINES, longest.where


def test_no_function_reaches_the_limit():
    too_long = [s for s in layout.function_sizes(layout.modules()) if s.lines >= layout.MAX_FUNCTION_LINES]
    assert too_long == []


def test_no_import_cycles_not_even_through_imports_inside_functions():
    files = layout.modules()
    assert layout.cycles(layout.import_graph(files)) == []
    assert layout.cycles(layout.import_graph(files, deferred=True)) == []


def test_the_cycle_finder_finds_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert layout.cycles(graph) == [["a", "b", "c"]]

#!/usr/bin/env python3
"""Compare two JSONL files of analyses line by line, ignoring what may differ run to run.

    python tools/compare_analyses.py BEFORE.jsonl AFTER.jsonl [--fields entities,events] [--show 5]
                                     [--ignore pipeline.stages,article.text_note]

Lines are matched by `article.id` (`id` for error lines). Timing (`pipeline.elapsed_ms`) and the
analyzer version string are ignored. Prints, per top-level field, how many articles differ, then
the first differences; exits 1 when any article differs.
"""

from __future__ import annotations

import argparse
import json
import sys

IGNORED = {("pipeline", "elapsed_ms"), ("pipeline", "version")}


def _key(obj: dict) -> str:
    return (obj.get("article") or {}).get("id") or obj.get("id") or ""


def _read(path: str) -> dict[str, dict]:
    with open(path, encoding="utf-8") as fh:
        return {_key(o): o for o in map(json.loads, filter(str.strip, fh))}


def _strip(obj: dict, ignored: set[tuple[str, str]]) -> dict:
    obj = json.loads(json.dumps(obj))
    for outer, inner in IGNORED | ignored:
        if isinstance(obj.get(outer), dict):
            obj[outer].pop(inner, None)
    return obj


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("--fields", help="only these top-level fields, comma-separated")
    ap.add_argument("--show", type=int, default=3, help="differences to print per field")
    ap.add_argument("--ignore", default="", help="more FIELD.KEY pairs to leave out, comma-separated")
    args = ap.parse_args()
    ignored = {tuple(pair.split(".", 1)) for pair in args.ignore.split(",") if "." in pair}
    before, after = _read(args.before), _read(args.after)
    wanted = set(args.fields.split(",")) if args.fields else None
    differ: dict[str, list[str]] = {}
    for key in sorted(set(before) | set(after)):
        a, b = _strip(before.get(key, {}), ignored), _strip(after.get(key, {}), ignored)
        for field in sorted(set(a) | set(b)):
            if (wanted is None or field in wanted) and a.get(field) != b.get(field):
                differ.setdefault(field, []).append(key)
    print(f"{len(before)} before, {len(after)} after; {len(set(before) ^ set(after))} ids in one file only")
    for field, keys in differ.items():
        print(f"{field}: {len(keys)} articles differ")
        for key in keys[: args.show]:
            a, b = before.get(key, {}).get(field), after.get(key, {}).get(field)
            print(
                f"  {key}:\n    - {json.dumps(a, ensure_ascii=False)[:400]}"
                f"\n    + {json.dumps(b, ensure_ascii=False)[:400]}"
            )
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The tune and check halves of every dev set, fixed once by a hash of each document's id.

    python eval/halves.py tune events      # the gold lines of the events tune half, to read errors in
    python eval/halves.py check time --ids # the ids of the time check half

Errors are read only in the tune half; the check half's figures (`gates.py --half check`) show
whether a change generalises. The gold folder is $OPSLENS_GOLD_DIR (default ../shared/data).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

HALVES = ("tune", "check")
ROOT = Path(__file__).resolve().parent.parent


def half_of(task: str, doc_id: str) -> str:
    digest = hashlib.sha256(f"opslens-halves-v1:{task}:{doc_id}".encode()).digest()
    return HALVES[digest[0] & 1]


def story_half(label: str) -> str:
    """The half of a story-gold article, by its story label: a gold story stays in one half."""
    return "tune" if int(hashlib.sha1(label.encode()).hexdigest(), 16) % 2 == 0 else "check"


def main() -> int:
    from gates import GOLD_FILES  # eval/gates.py, next to this file

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("half", choices=HALVES)
    ap.add_argument("task", choices=sorted(GOLD_FILES))
    ap.add_argument("--ids", action="store_true", help="print only the ids")
    args = ap.parse_args()
    gold = Path(os.environ.get("OPSLENS_GOLD_DIR", ROOT.parent / "shared" / "data"))
    with (gold / GOLD_FILES[args.task]).open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            which = story_half(row["story"]) if args.task == "stories" else half_of(args.task, str(row.get("id")))
            if which == args.half:
                sys.stdout.write(f"{row.get('id')}\n" if args.ids else line)
    return 0


if __name__ == "__main__":
    sys.exit(main())

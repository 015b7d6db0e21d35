#!/usr/bin/env python3
"""Peak memory of `opslens analyze` as the batch grows: it should stay flat.

    python bench/memory.py [--gold-dir ../shared/data] [--sizes 1,60,200,924] [--no-store-only]
                           [--src DIR] [--label TEXT] [--no-record]

Input: the PolNeAR articles of attribution/dev.jsonl in the contract's input form (made by the
eval kit's `score.py input attribution`), cut to the first 1, 60, 200 and all 924 lines. Each size
runs `opslens analyze --format jsonl` as its own process, output to /dev/null, once with
`--no-store` and once storing into a new temporary SQLite file (the default path), after one
untimed run that fills the start-up cache. The peak RSS is the child's own (`os.wait4`'s
ru_maxrss, what `/usr/bin/time -v` reports). `--src DIR` runs another checkout's `src` (e.g. a
`git archive` of an older commit) with this venv, for a before/after on one machine. A row is
appended to the memory table of bench/RESULTS.md. Flat means: the peak for all the articles
within about 10-15% of the peak for 60.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OPSLENS = ROOT / ".venv" / "bin" / "opslens"
RESULTS_HEADING = "## Peak memory by batch size (bench/memory.py)"


def make_input(gold: Path, kit: Path, out: Path) -> int:
    with out.open("w", encoding="utf-8") as fh:
        subprocess.run(
            [sys.executable, str(kit / "score.py"), "input", "attribution", str(gold / "attribution" / "dev.jsonl")],
            stdout=fh,
            check=True,
        )
    return sum(1 for _ in out.open(encoding="utf-8"))


def peak_rss_mib(args: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Run one process, output discarded; its own peak RSS in MiB and its exit status."""
    with open(os.devnull, "wb") as null:
        proc = subprocess.Popen(args, stdout=null, stderr=subprocess.PIPE, env=env)
        stderr = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):  # 1: some inputs failed (one of the 924 does), the rest analysed
        raise SystemExit(f"{' '.join(args)} exited {proc.returncode}:\n{stderr.decode()[-2000:]}")
    return usage.ru_maxrss / 1024, proc.returncode


def ladder(input_path: Path, sizes: list[int], stores: list[bool], src: str | None) -> list[dict]:
    env = dict(os.environ)  # as a user runs it: spaCy's and numpy's own thread settings
    env.pop("OPSLENS_STORE", None)
    if src:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
    lines = input_path.read_text(encoding="utf-8").splitlines(keepends=True)
    rows = []
    with tempfile.TemporaryDirectory(prefix="opslens-memory-") as tmp:
        first = Path(tmp) / "warm.jsonl"
        first.write_text(lines[0], encoding="utf-8")
        peak_rss_mib(
            [str(OPSLENS), "analyze", "--format", "jsonl", "--no-store", str(first)], env
        )  # fills the start-up cache
        for n in sizes:
            part = Path(tmp) / f"first{n}.jsonl"
            part.write_text("".join(lines[:n]), encoding="utf-8")
            for store in stores:
                db = Path(tmp) / f"store{n}.db"
                flags = ["--db", f"sqlite:///{db}"] if store else ["--no-store"]
                peak, rc = peak_rss_mib([str(OPSLENS), "analyze", "--format", "jsonl", *flags, str(part)], env)
                rows.append({"articles": min(n, len(lines)), "store": store, "peak_mib": peak, "rc": rc})
                print(
                    f"{min(n, len(lines)):>4} articles, {'store ' if store else 'no store'}: peak RSS {peak:.0f} MiB",
                    file=sys.stderr,
                    flush=True,
                )
    return rows


def summary(rows: list[dict]) -> str:
    out = []
    for store in (False, True):
        mine = [r for r in rows if r["store"] == store]
        if not mine:
            continue
        peaks = " / ".join(f"{r['peak_mib']:.0f}" for r in mine)
        sizes = "/".join(str(r["articles"]) for r in mine)
        out.append(f"{'store' if store else 'no store'}: {peaks} MiB for {sizes}")
    return "; ".join(out)


def flatness(rows: list[dict]) -> str:
    """The largest batch's peak over the 60-article batch's, per store setting."""
    parts = []
    for store in (False, True):
        by_n = {r["articles"]: r["peak_mib"] for r in rows if r["store"] == store}
        if 60 in by_n and len(by_n) > 1:
            top = max(by_n)
            parts.append(f"{'store' if store else 'no store'} {top}/60: {by_n[top] / by_n[60]:.2f}")
    return ", ".join(parts)


def record(rows: list[dict], label: str) -> None:
    path = ROOT / "bench" / "RESULTS.md"
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    text = path.read_text(encoding="utf-8")
    if RESULTS_HEADING not in text:
        text += (
            f"\n{RESULTS_HEADING}\n\nPeak RSS (MiB) of one `opslens analyze --format jsonl` process per batch size "
            "(the first N lines of the PolNeAR articles), without and with the SQLite store.\n\n"
            "| date | commit | peak RSS MiB (sizes) | largest / 60 | machine | note |\n|---|---|---|---|---|---|\n"
        )
    row = (
        f"| {dt.date.today()} | {commit or '?'} | {summary(rows)} | {flatness(rows)} "
        f"| {platform.machine()}, {os.cpu_count()} cores | {label} |\n"
    )
    path.write_text(text + row, encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold-dir", default=os.environ.get("OPSLENS_GOLD_DIR", str(ROOT.parent / "shared" / "data")))
    ap.add_argument(
        "--eval-kit", default=os.environ.get("OPSLENS_EVAL_KIT"), help="default: the eval folder beside the gold folder"
    )
    ap.add_argument("--sizes", default="1,60,200,924")
    ap.add_argument("--no-store-only", action="store_true")
    ap.add_argument("--src", help="another checkout's src folder to run instead of this one's")
    ap.add_argument("--label", default="", help="a note for the recorded row")
    ap.add_argument("--no-record", action="store_true")
    args = ap.parse_args()
    gold = Path(args.gold_dir).resolve()
    kit = Path(args.eval_kit) if args.eval_kit else gold.parent / "eval"
    with tempfile.TemporaryDirectory(prefix="opslens-memory-input-") as tmp:
        input_path = Path(tmp) / "attribution.jsonl"
        make_input(gold, kit, input_path)
        sizes = [int(x) for x in args.sizes.split(",")]
        rows = ladder(input_path, sizes, [False] if args.no_store_only else [False, True], args.src)
    print(summary(rows))
    print(f"flatness: {flatness(rows)}")
    if not args.no_record:
        record(rows, args.label or ("src " + args.src if args.src else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())

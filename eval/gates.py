#!/usr/bin/env python3
"""Evaluation gates: score every analysis stage on the dev sets and hold it to its floor.

    python eval/gates.py [--only TASK ...] [--opslens CMD] [--full] [--half tune|check] [--keep DIR]

Gold data comes from $OPSLENS_GOLD_DIR (default ../shared/data), the scorers from
$OPSLENS_EVAL_KIT (default: the `eval` folder next to the gold folder). Floors live in
eval/floors.json: {"task": {"metric": {"min": x} | {"max": x}}}; a floor is the figure the
project has reached, so a change that lowers it fails. Metrics are written to eval/out/.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from halves import HALVES, half_of, story_half  # eval/halves.py, next to this file

ROOT = Path(__file__).resolve().parent.parent
GOLD_FILES = {
    "extract": "extract/gold.jsonl",
    "events": "events/dev.jsonl",
    "attribution": "attribution/dev.jsonl",
    "time": "time/dev.jsonl",
    "geo": "geo/dev.jsonl",
    "stories": "stories/dev.jsonl",
    "petr_unit": "events/regression_petr_unittest.jsonl",
}
# PETRARCH-2's unit-test sentences are about fictional countries ("Arnor", "Gondor"): scored as
# events, with the fictional actors and agents of its validation dictionaries added for that run
# only (the analyzer's `extra_dictionaries` option; never set for real news).
SCORED_AS = {"petr_unit": "events"}
EXTRA_DICTIONARIES = {"petr_unit": "dictionaries/petrarch2/validate"}
SEED = ("seed/seed-article.txt", "2022-01-23")
# Fixed subsets that keep CI fast; `--full` scores the whole file (bench/RESULTS.md records it).
# PolNeAR's own dev compartment: 84 of the 924 articles.
SUBSETS = {"attribution": ("compartment", "dev")}


def gold_file(task: str, gold: Path, work: Path, full: bool, half: str | None = None) -> Path:
    path = gold / GOLD_FILES[task]
    keep = []
    if not full and task in SUBSETS:
        key, value = SUBSETS[task]
        keep.append(lambda row: row.get(key) == value)
    if half:
        keep.append(lambda row: half_of(task, str(row.get("id"))) == half)
    if not keep:
        return path
    subset = work / f"{task}-{half or 'all'}.jsonl"
    with path.open(encoding="utf-8") as src, subset.open("w", encoding="utf-8") as dst:
        dst.writelines(line for line in src if all(test(json.loads(line)) for test in keep))
    return subset


def run_task(
    task: str, gold: Path, kit: Path, cmd: str, work: Path, full: bool = False, half: str | None = None
) -> dict:
    env = dict(os.environ, OPSLENS_EVAL_DIR=str(work / task), OPSLENS_STORE="false")
    env.pop("OPSLENS_EXTRA_DICTIONARIES", None)
    if task in EXTRA_DICTIONARIES:
        env["OPSLENS_EXTRA_DICTIONARIES"] = str(gold / EXTRA_DICTIONARIES[task])
    scored = str(gold_file(task, gold, work, full, half))
    proc = subprocess.run(
        [str(kit / "run_eval.sh"), SCORED_AS.get(task, task), scored, cmd, "--json"],
        env=env,
        capture_output=True,
        text=True,
    )
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if not lines:
        sys.stderr.write(proc.stderr[-2000:])
        return {"gate_error": f"run_eval.sh {task} exited {proc.returncode} without metrics"}
    return json.loads(lines[-1])


def run_seed(gold: Path, kit: Path, cmd: str, work: Path) -> dict:
    path, published = SEED
    out = work / "seed.json"
    env = dict(os.environ, OPSLENS_STORE="false")
    with out.open("w") as fh:
        rc = subprocess.run(
            [*cmd.split(), "analyze", "--format", "json", "--published", published, str(gold / path)],
            stdout=fh,
            env=env,
        ).returncode
    proc = subprocess.run([sys.executable, str(kit / "check_seed.py"), str(out)], capture_output=True, text=True)
    (work / "seed-checks.txt").write_text(proc.stdout)
    last = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else "{}"
    result = json.loads(last) if last.startswith("{") else {"gate_error": proc.stderr.strip()}
    result["opslens_rc"] = rc
    return result


def run_actors(gold: Path, kit: Path, cmd: str, work: Path, half: str | None = None) -> dict:
    """Actor codes of the entities stage against the PLOVER gold actors (eval/actors.py),
    from the events run's predictions (of the same half)."""
    pred = work / "events" / "pred.jsonl"
    if not pred.exists():
        run_task("events", gold, kit, cmd, work, half=half)
    from actors import score  # eval/actors.py, next to this file

    return score(str(gold_file("events", gold, work, False, half)), str(pred))


def run_stories(gold: Path, kit: Path, cmd: str, work: Path, half: str | None = None) -> dict:
    """Story clustering: analyse the articles into a fresh store, list its stories, score them.
    A half keeps gold stories whole: it is chosen by a hash of the story label, not the id."""
    src, out = gold / GOLD_FILES["stories"], work / "stories"
    out.mkdir(parents=True, exist_ok=True)
    subset = out / f"gold-{half or 'all'}.jsonl"
    with src.open(encoding="utf-8") as fh:
        subset.write_text("".join(ln for ln in fh if not half or story_half(json.loads(ln)["story"]) == half))
    scorer = [sys.executable, str(kit / "score_stories.py")]
    store = out / f"stories-{half or 'all'}.db"
    store.unlink(missing_ok=True)
    db = ["--db", f"sqlite:///{store}"]
    with (out / "input.jsonl").open("w") as fh:
        subprocess.run([*scorer, "input", str(subset)], stdout=fh, check=True)
    env = dict(os.environ, OPSLENS_STORE="true", OPSLENS_LINK="true")
    analysed = subprocess.run(
        [*cmd.split(), "analyze", *db, "--format", "jsonl", str(out / "input.jsonl")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    with (out / "pred.jsonl").open("w") as fh:
        listed = subprocess.run([*cmd.split(), "stories", *db, "--format", "jsonl"], stdout=fh, env=env)
    if analysed.returncode or listed.returncode:
        return {"gate_error": f"opslens exited {analysed.returncode or listed.returncode}: {analysed.stderr[-300:]}"}
    proc = subprocess.run([*scorer, str(subset), str(out / "pred.jsonl"), "--json"], capture_output=True, text=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def check(task: str, metrics: dict, floors: dict) -> list[str]:
    failures = []
    if "gate_error" in metrics:
        return [f"{task}: {metrics['gate_error']}"]
    for name, bound in floors.items():
        value = metrics.get(name)
        if value is None:
            failures.append(f"{task}.{name}: missing from the scorer's output")
        elif "min" in bound and value < bound["min"]:
            failures.append(f"{task}.{name} = {value} fell below its floor {bound['min']}")
        elif "max" in bound and value > bound["max"]:
            failures.append(f"{task}.{name} = {value} rose above its ceiling {bound['max']}")
    return failures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", nargs="*", help="tasks to run (default: all in floors.json)")
    ap.add_argument("--full", action="store_true", help="score whole dev files, not the CI subsets")
    ap.add_argument("--opslens", default=str(ROOT / ".venv" / "bin" / "opslens"), help="the opslens command")
    ap.add_argument(
        "--half",
        choices=HALVES,
        help="score one half of each dev set (no floors held): read errors only in the tune half, report both",
    )
    ap.add_argument(
        "--keep",
        metavar="DIR",
        help="keep the inputs and predictions in DIR (TASK/pred.jsonl), to compare runs with tools/compare_analyses.py",
    )
    args = ap.parse_args()
    gold = Path(os.environ.get("OPSLENS_GOLD_DIR", ROOT.parent / "shared" / "data")).resolve()
    kit = Path(os.environ.get("OPSLENS_EVAL_KIT", gold.parent / "eval")).resolve()
    if not (kit / "run_eval.sh").exists():
        print(f"gates: no scorers at {kit} (set OPSLENS_EVAL_KIT or OPSLENS_GOLD_DIR)", file=sys.stderr)
        return 2
    floors = json.loads((ROOT / "eval" / "floors.json").read_text())
    tasks = args.only or list(floors)
    outdir = ROOT / "eval" / "out"
    outdir.mkdir(parents=True, exist_ok=True)
    failures, results = [], {}
    with tempfile.TemporaryDirectory(prefix="opslens-gates-") as tmp:
        work = Path(args.keep or tmp)
        work.mkdir(parents=True, exist_ok=True)
        for task in tasks:
            print(f"gates: {task} …", file=sys.stderr, flush=True)
            if task == "stories":
                metrics = run_stories(gold, kit, args.opslens, work, args.half)
                results[task] = metrics
                if not args.half:
                    failures += check(task, metrics, floors.get(task, {}))
                print(f"  {task:12s} {json.dumps({k: metrics.get(k) for k in floors.get(task, {})})}", flush=True)
                continue
            if args.half and task in ("seed", "petr_unit"):
                continue  # one article; a peer's test suite, not a dev set: neither has halves
            if task == "seed":
                metrics = run_seed(gold, kit, args.opslens, work)
            elif task == "actors":
                metrics = run_actors(gold, kit, args.opslens, work, args.half)
            else:
                metrics = run_task(task, gold, kit, args.opslens, work, args.full, args.half)
            results[task] = metrics
            if not args.half:
                failures += check(task, metrics, floors.get(task, {}))
            shown = {k: metrics.get(k) for k in floors.get(task, {})}
            print(f"  {task:12s} {json.dumps(shown)}", flush=True)
        seed_log = work / "seed-checks.txt"
        if seed_log.exists():
            (outdir / "seed-checks.txt").write_text(seed_log.read_text())
    (outdir / (f"metrics-{args.half}.json" if args.half else "metrics.json")).write_text(
        json.dumps(results, indent=2) + "\n"
    )
    for f in failures:
        print(f"GATE FAILED: {f}")
    print(
        "gates: "
        + ("all floors held" if not failures else f"{len(failures)} floor(s) broken")
        + f" (metrics in {outdir / 'metrics.json'})"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

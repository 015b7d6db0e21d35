#!/usr/bin/env python3
"""Throughput of `opslens analyze` against a bare `nlp.pipe` of the same spaCy pipeline.

    python bench/throughput.py [--gold-dir ../shared/data] [--rounds 2] [--chunk 6] [--fast] [--no-record]

Texts: the dev compartment of the PolNeAR articles (attribution/dev.jsonl). One process, pinned to
one thread, loads the model, the taggers, the gazetteer and the lexicons first (outside the
timing), then takes the articles a few at a time and times, on each chunk, both
  bare     list(nlp.pipe(texts)) — the spaCy pipeline alone, loaded as installed (`spacy.load`),
           without what OpsLens adds to it or puts in its place (`opslens.nlp.load`)
  opslens  the whole main job: JSONL ingest, language check, cleaning, analysis and the SQLite
           store (the functions `batch.run` calls, with one temporary database)
in alternating order. The speed of this shared virtual machine drifts by a third within minutes;
timing the two side by side on every chunk makes the drift fall on both alike, which timing them
in separate processes one after the other did not. The ratio is the summed bare time over the
summed OpsLens time; the process's peak RSS (an upper bound of OpsLens's own) is reported too.
Both are appended to bench/RESULTS.md. `--fast` times OpsLens as `opslens analyze --fast` runs
it: the attribution rules without the taggers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONE_THREAD = {k: "1" for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")}
TARGET_RATIO, TARGET_RSS_MIB = 0.8, 1024


def load_texts(gold: Path) -> list[dict]:
    rows = [json.loads(line) for line in (gold / "attribution" / "dev.jsonl").open(encoding="utf-8")]
    dev = [r for r in rows if r.get("compartment") == "dev"] or rows
    return [
        {"id": r["id"], "text": r["text"], "title": r.get("title"), "published": r.get("publication_date")} for r in dev
    ]


def worker(input_path: str, rounds: int, chunk: int, fast: bool = False) -> dict:
    import spacy

    from opslens.contract import Analysis, Article
    from opslens.ingest import read_inputs
    from opslens.pipeline.analyzer import Analyzer
    from opslens.pipeline.batch import BatchReport, _stored
    from opslens.settings import Options
    from opslens.store import open_store

    with open(input_path, encoding="utf-8") as fh:
        lines = fh.readlines()
    with tempfile.TemporaryDirectory() as tmp:
        opts = Options(db=f"sqlite:///{tmp}/bench.db", store=True, attribution_taggers=not fast)
        analyzer = Analyzer(opts)
        warm = "The minister said on Monday that talks with Kenya would resume in Nairobi."
        analyzer.analyze(Article(id="warm", sha256="-", text=warm))  # one-time loads, as the model's
        stock = spacy.load(opts.model)
        stock(warm)
        store = open_store(opts.db)
        chunks = []
        for n in range(0, len(lines), chunk):
            path = Path(tmp) / f"chunk{n}.jsonl"
            path.write_text("".join(lines[n : n + chunk]), encoding="utf-8")
            chunks.append((path, [json.loads(x)["text"] for x in lines[n : n + chunk]]))

        def bare(texts: list[str]) -> float:
            t0 = time.perf_counter()
            list(stock.pipe(texts))
            return time.perf_counter() - t0

        def opslens(path: Path) -> float:
            report = BatchReport()
            t0 = time.perf_counter()
            for result in analyzer.analyze_many(read_inputs([str(path)], opts)):
                if not isinstance(result, Analysis):
                    raise SystemExit(f"the benchmark article {result.id} failed: {result.error}")
                _stored(store, result, analyzer.version, report)
            return time.perf_counter() - t0

        totals = {"bare": 0.0, "opslens": 0.0}
        for r in range(rounds):
            for k, (path, texts) in enumerate(chunks):
                order = (("bare", partial(bare, texts)), ("opslens", partial(opslens, path)))
                for kind, run in order if (r + k) % 2 == 0 else order[::-1]:
                    totals[kind] += run()
            print(
                f"round {r + 1}: bare {len(lines) * (r + 1) / totals['bare']:.2f} art/s, "
                f"opslens {len(lines) * (r + 1) / totals['opslens']:.2f} art/s (so far)",
                file=sys.stderr,
                flush=True,
            )
        store.close()
    n = len(lines) * rounds
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB → MiB on Linux
    return {
        "articles": len(lines),
        "bare": n / totals["bare"],
        "opslens": n / totals["opslens"],
        "ratio": totals["bare"] / totals["opslens"],
        "peak_rss_mib": peak,
        "fast": fast,
    }


def record(result: dict) -> None:
    path = ROOT / "bench" / "RESULTS.md"
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    row = (
        f"| {dt.date.today()} | {commit or '?'} | {result['articles']} | {result['bare']:.2f} "
        f"| {result['opslens']:.2f} | {result['ratio']:.3f} | {result['peak_rss_mib']:.0f} "
        f"| {platform.machine()}, {os.cpu_count()} cores, paired chunks{', --fast' if result.get('fast') else ''} |\n"
    )
    with path.open("a") as fh:
        fh.write(row)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold-dir", default=os.environ.get("OPSLENS_GOLD_DIR", str(ROOT.parent / "shared" / "data")))
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--chunk", type=int, default=6, help="articles timed together, bare and OpsLens in turn")
    ap.add_argument("--fast", action="store_true", help="attribution rules only, as `opslens analyze --fast`")
    ap.add_argument("--no-record", action="store_true")
    ap.add_argument("--worker", metavar="INPUT", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.rounds, args.chunk, args.fast)))
        return 0
    rows = load_texts(Path(args.gold_dir))
    with tempfile.TemporaryDirectory() as tmp:
        input_path = Path(tmp) / "input.jsonl"
        input_path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        proc = subprocess.run(
            [
                sys.executable,
                __file__,
                "--worker",
                str(input_path),
                "--rounds",
                str(args.rounds),
                "--chunk",
                str(args.chunk),
            ]
            + (["--fast"] if args.fast else []),
            env=dict(os.environ, **ONE_THREAD),
            stdout=subprocess.PIPE,
            text=True,
            check=True,
        )
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    print(json.dumps(result))
    verdict = "meets" if result["ratio"] >= TARGET_RATIO and result["peak_rss_mib"] < TARGET_RSS_MIB else "misses"
    print(
        f"OpsLens runs at {result['ratio']:.2f} of bare spaCy throughput, "
        f"peak RSS {result['peak_rss_mib']:.0f} MiB: {verdict} the targets"
    )
    if not args.no_record:
        record(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())

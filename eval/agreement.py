#!/usr/bin/env python3
"""How far PolNeAR's annotators agree with each other, scored as OpsLens is scored.

    python eval/agreement.py [GOLD.jsonl] [--json]

18 of the PolNeAR articles in attribution/dev.jsonl were annotated by more than one person: the
main annotation is in `spans`/`attributions`, the others in `other_annotators`. Each other
annotation is written out as a gold file and the main one as a contract-shaped prediction, and
`score.py attribution` (the scorer `make eval` uses) compares them. The figures are the ceiling
a system trained and judged on one annotator's spans can be expected to reach: where people
do not agree on a cue's or a source's edges, no system agrees with all of them.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
METRICS = (
    "attribution_f1",
    "cue_exact_f1",
    "cue_overlap_f1",
    "source_exact_f1",
    "source_overlap_f1",
    "content_exact_f1",
    "content_overlap_f1",
    "all_overlap_f1",
)


def as_prediction(doc: dict, doc_id: str) -> dict:
    """The main annotation in the contract's shape (the fields the scorer reads)."""
    spans = {s["id"]: s for s in doc["spans"]}

    def span(sid: str | None) -> dict | None:
        s = spans.get(sid)
        return None if s is None else {k: s[k] for k in ("start", "end", "text", "fragments")}

    atts = [{r: span(a.get(r)) for r in ("cue", "source", "content")} for a in doc["attributions"]]
    return {"article": {"id": doc_id, "text": doc["text"]}, "attributions": atts}


def pairs(gold_path: Path) -> tuple[list[dict], list[dict]]:
    """(other annotations as gold lines, the main annotation as prediction lines), one pair per
    other annotator of each article."""
    golds, preds = [], []
    for line in gold_path.open(encoding="utf-8"):
        doc = json.loads(line)
        for name, other in sorted(doc.get("other_annotators", {}).items()):
            doc_id = f"{doc['id']}~{name}"
            golds.append(
                {"id": doc_id, "text": doc["text"], "spans": other["spans"], "attributions": other["attributions"]}
            )
            preds.append(as_prediction(doc, doc_id))
    return golds, preds


def main() -> int:
    gold_dir = Path(os.environ.get("OPSLENS_GOLD_DIR", ROOT.parent / "shared" / "data"))
    kit = Path(os.environ.get("OPSLENS_EVAL_KIT", gold_dir.parent / "eval"))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="?", type=Path, default=gold_dir / "attribution" / "dev.jsonl")
    ap.add_argument("--json", action="store_true", help="print only the metrics as JSON")
    args = ap.parse_args()
    golds, preds = pairs(args.gold)
    if not golds:
        print(f"agreement: no article of {args.gold} has other annotators", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="opslens-agreement-") as tmp:
        gold_file, pred_file = Path(tmp) / "gold.jsonl", Path(tmp) / "pred.jsonl"
        gold_file.write_text("".join(json.dumps(g) + "\n" for g in golds), encoding="utf-8")
        pred_file.write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
        proc = subprocess.run(
            [sys.executable, str(kit / "score.py"), "attribution", str(gold_file), str(pred_file), "--json"],
            capture_output=True,
            text=True,
            check=True,
        )
    metrics = json.loads(proc.stdout.strip().splitlines()[-1])
    shown = {"pairs": len(golds), "articles": len({g["id"].split("~")[0] for g in golds})}
    shown.update({k: metrics[k] for k in METRICS})
    if not args.json:
        print(f"PolNeAR main annotation against {shown['pairs']} other annotations of {shown['articles']} articles:")
        for k in METRICS:
            print(f"  {k:20s} {metrics[k]:.3f}")
    print(json.dumps(shown))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Train the attribution taggers (src/opslens/stages/attributions/taggers/model.py) on PolNeAR.

    .venv/bin/python tools/train_attribution.py GOLD.jsonl [--compartment train] [--cache DIR]

GOLD is PolNeAR in the shape of ../shared/data/attribution/dev.jsonl. Only the articles of the
given compartment are read (PolNeAR's own train split: the dev and test compartments stay out,
so the dev score measures articles the taggers never saw). Writes the two models to
src/opslens/lexicons/models/. `--cache` keeps the parsed articles between runs.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np
import pycrfsuite
from spacy.tokens import DocBin

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from opslens.contract import Analysis, Article, PipelineInfo
from opslens.pipeline.analyzer import Analyzer
from opslens.stages import attributions
from opslens.stages.attributions.taggers import features as af
from opslens.stages.attributions.taggers import model as am
from opslens.stages.entities import find_entities

OUT = ROOT / "src" / "opslens" / "lexicons" / af.MODELS
# L-BFGS, mostly L2: on the dev compartment c2 = 3 beat 0.1, 0.3, 1 and 10 for both taggers
# (all-spans overlap .750 at c1 .02 / c2 .1, .768 here). CRF_C1 / CRF_C2 override both.
PARAMS = {
    "c1": float(os.environ.get("CRF_C1", 0.003)),
    "c2": float(os.environ.get("CRF_C2", 3.0)),
    "max_iterations": 200,
    "feature.possible_transitions": True,
}


def read_gold(path: Path, compartment: str) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [g for line in fh if (g := json.loads(line)).get("compartment") == compartment]


def parsed(gold: list[dict], cache: Path | None):
    """(gold, doc, rule hints) per article; parsing is the slow part, so it can be cached."""
    analyzer = Analyzer()
    nlp = analyzer.nlp
    if cache and (cache / "docs.spacy").exists():
        docs = list(DocBin().from_disk(cache / "docs.spacy").get_docs(nlp.vocab))
        with np.load(cache / "tensors.npz") as z:  # DocBin drops the tok2vec vectors the features read
            for doc, vectors in zip(docs, np.split(z["data"], np.cumsum(z["lens"])[:-1])):
                doc.tensor = vectors.astype(np.float32)
        hints = json.loads((cache / "hints.json").read_text())
        return [
            (g, d, [af.Hint(tuple(h[0]), tuple(h[1]) if h[1] else None, tuple(map(tuple, h[2]))) for h in hs])
            for g, d, hs in zip(gold, docs, hints)
        ]
    out = []
    for n, (g, doc) in enumerate(zip(gold, nlp.pipe((g["text"] for g in gold), batch_size=16)), 1):
        analysis = Analysis(
            article=Article(id=g["id"], sha256="-", text=g["text"]), pipeline=PipelineInfo(version="-", model="-")
        )
        analysis.entities = find_entities(doc, analysis)
        out.append((g, doc, attributions.rule_hints(doc, analysis)))
        if n % 50 == 0:
            print(f"parsed {n}/{len(gold)}", file=sys.stderr, flush=True)
    if cache:
        cache.mkdir(parents=True, exist_ok=True)
        db = DocBin(store_user_data=False)
        for _, d, _ in out:
            db.add(d)
        db.to_disk(cache / "docs.spacy")
        np.savez(
            cache / "tensors.npz",
            data=np.concatenate([d.tensor for _, d, _ in out]).astype(np.float16),
            lens=np.array([len(d) for _, d, _ in out]),
        )
        (cache / "hints.json").write_text(json.dumps([[[h.cue, h.source, h.content] for h in hs] for _, _, hs in out]))
    return out


def gold_pieces(g: dict, span_id: str | None) -> list[tuple[int, int]]:
    if span_id is None:
        return []
    s = next((x for x in g["spans"] if x["id"] == span_id), None)
    if s is None:  # one PolNeAR attribution names a span that is not there
        return []
    return [tuple(f) for f in (s.get("fragments") or [[s["start"], s["end"]]])]


def token_set(doc, pieces) -> set[int]:
    return {i for p in pieces for i in af.tokens_in(doc, *p)}


def examples(g: dict, doc, hints: list[af.Hint]):
    """Cue sequences (one per sentence) and role sequences (one per gold attribution)."""
    info = af.DocInfo(doc, attributions.quote_spans(doc.text), hints)
    cue_tokens: dict[int, str] = {}
    roles = []
    for a in g["attributions"]:
        cue = sorted(token_set(doc, gold_pieces(g, a["cue"])))
        content = token_set(doc, gold_pieces(g, a["content"]))
        if not cue or not content:
            continue
        for n, i in enumerate(cue):
            cue_tokens.setdefault(i, "B" if n == 0 else "C")
        span = (cue[0], cue[-1] + 1)
        source = token_set(doc, gold_pieces(g, a["source"]))
        w = am.window(info, span)  # the wider window teaches more than the one tagged (role_window): .750 against .747
        labels = ["S" if i in source else "C" if i in content else "O" for i in range(*w)]
        roles.append((af.role_features(info, span, w), labels))
    cues = [
        (af.cue_features(info, s.start, s.end), [cue_tokens.get(i, "O") for i in range(s.start, s.end)])
        for s in info.sents
    ]
    return cues, roles


def train(name: str, data, params: dict) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for xs, ys in data:
        trainer.append(xs, ys)
    trainer.set_params(params)
    started = time.time()
    OUT.mkdir(parents=True, exist_ok=True)
    trainer.train(str(OUT / name))
    print(
        f"{name}: {len(data)} sequences, {time.time() - started:.0f} s, {(OUT / name).stat().st_size / 1e6:.1f} MB",
        file=sys.stderr,
    )


def clusters(docs, sizes=(32, 256), sample=200_000, rounds=25) -> None:
    """Word classes for the features: cosine k-means over the train articles' tok2vec vectors."""
    rng = np.random.default_rng(0)
    x = np.concatenate([d.tensor for d in docs]).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-6
    x = x[rng.choice(len(x), min(sample, len(x)), replace=False)]
    out = {}
    for k in sizes:
        c = x[rng.choice(len(x), k, replace=False)].copy()
        for _ in range(rounds):
            nearest = np.argmax(x @ c.T, axis=1)
            for j in range(k):
                members = x[nearest == j]
                c[j] = members.mean(0) if len(members) else x[rng.integers(len(x))]
            c /= np.linalg.norm(c, axis=1, keepdims=True) + 1e-6
        out[f"k{k:03d}"] = c
    np.savez(OUT / af.CLUSTERS, **out)
    af._centroids.cache_clear()
    print(f"{af.CLUSTERS}: {', '.join(map(str, sizes))} centroids from {len(x)} token vectors", file=sys.stderr)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", type=Path)
    ap.add_argument("--compartment", default="train")
    ap.add_argument("--cache", type=Path)
    ap.add_argument("--only", choices=("cue", "role"))
    ap.add_argument("--clusters", action="store_true", help="recompute the word-class centroids first")
    args = ap.parse_args()
    gold = read_gold(args.gold, args.compartment)
    cues, roles = [], []
    articles = parsed(gold, args.cache)
    if args.clusters:
        clusters([doc for _, doc, _ in articles])
    for g, doc, hints in articles:
        c, r = examples(g, doc, hints)
        cues += c
        roles += r
    if args.only != "role":
        train(am.CUE_MODEL, cues, PARAMS)
    if args.only != "cue":
        train(am.ROLE_MODEL, roles, PARAMS)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Actor coding of the entities stage, measured on the PLOVER gold actors.

    python eval/actors.py GOLD.jsonl PRED.jsonl [--json]

Each gold event actor with an `actorText` found in the sentence and a code is looked up among
the predicted entities: the entity with a mention overlapping the first occurrence of that
text. Reported: how many actors have an entity at all (found), how many of those carry an
actor code (coded), and how often the code's country part (first 3 letters) equals the
gold's (precision over coded actors, recall over all actors). The last line is the JSON.
"""

from __future__ import annotations

import json
import sys


def score(gold_path: str, pred_path: str) -> dict:
    with open(gold_path, encoding="utf-8") as fh:
        gold = [json.loads(line) for line in fh]
    pred = {}
    with open(pred_path, encoding="utf-8") as fh:
        for line in fh:
            a = json.loads(line)
            if "article" in a:
                pred[a["article"]["id"]] = a
    n = found = coded = agree = 0
    for g in gold:
        entities = pred.get(g["id"], {}).get("entities", [])
        for event in g.get("events", []):
            for actor in event.get("source", []) + event.get("target", []):
                text, code = actor.get("actorText"), actor.get("code") or ""
                at = g["text"].find(text) if text else -1
                if at < 0 or not code:
                    continue
                n += 1
                hits = [e for e in entities for m in e["mentions"] if m["start"] < at + len(text) and at < m["end"]]
                if not hits:
                    continue
                found += 1
                predicted = hits[0].get("actor_code")
                if predicted:
                    coded += 1
                    agree += predicted[:3] == code[:3]
    return {
        "gold_actors": n,
        "found": found,
        "coded": coded,
        "country_agrees": agree,
        "found_r": round(found / n, 4) if n else 0.0,
        "country_p": round(agree / coded, 4) if coded else 0.0,
        "country_r": round(agree / n, 4) if n else 0.0,
    }


if __name__ == "__main__":
    result = score(sys.argv[1], sys.argv[2])
    print(json.dumps(result))

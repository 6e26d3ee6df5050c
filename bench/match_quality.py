"""Matching quality: our bilingual relevance set (issue 13) and the vacancy–resume set of
Vanetik & Kogan (2023) (issue 5), every system in one run.

    .venv/bin/python bench/match_quality.py [--data ../shared/data/bench/vacancy_resume_vanetik]
                                            [--embed-words N]

**Bilingual set** (``bench/relevance``, rules in ``RULES.md``): 48 jobs (24 Japanese twins of
24 English ads) x 240 candidates graded 0-3. For each job every candidate is ranked; NDCG@10
and MRR per system: the full score (shipped weights), each component alone, plain BM25
(``bm25s`` over the raw texts, job as query) and the embedder alone (raw cosine). Figures on
the held-out **test** split (odd specs; the weights were chosen on the dev split by
``bench/match_weights_fit.py``), on dev, and for Japanese ads vs their English twins.

**Vanetik set**:
For each annotated CV (.docx, read with python-docx) the five vacancies are ranked by the
Kakehashi score (skills extracted from both texts; the vacancy's "must" mentions become
must-have skills, the others nice-to-have; semantic part with the product embedder) and by
a BM25 baseline over the raw texts (CV as query), in the same run. Each ranking is compared
with each annotator separately: NDCG@5 (relevance = 6 - the annotator's place) and Spearman.

Reading of the annotation file (its header: "ranked from the best (place 1 in the annotation
array) to the worst (place 5)"): each array lists vacancy numbers (1-5, the rows of
``5_vacancies.csv`` in order), best first. Two arrays repeat a vacancy; the vacancy left out
gets the place left over. Annotator 1 ranked CVs 1-30, annotator 2 CVs 1-20.
``--embed-words N`` embeds only the first N words of each candidate text (lexical and skills
still read all of it): how much text the semantic component needs (issue 16).
The last line is one JSON object. Evaluation only: nothing from this set enters the product.
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import math
import re
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

sys.path.insert(0, str(Path(__file__).resolve().parent / "relevance"))

import bm25s
from evaluate import measure, relevance_set, tables

from engine.matching.embed import embedder_default, text_cut
from engine.matching.features import CandidateFeatures, JobRequirements, SkillHeld, SkillRequirement
from engine.matching.index import CandidateIndex
from engine.matching.learn import score_one
from engine.matching.params import COMPONENTS
from engine.matching.specificity import SkillSpecificity
from engine.skills import skills_extract

DEFAULT = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "bench" / "vacancy_resume_vanetik"
)


def docx_text(path: Path) -> str:
    import docx

    doc = docx.Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(t for t in parts if t.strip())


def annotations(path: Path) -> dict[str, list[list[int]]]:
    text = path.read_text(encoding="utf-8")
    out = {}
    for name in ("ANNOTATOR_1_RANKINGS", "ANNOTATOR_2_RANKINGS"):
        body = text.split(name, 1)[1].split("=", 1)[1]
        body = re.sub(r"#[^\n]*", "", body)
        depth, end = 0, 0
        for i, ch in enumerate(body):
            depth += ch == "["
            depth -= ch == "]"
            if depth == 0 and ch == "]":
                end = i + 1
                break
        out[name] = [places_of(o) for o in ast.literal_eval(body[:end].strip())]
    return out


def places_of(order: list[int]) -> list[int]:
    """Best-first list of vacancy numbers -> place (1 = best) of each vacancy 1..5."""
    place: dict[int, int] = {}
    for pos, v in enumerate(order, start=1):
        place.setdefault(v, pos)
    free = iter(p for p in range(1, 6) if p not in place.values())
    return [place[v] if v in place else next(free) for v in range(1, 6)]


def tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9+#]+", text.lower())


def bm25_scores(query: str, docs: list[str], k1: float = 1.5, b: float = 0.75) -> np.ndarray:
    """Our own BM25 over the raw texts (the baseline of issue 5, kept for comparison)."""
    toks = [tokens(d) for d in docs]
    avg = sum(map(len, toks)) / len(toks)
    df = Counter(t for d in toks for t in set(d))
    n = len(docs)
    out = np.zeros(n)
    q = set(tokens(query))
    for i, d in enumerate(toks):
        tf = Counter(d)
        for t in q:
            if tf[t]:
                idf = math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5))
                out[i] += idf * tf[t] * (k1 + 1) / (tf[t] + k1 * (1 - b + b * len(d) / avg))
    return out


def bm25s_scores(query: str, docs: list[str]) -> np.ndarray:
    """BM25 by the ``bm25s`` package (its tokenizer, English stop words): plain text search."""
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize(docs, stopwords="en", show_progress=False), show_progress=False)
    q = bm25s.tokenize([query], stopwords="en", show_progress=False, return_ids=False)[0]
    known = [t for t in q if t in retriever.vocab_dict]
    return np.asarray(retriever.get_scores(known), dtype=float) if known else np.zeros(len(docs))


def ndcg5(scores: np.ndarray, places: list[int]) -> float:
    rel = np.array([6 - p for p in places], dtype=float)
    order = np.lexsort((np.arange(len(scores)), -scores))
    dcg = sum((2 ** rel[j] - 1) / math.log2(r + 2) for r, j in enumerate(order[:5]))
    ideal = sum((2**v - 1) / math.log2(r + 2) for r, v in enumerate(sorted(rel, reverse=True)[:5]))
    return dcg / ideal


def spearman(scores: np.ndarray, places: list[int]) -> float:
    def ranks(x: np.ndarray) -> np.ndarray:
        order = np.argsort(x, kind="stable")
        r = np.empty(len(x))
        r[order] = np.arange(len(x))
        for v in np.unique(x):  # average ranks for ties
            r[x == v] = r[x == v].mean()
        return r

    a, b = ranks(scores), ranks(-np.array(places, dtype=float))
    if a.std() == 0 or b.std() == 0:
        return 0.0
    return float(np.corrcoef(a, b)[0, 1])


def candidate(cid: int, text: str) -> CandidateFeatures:
    ex = skills_extract(text, lang="en")
    years: dict[str, float] = {}
    for m in ex.mentions:
        if not m.negated:
            years[m.skill_id] = max(years.get(m.skill_id, 0.0), float(m.years or 0.0))
    return CandidateFeatures(
        candidate_id=cid,
        skills=tuple(SkillHeld(s, y) for s, y in years.items()),
        consent=True,
        willing_to_relocate=True,
        text=text,
    )


def vacancy(jid: int, text: str, weights: dict[str, float] | None = None) -> JobRequirements:
    ex = skills_extract(text, lang="en")
    must: dict[str, float] = {}
    nice: list[str] = []
    for m in ex.mentions:
        if m.negated:
            continue
        if m.strength == "must":
            must[m.skill_id] = max(must.get(m.skill_id, 0.0), float(m.years or 0.0))
        elif m.skill_id not in nice:
            nice.append(m.skill_id)
    return JobRequirements(
        job_id=jid,
        must_skills=tuple(SkillRequirement(s, y) for s, y in must.items()),
        nice_skills=tuple(s for s in nice if s not in must),
        text=text,
        weights=weights or {},
    )


def bilingual(emb: object, result: dict[str, object], embed_words: int = 0) -> None:
    """The bilingual relevance set: every system, test / dev / languages."""
    tabs, _ = tables(relevance_set(), emb, embed_words=embed_words)
    systems = {
        "kakehashi": lambda t: t.full,
        "bm25": lambda t: t.bm25,
        "embedder": lambda t: t.embedder,
    }
    for i, c in enumerate(COMPONENTS):
        systems[f"only_{c}"] = lambda t, i=i: t.comps[:, i]
    skills = [COMPONENTS.index("skills_required"), COMPONENTS.index("skills_nice")]
    systems["only_skills"] = lambda t: t.comps[:, skills[0]] * 0.8 + t.comps[:, skills[1]] * 0.2
    parts = {
        "test": [t for t in tabs if t.job["split"] == "test"],
        "dev": [t for t in tabs if t.job["split"] == "dev"],
        "test_ja": [t for t in tabs if t.job["split"] == "test" and t.job["language"] == "ja"],
        "test_en": [t for t in tabs if t.job["split"] == "test" and t.job["language"] == "en"],
        "all_ja": [t for t in tabs if t.job["language"] == "ja"],
        "all_en": [t for t in tabs if t.job["language"] == "en"],
    }
    print(f"{'bilingual set: system':<24}" + "".join(f"{p:>18}" for p in parts))
    print(f"{'(NDCG@10 / MRR)':<24}" + "".join(f"{'':>18}" for _ in parts))
    for name, fn in systems.items():
        row = []
        for part, ts in parts.items():
            nd, rr = measure(ts, fn)
            result[f"bi_{part}_{name}_ndcg10"] = round(nd, 3)
            result[f"bi_{part}_{name}_mrr"] = round(rr, 3)
            row.append(f"{nd:.3f} / {rr:.3f}")
        print(f"{name:<24}" + "".join(f"{x:>18}" for x in row))
    r = result
    for part in ("test", "dev"):
        r[f"bi_{part}_gain_vs_bm25"] = round(
            float(r[f"bi_{part}_kakehashi_ndcg10"]) - float(r[f"bi_{part}_bm25_ndcg10"]),
            3,  # type: ignore[arg-type]
        )
        r[f"bi_{part}_gain_vs_embedder"] = round(
            float(r[f"bi_{part}_kakehashi_ndcg10"]) - float(r[f"bi_{part}_embedder_ndcg10"]),  # type: ignore[arg-type]
            3,
        )
    r["bi_test_ja_minus_en"] = round(
        float(r["bi_test_ja_kakehashi_ndcg10"]) - float(r["bi_test_en_kakehashi_ndcg10"]),
        3,  # type: ignore[arg-type]
    )
    r["bi_all_ja_minus_en"] = round(
        float(r["bi_all_ja_kakehashi_ndcg10"]) - float(r["bi_all_en_kakehashi_ndcg10"]),
        3,  # type: ignore[arg-type]
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--embed-words", type=int, default=0, help="0: the whole text")
    args = ap.parse_args()
    emb = embedder_default()
    result: dict[str, object] = {
        "bench": "match_quality",
        "embedder": emb.name,
        "embed_words": args.embed_words,
    }
    started = time.perf_counter()
    bilingual(emb, result, args.embed_words)
    with open(args.data / "5_vacancies.csv", encoding="utf-8") as fh:
        vac = [f"{r['job_title']}\n{r['job_description']}" for r in csv.DictReader(fh)]
    ann = annotations(args.data / "annotations-for-the-first-30-vacancies.txt")
    n_cv = max(len(v) for v in ann.values())
    cvs = [docx_text(args.data / "CV" / f"{i}.docx") for i in range(1, n_cv + 1)]

    feats = [candidate(i + 1, t) for i, t in enumerate(cvs)]
    cut = [text_cut(t, args.embed_words) for t in cvs]
    result["cv_words_mean"] = round(float(np.mean([len(t.split()) for t in cvs])), 1)
    result["cv_words_embedded_mean"] = round(float(np.mean([len(t.split()) for t in cut])), 1)
    t0 = time.perf_counter()
    cv_vecs = emb.encode(cut)
    result["cv_embed_texts_per_s"] = round(len(cut) / (time.perf_counter() - t0), 1)
    idx = CandidateIndex(embedder=emb).fit(feats, cv_vecs)
    job_vecs = emb.encode(vac)
    spec = SkillSpecificity(params=idx.params_, taxonomy_=idx.relations_.taxonomy).fit(
        [vacancy(j, t) for j, t in enumerate(vac)]
    )
    off = {c: 0.0 for c in COMPONENTS}
    variants = {
        "kakehashi": None,  # the shipped weights
        "semantic_only": off | {"semantic": 1.0},
        "skills_only": off | {"skills_required": 0.8, "skills_nice": 0.2},
        "lexical_only": off | {"lexical": 1.0},
    }
    systems = {}
    for name, weights in variants.items():
        plans = [
            idx.plan(vacancy(j, t, weights), v, specificity=spec)
            for j, (t, v) in enumerate(zip(vac, job_vecs, strict=True))
        ]
        systems[name] = [np.array([score_one(idx, f, p).score for p in plans]) for f in feats]
    systems["bm25"] = [bm25_scores(t, vac) for t in cvs]
    systems["bm25s"] = [bm25s_scores(t, vac) for t in cvs]
    result["cvs"] = n_cv
    for name, rankings in ann.items():
        who = "annotator_1" if name.endswith("1_RANKINGS") else "annotator_2"
        for system, scores in systems.items():
            nd = [ndcg5(scores[i], places) for i, places in enumerate(rankings)]
            sp = [spearman(scores[i], places) for i, places in enumerate(rankings)]
            result[f"{who}_{system}_ndcg5"] = round(float(np.mean(nd)), 3)
            result[f"{who}_{system}_spearman"] = round(float(np.mean(sp)), 3)
            # CVs 11.. were never read while choosing weights (bench/match_weights_fit.py)
            result[f"{who}_heldout_{system}_ndcg5"] = round(float(np.mean(nd[10:])), 3)
        result[f"{who}_cvs"] = len(rankings)
    a1, a2 = ann["ANNOTATOR_1_RANKINGS"], ann["ANNOTATOR_2_RANKINGS"]
    agree = [spearman(-np.array(a1[i], float), a2[i]) for i in range(min(len(a1), len(a2)))]
    result["annotators_spearman"] = round(float(np.mean(agree)), 3)
    print("\nVanetik set: NDCG@5 / Spearman per annotator (all CVs); NDCG@5 on CVs 11-")
    for system in systems:
        cells = []
        for who in ("annotator_1", "annotator_2"):
            nd, sp = result[f"{who}_{system}_ndcg5"], result[f"{who}_{system}_spearman"]
            cells.append(f"{nd:.3f} / {sp:+.3f}")
        for who in ("annotator_1", "annotator_2"):
            cells.append(f"{result[f'{who}_heldout_{system}_ndcg5']:.3f}")
        print(f"{system:<24}" + "".join(f"{c:>18}" for c in cells))
    for who in ("annotator_1", "annotator_2"):
        for part in ("", "heldout_"):
            ours = float(result[f"{who}_{part}kakehashi_ndcg5"])  # type: ignore[arg-type]
            base = float(result[f"{who}_{part}bm25_ndcg5"])  # type: ignore[arg-type]
            result[f"{who}_{part}ratio_vs_bm25"] = round(ours / base, 3)
    result["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()

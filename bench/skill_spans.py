"""SkillSpan benchmark (Zhang et al. 2022): strict span F1 for SKILL and KNOWLEDGE spans.

Strict = exact token boundaries and type, as conlleval computes it, per layer (SKILL,
KNOWLEDGE) and pooled over both.

Systems, same run:

- baseline: a gazetteer of the *train* split's spans, kept when tagged as a span in at
  least half of their occurrences in train (the frequency filter), matched longest-first
  on the evaluated split.
- kakehashi: ``engine.skills.skills_extract`` over the detokenised sentence, mentions
  mapped back to tokens; skills of the "professional" category typed SKILL, all others
  KNOWLEDGE. It never sees SkillSpan data.
- kakehashi+gazetteer: both, overlaps resolved in favour of the longer span (uses train).
- kakehashi_tagger: the trained span tagger shipped in engine/data (``engine.skills.spans``:
  two CRFs, SKILL and KNOWLEDGE, trained on the SkillSpan *train* split only by
  tools/train_skill_tagger.py), on --data.
- cross-validation on train (``--folds K``, default 5; 0 skips): the tagger retrained on
  K-1 folds of --train (sentences dealt round-robin) and scored on the held-out fold.

Usage: python bench/skill_spans.py [--data PATH] [--train PATH] [--folds K]
PATH: a SkillSpan JSON-lines file (dev.json) or a folder holding dev.json. Last line: JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.skills import skills_extract  # noqa: E402
from engine.skills.spans import SkillSpanTagger, default_tagger, tagger_provenance  # noqa: E402
from engine.taxonomy import taxonomy  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "bench" / "skillspan" / "json"
Span = tuple[int, int, int, str]  # sentence index, first token, last token + 1, type


def load(path: Path) -> list[dict[str, object]]:
    f = path / "dev.json" if path.is_dir() else path
    return [json.loads(line) for line in f.open(encoding="utf-8") if line.strip()]


def bio_spans(tags: list[str], sent: int, kind: str) -> set[Span]:
    """Spans of a BIO sequence, conlleval-style (an I- after O starts a span)."""
    out: set[Span] = set()
    start = None
    for i, t in enumerate([*tags, "O"]):
        if t.startswith("B") or t == "O" or (t.startswith("I") and start is None):
            if start is not None:
                out.add((sent, start, i, kind))
                start = None
            if t.startswith(("B", "I")):
                start = i
    return out


def gold_spans(rows: list[dict[str, object]]) -> set[Span]:
    out: set[Span] = set()
    for i, r in enumerate(rows):
        out |= bio_spans(r["tags_skill"], i, "SKILL")  # type: ignore[arg-type]
        out |= bio_spans(r["tags_knowledge"], i, "KNOWLEDGE")  # type: ignore[arg-type]
    return out


def gazetteer(train: list[dict[str, object]], min_count: int = 1) -> dict[tuple[str, ...], str]:
    """Lower-cased train spans seen >= min_count times, tagged in >= half their occurrences."""
    spans: Counter[tuple[tuple[str, ...], str]] = Counter()
    for i, r in enumerate(train):
        toks = [t.lower() for t in r["tokens"]]  # type: ignore[attr-defined]
        for _, a, b, kind in gold_spans([r]):
            spans[(tuple(toks[a:b]), kind)] += 1
        del i
    best: dict[tuple[str, ...], tuple[int, str]] = {}
    for (key, kind), c in spans.items():
        if c >= min_count and c > best.get(key, (0, ""))[0]:
            best[key] = (c, kind)
    occurrences: Counter[tuple[str, ...]] = Counter()
    lengths = {len(k) for k in best}
    for r in train:
        toks = [t.lower() for t in r["tokens"]]  # type: ignore[attr-defined]
        for n in lengths:
            for s in range(len(toks) - n + 1):
                key = tuple(toks[s : s + n])
                if key in best:
                    occurrences[key] += 1
    return {k: kind for k, (c, kind) in best.items() if c * 2 >= occurrences[k]}


def gazetteer_tag(rows: list[dict[str, object]], gaz: dict[tuple[str, ...], str]) -> set[Span]:
    out: set[Span] = set()
    max_len = max((len(k) for k in gaz), default=1)
    for i, r in enumerate(rows):
        toks = [t.lower() for t in r["tokens"]]  # type: ignore[attr-defined]
        s = 0
        while s < len(toks):
            for n in range(min(max_len, len(toks) - s), 0, -1):
                kind = gaz.get(tuple(toks[s : s + n]))
                if kind:
                    out.add((i, s, s + n, kind))
                    s += n
                    break
            else:
                s += 1
    return out


def extractor_tag(rows: list[dict[str, object]]) -> set[Span]:
    tax = taxonomy()
    out: set[Span] = set()
    for i, r in enumerate(rows):
        toks: list[str] = r["tokens"]  # type: ignore[assignment]
        starts, ends, pos = [], [], 0
        for t in toks:
            starts.append(pos)
            pos += len(t)
            ends.append(pos)
            pos += 1
        text = " ".join(toks)
        for m in skills_extract(text, lang="en").mentions:
            if m.negated:
                continue
            if m.start in starts and m.end in ends:
                a, b = starts.index(m.start), ends.index(m.end) + 1
                kind = "SKILL" if tax.get(m.skill_id).category == "professional" else "KNOWLEDGE"
                out.add((i, a, b, kind))
    return out


def tagger_tag(rows: list[dict[str, object]], tagger: SkillSpanTagger) -> set[Span]:
    out: set[Span] = set()
    for i, r in enumerate(rows):
        for kind, a, b in tagger.spans(r["tokens"]):  # type: ignore[arg-type]
            out.add((i, a, b, kind))
    return out


def cross_validate(train: list[dict[str, object]], folds: int) -> dict[str, object]:
    """Strict F1 of the tagger retrained on folds-1 parts of train, scored on the other."""
    per_fold = []
    pooled_pred: set[tuple[int, int, int, int, str]] = set()
    pooled_gold: set[tuple[int, int, int, int, str]] = set()
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(folds):
            fit = [r for i, r in enumerate(train) if i % folds != k]
            held = [r for i, r in enumerate(train) if i % folds == k]
            tagger = SkillSpanTagger(
                skill_model=Path(tmp) / f"s{k}.crfsuite",
                knowledge_model=Path(tmp) / f"k{k}.crfsuite",
            ).fit(
                [r["tokens"] for r in fit],  # type: ignore[misc]
                {
                    "SKILL": [r["tags_skill"] for r in fit],  # type: ignore[misc]
                    "KNOWLEDGE": [r["tags_knowledge"] for r in fit],  # type: ignore[misc]
                },
            )
            pred, gold = tagger_tag(held, tagger), gold_spans(held)
            per_fold.append(scores(pred, gold)["all"]["f1"])
            pooled_pred |= {(k, *sp) for sp in pred}
            pooled_gold |= {(k, *sp) for sp in gold}
            print(f"fold {k + 1}/{folds}: F1 {per_fold[-1]:.2f}", flush=True)
    pooled = prf(pooled_pred, pooled_gold)  # type: ignore[arg-type]
    return {"folds": folds, "f1_per_fold": per_fold, "pooled": pooled}


def union_longest(a: set[Span], b: set[Span]) -> set[Span]:
    """Spans of both sets; of overlapping spans in a sentence, the longer (then earlier) wins."""
    out: list[Span] = []
    for sp in sorted(a | b, key=lambda x: (x[0], -(x[2] - x[1]), x[1], x[3])):
        if not any(o[0] == sp[0] and o[1] < sp[2] and sp[1] < o[2] for o in out):
            out.append(sp)
    return set(out)


def prf(pred: set[Span], gold: set[Span]) -> dict[str, float]:
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(100 * p, 2), "r": round(100 * r, 2), "f1": round(100 * f, 2)}


def scores(pred: set[Span], gold: set[Span]) -> dict[str, dict[str, float]]:
    out = {"all": prf(pred, gold)}
    for kind in ("SKILL", "KNOWLEDGE"):
        out[kind.lower()] = prf(
            {s for s in pred if s[3] == kind}, {s for s in gold if s[3] == kind}
        )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="SkillSpan strict span F1")
    ap.add_argument("--data", type=Path, default=SHARED / "dev.json")
    ap.add_argument("--train", type=Path, default=SHARED / "train.json")
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args(argv)
    rows = load(args.data)
    gold = gold_spans(rows)
    gaz = gazetteer(load(args.train))
    base = gazetteer_tag(rows, gaz)
    t0 = time.perf_counter()
    ours = extractor_tag(rows)
    secs = time.perf_counter() - t0
    t1 = time.perf_counter()
    tagged = tagger_tag(rows, default_tagger())
    tagger_secs = time.perf_counter() - t1
    out: dict[str, object] = {
        "benchmark": "skillspan_strict_span_f1",
        "data": str(args.data),
        "sentences": len(rows),
        "gold_spans": len(gold),
        "baseline_train_gazetteer": scores(base, gold),
        "kakehashi_extractor": scores(ours, gold),
        "kakehashi_plus_gazetteer": scores(union_longest(ours, base), gold),
        "kakehashi_tagger": scores(tagged, gold),
        "tagger_trained_on_sha256": tagger_provenance()["data_sha256"],
    }
    for name in (
        "baseline_train_gazetteer",
        "kakehashi_extractor",
        "kakehashi_plus_gazetteer",
        "kakehashi_tagger",
    ):
        sc = out[name]
        print(
            f"{name:26s} F1 all {sc['all']['f1']:.2f}  skill {sc['skill']['f1']:.2f}  "  # type: ignore[index]
            f"knowledge {sc['knowledge']['f1']:.2f}  (P {sc['all']['p']:.1f} R {sc['all']['r']:.1f})"  # type: ignore[index]
        )
    b = out["baseline_train_gazetteer"]["all"]["f1"]  # type: ignore[index]
    k = out["kakehashi_extractor"]["all"]["f1"]  # type: ignore[index]
    kg = out["kakehashi_plus_gazetteer"]["all"]["f1"]  # type: ignore[index]
    out["ratio_f1"] = round(k / b, 3) if b else None
    out["ratio_f1_plus_gazetteer"] = round(kg / b, 3) if b else None
    kt = out["kakehashi_tagger"]["all"]["f1"]  # type: ignore[index]
    out["ratio_f1_tagger"] = round(kt / b, 3) if b else None
    out["tagger_sentences_per_s"] = round(len(rows) / tagger_secs, 1)
    if args.folds > 1:
        out["tagger_cross_validation_on_train"] = cross_validate(load(args.train), args.folds)
    out["extractor_sentences_per_s"] = round(len(rows) / secs, 1)
    print(f"extractor: {len(rows) / secs:.0f} sentences/s")
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())

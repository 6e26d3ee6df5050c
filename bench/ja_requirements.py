"""Japanese job-posting requirements: precision and recall against the team's own labels.

Data: engine/tests/data/ja_postings.json (or --data PATH of the same layout): Japanese
postings written by the Kakehashi team, each with labels written by the team (required
skills with minimum years, nice to have, JLPT minimum, English level; from ja-34 on also
salary, prefecture and work style). These are our own labels, not an independent set: the
figures say how well the extractor agrees with our reading, not how it does on the market.

Systems, same run:

- baseline: what the job form's "find skills" did before issue 12: every non-negated
  taxonomy mention (languages included) is a required skill unless its strength says "nice
  to have", with the mention's years; no language, salary, place or work-style fields.
- kakehashi: ``engine.skills.requirements.job_requirements_extract``.

Scores, micro over postings: required skills and nice-to-have skills (P / R / F1 on
(posting, skill) pairs); years (P / R on (posting, skill, years) for required skills with
years); languages (P / R on (posting, "jlpt"|"english", level)); one-of groups (P / R on
(posting, set of alternative skills): "MySQLまたはPostgreSQL" is one group whose skills are
labelled nice to have, since the job's skills have no one-of group); accuracy of salary range,
prefecture and work style where labelled; required skills per posting (mean, max).

Usage: python bench/ja_requirements.py [--data PATH]
Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.skills import skills_extract  # noqa: E402
from engine.skills.requirements import job_requirements_extract  # noqa: E402

DATA = ROOT / "engine" / "tests" / "data" / "ja_postings.json"


def prf(pred: set[Any], gold: set[Any]) -> dict[str, float]:
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "p": round(p, 3),
        "r": round(r, 3),
        "f1": round(f, 3),
        "tp": tp,
        "pred": len(pred),
        "gold": len(gold),
    }


def predict_baseline(text: str) -> dict[str, Any]:
    res = skills_extract(text)
    req: dict[str, float | None] = {}
    nice: set[str] = set()
    for m in (*res.mentions, *res.set_aside):
        if m.negated:
            continue
        if m.strength == "preferred":
            if m.skill_id not in req:
                nice.add(m.skill_id)
        else:
            req.setdefault(m.skill_id, m.years)
            nice.discard(m.skill_id)
    return {"required": req, "nice": nice, "jlpt_min": None, "english_level": None, "one_of": []}


def predict_kakehashi(text: str) -> dict[str, Any]:
    r = job_requirements_extract(text)
    return {
        "required": {s.skill_id: s.min_years for s in r.required_skills()},
        "nice": {s.skill_id for s in r.nice_skills()},
        "one_of": [list(g) for g in r.one_of],
        "jlpt_min": r.jlpt_min,
        "english_level": r.english_level,
        "salary_jpy": [r.salary_min_jpy, r.salary_max_jpy] if r.salary_min_jpy else None,
        "prefecture": r.prefecture,
        "work_style": r.work_style,
    }


def evaluate(postings: list[dict[str, Any]], predict: Any) -> dict[str, Any]:
    sets: dict[str, tuple[set[Any], set[Any]]] = {
        k: (set(), set()) for k in ("required", "nice", "years", "languages", "one_of")
    }
    fields = {"salary_jpy": [0, 0], "prefecture": [0, 0], "work_style": [0, 0]}
    counts: list[int] = []
    for p in postings:
        gold, pid = p["requirements"], p["id"]
        pred = predict(p["text"])
        counts.append(len(pred["required"]))
        sets["required"][0].update((pid, s) for s in pred["required"])
        sets["required"][1].update((pid, s) for s in gold["required"])
        sets["nice"][0].update((pid, s) for s in pred["nice"])
        sets["nice"][1].update((pid, s) for s in gold["nice"])
        sets["years"][0].update((pid, s, float(y)) for s, y in pred["required"].items() if y)
        sets["years"][1].update((pid, s, float(y)) for s, y in gold["required"].items() if y)
        sets["one_of"][0].update((pid, frozenset(g)) for g in pred.get("one_of", []))
        sets["one_of"][1].update((pid, frozenset(g)) for g in gold.get("one_of", []))
        for key in ("jlpt_min", "english_level"):
            if pred.get(key):
                sets["languages"][0].add((pid, key, pred[key]))
            if gold.get(key):
                sets["languages"][1].add((pid, key, gold[key]))
        for key, tally in fields.items():
            if key in gold:
                tally[1] += 1
                tally[0] += int(pred.get(key) == gold[key])
    out: dict[str, Any] = {k: prf(*v) for k, v in sets.items()}
    out["fields_accuracy"] = {k: round(ok / n, 3) if n else None for k, (ok, n) in fields.items()}
    out["fields_labelled"] = {k: n for k, (_ok, n) in fields.items()}
    out["required_per_posting"] = {
        "mean": round(sum(counts) / len(counts), 2),
        "max": max(counts),
    }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Japanese posting requirements: P/R on team labels")
    ap.add_argument("--data", type=Path, default=DATA)
    args = ap.parse_args(argv)
    postings = json.loads(args.data.read_text(encoding="utf-8"))["postings"]
    postings = [p for p in postings if "requirements" in p]
    skills_extract("初期化")  # load Sudachi before timing
    t0 = time.perf_counter()
    ours = evaluate(postings, predict_kakehashi)
    secs = time.perf_counter() - t0
    base = evaluate(postings, predict_baseline)
    for name, res in (("baseline", base), ("kakehashi", ours)):
        print(
            f"{name:9s} required P {res['required']['p']:.3f} R {res['required']['r']:.3f}"
            f" F1 {res['required']['f1']:.3f} | nice F1 {res['nice']['f1']:.3f}"
            f" | years P {res['years']['p']:.3f} R {res['years']['r']:.3f}"
            f" | languages P {res['languages']['p']:.3f} R {res['languages']['r']:.3f}"
            f" | one-of P {res['one_of']['p']:.3f} R {res['one_of']['r']:.3f}"
            f" | required per posting mean {res['required_per_posting']['mean']}"
            f" max {res['required_per_posting']['max']}"
        )
    print(
        f"kakehashi fields accuracy: {ours['fields_accuracy']} (labelled {ours['fields_labelled']})"
    )
    b, k = base["required"]["f1"], ours["required"]["f1"]
    out = {
        "benchmark": "ja_requirements",
        "data": str(args.data),
        "postings": len(postings),
        "labels": "the team's own (see the data file's source)",
        "baseline_find_skills_before": base,
        "kakehashi": ours,
        "ratio_required_f1": round(k / b, 3) if b else None,
        "postings_per_s": round(len(postings) / secs, 1),
    }
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Skill-extraction throughput in sentences per second, English and Japanese, one core,
and how the time for one long text grows with its length.

English: the SkillSpan sentences (detokenised) of --data. Japanese: the lines of the team's
Japanese postings (engine/tests/data/ja_postings.json), repeated to --ja-repeat passes.
Baseline in the same run: one case-insensitive regex alternation of every English alias
(the obvious implementation). The process runs on one core (it never starts threads).

Growth: one skill-dense CV-like text (a four-line block with ambiguous names such as Go, R,
Swift, Excel, repeated) of 50, 100, 200 and 400 KB, extracted with the length bounds turned
off (``max_chars=None``), so the figures show the algorithm, not the cap. Linear time
gives a 400 KB / 50 KB time ratio near 8; quadratic near 64. The default extractor (with
its bounds) is timed on the 400 KB text too.

Usage: python bench/extract_throughput.py [--data PATH] [--passes N]
Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.skills import skills_extract  # noqa: E402
from engine.skills.extract import SkillExtractor, default_extractor  # noqa: E402
from engine.taxonomy import taxonomy  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "bench" / "skillspan" / "json"
JA = ROOT / "engine" / "tests" / "data" / "ja_postings.json"


def english_sentences(path: Path) -> list[str]:
    f = path / "dev.json" if path.is_dir() else path
    rows = [json.loads(line) for line in f.open(encoding="utf-8") if line.strip()]
    return [" ".join(r["tokens"]) for r in rows]


def japanese_sentences() -> list[str]:
    postings = json.loads(JA.read_text(encoding="utf-8"))["postings"]
    return [ln for p in postings for ln in p["text"].split("\n") if ln.strip()]


GROWTH_BLOCK = (
    "Senior Software Engineer, Systems Ltd, Lahore (2019 - 2023)\n"
    "Built microservices in Go and Python with Docker and Kubernetes on AWS; "
    "3+ years of React and TypeScript.\n"
    "Data analysis in R and Excel, dashboards in Power BI, iOS apps in Swift, "
    "Spring Boot APIs with PostgreSQL and Redis.\n"
    "Skills: Python, Go, Java, C++, C#, .NET, Node.js, Terraform, Ansible, Jenkins, Git, "
    "Linux, SQL, MongoDB, Kafka\n"
)
GROWTH_KB = (50, 100, 200, 400)


def growth_seconds() -> dict[str, float]:
    """Seconds to extract one text of each size in GROWTH_KB, bounds off (best of 2)."""
    unbounded = SkillExtractor(max_chars=None, max_mentions_per_skill=10**9).fit()
    out: dict[str, float] = {}
    for kb in GROWTH_KB:
        text = (GROWTH_BLOCK * (kb * 1000 // len(GROWTH_BLOCK) + 1))[: kb * 1000]
        best = float("inf")
        for _ in range(2):
            t0 = time.perf_counter()
            unbounded.extract(text, lang="en")
            best = min(best, time.perf_counter() - t0)
        out[f"{kb}kb"] = round(best, 3)
    return out


def rate(fn, sentences: list[str], passes: int) -> float:  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    for _ in range(passes):
        for s in sentences:
            fn(s)
    return passes * len(sentences) / (time.perf_counter() - t0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="skill extraction throughput")
    ap.add_argument("--data", type=Path, default=SHARED / "dev.json")
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--ja-repeat", type=int, default=20)
    args = ap.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    en = english_sentences(args.data)
    ja = japanese_sentences()
    t0 = time.perf_counter()
    default_extractor()
    skills_extract("日本語の初期化")  # loads Sudachi's dictionary
    warm = time.perf_counter() - t0
    aliases = sorted(
        {n for s in taxonomy() for n in s.names if n.isascii() and len(n) > 1},
        key=len,
        reverse=True,
    )
    t1 = time.perf_counter()
    naive = re.compile(
        r"(?<![\w+#.])(?:" + "|".join(re.escape(a) for a in aliases) + r")(?![\w+#])", re.IGNORECASE
    )
    naive_build = time.perf_counter() - t1
    en_rate = rate(lambda s: skills_extract(s, lang="en"), en, args.passes)
    ja_rate = rate(skills_extract, ja, args.ja_repeat)
    base_rate = rate(naive.findall, en[:500], 1)
    growth = growth_seconds()
    big = (GROWTH_BLOCK * (400_000 // len(GROWTH_BLOCK) + 1))[:400_000]
    t2 = time.perf_counter()
    bounded = default_extractor().extract(big, lang="en")
    bounded_s = time.perf_counter() - t2
    print(f"warm-up (taxonomy index + Sudachi dictionary): {warm:.2f}s")
    print(
        "one long text, bounds off: "
        + ", ".join(f"{k} {v:.2f}s" for k, v in growth.items())
        + f"; 400 KB / 50 KB = {growth['400kb'] / growth['50kb']:.1f} (linear 8, quadratic 64)"
    )
    print(
        f"400 KB with the default bounds: {bounded_s:.2f}s, {len(bounded.mentions)} mentions,"
        f" truncated={bounded.truncated}"
    )
    print(f"English: {en_rate:,.0f} sentences/s over {len(en)} sentences x {args.passes}")
    print(f"Japanese: {ja_rate:,.0f} sentences/s over {len(ja)} lines x {args.ja_repeat}")
    print(f"baseline regex alternation ({len(aliases)} aliases): {base_rate:,.0f} sentences/s")
    out = {
        "benchmark": "extract_throughput",
        "data": str(args.data),
        "en_sentences_per_s": round(en_rate, 1),
        "ja_sentences_per_s": round(ja_rate, 1),
        "baseline_regex_en_sentences_per_s": round(base_rate, 1),
        "baseline_regex_build_s": round(naive_build, 2),
        "ratio_en_vs_baseline": round(en_rate / base_rate, 2),
        "growth_seconds_unbounded": growth,
        "growth_ratio_400kb_vs_50kb": round(growth["400kb"] / growth["50kb"], 2),
        "bounded_400kb_seconds": round(bounded_s, 3),
        "bounded_400kb_mentions": len(bounded.mentions),
        "target_en_sentences_per_s": 2000,
        "cores": 1,
        "python": platform.python_version(),
    }
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())

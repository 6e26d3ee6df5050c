"""Job-title normalisation: a free-text title (English or Japanese) to an occupation.

Data: ``engine/data/skills_occupations.json`` (built by ``tools/build_taxonomy.py``): IT
occupations of O*NET 29.2 with their alternate and reported titles, the matching ESCO
occupation, and the team's Japanese titles.

Method: normalise (NFKC, lower case, seniority words such as "Senior", "シニア" removed);
exact title lookup; for Japanese, the longest curated title contained in the text; else
the O*NET title whose words best cover the input's words (IDF-weighted), if good enough.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from engine.skills.extract import skills_extract

DATA = Path(__file__).resolve().parents[1] / "data" / "skills_occupations.json"
_MIN_COVER = 0.6


@dataclass(frozen=True, slots=True)
class Occupation:
    """An occupation: O*NET-SOC code and title, and the ESCO occupation where one matches."""

    onet_code: str
    label: str
    esco_uri: str = ""
    esco_label: str = ""
    confidence: float = 1.0


@dataclass
class _Index:
    by_code: dict[str, dict[str, Any]]
    exact: dict[str, str]  # normalised English title -> code
    ja: list[tuple[str, dict[str, Any]]]  # (normalised Japanese title, entry), longest first
    words: dict[str, list[tuple[frozenset[str], str]]]  # word -> [(title words, code)]
    idf: dict[str, float]
    seniority_en: frozenset[str]
    seniority_ja: tuple[str, ...]


def _words(text: str, drop: frozenset[str]) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9+#.]+", text) if w not in drop]


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


@cache
def _index() -> _Index:
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    drop = frozenset(raw["seniority_en"])
    by_code = {o["code"]: o for o in raw["occupations"]}
    exact: dict[str, str] = {}
    words: dict[str, list[tuple[frozenset[str], str]]] = {}
    df: Counter[str] = Counter()
    for o in raw["occupations"]:
        for t in o["titles_en"]:
            key = " ".join(_words(_norm(t), drop))
            exact.setdefault(key, o["code"])
            ws = frozenset(key.split())
            df.update(ws)
            for w in ws:
                words.setdefault(w, []).append((ws, o["code"]))
    n = sum(c for w, c in df.items() if not w.startswith("__")) or 1
    idf = {w: math.log(n / c) for w, c in df.items()}
    ja = sorted(
        ((_norm(e["title"]), e) for e in raw["curated_titles"]),
        key=lambda kv: (-len(kv[0]), kv[0]),
    )
    for o in raw["occupations"]:
        df.update({f"__code_{o['code']}": len(o["titles_en"])})
    return _Index(
        by_code, exact, ja, words, idf, drop, tuple(_norm(s) for s in raw["seniority_ja"])
    )


def _occupation(
    ix: _Index, code: str, conf: float, esco: dict[str, str] | None = None
) -> Occupation:
    o = ix.by_code[code]
    return Occupation(
        onet_code=code,
        label=o["title"],
        esco_uri=(esco or {}).get("esco_uri") or o["esco_uri"],
        esco_label=(esco or {}).get("esco_label") or o["esco_label"],
        confidence=conf,
    )


def job_title_normalise(title: str) -> Occupation | None:
    """The occupation a job title names, or None when no IT occupation fits.

    "Senior Python Developer" -> O*NET 15-1252.00 Software Developers (ESCO software
    developer); "機械学習エンジニア" -> 15-2051.00 Data Scientists. ``confidence`` is 1.0 for
    an exact title, lower for a partial match.
    """
    ix = _index()
    text = _norm(title)
    if not text:
        return None
    for ja_title, entry in ix.ja:
        if ja_title == text:
            return _occupation(ix, entry["code"], 1.0, entry)
    stripped = text
    for word in ix.seniority_ja:
        stripped = stripped.replace(word, " ")
    stripped = " ".join(stripped.split())
    key = " ".join(_words(stripped, ix.seniority_en))
    # Japanese titles first: "社内SE（情報システム）" is 社内SE, not the English "SE"
    for ja_title, entry in ix.ja:
        if not ja_title.isascii() and len(ja_title) >= 2 and ja_title in stripped:
            return _occupation(ix, entry["code"], 0.8, entry)
    for ja_title, entry in ix.ja:
        if ja_title == key:
            return _occupation(ix, entry["code"], 1.0, entry)
    if key in ix.exact:
        return _occupation(ix, ix.exact[key], 1.0)
    without_skills = " ".join(_words(_norm(_drop_skill_names(title)), ix.seniority_en))
    if without_skills != key:
        for ja_title, entry in ix.ja:
            if ja_title == without_skills:
                return _occupation(ix, entry["code"], 0.9, entry)
        if without_skills in ix.exact:
            return _occupation(ix, ix.exact[without_skills], 0.9)
        key = without_skills or key
    query = set(key.split())
    if not query:
        return None
    unseen = max(ix.idf.values())
    total = sum(ix.idf.get(w, unseen) for w in query) or 1.0
    scores: dict[str, float] = {}
    for w in query:
        for ws, code in ix.words.get(w, ()):
            shared = sum(ix.idf.get(x, unseen) for x in query & ws)
            extra = sum(ix.idf.get(x, unseen) for x in ws - query)
            scores[code] = max(scores.get(code, 0.0), shared / (total + 0.5 * extra))
    # ties go to the occupation with the most titles (the broader, commoner one)
    best = max(
        ((sc, ix.idf.get(f"__code_{c}", 0.0) * -1, c) for c, sc in scores.items()),
        default=None,
    )
    if best is None or best[0] < _MIN_COVER:
        return None
    return _occupation(ix, best[2], round(min(best[0], 0.9), 2))


def _drop_skill_names(title: str) -> str:
    """'Python Developer' -> ' Developer': skills in a title do not name the occupation."""
    found = skills_extract(title, lang="en").mentions
    out = title
    for m in sorted(found, key=lambda m: -m.start):
        out = out[: m.start] + out[m.end :]
    return " ".join(out.split())

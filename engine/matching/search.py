"""Search in both languages: which skills a query names, and which job titles it is close to.

``query_skills("cloud")`` names Cloud computing (and so AWS, Azure, GCP beneath it), as does
``query_skills("クラウド")``; ``query_skills("機械学習")`` names Machine learning. A query names
a skill when it is one of the skill's names or aliases (English or Japanese, case and width
folded), when a one-word English query (4+ letters) begins the skill's English name, or when
the skill extractor finds the skill in it. The job board looks for the skills themselves
and every skill beneath them in the taxonomy, and for their names in both languages in the
ads' texts.

``title_matches`` adds what the taxonomy does not know: job titles whose embedding is close
to the query's (threshold ``search.title_cosine_min`` in ``matching_weights.json``).
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from engine.matching.params import DATA
from engine.skills import skills_extract
from engine.taxonomy import Taxonomy, taxonomy


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().lower()


@dataclass(frozen=True, slots=True)
class QuerySkills:
    """``named``: skills the query names; ``wanted``: those and every skill beneath them;
    ``names``: the named skills' names in English and Japanese (and Japanese aliases), to
    find in ad texts."""

    named: frozenset[str]
    wanted: frozenset[str]
    names: tuple[str, ...]


@cache
def _index(version: str) -> tuple[dict[str, set[str]], dict[str, list[str]]]:
    tax = taxonomy()
    by_name: dict[str, set[str]] = {}
    children: dict[str, list[str]] = {}
    for skill in tax:
        for name in skill.names:
            by_name.setdefault(_fold(name), set()).add(skill.id)
        for parent in skill.parents:
            children.setdefault(parent, []).append(skill.id)
    return by_name, children


def query_skills(query: str, tax: Taxonomy | None = None) -> QuerySkills:
    """The skills ``query`` names (see the module docstring)."""
    tax = tax or taxonomy()
    by_name, children = _index(tax.version)
    q = _fold(query)
    named: set[str] = set(by_name.get(q, ())) if q else set()
    if q.isascii() and q.isalpha() and len(q) >= 4 and " " not in q:
        named |= {s.id for s in tax if _fold(s.name_en).startswith(q + " ")}
    if q:
        named |= {m.skill_id for m in skills_extract(query).mentions if not m.negated}
    wanted = set(named)
    frontier = list(named)
    while frontier:
        nxt = [c for s in frontier for c in children.get(s, ()) if c not in wanted]
        wanted.update(nxt)
        frontier = nxt
    names: list[str] = []
    for sid in sorted(named):
        skill = tax.get(sid)
        # English name, Japanese name and Japanese aliases ("クラウド"): short Latin aliases
        # ("ML") would match inside other words ("HTML").
        forms = [skill.name_en, skill.name_ja, *(a for a in skill.aliases if not a.isascii())]
        names.extend(n for n in forms if n and n not in names)
    return QuerySkills(frozenset(named), frozenset(wanted), tuple(names))


@cache
def _title_cosine_min() -> float:
    return float(json.loads(DATA.read_text(encoding="utf-8"))["search"]["title_cosine_min"])


def title_matches(
    query_vector: np.ndarray, title_vectors: np.ndarray, ids: Sequence[int]
) -> list[int]:
    """Ids whose title vector's cosine with the query's reaches the threshold, best first."""
    if not len(ids):
        return []
    cos = np.asarray(title_vectors, np.float32) @ np.asarray(query_vector, np.float32)
    keep = np.flatnonzero(cos >= _title_cosine_min())
    return [int(ids[i]) for i in keep[np.argsort(-cos[keep], kind="stable")]]

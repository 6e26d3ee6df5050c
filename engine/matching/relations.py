"""Partial credit between skills through the taxonomy: exact, child, parent, sibling.

For a required skill ``s``, a held skill ``r`` gives credit ``relation(r, s)``:

- ``exact`` (r is s), ``child`` (r is a descendant of s: Django for Python),
- ``parent`` (r is an ancestor of s: Python for Django),
- ``sibling`` (r and s share a direct parent that has at most ``sibling_max_family``
  children: Flask for Django; "software-engineering" has 175 children and links nothing).

The largest applicable value counts. Values come from ``matching_weights.json``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from engine.matching.params import MatchingParams
from engine.taxonomy import Taxonomy

RELATION_KINDS: tuple[str, ...] = ("exact", "child", "parent", "sibling")


@dataclass(frozen=True, slots=True)
class Related:
    """Held skills that give credit for one required skill: columns, credit, kind index."""

    cols: npt.NDArray[np.int32]
    credit: npt.NDArray[np.float32]
    kind: npt.NDArray[np.int8]  # index into RELATION_KINDS

    #: column -> (credit, kind index) as plain Python numbers, for explanations
    lookup: Mapping[int, tuple[float, int]] = field(default_factory=dict)


class SkillRelations:
    """Skill columns and partial-credit lists over a taxonomy.

    ``fit()`` computes ``skill_ids_`` (column order), ``col_`` (id -> column) and, lazily per
    required skill, the :class:`Related` list.
    """

    def __init__(self, taxonomy: Taxonomy, params: MatchingParams) -> None:
        self.taxonomy = taxonomy
        self.params = params

    def fit(self) -> SkillRelations:
        self.skill_ids_: tuple[str, ...] = tuple(s.id for s in self.taxonomy)
        self.col_: dict[str, int] = {sid: i for i, sid in enumerate(self.skill_ids_)}
        children: dict[str, list[str]] = {}
        for skill in self.taxonomy:
            for parent in skill.parents:
                children.setdefault(parent, []).append(skill.id)
        self.children_ = children
        self._related: dict[int, Related] = {}
        return self

    def descendants(self, skill_id: str) -> list[str]:
        """Every child, grandchild, ... of a skill, without repeats."""
        out: list[str] = []
        frontier = list(self.children_.get(skill_id, ()))
        while frontier:
            nxt: list[str] = []
            for sid in frontier:
                if sid not in out and sid != skill_id:
                    out.append(sid)
                    nxt.extend(self.children_.get(sid, ()))
            frontier = nxt
        return out

    def related(self, col: int) -> Related:
        """Held-skill columns that give credit for required column ``col``, best kind first."""
        cached = self._related.get(col)
        if cached is not None:
            return cached
        rel = self.params.relation
        sid = self.skill_ids_[col]
        best: dict[str, tuple[float, int]] = {sid: (rel["exact"], 0)}

        def offer(other: str, kind: int) -> None:
            value = rel[RELATION_KINDS[kind]]
            if other in self.col_ and (other not in best or best[other][0] < value):
                best[other] = (value, kind)

        for d in self.descendants(sid):
            offer(d, 1)
        for a in self.taxonomy.ancestors(sid):
            offer(a, 2)
        max_family = int(rel["sibling_max_family"])
        for parent in self.taxonomy.get(sid).parents:
            family = self.children_.get(parent, [])
            if len(family) <= max_family:
                for sib in family:
                    offer(sib, 3)
        items = sorted(best.items(), key=lambda kv: (kv[1][1], self.col_[kv[0]]))
        out = Related(
            cols=np.array([self.col_[k] for k, _ in items], dtype=np.int32),
            credit=np.array([v for _, (v, _) in items], dtype=np.float32),
            kind=np.array([kd for _, (_, kd) in items], dtype=np.int8),
            lookup={self.col_[k]: (float(np.float32(v)), kd) for k, (v, kd) in items},
        )
        self._related[col] = out
        return out

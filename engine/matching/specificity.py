"""How much one skill counts in a job's list: specific skills a lot, generic ones little.

A job that lists twelve must-haves, among them "problem solving" and "communication", should
not rank a candidate who has its three specific skills below one who has the two generic
ones. Each listed skill gets an importance:

    importance = category factor x (1 + ln((J + 1) / (j + 1))) x (hard factor if hard)

with ``J`` the jobs the specificity was fitted on and ``j`` those that ask the skill (an
inverse document frequency over the jobs), the category factor from the data file
(``skill_importance.category``: "professional" skills count 0.2) and the hard factor for a
must-have marked hard. Unfitted (no jobs), the IDF factor is 1 and only the category and
requiredness count. Coverage is then the importance-weighted mean of the per-skill credits.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from engine.matching.features import JobRequirements
from engine.matching.params import MatchingParams
from engine.taxonomy import Taxonomy


class SkillSpecificity:
    """``fit(jobs)`` counts, per skill id, the jobs that ask for it (``job_counts_``)."""

    def __init__(self, *, params: MatchingParams, taxonomy_: Taxonomy) -> None:
        self.params = params
        self.taxonomy_ = taxonomy_
        self.job_counts_: Counter[str] = Counter()
        self.n_jobs_ = 0

    def fit(self, jobs: Iterable[JobRequirements]) -> SkillSpecificity:
        counts: Counter[str] = Counter()
        n = 0
        for job in jobs:
            n += 1
            counts.update({r.skill_id for r in job.must_skills} | set(job.nice_skills))
        self.job_counts_, self.n_jobs_ = counts, n
        return self

    def category_factor(self, skill_id: str) -> float:
        table = self.params.importance_category
        if skill_id not in self.taxonomy_:
            return table["default"]
        category = self.taxonomy_.get(skill_id).category
        return table.get(category, table["default"])

    def importance(self, skill_id: str, *, is_hard: bool = False) -> float:
        """The weight of ``skill_id`` in a coverage (> 0)."""
        idf = 1 + math.log((self.n_jobs_ + 1) / (self.job_counts_.get(skill_id, 0) + 1))
        hard = self.params.importance_hard if is_hard else 1.0
        return self.category_factor(skill_id) * idf * hard

"""What to learn next, for this person: steps ranked by jobs unlocked *and* closeness.

A step is one skill the person lacks (assumed learnt at the largest minimum years the jobs
ask, at least 1) or one JLPT level up. For each, the jobs whose top ``k`` the person would
enter (against each job's k-th score, as :func:`engine.matching.learn.job_thresholds`).

Closeness of a skill ``s`` to what the person does (each in [0, 1], mixed by the weights in
``matching_weights.json`` ``learn_next.closeness``):

- taxonomy: the best partial credit a held skill gives for ``s`` (exact, child, parent,
  sibling: ``engine.matching.relations``): Django is close for a Python developer;
- co-occurrence: of the open jobs that ask ``s``, the share that also ask a skill the person
  holds (Terraform and AWS are asked together);
- embedding: the calibrated cosine of the skill's name and the nearest held skill's name.

A skill of another *track* (AI/ML, programming, animation/3D, cloud/DevOps, from the
taxonomy category) with closeness below ``learn_next.unrelated_below`` is offered only when
it unlocks at least ``far_more_factor`` times the jobs of the best related step, and then
says so (``reason == "unlocks_far_more"``). Steps are ranked by
``jobs unlocked x (1 + closeness)``. Effort (a label the pages translate):
``jlpt_step`` (one JLPT level: a sitting every six months), ``framework`` (a framework or
library of a language held: weeks), ``certificate`` (a cloud platform: an associate
certification, two to three months), ``related`` (next to a held skill: one to three months),
``new_area`` (three to six months).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from engine.levels import JLPT_LEVELS, jlpt_rank
from engine.matching.features import CandidateFeatures
from engine.matching.index import CandidateIndex
from engine.matching.jobset import CandidateOnJobs, JobColumns
from engine.matching.learn import job_thresholds
from engine.matching.params import DATA
from engine.matching.score import JobPlan

#: taxonomy category -> track ("" for categories that belong to every track)
TRACK_OF_CATEGORY: Mapping[str, str] = {
    "ai_data": "ai",
    "programming_languages": "programming",
    "frameworks": "programming",
    "databases": "programming",
    "testing": "programming",
    "mobile": "programming",
    "cloud_devops": "cloud",
    "networking": "cloud",
    "security": "cloud",
    "animation_3d": "animation",
    "design": "animation",
}


@dataclass(frozen=True, slots=True)
class LearnOption:
    """One step: ``kind`` "skill" (value: skill id) or "jlpt" (value: "N3", ...), the jobs
    it unlocks, how close it is to the person (0..1) and to which held skill, the effort
    label, and why it is offered ("close" or "unlocks_far_more")."""

    kind: str
    value: str
    job_ids: tuple[int, ...]
    closeness: float = 1.0
    near: str = ""
    effort: str = ""
    reason: str = "close"
    track: str = ""


@cache
def _settings() -> Mapping[str, object]:
    raw = json.loads(DATA.read_text(encoding="utf-8"))["learn_next"]
    return raw  # type: ignore[no-any-return]


def person_tracks(index: CandidateIndex, features: CandidateFeatures) -> set[str]:
    """Tracks holding at least a quarter of the person's skills (by years, at least 1 each)."""
    tax = index.relations_.taxonomy
    weight: dict[str, float] = {}
    for s in features.skills:
        if s.skill_id in tax:
            track = TRACK_OF_CATEGORY.get(tax.get(s.skill_id).category, "")
            if track:
                weight[track] = weight.get(track, 0.0) + max(1.0, s.years)
    total = sum(weight.values())
    return {t for t, w in weight.items() if total and w / total >= 0.25}


def _skill_track(index: CandidateIndex, skill_id: str) -> str:
    tax = index.relations_.taxonomy
    return TRACK_OF_CATEGORY.get(tax.get(skill_id).category, "") if skill_id in tax else ""


def _name(index: CandidateIndex, skill_id: str) -> str:
    tax = index.relations_.taxonomy
    return tax.get(skill_id).name_en if skill_id in tax else skill_id


def learn_next_options(
    index: CandidateIndex,
    features: CandidateFeatures,
    plans: Sequence[JobPlan],
    *,
    k: int = 50,
    thresholds: Mapping[int, float] | None = None,
    max_options: int = 40,
    limit: int = 3,
    columns: JobColumns | None = None,
) -> list[LearnOption]:
    """Up to ``limit`` steps for this person, best first (see the module docstring).
    ``columns``: ``plans`` compiled (:class:`JobColumns`; built here when not given). Every
    job is scored once, then each option re-scores only the skill parts, over all jobs at
    once (``engine.matching.jobset``)."""
    cfg = _settings()
    mix: Mapping[str, float] = cfg["closeness"]  # type: ignore[assignment]
    limits = thresholds or job_thresholds(index, plans, k, exclude=features.candidate_id)
    relations = index.relations_
    columns = columns if columns is not None else JobColumns.build(plans, index.params_)
    assert len(columns) == len(plans)
    limit_of = np.array([limits[p.job_id] for p in plans], np.float64)
    on_jobs = CandidateOnJobs(index, features, columns)

    def unlocked(scored: tuple[np.ndarray, np.ndarray], among: np.ndarray) -> tuple[int, ...]:
        score, eligible = scored
        hits = among & eligible & (score >= limit_of)
        return tuple(int(j) for j in columns.job_ids[hits])

    base_score, base_ok = on_jobs.scores()
    now_mask = base_ok & (base_score >= limit_of)
    pending_mask = ~now_mask
    pending = [p for p, done in zip(plans, now_mask.tolist(), strict=True) if not done]
    held = {s.skill_id: s.years for s in features.skills}
    held_cols = {relations.col_[s] for s in held if s in relations.col_}
    wanted: dict[str, tuple[int, float]] = {}
    for p in pending:
        for m in p.must:
            if held.get(m.skill_id, -1.0) < max(m.min_years, 0.0001):
                n, y = wanted.get(m.skill_id, (0, 1.0))
                wanted[m.skill_id] = (n + 1, max(y, m.min_years))
        for q in p.nice:
            if q.skill_id not in held:
                n, y = wanted.get(q.skill_id, (0, 1.0))
                wanted[q.skill_id] = (n + 1, y)
    options = sorted(wanted.items(), key=lambda kv: (-kv[1][0], kv[0]))[:max_options]
    asked_by: dict[str, list[int]] = {}
    for row, p in enumerate(plans):
        for sid in [m.skill_id for m in p.must] + [q.skill_id for q in p.nice]:
            asked_by.setdefault(sid, []).append(row)
    asks_held = np.zeros(len(plans), bool)  # the job counts a skill the person holds
    for h in held_cols:
        asks_held |= columns.asking(h)
    near_sem = _embedding_closeness(index, [s for s, _ in options], list(held))
    mine = person_tracks(index, features)
    candidates: list[LearnOption] = []
    for sid, (_, years) in options:
        col = relations.col_.get(sid, -1)
        if col < 0:
            continue  # no job can count a skill outside the taxonomy
        with_it = {**on_jobs.held, col: float(years)}
        jobs = unlocked(on_jobs.scores(with_it), pending_mask & columns.asking(col))
        if not jobs:
            continue
        tax, near = 0.0, ""
        lookup = relations.related(col).lookup
        for h in held_cols:
            if h in lookup and lookup[h][0] > tax:
                tax, near = lookup[h][0], relations.skill_ids_[h]
        with_sid = asked_by.get(sid, [])
        co = float(asks_held[with_sid].mean()) if with_sid else 0.0
        sem, sem_near = near_sem.get(sid, (0.0, ""))
        closeness = mix["taxonomy"] * tax + mix["cooccurrence"] * co + mix["embedding"] * sem
        track = _skill_track(index, sid)
        candidates.append(
            LearnOption(
                "skill",
                sid,
                jobs,
                closeness=round(closeness, 3),
                near=near or sem_near,
                effort=_effort(index, sid, held, tax),
                track=track,
            )
        )
    rank = jlpt_rank(features.jlpt)
    if rank < len(JLPT_LEVELS):
        level = JLPT_LEVELS[rank]  # one step up: none -> N5, N5 -> N4, ...
        higher = CandidateOnJobs(index, dataclasses.replace(features, jlpt=level), columns)
        jobs = unlocked(higher.scores(), pending_mask & (columns.jlpt_rank > 0))
        if jobs:
            candidates.append(LearnOption("jlpt", level, jobs, effort="jlpt_step"))
    below = float(cfg["unrelated_below"])  # type: ignore[arg-type]
    factor = float(cfg["far_more_factor"])  # type: ignore[arg-type]

    def unrelated(o: LearnOption) -> bool:
        return bool(o.kind == "skill" and mine and o.track and o.track not in mine) and (
            o.closeness < below
        )

    related_best = max((len(o.job_ids) for o in candidates if not unrelated(o)), default=0)
    out = []
    for o in candidates:
        if unrelated(o):
            if len(o.job_ids) < factor * max(1, related_best):
                continue
            o = dataclasses.replace(o, reason="unlocks_far_more")
        out.append(o)
    out.sort(key=lambda o: (-len(o.job_ids) * (1 + o.closeness), o.kind, o.value))
    return out[:limit]


def _effort(index: CandidateIndex, skill_id: str, held: Mapping[str, float], tax: float) -> str:
    ancestors = (
        set(index.relations_.taxonomy.ancestors(skill_id))
        if skill_id in index.relations_.taxonomy
        else set()
    )
    if ancestors & set(held):
        return "framework"
    if "cloud-computing" in ancestors:
        return "certificate"
    return "related" if tax > 0 else "new_area"


def _embedding_closeness(
    index: CandidateIndex, options: list[str], held: list[str]
) -> dict[str, tuple[float, str]]:
    """Option -> (calibrated best cosine to a held skill's name, that skill)."""
    if not options or not held:
        return {}
    names = [_name(index, s) for s in options + held]
    vectors = index._embedder().encode(names)
    opt, mine = vectors[: len(options)], vectors[len(options) :]
    cos = opt @ mine.T
    lo, hi = index.params_.calibration(index.embedder_name_)
    out = {}
    for i, sid in enumerate(options):
        j = int(np.argmax(cos[i]))
        value = float(np.clip((cos[i, j] - lo) / (hi - lo), 0, 1))
        out[sid] = (value, held[j])
    return out


#: The single best step (kept for callers that want one).
LearnNext = LearnOption


def learn_next(
    index: CandidateIndex,
    features: CandidateFeatures,
    plans: Sequence[JobPlan],
    *,
    k: int = 50,
    thresholds: Mapping[int, float] | None = None,
    max_options: int = 40,
) -> LearnOption | None:
    """The best step of :func:`learn_next_options`, or None when no single step helps."""
    best = learn_next_options(
        index, features, plans, k=k, thresholds=thresholds, max_options=max_options, limit=1
    )
    return best[0] if best else None

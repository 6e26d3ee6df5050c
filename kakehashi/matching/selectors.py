"""Shortlists for jobs and recommendations for candidates, from the matching engine."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, replace

from django.core.cache import cache
from django.db.models import Count, Max
from django.http import Http404
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from engine.levels import degree_rank, jlpt_rank
from engine.matching import (
    JobColumns,
    JobPlan,
    LearnOption,
    Match,
    job_thresholds,
    learn_next_options,
    score_one,
    top_jobs,
)
from engine.matching.specificity import SkillSpecificity
from engine.pipeline import pipeline
from engine.shortlist_balance import (
    AllocationFigures,
    allocation_capped,
    allocation_figures,
    allocation_shortlists,
    blocking_pairs,
    shortlist_balance,
    shortlist_independent,
    shortlist_problem,
)
from kakehashi.candidates.models import CandidateProfile, Education
from kakehashi.candidates.selectors import profiles_visible_to_employers
from kakehashi.core.choices import DEGREE_CHOICES
from kakehashi.core.errors import Refused
from kakehashi.employers.selectors import employer_for_member, employer_member_is
from kakehashi.jobs.models import Job
from kakehashi.jobs.selectors import job_get_for_user, jobs_public
from kakehashi.matching.adapters import candidate_features, job_requirements
from kakehashi.matching.store import index_get, index_if_built, index_version
from kakehashi.matching.templatetags.matching_tags import skill_name
from kakehashi.matching.vectors import text_vectors
from kakehashi.pipeline.labels import STAGE_LABELS
from kakehashi.pipeline.models import Application

_PLANS: dict[tuple[int, str], JobPlan] = {}  # (job id, last change) -> plan, within one scope
_PLANS_SCOPE: list[tuple[str, str] | None] = [None]  # (index plan version, specificity key)
_THRESHOLDS: dict[str, dict[int, float]] = {}  # the last measured, by main segment and plans
_COLUMNS: dict[tuple[int, ...], JobColumns] = {}  # the last set of plans, compiled as columns
_SPECIFICITY: dict[str, SkillSpecificity] = {}
_OPEN: dict[tuple, OpenJobs] = {}  # the open jobs' plans, by what they were compiled from
_LOCK = threading.Lock()
# One thread of a process at a time embeds job texts or measures thresholds: concurrent first
# visits (a fresh threaded server) wait for that one and take its result, instead of each
# doing the same seconds of work at once under the GIL.
_MEASURING = threading.Lock()
# The JLPT level from which a candidate is taken to read a Japanese-only ad.
READS_JAPANESE_FROM = "N3"


def _lang() -> str:
    lang = get_language() or "en"
    return lang if lang in ("en", "ja", "ur") else "en"


def _open_stamp(n: int, last) -> str:
    """What the skill importances depend on: how many jobs are open and their last change."""
    return f"{n}:{last.isoformat() if last else ''}"


def _specificity(key: str | None = None) -> tuple[str, SkillSpecificity]:
    """Skill importances fitted on the open jobs, cached until a job is posted or changed.
    ``key``: the open jobs' :func:`_open_stamp`, when the caller has read it already."""
    jobs = jobs_public()
    if key is None:
        stamp = jobs.aggregate(n=Count("pk"), last=Max("updated_at"))
        key = _open_stamp(stamp["n"], stamp["last"])
    if key not in _SPECIFICITY:
        index = index_get()
        spec = SkillSpecificity(params=index.params_, taxonomy_=index.relations_.taxonomy)
        spec.fit(job_requirements(list(jobs)))
        with _LOCK:
            _SPECIFICITY.clear()
            _SPECIFICITY[key] = spec
    return key, _SPECIFICITY[key]


def job_plans(jobs: list[Job]) -> list[JobPlan]:
    """Compiled jobs, cached per process by job and last change, for what a plan depends on
    in the index (``plan_version``: weights, taxonomy, model, BM25 statistics: only a full
    rebuild changes it) and the skill importances. Profile changes and compactions leave the
    plans valid; the job texts' vectors are cached by text hash, so even a rebuild does not
    embed a job again."""
    index = index_get()
    spec_key, spec = _specificity()
    scope = (index.plan_version(), spec_key)
    with _LOCK:
        if _PLANS_SCOPE[0] != scope:
            _PLANS.clear()
            _PLANS_SCOPE[0] = scope
        known = {job.pk: _PLANS.get((job.pk, job.updated_at.isoformat())) for job in jobs}
    missing = [job for job in jobs if known[job.pk] is None]
    if missing:
        with _MEASURING:
            _plans_add(index, scope, spec, missing, known)
    return [p for p in (known[job.pk] for job in jobs) if p is not None]


def _plans_add(index, scope, spec, missing: list[Job], known: dict) -> None:
    """Compile the ``missing`` jobs into ``known`` (and the process's cache): those another
    thread compiled meanwhile are taken, not embedded again."""
    with _LOCK:
        if _PLANS_SCOPE[0] == scope:
            for job in missing:
                known[job.pk] = _PLANS.get((job.pk, job.updated_at.isoformat()))
    missing = [job for job in missing if known[job.pk] is None]
    if missing:
        reqs = job_requirements(missing)
        vecs = text_vectors([r.text for r in reqs])
        for job, req, vec in zip(missing, reqs, vecs, strict=True):
            plan = index.plan(req, vec if vec.any() else None, specificity=spec)
            known[job.pk] = plan
            with _LOCK:
                if _PLANS_SCOPE[0] == scope:
                    _PLANS[(job.pk, job.updated_at.isoformat())] = plan


@dataclass(frozen=True)
class OpenJobs:
    """Every open job compiled for ranking, without the jobs themselves: a candidate's page
    reads the rows of the few jobs it shows, not all of them with their skills."""

    plans: list[JobPlan]
    #: job id -> the language its ad is written in
    language: dict[int, str]


def open_jobs() -> OpenJobs:
    """The open jobs' plans, kept per process until a job opens, closes or changes (one
    query of ids and last changes decides) or the index's plan version or the skill
    importances move. Loading the 1,004 demo jobs with their skills was 75 % of a 100,000-
    candidate "jobs for you" page (170 of 230 ms)."""
    rows = tuple(
        jobs_public().order_by("pk").values_list("pk", "updated_at", "description_language")
    )
    stamp = _open_stamp(len(rows), max((r[1] for r in rows), default=None))
    key = (index_get().plan_version(), _specificity(stamp)[0], hash(rows))
    found = _OPEN.get(key)
    if found is None:
        jobs = list(jobs_public().order_by("pk"))
        found = OpenJobs(
            plans=job_plans(jobs), language={j.pk: j.description_language for j in jobs}
        )
        with _LOCK:
            _OPEN.clear()
            _OPEN[key] = found
    return found


def job_columns(plans: list[JobPlan]) -> JobColumns:
    """``plans`` compiled as columns (one candidate against every job in one pass), kept for
    the last set of plans: the open jobs, the same objects from request to request until a
    job changes. The key is the plans' identities, which the kept columns hold alive."""
    key = tuple(id(p) for p in plans)
    found = _COLUMNS.get(key)
    if found is None:
        found = JobColumns.build(plans, index_get().params_)
        with _LOCK:
            _COLUMNS.clear()
            _COLUMNS[key] = found
    return found


@dataclass(frozen=True)
class ShortlistRow:
    match: Match
    profile: CandidateProfile
    stage: str | None
    sentence: str
    #: total years of work the matcher counted (the "experience" sort)
    experience_years: float = 0.0

    @property
    def experience_whole_years(self) -> int:
        return round(self.experience_years)


#: How an employer may order the ranked list; the first is the default.
SHORTLIST_SORTS = ("score", "experience", "jlpt")


def shortlist_job_get_for_user(*, job_id: int, user) -> Job:
    """The door to a job's ranked candidates: the job's verified company and ministry officers
    (all sub-roles: the list is blind); 404 for everyone else."""
    job = job_get_for_user(job_id=job_id, user=user)
    if not user.is_authenticated or not (
        user.has_duty("reports")
        or employer_member_is(user, employer_id=job.employer_id, terms=True)
    ):
        _shortlist_refusal_raise(user=user, job=job)
        raise Http404
    return job


def _shortlist_refusal_raise(*, user, job: Job) -> None:
    """A member of the job's own company is told why its ranked candidates are closed (and
    what to do); anyone else gets the 404 of the door."""
    own = employer_for_member(user)
    if own is None or own.pk != job.employer_id:
        return
    if own.verification_status == own.Verification.REJECTED:
        raise Refused(
            _("The ministry did not verify your company, so its jobs show no candidates."),
            next_step=_("The ministry's reason is on your company's dashboard."),
            link=reverse("employer_dashboard"),
            link_text=_("Company dashboard"),
        )
    if not own.is_verified:
        raise Refused(
            _(
                "Your company is awaiting verification by Pakistan's Ministry of IT & Telecom. "
                "Ranked candidates open once it is verified."
            ),
            next_step=_(
                "The ministry checks the corporate number and the contact person. Meanwhile you "
                "can prepare jobs: candidates are ranked for them once the company is verified."
            ),
            link=reverse("employer_dashboard"),
            link_text=_("Company dashboard"),
        )
    raise Refused(
        _("Your company has not accepted the programme's terms yet."),
        next_step=_(
            "A company admin accepts them once for everyone in the company; candidates are "
            "shown after that."
        ),
        link=reverse("company_terms"),
        link_text=_("Read and accept the terms"),
    )


def job_shortlist_for_user(
    *,
    job_id: int,
    user,
    k: int = 50,
    jlpt_min: str = "",
    city: str = "",
    min_score: float = 0.0,
    sort: str = "score",
) -> tuple[Job, list[ShortlistRow]]:
    """The ranked, explained, blind shortlist of a job, through its door. Filters apply after
    ranking; ``sort`` (one of SHORTLIST_SORTS) then orders the best ``k``: by score, by years
    of experience or by JLPT level (highest first, the score breaking ties)."""
    if sort not in SHORTLIST_SORTS:
        raise ValueError(f"unknown shortlist sort {sort!r}")
    job = shortlist_job_get_for_user(job_id=job_id, user=user)
    index = index_get()
    plan = job_plans([job])[0]
    matches = index.top_candidates(plan, k=max(k * 4, 200), explain=True)
    # The index only ranks; whether a candidate may be shown is read from the database now
    # (a withdrawal counts at once, even before the index is refreshed).
    profiles = profiles_visible_to_employers().in_bulk([m.candidate_id for m in matches])
    stages = dict(job.applications.values_list("candidate_id", "stage"))
    rows = []
    for m in matches:
        p = profiles.get(m.candidate_id)
        if p is None or m.score < min_score:
            continue
        if jlpt_min and jlpt_rank(p.jlpt_level or None) < jlpt_rank(jlpt_min):
            continue
        if city and p.city != city:
            continue
        sentence = m.explanation.sentences.get(_lang(), "") if m.explanation else ""
        stage = stages.get(p.pk)
        rows.append(ShortlistRow(m, p, str(STAGE_LABELS[stage]) if stage else None, sentence))
        if len(rows) == k:
            break
    features = candidate_features([r.profile.pk for r in rows])
    years = {f.candidate_id: float(f.experience_years or 0) for f in features}
    rows = [replace(r, experience_years=years.get(r.profile.pk, 0.0)) for r in rows]
    if sort == "experience":
        rows.sort(key=lambda r: (-r.experience_years, -r.match.score))
    elif sort == "jlpt":
        rows.sort(key=lambda r: (-jlpt_rank(r.profile.jlpt_level or None), -r.match.score))
    return job, rows


@dataclass(frozen=True)
class Recommendations:
    matches: list[tuple[Match, Job]]
    #: ranked steps, each with the open jobs it would unlock (at most five shown)
    learn: list[tuple[LearnOption, list[Job]]]
    #: True when Japanese-only ads were moved after the ones the candidate can read
    japanese_ads_deferred: bool = False


def reads_japanese(jlpt: str | None) -> bool:
    return jlpt_rank(jlpt) >= jlpt_rank(READS_JAPANESE_FROM)


def candidate_recommendations(*, profile: CandidateProfile, k: int = 10) -> Recommendations:
    """The best open jobs for the candidate with why and what is missing, and the steps
    (skills close to what they do, or a JLPT level) that would put them in the top 50 of the
    most jobs. A candidate below JLPT N3 sees the ads written only in Japanese after the ones
    they can read (still listed, with their requirements in the reader's language)."""
    index = index_get()
    # Consent gates being *shown* to employers, not seeing jobs: score as if consenting.
    features = replace(candidate_features([profile.pk])[0], consent=True)
    open_ = open_jobs()
    plans, language = open_.plans, open_.language
    columns = job_columns(plans)
    best = top_jobs(index, features, plans, k=5 * k, columns=columns)  # readable ones first
    deferred = False
    if not reads_japanese(features.jlpt):
        readable = [m for m in best if language[m.job_id] != "ja"]
        deferred = any(language[m.job_id] == "ja" for m in best[:k])
        best = readable + [m for m in best if language[m.job_id] == "ja"]
    steps = learn_next_options(
        index, features, plans, k=LEARN_TOP_K, thresholds=learn_thresholds(plans), columns=columns
    )
    shown = {m.job_id for m in best[:k]} | {j for o in steps for j in o.job_ids[:5]}
    # The jobs shown, as they stand now (one closed since the plans were kept drops out).
    by_id = {j.pk: j for j in jobs_public().filter(pk__in=shown).prefetch_related("skills")}
    return Recommendations(
        matches=[(m, by_id[m.job_id]) for m in best[:k] if m.job_id in by_id],
        learn=[(o, [by_id[j] for j in o.job_ids if j in by_id][:5]) for o in steps],
        japanese_ads_deferred=deferred,
    )


# "What to learn next" counts the jobs whose top LEARN_TOP_K a step would enter.
LEARN_TOP_K = 50
_THRESHOLDS_SECONDS = 7 * 24 * 3600


def _thresholds_key() -> tuple[str, str]:
    version = f"{index_version()}:{_PLANS_SCOPE[0]}"
    return version, "matching:thresholds:" + hashlib.sha256(version.encode()).hexdigest()[:32]


def learn_thresholds(plans: list[JobPlan], *, measure: bool = False) -> dict[int, float]:
    """The score of each job's LEARN_TOP_K-th candidate, for the main segment this process
    holds and the open jobs' plans (``plans``, from :func:`job_plans` just before). The
    compaction and rebuild tasks measure them once and publish them in the cache
    (``measure=True``); a request takes this process's copy or the published one. Until a
    new segment's are published, a request keeps the last ones it had (the delta since is
    a handful of profiles), measuring on the spot only the jobs they lack: it never waits
    for every job's top candidates, except on the very first visit of a fresh install."""
    version, key = _thresholds_key()
    found = _THRESHOLDS.get(version) or cache.get(key)
    if found is not None and all(p.job_id in found for p in plans):
        with _LOCK:
            _THRESHOLDS.clear()
            _THRESHOLDS[version] = found
        return found
    with _MEASURING:  # another thread of this process may be measuring them: wait, then take
        return _thresholds_measured(plans, version, key, measure)


def _thresholds_measured(
    plans: list[JobPlan], version: str, key: str, measure: bool
) -> dict[int, float]:
    found = _THRESHOLDS.get(version) or cache.get(key)
    if found is None and measure:
        found = job_thresholds(index_get(), plans, LEARN_TOP_K)
        cache.set(key, found, _THRESHOLDS_SECONDS)
    if found is not None and all(p.job_id in found for p in plans):
        with _LOCK:
            _THRESHOLDS.clear()
            _THRESHOLDS[version] = found
        return found
    # Not yet published: the last ones this process had, with the jobs they lack measured.
    last = dict(next(iter(_THRESHOLDS.values()), None) or found or {})
    lacking = [p for p in plans if p.job_id not in last]
    if lacking:
        last.update(job_thresholds(index_get(), lacking, LEARN_TOP_K))
        current = len(lacking) == len(plans)  # all measured on this segment: publish them
        if current:
            cache.add(key, last, _THRESHOLDS_SECONDS)
        with _LOCK:
            _THRESHOLDS.clear()
            _THRESHOLDS[version if current else ""] = last
    return last


def learn_thresholds_publish() -> None:
    """Measure and publish the thresholds for the current main segment and open jobs (the
    compaction and rebuild tasks, after they publish; at once when they already are)."""
    learn_thresholds(open_jobs().plans, measure=True)


def match_score_one(*, job: Job, profile_id: int, as_shown: bool = True):
    """One candidate scored alone for one job (engine score_one: never a re-ranking of the
    job), or None when the profile does not exist. With ``as_shown`` the candidate's consent
    counts as it stands in the database now (an employer's view); without, the score is the
    one the candidate would have if visible."""
    features = candidate_features([profile_id])
    if not features:
        return None
    f = features[0] if as_shown else replace(features[0], consent=True)
    return score_one(index_get(), f, job_plans([job])[0])


def match_scores(*, job: Job, profile_ids: list[int]) -> dict[int, float]:
    """Score in [0, 1] of each given candidate for a job (0 when a hard filter fails); empty
    while no index has been built (callers then use a neutral priority)."""
    index = index_if_built()
    if index is None:
        return {}
    plan = job_plans([job])[0]
    return {
        f.candidate_id: float(score_one(index, replace(f, consent=True), plan).score)
        for f in candidate_features(profile_ids)
    }


@dataclass(frozen=True)
class BalancedJob:
    """One job's part of a balanced allocation: ``places`` are the candidates proposed to it
    as (profile id, score in [0, 1]), best first; ``in_pipeline`` counts the candidates it
    already has (they fill part of its k); ``own_top_lost`` how many of its own top-k
    candidates are on more than c lists and would drop it."""

    job: Job
    places: list[tuple[int, float]]
    in_pipeline: int
    own_top_lost: int


@dataclass(frozen=True)
class BalancedShortlists:
    """Shortlists balanced across several jobs (engine.shortlist_balance), with the figures
    of the allocation and of the jobs' independent top-k lists (raw, and once each candidate
    keeps only their c preferred)."""

    method: str
    places_per_job: int
    shortlists_per_candidate: int
    jobs: list[BalancedJob]
    figures: AllocationFigures
    independent: AllocationFigures
    independent_kept: AllocationFigures
    blocking_pairs: int


def shortlists_balanced(
    *,
    jobs: list[Job],
    places_per_job: int,
    shortlists_per_candidate: int,
    method: str = "optimal",
    ranked_per_job: int = 100,
) -> BalancedShortlists:
    """Balanced shortlists for several jobs recruiting at once (a mission's companies): each
    job gets up to ``places_per_job`` (k) candidates and no candidate is on more than
    ``shortlists_per_candidate`` (c) of these jobs' lists, from each job's top
    ``ranked_per_job`` visible candidates. Candidates already in a job's pipeline (at any
    stage not closed) count towards its k and their c and are not proposed again; closed
    ones (rejected, withdrawn, …) are not proposed either. ``method``: "optimal" (highest
    total score) or "stable" (no job and candidate would both rather be paired); another
    name raises ValueError."""
    index = index_get()
    plans = job_plans(jobs)
    ranked = {
        plan.job_id: index.top_candidates(plan, k=ranked_per_job, explain=False) for plan in plans
    }
    visible = set(
        profiles_visible_to_employers()
        .filter(pk__in={m.candidate_id for ms in ranked.values() for m in ms})
        .values_list("pk", flat=True)
    )
    closed = pipeline().terminal
    taken: set[tuple[int, int]] = set()
    job_live: dict[int, int] = {}
    candidate_live: dict[int, int] = {}
    for job_id, candidate_id, stage in Application.objects.filter(job__in=jobs).values_list(
        "job_id", "candidate_id", "stage"
    ):
        taken.add((job_id, candidate_id))
        if stage not in closed:
            job_live[job_id] = job_live.get(job_id, 0) + 1
            candidate_live[candidate_id] = candidate_live.get(candidate_id, 0) + 1
    scores = {
        job.pk: {
            m.candidate_id: float(m.score)
            for m in ranked[job.pk]
            if m.candidate_id in visible and (job.pk, m.candidate_id) not in taken and m.score > 0
        }
        for job in jobs
    }
    candidates = {c for row in scores.values() for c in row}
    problem = shortlist_problem(
        scores=scores,
        places_per_job={job.pk: max(0, places_per_job - job_live.get(job.pk, 0)) for job in jobs},
        shortlists_per_candidate={
            c: max(0, shortlists_per_candidate - candidate_live.get(c, 0)) for c in candidates
        },
    )
    allocation = shortlist_balance(problem, method=method)
    independent = shortlist_independent(problem)
    kept = allocation_capped(problem, independent)
    chosen = allocation_shortlists(problem, allocation)
    own, own_kept = (allocation_shortlists(problem, a) for a in (independent, kept))
    return BalancedShortlists(
        method=method,
        places_per_job=places_per_job,
        shortlists_per_candidate=shortlists_per_candidate,
        jobs=[
            BalancedJob(
                job=job,
                places=[(int(c), scores[job.pk][c]) for c in chosen[job.pk]],
                in_pipeline=job_live.get(job.pk, 0),
                own_top_lost=len(own[job.pk]) - len(own_kept[job.pk]),
            )
            for job in jobs
        ],
        figures=allocation_figures(problem, allocation),
        independent=allocation_figures(problem, independent),
        independent_kept=allocation_figures(problem, kept),
        blocking_pairs=int(blocking_pairs(problem, allocation).size),
    )


@dataclass(frozen=True)
class ComparedValue:
    """One cell of the side-by-side table: the candidate's value, the job's, and whether it
    meets the job (None when the job asks nothing or the value is unknown)."""

    shown: str
    meets: bool | None = None


def shortlist_comparison(*, job: Job, rows: list[ShortlistRow]) -> list[tuple[str, list]]:
    """Actual values side by side for the compared candidates: years per required skill
    (the held skill that counts, when it is a related one), degree, JLPT (verified or
    declared), expected salary against the job's range. Labels translated by the caller's
    language; values are plain data."""
    from_degree = dict(DEGREE_CHOICES)
    degrees: dict[int, str] = {}
    for pid, level in Education.objects.filter(
        profile_id__in=[r.profile.pk for r in rows]
    ).values_list("profile_id", "level"):
        if degree_rank(level) > degree_rank(degrees.get(pid)):
            degrees[pid] = level
    table: list[tuple[str, list]] = []
    musts = list(
        job.skills.filter(required=True).select_related("skill").order_by("skill__name_en")
    )
    for js in musts:
        cells = []
        for r in rows:
            ex = r.match.explanation
            hit = next((m for m in ex.matched if m.skill_id == js.skill_id), None) if ex else None
            if hit is None:
                cells.append(ComparedValue("—", False))
                continue
            covers = hit.kind in ("exact", "child")
            if hit.years > 0:
                shown = _("%(years)s y") % {"years": f"{hit.years:g}"}
                meets: bool | None = covers and hit.years >= hit.required_years
            else:  # held, years unknown: neither met nor missed
                shown = str(_("years not stated"))
                meets = covers if not hit.required_years else None
            if hit.held_skill_id != js.skill_id:
                shown += f" ({skill_name(hit.held_skill_id)})"
            cells.append(ComparedValue(shown, meets))
        want = f" ≥ {js.min_years:g}" if js.min_years else ""
        table.append((f"{skill_name(js.skill_id)}{want}", cells))
    want_degree = from_degree.get(job.degree_level, "") if job.degree_level else ""
    table.append(
        (
            str(_("Degree")) + (f" ≥ {want_degree}" if want_degree else ""),
            [
                ComparedValue(
                    str(from_degree.get(degrees.get(r.profile.pk, ""), "—")),
                    None
                    if not job.degree_level or r.profile.pk not in degrees
                    else degree_rank(degrees[r.profile.pk]) >= degree_rank(job.degree_level),
                )
                for r in rows
            ],
        )
    )
    used = {f.candidate_id: f for f in candidate_features([r.profile.pk for r in rows])}
    jlpt_cells = []
    for r in rows:
        f = used.get(r.profile.pk)
        held = f.jlpt if f else None
        if held and f and f.jlpt_verified:
            shown = str(_("JLPT %(level)s (verified certificate)")) % {"level": held}
        elif held:
            shown = str(_("JLPT %(level)s (self-declared)")) % {"level": held}
        else:
            shown = "—"
        jlpt_cells.append(
            ComparedValue(
                shown, None if not job.jlpt_min else jlpt_rank(held) >= jlpt_rank(job.jlpt_min)
            )
        )
    table.append((str(_("Japanese")) + (f" ≥ {job.jlpt_min}" if job.jlpt_min else ""), jlpt_cells))
    salary_cells = []
    for r in rows:
        wish = r.profile.salary_expectation_jpy
        salary_cells.append(
            ComparedValue(
                f"¥{wish:,}" if wish else str(_("not stated")),
                None if not wish else wish <= job.salary_max_jpy,
            )
        )
    table.append(
        (
            str(_("Expected salary (job: ¥%(low)s–¥%(high)s)"))
            % {"low": f"{job.salary_min_jpy:,}", "high": f"{job.salary_max_jpy:,}"},
            salary_cells,
        )
    )
    return table

"""ORM rows → the matching engine's plain inputs, in a few bulk queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone

from engine.experience import experience_years
from engine.levels import degree_rank, jlpt_evidence
from engine.matching import CandidateFeatures, JobRequirements, SkillHeld, SkillRequirement
from engine.matching.embed import text_cut
from engine.taxonomy import taxonomy
from kakehashi.candidates.models import (
    CandidateProfile,
    CandidateSkill,
    Certification,
    Education,
    Employment,
    english_level_effective,
)
from kakehashi.candidates.selectors import profiles_visible_to_employers
from kakehashi.jobs.models import Job, JobSkill


def candidate_features(
    profile_ids: Iterable[int] | None = None, *, id_range: tuple[int, int] | None = None
) -> list[CandidateFeatures]:
    """Features of the given profiles (all when None; ``id_range``: the profiles whose id is
    in ``[low, high]``, for a sharded build). Protected attributes (name, gender, age, CNIC)
    are not read at all. JLPT: a verified certificate's level outranks the self-declared one
    (``engine.levels.jlpt_evidence``)."""
    profiles = CandidateProfile.objects.all()
    if profile_ids is not None:
        profiles = profiles.filter(pk__in=list(profile_ids))
    if id_range is not None:
        profiles = profiles.filter(pk__gte=id_range[0], pk__lte=id_range[1])
    rows = list(
        profiles.values(
            "pk",
            "headline",
            "summary",
            "jlpt_level",
            "english_level",
            "english_test",
            "english_test_score",
            "salary_expectation_jpy",
            "available_from",
            "willing_to_relocate",
        )
    )
    ids = [r["pk"] for r in rows]

    def of_these(queryset, field: str = "profile_id"):
        # All profiles: no IN list of every id (200,000 literals take PostgreSQL minutes).
        if id_range is not None:
            queryset = queryset.filter(
                **{f"{field}__gte": id_range[0], f"{field}__lte": id_range[1]}
            )
        return queryset if profile_ids is None else queryset.filter(**{f"{field}__in": ids})

    skills: dict[int, list[SkillHeld]] = defaultdict(list)
    for pid, sid, years, evidence in of_these(CandidateSkill.objects).values_list(
        "profile_id", "skill_id", "years", "evidence"
    ):
        # unknown years (None) reach the engine as 0.0: holding the skill earns the floor
        # credit, and the explanation shows no years (engine.matching.features.SkillHeld)
        skills[pid].append(SkillHeld(sid, float(years or 0), evidence))
    periods: dict[int, list] = defaultdict(list)
    texts: dict[int, list[str]] = defaultdict(list)
    for pid, start, end, title, description in (
        of_these(Employment.objects)
        .order_by("profile_id", "-start")
        .values_list("profile_id", "start", "end", "title", "description")
    ):
        periods[pid].append((start, end))
        texts[pid].append(f"{title}. {description}")  # latest first
    degree: dict[int, str] = {}
    for pid, level in of_these(Education.objects).values_list("profile_id", "level"):
        if degree_rank(level) > degree_rank(degree.get(pid)):
            degree[pid] = level
    certificates: dict[int, list[tuple[str, bool]]] = defaultdict(list)
    for pid, level, verification in (
        of_these(Certification.objects.filter(kind=Certification.Kind.JLPT))
        .exclude(verification=Certification.Verification.REJECTED)
        .values_list("profile_id", "level", "verification")
    ):
        certificates[pid].append((level, verification == Certification.Verification.VERIFIED))
    jlpt = {r["pk"]: jlpt_evidence(r["jlpt_level"] or None, certificates[r["pk"]]) for r in rows}
    consenting = set(of_these(profiles_visible_to_employers(), "pk").values_list("pk", flat=True))
    today = timezone.localdate()
    tax = taxonomy()

    def semantic(r: dict) -> str:
        # What ranks, in this order: the headline, the two latest roles, the skills with the
        # CV's evidence for them; cut at MATCHING_EMBED_WORDS (docs/matching.md: measured).
        held = [
            f"{tax.get(s.skill_id).name_en if s.skill_id in tax else s.skill_id}"
            + (f" ({s.evidence})" if s.evidence else "")
            for s in skills[r["pk"]]
        ]
        parts = [r["headline"], *texts[r["pk"]][:2], ", ".join(held)]
        return text_cut(" ".join(p for p in parts if p).strip(), settings.MATCHING_EMBED_WORDS)

    return [
        CandidateFeatures(
            candidate_id=r["pk"],
            skills=tuple(skills[r["pk"]]),
            experience_years=experience_years(periods[r["pk"]], today=today),
            jlpt=jlpt[r["pk"]][0],
            jlpt_verified=jlpt[r["pk"]][1],
            english=english_level_effective(
                level=r["english_level"], test=r["english_test"], score=r["english_test_score"]
            )
            or None,
            degree_level=degree.get(r["pk"]),
            salary_expectation_jpy=r["salary_expectation_jpy"],
            available_from=r["available_from"],
            willing_to_relocate=r["willing_to_relocate"],
            consent=r["pk"] in consenting,
            text=" ".join([r["headline"], r["summary"], *texts[r["pk"]]]).strip(),
            semantic_text=semantic(r),
        )
        for r in rows
    ]


def job_requirements(jobs: Iterable[Job]) -> list[JobRequirements]:
    jobs = list(jobs)
    must: dict[int, list[SkillRequirement]] = defaultdict(list)
    nice: dict[int, list[str]] = defaultdict(list)
    for js in JobSkill.objects.filter(job__in=jobs).values_list(
        "job_id", "skill_id", "required", "min_years", "is_hard"
    ):
        job_id, skill_id, required, min_years, is_hard = js
        if required:
            must[job_id].append(SkillRequirement(skill_id, float(min_years), is_hard))
        else:
            nice[job_id].append(skill_id)
    return [
        JobRequirements(
            job_id=j.pk,
            must_skills=tuple(must[j.pk]),
            nice_skills=tuple(nice[j.pk]),
            min_experience_years=float(j.min_experience_years),
            degree_level=j.degree_level or None,
            degree_is_hard=j.degree_is_hard,
            jlpt_min=j.jlpt_min or None,
            jlpt_is_hard=j.jlpt_is_hard,
            english_level=j.english_level or None,
            salary_min_jpy=j.salary_min_jpy,
            salary_max_jpy=j.salary_max_jpy,
            work_style=j.work_style,
            start_date=j.start_date,
            text=f"{j.title}. {j.description}",
            language=j.description_language,
        )
        for j in jobs
    ]

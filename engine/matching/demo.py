"""Matching inputs from the demo generator's records (``engine.demo``), for tests and benchmarks.

Protected fields of the demo records (name, gender, date of birth, CNIC, phone) are dropped
here: the features have no place for them.
"""

from __future__ import annotations

from engine.demo import DemoCandidate, DemoJob
from engine.levels import degree_rank
from engine.matching.features import CandidateFeatures, JobRequirements, SkillHeld, SkillRequirement


def candidate_text(c: DemoCandidate) -> str:
    """Headline, summary and the latest job's description: what the semantic part reads."""
    latest = c.employment[0].description if c.employment else ""
    return " ".join(t for t in (c.headline, c.summary, latest) if t)


def candidate_features_from_demo(c: DemoCandidate) -> CandidateFeatures:
    """A demo candidate as matching features (highest degree, skills with their years)."""
    degree = max((e.level for e in c.education), key=degree_rank, default=None)
    return CandidateFeatures(
        candidate_id=c.key,
        skills=tuple(
            SkillHeld(s.skill_id, s.years, f"profile: {s.years:g} years" if s.years else "profile")
            for s in c.skills
        ),
        experience_years=c.experience_years,
        jlpt=c.jlpt,
        english=c.english_level,
        degree_level=degree,
        salary_expectation_jpy=c.salary_expectation_jpy,
        available_from=c.available_from,
        willing_to_relocate=c.willing_to_relocate,
        consent=c.consent,
        text=candidate_text(c),
    )


def job_requirements_from_demo(j: DemoJob, *, hard_first_skill: bool = False) -> JobRequirements:
    """A demo job as requirements; demo jobs mark nothing hard unless asked."""
    return JobRequirements(
        job_id=j.key,
        must_skills=tuple(
            SkillRequirement(sid, years, is_hard=hard_first_skill and i == 0)
            for i, (sid, years) in enumerate(j.must_skills)
        ),
        nice_skills=j.nice_skills,
        min_experience_years=j.min_experience_years,
        degree_level=j.degree_level,
        jlpt_min=j.jlpt_min,
        english_level=j.english_level,
        salary_min_jpy=j.salary_min_jpy,
        salary_max_jpy=j.salary_max_jpy,
        work_style=j.work_style,
        start_date=j.start_date,
        text=f"{j.title}\n{j.description}",
        language=j.language,
    )

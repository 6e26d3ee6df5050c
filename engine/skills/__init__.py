"""Skill extraction and job-title normalisation over the Kakehashi taxonomy.

Public API::

    skills_extract(text, *, lang=None) -> SkillExtraction
        .mentions: tuple[SkillMention, ...]   (skill_id, surface, start, end, confidence,
                                                years, strength, negated, lang, kind)
        .set_aside: tuple[SkillMention, ...]  languages, language tests, fields of study
        .truncated: bool                      the text or a skill's mentions were cut
        .taxonomy_version: str
        .skill_ids(include_negated=False) -> list[str]
    SkillExtractor(tax=None, rules=None, max_chars=100_000, max_mentions_per_skill=20)
        .fit().extract(text, lang=None)
    job_requirements_extract(text, *, lang=None) -> JobRequirements
        .skills (RequirementSkill: skill_id, required, min_years, surface, start, end),
        .mentioned, .dropped, .jlpt_min, .jlpt_is_hard, .english_level,
        .min_experience_years, .degree_level, .degree_field, .degree_is_hard,
        .salary_min_jpy, .salary_max_jpy (yen a year), .salary_monthly,
        .prefecture (ISO 3166-2:JP), .work_style
    job_title_normalise(title) -> Occupation | None
        (onet_code, label, esco_uri, esco_label, confidence)
    skill_lookup(text, *, tax=None) -> str | None
        one skill as typed (id, name, alias, "Amazon EKS") to its id
"""

from engine.skills.extract import (
    SkillExtraction,
    SkillExtractor,
    SkillMention,
    skills_extract,
)
from engine.skills.lookup import skill_lookup
from engine.skills.requirements import JobRequirements, RequirementSkill, job_requirements_extract
from engine.skills.titles import Occupation, job_title_normalise

__all__ = [
    "JobRequirements",
    "Occupation",
    "RequirementSkill",
    "SkillExtraction",
    "SkillExtractor",
    "SkillMention",
    "job_requirements_extract",
    "job_title_normalise",
    "skill_lookup",
    "skills_extract",
]

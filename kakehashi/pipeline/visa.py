"""Adapt a candidate and a job (or an offer) to the visa-route engine (engine.visa), and
render its findings in the reader's language."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import get_language

from engine.experience import experience_years
from engine.levels import degree_rank, jlpt_evidence
from engine.visa import (
    VisaApplicant,
    VisaOffer,
    hsp_points,
    render,
    smallest_changes,
    visa_routes,
)
from kakehashi.candidates.models import CandidateProfile, Certification
from kakehashi.jobs.models import Job

_DUTIES_BY_JOB = "it_engineering"  # every Kakehashi job is IT work: programming, AI, cloud, 3DCG
# Degree fields taken as related to IT duties (Engineer/Specialist route). A facilitator
# confirms the real relation from the transcript; this only pre-fills the assessment.
_IT_FIELD_WORDS = (
    "comput",
    "software",
    "information",
    "data",
    "artificial",
    "electr",
    "telecom",
    "cyber",
    "animation",
    "multimedia",
    "graphic",
    "math",
    "statistic",
)


def visa_applicant_from_profile(
    profile: CandidateProfile, *, on: date | None = None
) -> VisaApplicant:
    today = on or timezone.localdate()
    degrees = sorted(profile.education.all(), key=lambda e: degree_rank(e.level), reverse=True)
    certs = list(profile.certifications.exclude(verification=Certification.Verification.REJECTED))
    jft = [c.score for c in certs if c.kind == Certification.Kind.JFT_BASIC and c.score]
    return VisaApplicant(
        highest_degree=degrees[0].level if degrees else None,
        degree_field=degrees[0].field if degrees else "",
        degrees_in_multiple_fields=len(
            {e.field.lower() for e in degrees if degree_rank(e.level) >= degree_rank("bachelor")}
        )
        > 1,
        experience_years=experience_years(
            [(e.start, e.end) for e in profile.employment.all()], today=today
        ),
        date_of_birth=profile.date_of_birth,
        application_date=today if profile.date_of_birth else None,
        # A verified JLPT certificate outranks the self-declared level.
        jlpt=jlpt_evidence(
            profile.jlpt_level or None,
            [
                (c.level, c.verification == Certification.Verification.VERIFIED)
                for c in certs
                if c.kind == Certification.Kind.JLPT
            ],
        )[0],
        jft_basic_score=max(jft) if jft else None,
        it_exam_passes=sum(1 for c in certs if c.kind == Certification.Kind.ITEE),
        foreign_work_qualifications=sum(1 for c in certs if c.kind == Certification.Kind.CLOUD),
    )


def visa_offer_from_job(
    job: Job, *, applicant: VisaApplicant, salary_yen: int | None = None
) -> VisaOffer:
    employer = job.employer
    field = applicant.degree_field.lower()
    return VisaOffer(
        annual_salary_yen=salary_yen if salary_yen is not None else job.salary_min_jpy,
        duties=_DUTIES_BY_JOB,
        degree_related_to_duties=any(word in field for word in _IT_FIELD_WORDS),
        employer_sme=employer.is_sme,
        employer_category=employer.category,
    )


def visa_report(*, profile: CandidateProfile, job: Job, salary_yen: int | None = None) -> dict:
    """What the engine says about this candidate × job, as text in the current language."""
    lang = get_language() if get_language() in ("en", "ja", "ur") else "en"
    applicant = visa_applicant_from_profile(profile)
    offer = visa_offer_from_job(job, applicant=applicant, salary_yen=salary_yen)
    points = hsp_points(applicant, offer)
    return {
        "salary_yen": offer.annual_salary_yen,
        "points": points,
        "lines": [
            (render(line.item, lang), line.points, render(line.explanation, lang))
            for line in points.lines
        ],
        "notes": [render(n, lang) for n in points.notes],
        "permanent_residence": render(points.permanent_residence, lang),
        "routes": [
            {
                "name": render(r.name, lang),
                "eligible": r.eligible,
                "blocking": [render(m, lang) for m in r.blocking],
                "notes": [render(m, lang) for m in r.notes],
                "unverified": r.tag == "U",
            }
            for r in visa_routes(applicant, offer)
        ],
        "changes": [render(s.message, lang) for s in smallest_changes(applicant, offer)[:5]],
    }

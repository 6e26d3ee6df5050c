"""Write the engine's deterministic demo world (engine.demo) into the database.

Bulk inserts in chunks, one transaction per chunk, so that 200,000 candidates take minutes.
Every demo account shares one password hash (computed once: hashing is the slow part).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import islice
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from engine.codes import cnic_clean
from engine.demo import (
    DEMO_PERSONAS,
    DemoCandidate,
    DemoEmployer,
    DemoJob,
    demo_candidates,
    demo_employers,
    demo_jobs,
)
from engine.hiring import coe_expiry, hire_rules
from engine.pipeline import pipeline
from kakehashi.accounts.mfa import totp_device_seed
from kakehashi.accounts.models import User
from kakehashi.accounts.services import facilitator_group_join
from kakehashi.candidates.models import (
    CandidateIdentity,
    CandidateProfile,
    CandidateSkill,
    Certification,
    ConsentRecord,
    Education,
    Employment,
)
from kakehashi.candidates.selectors import SHARE_PURPOSE, consent_text_current
from kakehashi.core.crypto import encrypt, lookup_digest
from kakehashi.employers.models import CompanyTermsAcceptance, Employer, EmployerMember
from kakehashi.employers.selectors import company_terms_current
from kakehashi.jobs.models import Job, JobSkill
from kakehashi.missions.services import (
    mission_create,
    mission_employer_add,
    mission_leg_add,
    mission_panel_add,
    mission_requests_collect,
    mission_solve,
)
from kakehashi.pipeline.models import Application, HireStep, Offer, StageChange

DEMO_PASSWORD = "kakehashi-demo"
FACILITATOR_EMAIL = "officer@moitt.example"
# One ministry officer per sub-role (separation of duties: accounts.FACILITATOR_DUTIES).
OFFICERS = (
    (FACILITATOR_EMAIL, "Imran Qureshi", User.FacilitatorRole.VERIFIER, "verifier, admin"),
    ("organiser@moitt.example", "Nadia Malik", User.FacilitatorRole.MISSION_ORGANISER, "missions"),
    ("analyst@moitt.example", "Farhan Siddiqui", User.FacilitatorRole.ANALYST, "analyst"),
)
ORGANISER_EMAIL = OFFICERS[1][0]
CHUNK = 1000
_KARACHI = ZoneInfo("Asia/Karachi")
# Where demo applications stand (each reached along the pipeline's main path).
_STAGE_WEIGHTS = {
    "applied": 40,
    "shortlisted": 20,
    "profile_shared": 10,
    "invited": 8,
    "interview_scheduled": 5,
    "interviewed": 5,
    "offered": 4,
    "accepted": 2,
    "rejected": 6,
}


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    name: str


def demo_logins() -> list[DemoLogin]:
    p = DEMO_PERSONAS
    return [
        DemoLogin("candidate", p.candidate.email, p.candidate.full_name),
        DemoLogin("employer recruiter", p.employer.recruiter_email, p.employer.recruiter_name_en),
        DemoLogin(
            "employer (awaiting verification)",
            p.unverified_employer.recruiter_email,
            p.unverified_employer.recruiter_name_en,
        ),
        *(
            DemoLogin(f"ministry officer ({duty})", email, name)
            for email, name, _r, duty in OFFICERS
        ),
    ]


def demo_officer_devices() -> dict[str, object]:
    """Each demo officer's authenticator (officers must sign in with a second step), made
    when missing, also in a demo database seeded before two-step sign-in existed."""
    officers = User.objects.filter(email__in=[email for email, *_rest in OFFICERS])
    return {officer.email: totp_device_seed(user=officer) for officer in officers}


def _aware(day) -> datetime:
    return datetime.combine(day, time(10, 0), tzinfo=_KARACHI)


def _chunks(items: Iterable, size: int):
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _write_employers(employers: list[DemoEmployer], password: str) -> dict[int, Employer]:
    rows = Employer.objects.bulk_create(
        [
            Employer(
                name_en=e.name_en,
                name_ja=e.name_ja,
                corporate_number=e.corporate_number,
                prefecture=e.prefecture,
                size=e.size,
                is_sme=e.is_sme,
                category=e.category,
                website=e.website,
                verification_status=(
                    Employer.Verification.VERIFIED if e.verified else Employer.Verification.PENDING
                ),
                verified_at=timezone.now() if e.verified else None,
            )
            for e in employers
        ]
    )
    users = User.objects.bulk_create(
        [
            User(
                email=e.recruiter_email,
                full_name=e.recruiter_name_ja,
                password=password,
                role=User.Role.EMPLOYER,
                language="ja",
                time_zone="Asia/Tokyo",
            )
            for e in employers
        ]
    )
    EmployerMember.objects.bulk_create(
        [
            EmployerMember(user=u, employer=row, role=EmployerMember.Role.ADMIN)
            for u, row in zip(users, rows, strict=True)
        ]
    )
    # Verified demo companies have accepted the programme's terms (their admin did).
    terms = company_terms_current()
    if terms is not None:
        CompanyTermsAcceptance.objects.bulk_create(
            [
                CompanyTermsAcceptance(
                    employer=row, terms=terms, accepted_by=u, accepted_at=timezone.now()
                )
                for e, u, row in zip(employers, users, rows, strict=True)
                if e.verified
            ]
        )
    return {e.key: row for e, row in zip(employers, rows, strict=True)}


def _write_jobs(jobs: list[DemoJob], employers: dict[int, Employer]) -> list[Job]:
    rows = Job.objects.bulk_create(
        [
            Job(
                employer=employers[j.employer_key],
                title=j.title,
                description=j.description,
                description_language=j.language,
                openings=j.openings,
                status=j.status,
                min_experience_years=j.min_experience_years,
                degree_level=j.degree_level or "",
                degree_field=j.degree_field,
                jlpt_min=j.jlpt_min or "",
                # Japanese-language postings hold to their JLPT minimum (a hard filter), so the
                # ministry's reports have real gaps to show on the demo data.
                jlpt_is_hard=bool(j.jlpt_min) and j.language == "ja",
                english_level=j.english_level or "",
                salary_min_jpy=j.salary_min_jpy,
                salary_max_jpy=j.salary_max_jpy,
                prefecture=j.prefecture,
                work_style=j.work_style,
                visa_route=j.visa_route,
                start_date=j.start_date,
            )
            for j in jobs
        ]
    )
    skills = []
    for j, row in zip(jobs, rows, strict=True):
        # The first must-have skill filters (hard); the others only score.
        skills += [
            JobSkill(job=row, skill_id=s, required=True, min_years=y, is_hard=i == 0)
            for i, (s, y) in enumerate(j.must_skills)
        ]
        skills += [
            JobSkill(job=row, skill_id=s, required=False)
            for s in j.nice_skills
            if s not in dict(j.must_skills)
        ]
    JobSkill.objects.bulk_create(skills, batch_size=2000)
    return rows


def _write_candidates(
    chunk: list[DemoCandidate],
    password: str,
    consent_text,
    rng: random.Random,
    open_jobs: list[Job],
    job_tracks: dict[int, str],
) -> None:
    users = User.objects.bulk_create(
        [
            User(
                email=c.email,
                full_name=c.full_name,
                password=password,
                role=User.Role.CANDIDATE,
                language="en",
                # Registrations spread over the past year, for the funnel's monthly cohorts.
                date_joined=timezone.now() - timedelta(days=rng.randint(0, 364)),
            )
            for c in chunk
        ]
    )
    profiles = CandidateProfile.objects.bulk_create(
        [
            CandidateProfile(
                user=u,
                phone=c.phone,
                city=c.city,
                province=c.province,
                date_of_birth=c.date_of_birth,
                gender=c.gender,
                headline=c.headline,
                summary=c.summary,
                english_level=c.english_level,
                jlpt_level=c.jlpt or "",
                salary_expectation_jpy=c.salary_expectation_jpy,
                available_from=c.available_from,
                willing_to_relocate=c.willing_to_relocate,
                visibility=(
                    CandidateProfile.Visibility.BLIND
                    if c.consent
                    else CandidateProfile.Visibility.HIDDEN
                ),
            )
            for u, c in zip(users, chunk, strict=True)
        ]
    )
    identities, education, employment, skills, certs, consents = [], [], [], [], [], []
    for p, c in zip(profiles, chunk, strict=True):
        digits = cnic_clean(c.cnic).digits
        identities.append(
            CandidateIdentity(
                profile=p,
                cnic_encrypted=encrypt(digits),
                cnic_digest=lookup_digest(digits),
                cnic_last4=digits[-4:],
            )
        )
        education += [
            Education(
                profile=p,
                level=e.level,
                field=e.field,
                institution=e.institution,
                year=e.year,
                grade=e.grade,
            )
            for e in c.education
        ]
        employment += [
            Employment(
                profile=p,
                employer_name=e.employer_name,
                title=e.title,
                start=e.start,
                end=e.end,
                description=e.description,
            )
            for e in c.employment
        ]
        skills += [
            CandidateSkill(
                profile=p,
                skill_id=s.skill_id,
                years=s.years,
                source=CandidateSkill.Source.CONFIRMED,
            )
            for s in c.skills
        ]
        certs += [
            Certification(
                profile=p,
                kind=x.kind,
                name=x.name,
                level=x.level,
                score=x.score,
                obtained_on=x.obtained_on,
            )
            for x in c.certifications
        ]
        if c.consent and consent_text is not None:
            consents.append(ConsentRecord(profile=p, text=consent_text, given_at=timezone.now()))
    CandidateIdentity.objects.bulk_create(identities)
    Education.objects.bulk_create(education)
    Employment.objects.bulk_create(employment)
    CandidateSkill.objects.bulk_create(skills, batch_size=2000)
    Certification.objects.bulk_create(certs)
    ConsentRecord.objects.bulk_create(consents)
    _write_applications(
        [(p, c) for p, c in zip(profiles, chunk, strict=True) if c.consent],
        rng,
        open_jobs,
        job_tracks,
    )


def _write_applications(pairs, rng: random.Random, open_jobs: list[Job], job_tracks) -> None:
    if not open_jobs:
        return
    stages, weights = zip(*_STAGE_WEIGHTS.items(), strict=True)
    apps, paths = [], []
    for profile, cand in pairs:
        if rng.random() > 0.2:
            continue
        fitting = [j for j in open_jobs if job_tracks.get(j.pk) == cand.track] or open_jobs
        for job in rng.sample(fitting, k=min(len(fitting), rng.choice((1, 1, 2)))):
            stage = rng.choices(stages, weights)[0]
            apps.append(Application(candidate=profile, job=job, stage=stage))
            path = (
                list(pipeline().path_to(stage))
                if stage in pipeline().main_path
                else ["applied", "shortlisted", "rejected"]
            )
            paths.append(path)
    rows = Application.objects.bulk_create(apps)
    StageChange.objects.bulk_create(
        [
            StageChange(
                application=a,
                from_stage=prev,
                to_stage=nxt,
                reason="skills_missing" if nxt == "rejected" else "",
            )
            for a, path in zip(rows, paths, strict=True)
            for prev, nxt in zip(["", *path[:-1]], path, strict=True)
        ],
        batch_size=2000,
    )


# Demo durations of each step of a hire, in days (low, high), drawn uniformly: HEC and MOFA
# take weeks, a CoE one to three months, the visa at least five working days, the Protector of
# Emigrants a few days (DOMAIN.md §3, §6, §7).
_STEP_DAYS = {
    "hec_attestation": (10, 45),
    "mofa_attestation": (3, 20),
    "passport": (0, 30),
    "coe": (25, 90),
    "visa": (5, 25),
    "protector_clearance": (2, 12),
    "insurance": (1, 4),
    "departure": (3, 20),
    "arrival": (1, 1),
}


def _write_offers() -> None:
    """Offered and accepted applications carry their offer's terms, as made on the site."""
    today = timezone.localdate()
    applications = Application.objects.filter(stage__in=["offered", "accepted"]).select_related(
        "job"
    )
    offers = []
    for app in applications:
        job = app.job
        salary = max(job.salary_min_jpy, 3_000_000)
        offers.append(
            Offer(
                application=app,
                salary_jpy=salary,
                allowances="Housing ¥30,000 a month; commuting paid",
                working_hours="09:00–18:00, 40 h/week",
                start_date=job.start_date or today + timedelta(days=150),
                contract_months=36,
                residence_status=job.visa_route,
                prefecture=job.prefecture,
                accommodation="Company flat for the first six months",
                travel="One-way flight to Japan paid by the company",
                insurance="Japanese health and pension insurance from the first day",
                expires_on=today + timedelta(days=21),
                status=Offer.Status.ACCEPTED if app.stage == "accepted" else Offer.Status.OPEN,
            )
        )
        app.offer_salary_jpy = salary
    Offer.objects.bulk_create(offers, batch_size=CHUNK)
    Application.objects.bulk_update(list(applications), ["offer_salary_jpy"], batch_size=CHUNK)


def _write_hire_progress(rng: random.Random) -> None:
    """Accepted offers get their checklist, done in order from the day the offer was accepted
    until today; the acceptance is dated back to that day. Some CoEs near their expiry while
    the visa is pending, so that the dashboards have something to warn about."""
    today = timezone.localdate()
    steps, accepted_changes = [], []
    accepted = Application.objects.filter(stage="accepted").prefetch_related("history")
    for app in accepted:
        accepted_on = today - timedelta(days=rng.randint(20, 260))
        for change in app.history.all():
            if change.to_stage == "accepted":
                change.at = datetime.combine(accepted_on, time(11), tzinfo=_KARACHI)
                accepted_changes.append(change)
        done: dict[str, date] = {}
        for i, rule in enumerate(hire_rules().steps):
            done_on = None
            low_high = _STEP_DAYS.get(rule.id)
            if low_high and all(a in done for a in rule.after):
                start = max([accepted_on, *(done[a] for a in rule.after)])
                candidate_day = start + timedelta(days=rng.randint(*low_high))
                if candidate_day <= today:
                    done_on = done[rule.id] = candidate_day
            steps.append(
                HireStep(
                    application=app,
                    step=rule.id,
                    position=i,
                    owner=rule.owner,
                    done_on=done_on,
                    expires_on=(
                        coe_expiry(done_on)
                        if rule.id == "coe" and done_on
                        else today + timedelta(days=3000)
                        if rule.id == "passport" and done_on
                        else None
                    ),
                )
            )
    HireStep.objects.bulk_create(steps, batch_size=2000)
    StageChange.objects.bulk_update(accepted_changes, ["at"], batch_size=500)


def _write_demo_mission() -> None:
    """A planned mission for the ministry's demo: two legs, the companies with invited
    candidates, one panel each, and a solved (unpublished) timetable."""
    officer = User.objects.get(email=ORGANISER_EMAIL)
    employers = list(
        Employer.objects.filter(jobs__applications__stage="invited", verification_status="verified")
        .distinct()
        .order_by("pk")[:8]
    )
    if not employers:
        return
    start = timezone.localdate() + timedelta(days=75)
    mission = mission_create(
        actor=officer, fields={"name": f"Japan IT hiring mission, {start:%B %Y}", "online_lines": 2}
    )
    for employer in employers:
        mission_employer_add(mission=mission, actor=officer, employer=employer)
    lahore = mission_leg_add(
        mission=mission,
        actor=officer,
        rooms=[("Hall A", 4), ("Hall B", 4), ("Hall C", 4)],
        fields={
            "city": "lahore",
            "start_date": start,
            "end_date": start + timedelta(days=1),
            "venue_name": "Arfa Software Technology Park",
            "venue_address": "Ferozepur Road, Lahore",
        },
    )
    karachi = mission_leg_add(
        mission=mission,
        actor=officer,
        rooms=[("Room 1", 4), ("Room 2", 4)],
        fields={
            "city": "karachi",
            "start_date": start + timedelta(days=3),
            "end_date": start + timedelta(days=3),
            "venue_name": "NIC Karachi",
            "venue_address": "Shahrah-e-Faisal, Karachi",
        },
    )
    for employer in employers:
        mission_panel_add(
            mission=mission,
            actor=officer,
            employer=employer,
            name="Panel 1",
            interviewers=User.objects.filter(employer_membership__employer=employer),
            legs=[lahore, karachi],
            needs_interpreter=False,
        )
    mission_requests_collect(mission=mission, actor=officer)
    mission_solve(mission=mission, actor=officer, time_limit_s=5)


def demo_seed(
    *,
    candidates: int,
    employers: int,
    jobs: int,
    seed: int = 7,
    progress: Callable[[int], None] | None = None,
) -> dict[str, int]:
    """Create the personas, then ``employers`` companies, ``jobs`` jobs and ``candidates``
    candidates from the engine's generator. Returns the counts written."""
    password = make_password(DEMO_PASSWORD)
    rng = random.Random(seed)
    p = DEMO_PERSONAS
    with transaction.atomic():
        for email, name, sub_role, _duty in OFFICERS:
            officer = User.objects.create_user(
                email,
                DEMO_PASSWORD,
                full_name=name,
                role=User.Role.FACILITATOR,
                facilitator_role=sub_role,
                is_superuser=email == FACILITATOR_EMAIL,
            )
            # Admin access by sub-role: organisers see missions only, analysts no admin.
            facilitator_group_join(officer)
        demo_officer_devices()
        gen_employers = demo_employers(employers, seed=seed)
        employer_rows = _write_employers([*p.employers, *gen_employers], password)
        gen_jobs = demo_jobs(gen_employers, jobs, seed=seed)
        all_jobs = [*p.jobs, *gen_jobs]
        job_rows = _write_jobs(all_jobs, employer_rows)
    job_tracks = {row.pk: j.track for j, row in zip(all_jobs, job_rows, strict=True)}
    open_jobs = [r for r in job_rows if r.status == Job.Status.OPEN and r.employer.is_verified]
    consent_text = consent_text_current(purpose=SHARE_PURPOSE)

    with transaction.atomic():
        _write_candidates([p.candidate], password, consent_text, rng, [], {})
        ayesha = CandidateProfile.objects.get(user__email=p.candidate.email)
        sakura_jobs = [r for r in open_jobs if r.employer_id == employer_rows[p.employer.key].pk]
        paths = (pipeline().path_to("profile_shared"), pipeline().path_to("applied"))
        for job, path in zip(sakura_jobs, paths, strict=False):
            app = Application.objects.create(candidate=ayesha, job=job, stage=path[-1])
            StageChange.objects.bulk_create(
                [
                    StageChange(application=app, from_stage=a, to_stage=b)
                    for a, b in zip(["", *path[:-1]], path, strict=True)
                ]
            )
    written = 1
    for chunk in _chunks(demo_candidates(candidates, seed=seed), CHUNK):
        with transaction.atomic():
            _write_candidates(chunk, password, consent_text, rng, open_jobs, job_tracks)
        written += len(chunk)
        if progress:
            progress(written)
    _write_offers()
    _write_hire_progress(rng)
    _write_demo_mission()
    return {
        "candidates": written,
        "employers": len(employer_rows),
        "jobs": len(job_rows),
        "applications": Application.objects.count(),
    }

"""The demo world of the browser sweeps (test_browser_pages.py, test_browser_a11y.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile

from engine.demo import DEMO_PERSONAS
from engine.matching.embed import HashedNgramEmbedder
from kakehashi.accounts.models import User
from kakehashi.conftest import make_member
from kakehashi.employers.models import CompanyTerms, Employer, EmployerMember
from kakehashi.employers.selectors import company_terms_current
from kakehashi.matching import store, vectors
from kakehashi.pipeline.services import application_advance

DEMO_PASSWORD = "kakehashi-demo"
KENJI = "kenji.ito@sakura-technology.example"  # a recruiter (not admin) at Sakura, interviewer
ANALYST = "analyst@moitt.example"


def _world_ids() -> dict[str, int]:
    """Objects of each kind that the pages name, added to the demo data: Ayesha's Sakura
    application taken to an accepted offer, with an interview held by Kenji, her CV and a
    certificate, a job import, a published mission with her interview, a report export."""
    from kakehashi.candidates.models import CandidateProfile, Certification, CvDocument
    from kakehashi.jobs.models import Job, JobImport
    from kakehashi.missions.models import Interview, InterviewRequest, Mission, MissionLeg, Panel
    from kakehashi.pipeline.models import Application, InterviewInvite, InterviewSlot, Offer
    from kakehashi.reports.models import ReportExport

    ayesha = CandidateProfile.objects.get(user__email=DEMO_PERSONAS.candidate.email)
    sakura = Employer.objects.get(corporate_number=DEMO_PERSONAS.employer.corporate_number)
    misaki = User.objects.get(email=DEMO_PERSONAS.employer.recruiter_email)
    kenji = make_member(sakura, KENJI, EmployerMember.Role.RECRUITER)
    kenji.set_password(DEMO_PASSWORD)
    kenji.save(update_fields=["password"])
    app = Application.objects.get(candidate=ayesha, stage="profile_shared")
    for stage in ("invited", "interview_scheduled", "interviewed"):
        application_advance(application=app, stage=stage, actor=misaki)
    application_advance(application=app, stage="offered", actor=misaki, entered_by="offer")
    Offer.objects.create(
        application=app,
        salary_jpy=7_000_000,
        working_hours="09:00–18:00",
        start_date=dt.date(2027, 4, 1),
        contract_months=36,
        residence_status="engineer_specialist",
        prefecture="JP-13",
        accommodation="Company flat",
        travel="Flight paid",
        insurance="Health insurance",
        expires_on=dt.date.today() + dt.timedelta(days=20),
        status="accepted",
    )
    application_advance(application=app, stage="accepted", actor=ayesha.user, entered_by="offer")
    invite = InterviewInvite.objects.create(
        application=app, mode="online", video_url="https://meet.example/x", status="held"
    )
    invite.interviewers.set([kenji])
    held_at = dt.datetime(2026, 11, 2, 5, tzinfo=dt.UTC)
    invite.booked_slot = InterviewSlot.objects.create(
        invite=invite, start=held_at, end=held_at + dt.timedelta(minutes=45)
    )
    invite.save()
    cert = Certification.objects.create(profile=ayesha, kind="jlpt", name="JLPT", level="N3")
    cert.evidence.save("jlpt.pdf", ContentFile(b"%PDF-1.4"))
    cv = CvDocument(
        profile=ayesha, original_name="ayesha-cv.txt", size=3, sha256="x", state="parsed"
    )
    cv.file.save("cv.txt", ContentFile(b"abc"))
    job_import = JobImport.objects.create(
        employer=sakura, created_by=misaki, original_name="jobs.csv"
    )
    mission = Mission.objects.create(name="Japan IT hiring mission, January 2027")
    mission.status = "published"
    mission.save(update_fields=["status"])
    leg = MissionLeg.objects.create(
        mission=mission,
        city="lahore",
        start_date=dt.date(2027, 1, 5),
        end_date=dt.date(2027, 1, 6),
        venue_name="Arfa Software Technology Park",
        venue_address="Ferozepur Road, Lahore",
    )
    panel = Panel.objects.create(mission=mission, employer=sakura, name="Panel 1")
    panel.interviewers.set([kenji])
    panel.legs.set([leg])
    request = InterviewRequest.objects.create(mission=mission, application=app)
    start = dt.datetime(2027, 1, 5, 5, tzinfo=dt.UTC)
    interview = Interview.objects.create(
        request=request,
        panel=panel,
        leg=leg,
        start=start,
        end=start + dt.timedelta(minutes=30),
        checkin_code="ABC123",
    )
    export = ReportExport.objects.create(
        report="funnel",
        format="csv",
        requested_by=User.objects.get(email=ANALYST),
    )
    open_job = (
        Job.objects.filter(status="open", employer=sakura).exclude(applications__candidate=ayesha)
    ).first()
    return {
        "open_job_id": open_job.pk,  # one Ayesha has not applied to
        "job_id": app.job_id,
        "profile_id": ayesha.pk,
        "application_id": app.pk,
        "certification_id": cert.pk,
        "document_id": cv.pk,
        "interview_id": interview.pk,
        "employer_id": sakura.pk,
        "mission_id": mission.pk,
        "import_id": job_import.pk,
        "invite_id": invite.pk,
        "request_id": request.pk,
        "export_id": export.pk,
    }


@pytest.fixture
def demo_site(consent_v1, taxonomy_loaded, settings, monkeypatch):
    """The demo world, small: personas, 60 generated candidates, 4 companies, 12 jobs."""
    from kakehashi.portal.demo import demo_seed
    from kakehashi.reports.supply import supply_compute

    settings.CELERY_TASK_ALWAYS_EAGER = True
    monkeypatch.setattr(vectors, "embedder", HashedNgramEmbedder)
    # A transactional test before this one emptied the tables: publish the terms again, which
    # the demo's verified companies accept (without them a company may not act).
    if company_terms_current() is None:
        CompanyTerms.objects.create(version=1, body_en="Programme terms", body_ja="利用規約")
    demo_seed(candidates=60, employers=4, jobs=12, seed=11)
    ids = _world_ids()
    store.index_rebuild()
    supply_compute()
    return ids

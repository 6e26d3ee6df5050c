"""Walk every route that names an object, as each kind of person, and check that nobody
reaches what is not theirs. A new route with an object id fails here until it is listed."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kakehashi.api.services import api_token_create
from kakehashi.candidates.models import Certification, CvDocument
from kakehashi.candidates.selectors import SHARE_PURPOSE
from kakehashi.candidates.services import consent_give
from kakehashi.jobs.models import JobImport
from kakehashi.missions.models import Interview, InterviewRequest, Mission, MissionLeg, Panel
from kakehashi.pipeline.models import InterviewInvite, InterviewSlot, Offer
from kakehashi.pipeline.services import application_advance, application_create

# Which object each URL parameter names.
PARAMS = {
    "job_id": "job",
    "profile_id": "profile",
    "application_id": "application",
    "certification_id": "certification",
    "document_id": "cv",
    "interview_id": "interview",
    "employer_id": "employer",
    "mission_id": "mission",
    "import_id": "job_import",
    "invite_id": "invite",
    "request_id": "request",
}
# Who may GET each named route of Ayesha's objects: she applied to Sakura and shared her
# profile with it; Sato is Sakura's recruiter and interviewer; Yamada is another company.
# The ministry's sub-roles: Imran verifies, Nadia organises missions, Farhan analyses.
MINISTRY = {"verifier", "organiser", "analyst"}
PERSONAL_DATA = {"verifier", "organiser"}  # officers who handle one person's data
ALLOWED = {
    "job_detail": {"anonymous", "owner", "colleague", "outsider_company", "other_candidate"}
    | MINISTRY,
    "job_applications": {"colleague"},
    "job_shortlist": {"colleague"} | MINISTRY,  # blind: analysts audit shortlists
    "job_edit": {"colleague"},
    # blind for Yamada (another company), full for Sakura (shared)
    "candidate_detail": {"owner", "colleague", "outsider_company"} | PERSONAL_DATA,
    "application_visa": {"owner", "colleague"} | PERSONAL_DATA,
    "application_hire": {"owner", "colleague"} | PERSONAL_DATA,
    "certification_evidence": {"owner", "verifier"},
    "cv_download": {"owner", "colleague", "verifier"},
    "interview_ics": {"owner", "colleague", "organiser"},
    "candidate_cv_state": {"owner"},
    "job_import_detail": {"colleague"},
    "interview_propose": {"colleague"},  # recruiters and admins propose times
    "interview_invite_detail": {"owner", "colleague"} | PERSONAL_DATA,
    "interview_invite_ics": {"owner", "colleague"} | PERSONAL_DATA,
    "interview_scorecard": {"colleague"},  # the interview's own interviewers
    "application_offer": {"owner", "colleague"} | PERSONAL_DATA,
    "application_offer_pdf": {"owner", "colleague"} | PERSONAL_DATA,
    "application_messages": {"owner", "colleague"} | PERSONAL_DATA,
    "application_resume_pdf": {"owner", "colleague"} | PERSONAL_DATA,  # shared with Sakura
    "mission_detail": {"organiser"},
    "mission_solve_status": {"organiser"},
    "mission_availability": {"colleague"},  # the interviewers on the mission's panels
    # a mission interview's cards: its panel (Sato) and the company's recruiters and admins
    "mission_interview_scorecard": {"colleague"},
    "interview_request_answer": {"owner"},  # organisers read answers on the mission page
    "mission_checkin": {"organiser"},
    "mission_timetable_pdf": {"organiser"},
    "mission_shortlists": {"organiser"},
}
POST_ONLY = {
    "job_apply",
    "shortlist_add",
    "application_action",
    "candidate_cnic_reveal",
    "candidate_cv_delete",
    "employer_verification_decide",
    "mission_replan",
}
# Pages without an object id that belong to one side or one ministry sub-role.
ROOMS = {
    "facilitator_dashboard": MINISTRY,
    "documents_queue": {"verifier"},
    "mission_list": {"organiser"},
    "candidate_dashboard": {"owner", "other_candidate"},
    "employer_dashboard": {"colleague", "outsider_company"},
    # the ministry's reports: every sub-role reads them (the reports duty)
    "report_supply": MINISTRY,
    "report_funnel": MINISTRY,
    "report_steps": MINISTRY,
    "report_training": MINISTRY,
    "report_fairness": MINISTRY,
    "report_missions": MINISTRY,
    "employer_missions": {"colleague", "outsider_company"},
    "notices": {"owner", "colleague", "outsider_company", "other_candidate"} | MINISTRY,
}


def _named_routes(resolver=None, prefix=""):
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            continue  # admin and the API are checked on their own
        if (
            isinstance(p, URLPattern)
            and p.pattern.converters
            and set(p.pattern.converters) <= set(PARAMS)
        ):
            yield p.name, list(p.pattern.converters)


@pytest.fixture
def world(ayesha, bilal, tanaka, sato, yamada, imran, nadia, farhan, sakura, sakura_job):
    consent_give(profile=ayesha, purpose=SHARE_PURPOSE)
    app = application_create(candidate=ayesha, job=sakura_job, actor=ayesha.user)
    for stage in ("shortlisted",):
        application_advance(application=app, stage=stage, actor=tanaka)
    application_advance(application=app, stage="profile_shared", actor=ayesha.user)
    for stage in ("invited", "interview_scheduled", "interviewed"):
        application_advance(application=app, stage=stage, actor=tanaka)
    application_advance(application=app, stage="offered", actor=tanaka, entered_by="offer")
    application_advance(application=app, stage="accepted", actor=ayesha.user, entered_by="offer")
    invite = InterviewInvite.objects.create(
        application=app, mode="online", video_url="https://meet.example/x", status="held"
    )
    invite.interviewers.set([sato])
    held_at = dt.datetime(2026, 11, 2, 5, tzinfo=dt.UTC)
    invite.booked_slot = InterviewSlot.objects.create(
        invite=invite, start=held_at, end=held_at + dt.timedelta(minutes=45)
    )
    invite.save()
    Offer.objects.create(
        application=app,
        salary_jpy=7_000_000,
        working_hours="09:00-18:00",
        start_date=dt.date(2027, 4, 1),
        contract_months=36,
        residence_status="engineer_specialist",
        prefecture="JP-13",
        accommodation="Company flat",
        travel="Flight paid",
        insurance="Health insurance",
        expires_on=dt.date(2026, 12, 20),
        status="accepted",
    )
    cert = Certification.objects.create(profile=ayesha, kind="jlpt", name="JLPT", level="N3")
    cert.evidence.save("c.pdf", ContentFile(b"%PDF-1.4"))
    cv = CvDocument(profile=ayesha, original_name="cv.txt", size=3, sha256="x", state="parsed")
    cv.file.save("cv.txt", ContentFile(b"abc"))
    job_import = JobImport.objects.create(employer=sakura, created_by=sato, original_name="j.csv")
    mission = Mission.objects.create(name="M", status="published")
    leg = MissionLeg.objects.create(
        mission=mission,
        city="lahore",
        start_date=dt.date(2027, 1, 5),
        end_date=dt.date(2027, 1, 5),
        venue_name="V",
    )
    panel = Panel.objects.create(mission=mission, employer=sakura, name="P")
    panel.interviewers.set([sato])
    request = InterviewRequest.objects.create(mission=mission, application=app)
    start = dt.datetime(2027, 1, 5, 10, tzinfo=dt.UTC)
    interview = Interview.objects.create(
        request=request,
        panel=panel,
        leg=leg,
        start=start,
        end=start + dt.timedelta(minutes=30),
        checkin_code="ABC123",
    )
    objects = {
        "job": sakura_job.pk,
        "profile": ayesha.pk,
        "application": app.pk,
        "certification": cert.pk,
        "cv": cv.pk,
        "interview": interview.pk,
        "employer": sakura.pk,
        "mission": mission.pk,
        "job_import": job_import.pk,
        "invite": invite.pk,
        "request": request.pk,
    }
    people = {
        "owner": ayesha.user,
        "colleague": sato,
        "outsider_company": yamada,
        "other_candidate": bilal.user,
        "verifier": imran,
        "organiser": nadia,
        "analyst": farhan,
        "anonymous": None,
    }
    return objects, people


def test_every_object_route_is_in_the_matrix():
    names = {name for name, _params in _named_routes()}
    unknown = names - set(ALLOWED) - POST_ONLY
    assert unknown == set(), f"add these routes to the access matrix: {sorted(unknown)}"


def test_nobody_reaches_what_is_not_theirs(client, world):
    objects, people = world
    leaks = []
    for name, params in _named_routes():
        url = reverse(name, kwargs={p: objects[PARAMS[p]] for p in params})
        for who, user in people.items():
            client.logout()
            if user is not None:
                client.force_login(user)
            status = client.get(url).status_code
            if name in POST_ONLY:
                allowed = status in (405, 302, 404)
            else:
                allowed = status == 200 if who in ALLOWED[name] else status in (302, 404)
            if not allowed:
                leaks.append((name, who, status))
    assert leaks == [], leaks


def test_api_routes_follow_the_same_doors(client, world):
    objects, people = world
    for who in ("outsider_company", "other_candidate"):
        token = api_token_create(user=people[who], name="t")[1]
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
        detail = client.get(f"/api/candidates/{objects['profile']}", **headers).json()
        assert detail.get("email") is None and detail.get("full_name") is None
        moved = client.post(
            f"/api/applications/{objects['application']}/stage",
            {"stage": "withdrawn", "reason": "x"},
            content_type="application/json",
            **headers,
        )
        assert moved.status_code == 404
        listed = client.get("/api/applications", **headers).json()
        assert listed["count"] == 0


def test_each_room_opens_only_for_its_side_or_sub_role(client, world):
    _objects, people = world
    wrong = []
    for name, allowed in ROOMS.items():
        for who, user in people.items():
            client.logout()
            if user is not None:
                client.force_login(user)
            status = client.get(reverse(name)).status_code
            if (status == 200) != (who in allowed):
                wrong.append((name, who, status))
    assert wrong == [], wrong


@pytest.mark.parametrize(
    ("route", "allowed"),
    [
        ("candidate_cnic_reveal", {"verifier"}),
        ("employer_verification_decide", {"verifier"}),
        ("mission_replan", {"organiser"}),
    ],
)
def test_ministry_actions_follow_the_sub_roles(client, world, route, allowed):
    """Separation of duties: a verifier reveals a CNIC and decides on companies, an organiser
    re-plans a mission; the other sub-roles (and everyone else) get 404."""
    objects, people = world
    params = {p: objects[PARAMS[p]] for p in dict(_named_routes())[route]}
    for who, user in people.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        response = client.post(reverse(route, kwargs=params), {"decision": "approve"})
        if who in allowed:
            assert response.status_code in (200, 302), (route, who, response.status_code)
        elif user is None:
            assert response.status_code == 404 or "/login/" in response.get("Location", "")
        else:
            assert response.status_code == 404, (route, who, response.status_code)

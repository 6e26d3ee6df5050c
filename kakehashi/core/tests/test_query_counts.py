"""No list page runs a query per row (Zulip's rule). Each page is rendered with N rows, then
with 3N: it must show the new rows for the same number of queries, and stay under a ceiling,
so that a new query on a page is a conscious change (lower the ceiling when you save one).

Pages are reached by URL name: the views may move between modules, the names stay."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

import pytest
from django.urls import reverse
from django.utils import timezone

from engine.geo import geo
from kakehashi.accounts.models import User
from kakehashi.candidates.models import CandidateProfile, CandidateSkill
from kakehashi.candidates.selectors import SHARE_PURPOSE
from kakehashi.candidates.services import consent_give
from kakehashi.conftest import make_employer
from kakehashi.employers.models import Employer, EmployerMember
from kakehashi.jobs.models import Job, JobSkill
from kakehashi.matching.store import index_rebuild
from kakehashi.missions.models import (
    Interpreter,
    Interview,
    InterviewRequest,
    Mission,
    MissionLeg,
    Panel,
    Room,
)
from kakehashi.pipeline.models import Application, HireStep

# Rows on the first render; grow() adds 2N more. One row of each stage the pages treat
# differently: blind, requested, shared (named), accepted (a hire with a warning).
STAGES = ("applied", "shortlisted", "profile_shared", "accepted")
N = len(STAGES)
DAY = dt.date(2027, 3, 10)

_serial = itertools.count(1)


@pytest.fixture
def assert_queries_constant(django_assert_max_num_queries, django_assert_num_queries):
    def check(client, url: str, *, grow: Callable[[], None], rows: list[str], at_most: int):
        """GET `url`, call `grow()` (which triples the rows), GET it again: each marker in
        `rows` must appear more often the second time (the page lists the new rows) and the
        number of queries must not change. A first GET warms the process's caches (the jobs'
        prepared plans and skill specificity), as on a running site."""
        client.get(url)
        with django_assert_max_num_queries(at_most) as small:
            response = client.get(url)
        queries = len(small)  # now: the next request empties Django's query log
        assert response.status_code == 200
        html = response.content.decode()
        before = {marker: html.count(marker) for marker in rows}
        assert all(before.values()), f"the first render lists no rows: {before}"
        grow()
        client.get(url)  # the new rows may renew a cache (a new index version): warm it again
        with django_assert_num_queries(queries, info=f"{url} with 3x the rows"):
            html = client.get(url).content.decode()
        after = {marker: html.count(marker) for marker in rows}
        assert all(after[m] > before[m] for m in rows), f"no new rows: {before} → {after}"

    return check


# Fast builders: no password (hashing one takes a third of a second), direct rows.


def _user(role: str, name: str) -> User:
    n = next(_serial)
    return User.objects.create_user(f"u{n}@example.test", None, full_name=f"{name} {n}", role=role)


def _candidate() -> CandidateProfile:
    """A candidate who fits the Sakura job (Python 4 years, JLPT N2) and shares a blind
    profile with Japanese employers."""
    profile = CandidateProfile.objects.create(
        user=_user(User.Role.CANDIDATE, "Candidate"),
        city="lahore",
        province=geo().city("lahore").province,
        jlpt_level="N2",
        headline="ML engineer",
    )
    CandidateSkill.objects.create(profile=profile, skill_id="python", years=4)
    CandidateSkill.objects.create(profile=profile, skill_id="aws", years=2)
    consent_give(profile=profile, purpose=SHARE_PURPOSE)
    return profile


def _employer(*, verified: bool = True) -> Employer:
    n = next(_serial)
    return make_employer(f"Company{n}", f"9{n:012d}", verified=verified)


def _member(employer: Employer) -> User:
    user = _user(User.Role.EMPLOYER, "Interviewer")
    EmployerMember.objects.create(user=user, employer=employer)
    return user


def _job(employer: Employer | None = None) -> Job:
    job = Job.objects.create(
        employer=employer or _employer(),
        title="Backend engineer",
        description="Python",
        description_language="en",
        status=Job.Status.OPEN,
        salary_min_jpy=5_000_000,
        salary_max_jpy=8_000_000,
        prefecture="JP-13",
    )
    JobSkill.objects.create(job=job, skill_id="python", required=True, min_years=1)
    return job


def _application(profile: CandidateProfile, job: Job, stage: str) -> Application:
    application = Application.objects.create(
        candidate=profile,
        job=job,
        stage=stage,
        profile_requested_at=timezone.now() if stage == "shortlisted" else None,
    )
    if stage == "accepted":
        # A passport that expires too soon: the hire is on the dashboards' attention list.
        HireStep.objects.create(
            application=application,
            step="passport",
            position=0,
            owner="candidate",
            expires_on=timezone.localdate() + dt.timedelta(days=30),
        )
    return application


def _leg(mission: Mission) -> MissionLeg:
    leg = MissionLeg.objects.create(
        mission=mission, city="lahore", start_date=DAY, end_date=DAY, venue_name="Venue-hall"
    )
    Room.objects.create(leg=leg, name="Room A")
    Room.objects.create(leg=leg, name="Room B")
    return leg


def _interview(mission: Mission, application: Application, panel: Panel) -> Interview:
    n = next(_serial)
    leg = mission.legs.first()
    start = timezone.make_aware(dt.datetime.combine(DAY, dt.time(9))) + dt.timedelta(minutes=n)
    return Interview.objects.create(
        request=InterviewRequest.objects.create(mission=mission, application=application),
        panel=panel,
        leg=leg,
        room=leg.rooms.first(),
        start=start,
        end=start + dt.timedelta(minutes=30),
        checkin_code=f"Q{n:07d}",
    )


def _published_mission() -> Mission:
    mission = Mission.objects.create(name="Lahore IT mission", status=Mission.Status.PUBLISHED)
    _leg(mission)
    return mission


# The pages.


def test_shortlist_queries_do_not_grow_with_candidates(
    client, tanaka, sakura_job, assert_queries_constant
):
    def add(n):
        for i in range(n):
            profile = _candidate()
            if i % 2:
                _application(profile, sakura_job, "sourced")  # shows its stage
        index_rebuild()

    client.force_login(tanaka)
    url = reverse("job_shortlist", args=[sakura_job.pk])
    client.get(url)  # fits the skill specificity of the open jobs, cached until one changes
    add(N)
    rows = ['data-testid="ranked"']
    # 9: consent is read from the database for the ranked rows (one query for the text);
    # +1: the open jobs' stamp that says whether the cached skill specificity still holds;
    # +5: the listed rows' experience (profile, skills, work, education, certificates: one
    # query each), which the page shows and sorts by
    assert_queries_constant(client, url, grow=lambda: add(2 * N), rows=rows, at_most=15)


def test_job_applications_queries_do_not_grow_with_applications(
    client, tanaka, sakura_job, assert_queries_constant
):
    def add(n):
        for i in range(n):
            _application(_candidate(), sakura_job, STAGES[i % N])

    add(N)
    client.force_login(tanaka)
    url = reverse("job_applications", args=[sakura_job.pk])
    rows = ['class="decision"', "Checklist to Japan", "Candidate "]
    # 8, + the insert recording the names shown, + the company's terms check, + the
    # interviews the company holds itself (prefetched for every row at once)
    assert_queries_constant(client, url, grow=lambda: add(2 * N), rows=rows, at_most=11)


def test_job_board_queries_do_not_grow_with_jobs(client, db, assert_queries_constant):
    def add(n):
        for _ in range(n):
            _job()

    add(N)
    url = reverse("job_list")
    rows = ['<li class="card">']
    assert_queries_constant(client, url, grow=lambda: add(2 * N), rows=rows, at_most=1)


def test_candidate_dashboard_queries_do_not_grow_with_applications(
    client, ayesha, assert_queries_constant
):
    mission = _published_mission()

    def add(n):
        for i in range(n):
            job = _job()
            application = _application(ayesha, job, STAGES[i % N])
            panel = Panel.objects.create(mission=mission, employer=job.employer, name="Panel")
            _interview(mission, application, panel)

    add(N)
    client.force_login(ayesha.user)
    url = reverse("candidate_dashboard")
    rows = ["Residence status", 'data-testid="interview"', 'data-testid="attention"']
    # 19: consent, the interviews with companies outside missions, the mission invitations.
    assert_queries_constant(client, url, grow=lambda: add(2 * N), rows=rows, at_most=19)


def test_employer_dashboard_queries_do_not_grow_with_jobs(
    client, sakura, tanaka, assert_queries_constant
):
    def add(n):
        for i in range(n):
            _application(_candidate(), _job(sakura), STAGES[i % N])

    add(N)
    client.force_login(tanaka)
    url = reverse("employer_dashboard")
    rows = ['/shortlist/"', 'data-testid="attention"']
    assert_queries_constant(
        client,
        url,
        grow=lambda: add(2 * N),
        rows=rows,
        at_most=12,  # + the terms check, + interviews outside missions
    )  # 10: the panel interviews too


def test_facilitator_dashboard_queries_do_not_grow_with_companies_and_hires(
    client, imran, assert_queries_constant
):
    def add(n):
        for _ in range(n):
            _employer(verified=False)  # waits for verification
            _application(_candidate(), _job(), "accepted")

    add(N)
    client.force_login(imran)
    url = reverse("facilitator_dashboard")
    rows = ['value="approve"', 'data-testid="attention"']
    assert_queries_constant(client, url, grow=lambda: add(2 * N), rows=rows, at_most=10)


def test_mission_detail_queries_do_not_grow_with_the_plan(client, nadia, assert_queries_constant):
    mission = Mission.objects.create(name="Lahore IT mission", organiser=nadia)

    def add(n):
        for i in range(n):
            leg = _leg(mission)
            employer = _employer()
            mission.employers.add(employer)
            _employer()  # verified, not yet on the mission: offered in "Add company"
            panel = Panel.objects.create(mission=mission, employer=employer, name="Panel-x")
            panel.interviewers.add(_member(employer), _member(employer))
            panel.legs.add(leg)
            interpreter = Interpreter.objects.create(mission=mission, name="Interpreter-x")
            interpreter.legs.add(leg)
            application = _application(_candidate(), _job(employer), "invited")
            if i % 2:
                InterviewRequest.objects.create(
                    mission=mission, application=application, unscheduled_reason="No-slot-left"
                )
            else:
                _interview(mission, application, panel)

    add(N)
    client.force_login(nadia)
    url = reverse("mission_detail", args=[mission.pk])
    rows = [
        "Venue-hall",
        "Room B",
        "Panel-x",
        "Interviewer ",
        "Interpreter-x",
        "No-slot-left",
        "<td>#",
        '<option value="',
    ]
    assert_queries_constant(
        client, url, grow=lambda: add(2 * N), rows=rows, at_most=18
    )  # +1: the companies asking to join

"""Scorecards for a ministry mission's interviews: the panel's interviewers fill the same
cards as for an interview the company holds itself (one implementation, in pipeline), the
company's recruiters and admins read them side by side, and nobody else reaches them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from kakehashi.audit.models import AuditEvent
from kakehashi.candidates.selectors import SHARE_PURPOSE
from kakehashi.candidates.services import consent_give
from kakehashi.conftest import make_member
from kakehashi.core.errors import ApplicationError
from kakehashi.employers.models import EmployerMember
from kakehashi.missions.models import Interview, InterviewRequest, Mission, MissionLeg, Panel
from kakehashi.missions.selectors import interview_scored
from kakehashi.pipeline.models import Scorecard
from kakehashi.pipeline.scorecards import CriterionScore, scorecard_criteria, scored_submit
from kakehashi.pipeline.services import application_advance, application_create


@pytest.fixture
def kenji(sakura):
    return make_member(sakura, "kenji@sakura.example", EmployerMember.Role.INTERVIEWER)


@pytest.fixture
def hiro(sakura):
    """Sakura's interviewer, but not on this interview's panel."""
    return make_member(sakura, "hiro@sakura.example", EmployerMember.Role.INTERVIEWER)


def _mission_interview(*, application, employer, interviewers, start) -> Interview:
    mission = Mission.objects.create(name="Lahore IT mission", status="published")
    leg = MissionLeg.objects.create(
        mission=mission,
        city="lahore",
        start_date=start.date(),
        end_date=start.date(),
        venue_name="Arfa Tower",
    )
    panel = Panel.objects.create(mission=mission, employer=employer, name="Engineering")
    panel.interviewers.set(interviewers)
    panel.legs.set([leg])
    request = InterviewRequest.objects.create(mission=mission, application=application)
    return Interview.objects.create(
        request=request,
        panel=panel,
        leg=leg,
        start=start,
        end=start + dt.timedelta(minutes=30),
        checkin_code="SCORE1",
    )


@pytest.fixture
def scheduled(ayesha, tanaka, sakura_job):
    consent_give(profile=ayesha, purpose=SHARE_PURPOSE)
    app = application_create(candidate=ayesha, job=sakura_job, actor=ayesha.user)
    application_advance(application=app, stage="shortlisted", actor=tanaka)
    application_advance(application=app, stage="profile_shared", actor=ayesha.user)
    for stage in ("invited", "interview_scheduled"):
        application_advance(application=app, stage=stage, actor=tanaka)
    return app


@pytest.fixture
def interview(scheduled, sakura, kenji, sato):
    """Held an hour ago by Kenji (interviewer) and Sato (recruiter) on the panel."""
    return _mission_interview(
        application=scheduled,
        employer=sakura,
        interviewers=[kenji, sato],
        start=timezone.now() - dt.timedelta(hours=1),
    )


def card_post(interview, *, score=4, recommendation="yes", note="clear answers"):
    data = {"recommendation": recommendation, "notes": "Would hire"}
    for c in scorecard_criteria(job=interview.request.application.job):
        data[f"score__{c.code}"] = str(score)
        data[f"note__{c.code}"] = f"{note} ({c.code})"
    return data


def url(interview):
    return reverse("mission_interview_scorecard", args=[interview.pk])


def test_a_panel_interviewer_fills_a_card_for_the_mission_interview(client, interview, kenji):
    client.force_login(kenji)
    page = client.get(url(interview)).content.decode()
    assert "Python" in page and "Culture fit" in page  # the job's required skill, then fixed
    response = client.post(url(interview), card_post(interview), follow=True)
    assert "Scorecard saved." in response.content.decode()
    card = Scorecard.objects.get(mission_interview=interview, interviewer=kenji)
    assert card.invite_id is None and card.recommendation == "yes"
    assert {s.criterion: s.score for s in card.scores.all()} == {
        "skill:python": 4,
        "japanese": 4,
        "english": 4,
        "communication": 4,
        "culture_fit": 4,
    }
    event = AuditEvent.objects.get(action="scorecard.submitted")
    assert event.details["mission_interview"] == interview.pk
    interview.request.application.refresh_from_db()
    assert interview.request.application.stage == "interviewed"  # the "interviewed" move
    # revising keeps one card, audited as a revision
    client.post(url(interview), card_post(interview, score=5))
    assert Scorecard.objects.filter(mission_interview=interview).count() == 1
    assert AuditEvent.objects.filter(action="scorecard.revised").count() == 1


def test_the_dashboard_links_a_panel_interviewer_to_the_card(client, interview, kenji):
    client.force_login(kenji)
    page = client.get(reverse("employer_dashboard")).content.decode()
    assert url(interview) in page


@pytest.mark.parametrize("who", ["yamada", "candidate", "hiro"])
def test_nobody_off_the_panel_but_the_companys_deciders_reaches_it(
    client, interview, who, yamada, hiro
):
    user = {
        "yamada": yamada,
        "hiro": hiro,
        "candidate": interview.request.application.candidate.user,
    }[who]
    client.force_login(user)
    assert client.get(url(interview)).status_code == 404
    assert client.post(url(interview), card_post(interview)).status_code == 404
    assert not Scorecard.objects.exists()


def test_the_recruiter_sees_the_panels_cards_side_by_side(client, interview, kenji, sato, tanaka):
    client.force_login(sato)
    client.post(url(interview), card_post(interview, score=5, note="sato says"))
    client.force_login(kenji)
    before = client.get(url(interview)).content.decode()
    assert "once you have submitted yours" in before and "sato says" not in before
    assert "Make an offer" not in before  # interviewers score; they do not decide
    client.post(url(interview), card_post(interview, score=4, note="kenji says"))
    client.force_login(tanaka)  # the admin, not on the panel: reads, does not score
    page = client.get(url(interview)).content.decode()
    assert 'data-testid="panel-scores"' in page
    assert "sato says" in page and "kenji says" in page
    assert "<strong>4.5</strong>" in page  # the mean of 5 and 4
    assert "Save my scorecard" not in page and "Make an offer" in page
    assert client.post(url(interview), card_post(interview)).status_code == 404
    assert Scorecard.objects.filter(mission_interview=interview).count() == 2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"score": 0}, "Give a score from 1 to 5."),
        ({"score": 6}, "Give a score from 1 to 5."),
        ({"recommendation": ""}, "Choose a recommendation."),
    ],
)
def test_a_bad_card_says_why_and_saves_nothing(client, interview, kenji, change, message):
    client.force_login(kenji)
    response = client.post(url(interview), card_post(interview, **change))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Scorecard.objects.exists()
    interview.request.application.refresh_from_db()
    assert interview.request.application.stage == "interview_scheduled"


def test_the_service_refuses_an_out_of_range_score(interview, kenji):
    scored = interview_scored(interview=interview)
    scores = [CriterionScore(c.code, 6) for c in scorecard_criteria(job=scored.application.job)]
    with pytest.raises(ApplicationError, match="from 1 to 5"):
        scored_submit(scored=scored, actor=kenji, scores=scores, recommendation="yes")
    assert not Scorecard.objects.exists()


def test_a_mission_interview_is_scored_once_its_time_has_come(client, interview, kenji):
    interview.start = timezone.now() + dt.timedelta(days=2)
    interview.save(update_fields=["start"])
    client.force_login(kenji)
    page = client.post(url(interview), card_post(interview)).content.decode()
    assert "Score the interview once it has been held." in page
    assert not Scorecard.objects.exists()


def test_an_interviewer_scores_but_cannot_reject_or_offer(interview, kenji):
    application = interview.request.application
    for stage in ("rejected", "offered"):
        with pytest.raises(PermissionDenied):
            application_advance(application=application, stage=stage, actor=kenji, reason="x")


def test_a_card_belongs_to_exactly_one_interview(interview, kenji):
    with pytest.raises(IntegrityError), transaction.atomic():
        Scorecard.objects.create(interviewer=kenji, recommendation="yes")

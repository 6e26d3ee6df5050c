"""A company's interviewers record interviews; recruiters and admins make its decisions."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kakehashi.conftest import make_member
from kakehashi.employers.models import EmployerMember
from kakehashi.pipeline.offers import OfferTerms, offer_make
from kakehashi.pipeline.services import (
    application_advance,
    application_create,
    profile_share_request,
)


@pytest.fixture
def kenji(sakura):
    return make_member(sakura, "kenji@sakura.example", EmployerMember.Role.INTERVIEWER)


@pytest.fixture
def interviewed_soon(ayesha, sakura_job, tanaka):
    app = application_create(candidate=ayesha, job=sakura_job, actor=ayesha.user)
    for stage in ("shortlisted", "invited", "interview_scheduled"):
        application_advance(application=app, stage=stage, actor=tanaka)
    return app


def test_an_interviewer_records_the_interview_but_decides_nothing(interviewed_soon, kenji):
    app = interviewed_soon
    with pytest.raises(PermissionDenied):
        application_advance(
            application=app, stage="rejected", actor=kenji, reason="other_candidate"
        )
    application_advance(application=app, stage="interviewed", actor=kenji)
    with pytest.raises(PermissionDenied):
        offer_make(
            application=app,
            actor=kenji,
            terms=OfferTerms(
                salary_jpy=6_000_000,
                working_hours="09:00-18:00",
                start_date=dt.date(2027, 4, 1),
                contract_months=36,
                residence_status="engineer_specialist",
                expires_on=dt.date(2027, 1, 1),
                accommodation="Company flat",
                travel="Paid",
                insurance="Health",
            ),
            today=dt.date(2026, 12, 1),
        )
    app.refresh_from_db()
    assert app.stage == "interviewed"


def test_an_interviewer_cannot_shortlist_or_ask_for_the_profile(ayesha, sakura_job, kenji):
    app = application_create(candidate=ayesha, job=sakura_job, actor=ayesha.user)
    with pytest.raises(PermissionDenied):
        application_advance(application=app, stage="shortlisted", actor=kenji)
    app.stage = "shortlisted"
    app.save()
    with pytest.raises(PermissionDenied):
        profile_share_request(application=app, actor=kenji)


def test_the_applications_page_offers_an_interviewer_only_the_interview(
    client, interviewed_soon, kenji, sakura_job
):
    client.force_login(kenji)
    page = client.get(reverse("job_applications", args=[sakura_job.pk])).content.decode()
    assert 'value="interviewed"' in page
    assert 'value="reject"' not in page
    assert reverse("application_offer", args=[interviewed_soon.pk]) not in page

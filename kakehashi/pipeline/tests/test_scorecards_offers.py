"""Scorecards (interviewers score, the panel side by side) and offers with terms (the salary
floor, the answer, expiry, the letter and the contract on the hire checklist)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kakehashi.audit.models import AuditEvent
from kakehashi.core.errors import ApplicationError
from kakehashi.pipeline.interviews import interview_held, interview_pick, interview_propose
from kakehashi.pipeline.messages import message_post
from kakehashi.pipeline.models import Notice, Offer, Scorecard
from kakehashi.pipeline.offer_letter import offer_letter_pdf
from kakehashi.pipeline.offers import (
    OfferTerms,
    offer_accept,
    offer_contract_rows,
    offer_decline,
    offer_make,
    offers_expire_due,
)
from kakehashi.pipeline.scorecards import (
    CriterionScore,
    scorecard_criteria,
    scorecard_submit,
    scorecards_side_by_side,
)
from kakehashi.pipeline.services import application_advance
from kakehashi.pipeline.tests.conftest import NOW, at_tokyo

TODAY = dt.date(2026, 12, 1)
TERMS = OfferTerms(
    salary_jpy=7_500_000,
    allowances="Housing ¥30,000 a month",
    working_hours="09:00–18:00, 40 h/week",
    start_date=dt.date(2027, 4, 1),
    contract_months=36,
    residence_status="engineer_specialist",
    expires_on=dt.date(2026, 12, 20),
    accommodation="Company flat for 6 months",
    travel="Flight Lahore–Tokyo paid by the company",
    insurance="Japanese health and pension insurance",
    decision_note="Strong Python, N3",
)


@pytest.fixture
def held(shortlisted, tokyo_tanaka, kenji, sato):
    invite = interview_propose(
        application=shortlisted,
        actor=tokyo_tanaka,
        mode="online",
        video_url="https://meet.example/x",
        starts=[at_tokyo(3, 14)],
        interviewers=[kenji, sato],
        now=NOW,
    )
    slot = invite.slots.get()
    interview_pick(invite=invite, slot_id=slot.pk, actor=shortlisted.candidate.user, now=NOW)
    interview_held(invite=invite, actor=kenji, now=slot.end)
    invite.refresh_from_db()
    return invite


def all_scores(invite, score=4):
    return [
        CriterionScore(c.code, score, f"note {c.code}")
        for c in scorecard_criteria(job=invite.application.job)
    ]


def test_criteria_are_the_jobs_required_skills_then_the_fixed_ones(sakura_job):
    codes = [c.code for c in scorecard_criteria(job=sakura_job)]
    # AWS is only nice-to-have: not scored.
    assert codes == ["skill:python", "japanese", "english", "communication", "culture_fit"]


def test_a_card_missing_a_criterion_or_out_of_range_saves_nothing(held, kenji):
    with pytest.raises(ApplicationError, match="Score every criterion: Japanese"):
        scorecard_submit(
            invite=held,
            actor=kenji,
            scores=[s for s in all_scores(held) if s.code != "japanese"],
            recommendation="yes",
        )
    with pytest.raises(ApplicationError, match="from 1 to 5"):
        scorecard_submit(invite=held, actor=kenji, scores=all_scores(held, 6), recommendation="yes")
    with pytest.raises(ApplicationError, match="recommendation"):
        scorecard_submit(invite=held, actor=kenji, scores=all_scores(held), recommendation="")
    assert not Scorecard.objects.exists()


def test_only_the_interviews_interviewers_score(held, tokyo_tanaka, yamada):
    for outsider in (tokyo_tanaka, yamada):
        with pytest.raises(PermissionDenied):
            scorecard_submit(
                invite=held, actor=outsider, scores=all_scores(held), recommendation="no"
            )


def test_the_panel_side_by_side_after_each_has_scored(held, kenji, sato, tokyo_tanaka):
    scorecard_submit(invite=held, actor=sato, scores=all_scores(held, 2), recommendation="no")
    # Kenji only interviews: he sees the others' marks once his own card is in.
    assert scorecards_side_by_side(invite=held, user=kenji) is None
    scorecard_submit(invite=held, actor=kenji, scores=all_scores(held, 4), recommendation="yes")
    assert scorecards_side_by_side(invite=held, user=kenji) is not None
    panel = scorecards_side_by_side(invite=held, user=tokyo_tanaka)
    assert [c.interviewer for c in panel["cards"]] == [sato, kenji]
    python = panel["rows"][0]
    assert [cell.score for cell in python["cells"]] == [2, 4] and python["mean"] == 3.0
    assert AuditEvent.objects.filter(action="scorecard.submitted").count() == 2


def test_an_interviewer_can_score_but_not_offer(held, kenji):
    with pytest.raises(PermissionDenied):
        offer_make(application=held.application, actor=kenji, terms=TERMS, today=TODAY)


def test_an_offer_below_the_hsp_floor_is_refused_with_the_figures(held, tokyo_tanaka):
    low = dataclasses.replace(TERMS, salary_jpy=2_800_000, residence_status="hsp")
    with pytest.raises(ApplicationError) as refused:
        offer_make(application=held.application, actor=tokyo_tanaka, terms=low, today=TODAY)
    assert "at least ¥3,000,000" in refused.value.message
    assert "¥2,800,000" in refused.value.message
    assert refused.value.field == "salary_jpy"
    held.application.refresh_from_db()
    assert held.application.stage == "interviewed" and not Offer.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"start_date": TODAY}, "start_date"),
        ({"expires_on": TODAY}, "expires_on"),
        ({"expires_on": dt.date(2027, 5, 1)}, "expires_on"),
        ({"contract_months": 0}, "contract_months"),
        ({"insurance": " "}, "insurance"),
    ],
)
def test_a_bad_term_is_refused_on_its_field(held, tokyo_tanaka, change, field):
    with pytest.raises(ApplicationError) as refused:
        offer_make(
            application=held.application,
            actor=tokyo_tanaka,
            terms=dataclasses.replace(TERMS, **change),
            today=TODAY,
        )
    assert refused.value.field == field
    assert not Offer.objects.exists()


def test_the_candidate_accepts_after_reading_and_the_checklist_carries_the_contract(
    held, tokyo_tanaka, client
):
    app = held.application
    offer = offer_make(application=app, actor=tokyo_tanaka, terms=TERMS, today=TODAY)
    app.refresh_from_db()
    assert app.stage == "offered" and app.offer_salary_jpy == 7_500_000
    user = app.candidate.user
    with pytest.raises(ApplicationError, match="read every term"):
        offer_accept(offer=offer, actor=user, terms_read=False, today=TODAY)
    offer_accept(offer=offer, actor=user, terms_read=True, today=TODAY)
    app.refresh_from_db()
    offer.refresh_from_db()
    assert app.stage == "accepted" and offer.status == "accepted"
    assert app.hire_steps.filter(step="protector_clearance").exists()
    labels = [label for label, _value in offer_contract_rows(offer)]
    assert labels == [
        "Employer",
        "Job title",
        "Salary",
        "Duration of the contract",
        "Working hours",
        "Accommodation",
        "Travel",
        "Insurance",
    ]
    client.force_login(user)
    page = client.get(reverse("application_hire", args=[app.pk])).content.decode()
    assert "Foreign Service Agreement" in page and "36 months from 2027-04-01" in page
    assert "Company flat for 6 months" in page


def test_decline_needs_a_listed_reason(held, tokyo_tanaka):
    offer = offer_make(application=held.application, actor=tokyo_tanaka, terms=TERMS, today=TODAY)
    user = held.application.candidate.user
    with pytest.raises(ApplicationError):
        offer_decline(offer=offer, actor=user, reason="nope", today=TODAY)
    offer.refresh_from_db()
    assert offer.status == "open"
    offer_decline(offer=offer, actor=user, reason="terms", today=TODAY)
    offer.refresh_from_db()
    assert offer.status == "declined" and offer.answer_reason == "terms"


def test_an_unanswered_offer_expires_and_cannot_be_accepted(held, tokyo_tanaka):
    offer = offer_make(application=held.application, actor=tokyo_tanaka, terms=TERMS, today=TODAY)
    assert offers_expire_due(today=TERMS.expires_on) == 0  # the last day is still open
    after = TERMS.expires_on + dt.timedelta(days=1)
    with pytest.raises(ApplicationError, match="expired on 2026-12-20"):
        offer_accept(
            offer=offer, actor=held.application.candidate.user, terms_read=True, today=after
        )
    offer.refresh_from_db()
    held.application.refresh_from_db()
    assert offer.status == "expired" and held.application.stage == "offer_expired"
    assert offers_expire_due(today=after) == 0


def test_the_offer_letter_is_a_pdf_with_the_japanese_fonts(held, tokyo_tanaka):
    offer = offer_make(application=held.application, actor=tokyo_tanaka, terms=TERMS, today=TODAY)
    pdf = offer_letter_pdf(offer)
    assert pdf.startswith(b"%PDF")
    assert b"HeiseiMin-W3" in pdf and b"HeiseiKakuGo-W5" in pdf


def test_the_candidate_reads_every_term_on_the_offer_page(held, tokyo_tanaka, client):
    app = held.application
    offer_make(application=app, actor=tokyo_tanaka, terms=TERMS, today=TODAY)
    client.force_login(app.candidate.user)
    page = client.get(reverse("application_offer", args=[app.pk])).content.decode()
    for text in (
        "¥7,500,000",
        "Housing ¥30,000 a month",
        "09:00–18:00, 40 h/week",
        "36 months",
        "Engineer / Specialist",
        "Tokyo",
        "Company flat for 6 months",
        "Flight Lahore–Tokyo",
        "Japanese health and pension insurance",
        "Accept the offer",
    ):
        assert text in page, text
    assert "Strong Python, N3" not in page  # the company's reasons stay the company's


def test_the_offer_form_shows_the_floor_refusal_and_keeps_what_was_typed(
    held, tokyo_tanaka, client
):
    client.force_login(tokyo_tanaka)
    url = reverse("application_offer", args=[held.application.pk])
    data = {
        **{k: v for k, v in dataclasses.asdict(TERMS).items()},
        "salary_jpy": "2500000",
        "residence_status": "hsp",
        "start_date": "2027-04-01",
        "expires_on": (dt.date.today() + dt.timedelta(days=10)).isoformat(),
    }
    page = client.post(url, data).content.decode()
    assert "needs an annual salary of at least ¥3,000,000" in page
    assert 'value="Company flat for 6 months"' in page
    assert not Offer.objects.exists()


def test_an_offer_on_a_withdrawn_application_does_not_expire_later(held, tokyo_tanaka):
    app = held.application
    offer = offer_make(application=app, actor=tokyo_tanaka, terms=TERMS, today=TODAY)
    application_advance(
        application=app, stage="withdrawn", actor=app.candidate.user, reason="other_offer"
    )
    assert offers_expire_due(today=TERMS.expires_on + dt.timedelta(days=5)) == 0
    app.refresh_from_db()
    offer.refresh_from_db()
    assert app.stage == "withdrawn" and offer.status == "open"


def test_the_ministry_writes_in_the_thread_and_hears_replies(held, imran, tokyo_tanaka):
    app = held.application
    message_post(application=app, actor=imran, body="Please bring the HEC-attested degree.")
    assert Notice.objects.filter(user=app.candidate.user, text__contains="new message").exists()
    message_post(application=app, actor=app.candidate.user, body="I will.")
    assert Notice.objects.filter(user=imran, text__contains="new message").exists()


def test_the_company_opening_the_offer_interview_and_thread_pages_is_recorded(
    held, tokyo_tanaka, client
):
    # Each of these pages names the candidate to the company in Japan: the candidate's
    # "who has seen my data" page lists each view with its purpose.
    from kakehashi.audit.models import PersonalDataAccess

    app = held.application
    offer_make(application=app, actor=tokyo_tanaka, terms=TERMS, today=TODAY)
    client.force_login(tokyo_tanaka)
    for name, args in (
        ("application_offer", [app.pk]),
        ("application_offer_pdf", [app.pk]),
        ("application_messages", [app.pk]),
        ("interview_invite_detail", [held.pk]),
    ):
        assert client.get(reverse(name, args=args)).status_code == 200
    seen = PersonalDataAccess.objects.filter(subject_id=app.candidate_id)
    assert sorted((r.purpose, r.channel) for r in seen) == [
        ("interview", "page"),
        ("messages", "page"),
        ("offer", "page"),
        ("offer", "pdf"),
    ]
    assert all(r.cross_border and r.employer_id == app.job.employer_id for r in seen)
    # the candidate reading her own offer is not a provision to anyone
    client.force_login(app.candidate.user)
    client.get(reverse("application_offer", args=[app.pk]))
    assert seen.count() == 4

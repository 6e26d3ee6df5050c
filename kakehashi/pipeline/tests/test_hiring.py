import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kakehashi.audit.models import AuditEvent
from kakehashi.core.errors import ApplicationError
from kakehashi.pipeline.hiring import hire_deadlines_notify, hire_step_update, visa_post_for
from kakehashi.pipeline.services import application_advance, application_create


@pytest.fixture
def hired(ayesha, tanaka, imran, sakura_job):
    app = application_create(candidate=ayesha, job=sakura_job, actor=ayesha.user)
    for stage, actor in [
        ("shortlisted", tanaka),
        ("invited", tanaka),
        ("interview_scheduled", tanaka),
        ("interviewed", tanaka),
        ("offered", tanaka),
        ("accepted", ayesha.user),
    ]:
        # the offer's own service enters "offered" and "accepted" (tests/test_scorecards_offers.py)
        entered_by = "offer" if stage in ("offered", "accepted") else ""
        application_advance(application=app, stage=stage, actor=actor, entered_by=entered_by)
    return app


def step(app, name):
    return app.hire_steps.get(step=name)


def test_accepting_the_offer_lays_out_the_checklist(hired):
    assert [s.step for s in hired.hire_steps.all()][:5] == [
        "hec_attestation",
        "mofa_attestation",
        "passport",
        "coe",
        "visa",
    ]
    assert visa_post_for(hired) == "islamabad"  # Lahore, Punjab


def test_steps_follow_their_order_and_owner(hired, ayesha, tanaka):
    with pytest.raises(ApplicationError, match="First complete"):
        hire_step_update(step=step(hired, "visa"), actor=ayesha.user, done_on=dt.date(2027, 1, 1))
    with pytest.raises(PermissionDenied):  # the CoE is the employer's to record
        hire_step_update(step=step(hired, "coe"), actor=ayesha.user, done_on=dt.date(2026, 11, 1))
    hire_step_update(
        step=step(hired, "hec_attestation"), actor=ayesha.user, done_on=dt.date(2026, 10, 1)
    )
    coe = hire_step_update(step=step(hired, "coe"), actor=tanaka, done_on=dt.date(2026, 11, 1))
    assert coe.expires_on == dt.date(2027, 1, 30)  # three months
    assert AuditEvent.objects.filter(action="hire.step_updated", details__step="coe").exists()


def test_departure_and_arrival_move_the_stage(hired, imran):
    hire_step_update(
        step=step(hired, "passport"),
        actor=imran,
        done_on=dt.date(2024, 1, 1),
        expires_on=dt.date(2034, 1, 1),
    )
    for name in [
        "hec_attestation",
        "mofa_attestation",
        "coe",
        "visa",
        "protector_clearance",
        "insurance",
        "departure",
    ]:
        hire_step_update(step=step(hired, name), actor=imran, done_on=dt.date(2026, 11, 1))
    hired.refresh_from_db()
    assert hired.stage == "departed"
    hire_step_update(step=step(hired, "arrival"), actor=imran, done_on=dt.date(2026, 11, 2))
    hired.refresh_from_db()
    assert hired.stage == "arrived"


def test_daily_check_warns_about_an_expiring_coe(
    hired, tanaka, mailoutbox, django_capture_on_commit_callbacks
):
    hire_step_update(
        step=step(hired, "hec_attestation"), actor=hired.candidate.user, done_on=dt.date(2026, 9, 1)
    )
    hire_step_update(step=step(hired, "coe"), actor=tanaka, done_on=dt.date(2026, 9, 15))
    with django_capture_on_commit_callbacks(execute=True):
        assert hire_deadlines_notify(today=dt.date(2026, 12, 1)) == 1
    recipients = sorted(m.to[0] for m in mailoutbox)
    assert recipients == ["ayesha@example.pk", "tanaka@sakura.example"]
    assert "expires in 13 days" in mailoutbox[0].body


def test_checklist_page_shows_warnings_to_the_parties_only(client, hired, tanaka, yamada):
    hire_step_update(
        step=step(hired, "hec_attestation"), actor=hired.candidate.user, done_on=dt.date(2026, 9, 1)
    )
    hire_step_update(step=step(hired, "coe"), actor=tanaka, done_on=dt.date(2026, 9, 15))
    client.force_login(tanaka)
    page = client.get(reverse("application_hire", args=[hired.pk])).content.decode()
    assert "Certificate of Eligibility" in page
    client.force_login(yamada)
    assert client.get(reverse("application_hire", args=[hired.pk])).status_code == 404


def test_dashboards_show_hires_needing_attention(client, hired, tanaka, imran):
    hire_step_update(
        step=step(hired, "hec_attestation"), actor=hired.candidate.user, done_on=dt.date(2026, 8, 1)
    )
    hire_step_update(step=step(hired, "coe"), actor=tanaka, done_on=dt.date(2026, 8, 1))  # expired
    for user, url in [
        (tanaka, "employer_dashboard"),
        (imran, "facilitator_dashboard"),
        (hired.candidate.user, "candidate_dashboard"),
    ]:
        client.force_login(user)
        page = client.get(reverse(url)).content.decode()
        assert 'data-testid="attention"' in page and "expired" in page, url

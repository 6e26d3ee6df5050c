"""The checklist to Japan as each side reads it: the candidate sees where each step is done,
its fee and the documents to bring, but none of the company's or the ministry's closing
actions; the company's admin sees those, and the candidate may not make those moves."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from engine.hiring import HireRules, Place, StepRule, hire_rules, hire_rules_check
from kakehashi.pipeline.services import application_advance, application_create


@pytest.fixture
def hired(ayesha, tanaka, sakura_job):
    """Ayesha (Lahore) accepted Sakura's offer: her checklist to Japan is open."""
    app = application_create(candidate=ayesha, job=sakura_job, actor=ayesha.user)
    for stage in ("shortlisted", "invited", "interview_scheduled", "interviewed", "offered"):
        entered_by = "offer" if stage == "offered" else ""
        application_advance(application=app, stage=stage, actor=tanaka, entered_by=entered_by)
    application_advance(application=app, stage="accepted", actor=ayesha.user, entered_by="offer")
    return app


def _help(page, step_id):
    match = re.search(rf'data-testid="step-help-{step_id}">(.*?)</div>', page, re.S)
    assert match, f"no help for {step_id}"
    return match.group(1)


def test_the_candidate_sees_where_what_it_costs_and_what_to_bring(client, hired):
    client.force_login(hired.candidate.user)
    page = client.get(reverse("application_hire", args=[hired.pk])).content.decode()
    hec = _help(page, "hec_attestation")
    assert 'href="https://eservices.hec.gov.pk/"' in hec and "HEC e-Services portal" in hec
    assert "Rs 1,000 per original document" in hec and "original transcript" in hec
    assert 'href="https://mofa.gov.pk/"' in _help(page, "mofa_attestation")
    visa = _help(page, "visa")  # Ayesha lives in Lahore: Islamabad, not Karachi
    assert "Embassy of Japan in Islamabad" in visa and "Karachi" not in visa
    assert "photo 4.5 × 4.5 cm" in visa and "Certificate of Eligibility" in visa
    protector = _help(page, "protector_clearance")
    assert "beoe.gov.pk/how-to-get-emigrants-protection" in protector
    assert "sources differ: check with the office" in protector
    assert "No fee: the employer files it in Japan" in _help(page, "coe")


def test_the_candidate_sees_no_closing_actions_and_cannot_make_them(client, hired):
    client.force_login(hired.candidate.user)
    page = client.get(reverse("application_hire", args=[hired.pk])).content.decode()
    assert "Close this hire" not in page
    assert 'value="close_visa_refused"' not in page and 'value="close_coe_expired"' not in page
    for stage, reason in [("visa_refused", "embassy_refusal"), ("coe_expired", "visa_delay")]:
        with pytest.raises(PermissionDenied):
            application_advance(
                application=hired, stage=stage, actor=hired.candidate.user, reason=reason
            )
    hired.refresh_from_db()
    assert hired.stage == "accepted"


def test_the_companys_admin_closes_a_hire_from_the_checklist(client, hired, tanaka):
    client.force_login(tanaka)
    page = client.get(reverse("application_hire", args=[hired.pk])).content.decode()
    assert "Close this hire" in page and 'value="close_visa_refused"' in page
    client.post(
        reverse("application_action", args=[hired.pk]),
        {"action": "close_visa_refused", "reason": "embassy_refusal", "next": "hire"},
    )
    hired.refresh_from_db()
    assert hired.stage == "visa_refused"


def test_the_steps_data_names_its_sources_and_documents():
    rules = hire_rules()
    assert rules.version and rules.sources
    assert rules.step("visa").places_for("karachi")[0].id == "consulate_karachi"
    broken = HireRules(
        version="t",
        steps=(StepRule(id="a", owner="candidate", places=(Place("x", "http://x"),)),),
        limits={},
        sources={},
    )
    with pytest.raises(ValueError, match="https"):
        hire_rules_check(broken, documents=frozenset())

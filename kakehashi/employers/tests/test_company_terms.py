"""Companies accept the programme's terms (versioned) before they see any candidate, as the
candidates' consent text promises."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kakehashi.api.services import api_token_create
from kakehashi.audit.models import AuditEvent
from kakehashi.conftest import make_member
from kakehashi.core.errors import ApplicationError
from kakehashi.employers.models import CompanyTerms, Employer, EmployerMember
from kakehashi.employers.selectors import company_terms_current, employer_terms_accepted
from kakehashi.employers.services import company_terms_accept
from kakehashi.pipeline.services import application_create


@pytest.fixture
def new_terms(sakura, yamada):
    """The ministry publishes version 2 after Sakura and Fuji accepted version 1."""
    return CompanyTerms.objects.create(version=2, body_en="Terms v2", body_ja="規約 第2版")


def test_a_company_that_has_not_accepted_sees_no_candidate(
    client, new_terms, ayesha, tanaka, sakura_job
):
    application_create(candidate=ayesha, job=sakura_job, actor=ayesha.user)
    client.force_login(tanaka)
    shortlist = client.get(reverse("job_shortlist", args=[sakura_job.pk]), follow=True)
    assert shortlist.redirect_chain[-1][0] == reverse("company_terms")
    assert "once an admin has accepted the programme" in shortlist.content.decode()
    applications = client.get(reverse("job_applications", args=[sakura_job.pk]))
    assert applications.url == reverse("company_terms")
    assert client.get(reverse("candidate_detail", args=[ayesha.pk])).status_code == 404
    _row, token = api_token_create(user=tanaka, name="t")
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    assert client.get(f"/api/candidates/{ayesha.pk}", **bearer).status_code == 404
    assert client.get("/api/applications", **bearer).json()["items"] == []
    dashboard = client.get(reverse("employer_dashboard")).content.decode()
    assert 'data-testid="terms-needed"' in dashboard


def test_the_admin_accepts_for_the_company_and_the_team_sees_candidates(
    client, new_terms, ayesha, tanaka, sato, sakura, sakura_job
):
    client.force_login(sato)  # a recruiter reads the terms but cannot accept them
    page = client.get(reverse("company_terms")).content.decode()
    assert "Terms v2" in page and "Ask your company admin" in page
    client.post(reverse("company_terms"), {"terms_id": new_terms.pk})
    assert not employer_terms_accepted(employer=Employer.objects.get(pk=sakura.pk))

    client.force_login(tanaka)
    response = client.post(reverse("company_terms"), {"terms_id": new_terms.pk}, follow=True)
    assert "Your company accepted the terms" in response.content.decode()
    assert employer_terms_accepted(employer=Employer.objects.get(pk=sakura.pk))
    event = AuditEvent.objects.get(action="employer.terms_accepted")
    assert event.actor_label == "tanaka@sakura.example" and event.details == {"version": 2}

    client.force_login(sato)
    assert client.get(reverse("job_shortlist", args=[sakura_job.pk])).status_code == 200
    assert client.get(reverse("candidate_detail", args=[ayesha.pk])).status_code == 200


def test_the_terms_are_shown_in_japanese_to_a_japanese_reader(client, new_terms, tanaka):
    tanaka.language = "ja"
    tanaka.save()
    client.force_login(tanaka)
    page = client.get(reverse("company_terms"), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "規約 第2版" in page


def test_accepting_a_version_replaced_meanwhile_is_refused(tanaka, sakura):
    old = company_terms_current()
    CompanyTerms.objects.create(version=old.version + 1, body_en="v+1", body_ja="v+1")
    with pytest.raises(ApplicationError) as err:
        company_terms_accept(employer=sakura, terms=old, actor=tanaka)
    assert err.value.code == "stale_terms"


def test_only_the_companys_admin_accepts(new_terms, sakura, sato, yamada):
    other_admin = make_member(
        yamada.employer_membership.employer, "boss@fuji.example", EmployerMember.Role.ADMIN
    )
    for outsider in (sato, other_admin):
        with pytest.raises(PermissionDenied):
            company_terms_accept(employer=sakura, terms=new_terms, actor=outsider)


def test_the_first_version_is_published_by_the_migration(db):
    terms = CompanyTerms.objects.get(version=1)
    assert "no fee" in terms.body_en and "手数料" in terms.body_ja


SIGNUP = {
    "name_en": "Aozora",
    "name_ja": "青空",
    "corporate_number": "1180301018771",
    "size": "50-299",
    "category": 4,
    "admin_name": "Aoki",
    "admin_email": "aoki@aozora.example",
    "language": "en",
    "password1": "Sakura-2026!x",
    "password2": "Sakura-2026!x",
}


def test_the_sign_up_asks_for_a_prefecture_and_the_terms(client, db):
    terms = company_terms_current()
    page = client.get(reverse("employer_signup")).content.decode()
    assert '<option value="" selected>Choose the prefecture of the head office</option>' in page
    assert 'data-testid="signup-terms"' in page and terms.body_en[:40] in page
    refused = client.post(reverse("employer_signup"), SIGNUP).content.decode()
    assert "This field is required." in refused  # the prefecture: no default to Hokkaido
    assert "Tick the box to accept the programme&#x27;s terms." in refused
    assert not Employer.objects.exists()


def test_signing_up_accepts_the_terms_read_for_the_company(client, db):
    terms = company_terms_current()
    data = {**SIGNUP, "prefecture": "JP-13", "accept_terms": "on", "terms_id": terms.pk}
    client.post(reverse("employer_signup"), data)
    employer = Employer.objects.get()
    assert employer.prefecture == "JP-13"
    assert employer_terms_accepted(employer=employer)
    event = AuditEvent.objects.get(action="employer.terms_accepted")
    assert event.details == {"version": terms.version}

import pytest

from kakehashi.api.services import api_token_create
from kakehashi.candidates.selectors import SHARE_PURPOSE
from kakehashi.candidates.services import consent_give
from kakehashi.pipeline.services import application_create


def auth(user):
    _row, token = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_openapi_schema_and_docs_are_served(client, db):
    schema = client.get("/api/openapi.json").json()
    assert schema["info"]["title"] == "Kakehashi API"
    assert "/api/applications/{application_id}/stage" in schema["paths"]
    assert client.get("/api/docs").status_code == 200


def test_private_endpoints_need_a_valid_token(client, ayesha):
    body = client.get("/api/me").json()
    assert body["error"]["code"] == "unauthenticated"
    assert client.get("/api/me", HTTP_AUTHORIZATION="Bearer kk_wrong").status_code == 401
    assert client.get("/api/me", **auth(ayesha.user)).json()["email"] == "ayesha@example.pk"


def test_public_jobs_are_paginated_without_a_token(client, sakura_job):
    body = client.get("/api/jobs").json()
    assert body["count"] == 1 and body["items"][0]["title"] == "機械学習エンジニア"
    detail = client.get(f"/api/jobs/{sakura_job.pk}").json()
    assert {s["skill_id"] for s in detail["skills"]} == {"python", "aws"}


def test_employer_sees_blind_profile_then_full_after_sharing(client, ayesha, tanaka, sakura_job):
    consent_give(profile=ayesha, purpose=SHARE_PURPOSE)
    headers = auth(tanaka)
    blind = client.get(f"/api/candidates/{ayesha.pk}", **headers).json()
    assert blind["access"] == "blind" and blind["full_name"] is None and blind["email"] is None
    app = application_create(candidate=ayesha, job=sakura_job, actor=ayesha.user)
    moved = client.post(
        f"/api/applications/{app.pk}/stage",
        {"stage": "shortlisted"},
        content_type="application/json",
        **headers,
    )
    assert moved.json()["stage"] == "shortlisted"
    client.post(
        f"/api/applications/{app.pk}/stage",
        {"stage": "profile_shared"},
        content_type="application/json",
        **auth(ayesha.user),
    )
    full = client.get(f"/api/candidates/{ayesha.pk}", **headers).json()
    assert full["access"] == "full" and full["email"] == "ayesha@example.pk"
    assert "cnic" not in full


@pytest.mark.parametrize("path", ["/api/candidates/{pk}", "/api/applications/{app}/stage"])
def test_outsiders_get_a_stable_404(client, ayesha, yamada, sakura_job, path):
    consent_give(profile=ayesha, purpose=SHARE_PURPOSE)
    app = application_create(candidate=ayesha, job=sakura_job, actor=ayesha.user)
    url = path.format(pk=ayesha.pk, app=app.pk)
    headers = auth(yamada)
    if "stage" in url:
        response = client.post(
            url, {"stage": "shortlisted"}, content_type="application/json", **headers
        )
    else:
        response = client.get(f"/api/candidates/{ayesha.pk + 1000}", **headers)
    assert response.status_code == 404
    assert response.json() == {
        "error": {"code": "not_found", "message": "Not found.", "field": None}
    }


def test_disallowed_move_gets_a_400_with_the_reason(client, ayesha, tanaka, sakura_job):
    app = application_create(candidate=ayesha, job=sakura_job, actor=ayesha.user)
    response = client.post(
        f"/api/applications/{app.pk}/stage",
        {"stage": "interviewed"},
        content_type="application/json",
        **auth(tanaka),
    )
    assert response.status_code == 400
    assert "cannot move from applied to interviewed" in response.json()["error"]["message"]


def test_candidate_applies_once(client, ayesha, sakura_job):
    headers = auth(ayesha.user)
    first = client.post(f"/api/jobs/{sakura_job.pk}/applications", **headers)
    assert first.status_code == 201 and first.json()["stage"] == "applied"
    again = client.post(f"/api/jobs/{sakura_job.pk}/applications", **headers)
    assert again.status_code == 400 and again.json()["error"]["code"] == "duplicate"


def test_token_page_shows_a_new_token_once(client, ayesha):
    client.force_login(ayesha.user)
    import re

    page = client.post("/account/tokens/", {"name": "sync"}).content.decode()
    token = re.search(r'data-testid="new-token">(kk_[\w-]+)<', page).group(1)
    assert client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
    assert token not in client.get("/account/tokens/").content.decode()


def test_an_offer_cannot_be_made_or_accepted_without_its_terms_through_the_api(
    client, ayesha, tanaka, sakura_job
):
    app = application_create(candidate=ayesha, job=sakura_job, actor=ayesha.user)
    for user, stage in ((tanaka, "offered"), (ayesha.user, "accepted")):
        response = client.post(
            f"/api/applications/{app.pk}/stage",
            {"stage": stage},
            content_type="application/json",
            **auth(user),
        )
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "offer_on_site"
    app.refresh_from_db()
    assert app.stage == "applied"

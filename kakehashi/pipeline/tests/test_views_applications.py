from django.urls import reverse

from kakehashi.candidates.selectors import SHARE_PURPOSE
from kakehashi.candidates.services import consent_give
from kakehashi.pipeline.services import application_create


def test_shortlist_request_share_flow_between_company_and_candidate(
    client, ayesha, tanaka, sakura_job, mailoutbox, django_capture_on_commit_callbacks
):
    consent_give(profile=ayesha, purpose=SHARE_PURPOSE)
    app = application_create(candidate=ayesha, job=sakura_job, actor=ayesha.user)
    client.force_login(tanaka)
    page = client.get(reverse("job_applications", args=[sakura_job.pk])).content.decode()
    assert f"Candidate #{ayesha.pk}" in page and "Ayesha" not in page

    act = reverse("application_action", args=[app.pk])
    client.post(act, {"action": "shortlist"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(act, {"action": "request_profile"})
    assert any("asks to see your full profile" in m.subject for m in mailoutbox)

    client.force_login(ayesha.user)
    dashboard = client.get(reverse("candidate_dashboard")).content.decode()
    assert "Share my full profile" in dashboard
    client.post(act, {"action": "share"})
    app.refresh_from_db()
    assert app.stage == "profile_shared"

    client.force_login(tanaka)
    page = client.get(reverse("job_applications", args=[sakura_job.pk])).content.decode()
    assert "Ayesha Khan" in page


def test_rejection_needs_a_listed_reason(client, ayesha, tanaka, sakura_job):
    app = application_create(candidate=ayesha, job=sakura_job, actor=ayesha.user)
    client.force_login(tanaka)
    act = reverse("application_action", args=[app.pk])
    page = client.post(act, {"action": "reject", "reason": "because"}, follow=True).content.decode()
    assert "Choose a reason from the list." in page
    client.post(act, {"action": "reject", "reason": "japanese_level"})
    app.refresh_from_db()
    assert app.stage == "rejected" and app.history.last().reason == "japanese_level"


def test_outsider_company_cannot_act_or_list(client, ayesha, yamada, sakura_job):
    app = application_create(candidate=ayesha, job=sakura_job, actor=ayesha.user)
    client.force_login(yamada)
    assert (
        client.post(
            reverse("application_action", args=[app.pk]), {"action": "shortlist"}
        ).status_code
        == 404
    )
    assert client.get(reverse("job_applications", args=[sakura_job.pk])).status_code == 404

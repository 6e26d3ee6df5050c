"""After each decision the page says what happened and what comes next, never "Done."."""

from django.urls import reverse

from kakehashi.pipeline.services import application_advance, application_create


def _press(client, app, action, **extra):
    response = client.post(
        reverse("application_action", args=[app.pk]), {"action": action, **extra}, follow=True
    )
    return response.content.decode()


def test_each_step_of_the_road_says_what_comes_next(client, ayesha, tanaka, sakura_job):
    app = application_create(candidate=ayesha, job=sakura_job, actor=ayesha.user)
    client.force_login(tanaka)
    page = _press(client, app, "shortlist")
    assert "Shortlisted. Next: ask the candidate to share the full profile" in page
    page = _press(client, app, "request_profile")
    assert "Full profile requested: the candidate is told now." in page
    assert "Done." not in page

    client.force_login(ayesha.user)
    page = _press(client, app, "share")
    assert "You shared your full profile with the company. Next:" in page

    client.force_login(tanaka)
    page = _press(client, app, "invite")
    assert "Invited to the ministry&#x27;s hiring mission" in page
    app.refresh_from_db()
    assert app.stage == "invited"


def test_a_rejection_says_the_candidate_is_told(client, ayesha, tanaka, sakura_job):
    app = application_create(candidate=ayesha, job=sakura_job, actor=ayesha.user)
    application_advance(application=app, stage="shortlisted", actor=tanaka)
    client.force_login(tanaka)
    page = _press(client, app, "reject", reason="skills_missing")
    assert "Rejected, with the reason you chose. The candidate is told." in page

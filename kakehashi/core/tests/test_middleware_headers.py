"""Every response carries the browser-side defences: CSP, Permissions-Policy, Referrer-Policy,
nosniff; and the server's own timing (Server-Timing)."""

import pytest
from django.urls import reverse


def _policy(response) -> dict[str, list[str]]:
    directives = (d.split() for d in response["Content-Security-Policy"].split(";") if d.strip())
    return {name: sources for name, *sources in directives}


@pytest.mark.parametrize(
    "path", ["/", "/login/", "/jobs/", "/api/docs", "/api/openapi.json", "/no-such-page/"]
)
def test_every_response_carries_the_security_headers(client, db, path):
    response = client.get(path)
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]
    assert "Content-Security-Policy" in response


def test_the_policy_runs_only_the_sites_own_scripts_and_styles(client, db):
    policy = _policy(client.get("/"))
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]


def test_the_permissions_policy_denies_the_devices_and_payments_the_site_never_uses(client, db):
    header = client.get("/")["Permissions-Policy"]
    features = dict(item.strip().split("=") for item in header.split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()"


def test_a_signed_in_page_with_htmx_carries_the_policy(client, ayesha):
    client.force_login(ayesha.user)
    response = client.get(reverse("candidate_cv"))
    assert response.status_code == 200
    assert _policy(response)["script-src"] == ["'self'"]


def test_every_response_says_how_long_the_server_took(client, db, monkeypatch):
    from types import SimpleNamespace

    from kakehashi.core import middleware

    # The clocks as the middleware reads them: 0.5 s of wall time, 0.2 s of CPU.
    wall, cpu = iter([10.0, 10.5]), iter([3.0, 3.2])
    clocks = SimpleNamespace(perf_counter=lambda: next(wall), thread_time=lambda: next(cpu))
    monkeypatch.setattr(middleware, "time", clocks)
    response = client.get("/jobs/")
    assert response["Server-Timing"] == "app;dur=500, cpu;dur=200"

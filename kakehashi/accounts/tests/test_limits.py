"""Rate limits: sign-up, password reset and the API answer 429 with Retry-After past their
limit, counted per client address (or per token) in the cache that every process shares."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.urls import reverse

from kakehashi.accounts.limits import client_ip, limit_wait_seconds
from kakehashi.accounts.models import User
from kakehashi.api.services import api_token_create
from kakehashi.env import env_rate

ROOT = Path(__file__).resolve().parents[3]
SIGNUP = {
    "full_name": "Hina Baloch",
    "email": "hina@example.pk",
    "cnic": "54400-1234567-2",
    "city": "quetta",
    "language": "en",
    "password1": "Sakura-2026!x",
    "password2": "Sakura-2026!x",
}


def test_signup_is_limited_per_address_with_retry_after(client, db, settings):
    settings.RATE_LIMIT_SIGNUP = "2/h"
    for n in range(2):
        data = {**SIGNUP, "email": f"hina{n}@example.pk", "cnic": f"5440{n}-1234567-2"}
        assert client.post(reverse("candidate_signup"), data).status_code == 302
    refused = client.post(reverse("candidate_signup"), {**SIGNUP, "email": "third@example.pk"})
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 3600
    assert "sent too often" in refused.content.decode()
    assert not User.objects.filter(email="third@example.pk").exists()
    # The employer form shares the count: the same address, the same limit.
    assert client.post(reverse("employer_signup"), {}).status_code == 429
    # Another address is not held back; reading the form is never limited.
    other = client.post(
        reverse("candidate_signup"), {**SIGNUP, "email": "x@example.pk"}, REMOTE_ADDR="10.9.9.9"
    )
    assert other.status_code in (200, 302)
    assert client.get(reverse("candidate_signup")).status_code == 200


def test_password_reset_is_limited_per_address(client, ayesha, settings, mailoutbox):
    settings.RATE_LIMIT_PASSWORD_RESET = "3/h"
    for _ in range(3):
        client.post(reverse("password_reset"), {"email": "ayesha@example.pk"})
    refused = client.post(reverse("password_reset"), {"email": "ayesha@example.pk"})
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert len(mailoutbox) == 3


def _bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_wrong_api_tokens_are_limited_per_address_then_even_a_right_one(client, ayesha, settings):
    settings.RATE_LIMIT_API_BAD_TOKEN = "5/m"
    _row, token = api_token_create(user=ayesha.user, name="t")
    for n in range(5):
        assert client.get("/api/me", **_bearer(f"kk_guess{n}")).status_code == 401
    refused = client.get("/api/me", **_bearer("kk_guess-again"))
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "rate_limited"
    assert 0 < int(refused["Retry-After"]) <= 60
    # A guess that happens to be right teaches the guesser nothing now.
    assert client.get("/api/me", **_bearer(token)).status_code == 429
    # The token's owner elsewhere is not locked out.
    assert client.get("/api/me", REMOTE_ADDR="10.1.1.1", **_bearer(token)).status_code == 200


def test_each_token_has_its_own_request_limit(client, ayesha, tanaka, settings):
    settings.RATE_LIMIT_API = "3/m"
    _row, busy = api_token_create(user=ayesha.user, name="busy")
    _row, calm = api_token_create(user=tanaka, name="calm")
    for _ in range(3):
        assert client.get("/api/me", **_bearer(busy)).status_code == 200
    refused = client.get("/api/me", **_bearer(busy))
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert client.get("/api/me", **_bearer(calm)).json()["email"] == "tanaka@sakura.example"


def test_anonymous_api_requests_are_limited_per_address(client, db, settings):
    settings.RATE_LIMIT_API_ANONYMOUS = "2/m"
    assert client.get("/api/jobs").status_code == 200
    assert client.get("/api/jobs").status_code == 200
    assert client.get("/api/jobs").status_code == 429
    assert client.get("/api/jobs", REMOTE_ADDR="10.2.2.2").status_code == 200


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "1.1.1.1", "10.0.0.1"),  # no proxy: the header is the client's own words
        (1, "6.6.6.6, 1.1.1.1", "1.1.1.1"),  # the proxy appended what it saw
        (2, "6.6.6.6, 1.1.1.1, 10.0.0.5", "1.1.1.1"),
        (2, "1.1.1.1", "10.0.0.1"),  # fewer entries than proxies: not trusted
        (1, "1.1.1.1, <script>", "10.0.0.1"),  # not an address: never stored or counted
    ],
)
def test_the_client_address_behind_trusted_proxies(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def _production_env(tmp_path, **extra: str) -> dict[str, str]:
    return {
        "PATH": "/usr/bin:/bin",
        "KAKEHASHI_ENV": "production",
        "KAKEHASHI_VAR_DIR": str(tmp_path),
        "SECRET_KEY": "a-production-secret-key-" + "k" * 40,
        "FIELD_ENCRYPTION_KEYS": "x",
        "CNIC_LOOKUP_KEY": "x",
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
        "EMAIL_HOST": "smtp.example",
        "ALLOWED_HOSTS": "kakehashi.example",
        **extra,
    }


def _settings_start(env: dict[str, str]) -> subprocess.CompletedProcess:
    code = "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='kakehashi.settings'; django.setup()"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_production_needs_a_shared_cache(tmp_path):
    out = _settings_start(_production_env(tmp_path))
    assert out.returncode != 0 and "CACHE_URL" in out.stderr


def test_production_refuses_to_turn_two_step_sign_in_off(tmp_path):
    env = _production_env(tmp_path, CACHE_URL="redis://127.0.0.1:6379/2", MFA_ENFORCED="false")
    out = _settings_start(env)
    assert out.returncode != 0 and "MFA_ENFORCED=false is for local development only" in out.stderr


@pytest.mark.parametrize("value", ["10", "ten/h", "0/h", "10/week", "-1/m"])
def test_a_malformed_rate_names_the_variable(monkeypatch, value):
    monkeypatch.setenv("RATE_LIMIT_SIGNUP", value)
    with pytest.raises(ImproperlyConfigured, match="RATE_LIMIT_SIGNUP must be a count"):
        env_rate("RATE_LIMIT_SIGNUP", "10/h")


REDIS_URL = os.environ.get("KAKEHASHI_TEST_REDIS_URL", "")


@pytest.mark.services
@pytest.mark.skipif(not REDIS_URL, reason="set KAKEHASHI_TEST_REDIS_URL to test against Redis")
def test_limits_count_across_processes_through_redis(settings):
    """Two other interpreters (two gunicorn workers) and this one share one count."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    group = f"cross-process-{os.getpid()}"
    code = (
        "import django, json, os; os.environ['DJANGO_SETTINGS_MODULE']='kakehashi.settings'; "
        "django.setup(); from django.test import RequestFactory; "
        "from kakehashi.accounts.limits import limit_wait_seconds; "
        "r = RequestFactory().post('/', REMOTE_ADDR='192.0.2.1'); "
        f"print(json.dumps([limit_wait_seconds(r, group={group!r}, rate='3/h') for _ in range(2)]))"
    )
    env = {**os.environ, "CACHE_URL": REDIS_URL}
    for _ in range(2):
        out = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
        )
        assert out.returncode == 0, out.stderr
        waits = json.loads(out.stdout)
    # The 3rd request was counted as the 3rd although the first two came from another process,
    # so the 4th was refused.
    assert waits[0] is None and waits[1] is not None
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.1")
    assert limit_wait_seconds(request, group=group, rate="3/h") is not None

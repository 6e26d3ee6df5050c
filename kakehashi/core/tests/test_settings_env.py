import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from kakehashi.env import env_bool, env_choice, env_float, env_int

ROOT = Path(__file__).resolve().parents[3]


def test_env_example_lists_every_variable_settings_read():
    settings_src = (ROOT / "kakehashi" / "settings.py").read_text()
    read = set(re.findall(r'env_\w+\(\s*"([A-Z_]+)"', settings_src))
    read |= set(re.findall(r'_secret\(\s*"([A-Z_]+)"', settings_src))
    listed = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert read - listed == set()


@pytest.mark.parametrize(
    ("reader", "value"),
    [(lambda: env_bool("KK_FLAG", False), "maybe"), (lambda: env_int("KK_NUM", 1), "ten")],
)
def test_bad_values_name_the_variable(monkeypatch, reader, value):
    monkeypatch.setenv("KK_FLAG", value)
    monkeypatch.setenv("KK_NUM", value)
    with pytest.raises(ImproperlyConfigured, match="KK_"):
        reader()


@pytest.mark.parametrize("value", ["0.4x", "nan", "inf", "-0.1"])
def test_a_number_setting_refuses_what_is_not_a_finite_number_in_range(monkeypatch, value):
    monkeypatch.setenv("REPORTS_FAIRNESS_SKEW_MAX", value)
    with pytest.raises(ImproperlyConfigured, match="REPORTS_FAIRNESS_SKEW_MAX"):
        env_float("REPORTS_FAIRNESS_SKEW_MAX", 0.4, minimum=0.0)


def test_a_number_setting_reads_its_value_or_the_default(monkeypatch):
    monkeypatch.setenv("REPORTS_FAIRNESS_SKEW_MAX", "0.25")
    assert env_float("REPORTS_FAIRNESS_SKEW_MAX", 0.4) == 0.25
    monkeypatch.setenv("REPORTS_FAIRNESS_SKEW_MAX", "")
    assert env_float("REPORTS_FAIRNESS_SKEW_MAX", 0.4) == 0.4


def test_choice_refuses_unknown_values(monkeypatch):
    monkeypatch.setenv("KAKEHASHI_ENV", "staging")
    with pytest.raises(ImproperlyConfigured, match="KAKEHASHI_ENV must be one of"):
        env_choice("KAKEHASHI_ENV", "development", ("development", "production"))


def _production_env(tmp_path, **overrides: str) -> dict[str, str]:
    """Everything production asks for (SQLite stands in for the database)."""
    env = {
        "PATH": "/usr/bin:/bin",
        "KAKEHASHI_ENV": "production",
        "KAKEHASHI_VAR_DIR": str(tmp_path),
        "SECRET_KEY": "a-production-secret-key-" + "k" * 40,
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "CNIC_LOOKUP_KEY": "cnic-lookup-key",
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
        "CACHE_URL": "redis://127.0.0.1:6379/2",
        "EMAIL_HOST": "smtp.example",
        "ALLOWED_HOSTS": "kakehashi.example",
    }
    env.update(overrides)
    return {name: value for name, value in env.items() if value is not None}


def _settings_read(env: dict[str, str], *names: str) -> subprocess.CompletedProcess:
    """Start the settings in a fresh interpreter and print the named settings as JSON."""
    code = (
        "import django, json, os; os.environ['DJANGO_SETTINGS_MODULE']='kakehashi.settings'; "
        "django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {list(names)!r}}}))"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_secrets(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "KAKEHASHI_ENV": "production",
        "KAKEHASHI_VAR_DIR": str(tmp_path),
    }
    out = _settings_read(env, "DEBUG")
    assert out.returncode != 0
    assert "Set the environment variable SECRET_KEY" in out.stderr


@pytest.mark.parametrize("hosts", [None, " , "])
def test_production_refuses_to_start_without_allowed_hosts(tmp_path, hosts):
    out = _settings_read(_production_env(tmp_path, ALLOWED_HOSTS=hosts), "ALLOWED_HOSTS")
    assert out.returncode != 0
    assert "ImproperlyConfigured: Set ALLOWED_HOSTS" in out.stderr


def test_production_passes_the_deploy_check(tmp_path):
    out = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    assert "no issues" in out.stdout


def test_the_settings_make_prod_writes_pass_the_deploy_check(tmp_path):
    """tools/prod.sh writes var/prod.env on its first run: fresh secrets, the machine's
    PostgreSQL and Redis. With exactly those settings the deploy check has nothing to say."""
    env_file = tmp_path / "prod.env"
    written = subprocess.run(
        ["bash", "tools/prod.sh", "env"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "KAKEHASHI_PROD_ENV": str(env_file)},
        capture_output=True,
        text=True,
    )
    assert written.returncode == 0, written.stderr
    assert written.stdout.strip() == str(env_file)
    assert env_file.stat().st_mode & 0o777 == 0o600  # it holds the keys
    prod = dict(
        line.split("=", 1)
        for line in env_file.read_text().splitlines()
        if line and not line.startswith("#")
    )
    assert prod["KAKEHASHI_ENV"] == "production"
    assert prod["DATABASE_URL"] == "postgres://postgres@127.0.0.1:5432/kakehashi"
    assert len(prod["SECRET_KEY"]) >= 50
    Fernet(prod["FIELD_ENCRYPTION_KEYS"].encode())  # a real Fernet key
    prod["KAKEHASHI_VAR_DIR"] = str(tmp_path / "var")
    out = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", **prod},
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    assert "no issues" in out.stdout
    # A second run keeps the file (its keys read the database's CNICs ever after).
    again = subprocess.run(
        ["bash", "tools/prod.sh", "env"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "KAKEHASHI_PROD_ENV": str(env_file)},
        capture_output=True,
        text=True,
    )
    assert again.returncode == 0 and prod["SECRET_KEY"] in env_file.read_text()


def test_production_redirects_to_https_pins_it_and_sends_cookies_over_it_only(tmp_path):
    out = _settings_read(
        _production_env(tmp_path),
        "SECURE_SSL_REDIRECT",
        "SECURE_PROXY_SSL_HEADER",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": False,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
    }


def test_production_behind_a_proxy_that_redirects_and_names_its_own_header(tmp_path):
    env = _production_env(
        tmp_path,
        SECURE_SSL_REDIRECT="false",
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Scheme",
        SECURE_HSTS_PRELOAD="true",
    )
    out = _settings_read(
        env, "SECURE_SSL_REDIRECT", "SECURE_PROXY_SSL_HEADER", "SECURE_HSTS_PRELOAD"
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == {
        "SECURE_SSL_REDIRECT": False,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_SCHEME", "https"],
        "SECURE_HSTS_PRELOAD": True,
    }
    off = _settings_read(
        _production_env(tmp_path, SECURE_PROXY_SSL_HEADER="off"), "SECURE_PROXY_SSL_HEADER"
    )
    assert json.loads(off.stdout) == {"SECURE_PROXY_SSL_HEADER": None}


def test_production_refuses_a_proxy_header_that_is_not_a_header_name(tmp_path):
    out = _settings_read(
        _production_env(tmp_path, SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto: https"),
        "SECURE_PROXY_SSL_HEADER",
    )
    assert out.returncode != 0
    assert "SECURE_PROXY_SSL_HEADER must be a header name" in out.stderr

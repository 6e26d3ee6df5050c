import re
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from kakehashi.env import env_bool, env_choice, env_int

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


def test_choice_refuses_unknown_values(monkeypatch):
    monkeypatch.setenv("KAKEHASHI_ENV", "staging")
    with pytest.raises(ImproperlyConfigured, match="KAKEHASHI_ENV must be one of"):
        env_choice("KAKEHASHI_ENV", "development", ("development", "production"))


def test_production_refuses_to_start_without_secrets(tmp_path):
    import subprocess
    import sys

    env = {
        "PATH": "/usr/bin:/bin",
        "KAKEHASHI_ENV": "production",
        "KAKEHASHI_VAR_DIR": str(tmp_path),
    }
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='kakehashi.settings'; django.setup()",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert out.returncode != 0
    assert "Set the environment variable SECRET_KEY" in out.stderr

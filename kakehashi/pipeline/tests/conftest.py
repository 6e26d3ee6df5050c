"""Personas for the interview, scorecard and offer tests: Tanaka (Sakura's admin, in Tokyo),
Sato (recruiter), Kenji (interviewer), Ayesha (candidate, in Lahore) shortlisted for the ML
job; "now" is fixed so slots are in the future or the past on purpose."""

from __future__ import annotations

import datetime as dt

import pytest

from kakehashi.conftest import make_member
from kakehashi.core.tests.test_browser import browser, csp_refusals, page  # noqa: F401 - fixtures
from kakehashi.employers.models import EmployerMember
from kakehashi.pipeline.services import application_advance, application_create

NOW = dt.datetime(2026, 12, 1, 3, 0, tzinfo=dt.UTC)  # 12:00 in Tokyo, 08:00 in Karachi
TOKYO = dt.timezone(dt.timedelta(hours=9))


def at_tokyo(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A December 2026 time as Tanaka types it in Tokyo."""
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=TOKYO)


@pytest.fixture
def tokyo_tanaka(tanaka):
    tanaka.time_zone = "Asia/Tokyo"
    tanaka.save(update_fields=["time_zone"])
    return tanaka


@pytest.fixture
def kenji(sakura):
    user = make_member(sakura, "kenji@sakura.example", EmployerMember.Role.INTERVIEWER)
    user.time_zone = "Asia/Tokyo"
    user.save(update_fields=["time_zone"])
    return user


@pytest.fixture
def shortlisted(ayesha, sakura_job, tokyo_tanaka):
    app = application_create(candidate=ayesha, job=sakura_job, actor=ayesha.user)
    application_advance(application=app, stage="shortlisted", actor=tokyo_tanaka)
    return app

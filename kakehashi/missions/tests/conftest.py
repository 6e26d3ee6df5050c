import pytest

from kakehashi.core.tests.test_browser import browser, csp_refusals, page  # noqa: F401 - fixtures
from kakehashi.pipeline.services import application_advance, application_create


@pytest.fixture
def invited(ayesha, bilal, tanaka, sakura_job):
    apps = []
    for profile in (ayesha, bilal):
        app = application_create(candidate=profile, job=sakura_job, actor=profile.user)
        application_advance(application=app, stage="shortlisted", actor=tanaka)
        application_advance(application=app, stage="invited", actor=tanaka)
        apps.append(app)
    return apps

"""Schemathesis fuzzes every API operation from the OpenAPI schema: no server error, and
every response conforms to the schema. Driven through Hypothesis directly (its pytest
plugin does not load under pytest 9), on a small world with a candidate's token."""

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import ignored_auth

from kakehashi.api.services import api_token_create
from kakehashi.wsgi import application


def _fuzz(operation, token: str, excluded: list) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    def check(case):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}
        case.call_and_validate(excluded_checks=excluded)

    check()


def test_api_never_errors_and_matches_its_schema(ayesha, sakura_job, tanaka):
    token = api_token_create(user=ayesha.user, name="fuzz")[1]
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 6
    for operation in operations:
        # The job board is public by design: a token is optional there.
        public = operation.method.upper() == "GET" and operation.path.startswith("/api/jobs")
        _fuzz(operation, token, [ignored_auth] if public else [])

"""Structured logs: each request gets an id (X-Request-ID in and out) that every line written
for it carries, and LOG_FORMAT=json writes one JSON object a line."""

import io
import json
import logging
import subprocess
import sys

import pytest

from kakehashi.core.logs import JsonFormatter, RequestIdFilter
from kakehashi.core.tests.test_settings_env import ROOT, _production_env, _settings_read


@pytest.fixture
def json_lines():
    """The JSON lines the request logger writes during the test, parsed."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("kakehashi.request")
    logger.addHandler(handler)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        logger.removeHandler(handler)


def test_every_response_carries_a_fresh_request_id_and_its_log_line_the_same(
    client, db, json_lines
):
    first = client.get("/jobs/?q=secret-search")
    second = client.get("/no-such-page/")
    ids = [first["X-Request-ID"], second["X-Request-ID"]]
    assert len(set(ids)) == 2 and all(len(i) == 32 for i in ids)
    lines = json_lines()
    assert [(line["request_id"], line["path"], line["status"]) for line in lines] == [
        (ids[0], "/jobs/", 200),
        (ids[1], "/no-such-page/", 404),
    ]
    assert all(line["method"] == "GET" and line["level"] == "INFO" for line in lines)
    assert all(isinstance(line["duration_ms"], float) for line in lines)
    # The query string (a search may hold a name or a CNIC) is not logged.
    assert "secret-search" not in json.dumps(lines)


def test_a_proxys_request_id_is_kept_and_a_malformed_one_replaced(client, db, json_lines):
    kept = client.get("/jobs/", HTTP_X_REQUEST_ID="lb-7f3a.42")
    assert kept["X-Request-ID"] == "lb-7f3a.42"
    forged = client.get("/jobs/", HTTP_X_REQUEST_ID='x" level=ERROR injected')
    assert forged["X-Request-ID"] != 'x" level=ERROR injected'
    assert len(forged["X-Request-ID"]) == 32
    assert [line["request_id"] for line in json_lines()] == ["lb-7f3a.42", forged["X-Request-ID"]]


def test_a_line_outside_a_request_says_so_and_keeps_its_traceback():
    record = logging.LogRecord(
        "kakehashi.x", logging.ERROR, __file__, 1, "failed %s", ("job",), None
    )
    try:
        raise ValueError("boom")
    except ValueError:
        record.exc_info = sys.exc_info()
    RequestIdFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "failed job" and line["request_id"] == "-"
    assert line["level"] == "ERROR" and "ValueError: boom" in line["exc_info"]


def test_a_librarys_structured_extras_stay_out_of_the_line():
    """Celery passes a task's arguments (e-mail addresses, bodies) as `data`: not logged."""
    logger = logging.getLogger("kakehashi.x")
    record = logger.makeRecord(
        "kakehashi.x",
        logging.INFO,
        __file__,
        1,
        "Task %s received",
        ("email_send",),
        None,
        extra={"data": {"kwargs": "{'to': ['ayesha@mail.example']}"}, "task": "email_send"},
    )
    line = json.loads(JsonFormatter().format(record))
    assert line["task"] == "email_send" and "data" not in line
    assert "ayesha" not in json.dumps(line)


def test_production_logs_json_by_default_and_text_on_request(tmp_path):
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='kakehashi.settings'; "
        "django.setup(); import logging; logging.getLogger('kakehashi.x').warning('hello %s', 1)"
    )

    def run(**env):
        return subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env=_production_env(tmp_path, **env),
            capture_output=True,
            text=True,
        )

    out = run()
    assert out.returncode == 0, out.stderr
    line = json.loads(out.stderr.strip().splitlines()[-1])
    assert (line["message"], line["logger"], line["request_id"]) == ("hello 1", "kakehashi.x", "-")
    text = run(LOG_FORMAT="text").stderr.strip().splitlines()[-1]
    assert text.endswith("WARNING kakehashi.x [-] hello 1")


def test_an_unknown_log_format_stops_start_up(tmp_path):
    out = _settings_read(_production_env(tmp_path, LOG_FORMAT="xml"), "LOG_FORMAT")
    assert out.returncode != 0
    assert "LOG_FORMAT must be one of json, text" in out.stderr

"""Structured logs: one JSON object a line (LOG_FORMAT=json, the production default) or
plain text (LOG_FORMAT=text), each line carrying the id of the request it was written for.

The id comes from the request's X-Request-ID header when a proxy in front set a sane one,
else it is made here; it is sent back in the response's X-Request-ID, so an operator can
find every line of one user's failed request (request_id_middleware)."""

from __future__ import annotations

import contextvars
import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")

# What we accept from a proxy: short, no spaces or quotes (it goes into logs and a header).
_REQUEST_ID_RE = re.compile(r"[A-Za-z0-9._:-]{1,64}")

# The attributes every LogRecord has; anything else was passed in `extra=` and is logged too.
_RECORD_ATTRS = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "request_id",
}


_PLAIN = (str, int, float, bool, type(None))


class RequestIdFilter(logging.Filter):
    """Puts the current request's id on every record (``-`` outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC, ISO 8601), level, logger, message, request_id,
    the plain (str, number, bool) `extra=` fields, and the traceback when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id_var.get()),
        }
        for key, value in vars(record).items():
            # Plain values only: a library's structures (Celery's "data" holds a task's
            # arguments, e-mail addresses and bodies) stay out of the logs.
            if key not in _RECORD_ATTRS and not key.startswith("_") and isinstance(value, _PLAIN):
                entry[key] = value
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


request_log = logging.getLogger("kakehashi.request")


def request_id_middleware(get_response):
    """Give each request an id (X-Request-ID in and out) and log one line when it is
    answered: method, path (no query string: it may carry personal data), status, time."""

    def middleware(request):
        given = request.headers.get("X-Request-ID", "")
        request_id = given if _REQUEST_ID_RE.fullmatch(given) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = get_response(request)
            response.headers["X-Request-ID"] = request_id
            request_log.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            return response
        finally:
            request_id_var.reset(token)

    return middleware

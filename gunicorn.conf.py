"""gunicorn's settings for Kakehashi (`make prod`; docs/operations.md, "Production").

Read from the environment: WEB_BIND (default 127.0.0.1:8000, for the TLS proxy in front),
WEB_CONCURRENCY (worker processes, default 4), WEB_TIMEOUT (seconds a request may take
before its worker is replaced, default 60). Logs go to standard error in the app's format
(LOG_FORMAT=json|text); the app logs one line per request, so gunicorn's access log is off."""

from __future__ import annotations

import os

bind = [os.environ.get("WEB_BIND", "127.0.0.1:8000")]
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests (and a random few more, so that they do not
# all restart together): memory a long-running process gathers is given back.
max_requests = 2000
max_requests_jitter = 200
# Behind a proxy on this machine: trust its X-Forwarded-* only from loopback.
forwarded_allow_ips = "127.0.0.1,::1"
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "INFO").lower()

_format = os.environ.get("LOG_FORMAT", "json")
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "kakehashi.core.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [-] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": _format if _format in ("json", "text") else "json",
            "filters": ["request_id"],
        }
    },
    "filters": {"request_id": {"()": "kakehashi.core.logs.RequestIdFilter"}},
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": loglevel.upper(), "propagate": False}
    },
}

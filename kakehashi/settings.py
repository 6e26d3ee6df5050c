"""Kakehashi settings, read from environment variables (see .env.example).

KAKEHASHI_ENV=development (default) runs on embedded defaults: SQLite under var/,
Celery eager, console e-mail, secrets generated once into var/. KAKEHASHI_ENV=production
requires every secret and service to be given explicitly.
"""

from __future__ import annotations

import json
import re
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from cryptography.fernet import Fernet
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from kakehashi.env import env_bool, env_choice, env_float, env_int, env_list, env_rate, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("KAKEHASHI_VAR_DIR", str(BASE_DIR / "var")))

KAKEHASHI_ENV = env_choice("KAKEHASHI_ENV", "development", ("development", "production"))
PRODUCTION = KAKEHASHI_ENV == "production"


def _dev_secret(name: str, make) -> str:
    """A development secret, generated once and kept in var/dev-secrets.json."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "dev-secrets.json"
    stored = json.loads(path.read_text()) if path.exists() else {}
    if name not in stored:
        stored[name] = make()
        path.write_text(json.dumps(stored, indent=1))
        path.chmod(0o600)
    return stored[name]


def _secret(name: str, make) -> str:
    if PRODUCTION:
        return env_str(name)
    return env_str(name, "") or _dev_secret(name, make)


SECRET_KEY = _secret("SECRET_KEY", lambda: secrets.token_urlsafe(50))
# Fernet keys for personal data at rest (CNIC, passport); comma-separated, newest first.
FIELD_ENCRYPTION_KEYS = _secret("FIELD_ENCRYPTION_KEYS", lambda: Fernet.generate_key().decode())
# HMAC key for looking up an encrypted CNIC (duplicate registration) without decrypting.
CNIC_LOOKUP_KEY = _secret("CNIC_LOOKUP_KEY", lambda: secrets.token_urlsafe(32))

DEBUG = env_bool("DEBUG", not PRODUCTION)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "Set ALLOWED_HOSTS (comma-separated host names, e.g. kakehashi.moitt.gov.pk) in production."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
# A form sent without its token gets a page in the reader's language saying what to do.
CSRF_FAILURE_VIEW = "kakehashi.core.views.csrf_failure"
# The port `make run` serves on (development links when SITE_URL is unset).
PORT = env_int("PORT", 8000, minimum=1)
# The site's address in e-mail links; empty: the address each request came to
# (kakehashi.core.site.site_url).
SITE_URL = env_str("SITE_URL", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    # Failed sign-ins per account and address (lockout), in the database: shared by processes.
    "axes",
    # Two-step sign-in: authenticator apps (TOTP); recovery codes are accounts' own device.
    "django_otp",
    "django_otp.plugins.otp_totp",
    # For its templates and static files: /api/docs is then served from here, not a CDN.
    "ninja",
    "kakehashi.core",
    "kakehashi.audit",
    "kakehashi.accounts",
    "kakehashi.taxonomy",
    "kakehashi.employers",
    "kakehashi.jobs",
    "kakehashi.candidates",
    "kakehashi.pipeline",
    "kakehashi.missions",
    "kakehashi.matching",
    "kakehashi.reports",
    "kakehashi.api",
    "kakehashi.portal",
]

MIDDLEWARE = [
    # First: its Server-Timing header counts everything below it.
    "kakehashi.core.middleware.server_timing_middleware",
    # Then every later line of the request's logs carries its id (X-Request-ID).
    "kakehashi.core.logs.request_id_middleware",
    "django.middleware.security.SecurityMiddleware",
    "kakehashi.core.middleware.permissions_policy_middleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "kakehashi.core.site.site_origin_middleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kakehashi.accounts.middleware.session_lifetime_middleware",
    "django_otp.middleware.OTPMiddleware",
    "kakehashi.accounts.middleware.UserLanguageMiddleware",
    "kakehashi.accounts.middleware.UserTimezoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "kakehashi.core.middleware.NotFoundPageMiddleware",
    # After the language is known (its page is translated), before anything reads the body.
    "kakehashi.core.middleware.upload_size_limit_middleware",
    "kakehashi.accounts.middleware.MfaRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: turns a locked-out sign-in into the 429 page (accounts.views.login_locked_out).
    "axes.middleware.AxesMiddleware",
]

if PRODUCTION:
    # Static files from the app server in production (runserver serves them in development).
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
        "whitenoise.middleware.WhiteNoiseMiddleware",
    )

# Headers on every response (SecurityMiddleware, CSPMiddleware, core.middleware).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Scripts and styles come only from our static files: no inline <script>, on…= handler or
# style attribute (kakehashi/core/tests/test_templates_csp.py checks the templates).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # data: for the icons inlined in the API docs' stylesheet.
        "img-src": [SELF, "data:"],
        # The Noto web fonts of static/kakehashi/fonts (tools/vendor_fonts.py).
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

ROOT_URLCONF = "kakehashi.urls"
WSGI_APPLICATION = "kakehashi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "kakehashi" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    },
    {
        # Plain-text e-mails (kakehashi.core.notify.email_render): nothing is HTML-escaped,
        # so "R&D <Cloud>" arrives as written, not as "R&amp;D &lt;Cloud&gt;".
        "NAME": "email",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "kakehashi" / "templates" / "email"],
        "OPTIONS": {"autoescape": False},
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'kakehashi.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0 if not PRODUCTION else 60, minimum=0),
        # A kept connection is checked before each request reuses it: after a database
        # restart the request gets a fresh connection instead of a 500.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a seed or a worker writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# Axes first: it refuses a locked-out account+address before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in hardening (docs/operations.md, "Sign-in and sessions").
# Lockout: this many wrong passwords for one account from one address lock that pair out for
# the cool-off; the same answer whether or not the account exists.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "kakehashi.accounts.limits.login_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "kakehashi.accounts.views.login_locked_out"
AXES_CLIENT_IP_CALLABLE = "kakehashi.accounts.limits.client_address"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
# How many proxies in front of the app append to X-Forwarded-For (0: the client connects to
# gunicorn directly, REMOTE_ADDR is the client). Limits and lockouts count per client address.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
# Rate limits ("count/period", period s, m, h or d), counted in the cache (Redis in production,
# so every process counts together): 429 with Retry-After when exceeded.
RATE_LIMIT_SIGNUP = env_rate("RATE_LIMIT_SIGNUP", "10/h")  # sign-up forms sent, per address
RATE_LIMIT_PASSWORD_RESET = env_rate("RATE_LIMIT_PASSWORD_RESET", "5/h")  # per address
RATE_LIMIT_EMAIL_CONFIRM_RESEND = env_rate("RATE_LIMIT_EMAIL_CONFIRM_RESEND", "5/h")
RATE_LIMIT_API = env_rate("RATE_LIMIT_API", "600/m")  # per token
RATE_LIMIT_API_ANONYMOUS = env_rate("RATE_LIMIT_API_ANONYMOUS", "120/m")  # per address
RATE_LIMIT_API_BAD_TOKEN = env_rate("RATE_LIMIT_API_BAD_TOKEN", "10/m")  # wrong tokens, per address
# API tokens expire this many days after they are made.
API_TOKEN_LIFETIME_DAYS = env_int("API_TOKEN_LIFETIME_DAYS", 90, minimum=1)
# A session ends SESSION_MAX_HOURS after sign-in, or after SESSION_IDLE_MINUTES without a
# request, whichever comes first (accounts.middleware.session_lifetime_middleware).
SESSION_COOKIE_AGE = env_int("SESSION_MAX_HOURS", 12, minimum=1) * 3600
SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_MINUTES", 120, minimum=5) * 60
# Two-step sign-in: required for ministry officers and for anyone who turned it on. Off only
# for local development (refused in production).
MFA_ENFORCED = env_bool("MFA_ENFORCED", True)
if PRODUCTION and not MFA_ENFORCED:
    raise ImproperlyConfigured("MFA_ENFORCED=false is for local development only.")
OTP_TOTP_ISSUER = "Kakehashi"
# E-mail confirmation links at sign-up are valid this long.
EMAIL_CONFIRM_DAYS = env_int("EMAIL_CONFIRM_DAYS", 3, minimum=1)

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ja", _("Japanese")), ("ur", _("Urdu"))]
LOCALE_PATHS = [BASE_DIR / "kakehashi" / "locale"]
USE_I18N = True
# Dates and numbers per language (kakehashi/formats): month names or 年月日, 24-hour times,
# thousands grouped. Not USE_THOUSAND_SEPARATOR: it would also group ids printed in pages.
FORMAT_MODULE_PATH = ["kakehashi.formats"]
USE_TZ = True
TIME_ZONE = "Asia/Karachi"

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "kakehashi" / "static"]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(VAR_DIR / "private")},
    },
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Uploaded files are private: never served under a public URL (views check access).
MEDIA_ROOT = VAR_DIR / "private"
# Keep the matching index in step when a profile changes (a Celery task per change).
MATCHING_INDEX_AUTO_REFRESH = env_bool("MATCHING_INDEX_AUTO_REFRESH", True)
# The published index (main segments, delta logs): a directory every web and worker node of
# a deployment mounts; empty: VAR_DIR/matching-index. See docs/matching.md, docs/scaling.md.
MATCHING_INDEX_DIR = env_str("MATCHING_INDEX_DIR", "")
# Spare rows saved with a main segment for new candidates (beyond them a process copies the
# arrays into memory until the next compaction).
MATCHING_INDEX_HEADROOM = env_int("MATCHING_INDEX_HEADROOM", 4096, minimum=0)
# Compact the delta log into a new main segment after this many changes, and (beat) every
# this many seconds when it holds any.
MATCHING_INDEX_COMPACT_AFTER = env_int("MATCHING_INDEX_COMPACT_AFTER", 2000, minimum=1)
MATCHING_INDEX_COMPACT_SECONDS = env_int("MATCHING_INDEX_COMPACT_SECONDS", 600, minimum=10)
# Words of a profile's headline, latest roles and skills with evidence that are embedded (0:
# all): embedding time grows with the text; docs/matching.md has the quality measured per cut.
MATCHING_EMBED_WORDS = env_int("MATCHING_EMBED_WORDS", 32, minimum=0)
# Text vectors cached by text hash: in each process (count), and in the shared cache (seconds).
MATCHING_VECTOR_LRU = env_int("MATCHING_VECTOR_LRU", 20000, minimum=0)
MATCHING_VECTOR_CACHE_SECONDS = env_int("MATCHING_VECTOR_CACHE_SECONDS", 30 * 24 * 3600, minimum=60)
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 10 * 1024 * 1024, minimum=1024)
# Uploaded files and their folders are readable by the server's own user only.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# Cache: rate-limit counters. Redis in production (shared by every process; required there),
# process memory in development.
CACHE_URL = env_str("CACHE_URL", "" if not PRODUCTION else None)
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# E-mail: console in development, SMTP in production.
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Kakehashi <no-reply@kakehashi.example>")
if env_str("EMAIL_HOST", "") or PRODUCTION:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env_str("EMAIL_HOST")
    EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Reports: a shortlist group whose share is beyond exp(±max) times its share of the eligible
# pool is flagged (Skew@k); the engine's top k read for one job on the fairness page.
REPORTS_FAIRNESS_SKEW_MAX = env_float("REPORTS_FAIRNESS_SKEW_MAX", 0.4, minimum=0.0)
REPORTS_FAIRNESS_TOP_K = env_int("REPORTS_FAIRNESS_TOP_K", 50, minimum=1)

# Celery: eager (in-process) unless a broker is given.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", "")
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# A task is acknowledged when it has run, not when it is received: a worker killed mid-task
# (kill -9, OOM, a lost machine) leaves it to be delivered again to another worker, which the
# tasks tolerate (a CV parse rewrites its own result; e-mails and index refreshes are safe to
# repeat). Redis redelivers an unacknowledged task after the visibility timeout.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 600, minimum=60)
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Run with `celery -A kakehashi beat` beside the workers.
CELERY_BEAT_SCHEDULE = {
    "matching-index-compact": {
        "task": "kakehashi.matching.tasks.matching_index_compact_task",
        "schedule": MATCHING_INDEX_COMPACT_SECONDS,
        "options": {"expires": MATCHING_INDEX_COMPACT_SECONDS},
    },
    "hire-deadlines": {
        "task": "kakehashi.pipeline.tasks.hire_deadlines_daily",
        "schedule": 24 * 3600,
        "options": {"expires": 3600},
    },
    "retention": {
        "task": "kakehashi.candidates.retention.retention_daily",
        "schedule": 24 * 3600,
        "options": {"expires": 3600},
    },
    "cv-parse-sweep": {
        "task": "kakehashi.candidates.sweeper.cv_parse_sweep",
        "schedule": 5 * 60,
        "options": {"expires": 4 * 60},
    },
    "signin-records-prune": {
        "task": "kakehashi.accounts.tasks.signin_records_prune_daily",
        "schedule": 24 * 3600,
        "options": {"expires": 3600},
    },
    "access-records-prune": {
        "task": "kakehashi.audit.tasks.access_records_prune_daily",
        "schedule": 24 * 3600,
        "options": {"expires": 3600},
    },
    # The engine over every candidate and open job, for the reports (nightly).
    "reports-supply": {
        "task": "kakehashi.reports.tasks.reports_supply_task",
        "schedule": 24 * 3600,
        "options": {"expires": 6 * 3600},
    },
    # Last month's programme report to the analysts, on the first of each month.
    "reports-monthly": {
        "task": "kakehashi.reports.tasks.reports_monthly_task",
        "schedule": crontab(minute=0, hour=6, day_of_month="1"),
        "options": {"expires": 3600},
    },
    "interview-reminders": {
        "task": "kakehashi.pipeline.tasks.interview_reminders_hourly",
        "schedule": 3600,
        "options": {"expires": 1800},
    },
    "offers-expire": {
        "task": "kakehashi.pipeline.tasks.offers_expire_daily",
        "schedule": 24 * 3600,
        "options": {"expires": 3600},
    },
}
# --- Faults: a killed worker, a restarted database or broker (docs/operations.md, "Faults";
# bench/faults.py measures them). Acks-late, reject-on-worker-lost, prefetch 1 and the
# visibility timeout are set with the Celery settings above; the database's kept connections
# are health-checked (DATABASES). ---
# E-mails are sent once per idempotency key (core.models.EmailSent); keys are kept 30 days.
CELERY_BEAT_SCHEDULE["email-keys-prune"] = {
    "task": "kakehashi.core.tasks.email_keys_prune_daily",
    "schedule": 24 * 3600,
    "options": {"expires": 3600},
}
# Sending a task while Redis restarts: retried for about 5 s before the request fails.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 6,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1.0,
}
# Redis hands back a dead worker's unacknowledged tasks when a worker scans for those older
# than the visibility timeout: kombu scans every 10 s but only acts on every 10th scan (a
# redelivery up to 100 s late); every scan acts here (one small sorted-set query each).
CELERY_BROKER_TRANSPORT_OPTIONS |= {"unacked_restore_interval": 10, "unacked_restore_throttle": 1}
# A worker that loses Redis keeps trying to reconnect (Celery's default gives up after 100).
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
# --- end of Faults ---

# Retention: a candidate whose recruitment ended (no open application, not hired) is erased
# after this many days without activity; records of views of personal data are kept this
# long (APPI asks for 3 years for provisions to third parties abroad).
KAKEHASHI_RETENTION_DAYS = env_int("KAKEHASHI_RETENTION_DAYS", 365, minimum=30)
KAKEHASHI_ACCESS_RECORD_DAYS = env_int("KAKEHASHI_ACCESS_RECORD_DAYS", 3 * 365, minimum=3 * 365)
# Sign-in attempts (django-axes: e-mail typed, address, browser), longer than any lockout.
KAKEHASHI_SIGNIN_RECORD_DAYS = env_int("KAKEHASHI_SIGNIN_RECORD_DAYS", 90, minimum=1)
if PRODUCTION and not CELERY_BROKER_URL:
    raise ImproperlyConfigured(
        "Set CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/0) in production."
    )


def _proxy_ssl_header(value: str) -> tuple[str, str] | None:
    """The request header a TLS-terminating proxy sets to "https", as Django reads it."""
    if value.lower() == "off":
        return None
    if not re.fullmatch(r"[A-Za-z0-9-]+", value):
        raise ImproperlyConfigured(
            f"SECURE_PROXY_SSL_HEADER must be a header name such as X-Forwarded-Proto, "
            f"or off (got {value!r})."
        )
    return ("HTTP_" + value.upper().replace("-", "_"), "https")


if PRODUCTION:
    # Production is served over HTTPS only: redirect plain HTTP, pin HTTPS in browsers (HSTS)
    # and send cookies over HTTPS only.
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Trust this header only when the proxy in front sets it on every request (overwriting
    # what the client sent); "off" when the app server is reached directly.
    SECURE_PROXY_SSL_HEADER = _proxy_ssl_header(
        env_str("SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto")
    )
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        # Preloading is asked for a whole registrable domain by its owner (the ministry's
        # parent domain), and is slow to undo: opting in is a decision, so its absence is
        # no warning here.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)

# Logs to standard error, one line each: JSON objects in production (LOG_FORMAT=json: time,
# level, logger, message, request_id and the fields given with it), plain text in development.
# Every line written while answering a request carries its X-Request-ID (core/logs.py).
LOG_FORMAT = env_choice("LOG_FORMAT", "json" if PRODUCTION else "text", ("json", "text"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "kakehashi.core.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "kakehashi.core.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Our own line per request replaces runserver's and Django's request lines.
    "loggers": {"django.server": {"level": "WARNING"}},
}
# Celery's worker and beat keep this logging (same format) instead of installing their own.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

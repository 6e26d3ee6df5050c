"""Replay issue 18's attacks against a live server (loopback only) and count the outcomes.

    .venv/bin/python bench/security.py [--port 8765] [--candidates 60] [--keep]

Sets up a fresh SQLite database with small demo data in a temporary directory, starts
``manage.py runserver`` on a private port (DEBUG off, Celery eager) and replays, over HTTP:

- uploads: the hostile corpus (engine/tests/hostile_files.py) at the CV upload, the
  certificate upload and the job import: a renamed .exe, an HTML page starting with %PDF, a
  PDF with JavaScript, encrypted and truncated PDFs, a DOCX zip bomb, an XXE DOCX, a 50 MB
  file, nested JSON, a PNG decompression bomb, a JPEG with a page appended, XXE and
  billion-laughs sheets, a million-row sheet;
- injection: SQL, script, template and control-character strings in every search and filter
  parameter of the pages and the API;
- the parameter fuzz: every GET page of the site (and the admin's change lists) as each kind
  of person, with junk in the common parameters;
- personal-data views: each page that shows one person's data, opened once; a view is
  *unrecorded* when no row is added to any table of the audit app;
- brute force (last, as it may lock the loopback address out): 60 wrong passwords for one
  account then the right one, and 30 wrong API tokens.

Outcomes: *refused clearly* (refused with a message, or handled safely: an injection string
searched as text, a junk parameter ignored), *neutralised* (stored, but as a clean copy: a
certificate re-rendered), *server errors* (5xx or no answer), *accepted wrongly* (stored or
acted on as sent, reflected unescaped, no limit hit). The comparison is each refusal's time
against a benign upload of the same kind, as a ratio. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.tests import hostile_files as hostile  # noqa: E402

PYTHON = sys.executable
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TIMEOUT = 120


@dataclass
class Tally:
    tried: int = 0
    refused: int = 0
    neutralised: int = 0
    server_errors: int = 0
    accepted_wrongly: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, outcome: str, note: str = "") -> None:
        self.tried += 1
        setattr(self, outcome, getattr(self, outcome) + 1)
        if note and outcome in ("server_errors", "accepted_wrongly"):
            self.notes.append(note)


TALLIES: dict[str, Tally] = defaultdict(Tally)
TIMINGS: dict[str, float] = {}


# --- the server ---------------------------------------------------------------------------


def _env(var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "CELERY_"))}
    env.update(
        KAKEHASHI_ENV="development",
        KAKEHASHI_VAR_DIR=str(var_dir),
        DEBUG="false",
        CELERY_TASK_ALWAYS_EAGER="true",
        DJANGO_SETTINGS_MODULE="kakehashi.settings",
        LOG_LEVEL="ERROR",
    )
    env.pop("EMAIL_HOST", None)
    return env


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def server_prepare(var_dir: Path, *, candidates: int) -> dict[str, str]:
    env = _env(var_dir)
    started = time.perf_counter()
    _manage(env, "migrate", "--noinput")
    _manage(env, "taxonomy_load")
    _manage(env, "demo_seed", "--candidates", str(candidates), "--employers", "6", "--jobs", "20")
    _manage(env, "matching_index_rebuild")
    TIMINGS["setup_s"] = time.perf_counter() - started
    return env


def server_start(env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    process = subprocess.Popen(
        [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            requests.get(base + "/", timeout=2)
            return process
        except requests.ConnectionError:
            time.sleep(0.5)
    process.terminate()
    raise SystemExit(f"the server did not start; see {log}")


# --- HTTP helpers ---------------------------------------------------------------------------


class Visitor:
    """One browser: a session signed in as ``email`` (or anonymous)."""

    def __init__(self, base: str, email: str | None = None, password: str = "") -> None:
        self.base = base
        self.session = requests.Session()
        self.email = email
        if email:
            self.signed_in = self.sign_in(email, password)

    def token(self, path: str) -> str:
        """A CSRF token from the page at ``path`` (or from the home page, whose language
        menu is a form, for a POST-only path)."""
        for page_path in (path, "/"):
            found = CSRF.search(self.session.get(self.base + page_path, timeout=TIMEOUT).text)
            if found:
                return found.group(1)
        return ""

    def sign_in(self, email: str, password: str) -> bool:
        response = self.session.post(
            self.base + "/login/",
            data={
                "username": email,
                "password": password,
                "csrfmiddlewaretoken": self.token("/login/"),
            },
            timeout=TIMEOUT,
            allow_redirects=False,
        )
        if response.status_code != 302 or "/login/" in response.headers.get("Location", ""):
            return False
        # Whether this person owes a second factor shows on the next page, not in the
        # sign-in's redirect: any page then sends them to the code page.
        probe = self.session.get(self.base + "/", timeout=TIMEOUT, allow_redirects=False)
        if "/account/two-step/" not in probe.headers.get("Location", ""):
            return True
        return self.second_factor(email)

    def second_factor(self, email: str) -> bool:
        """An officer's second step, with the code their authenticator would show now (the
        demo gives each officer one; its key is read from the database beside the server)."""
        from django_otp.oath import totp
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.filter(user__email=email, confirmed=True).first()
        if device is None:
            return False
        code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
        response = self.session.post(
            self.base + "/account/two-step/",
            data={
                "code": f"{code:0{device.digits}d}",
                "csrfmiddlewaretoken": self.token("/account/two-step/"),
            },
            timeout=TIMEOUT,
            allow_redirects=False,
        )
        return response.status_code == 302 and "/account/two-step" not in response.headers.get(
            "Location", ""
        )

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.session.get(self.base + path, timeout=TIMEOUT, **kwargs)

    def post(self, path: str, data: dict | None = None, files: dict | None = None, **kwargs):
        data = {**(data or {}), "csrfmiddlewaretoken": self.token(path)}
        return self.session.post(
            self.base + path, data=data, files=files, timeout=TIMEOUT, **kwargs
        )


def _failed(response: requests.Response | None) -> bool:
    return response is None or response.status_code >= 500


def _request(call, *args, **kwargs) -> requests.Response | None:
    try:
        return call(*args, **kwargs)
    except requests.RequestException:
        return None


# --- the database, read beside the server -------------------------------------------------


def django_setup(env: dict[str, str]) -> None:
    os.environ.update(env)
    import django

    django.setup()


def audit_rows() -> int:
    """Rows in every table of the audit app (audit events, access records, …)."""
    from django.apps import apps

    return sum(model.objects.count() for model in apps.get_app_config("audit").get_models())


# --- uploads ---------------------------------------------------------------------------------


def _cv_state(visitor: Visitor, profile_id: int, before: set[int]):
    from kakehashi.candidates.models import CvDocument

    return list(CvDocument.objects.filter(profile_id=profile_id).exclude(pk__in=before))


def uploads_cv(candidate: Visitor, profile_id: int) -> None:
    from kakehashi.candidates.models import CvDocument

    tally = TALLIES["uploads: CV"]
    corpus = [
        ("renamed .exe as .pdf", "cv.pdf", hostile.exe_renamed()),
        ("renamed .exe as .docx", "cv.docx", hostile.exe_renamed()),
        ("HTML starting with %PDF", "cv.pdf", hostile.pdf_html_polyglot()),
        ("encrypted PDF", "cv.pdf", hostile.pdf_encrypted()),
        ("truncated PDF", "cv.pdf", hostile.pdf_corrupt()),
        ("zip bomb DOCX", "cv.docx", hostile.docx_zip_bomb(unpacked_mb=200)),
        ("XXE DOCX", "cv.docx", hostile.docx_xxe()),
        ("50 MB file", "cv.pdf", hostile.big_file(megabytes=50)),
        ("nested JSON", "cv.json", hostile.json_nested()),
    ]
    benign = b"Sana Test\nLahore\nPython developer, 3 years of Django\n"
    started = time.perf_counter()
    _request(candidate.post, "/candidate/cv/", files={"file": ("cv.txt", benign)})
    TIMINGS["cv_benign_upload_s"] = time.perf_counter() - started
    for label, name, data in corpus:
        before = set(CvDocument.objects.filter(profile_id=profile_id).values_list("pk", flat=True))
        started = time.perf_counter()
        response = _request(candidate.post, "/candidate/cv/", files={"file": (name, data)})
        TIMINGS[f"cv {label} s"] = time.perf_counter() - started
        if _failed(response):
            tally.add("server_errors", f"{label}: {getattr(response, 'status_code', 'no answer')}")
            continue
        new = _cv_state(candidate, profile_id, before)
        page = candidate.get("/candidate/cv/").text
        if "root:x:0:0" in page:
            tally.add("accepted_wrongly", f"{label}: /etc/passwd shown")
        elif not new:
            said = (
                response.status_code == 413
                or 'class="error' in response.text
                or "errorlist" in response.text
            )
            tally.add("refused" if said else "accepted_wrongly", f"{label}: no message")
        elif all(d.state == "failed" and not d.file and d.error_message for d in new):
            tally.add("refused")  # read in the task, refused with its reason, file not kept
        else:
            tally.add("accepted_wrongly", f"{label}: stored as {[d.state for d in new]}")


def _jpeg_polyglot() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), "white").save(buffer, "JPEG")
    return buffer.getvalue() + b"<html><script>alert(document.cookie)</script></html>"


def _png_bomb() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 60_000, 60_000, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def uploads_certificates(candidate: Visitor, profile_id: int) -> None:
    from kakehashi.candidates.models import Certification

    tally = TALLIES["uploads: certificate scan"]
    corpus = [
        ("renamed .exe as .pdf", "c.pdf", hostile.exe_renamed(), "refuse"),
        ("HTML starting with %PDF", "c.pdf", hostile.pdf_html_polyglot(), "refuse"),
        ("encrypted PDF", "c.pdf", hostile.pdf_encrypted(), "refuse"),
        ("owner-password PDF", "c.pdf", hostile.pdf_encrypted(user_password=""), "refuse"),
        ("truncated PDF", "c.pdf", hostile.pdf_corrupt(), "refuse"),
        ("50 MB file", "c.pdf", hostile.big_file(megabytes=50), "refuse"),
        ("PNG decompression bomb", "c.png", _png_bomb(), "refuse"),
        (
            "PDF with JavaScript and an embedded .exe",
            "c.pdf",
            hostile.pdf_with_javascript(),
            "clean",
        ),
        ("JPEG with an HTML page appended", "c.jpg", _jpeg_polyglot(), "clean"),
    ]
    fields = {"kind": "other", "name": "Certificate", "level": "", "obtained_on": "2025-01-01"}
    started = time.perf_counter()
    _request(
        candidate.post,
        "/candidate/certifications/",
        fields,
        {"evidence": ("ok.pdf", hostile.pdf_certificate())},
    )
    TIMINGS["scan_benign_upload_s"] = time.perf_counter() - started
    for label, name, data, expect in corpus:
        before = set(
            Certification.objects.filter(profile_id=profile_id).values_list("pk", flat=True)
        )
        started = time.perf_counter()
        response = _request(
            candidate.post, "/candidate/certifications/", fields, {"evidence": (name, data)}
        )
        TIMINGS[f"scan {label} s"] = time.perf_counter() - started
        if _failed(response):
            tally.add("server_errors", f"{label}: {getattr(response, 'status_code', 'no answer')}")
            continue
        new = list(Certification.objects.filter(profile_id=profile_id).exclude(pk__in=before))
        if not new:
            said = (
                response.status_code == 413
                or "errorlist" in response.text
                or 'class="error' in response.text
            )
            tally.add("refused" if said else "accepted_wrongly", f"{label}: no message")
            continue
        stored = Path(new[0].evidence.path).read_bytes() if new[0].evidence else b""
        dangerous = any(
            m in stored for m in (b"/JavaScript", b"/OpenAction", b"/EmbeddedFile", b"<script")
        )
        if expect == "clean" and stored and not dangerous and stored != data:
            tally.add("neutralised")
        else:
            tally.add("accepted_wrongly", f"{label}: stored as sent")


def uploads_job_import(recruiter: Visitor) -> None:
    from kakehashi.jobs.models import Job, JobImport

    tally = TALLIES["uploads: job import"]
    header = [
        "title",
        "description",
        "must_skills",
        "salary_min_jpy",
        "salary_max_jpy",
        "prefecture",
    ]
    good = ["Bench Engineer", "Pipelines", "python:2", "5000000", "8000000", "Fukuoka"]
    corpus = [
        ("XXE sheet", "j.xlsx", hostile.xlsx_xxe()),
        ("billion-laughs sheet", "j.xlsx", hostile.xlsx_billion_laughs()),
        ("1M-row sheet", "j.xlsx", hostile.xlsx_million_rows()),
        ("cell at row 1,048,576", "j.xlsx", hostile.xlsx_last_row_far_away()),
        ("5,000-part zip", "j.xlsx", hostile.xlsx_many_members()),
        ("1,001 rows", "j.xlsx", hostile.xlsx_rows([header] + [good] * 1001)),
        ("renamed .exe as .xlsx", "j.xlsx", hostile.exe_renamed()),
        ("1M-row CSV", "j.csv", ("title\n" + "Job\n" * 1_000_000).encode()),
        ("50 MB CSV", "j.csv", b"title\n" + b"x" * (50 * 1024 * 1024)),
    ]
    started = time.perf_counter()
    _request(
        recruiter.post,
        "/jobs/import/",
        files={"file": ("ok.xlsx", hostile.xlsx_rows([header, good]))},
    )
    TIMINGS["import_benign_s"] = time.perf_counter() - started
    for label, name, data in corpus:
        jobs_before = Job.objects.count()
        imports_before = set(JobImport.objects.values_list("pk", flat=True))
        started = time.perf_counter()
        response = _request(recruiter.post, "/jobs/import/", files={"file": (name, data)})
        TIMINGS[f"import {label} s"] = time.perf_counter() - started
        if _failed(response):
            tally.add("server_errors", f"{label}: {getattr(response, 'status_code', 'no answer')}")
            continue
        new = list(JobImport.objects.exclude(pk__in=imports_before))
        created = Job.objects.count() - jobs_before
        if created:
            tally.add("accepted_wrongly", f"{label}: {created} jobs created")
        elif "root:x:0:0" in response.text:
            tally.add("accepted_wrongly", f"{label}: /etc/passwd shown")
        elif (not new and ('class="error' in response.text or response.status_code == 413)) or (
            new and all(i.state == "failed" and i.error_message and not i.file for i in new)
        ):
            tally.add("refused")
        else:
            tally.add("accepted_wrongly", f"{label}: {[i.state for i in new]}")


# --- injection and the parameter fuzz ---------------------------------------------------------

INJECTIONS = [
    "' OR '1'='1",
    "' OR 1=1--",
    '" OR ""="',
    "1; DROP TABLE jobs_job;--",
    "' UNION SELECT email, password FROM accounts_user--",
    "%' AND 1=(SELECT COUNT(*) FROM accounts_user)--",
    "1' AND SLEEP(5)--",
    "'; SELECT pg_sleep(5);--",
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "{{7*7}}{% debug %}",
    "${7*7}",
    "../../../../etc/passwd",
    "\x00",
    "a\r\nSet-Cookie: x=1",
    "％２７",
    "𝓍" * 3000,
]
REFLECTED = ("<script>alert('x')</script>", '"><img src=x onerror=alert(1)>')


def _job_cards(html: str) -> int:
    return html.count('<li class="card">')


def _plain_word_cards(visitor: Visitor, value: str) -> int:
    """How many jobs the string's plain words alone find on the board."""
    words = " ".join(re.findall(r"[A-Za-z]{3,}", value))
    return _job_cards(visitor.get("/jobs/", params={"q": words}).text) if words else 0


def injection(visitors: dict[str, Visitor], ids: dict[str, int]) -> None:
    tally = TALLIES["injection strings"]
    anonymous, recruiter = visitors["anonymous"], visitors["recruiter"]
    nothing = _job_cards(anonymous.get("/jobs/", params={"q": "zzqxnotajob"}).text)
    targets = [
        (anonymous, "/jobs/", ["q", "prefecture", "work_style", "jlpt", "skill"]),
        (anonymous, "/skills/search/", ["q"]),
        (recruiter, f"/jobs/{ids['job']}/shortlist/", ["jlpt", "city", "min_score", "compare"]),
        (anonymous, "/api/jobs", ["q", "page", "page_size"]),
        (recruiter, "/api/applications", ["stage", "page"]),
    ]
    for visitor, path, params in targets:
        for param in params:
            for value in INJECTIONS:
                started = time.perf_counter()
                response = _request(visitor.get, path, params={param: value})
                elapsed = time.perf_counter() - started
                label = f"{path}?{param}={value[:24]!r}"
                if _failed(response):
                    tally.add("server_errors", f"{label}: {getattr(response, 'status_code', '-')}")
                elif any(r in response.text for r in REFLECTED):
                    tally.add("accepted_wrongly", f"{label}: reflected unescaped")
                elif elapsed > 4.5:
                    tally.add("accepted_wrongly", f"{label}: slept {elapsed:.1f} s")
                elif (
                    path == "/jobs/"
                    and param == "q"
                    and _job_cards(response.text) > nothing
                    and "These filters were ignored" not in response.text
                    # a string holding a real word ("javascript:alert(1)") may find the jobs
                    # that word finds, and no more: only an injection finds others
                    and _job_cards(response.text) > _plain_word_cards(anonymous, value)
                ):
                    tally.add(
                        "accepted_wrongly", f"{label}: matched {_job_cards(response.text)} jobs"
                    )
                else:
                    tally.add("refused")


JUNK = ["x", "-1", "1e999", "nan", "²", "9" * 5000, "\x00", "a\r\nb", "<b>", "%", "' OR 1=1--", ""]
ROUNDS = 4  # requests per page and person; each round gives each parameter another junk value
COMMON_PARAMS = [
    "q",
    "page",
    "id",
    "jlpt",
    "city",
    "stage",
    "sort",
    "o",
    "p",
    "e",
    "next",
    "export",
    "format",
    "compare",
    "min_score",
    "lang",
]


def _get_routes(ids: dict[str, int]) -> list[str]:
    """Every GET page of the site with its ids filled in, plus the admin's change lists."""
    from django.contrib import admin
    from django.urls import URLPattern, URLResolver, get_resolver

    fill = {
        "job_id": ids["job"],
        "profile_id": ids["profile"],
        "application_id": ids["application"],
        "certification_id": ids["certification"],
        "document_id": ids["cv"],
        "interview_id": ids["interview"],
        "employer_id": ids["employer"],
        "mission_id": ids["mission"],
        "import_id": ids["job_import"],
        "token": "not-a-token",
    }
    skip = (
        "logout",
        "cnic",
        "/apply/",
        "/add/",
        "/action/",
        "/decide/",
        "/replan",
        "/delete/",
        "/revoke",
    )
    paths = []
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) or not isinstance(pattern, URLPattern):
            continue
        route = str(pattern.pattern)
        for name in pattern.pattern.converters:
            route = re.sub(rf"<(?:\w+:)?{name}>", str(fill.get(name, 1)), route)
        if re.search(r"[<>^$]", route) or any(s in route for s in skip):
            continue
        paths.append("/" + route)
    paths += [
        f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        for model in admin.site._registry
    ]
    return sorted(set(paths))


def parameter_fuzz(visitors: dict[str, Visitor], ids: dict[str, int]) -> None:
    tally = TALLIES["parameter fuzz (GET pages)"]
    routes = _get_routes(ids)
    TIMINGS["fuzz_routes"] = len(routes)
    for who in ("anonymous", "candidate", "recruiter", "verifier"):
        visitor = visitors[who]
        if visitor.email and not visitor.signed_in:
            continue
        for path in routes:
            if path.startswith("/admin/") and who != "verifier":
                continue
            for round_ in range(ROUNDS):
                params = {
                    p: JUNK[(round_ * len(COMMON_PARAMS) + i) % len(JUNK)]
                    for i, p in enumerate(COMMON_PARAMS)
                }
                response = _request(visitor.get, path, params=params, allow_redirects=False)
                if _failed(response):
                    tally.add(
                        "server_errors",
                        f"{who} {path} (round {round_}): {getattr(response, 'status_code', '-')}",
                    )
                else:
                    tally.add("refused")


# --- personal-data views and their records ---------------------------------------------------


def personal_data_views(visitors: dict[str, Visitor], ids: dict[str, int], api_token: str) -> dict:
    """Each door to one person's data, opened once; recorded = a new row in the audit app."""
    shared, organiser, verifier = ids["shared_profile"], visitors["organiser"], visitors["verifier"]
    recruiter = visitors["recruiter"]
    views = [
        ("employer opens a shared profile", recruiter, "GET", f"/candidates/{shared}/"),
        ("employer's applications page", recruiter, "GET", f"/jobs/{ids['job']}/applications/"),
        ("employer downloads a shared CV", recruiter, "GET", f"/cv/{ids['shared_cv']}/download/")
        if ids["shared_cv"]
        else None,
        ("API: a shared candidate", None, "API", f"/api/candidates/{shared}"),
        ("API: the applications list", None, "API", "/api/applications"),
        ("officer opens a full profile", organiser, "GET", f"/candidates/{ids['profile']}/"),
        (
            "verifier opens a certificate scan",
            verifier,
            "GET",
            f"/certifications/{ids['certification']}/evidence/",
        ),
        ("verifier downloads a CV", verifier, "GET", f"/cv/{ids['cv']}/download/"),
        ("admin: candidate list", verifier, "GET", "/admin/candidates/candidateprofile/"),
        ("admin: user list", verifier, "GET", "/admin/accounts/user/"),
        (
            "organiser: timetable PDF",
            organiser,
            "GET",
            f"/ministry/missions/{ids['mission']}/timetable.pdf",
        ),
        ("verifier reveals a CNIC", verifier, "POST", f"/candidates/{ids['profile']}/cnic/"),
        ("candidate exports their data", visitors["candidate"], "POST", "/candidate/data/"),
    ]
    recorded, unrecorded, failed = [], [], []
    for view in filter(None, views):
        label, visitor, method, path = view
        if visitor is not None and visitor.email and not visitor.signed_in:
            failed.append(f"{label}: not signed in")
            continue
        before = audit_rows()
        if method == "API":
            response = _request(
                requests.get,
                visitors["anonymous"].base + path,
                headers={"Authorization": f"Bearer {api_token}"},
                timeout=TIMEOUT,
            )
        elif method == "POST":
            data = {"action": "export"} if "data" in path else {}
            response = _request(visitor.post, path, data)
        else:
            response = _request(visitor.get, path)
        if response is None or response.status_code != 200:
            failed.append(f"{label}: {getattr(response, 'status_code', 'no answer')}")
            continue
        if method != "API" and getattr(response, "history", None):
            failed.append(f"{label}: redirected to {response.url}")
            continue
        (recorded if audit_rows() > before else unrecorded).append(label)
    return {"recorded": recorded, "unrecorded": unrecorded, "not_reached": failed}


# --- brute force ------------------------------------------------------------------------------


def brute_force(base: str, email: str, password: str, api_token_prefix: str) -> None:
    tally = TALLIES["brute force"]
    visitor = Visitor(base)
    limited_at = None
    for attempt in range(1, 61):
        response = _request(
            visitor.session.post,
            base + "/login/",
            data={
                "username": email,
                "password": f"wrong-{attempt}",
                "csrfmiddlewaretoken": visitor.token("/login/"),
            },
            timeout=TIMEOUT,
            allow_redirects=False,
        )
        if _failed(response):
            tally.add(
                "server_errors",
                f"sign-in attempt {attempt}: {getattr(response, 'status_code', '-')}",
            )
            return
        if response.status_code in (403, 429) or "locked" in response.text.lower():
            limited_at = attempt
            break
    if limited_at:
        tally.add("refused")
    else:
        tally.add("accepted_wrongly", "60 wrong passwords for one account: no lockout, no 429")
    right = Visitor(base)
    if right.sign_in(email, password) and limited_at is None:
        tally.add("accepted_wrongly", "the right password after 60 wrong ones signs in at once")
    else:
        tally.add("refused")
    TIMINGS["sign_in_limited_after"] = limited_at or 0
    statuses = []
    for attempt in range(30):
        response = _request(
            requests.get,
            base + "/api/me",
            headers={"Authorization": f"Bearer {api_token_prefix}wrong{attempt}"},
            timeout=TIMEOUT,
        )
        statuses.append(getattr(response, "status_code", 0))
    if any(s >= 500 or s == 0 for s in statuses):
        tally.add("server_errors", "API token guessing: server error")
    elif 429 in statuses:
        tally.add("refused")
    else:
        tally.add("accepted_wrongly", "30 wrong API tokens: 401 each, no 429")


# --- the cost of re-rendering a scan (why re-render: engine/scans.py) --------------------------


def _pdf_pages(pages: int) -> bytes:
    """A certificate-like PDF of ``pages`` A4 pages: text and a grey photo block each."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    for number in range(pages):
        page.setFont("Helvetica", 18)
        page.drawString(72, 760, f"Japanese-Language Proficiency Test, page {number + 1}")
        page.setFont("Helvetica", 10)
        for line in range(40):
            page.drawString(72, 720 - line * 14, "Certificate of proficiency N2 " * 4)
        page.setFillGray(0.6)
        page.rect(400, 80, 120, 150, fill=1)
        page.showPage()
    page.save()
    return buffer.getvalue()


def scan_cost() -> dict[str, float]:
    """scan_clean on 1- and 10-page PDFs and a 12 MP photo: seconds and size out/in."""
    from PIL import Image

    from engine.scans import scan_clean

    figures: dict[str, float] = {}
    for pages in (1, 10):
        data = _pdf_pages(pages)
        started = time.perf_counter()
        clean = scan_clean(data, extension=".pdf")
        seconds = time.perf_counter() - started
        figures[f"pdf_{pages}p_s_per_page"] = round(seconds / pages, 3)
        figures[f"pdf_{pages}p_size_ratio"] = round(len(clean.data) / len(data), 1)
    buffer = io.BytesIO()
    Image.effect_noise((4000, 3000), 40).convert("RGB").save(buffer, "JPEG", quality=90)
    started = time.perf_counter()
    clean = scan_clean(buffer.getvalue(), extension=".jpg")
    figures["jpeg_12mp_s"] = round(time.perf_counter() - started, 3)
    figures["jpeg_12mp_size_ratio"] = round(len(clean.data) / len(buffer.getvalue()), 2)
    return figures


# --- the run ----------------------------------------------------------------------------------


def world_ids() -> tuple[dict[str, int], dict[str, str], str]:
    """Ids of the demo personas' objects, the sign-ins, and an API token for the recruiter."""
    from kakehashi.accounts.models import User
    from kakehashi.api.services import api_token_create
    from kakehashi.candidates.models import Certification, CvDocument
    from kakehashi.jobs.models import Job, JobImport
    from kakehashi.missions.models import Interview, Mission
    from kakehashi.pipeline.models import Application
    from kakehashi.portal.demo import DEMO_PASSWORD, DEMO_PERSONAS, OFFICERS, ORGANISER_EMAIL

    p = DEMO_PERSONAS
    candidate = User.objects.get(email=p.candidate.email).candidate_profile
    recruiter = User.objects.get(email=p.employer.recruiter_email)
    employer = recruiter.employer_membership.employer
    job = Job.objects.filter(employer=employer).order_by("pk").first()
    shared_app = (
        Application.objects.filter(
            job__employer=employer,
            stage__in=[
                "profile_shared",
                "invited",
                "interview_scheduled",
                "interviewed",
                "offered",
                "accepted",
            ],
        )
        .order_by("pk")
        .first()
    )
    shared_profile = shared_app.candidate_id if shared_app else candidate.pk
    cert = (
        Certification.objects.filter(profile=candidate).exclude(evidence="").first()
        or Certification.objects.exclude(evidence="").first()
    )
    cv = CvDocument.objects.exclude(file="").first()
    shared_cv = CvDocument.objects.filter(profile_id=shared_profile).exclude(file="").first()
    ids = {
        "job": job.pk,
        "profile": candidate.pk,
        "application": (shared_app or Application.objects.first()).pk,
        "certification": cert.pk if cert else 0,
        "cv": cv.pk if cv else 0,
        "shared_cv": shared_cv.pk if shared_cv else 0,
        "interview": getattr(Interview.objects.first(), "pk", 0),
        "employer": employer.pk,
        "mission": getattr(Mission.objects.first(), "pk", 0),
        "job_import": getattr(JobImport.objects.first(), "pk", 0),
        "shared_profile": shared_profile,
    }
    _token, plaintext = api_token_create(user=recruiter, name="bench")
    logins = {
        "candidate": p.candidate.email,
        "recruiter": p.employer.recruiter_email,
        "unverified": p.unverified_employer.recruiter_email,
        "verifier": OFFICERS[0][0],
        "organiser": ORGANISER_EMAIL,
        "password": DEMO_PASSWORD,
    }
    return ids, logins, plaintext


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--candidates", type=int, default=60)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    var_dir = Path(tempfile.mkdtemp(prefix="kakehashi-security-"))
    env = server_prepare(var_dir, candidates=args.candidates)
    django_setup(env)
    ids, logins, api_token = world_ids()
    TIMINGS.update({f"scan_cost {k}": v for k, v in scan_cost().items()})
    server = server_start(env, args.port, var_dir / "server.log")
    base = f"http://127.0.0.1:{args.port}"
    started = time.perf_counter()
    try:
        password = logins["password"]
        visitors = {
            "anonymous": Visitor(base),
            **{
                who: Visitor(base, logins[who], password)
                for who in ("candidate", "recruiter", "verifier", "organiser")
            },
        }
        not_signed_in = [w for w, v in visitors.items() if v.email and not v.signed_in]
        if {"candidate", "recruiter"} & set(not_signed_in):
            raise SystemExit(f"could not sign in as {not_signed_in} (lockout?)")
        for who in not_signed_in:  # a second factor asked for (officers): their pages are skipped
            print(f"warning: {who} did not get past the password (MFA?); their checks are skipped")
        _timed("uploads", uploads_cv, visitors["candidate"], ids["profile"])
        _timed("uploads", uploads_certificates, visitors["candidate"], ids["profile"])
        ids["certification"] = ids["certification"] or _latest_certificate(ids["profile"])
        ids["cv"] = ids["cv"] or _latest_cv(ids["profile"])
        _timed("uploads", uploads_job_import, visitors["recruiter"])
        _timed("injection", injection, visitors, ids)
        _timed("fuzz", parameter_fuzz, visitors, ids)
        views = _timed("views", personal_data_views, visitors, ids, api_token)
        _timed("brute force", brute_force, base, logins["unverified"], password, api_token[:10])
    finally:
        server.terminate()
        server.wait(timeout=30)
    TIMINGS["replay_s"] = time.perf_counter() - started
    _report(views, var_dir)
    if not args.keep:
        shutil.rmtree(var_dir, ignore_errors=True)


def _timed(group: str, function, *args):
    started = time.perf_counter()
    result = function(*args)
    TIMINGS[f"group {group}"] = TIMINGS.get(f"group {group}", 0.0) + time.perf_counter() - started
    return result


def _latest_cv(profile_id: int) -> int:
    from kakehashi.candidates.models import CvDocument

    document = CvDocument.objects.filter(profile_id=profile_id).exclude(file="").last()
    return document.pk if document else 0


def _latest_certificate(profile_id: int) -> int:
    from kakehashi.candidates.models import Certification

    cert = Certification.objects.filter(profile_id=profile_id).exclude(evidence="").last()
    return cert.pk if cert else 0


def _report(views: dict, var_dir: Path) -> None:
    print(f"\nSecurity replay against a live runserver (SQLite, Celery eager), {var_dir}")
    groups = ", ".join(f"{k[6:]} {v:.0f} s" for k, v in TIMINGS.items() if k.startswith("group "))
    print(
        f"setup {TIMINGS['setup_s']:.0f} s, replay {TIMINGS['replay_s']:.0f} s ({groups}); "
        f"{TIMINGS['fuzz_routes']} GET routes fuzzed\n"
    )
    head = f"{'group':<30} {'tried':>6} {'refused':>8} {'neutral.':>9} {'5xx':>5} {'wrong':>6}"
    print(head)
    print("-" * len(head))
    total = Tally()
    for group, t in TALLIES.items():
        print(
            f"{group:<30} {t.tried:>6} {t.refused:>8} {t.neutralised:>9} {t.server_errors:>5} {t.accepted_wrongly:>6}"
        )
        for name in ("tried", "refused", "neutralised", "server_errors", "accepted_wrongly"):
            setattr(total, name, getattr(total, name) + getattr(t, name))
        total.notes += [f"[{group}] {n}" for n in t.notes]
    print("-" * len(head))
    print(
        f"{'total':<30} {total.tried:>6} {total.refused:>8} {total.neutralised:>9} {total.server_errors:>5} {total.accepted_wrongly:>6}"
    )
    for note in total.notes[:40]:
        print("  !", note)
    print(
        f"\npersonal-data views: {len(views['recorded'])} recorded, {len(views['unrecorded'])} unrecorded, {len(views['not_reached'])} not reached"
    )
    for label in views["unrecorded"]:
        print("  unrecorded:", label)
    for label in views["not_reached"]:
        print("  not reached:", label)
    cost = {k[10:]: v for k, v in TIMINGS.items() if k.startswith("scan_cost ")}
    print("\nre-rendering a certificate scan (engine.scans, in-process):", cost)
    print("\nrefusal time against a benign upload of the same kind (ratio):")
    ratios = {}
    for prefix, benign in (
        ("cv ", "cv_benign_upload_s"),
        ("scan ", "scan_benign_upload_s"),
        ("import ", "import_benign_s"),
    ):
        for key, value in TIMINGS.items():
            if key.startswith(prefix) and key.endswith(" s"):
                ratio = value / max(TIMINGS[benign], 1e-6)
                ratios[key[:-2]] = round(ratio, 2)
                print(
                    f"  {key[:-2]:<52} {value:6.2f} s  x{ratio:5.2f} (benign {TIMINGS[benign]:.2f} s)"
                )
    print(
        json.dumps(
            {
                "tried": total.tried,
                "refused_clearly": total.refused,
                "neutralised": total.neutralised,
                "server_errors": total.server_errors,
                "accepted_wrongly": total.accepted_wrongly,
                "unrecorded_views": len(views["unrecorded"]),
                "views_checked": len(views["recorded"]) + len(views["unrecorded"]),
                "groups": {
                    g: {
                        "tried": t.tried,
                        "server_errors": t.server_errors,
                        "accepted_wrongly": t.accepted_wrongly,
                    }
                    for g, t in TALLIES.items()
                },
                "sign_in_limited_after": TIMINGS.get("sign_in_limited_after", 0),
                "scan_cost": cost,
                "replay_s": round(TIMINGS["replay_s"], 1),
                "setup_s": round(TIMINGS["setup_s"], 1),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()

"""Load test of a running Kakehashi with Locust (issue 16, item 6): a mix of what people do —
the public job board and job pages, a candidate's "jobs for you" and profile saves, a
recruiter's dashboard and ranked shortlists, the REST API — at a fixed total rate, then
p50/p90/p99 and errors, overall and per kind of request.

Locust is not a dependency of the product: install it apart (requirements-bench.txt),
    python3 -m venv .venv-bench && .venv-bench/bin/pip install -r requirements-bench.txt
then, against a server started with the demo data (`make prod DEMO=1`, or `make run`):
    .venv-bench/bin/python bench/load.py --host http://127.0.0.1:8000 --rate 20 --seconds 60 \
        --label "gunicorn 4 workers + PostgreSQL" --json var/load-prod.json
    .venv-bench/bin/python bench/load.py --compare var/load-prod.json var/load-dev.json

Sign-ins are the demo's (password kakehashi-demo): the featured candidate and Sakura recruiter,
or, with --accounts FILE, many of each (lines "candidate EMAIL" / "recruiter EMAIL"; each
simulated person signs in as one of them, at random; the demo's accounts all share the
password, and docs/benchmarks.md shows how to list them from the database). The
server must answer plain HTTP with cookies (SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false
SECURE_SSL_REDIRECT=false for a production-settings server without its TLS proxy), and the
anonymous API limit must allow the API share of the rate from one address
(RATE_LIMIT_API_ANONYMOUS); docs/benchmarks.md gives the exact commands. Every request loop is
bounded by --seconds and the traffic goes only to --host, which must be on this machine.
"""

from __future__ import annotations

# Locust patches the standard library for gevent: it is imported before anything else.
from locust import HttpUser, constant_throughput, events, task  # isort: skip

import argparse
import functools
import json
import random
import re
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import gevent
from locust.env import Environment
from locust.stats import StatsEntry

DEMO_PASSWORD = "kakehashi-demo"
CANDIDATES = ["ayesha.khan@mail.example"]
RECRUITERS = ["misaki.sato@sakura-technology.example"]
TIMEOUT = 30.0  # seconds; --timeout
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


class FormFields(HTMLParser):
    """The fields a browser would send for the first <form method=post> holding `marker`."""

    def __init__(self, marker: str):
        super().__init__()
        self.marker, self.forms, self._form, self._select, self._text = marker, [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._form = {"action": a.get("action") or "", "fields": []}
        elif self._form is None:
            return
        elif tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button", "file", "image"):
                self._form["fields"].append([a["name"], a.get("value") or ""])
        elif tag == "select" and a.get("name"):
            self._select = [a["name"], None, None]  # name, selected, first
        elif tag == "option" and self._select is not None:
            value = a.get("value") or ""
            if self._select[2] is None:
                self._select[2] = value
            if "selected" in a:
                self._select[1] = value
        elif tag == "textarea" and a.get("name"):
            self._text = [a["name"], ""]

    def handle_data(self, data):
        if self._text is not None:
            self._text[1] += data

    def handle_endtag(self, tag):
        if self._form is None:
            return
        if tag == "select" and self._select is not None:
            name, selected, first = self._select
            self._form["fields"].append([name, selected if selected is not None else first or ""])
            self._select = None
        elif tag == "textarea" and self._text is not None:
            # A browser drops the one newline that follows <textarea>.
            self._text[1] = self._text[1].removeprefix("\n")
            self._form["fields"].append(self._text)
            self._text = None
        elif tag == "form":
            if any(name == self.marker for name, _ in self._form["fields"]):
                self.forms.append(self._form)
            self._form = None


def form_fields(html: str, marker: str) -> list[list[str]]:
    parser = FormFields(marker)
    parser.feed(html)
    if not parser.forms:
        raise ValueError(f"no form with a field {marker!r}")
    return parser.forms[0]["fields"]


class Person(HttpUser):
    """Gives up on a request after TIMEOUT seconds, as a person would: counted as an error."""

    abstract = True

    def on_start(self):
        self.client.request = functools.partial(self.client.request, timeout=TIMEOUT)


class SignedIn(Person):
    abstract = True
    accounts: list[str] = []

    def on_start(self):
        super().on_start()
        page = self.client.get("/login/", name="sign-in")
        token = self.client.cookies.get("csrftoken", "")
        email = random.choice(self.accounts)
        with self.client.post(
            "/login/",
            data={"username": email, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": page.url},
            name="sign-in",
            catch_response=True,
            allow_redirects=False,
        ) as answer:
            if answer.status_code != 302:
                answer.failure(f"sign-in as {email} answered {answer.status_code}")


class Visitor(Person):
    """Someone browsing the public job board."""

    weight = 4
    wait_time = constant_throughput(1)
    job_ids: list[str] = []

    @task(3)
    def job_board(self):
        page = self.client.get("/jobs/", name="job board")
        if not Visitor.job_ids:
            Visitor.job_ids = sorted(set(re.findall(r'href="/jobs/(\d+)/"', page.text)))

    @task(2)
    def job_page(self):
        if Visitor.job_ids:
            self.client.get(f"/jobs/{random.choice(Visitor.job_ids)}/", name="job page")

    @task(1)
    def job_search(self):
        self.client.get("/jobs/?q=python", name="job board search")


class Candidate(SignedIn):
    """A candidate reading their recommendations and, now and then, saving their profile."""

    weight = 3
    wait_time = constant_throughput(1)
    accounts = CANDIDATES

    @task(4)
    def recommendations(self):
        self.client.get("/candidate/jobs/", name="candidate: jobs for you")

    @task(1)
    def dashboard(self):
        self.client.get("/candidate/", name="candidate: dashboard")

    @task(1)
    def profile_save(self):
        page = self.client.get("/candidate/profile/", name="candidate: profile page")
        try:
            fields = form_fields(page.text, "headline")
        except ValueError as error:
            events.request.fire(
                request_type="POST",
                name="candidate: profile save",
                response_time=0,
                response_length=0,
                exception=error,
            )
            return
        fields = [
            [n, f"Engineer, saved at {time.time():.0f}" if n == "headline" else v]
            for n, v in fields
        ]
        with self.client.post(
            "/candidate/profile/",
            data=fields,
            headers={"Referer": page.url},
            name="candidate: profile save",
            catch_response=True,
            allow_redirects=False,
        ) as answer:
            if answer.status_code != 302:
                answer.failure(f"profile not saved ({answer.status_code})")


class Recruiter(SignedIn):
    """A Japanese recruiter reading ranked shortlists of their company's jobs."""

    weight = 2
    wait_time = constant_throughput(1)
    accounts = RECRUITERS

    def on_start(self):
        super().on_start()
        self.shortlists: list[str] = []  # of this recruiter's company

    @task(1)
    def dashboard(self):
        page = self.client.get("/employer/", name="employer: dashboard")
        if not self.shortlists:
            found = set(re.findall(r'href="(/jobs/\d+/shortlist/)"', page.text))
            if not found:
                found = {
                    f"/jobs/{i}/shortlist/" for i in re.findall(r'href="/jobs/(\d+)/', page.text)
                }
            self.shortlists = sorted(found)

    @task(3)
    def shortlist(self):
        if not self.shortlists:
            self.dashboard()
        if self.shortlists:
            self.client.get(random.choice(self.shortlists), name="employer: shortlist")


class ApiClient(Person):
    """A program reading the open jobs through the REST API."""

    weight = 1
    wait_time = constant_throughput(1)

    @task
    def jobs(self):
        self.client.get("/api/jobs", name="api: jobs")


USERS = [Visitor, Candidate, Recruiter, ApiClient]


def figures(entry: StatsEntry) -> dict:
    return {
        "requests": entry.num_requests,
        "errors": entry.num_failures,
        "p50_ms": entry.get_response_time_percentile(0.5),
        "p90_ms": entry.get_response_time_percentile(0.9),
        "p99_ms": entry.get_response_time_percentile(0.99),
        "max_ms": round(entry.max_response_time or 0),
    }


def run(host: str, rate: int, seconds: int, label: str, warmup: int = 0) -> dict:
    if urlsplit(host).hostname not in LOCAL_HOSTS:
        raise SystemExit(f"{host}: load goes only to a server on this machine")
    env = Environment(user_classes=USERS, host=host, events=events)
    runner = env.create_local_runner()
    # `rate` users, one task a second each; the sign-ins and each process's first loads fall
    # in the warm-up, whose figures are dropped (and printed apart).
    runner.start(rate, spawn_rate=rate)
    if warmup:
        gevent.sleep(warmup)
        print(
            report(_result(env, label + " (warm-up, dropped)", host, rate, warmup)), file=sys.stderr
        )
        env.stats.reset_all()
    started = time.time()
    gevent.spawn_later(seconds, runner.quit)
    runner.greenlet.join()
    return _result(env, label, host, rate, time.time() - started)


def _result(env: Environment, label: str, host: str, rate: int, elapsed: float) -> dict:
    total = env.stats.total
    return {
        "label": label,
        "host": host,
        "users": rate,
        "timeout_s": TIMEOUT,
        "seconds": round(elapsed, 1),
        "rate_per_s": round(total.num_requests / elapsed, 1),
        "total": figures(total),
        "by_kind": {
            name: figures(entry) for (name, _method), entry in sorted(env.stats.entries.items())
        },
        "errors": {str(e.error): e.occurrences for e in env.stats.errors.values()},
    }


def report(result: dict) -> str:
    lines = [
        f"{result['label']}: {result['total']['requests']} requests in {result['seconds']} s "
        f"({result['rate_per_s']}/s, {result['users']} users)",
        f"{'kind':34} {'n':>6} {'err':>5} {'p50':>7} {'p90':>7} {'p99':>7} {'max':>7}  (ms)",
    ]
    for name, f in [*result["by_kind"].items(), ("ALL", result["total"])]:
        lines.append(
            f"{name:34} {f['requests']:>6} {f['errors']:>5} {f['p50_ms']:>7.0f} "
            f"{f['p90_ms']:>7.0f} {f['p99_ms']:>7.0f} {f['max_ms']:>7}"
        )
    for error, count in result["errors"].items():
        lines.append(f"  error ×{count}: {error[:160]}")
    return "\n".join(lines)


def compare(a: dict, b: dict) -> str:
    lines = [f"ratio {b['label']} / {a['label']} (above 1: the second is slower)"]
    for key in ("p50_ms", "p90_ms", "p99_ms"):
        x, y = a["total"][key], b["total"][key]
        lines.append(f"  {key}: {x:.0f} vs {y:.0f} ms -> {y / x:.2f}" if x else f"  {key}: -")
    lines.append(f"  errors: {a['total']['errors']} vs {b['total']['errors']}")
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="http://127.0.0.1:8000")
    parser.add_argument("--rate", type=int, default=20, help="requests per second (users)")
    parser.add_argument("--seconds", type=int, default=60, help="measured, after the warm-up")
    parser.add_argument("--warmup", type=int, default=30, help="seconds of load not counted")
    parser.add_argument("--label", default="server")
    parser.add_argument("--timeout", type=float, default=30.0, help="a request's give-up time, s")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BASE", "OTHER"))
    parser.add_argument(
        "--accounts", type=Path, help='sign-ins: lines "candidate EMAIL" or "recruiter EMAIL"'
    )
    args = parser.parse_args(argv)
    if args.accounts:
        roles: dict[str, list[str]] = {"candidate": [], "recruiter": []}
        for line in args.accounts.read_text().splitlines():
            role, _, email = line.strip().partition(" ")
            if role in roles and email:
                roles[role].append(email.strip())
        Candidate.accounts = roles["candidate"] or CANDIDATES
        Recruiter.accounts = roles["recruiter"] or RECRUITERS
    if args.compare:
        base, other = (json.loads(p.read_text()) for p in args.compare)
        print(report(base), report(other), compare(base, other), sep="\n\n")
        return
    global TIMEOUT
    TIMEOUT = args.timeout
    result = run(args.host, args.rate, args.seconds, args.label, args.warmup)
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])

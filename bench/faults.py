"""Issue 16's faults, against private services started here (never the machine's shared ones).

    nice .venv/bin/python bench/faults.py [--tasks 30] [--visibility 60] [--keep]

Starts its own PostgreSQL (initdb into a temporary directory, port 55432) and Redis (port
56379, appendonly yes), a small SMTP sink (counts each e-mail it accepts, by subject), real
Celery workers and gunicorn (4 workers, DATABASE_CONN_MAX_AGE=60 as in production, DEBUG
off), then:

a. kill -9 a worker mid-batch: ``--tasks`` tasks (half CV readings, half e-mails,
   interleaved); once about a third are done the whole worker (main process and pool) is
   killed with SIGKILL and a new one started, as a supervisor would. Then the same with only
   the pool's children killed (the main process survives). Counts: lost (a CV never read, an
   e-mail never accepted by the SMTP sink), run twice with a visible effect (an e-mail
   accepted twice, a CV's skills doubled), redelivered (a task received by two workers, from
   the workers' logs), and the time from the kill until every task was done.
b. restart PostgreSQL while two clients request the job board and the API: answers counted
   as ok / 503 / 500 / other, and the time from PostgreSQL accepting connections again to
   the first good answer; gunicorn is not restarted (its worker pids are compared).
c. restart Redis with work queued and no worker running, and send one more task while
   Redis is down: every e-mail must arrive once the worker starts.

Redis redelivers a task a dead worker never acknowledged after the visibility timeout:
``--visibility`` seconds here (CELERY_VISIBILITY_TIMEOUT; production default 600).
The last line is one JSON object with every figure and its expected value.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import itertools
import json
import os
import re
import shutil
import signal
import socket
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
PG_PORT = 55432
REDIS_PORT = 56379
SHARED_PORTS = {5432, 6379}


def pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        sys.exit(f"{name} not found under /usr/lib/postgresql/*/bin")
    return found[-1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(check, *, timeout: float, what: str, step: float = 0.2) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if check():
            return time.monotonic() - start
        time.sleep(step)
    raise TimeoutError(f"{what}: not within {timeout:.0f} s")


# --- SMTP sink: counts what a mail server accepted ---------------------------------------


class SmtpSink(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int, *, mail_from_delay_s: float):
        self.accepted: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.mail_from_delay_s = mail_from_delay_s
        super().__init__(("127.0.0.1", port), SmtpHandler)


class SmtpHandler(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")
        self.wfile.flush()

    def handle(self) -> None:
        # A sending worker killed mid-conversation: nothing more was accepted.
        with contextlib.suppress(ConnectionResetError):
            self.converse()

    def converse(self) -> None:
        server: SmtpSink = self.server  # type: ignore[assignment]
        self.reply("220 faults-sink")
        while line := self.rfile.readline():
            command = line.decode(errors="replace").strip().upper()
            if command.startswith("EHLO"):
                self.reply("250-faults-sink")
                self.reply("250 8BITMIME")
            elif command.startswith("MAIL FROM"):
                time.sleep(server.mail_from_delay_s)  # a mail server that takes its time
                self.reply("250 OK")
            elif command == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                subject = ""
                while (data := self.rfile.readline()) not in (b".\r\n", b""):
                    if data.lower().startswith(b"subject:") and not subject:
                        subject = data.decode(errors="replace").split(":", 1)[1].strip()
                with server.lock:
                    server.accepted[subject] += 1  # accepted: from here on it is delivered
                self.reply("250 OK queued")
            elif command == "QUIT":
                self.reply("221 Bye")
                return
            else:  # HELO, RCPT, RSET, NOOP
                self.reply("250 OK")


def spawn(command: list[str], *, log: Path, env: dict | None = None) -> subprocess.Popen:
    """Start ``command`` in its own process group, its output appended to ``log``."""
    with open(log, "a") as out:  # the child keeps its own copy of the file
        return subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


# --- The private services -----------------------------------------------------------------


class Services:
    def __init__(self, tmp: Path, *, visibility: int, smtp_port: int):
        self.tmp = tmp
        # PostgreSQL refuses to run as root: as root, its commands run as the postgres user,
        # in a directory of its own.
        self.pg_as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.pg_home = tmp / "pg"
        self.pg_home.mkdir()
        if self.pg_as:
            tmp.chmod(0o711)
            shutil.chown(self.pg_home, "postgres", "postgres")
        self.pg_data = self.pg_home / "data"
        self.redis_dir = tmp / "redis"
        self.logs = tmp / "logs"
        self.logs.mkdir()
        self.redis: subprocess.Popen | None = None
        self.workers: list[subprocess.Popen] = []
        self.web: subprocess.Popen | None = None
        self.web_port = free_port()
        self.env = {
            **os.environ,
            "KAKEHASHI_ENV": "development",
            "DEBUG": "false",
            "KAKEHASHI_VAR_DIR": str(tmp / "var"),
            "DATABASE_URL": f"postgres://kakehashi@127.0.0.1:{PG_PORT}/kakehashi",
            "DATABASE_CONN_MAX_AGE": "60",
            "CELERY_BROKER_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
            "CELERY_VISIBILITY_TIMEOUT": str(visibility),
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "EMAIL_USE_TLS": "false",
            # The batch is CV readings and e-mails; index refreshes would load the embedder.
            "MATCHING_INDEX_AUTO_REFRESH": "false",
        }
        self.env.pop("CACHE_URL", None)

    # PostgreSQL
    def pg_init(self) -> None:
        subprocess.run(
            [
                *self.pg_as,
                pg_bin("initdb"),
                "-D",
                str(self.pg_data),
                "-U",
                "kakehashi",
                "--auth=trust",
            ],
            check=True,
            capture_output=True,
        )
        self.pg_start()
        subprocess.run(
            [
                pg_bin("createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(PG_PORT),
                "-U",
                "kakehashi",
                "kakehashi",
            ],
            check=True,
        )

    def pg_start(self) -> None:
        options = f"-p {PG_PORT} -k {self.pg_home} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = str(self.pg_home / "postgres.log")
        subprocess.run(
            [
                *self.pg_as,
                pg_bin("pg_ctl"),
                "-D",
                str(self.pg_data),
                "-o",
                options,
                "-w",
                "-l",
                log,
                "start",
            ],
            check=True,
            capture_output=True,
        )

    def pg_stop(self) -> None:
        subprocess.run(
            [*self.pg_as, pg_bin("pg_ctl"), "-D", str(self.pg_data), "-m", "fast", "-w", "stop"],
            check=True,
            capture_output=True,
        )

    # Redis
    def redis_start(self) -> None:
        self.redis_dir.mkdir(exist_ok=True)
        self.redis = spawn(
            [
                "redis-server",
                "--port",
                str(REDIS_PORT),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.redis_dir),
                "--appendonly",
                "yes",
                "--save",
                "",
            ],
            log=self.logs / "redis.log",
        )
        wait_for(lambda: self.redis_cli("PING") == "PONG", timeout=20, what="Redis")

    def redis_stop(self) -> None:
        assert self.redis
        self.redis.send_signal(signal.SIGTERM)  # a restart: Redis writes its AOF and stops
        self.redis.wait(timeout=30)

    def redis_cli(self, *args: str) -> str:
        done = subprocess.run(
            ["redis-cli", "-p", str(REDIS_PORT), *args], capture_output=True, text=True
        )
        return done.stdout.strip()

    # Django
    def manage(self, *args: str) -> None:
        subprocess.run(
            [str(BIN / "python"), "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
        )

    def worker_start(self, name: str) -> Path:
        log = self.logs / f"worker-{name}.log"
        # Its own process group (spawn): kill -9 of the group takes the pool too.
        process = spawn(
            [
                str(BIN / "celery"),
                "-A",
                "kakehashi",
                "worker",
                "-c",
                "2",
                "-l",
                "info",
                "-n",
                f"{name}@faults",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            log=log,
            env=self.env,
        )
        self.workers.append(process)
        wait_for(lambda: "ready." in log.read_text(), timeout=120, what=f"worker {name}")
        return log

    def worker_kill(self, process: subprocess.Popen) -> None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def worker_stop(self, process: subprocess.Popen) -> None:
        os.killpg(process.pid, signal.SIGTERM)  # warm shutdown: finishes what it holds
        process.wait(timeout=60)

    def web_start(self) -> None:
        self.web = spawn(
            [
                str(BIN / "gunicorn"),
                "kakehashi.wsgi:application",
                "-w",
                "4",
                "-b",
                f"127.0.0.1:{self.web_port}",
                "--timeout",
                "60",
            ],
            log=self.logs / "gunicorn.log",
            env=self.env,
        )
        wait_for(
            lambda: http_status(f"http://127.0.0.1:{self.web_port}/jobs/") == 200,
            timeout=120,
            what="gunicorn",
        )

    def stop_all(self) -> None:
        for process in [*self.workers, self.web]:
            if process and process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        if self.redis and self.redis.poll() is None:
            self.redis.kill()
            self.redis.wait()
        if (self.pg_data / "postmaster.pid").exists():
            subprocess.run(
                [*self.pg_as, pg_bin("pg_ctl"), "-D", str(self.pg_data), "-m", "immediate", "stop"],
                capture_output=True,
            )


def http_status(url: str) -> int | str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError as error:
        return type(error).__name__


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


# --- a. kill -9 a worker mid-batch --------------------------------------------------------

CV_TEXT = """{name}
{city}, Pakistan · {email}
Backend engineer, {years} years

EXPERIENCE
Senior Software Engineer, Arbisoft, Lahore (2019 – present)
Built REST APIs in Python and Django on PostgreSQL; Celery and Redis for background jobs;
deployed with Docker and Kubernetes on AWS; CI/CD with GitLab.

Software Engineer, Systems Ltd, Karachi (2016 – 2019)
Java and Spring Boot services, React front ends, MySQL.

EDUCATION
BS Computer Science, FAST-NUCES, 2016

SKILLS
Python, Django, PostgreSQL, Redis, Celery, Docker, Kubernetes, AWS, Java, Spring Boot,
React, TypeScript, Git, Linux

LANGUAGES
English (fluent), Urdu (native), Japanese (JLPT N4)
"""


_CANDIDATE_SERIALS = itertools.count()


def batch_queue(run: str, n_tasks: int) -> dict[str, list]:
    """Queue ``n_tasks`` tasks at once, CV readings and e-mails interleaved (the candidates
    and their uploads are made first); returns what was sent."""
    from django.core.files.base import ContentFile

    from kakehashi.candidates import services as candidate_services
    from kakehashi.candidates.cv import cv_parse_task
    from kakehashi.candidates.models import CvDocument
    from kakehashi.core.notify import email_queue

    documents = []
    for k in range((n_tasks + 1) // 2):
        serial = next(_CANDIDATE_SERIALS)
        profile = candidate_services.candidate_register(
            email=f"{run}-{k}@faults.example",
            email_confirmed=True,
            full_name=f"Faults {run} {k}",
            password="pw-faults-bench-1",
            cnic=f"35202-{1_000_000 + serial}-{serial % 10}",
            city="lahore",
        )
        data = CV_TEXT.format(
            name=f"Faults {run} {k}", city="Lahore", email=f"{run}-{k}@x.pk", years=5 + k
        ).encode()
        document = CvDocument(
            profile=profile, original_name="cv.txt", size=len(data), sha256="0" * 64
        )
        document.file.save(f"{run}-{k}.txt", ContentFile(data), save=False)
        document.save()
        documents.append(document.pk)
    cvs, mails = [], []
    for i in range(n_tasks):
        if i % 2 == 0:
            cv_parse_task.delay(document_id=documents[len(cvs)])
            cvs.append(documents[len(cvs)])
        else:
            subject = f"faults {run} mail {len(mails):03d}"
            email_queue(to=["officer@faults.example"], subject=subject, body="A bench e-mail.")
            mails.append(subject)
    return {"cvs": cvs, "mails": mails}


def batch_done(sent: dict, sink: SmtpSink) -> int:
    from kakehashi.candidates.models import CvDocument

    parsed = CvDocument.objects.filter(pk__in=sent["cvs"], state="parsed").count()
    with sink.lock:
        delivered = sum(1 for s in sent["mails"] if sink.accepted[s] >= 1)
    return parsed + delivered


def batch_outcome(sent: dict, sink: SmtpSink, logs: list[Path]) -> dict:
    from django.db.models import Count

    from kakehashi.candidates.models import CandidateSkill, CvDocument

    documents = CvDocument.objects.filter(pk__in=sent["cvs"])
    cv_lost = documents.exclude(state="parsed").count()
    doubled = (
        CandidateSkill.objects.filter(profile__cvs__in=sent["cvs"], source="cv")
        .values("profile", "skill")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    with sink.lock:
        mail_lost = sum(1 for s in sent["mails"] if sink.accepted[s] == 0)
        mail_twice = sum(1 for s in sent["mails"] if sink.accepted[s] > 1)
    received: Counter[str] = Counter()
    for log in logs:
        # A task requeued to the same worker (a pool child lost) is received there again.
        received.update(re.findall(r"Task \S+\[([0-9a-f-]{36})\] received", log.read_text()))
    return {
        "lost": cv_lost + mail_lost,
        "run_twice_visible": mail_twice + (1 if doubled else 0),
        "redelivered": sum(1 for n in received.values() if n > 1),
        "cv_read_more_than_once": documents.filter(parse_attempts__gt=1).count(),
    }


def fault_worker_kill(
    services: Services, sink: SmtpSink, *, run: str, n_tasks: int, whole: bool
) -> dict:
    sent = batch_queue(run, n_tasks)
    first_log = services.worker_start(f"{run}-1")
    worker = services.workers[-1]
    wait_for(lambda: batch_done(sent, sink) >= n_tasks // 3, timeout=300, what="a third done")
    done_at_kill = batch_done(sent, sink)
    killed_at = time.monotonic()
    if whole:
        services.worker_kill(worker)  # the machine lost: main process and pool, no goodbye
        second_log = services.worker_start(f"{run}-2")
        logs = [first_log, second_log]
    else:
        for child in children(worker.pid):
            os.kill(child, signal.SIGKILL)  # the pool's processes (out of memory, a segfault)
        logs = [first_log]
    wait_for(lambda: batch_done(sent, sink) >= n_tasks, timeout=900, what="the batch", step=0.5)
    all_done_s = time.monotonic() - killed_at
    time.sleep(3)  # a late duplicate would show now
    outcome = batch_outcome(sent, sink, logs)
    for process in list(services.workers):
        if process.poll() is None:
            services.worker_stop(process)
    return {
        "tasks": n_tasks,
        "done_at_kill": done_at_kill,
        **outcome,
        "kill_to_all_done_s": round(all_done_s, 1),
    }


# --- b. restart PostgreSQL while serving -------------------------------------------------


def fault_postgres_restart(services: Services, *, down_s: float) -> dict:
    base = f"http://127.0.0.1:{services.web_port}"
    for _ in range(12):  # every worker holds a kept connection before the restart
        http_status(f"{base}/jobs/")
    pids_before = children(services.web.pid)  # type: ignore[union-attr]
    answers: list[tuple[float, int | str]] = []
    stop = threading.Event()

    def client(path: str) -> None:
        while not stop.is_set():
            status = http_status(base + path)
            answers.append((time.monotonic(), status))
            time.sleep(0.05)

    clients = [threading.Thread(target=client, args=(p,)) for p in ("/jobs/", "/api/jobs")]
    for thread in clients:
        thread.start()
    time.sleep(4)
    stopped_at = time.monotonic()
    services.pg_stop()
    time.sleep(down_s)
    services.pg_start()  # -w: returns once it accepts connections
    up_at = time.monotonic()
    time.sleep(8)
    stop.set()
    for thread in clients:
        thread.join()
    first_ok_after = min((t for t, s in answers if t >= up_at and s == 200), default=None)
    counts = Counter(
        "ok" if s == 200 else "503" if s == 503 else "500" if s == 500 else "other"
        for _t, s in answers
    )
    return {
        "requests": len(answers),
        "ok": counts["ok"],
        "503": counts["503"],
        "500": counts["500"],
        "other": counts["other"],
        "outage_s": round(up_at - stopped_at, 1),
        "recovery_after_up_s": (
            round(first_ok_after - up_at, 2) if first_ok_after is not None else None
        ),
        "failed_after_up": sum(1 for t, s in answers if t >= up_at + 1 and s != 200),
        "gunicorn_workers_restarted": pids_before != children(services.web.pid),  # type: ignore[union-attr]
    }


# --- c. restart Redis with work queued ----------------------------------------------------


def fault_redis_restart(services: Services, sink: SmtpSink, *, n_mails: int) -> dict:
    from django.db import connection

    from kakehashi.core.notify import email_queue

    connection.close()  # this process's own connection did not outlive PostgreSQL's restart
    subjects = [f"faults redis mail {i:03d}" for i in range(n_mails)]
    for subject in subjects:  # no worker runs: the messages wait in Redis
        email_queue(to=["officer@faults.example"], subject=subject, body="Queued.")
    queued_before = int(services.redis_cli("LLEN", "celery") or 0)
    services.redis_stop()
    services.redis_start()
    queued_after = int(services.redis_cli("LLEN", "celery") or 0)
    # One more task sent while Redis is down: the publish retry carries it over the gap.
    services.redis_stop()
    late = "faults redis mail sent-while-down"
    sender = threading.Thread(
        target=lambda: email_queue(to=["officer@faults.example"], subject=late, body="Late.")
    )
    sender.start()
    time.sleep(2)
    services.redis_start()
    sender.join()
    subjects.append(late)
    log = services.worker_start("redis")
    wait_for(lambda: all(sink.accepted[s] >= 1 for s in subjects), timeout=300, what="the mails")
    time.sleep(2)
    services.worker_stop(services.workers[-1])
    del log
    return {
        "queued_before_restart": queued_before,
        "queued_after_restart": queued_after,
        "sent_while_down_delivered": sink.accepted[late] == 1,
        "lost": sum(1 for s in subjects if sink.accepted[s] == 0),
        "run_twice_visible": sum(1 for s in subjects if sink.accepted[s] > 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tasks", type=int, default=30)
    parser.add_argument("--visibility", type=int, default=60)
    parser.add_argument("--pg-down", type=float, default=3.0, help="seconds PostgreSQL is down")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    assert not {PG_PORT, REDIS_PORT} & SHARED_PORTS

    tmp = Path(tempfile.mkdtemp(prefix="kakehashi-faults-"))
    smtp_port = free_port()
    sink = SmtpSink(smtp_port, mail_from_delay_s=0.3)
    threading.Thread(target=sink.serve_forever, daemon=True).start()
    services = Services(tmp, visibility=args.visibility, smtp_port=smtp_port)
    results: dict = {}
    started = time.monotonic()
    try:
        services.pg_init()
        services.redis_start()
        services.manage("migrate", "--noinput")
        services.manage("taxonomy_load")
        os.environ.update(services.env)
        os.environ["DJANGO_SETTINGS_MODULE"] = "kakehashi.settings"
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        print(f"services up in {time.monotonic() - started:.0f} s ({tmp})", flush=True)

        results["worker_killed"] = fault_worker_kill(
            services, sink, run="whole", n_tasks=args.tasks, whole=True
        )
        print("a. worker killed:", results["worker_killed"], flush=True)
        results["pool_killed"] = fault_worker_kill(
            services, sink, run="pool", n_tasks=args.tasks, whole=False
        )
        print("a. pool children killed:", results["pool_killed"], flush=True)

        services.web_start()
        results["postgres_restart"] = fault_postgres_restart(services, down_s=args.pg_down)
        print("b. PostgreSQL restarted:", results["postgres_restart"], flush=True)

        results["redis_restart"] = fault_redis_restart(services, sink, n_mails=20)
        print("c. Redis restarted:", results["redis_restart"], flush=True)
    finally:
        services.stop_all()
        sink.shutdown()
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    expected = {
        "worker_killed": {"lost": 0, "run_twice_visible": 0},
        "pool_killed": {"lost": 0, "run_twice_visible": 0},
        "postgres_restart": {"500": 0, "failed_after_up": 0, "gunicorn_workers_restarted": False},
        "redis_restart": {"lost": 0, "run_twice_visible": 0, "sent_while_down_delivered": True},
    }
    print("\nfigure                                  measured   expected")
    met = True
    for fault, wanted in expected.items():
        for name, value in wanted.items():
            got = results[fault][name]
            met &= got == value
            print(
                f"{fault + '.' + name:40s}{got!s:>9}  {value!s:>9}{'' if got == value else '  MISSED'}"
            )
    results["visibility_timeout_s"] = args.visibility
    results["all_met"] = met
    print(json.dumps(results))


if __name__ == "__main__":
    main()

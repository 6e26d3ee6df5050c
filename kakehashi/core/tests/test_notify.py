"""E-mails are plain text rendered by one function: nothing is HTML-escaped, the subject is
one line, and the retried Celery task sends them (with attachments) after the commit."""

import json
import re
from pathlib import Path

import kakehashi
from kakehashi.core import notify as notify_module
from kakehashi.core.notify import email_render
from kakehashi.core.tasks import email_send
from kakehashi.jobs.models import Job
from kakehashi.pipeline.services import application_advance, application_create


def test_a_job_title_with_markup_characters_arrives_as_written(
    ayesha, sakura_job, tanaka, django_capture_on_commit_callbacks, mailoutbox
):
    sakura_job.title = "R&D <Cloud>"
    sakura_job.save(update_fields=["title"])
    app = application_create(candidate=ayesha, job=sakura_job, actor=ayesha.user)
    with django_capture_on_commit_callbacks(execute=True):
        application_advance(application=app, stage="shortlisted", actor=tanaka)
    (mail,) = mailoutbox
    assert "R&D <Cloud>" in mail.subject and "R&D <Cloud>" in mail.body
    assert "&amp;" not in mail.subject + mail.body and "&lt;" not in mail.subject + mail.body


def test_a_line_break_already_stored_in_a_title_stays_out_of_the_subject(
    ayesha, sakura_job, tanaka, django_capture_on_commit_callbacks, mailoutbox
):
    # Saved before titles were checked (or by a path that skips the form).
    Job.objects.filter(pk=sakura_job.pk).update(title="R&D\rCloud")
    sakura_job.refresh_from_db()
    app = application_create(candidate=ayesha, job=sakura_job, actor=ayesha.user)
    with django_capture_on_commit_callbacks(execute=True):
        application_advance(application=app, stage="shortlisted", actor=tanaka)
    (mail,) = mailoutbox
    assert "\r" not in mail.subject and "\n" not in mail.subject
    assert "R&D Cloud" in mail.subject


def test_the_subject_is_the_first_line_on_one_line(ayesha, sakura_job):
    app = application_create(candidate=ayesha, job=sakura_job, actor=ayesha.user)
    subject, body = email_render(
        template="application_stage",
        context={"application": app, "user": ayesha.user, "stage": "A\r\tB", "to_candidate": True},
        language="en",
    )
    assert subject == "Kakehashi: 機械学習エンジニア — A B"
    assert body.startswith("Dear Ayesha Khan,")


def test_the_task_carries_attachments_and_keeps_the_subject_on_one_line(mailoutbox):
    email_send.delay(
        to=["hina@example.pk"],
        subject="Hello\r\nBcc: someone@example.com",
        body="R&D <Cloud>",
        attachments=[["a.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar"]],
    )
    (mail,) = mailoutbox
    assert mail.subject == "Hello Bcc: someone@example.com" and mail.body == "R&D <Cloud>"
    assert mail.attachments[0][0] == "a.ics" and mail.attachments[0][2] == "text/calendar"
    assert "BEGIN:VCALENDAR" in mail.attachments[0][1]


def test_notify_queues_json_ready_messages_for_the_task(
    ayesha, monkeypatch, django_capture_on_commit_callbacks
):
    sent = []
    monkeypatch.setattr(notify_module.email_send, "delay", lambda **kw: sent.append(kw))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify_module.notify(
            users=[ayesha.user],
            template="employer_verification",
            context={
                "employer": type("E", (), {"is_verified": True, "__str__": lambda s: "R&D"})()
            },
            attachments=[("x.ics", "BEGIN:VCALENDAR", "text/calendar")],
        )
    assert sent == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    (message,) = sent
    json.dumps(message)  # what the Celery JSON serializer must carry
    assert "R&D" in message["body"] and message["attachments"] == [
        ["x.ics", "BEGIN:VCALENDAR", "text/calendar"]
    ]


def test_only_the_task_builds_and_sends_e_mails():
    root = Path(kakehashi.__file__).parent
    senders = [
        str(path.relative_to(root))
        for path in root.glob("**/*.py")
        if "tests" not in path.parts
        and re.search(
            r"\b(EmailMessage|EmailMultiAlternatives|send_mail|send_mass_mail)\b",
            path.read_text(encoding="utf-8"),
        )
    ]
    assert senders == ["core/tasks.py"]

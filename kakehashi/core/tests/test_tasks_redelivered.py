"""Celery delivers a task at least once: a worker killed mid-task (kill -9, out of memory)
leaves its message to be delivered again. What a person sees must not happen twice: an
e-mail is sent once per key, a CV read again leaves one set of its rows, and the settings
that make redelivery happen (and soon) are the ones in force."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.utils import timezone

from kakehashi.candidates.cv import cv_parse_run
from kakehashi.candidates.models import CandidateSkill, CvDocument
from kakehashi.candidates.sweeper import STUCK_AFTER
from kakehashi.celery import app
from kakehashi.core import notify as notify_module
from kakehashi.core.models import EmailSent
from kakehashi.core.tasks import EMAIL_KEY_KEEP, email_keys_prune, email_send

MESSAGE = {"to": ["hina@example.pk"], "subject": "Interview", "body": "Tomorrow at 10:00."}


def test_an_e_mail_task_delivered_twice_sends_one_mail(db, mailoutbox):
    assert email_send.delay(**MESSAGE, key="k-1").get() == 1
    assert email_send.delay(**MESSAGE, key="k-1").get() == 0  # the redelivery
    assert [m.subject for m in mailoutbox] == ["Interview"]
    assert EmailSent.objects.filter(key="k-1").count() == 1


def test_a_send_the_mail_server_refused_is_sent_by_the_retry(db, mailoutbox, monkeypatch):
    real_send = EmailMessage.send
    monkeypatch.setattr(EmailMessage, "send", lambda self, **kw: (_ for _ in ()).throw(OSError))
    with pytest.raises(OSError):
        email_send.run(**MESSAGE, key="k-2")
    assert not EmailSent.objects.filter(key="k-2").exists()  # nothing recorded as sent
    monkeypatch.setattr(EmailMessage, "send", real_send)
    assert email_send.run(**MESSAGE, key="k-2") == 1
    assert len(mailoutbox) == 1


def test_two_messages_alike_are_two_mails(db, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify_module.email_queue(**MESSAGE)
        notify_module.email_queue(**MESSAGE)
    assert len(mailoutbox) == 2 and EmailSent.objects.count() == 2


def test_each_queued_message_carries_its_own_key(
    db, monkeypatch, django_capture_on_commit_callbacks
):
    sent: list[dict] = []
    monkeypatch.setattr(notify_module.email_send, "delay", lambda **kw: sent.append(kw))
    with django_capture_on_commit_callbacks(execute=True):
        notify_module.email_queue(**MESSAGE)
        notify_module.email_queue(**MESSAGE, key="invitation-7")
    assert len(sent[0]["key"]) == 32 and sent[1]["key"] == "invitation-7"


def test_keys_are_forgotten_after_their_keeping_period(db):
    EmailSent.objects.create(key="old", sent_at=timezone.now() - EMAIL_KEY_KEEP - dt.timedelta(1))
    EmailSent.objects.create(key="new")
    assert email_keys_prune(before=timezone.now() - EMAIL_KEY_KEEP) == 1
    assert list(EmailSent.objects.values_list("key", flat=True)) == ["new"]


CV = b"Ayesha Khan\nLahore\nSKILLS\nPython, Django, PostgreSQL\n"


def _uploaded(profile) -> CvDocument:
    document = CvDocument(profile=profile, original_name="cv.txt", size=len(CV), sha256="x" * 64)
    document.file.save("cv.txt", ContentFile(CV), save=False)
    document.save()
    return document


def test_a_cv_reading_delivered_again_leaves_one_set_of_rows(ayesha, taxonomy_loaded):
    document = _uploaded(ayesha)
    # Killed after the document was marked *parsing*: the redelivery reads it again.
    CvDocument.objects.filter(pk=document.pk).update(state="parsing", parse_attempts=1)
    cv_parse_run(document_id=document.pk)
    skills = sorted(
        CandidateSkill.objects.filter(profile=ayesha, source="cv").values_list(
            "skill_id", flat=True
        )
    )
    assert skills and CvDocument.objects.get(pk=document.pk).state == "parsed"
    # Killed after the reading committed, before the acknowledgement: delivered once more.
    cv_parse_run(document_id=document.pk)
    again = CvDocument.objects.get(pk=document.pk)
    assert again.state == "parsed" and again.parse_attempts == 2  # not read a third time
    assert (
        sorted(
            CandidateSkill.objects.filter(profile=ayesha, source="cv").values_list(
                "skill_id", flat=True
            )
        )
        == skills
    )


def test_a_reading_of_a_deleted_cv_does_nothing(db):
    assert cv_parse_run(document_id=987654) is None


def test_a_killed_worker_leaves_its_task_to_be_delivered_again_within_minutes():
    conf = app.conf
    assert conf.task_acks_late is True and conf.task_reject_on_worker_lost is True
    assert conf.worker_prefetch_multiplier == 1  # a killed worker held one task, not four
    transport = conf.broker_transport_options
    assert 60 <= transport["visibility_timeout"] <= 15 * 60
    # Handed back within the visibility timeout and one scan, not up to 10 scans later.
    assert transport["unacked_restore_interval"] * transport["unacked_restore_throttle"] <= 10
    assert conf.broker_connection_max_retries is None
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    beat = {entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    # The sweeper runs more often than a reading is deemed stuck.
    assert beat["kakehashi.candidates.sweeper.cv_parse_sweep"] < STUCK_AFTER.total_seconds()
    assert "kakehashi.core.tasks.email_keys_prune_daily" in beat

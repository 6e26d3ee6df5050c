"""Candidates are erased when their recruitment ends, as the consent text promises: no open
application, no hire, and inactive for the retention period. A dry run changes nothing."""

import datetime as dt
import io

from django.core.management import call_command
from django.utils import timezone

from kakehashi.accounts.models import User
from kakehashi.audit.models import AuditEvent, PersonalDataAccess
from kakehashi.audit.services import personal_data_seen
from kakehashi.audit.tasks import access_records_prune
from kakehashi.candidates.models import CandidateProfile
from kakehashi.candidates.retention import retention_run
from kakehashi.pipeline.models import Application

LATER = timezone.now() + dt.timedelta(days=400)  # past the default 365 days


def _apply(profile, job, stage):
    return Application.objects.create(candidate=profile, job=job, stage=stage)


def test_rejected_and_idle_candidates_are_erased_the_hired_and_the_busy_kept(
    ayesha, bilal, zara, sakura_job
):
    _apply(ayesha, sakura_job, "rejected")  # recruitment over for her
    _apply(bilal, sakura_job, "arrived")  # hired: the ministry follows him to Japan
    # zara never applied and is idle: erased too
    report = retention_run(dry_run=False, now=LATER)
    assert sorted(report.due) == sorted([ayesha.pk, zara.pk]) and report.erased == 2
    assert list(CandidateProfile.objects.values_list("pk", flat=True)) == [bilal.pk]
    assert not User.objects.filter(email__in=["ayesha@example.pk", "zara@example.pk"]).exists()
    erased = AuditEvent.objects.filter(action="candidate.deleted")
    assert {e.details["reason"] for e in erased} == {"retention"}


def test_an_open_application_or_recent_activity_keeps_the_data(ayesha, bilal, sakura_job):
    _apply(ayesha, sakura_job, "interviewed")
    assert retention_run(dry_run=False, now=timezone.now() + dt.timedelta(days=30)).due == []
    assert retention_run(dry_run=False, now=LATER).due == [bilal.pk]
    assert CandidateProfile.objects.filter(pk=ayesha.pk).exists()


def test_a_dry_run_lists_and_changes_nothing(ayesha, settings):
    settings.KAKEHASHI_RETENTION_DAYS = 30
    out = io.StringIO()
    call_command("retention_run", "--dry-run", stdout=out)
    assert "0 candidate(s)" in out.getvalue()  # she was active today
    report = retention_run(dry_run=True, now=LATER)
    assert report.due == [ayesha.pk] and report.erased == 0
    assert CandidateProfile.objects.filter(pk=ayesha.pk).exists()


def test_access_records_are_kept_three_years_then_pruned(ayesha, imran):
    personal_data_seen(
        actor=imran, subject_ids=[ayesha.pk], fields=["name"], purpose="profile", channel="page"
    )
    assert access_records_prune(before=timezone.now() - dt.timedelta(days=1095)) == 0
    assert access_records_prune(before=timezone.now() + dt.timedelta(seconds=1)) == 1
    assert not PersonalDataAccess.objects.exists()

"""A CV reading a killed worker left in *parsing* (or an upload whose queue message was lost)
is read again by the sweeper, and given up with a clear message after three readings."""

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from kakehashi.candidates.models import CvDocument
from kakehashi.candidates.sweeper import MAX_ATTEMPTS, cv_parse_sweep

CV = b"Ayesha Khan\nLahore\nSKILLS\nPython, Django, PostgreSQL\n"


def _document(profile, *, state, minutes_ago, attempts=1):
    document = CvDocument(
        profile=profile, original_name="cv.txt", size=len(CV), sha256="x" * 64, state=state
    )
    document.file.save("cv.txt", ContentFile(CV), save=False)
    document.save()
    past = timezone.now() - dt.timedelta(minutes=minutes_ago)
    CvDocument.objects.filter(pk=document.pk).update(
        uploaded_at=past, parse_started_at=past, parse_attempts=attempts
    )
    return document


def test_stuck_and_lost_readings_are_read_again(ayesha, taxonomy_loaded):
    stuck = _document(ayesha, state=CvDocument.State.PARSING, minutes_ago=30)
    lost = _document(ayesha, state=CvDocument.State.PENDING, minutes_ago=30, attempts=0)
    busy = _document(ayesha, state=CvDocument.State.PARSING, minutes_ago=1)
    assert cv_parse_sweep() == {"requeued": 2, "failed": 0}  # Celery is eager here
    states = dict(CvDocument.objects.values_list("pk", "state"))
    assert states[stuck.pk] == states[lost.pk] == "parsed"
    assert states[busy.pk] == "parsing"  # still within its time: left alone
    assert CvDocument.objects.get(pk=stuck.pk).parse_attempts == 2


def test_after_three_readings_the_candidate_is_told_to_upload_again(ayesha):
    ayesha.user.language = "ja"
    ayesha.user.save()
    doomed = _document(
        ayesha, state=CvDocument.State.PARSING, minutes_ago=30, attempts=MAX_ATTEMPTS
    )
    assert cv_parse_sweep() == {"requeued": 0, "failed": 1}
    doomed.refresh_from_db()
    assert doomed.state == "failed" and doomed.error_code == "parse_lost"
    assert doomed.error_message  # in her language once the catalogue has it

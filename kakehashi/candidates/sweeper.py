"""CV readings a lost worker left behind. A worker killed mid-parse leaves its document in
*parsing*, and an upload whose queue message was lost stays *pending*: every few minutes
(Celery beat) the sweeper queues them again, and after ``MAX_ATTEMPTS`` readings marks the
document failed with a message the candidate can act on."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kakehashi.candidates.cv import cv_parse_task
from kakehashi.candidates.models import CvDocument

STUCK_AFTER = dt.timedelta(minutes=10)
MAX_ATTEMPTS = 3


def cv_parses_stuck(*, now: dt.datetime):
    cutoff = now - STUCK_AFTER
    return CvDocument.objects.filter(
        Q(state=CvDocument.State.PARSING, parse_started_at__lt=cutoff)
        | Q(state=CvDocument.State.PENDING, uploaded_at__lt=cutoff)
    )


@shared_task(name="kakehashi.candidates.sweeper.cv_parse_sweep")
def cv_parse_sweep() -> dict[str, int]:
    """Queue the stuck readings again; give up on those read ``MAX_ATTEMPTS`` times."""
    requeued = failed = 0
    stuck = cv_parses_stuck(now=timezone.now()).select_related("profile__user")
    for document in stuck:
        if document.parse_attempts >= MAX_ATTEMPTS:
            with translation.override(document.profile.user.language):
                message = _(
                    "We could not finish reading this file. Upload it again, or upload a DOCX or a PDF with selectable text."
                )
            failed += CvDocument.objects.filter(
                pk=document.pk, state__in=[CvDocument.State.PARSING, CvDocument.State.PENDING]
            ).update(state=CvDocument.State.FAILED, error_code="parse_lost", error_message=message)
        else:
            cv_parse_task.delay(document_id=document.pk)
            requeued += 1
    return {"requeued": requeued, "failed": failed}

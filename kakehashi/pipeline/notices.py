"""Tell people what happened: an e-mail in their language (core.notify) and the same line on
their in-app notifications page. Every pipeline, interview, offer and message service that
tells the other side comes here."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db.models import QuerySet
from django.utils import timezone

from kakehashi.accounts.middleware import user_zone
from kakehashi.core.notify import Attachment, email_queue, email_render
from kakehashi.pipeline.models import Notice


def tell(
    *,
    users: Iterable,
    template: str,
    context: dict,
    link: str = "",
    attachments: Sequence[Attachment] = (),
) -> int:
    """E-mail ``templates/email/<template>.txt`` to each person (after commit; times in
    their own zone) and keep its subject as their notification, pointing at ``link`` (a path on the site). Returns how
    many people were told; a person is told once even if listed twice."""
    seen: set[int] = set()
    for user in users:
        if user.pk in seen:
            continue
        seen.add(user.pk)
        # Times in the e-mail are in the reader's own zone, as on their pages.
        with timezone.override(user_zone(user) or timezone.get_default_timezone()):
            subject, body = email_render(
                template=template, context={**context, "user": user}, language=user.language
            )
        email_queue(to=[user.email], subject=subject, body=body, attachments=attachments)
        Notice.objects.create(user=user, text=subject[:300], link=link[:300])
    return len(seen)


def notices_for_user(*, user) -> QuerySet[Notice]:
    """A person's own notifications, newest first (nobody reads another's)."""
    if not user.is_authenticated:
        return Notice.objects.none()
    return Notice.objects.filter(user=user)


def notices_unread_count(*, user) -> int:
    return notices_for_user(user=user).filter(read_at=None).count()


def notices_mark_read(*, user) -> int:
    """Mark all of a person's notifications read; returns how many were unread."""
    return notices_for_user(user=user).filter(read_at=None).update(read_at=timezone.now())

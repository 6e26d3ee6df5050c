"""A thread per application between the company, the candidate and the ministry: whoever
passes the application's door writes; the other sides are told (e-mail + notification)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from kakehashi.accounts.models import User
from kakehashi.audit.services import audit_record
from kakehashi.core.errors import ApplicationError
from kakehashi.core.site import site_url
from kakehashi.pipeline.interviews import company_people
from kakehashi.pipeline.models import Application, Message
from kakehashi.pipeline.notices import tell
from kakehashi.pipeline.selectors import application_side

MAX_MESSAGE_CHARS = 4000


def message_post(*, application: Application, actor, body: str) -> Message:
    """Add a message to the application's thread and tell the other sides. A message is
    kept whole (line breaks too); an empty or too long one is refused."""
    side = application_side(application=application, user=actor)
    if side is None:
        raise PermissionDenied
    body = body.strip()
    if not body:
        raise ApplicationError(_("Write a message first."), field="body")
    if len(body) > MAX_MESSAGE_CHARS:
        raise ApplicationError(
            _("A message has at most %(n)d characters; this one has %(len)d.")
            % {"n": MAX_MESSAGE_CHARS, "len": len(body)},
            field="body",
        )
    with transaction.atomic():
        message = Message.objects.create(
            application=application, author=actor, side=side, body=body
        )
        audit_record(actor=actor, action="message.posted", obj=message, details={"side": side})
        recipients = []
        if side != "candidate":
            recipients.append(application.candidate.user)
        if side != "employer":
            recipients += company_people(application=application)
        # Officers who wrote in the thread hear of replies.
        officer_ids = set(
            application.messages.filter(side="facilitator")
            .exclude(author=actor)
            .values_list("author_id", flat=True)
        )
        recipients += list(get_user_model().objects.filter(pk__in=officer_ids))
        tell(
            users=[u for u in recipients if u.pk != actor.pk],
            template="application_message",
            context={
                "application": application,
                "message": message,
                "author_side": side,
                "site_url": site_url(),
            },
            link=reverse("application_messages", args=[application.pk]),
        )
    return message


def message_author_label(message: Message, *, reader: User) -> str:
    """Who wrote it, as the reader may know: the company never sees a blind candidate's
    name; everyone sees the company and the ministry by name of the side."""
    if message.side == "candidate":
        return _("Candidate")
    if message.side == "facilitator":
        return _("Ministry of IT & Telecom")
    name = message.author.full_name if message.author else ""
    return _("Company") + (f" · {name}" if name else "")

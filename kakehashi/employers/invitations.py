"""Company admins invite colleagues (recruiters, interviewers) by e-mail."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kakehashi.accounts.services import email_claim_check
from kakehashi.audit.services import audit_record
from kakehashi.core.errors import ApplicationError
from kakehashi.core.notify import email_queue
from kakehashi.core.site import site_url
from kakehashi.employers.models import EmployerMember, Invitation
from kakehashi.employers.selectors import employer_for_member

INVITATION_DAYS = 14


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_send(*, actor, email: str, role: str) -> Invitation:
    """Invite a colleague to the actor's company. Only company admins may."""
    employer = employer_for_member(actor)
    if employer is None or actor.employer_membership.role != EmployerMember.Role.ADMIN:
        raise PermissionDenied
    if role not in EmployerMember.Role.values:
        raise ApplicationError(_("Choose a role."), field="role")
    email = email_claim_check(email=email, field="email")
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = Invitation.objects.create(
            employer=employer, email=email, role=role, token_hash=_hash(token), invited_by=actor
        )
        audit_record(actor=actor, action="employer.invited", obj=invitation, details={"role": role})
        link = f"{site_url()}/invitations/{token}/"
        # The invitee has no account (and so no language) yet: write in both of the company's.
        subject = f"Kakehashi: {employer.name_ja} / {employer.name_en}"
        body = (
            f"{actor.full_name} さんから、{employer.name_ja} のメンバーとしてKakehashiに招待されました。\n"
            f"{actor.full_name} invites you to join {employer.name_en} on Kakehashi.\n\n{link}\n\n"
            f"({INVITATION_DAYS} days / {INVITATION_DAYS}日間有効)"
        )
        email_queue(to=[email], subject=subject, body=body)
    return invitation


def invitation_get(token: str) -> Invitation:
    """The open invitation for a link's token; ApplicationError if it is unknown, used or old."""
    invitation = (
        Invitation.objects.select_related("employer").filter(token_hash=_hash(token)).first()
    )
    if invitation is None or invitation.accepted_at is not None:
        raise ApplicationError(_("This invitation link is not valid or was already used."))
    if invitation.created_at < timezone.now() - timedelta(days=INVITATION_DAYS):
        raise ApplicationError(
            _("This invitation has expired. Ask your company admin for a new one.")
        )
    return invitation


def invitation_accept(*, token: str, full_name: str, password: str, language: str = "ja"):
    """Create the invitee's account as a member of the company."""
    with transaction.atomic():
        invitation = invitation_get(token)
        email = email_claim_check(email=invitation.email, field="email")
        user = get_user_model().objects.create_user(
            email,
            password,
            full_name=full_name.strip(),
            role="employer",
            language=language,
            time_zone="Asia/Tokyo",
        )
        EmployerMember.objects.create(user=user, employer=invitation.employer, role=invitation.role)
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
        audit_record(actor=user, action="employer.invitation_accepted", obj=invitation)
    return user

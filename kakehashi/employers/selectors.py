from __future__ import annotations

from django.http import Http404

from kakehashi.employers.models import Employer


def employer_for_member(user) -> Employer | None:
    membership = getattr(user, "employer_membership", None) if user.is_employer_member else None
    return membership.employer if membership else None


def employer_get_for_user(*, employer_id: int, user) -> Employer:
    """The one door to an employer's private page: its own members and facilitators; 404 else."""
    if not user.is_authenticated:
        raise Http404
    employer = Employer.objects.filter(pk=employer_id).first()
    if employer is None:
        raise Http404
    if user.is_facilitator:
        return employer
    own = employer_for_member(user)
    if own is None or own.pk != employer.pk:
        raise Http404
    return employer


def employers_awaiting_verification():
    return Employer.objects.filter(verification_status=Employer.Verification.PENDING).order_by(
        "created_at"
    )

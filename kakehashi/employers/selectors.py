from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Subquery
from django.http import Http404

from kakehashi.core.forms import row_id
from kakehashi.employers.models import CompanyTerms, Employer, EmployerMember


def employer_for_member(
    user, *, verified: bool = False, roles: Iterable[str] | None = None, terms: bool = False
) -> Employer | None:
    """The one predicate for company membership: the company ``user`` is a member of, or None
    for anyone else. With ``verified``, only once the ministry has verified the company; with
    ``roles``, only for members holding one of those roles (EmployerMember.Role); with
    ``terms``, only once the company accepted the current programme terms (every door that
    shows a candidate asks for it)."""
    if not getattr(user, "is_authenticated", False) or not user.is_employer_member:
        return None
    membership: EmployerMember | None = getattr(user, "employer_membership", None)
    if membership is None:
        return None
    if roles is not None and membership.role not in set(roles):
        return None
    employer = membership.employer
    if verified and not employer.is_verified:
        return None
    if terms and not employer_terms_accepted(employer=employer):
        return None
    return employer


def employer_member_is(
    user,
    *,
    employer_id: int,
    verified: bool = True,
    roles: Iterable[str] | None = None,
    terms: bool = False,
) -> bool:
    """Whether ``user`` is a member of company ``employer_id`` (by default: verified)."""
    own = employer_for_member(user, verified=verified, roles=roles, terms=terms)
    return own is not None and own.pk == employer_id


def company_terms_current() -> CompanyTerms | None:
    return CompanyTerms.objects.order_by("-version").first()


def company_terms_get(*, terms_id: str) -> CompanyTerms | None:
    """A published version of the terms by its posted id (public text), or None."""
    pk = row_id(terms_id)
    return CompanyTerms.objects.filter(pk=pk).first() if pk is not None else None


def employer_terms_accepted(*, employer: Employer) -> bool:
    """Whether the company accepted the current version of the programme terms. One query,
    remembered on this Employer instance for the rest of the request."""
    known = getattr(employer, "_terms_accepted", None)
    if known is None:
        current = CompanyTerms.objects.order_by("-version").values("pk")[:1]
        known = employer.terms_acceptances.filter(terms=Subquery(current)).exists()
        employer._terms_accepted = known  # type: ignore[attr-defined]
    return known


def employer_get_for_user(*, employer_id: int, user) -> Employer:
    """The one door to an employer's private page: its own members and ministry verifiers;
    404 else."""
    if not user.is_authenticated:
        raise Http404
    employer = Employer.objects.filter(pk=employer_id).first()
    if employer is None:
        raise Http404
    if user.has_duty("verify"):
        return employer
    if not employer_member_is(user, employer_id=employer.pk, verified=False):
        raise Http404
    return employer


def employers_awaiting_verification():
    return Employer.objects.filter(verification_status=Employer.Verification.PENDING).order_by(
        "created_at"
    )


def employers_verified():
    """Verified companies: their names and prefectures are public (the job board shows them)."""
    return Employer.objects.filter(verification_status=Employer.Verification.VERIFIED)


def employer_verified_get(*, employer_id: int) -> Employer:
    """A verified company's public record (to add it to a mission, say); 404 for any other."""
    employer = employers_verified().filter(pk=employer_id).first()
    if employer is None:
        raise Http404
    return employer

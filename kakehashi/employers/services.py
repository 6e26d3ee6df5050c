from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from engine.codes import CodeError, corporate_number_clean
from kakehashi.accounts.services import (
    SIGNUP_DUPLICATE_CODES,
    email_claim_check,
    email_confirmation_send,
    signup_duplicate_answer,
)
from kakehashi.audit.services import audit_record
from kakehashi.core.errors import ApplicationError
from kakehashi.core.notify import notify
from kakehashi.employers.models import (
    CompanyTerms,
    CompanyTermsAcceptance,
    Employer,
    EmployerMember,
)
from kakehashi.employers.selectors import company_terms_current, employer_member_is

User = get_user_model()


def employer_register(
    *,
    name_en: str,
    name_ja: str,
    corporate_number: str,
    prefecture: str,
    size: str,
    is_sme: bool,
    category: int,
    admin_email: str,
    admin_name: str,
    admin_password: str,
    website: str = "",
    address: str = "",
    language: str = "ja",
    email_confirmed: bool = False,
) -> EmployerMember:
    """Register a Japanese company and its first admin, awaiting the ministry's verification.
    The admin cannot sign in until the e-mail address is confirmed (``email_confirmed``: the
    caller already knows it is theirs). All or nothing: a refused field leaves no company and
    no account behind."""
    try:
        number = corporate_number_clean(corporate_number)
    except CodeError as error:
        raise ApplicationError(str(error), field="corporate_number") from None
    email = email_claim_check(email=admin_email, field="admin_email")
    if Employer.objects.filter(corporate_number=number).exists():
        raise ApplicationError(
            _(
                "A company with this corporate number is already registered. Ask its company "
                "admin to invite you."
            ),
            field="corporate_number",
            code="duplicate_employer",
        )
    try:
        with transaction.atomic():
            employer = Employer.objects.create(
                name_en=name_en.strip(),
                name_ja=name_ja.strip(),
                corporate_number=number,
                prefecture=prefecture,
                size=size,
                is_sme=is_sme,
                category=category,
                website=website,
                address=address,
            )
            user = User.objects.create_user(
                email,
                admin_password,
                full_name=admin_name.strip(),
                role=User.Role.EMPLOYER,
                language=language,
                time_zone="Asia/Tokyo",
                email_confirmed_at=timezone.now() if email_confirmed else None,
            )
            member = EmployerMember.objects.create(
                user=user, employer=employer, role=EmployerMember.Role.ADMIN
            )
            audit_record(actor=user, action="employer.registered", obj=employer)
    except IntegrityError:
        raise ApplicationError(
            _("This company or e-mail address was registered a moment ago. Please sign in."),
            code="duplicate",
        ) from None
    return member


def employer_signup(*, terms: CompanyTerms | None = None, **fields) -> None:
    """The public company sign-up form: employer_register (same fields), the acceptance of
    the programme's ``terms`` (the version the admin read on the form) by the new admin for
    the company, all in one transaction, then the admin's confirmation e-mail. An admin e-mail address that already has an account creates nothing
    and e-mails that account's holder instead, so that the form answers the same way ("check
    your e-mail"). A company already registered is still named: company registrations are
    public (the corporate number is the National Tax Agency's), people's accounts are not."""
    try:
        with transaction.atomic():
            member = employer_register(**fields)
            if terms is not None:
                company_terms_accept(employer=member.employer, terms=terms, actor=member.user)
    except ApplicationError as error:
        if error.code not in SIGNUP_DUPLICATE_CODES:
            raise
        signup_duplicate_answer(email=fields["admin_email"], password=fields["admin_password"])
        return
    email_confirmation_send(user=member.user)


def employer_verify(*, employer: Employer, actor, approve: bool, note: str = "") -> Employer:
    """A facilitator's decision on a company. Audited; the company's admins are e-mailed."""
    if not (actor.is_authenticated and actor.has_duty("verify")):
        raise PermissionDenied
    if not approve and not note.strip():
        raise ApplicationError(
            _("Say why the company is rejected: the company will read it."), field="note"
        )
    with transaction.atomic():
        employer.verification_status = (
            Employer.Verification.VERIFIED if approve else Employer.Verification.REJECTED
        )
        employer.verification_note = note.strip()
        employer.verified_at = timezone.now()
        employer.verified_by = actor
        employer.save(
            update_fields=["verification_status", "verification_note", "verified_at", "verified_by"]
        )
        audit_record(
            actor=actor,
            action="employer.verified" if approve else "employer.rejected",
            obj=employer,
            details={"note": employer.verification_note},
        )
        admins = User.objects.filter(
            employer_membership__employer=employer,
            employer_membership__role=EmployerMember.Role.ADMIN,
        )
        notify(users=admins, template="employer_verification", context={"employer": employer})
    return employer


def company_terms_accept(
    *, employer: Employer, terms: CompanyTerms, actor
) -> CompanyTermsAcceptance:
    """A company admin accepts ``terms`` (the version they read) for the company; audited.
    Refused when a newer version was published meanwhile."""
    if not employer_member_is(
        actor, employer_id=employer.pk, verified=False, roles=[EmployerMember.Role.ADMIN]
    ):
        raise PermissionDenied
    current = company_terms_current()
    if current is None or current.pk != terms.pk:
        raise ApplicationError(
            _("The terms were updated while you were reading them. Please read the new version."),
            code="stale_terms",
        )
    with transaction.atomic():
        acceptance, created = CompanyTermsAcceptance.objects.get_or_create(
            employer=employer,
            terms=terms,
            defaults={"accepted_by": actor, "accepted_at": timezone.now()},
        )
        if created:
            audit_record(
                actor=actor,
                action="employer.terms_accepted",
                obj=employer,
                details={"version": terms.version},
            )
    employer._terms_accepted = True  # type: ignore[attr-defined]
    return acceptance

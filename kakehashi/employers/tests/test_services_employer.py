import pytest
from django.core import mail

from kakehashi.accounts.models import User
from kakehashi.audit.models import AuditEvent
from kakehashi.core.errors import ApplicationError
from kakehashi.employers.models import Employer
from kakehashi.employers.services import employer_register, employer_verify

COMPANY = dict(
    name_en="Aozora Systems Co., Ltd.",
    name_ja="株式会社青空システムズ",
    prefecture="JP-27",
    size="50-299",
    is_sme=True,
    category=3,
    admin_name="青木 花子",
    admin_password="pw-kakehashi-1",
)


def test_it_registers_a_company_awaiting_verification(db):
    member = employer_register(
        corporate_number="１１８０３０１０１８７７１", admin_email="Aoki@Aozora.example", **COMPANY
    )
    assert member.employer.corporate_number == "1180301018771"
    assert member.employer.verification_status == Employer.Verification.PENDING
    assert member.user.email == "aoki@aozora.example" and member.role == "admin"


def test_wrong_check_digit_is_refused_and_nothing_saved(db):
    with pytest.raises(ApplicationError) as err:
        employer_register(
            corporate_number="7010401067252", admin_email="a@aozora.example", **COMPANY
        )
    assert err.value.field == "corporate_number" and "check digit" in err.value.message
    assert not Employer.objects.exists() and not User.objects.exists()


def test_second_registration_of_same_company_is_refused(db):
    employer_register(corporate_number="1180301018771", admin_email="a@aozora.example", **COMPANY)
    with pytest.raises(ApplicationError) as err:
        employer_register(
            corporate_number="1180301018771", admin_email="b@aozora.example", **COMPANY
        )
    assert err.value.code == "duplicate_employer"
    assert not User.objects.filter(email="b@aozora.example").exists()


def test_duplicate_admin_email_leaves_no_company_behind(ayesha):
    with pytest.raises(ApplicationError) as err:
        employer_register(
            corporate_number="1180301018771", admin_email="ayesha@example.pk", **COMPANY
        )
    assert err.value.field == "admin_email"
    assert not Employer.objects.exists()


def test_verification_is_audited_and_mails_admins_in_their_language(
    db, imran, django_capture_on_commit_callbacks
):
    member = employer_register(
        corporate_number="1180301018771", admin_email="a@aozora.example", language="ja", **COMPANY
    )
    with django_capture_on_commit_callbacks(execute=True):
        employer_verify(employer=member.employer, actor=imran, approve=True)
    member.employer.refresh_from_db()
    assert member.employer.is_verified and member.employer.verified_by == imran
    assert AuditEvent.objects.filter(action="employer.verified", actor=imran).exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["a@aozora.example"]


def test_rejection_needs_a_note(db, imran):
    member = employer_register(
        corporate_number="1180301018771", admin_email="a@aozora.example", **COMPANY
    )
    with pytest.raises(ApplicationError):
        employer_verify(employer=member.employer, actor=imran, approve=False, note=" ")
    member.employer.refresh_from_db()
    assert member.employer.verification_status == Employer.Verification.PENDING


def test_only_facilitators_verify(tanaka, sakura):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        employer_verify(employer=sakura, actor=tanaka, approve=True)

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin

from kakehashi.core.validators import single_line

# What each ministry sub-role may do; every door and service asks ``user.has_duty(duty)``.
# Separation of duties: verifiers check people and papers, organisers run missions, analysts
# read the programme's figures (never one person's data). docs/architecture.md has the table.
FACILITATOR_DUTIES: dict[str, frozenset[str]] = {
    # verify companies and documents; reveal a CNIC; open certificate scans and CV originals
    "verify": frozenset({"verifier"}),
    # read a candidate's full profile, applications and hire checklists
    "personal_data": frozenset({"verifier", "mission_organiser"}),
    # plan, solve and publish hiring missions; run the check-in desk
    "missions": frozenset({"mission_organiser"}),
    # the programme's figures, blind shortlists, reports
    "reports": frozenset({"verifier", "mission_organiser", "analyst"}),
}


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields):
        fields.setdefault("role", User.Role.FACILITATOR)
        fields.setdefault("facilitator_role", User.FacilitatorRole.VERIFIER)
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an e-mail address. ``role`` says which side they are on."""

    class Role(models.TextChoices):
        CANDIDATE = "candidate", _("Candidate")
        EMPLOYER = "employer", _("Employer member")
        FACILITATOR = "facilitator", _("Facilitator (ministry)")

    class FacilitatorRole(models.TextChoices):
        VERIFIER = "verifier", _("Verifier")
        MISSION_ORGANISER = "mission_organiser", _("Mission organiser")
        ANALYST = "analyst", _("Analyst")

    class Language(models.TextChoices):
        EN = "en", "English"
        JA = "ja", "日本語"
        UR = "ur", "اردو"

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, validators=[single_line])
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    facilitator_role = models.CharField(
        _("facilitator role"), max_length=24, choices=FacilitatorRole.choices, blank=True
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.EN
    )
    time_zone = models.CharField(_("time zone"), max_length=40, default="Asia/Karachi")
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # Accounts are created confirmed, except by the two public sign-up services
    # (candidate_register, employer_register), which create them unconfirmed and e-mail a link;
    # every other path (an admin, an invitation link, the demo) already vouches for the address.
    email_confirmed_at = models.DateTimeField(
        _("e-mail confirmed at"), null=True, blank=True, default=timezone.now
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")

    def __str__(self) -> str:
        return self.email

    @property
    def is_candidate(self) -> bool:
        return self.role == self.Role.CANDIDATE

    @property
    def is_employer_member(self) -> bool:
        return self.role == self.Role.EMPLOYER

    @property
    def is_facilitator(self) -> bool:
        return self.role == self.Role.FACILITATOR

    def has_duty(self, duty: str) -> bool:
        """Whether this person is a ministry officer whose sub-role includes ``duty`` (one of
        FACILITATOR_DUTIES; an unknown duty raises ValueError)."""
        if duty not in FACILITATOR_DUTIES:
            raise ValueError(f"unknown facilitator duty {duty!r}")
        return self.is_facilitator and self.facilitator_role in FACILITATOR_DUTIES[duty]


def recovery_code_digest(code: str) -> str:
    """The stored form of a recovery code: an HMAC keyed by SECRET_KEY, so a copy of the
    database alone cannot be searched for codes. Spaces, dashes and case do not matter."""
    normal = "".join(ch for ch in code.upper() if ch.isalnum())
    return salted_hmac("kakehashi.accounts.recovery-code", normal, algorithm="sha256").hexdigest()


class RecoveryCodeDevice(ThrottlingMixin, Device):
    """A person's one-use recovery codes for two-step sign-in, a django-otp device so that a
    code verifies like an authenticator's. Only an HMAC of each code is stored (django-otp's
    own static device keeps them in clear); the codes are shown once, when made."""

    def verify_token(self, token) -> bool:
        allowed, _why = self.verify_is_allowed()
        if not allowed:
            return False
        digest = recovery_code_digest(str(token))
        used = self.codes.filter(digest=digest).first()
        if used is None:
            self.throttle_increment()
            return False
        used.delete()
        self.throttle_reset()
        return True

    def get_throttle_factor(self) -> int:
        return getattr(settings, "OTP_RECOVERY_THROTTLE_FACTOR", 1)


class RecoveryCode(models.Model):
    device = models.ForeignKey(RecoveryCodeDevice, on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField(max_length=64, db_index=True)

    def __str__(self) -> str:
        return f"recovery code of {self.device.user_id}"

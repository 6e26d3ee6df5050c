from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
    full_name = models.CharField(_("full name"), max_length=150)
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

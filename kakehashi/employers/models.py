from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kakehashi.core.choices import prefecture_choices
from kakehashi.core.validators import single_line
from kakehashi.employers.validators import validate_corporate_number


class Employer(models.Model):
    """A Japanese company. It sees no candidates until a facilitator has verified it."""

    class Size(models.TextChoices):
        MICRO = "1-49", _("1–49 employees")
        SMALL = "50-299", _("50–299 employees")
        MEDIUM = "300-999", _("300–999 employees")
        LARGE = "1000+", _("1,000 or more employees")

    class Category(models.IntegerChoices):
        # Immigration's employer categories (DOMAIN.md §2): 1-2 submit fewer documents.
        LISTED = 1, _("Category 1: listed company or public body")
        LARGE_WITHHOLDING = 2, _("Category 2: withholding tax ≥ ¥10M last year")
        FILED = 3, _("Category 3: filed the withholding summary")
        OTHER = 4, _("Category 4: other (e.g. new company)")

    class Verification(models.TextChoices):
        PENDING = "pending", _("Awaiting verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")

    name_en = models.CharField(
        _("company name (English)"), max_length=200, validators=[single_line]
    )
    name_ja = models.CharField(
        _("company name (Japanese)"), max_length=200, validators=[single_line]
    )
    corporate_number = models.CharField(
        _("corporate number (法人番号)"),
        max_length=13,
        unique=True,
        validators=[validate_corporate_number],
        help_text=_("13 digits, from the National Tax Agency's corporate number site."),
    )
    prefecture = models.CharField(_("prefecture"), max_length=5, choices=prefecture_choices())
    address = models.CharField(_("address"), max_length=300, blank=True, validators=[single_line])
    website = models.URLField(_("website"), blank=True)
    size = models.CharField(_("company size"), max_length=8, choices=Size.choices)
    is_sme = models.BooleanField(_("small or medium-sized enterprise"), default=False)
    category = models.PositiveSmallIntegerField(
        _("immigration employer category"), choices=Category.choices, default=Category.OTHER
    )
    verification_status = models.CharField(
        _("verification"),
        max_length=10,
        choices=Verification.choices,
        default=Verification.PENDING,
        db_index=True,
    )
    verification_note = models.TextField(_("verification note"), blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("employer")
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name_ja if get_language() == "ja" else self.name_en

    @property
    def is_verified(self) -> bool:
        return self.verification_status == self.Verification.VERIFIED


class EmployerMember(models.Model):
    """A person of a Japanese company. Each employer member belongs to exactly one employer."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Company admin")
        RECRUITER = "recruiter", _("Recruiter")
        INTERVIEWER = "interviewer", _("Interviewer")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="employer_membership"
    )
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="members")
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    title = models.CharField(_("job title"), max_length=100, blank=True, validators=[single_line])

    class Meta:
        verbose_name = _("employer member")

    def __str__(self) -> str:
        return f"{self.user} @ {self.employer}"


class Invitation(models.Model):
    """A company admin's invitation for a colleague to join as recruiter or interviewer.
    The link carries a random token; only its hash is stored. Valid for 14 days, once."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=12, choices=EmployerMember.Role.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.employer}"


class CompanyTerms(models.Model):
    """The programme's terms a company accepts before it sees any candidate (the candidates'
    consent text promises it). Versioned like consent: a new version must be accepted anew."""

    version = models.PositiveIntegerField(unique=True)
    body_en = models.TextField(_("terms (English)"))
    body_ja = models.TextField(_("terms (Japanese)"))
    published_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("company terms")
        verbose_name_plural = _("company terms")

    def __str__(self) -> str:
        return f"v{self.version}"

    @property
    def body(self) -> str:
        return self.body_ja if get_language() == "ja" else self.body_en


class CompanyTermsAcceptance(models.Model):
    """A company's acceptance of one version of the terms, by one of its admins."""

    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, related_name="terms_acceptances"
    )
    terms = models.ForeignKey(CompanyTerms, on_delete=models.PROTECT, related_name="+")
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["employer", "terms"], name="terms_accepted_once")
        ]

    def __str__(self) -> str:
        return f"{self.employer} {self.terms} {self.accepted_at:%Y-%m-%d}"

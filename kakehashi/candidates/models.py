import re

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from engine.cv.credentials import english_test_level
from kakehashi.core.choices import (
    DEGREE_CHOICES,
    ENGLISH_CHOICES,
    ENGLISH_TEST_CHOICES,
    JLPT_CHOICES,
    OTHER_CITY,
    candidate_city_choices,
    province_choices,
)
from kakehashi.core.validators import single_line


def english_level_effective(*, level: str, test: str, score) -> str:
    """``level`` when set, else the level an English ``test``'s ``score`` shows ("IELTS",
    7.5 -> "fluent"); "" when neither is known."""
    if level:
        return level
    if test and score is not None:
        return english_test_level(test, float(score)) or ""
    return ""


class CandidateProfile(models.Model):
    """A Pakistani IT professional's profile. Name, contact and CNIC are personal data:
    employers see a blind profile until the candidate shares it."""

    class Visibility(models.TextChoices):
        HIDDEN = "hidden", _("Hidden: only me and the ministry")
        BLIND = "blind", _("Visible to verified Japanese employers without personal data")

    class Gender(models.TextChoices):
        FEMALE = "F", _("Female")
        MALE = "M", _("Male")
        OTHER = "X", _("Prefer not to say")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="candidate_profile"
    )
    phone = models.CharField(
        _("mobile number"),
        max_length=20,
        blank=True,
        validators=[single_line],
        help_text=_("With the country code, e.g. +92 321 5550147."),
    )
    city = models.CharField(_("city"), max_length=20, choices=candidate_city_choices(), blank=True)
    city_other = models.CharField(
        _("city (if not in the list)"),
        max_length=80,
        blank=True,
        validators=[single_line],
        help_text=_("Your city's name, when you chose “Other city”."),
    )
    province = models.CharField(_("province"), max_length=5, choices=province_choices(), blank=True)
    # Protected attributes: stored for the visa points (age) and statistics, never scored.
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    headline = models.CharField(_("headline"), max_length=200, blank=True, validators=[single_line])
    # GitHub, LinkedIn, portfolio or showreel: [{"kind": "github", "url": "https://…"}]
    links = models.JSONField(_("links"), default=list, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    english_level = models.CharField(
        _("English level"), max_length=16, choices=ENGLISH_CHOICES, blank=True
    )
    # An English test's result as the CV or the candidate gives it; the level it shows
    # (engine.cv.credentials.english_test_level) stands in when english_level is empty.
    english_test = models.CharField(
        _("English test"), max_length=12, choices=ENGLISH_TEST_CHOICES, blank=True
    )
    english_test_score = models.DecimalField(
        _("English test score"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("IELTS band (e.g. 7.5), TOEFL iBT (0–120) or TOEIC (10–990)."),
    )
    jlpt_level = models.CharField(_("JLPT level"), max_length=2, choices=JLPT_CHOICES, blank=True)
    salary_expectation_jpy = models.PositiveIntegerField(
        _("expected annual salary (JPY)"), null=True, blank=True
    )
    available_from = models.DateField(_("available from"), null=True, blank=True)
    willing_to_relocate = models.BooleanField(_("willing to relocate to Japan"), default=True)
    visibility = models.CharField(
        _("visibility"), max_length=8, choices=Visibility.choices, default=Visibility.HIDDEN
    )
    # Fields the candidate has reviewed and confirmed: a later CV parse never overwrites them.
    confirmed_fields = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("candidate profile")

    def __str__(self) -> str:
        return f"Candidate #{self.pk}"

    def get_city_display(self) -> str:
        """The city as people read it: the typed name for a city not in the list."""
        if self.city == OTHER_CITY:
            return self.city_other or dict(candidate_city_choices())[OTHER_CITY]
        return dict(candidate_city_choices()).get(self.city, self.city)

    @property
    def english_level_effective(self) -> str:
        """The English level to show and match on: the one set on the profile, else the one
        the English test score shows ("" when neither is known)."""
        return english_level_effective(
            level=self.english_level, test=self.english_test, score=self.english_test_score
        )


class CandidateIdentity(models.Model):
    """The CNIC, kept apart from the profile: encrypted at rest, looked up by keyed digest,
    never shown to employers; every reveal is audited (candidates.services.cnic_reveal)."""

    profile = models.OneToOneField(
        CandidateProfile, on_delete=models.CASCADE, related_name="identity"
    )
    cnic_encrypted = models.TextField()
    cnic_digest = models.CharField(max_length=64, unique=True)
    cnic_last4 = models.CharField(max_length=4)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("candidate identity")
        verbose_name_plural = _("candidate identities")

    def __str__(self) -> str:
        return f"CNIC ****{self.cnic_last4}"


class Education(models.Model):
    class Attestation(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        HEC_SUBMITTED = "hec_submitted", _("Submitted to HEC")
        HEC_ATTESTED = "hec_attested", _("Attested by HEC")
        MOFA_ATTESTED = "mofa_attested", _("Attested by HEC and MOFA")

    profile = models.ForeignKey(
        CandidateProfile, on_delete=models.CASCADE, related_name="education"
    )
    level = models.CharField(_("level"), max_length=16, choices=DEGREE_CHOICES)
    field = models.CharField(_("field"), max_length=120, validators=[single_line])
    institution = models.CharField(_("institution"), max_length=200, validators=[single_line])
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
    )
    grade = models.CharField(_("grade / CGPA"), max_length=40, blank=True, validators=[single_line])
    from_cv = models.BooleanField(default=False, editable=False)
    attestation = models.CharField(
        _("attestation"),
        max_length=16,
        choices=Attestation.choices,
        default=Attestation.NOT_STARTED,
    )

    class Meta:
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.field}, {self.institution}"


class Employment(models.Model):
    profile = models.ForeignKey(
        CandidateProfile, on_delete=models.CASCADE, related_name="employment"
    )
    employer_name = models.CharField(_("employer"), max_length=200, validators=[single_line])
    title = models.CharField(_("title"), max_length=200, validators=[single_line])
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True, help_text=_("Empty: current job."))
    description = models.TextField(_("description"), blank=True)
    from_cv = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["-start"]

    def __str__(self) -> str:
        return f"{self.title} at {self.employer_name}"


class CandidateSkill(models.Model):
    class Source(models.TextChoices):
        CV = "cv", _("Found in the CV")
        SELF = "self", _("Added by the candidate")
        CONFIRMED = "confirmed", _("Confirmed by the candidate")

    profile = models.ForeignKey(CandidateProfile, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey("taxonomy.Skill", on_delete=models.PROTECT, related_name="+")
    # None: the years are not known (a skill the CV lists without a job that used it), which
    # is not the same as "no experience": pages say nothing rather than "0 years".
    years = models.DecimalField(
        _("years"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("Leave empty if you are not sure."),
    )
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.SELF)
    evidence = models.CharField(_("evidence"), max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["profile", "skill"], name="candidate_skill_once")
        ]

    def __str__(self) -> str:
        return f"{self.skill_id} ({'?' if self.years is None else self.years} y)"


class Certification(models.Model):
    class Kind(models.TextChoices):
        JLPT = "jlpt", _("JLPT")
        JFT_BASIC = "jft_basic", _("JFT-Basic")
        ITEE = "itee", _("ITEE (IPA information technology exam)")
        CLOUD = "cloud", _("Cloud certification")
        OTHER = "other", _("Other")

    class Verification(models.TextChoices):
        UNVERIFIED = "unverified", _("Not verified")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")

    profile = models.ForeignKey(
        CandidateProfile, on_delete=models.CASCADE, related_name="certifications"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200, validators=[single_line])
    level = models.CharField(_("level"), max_length=40, blank=True, validators=[single_line])
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    obtained_on = models.DateField(_("date"), null=True, blank=True)
    verification = models.CharField(
        max_length=10, choices=Verification.choices, default=Verification.UNVERIFIED
    )
    # A scan of the certificate, in private storage; seen by the candidate and verifiers.
    evidence = models.FileField(upload_to="certificates/%Y/%m/", blank=True)
    verification_note = models.CharField(max_length=300, blank=True, validators=[single_line])
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "-obtained_on"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name with the level after it, unless the name already says it ("JLPT N4",
        "CKA – Certified Kubernetes Administrator" with level CKA)."""
        if self.level and not re.search(
            rf"(?<!\w){re.escape(self.level)}(?!\w)", self.name, re.IGNORECASE
        ):
            return f"{self.name} {self.level}"
        return self.name


class LanguageSkill(models.Model):
    profile = models.ForeignKey(
        CandidateProfile, on_delete=models.CASCADE, related_name="languages"
    )
    language = models.CharField(_("language"), max_length=40, validators=[single_line])
    level = models.CharField(_("level"), max_length=40, validators=[single_line])

    def __str__(self) -> str:
        return f"{self.language}: {self.level}"


class ConsentText(models.Model):
    """A published, versioned consent text. Publishing a new version for a purpose means
    consents given to older versions no longer count for that purpose."""

    class Purpose(models.TextChoices):
        SHARE_WITH_JAPANESE_EMPLOYERS = (
            "share_jp_employers",
            _("Share my profile with Japanese employers"),
        )

    purpose = models.CharField(max_length=32, choices=Purpose.choices)
    version = models.PositiveIntegerField()
    recipient_country = models.CharField(max_length=2, default="JP")
    body_en = models.TextField()
    body_ja = models.TextField()
    body_ur = models.TextField()
    published_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["purpose", "version"], name="consent_text_version_once")
        ]
        ordering = ["purpose", "-version"]

    def __str__(self) -> str:
        return f"{self.purpose} v{self.version}"

    def body(self, language: str) -> str:
        return {"ja": self.body_ja, "ur": self.body_ur}.get(language, self.body_en)


class ConsentRecord(models.Model):
    """One giving of consent to one text version; withdrawal is recorded on the same row.
    Rows are never deleted (kept, anonymised, when the account is deleted)."""

    profile = models.ForeignKey(
        CandidateProfile, null=True, on_delete=models.SET_NULL, related_name="consents"
    )
    text = models.ForeignKey(ConsentText, on_delete=models.PROTECT, related_name="records")
    given_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-given_at"]

    def __str__(self) -> str:
        return f"{self.text} given {self.given_at:%Y-%m-%d}"


class CvDocument(models.Model):
    """An uploaded CV: the original file in private storage, and what parsing made of it.
    Reached only through candidates.selectors.cv_document_get_for_user (the download is audited)."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be read")
        PARSING = "parsing", _("Being read")
        PARSED = "parsed", _("Read")
        FAILED = "failed", _("Could not be read")

    profile = models.ForeignKey(CandidateProfile, on_delete=models.CASCADE, related_name="cvs")
    file = models.FileField(upload_to="cv/%Y/%m/")
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=8, choices=State.choices, default=State.PENDING)
    error_code = models.CharField(max_length=40, blank=True)
    error_message = models.TextField(blank=True)
    parsed = models.JSONField(null=True, blank=True)
    parsed_at = models.DateTimeField(null=True, blank=True)
    # When the last reading started and how many were started: the sweeper re-queues a
    # reading a lost worker left behind, and gives up after a few.
    parse_started_at = models.DateTimeField(null=True, blank=True)
    parse_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.state})"

    @property
    def error_text(self) -> str:
        """The failure said in the reader's language: the engine's fixed messages (by
        ``error_code``) are translated here; a message with the file's own details (its size,
        its real type) is shown as the engine wrote it."""
        return str(CV_ERROR_TEXTS.get(self.error_code, self.error_message))


# The engine's fixed CvError messages (engine/cv/errors.py), word for word, for translation.
CV_ERROR_TEXTS = {
    "empty_file": _("This file is empty. Upload your CV as a PDF, DOCX, TXT or JSON Resume file."),
    "encrypted_pdf": _(
        "This PDF is protected by a password, so it cannot be read. Save or export it again "
        "without a password (or upload a DOCX) and try again."
    ),
    "scanned_pdf": _(
        "This PDF has no text layer — it looks scanned. Upload the original document or a DOCX."
    ),
    "scan_unreadable": _(
        "This PDF is a scan, and text recognition found too little text in it to use (the "
        "scan may be blurred, too small, rotated or a photo). Upload the original document "
        "(a PDF with text or a DOCX), or a sharper scan at 300 dpi."
    ),
    "zip_bomb": _(
        "This DOCX unpacks to far more data than a CV holds, so it was not opened. Save it "
        "again from your word processor, or upload a PDF."
    ),
    "nothing_found": _(
        "We could not find any CV details in this file (no name, contact details, education, "
        "work history or skills). Check that it is your CV, or fill in your profile by hand."
    ),
}

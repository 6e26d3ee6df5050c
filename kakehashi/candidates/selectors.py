from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Subquery
from django.http import Http404
from django.utils.translation import gettext as _

from engine.blind import personal_data_scrub
from engine.cv.education import institution_find
from engine.pipeline import pipeline
from kakehashi.audit.services import personal_data_seen
from kakehashi.candidates.models import (
    CandidateProfile,
    Certification,
    ConsentRecord,
    ConsentText,
    CvDocument,
    Education,
)
from kakehashi.core.forms import row_id
from kakehashi.employers.selectors import employer_for_member

SHARE_PURPOSE = ConsentText.Purpose.SHARE_WITH_JAPANESE_EMPLOYERS


def consent_text_current(*, purpose: str) -> ConsentText | None:
    return ConsentText.objects.filter(purpose=purpose).order_by("-version").first()


def consent_text_get(*, text_id: str) -> ConsentText | None:
    """A published consent text by id (public: every visitor may read every version)."""
    pk = row_id(text_id)
    return ConsentText.objects.filter(pk=pk).first() if pk is not None else None


def consent_active_record(*, profile: CandidateProfile, purpose: str) -> ConsentRecord | None:
    """The consent to the *current* text version, if given and not withdrawn."""
    current = consent_text_current(purpose=purpose)
    if current is None:
        return None
    return (
        ConsentRecord.objects.filter(profile=profile, text=current, withdrawn_at__isnull=True)
        .order_by("-given_at")
        .first()
    )


def profiles_consenting():
    """Profiles whose candidate consents, now, to the current text of sharing with Japanese
    employers. Read from the database at each call: a withdrawal counts in the same request."""
    current = (
        ConsentText.objects.filter(purpose=SHARE_PURPOSE).order_by("-version").values("pk")[:1]
    )
    return CandidateProfile.objects.filter(
        consents__text=Subquery(current), consents__withdrawn_at__isnull=True
    ).distinct()


def profiles_visible_to_employers():
    """Profiles a verified employer may find blind (shortlists, search): consenting, and the
    candidate chose to be visible."""
    return profiles_consenting().filter(visibility=CandidateProfile.Visibility.BLIND)


def candidate_shares_with_employers(*, profile_id: int) -> bool:
    """Whether this candidate consents now to share with Japanese employers."""
    return profiles_consenting().filter(pk=profile_id).exists()


@dataclass(frozen=True)
class ProfileAccess:
    profile: CandidateProfile
    level: str  # "owner" | "facilitator" | "full" (shared with this employer) | "blind"

    @property
    def shows_personal_data(self) -> bool:
        return self.level != "blind"


def candidate_profile_get_for_user(*, profile_id: int, user) -> ProfileAccess:
    """The one door to a candidate profile. The owner, and ministry officers who handle
    personal data, see everything; a member of a verified company sees a blind profile of a
    consenting candidate, and the full profile only once the candidate shared it for one of
    the company's jobs. Consent is read from the database at each call: once the candidate
    withdraws it, no company passes. Others (analysts included) get 404."""
    if not user.is_authenticated:
        raise Http404
    profile = CandidateProfile.objects.select_related("user").filter(pk=profile_id).first()
    if profile is None:
        raise Http404
    if profile.user_id == user.pk:
        return ProfileAccess(profile, "owner")
    if user.has_duty("personal_data"):
        return ProfileAccess(profile, "facilitator")
    employer = employer_for_member(user, verified=True, terms=True)
    if employer is None or not candidate_shares_with_employers(profile_id=profile.pk):
        raise Http404
    applied = profile.applications.filter(job__employer_id=employer.pk)
    # A hidden profile is not found by companies; one the candidate applied to still sees it.
    if profile.visibility != CandidateProfile.Visibility.BLIND and not applied.exists():
        raise Http404
    shared = applied.filter(stage__in=pipeline().full_profile).exists()
    return ProfileAccess(profile, "full" if shared else "blind")


# What a full profile shows that identifies the person (recorded with each view).
PROFILE_PERSONAL_FIELDS = ("name", "email", "phone", "city", "summary", "education", "employment")


def candidate_profile_read_for_user(*, profile_id: int, user, channel: str) -> ProfileAccess:
    """The door for *showing* a profile: ``candidate_profile_get_for_user``, and when the
    viewer is someone other than the candidate and sees personal data (a company it was
    shared with, a ministry officer), the record of that view in the same request."""
    access = candidate_profile_get_for_user(profile_id=profile_id, user=user)
    if access.level in ("full", "facilitator"):
        personal_data_seen(
            actor=user,
            subject_ids=[access.profile.pk],
            fields=PROFILE_PERSONAL_FIELDS,
            purpose="profile",
            channel=channel,
            employer=employer_for_member(user) if access.level == "full" else None,
        )
    return access


def cv_document_get_for_user(*, document_id: int, user) -> CvDocument:
    """The one door to an uploaded CV: its candidate, companies the candidate shared the full
    profile with, and ministry verifiers; 404 for everyone else (blind viewers included)."""
    document = CvDocument.objects.filter(pk=document_id).first()
    if document is None:
        raise Http404
    access = candidate_profile_get_for_user(profile_id=document.profile_id, user=user)
    if not cv_original_allowed(access=access, user=user):
        raise Http404
    return document


def cv_original_allowed(*, access: ProfileAccess, user) -> bool:
    """Whether the viewer behind ``access`` may open a CV's original file."""
    return access.level in ("owner", "full") or (
        access.level == "facilitator" and user.has_duty("verify")
    )


def _own_or_verifier(model, *, pk: int, user):
    """A candidate's row of ``model`` for its candidate or a ministry verifier; 404 else."""
    row = model.objects.select_related("profile").filter(pk=pk).first()
    if row is None or not user.is_authenticated:
        raise Http404
    if row.profile.user_id == user.pk or user.has_duty("verify"):
        return row
    raise Http404


def certification_get_for_user(*, certification_id: int, user) -> Certification:
    """The one door to a certificate and its scan: its candidate and ministry verifiers."""
    return _own_or_verifier(Certification, pk=certification_id, user=user)


def education_get_for_user(*, education_id: int, user) -> Education:
    """The one door to a degree row: its candidate and ministry verifiers."""
    return _own_or_verifier(Education, pk=education_id, user=user)


def documents_awaiting_verification(*, limit: int = 100) -> tuple[list, list]:
    """The ministry's queue: certificates with a scan waiting for a decision, and degrees of
    candidates with an offer that are not yet MOFA-attested."""
    pending = (
        Certification.objects.filter(verification=Certification.Verification.UNVERIFIED)
        .exclude(evidence="")
        .select_related("profile__user")
        .order_by("id")[:limit]
    )
    degrees = (
        Education.objects.filter(level__in=["bachelor", "master", "doctorate"])
        .exclude(attestation=Education.Attestation.MOFA_ATTESTED)
        .filter(profile__applications__stage__in=["offered", "accepted"])
        .select_related("profile__user")
        .distinct()[:limit]
    )
    return list(pending), list(degrees)


def profile_texts_as_seen(*, access: ProfileAccess, education, employment) -> dict[str, str]:
    """The profile's free texts as this viewer may read them: on a blind profile, with the
    person's names, contacts, links, employers and institutions taken out (CV summaries
    often start with all of them)."""
    profile = access.profile
    if access.shows_personal_data:
        return {"headline": profile.headline, "summary": profile.summary}
    phrases = [e.employer_name for e in employment] + [e.institution for e in education]
    names = [profile.user.full_name]
    return {
        "headline": personal_data_scrub(profile.headline, names=names, phrases=phrases),
        "summary": personal_data_scrub(profile.summary, names=names, phrases=phrases),
    }


def institutions_as_seen(*, access: ProfileAccess, education) -> dict[int, str]:
    """Each degree's institution as this viewer may read it: its name with personal data; on
    a blind profile only its kind (a university on the programme's list of HEC-recognised
    institutions, or another one) — a name can tell gender or place (a women's university)."""
    if access.shows_personal_data:
        return {e.pk: e.institution for e in education}
    seen = {}
    for e in education:
        found = institution_find(e.institution) if e.institution else None
        seen[e.pk] = (
            _("an HEC-recognised university on the programme's list")
            if found is not None and found[1] is not None
            else _("another institution")
            if e.institution
            else ""
        )
    return seen


@dataclass(frozen=True)
class Completeness:
    percent: int
    missing: list[str]


def candidate_profile_completeness(*, profile: CandidateProfile) -> Completeness:
    """How much of what employers and the ministry need is filled in, and what is missing."""
    checks = [
        (bool(profile.city), _("your city")),
        (bool(profile.phone), _("a phone number")),
        (bool(profile.headline), _("a headline")),
        (bool(profile.summary), _("a summary")),
        (profile.education.exists(), _("your education")),
        (profile.employment.exists(), _("your work history")),
        (profile.skills.count() >= 3, _("at least three skills")),
        (bool(profile.english_level), _("your English level")),
        (profile.salary_expectation_jpy is not None, _("your salary expectation")),
        (profile.available_from is not None, _("when you can start")),
        (
            consent_active_record(profile=profile, purpose=SHARE_PURPOSE) is not None,
            _("your consent to share your profile with Japanese employers"),
        ),
    ]
    done = sum(1 for ok, _label in checks if ok)
    return Completeness(
        percent=round(100 * done / len(checks)),
        missing=[label for ok, label in checks if not ok],
    )

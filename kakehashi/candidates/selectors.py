from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext as _

from kakehashi.candidates.models import CandidateProfile, ConsentRecord, ConsentText

SHARE_PURPOSE = ConsentText.Purpose.SHARE_WITH_JAPANESE_EMPLOYERS
# Stages at which the candidate has agreed to show their full profile to the employer.
FULL_PROFILE_STAGES = (
    "profile_shared",
    "invited",
    "interview_scheduled",
    "interviewed",
    "offered",
    "accepted",
)


def consent_text_current(*, purpose: str) -> ConsentText | None:
    return ConsentText.objects.filter(purpose=purpose).order_by("-version").first()


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


def profiles_visible_to_employers():
    """Profiles a verified employer may see blind: current consent given, not withdrawn,
    and the candidate chose to be visible."""
    current = consent_text_current(purpose=SHARE_PURPOSE)
    if current is None:
        return CandidateProfile.objects.none()
    return CandidateProfile.objects.filter(
        visibility=CandidateProfile.Visibility.BLIND,
        consents__text=current,
        consents__withdrawn_at__isnull=True,
    ).distinct()


@dataclass(frozen=True)
class ProfileAccess:
    profile: CandidateProfile
    level: str  # "owner" | "facilitator" | "full" (shared with this employer) | "blind"

    @property
    def shows_personal_data(self) -> bool:
        return self.level != "blind"


def candidate_profile_get_for_user(*, profile_id: int, user) -> ProfileAccess:
    """The one door to a candidate profile. Owner and facilitators see everything; an employer
    member of a verified company sees a blind profile of a consenting candidate, and the full
    profile only once the candidate shared it for one of the company's jobs. Others get 404."""
    if not user.is_authenticated:
        raise Http404
    profile = CandidateProfile.objects.select_related("user").filter(pk=profile_id).first()
    if profile is None:
        raise Http404
    if profile.user_id == user.pk:
        return ProfileAccess(profile, "owner")
    if user.is_facilitator:
        return ProfileAccess(profile, "facilitator")
    membership = getattr(user, "employer_membership", None) if user.is_employer_member else None
    if membership is None or not membership.employer.is_verified:
        raise Http404
    if not profiles_visible_to_employers().filter(pk=profile.pk).exists():
        raise Http404
    shared = profile.applications.filter(
        job__employer_id=membership.employer_id, stage__in=FULL_PROFILE_STAGES
    ).exists()
    return ProfileAccess(profile, "full" if shared else "blind")


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

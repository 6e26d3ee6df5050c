"""Which candidate profiles are complete, as one SQL condition."""

from __future__ import annotations

from django.db.models import Count, Q

from kakehashi.candidates.models import CandidateSkill, Education, Employment
from kakehashi.candidates.selectors import profiles_visible_to_employers


def profile_complete_q() -> Q:
    """The profiles that candidates.selectors.candidate_profile_completeness calls 100%
    complete, as one SQL condition (a test checks that the two agree)."""
    many_skills = (
        CandidateSkill.objects.values("profile_id")
        .annotate(n=Count("id"))
        .filter(n__gte=3)
        .values("profile_id")
    )
    return (
        ~Q(city="")
        & ~Q(phone="")
        & ~Q(headline="")
        & ~Q(summary="")
        & ~Q(english_level="")
        & Q(salary_expectation_jpy__isnull=False)
        & Q(available_from__isnull=False)
        & Q(pk__in=Education.objects.values("profile_id"))
        & Q(pk__in=Employment.objects.values("profile_id"))
        & Q(pk__in=many_skills)
        & Q(pk__in=profiles_visible_to_employers().values("pk"))
    )

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from engine.pipeline import pipeline
from kakehashi.audit.services import personal_data_seen
from kakehashi.candidates.selectors import candidate_shares_with_employers, profiles_consenting
from kakehashi.employers.models import EmployerMember
from kakehashi.employers.selectors import employer_for_member, employer_member_is
from kakehashi.pipeline.models import Application, InterviewInvite, Message, Offer


def application_side(*, application: Application, user) -> str | None:
    """Which party ``user`` is for this application: "candidate", "employer", "facilitator",
    or None for an outsider."""
    if not user.is_authenticated:
        return None
    if user.has_duty("personal_data"):
        return "facilitator"
    if user.is_candidate and application.candidate.user_id == user.pk:
        return "candidate"
    if employer_member_is(user, employer_id=application.job.employer_id, terms=True):
        # A company sees an application only while its candidate consents to share with
        # Japanese employers: a withdrawal counts from the request it is made in.
        return "employer" if _candidate_consents(application) else None
    return None


def applications_with_consent(qs: QuerySet[Application]) -> QuerySet[Application]:
    """``qs`` with ``candidate_consents``: whether each candidate consents now to share with
    Japanese employers (one subquery, so a list costs no query per row)."""
    return qs.annotate(
        candidate_consents=Exists(profiles_consenting().filter(pk=OuterRef("candidate_id")))
    )


def _candidate_consents(application: Application) -> bool:
    known = getattr(application, "candidate_consents", None)
    if known is not None:
        return bool(known)
    return candidate_shares_with_employers(profile_id=application.candidate_id)


# Company members who only interview record the interview; every other company move (and
# every hire step) is a recruiter's or an admin's.
INTERVIEWER_MOVES = frozenset({"interviewed"})
DECIDER_ROLES = (EmployerMember.Role.ADMIN, EmployerMember.Role.RECRUITER)


def application_moves(*, application: Application, user) -> frozenset[str]:
    """The stages ``user`` may move this application into now: allowed by the pipeline from
    its stage, for their side, and for a company member, by their role."""
    side = application_side(application=application, user=user)
    if side is None:
        return frozenset()
    moves = {s for s in pipeline().allowed(application.stage) if pipeline().may_move(side, s)}
    if side == "employer" and not employer_decides(user):
        moves &= INTERVIEWER_MOVES
    return frozenset(moves)


def employer_decides(user) -> bool:
    """Whether a company member may make the company's decisions (shortlist, invite, offer,
    reject, the hire checklist): admins and recruiters, not interviewers."""
    return employer_for_member(user, verified=True, roles=DECIDER_ROLES) is not None


def application_get_for_user(*, application_id: int, user) -> Application:
    """The one door to an application: its candidate, the job's (verified) company, and
    ministry officers who handle personal data; 404 for everyone else."""
    application = (
        applications_with_consent(
            Application.objects.select_related("candidate__user", "job__employer")
        )
        .filter(pk=application_id)
        .first()
    )
    if application is None or application_side(application=application, user=user) is None:
        raise Http404
    return application


def application_read_for_user(
    *, application_id: int, user, fields: tuple[str, ...], purpose: str, channel: str = "page"
) -> Application:
    """The door for *showing* an application's page: ``application_get_for_user``, plus the
    record of the candidate's personal data seen by someone other than the candidate (the
    company once the profile is shared, a ministry officer)."""
    application = application_get_for_user(application_id=application_id, user=user)
    applications_seen_record(
        applications=[application], user=user, fields=fields, purpose=purpose, channel=channel
    )
    return application


def applications_seen_record(
    *, applications, user, fields: tuple[str, ...], purpose: str, channel: str = "page"
) -> None:
    """Record the candidates whose personal data ``user`` sees in these applications: all
    of them for a ministry officer, for a company those at a stage where it sees the full
    profile."""
    full = pipeline().full_profile
    if user.has_duty("personal_data"):
        ids, employer = [a.candidate_id for a in applications], None
    else:
        ids = [a.candidate_id for a in applications if a.stage in full]
        employer = employer_for_member(user, verified=True)
    personal_data_seen(
        actor=user,
        subject_ids=ids,
        fields=fields,
        purpose=purpose,
        channel=channel,
        employer=employer,
    )


def applications_for_user(*, user) -> QuerySet[Application]:
    """The applications a person may list: their own, their verified company's (only of
    candidates who consent now), or all for ministry officers who handle personal data."""
    qs = Application.objects.select_related("job__employer", "candidate")
    if not user.is_authenticated:
        return qs.none()
    if user.has_duty("personal_data"):
        return qs
    if user.is_candidate:
        return qs.filter(candidate__user=user)
    employer = employer_for_member(user, verified=True, terms=True)
    if employer is not None:
        return applications_with_consent(qs.filter(job__employer=employer)).filter(
            candidate_consents=True
        )
    return qs.none()


def job_applications_for_user(*, job, user) -> QuerySet[Application]:
    """The applications to ``job`` its company may list: those whose candidate consents now
    to share with Japanese employers. Officers who handle personal data see all."""
    if user.has_duty("personal_data"):
        return job.applications.all()
    if not employer_member_is(user, employer_id=job.employer_id, terms=True):
        return job.applications.none()
    return applications_with_consent(job.applications.all()).filter(candidate_consents=True)


def interview_invite_get_for_user(*, invite_id: int, user) -> InterviewInvite:
    """The one door to an interview the company holds itself: whoever passes the
    application's door (its candidate, the job's verified company, officers who handle
    personal data); 404 for everyone else."""
    invite = (
        InterviewInvite.objects.select_related(
            "application__candidate__user",
            "application__job__employer",
            "booked_slot",
            "created_by",
        )
        .filter(pk=invite_id)
        .first()
    )
    if invite is None or application_side(application=invite.application, user=user) is None:
        raise Http404
    return invite


def interview_invites_for_user(*, user) -> QuerySet[InterviewInvite]:
    """The interviews (outside missions) a person takes part in, still to happen: a
    candidate's own; a company member's company's (recruiters and admins) or those they sit
    on (interviewers)."""
    qs = InterviewInvite.objects.select_related(
        "application__job__employer", "application__candidate__user", "booked_slot", "created_by"
    ).filter(
        status__in=[
            InterviewInvite.Status.PROPOSED,
            InterviewInvite.Status.BOOKED,
            InterviewInvite.Status.DECLINED,
        ]
    )
    if not user.is_authenticated:
        return qs.none()
    if user.is_candidate:
        return qs.filter(application__candidate__user=user)
    employer = employer_for_member(user, verified=True)
    if employer is None:
        return qs.none()
    qs = qs.filter(application__job__employer=employer)
    if not employer_decides(user):
        qs = qs.filter(interviewers=user)
    return qs


def interview_booked_clashes(*, users, start, end, exclude_invite_id: int | None = None):
    """Booked interviews (outside missions) that overlap [start, end) for any of ``users``,
    as candidate or as interviewer."""
    user_ids = [u.pk for u in users]
    qs = InterviewInvite.objects.filter(
        status=InterviewInvite.Status.BOOKED,
        booked_slot__start__lt=end,
        booked_slot__end__gt=start,
    ).filter(Q(application__candidate__user_id__in=user_ids) | Q(interviewers__in=user_ids))
    if exclude_invite_id is not None:
        qs = qs.exclude(pk=exclude_invite_id)
    return qs.select_related("booked_slot", "application__job__employer").distinct()


def application_offer_get(*, application: Application) -> Offer | None:
    """The offer of an application already reached through its door, if one was made."""
    return Offer.objects.filter(application=application).first()


def application_messages(*, application: Application) -> QuerySet[Message]:
    """The thread of an application already reached through its door."""
    return Message.objects.filter(application=application).select_related("author")


def company_members(*, employer_id: int) -> QuerySet:
    """The people of a company, for choosing an interview's interviewers."""
    return (
        get_user_model()
        .objects.filter(employer_membership__employer_id=employer_id, is_active=True)
        .order_by("full_name")
    )

"""Interviews a company holds itself, outside ministry missions: it proposes slots (online
with a video-call link, or in person at an address), the candidate picks one or declines,
either side reschedules or cancels with notice, reminders go out the day before, and the
interview is marked as held. Every change writes its audit row in the same transaction and
tells the other side (e-mail + notification)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kakehashi.accounts.middleware import user_zone
from kakehashi.audit.services import audit_record
from kakehashi.core.errors import ApplicationError
from kakehashi.core.site import site_url
from kakehashi.employers.models import EmployerMember
from kakehashi.employers.selectors import employer_member_is
from kakehashi.pipeline.calendar import interview_invite_ics
from kakehashi.pipeline.labels import STAGE_LABELS
from kakehashi.pipeline.models import Application, InterviewInvite, InterviewSlot
from kakehashi.pipeline.notices import tell
from kakehashi.pipeline.selectors import (
    application_side,
    employer_decides,
    interview_booked_clashes,
)
from kakehashi.pipeline.services import application_advance
from kakehashi.pipeline.signals import interview_busy_elsewhere
from kakehashi.pipeline.templatetags.interview_time import when_text

MAX_SLOTS = 8
MINUTES_RANGE = (15, 240)
# Stages at which the company may propose interview times ("interviewed": a second round).
PROPOSE_FROM = ("shortlisted", "profile_shared", "invited", "interview_scheduled", "interviewed")
OPEN_STATUSES = (
    InterviewInvite.Status.PROPOSED,
    InterviewInvite.Status.BOOKED,
    InterviewInvite.Status.DECLINED,
)


def _company_decider(invite_or_application, actor) -> Application:
    application = getattr(invite_or_application, "application", invite_or_application)
    if application_side(application=application, user=actor) != "employer":
        raise PermissionDenied
    if not employer_decides(actor):
        raise PermissionDenied
    return application


def _checked_slots(
    starts: Sequence[dt.datetime], *, minutes: int, now: dt.datetime
) -> list[tuple[dt.datetime, dt.datetime]]:
    """Slots as (start, end), refusing a time in the past, two overlapping times, too many."""
    if not starts:
        raise ApplicationError(_("Propose at least one time."), field="slots")
    if len(starts) > MAX_SLOTS:
        raise ApplicationError(_("Propose at most %(n)d times.") % {"n": MAX_SLOTS}, field="slots")
    if not MINUTES_RANGE[0] <= minutes <= MINUTES_RANGE[1]:
        raise ApplicationError(
            _("An interview lasts between %(lo)d and %(hi)d minutes.")
            % {"lo": MINUTES_RANGE[0], "hi": MINUTES_RANGE[1]},
            field="minutes",
        )
    slots = []
    for start in sorted(starts):
        if timezone.is_naive(start):
            raise ValueError("interview slots must be aware datetimes")
        if start <= now:
            raise ApplicationError(
                _("%(when)s is in the past. Propose times from now on.")
                % {"when": when_text(start)},
                field="slots",
            )
        end = start + dt.timedelta(minutes=minutes)
        if slots and start < slots[-1][1]:
            raise ApplicationError(
                _("%(a)s and %(b)s overlap. Leave each interview its full length.")
                % {"a": when_text(slots[-1][0]), "b": when_text(start)},
                field="slots",
            )
        slots.append((start, end))
    return slots


def _check_place(*, mode: str, video_url: str, address: str) -> None:
    if mode == InterviewInvite.Mode.ONLINE:
        if not video_url.startswith("https://"):
            raise ApplicationError(
                _("Give the video-call link (starting with https://) for an online interview."),
                field="video_url",
            )
    elif mode == InterviewInvite.Mode.IN_PERSON:
        if not address.strip():
            raise ApplicationError(
                _("Give the address for an interview in person."), field="address"
            )
    else:
        raise ApplicationError(_("Choose online or in person."), field="mode")


def _interviewers_clash(*, interviewers, slots, exclude_invite_id=None) -> None:
    for start, end in slots:
        elsewhere = interview_busy_elsewhere(
            user_ids=[u.pk for u in interviewers], start=start, end=end
        )
        if elsewhere:
            raise ApplicationError(
                _("An interviewer is interviewing at %(when)s (%(what)s). Propose another time.")
                % {"when": when_text(elsewhere[0][0]), "what": elsewhere[0][1]},
                field="slots",
                code="double_booking",
            )
        clash = interview_booked_clashes(
            users=interviewers, start=start, end=end, exclude_invite_id=exclude_invite_id
        ).first()
        if clash is not None:
            busy = [
                u.full_name for u in interviewers if clash.interviewers.filter(pk=u.pk).exists()
            ]
            raise ApplicationError(
                _("%(who)s already has an interview at %(when)s. Propose another time.")
                % {"who": ", ".join(busy) or _("An interviewer"), "when": when_text(start)},
                field="slots",
            )


def interview_propose(
    *,
    application: Application,
    actor,
    mode: str,
    video_url: str = "",
    address: str = "",
    minutes: int = 45,
    starts: Sequence[dt.datetime],
    interviewers: Sequence,
    now: dt.datetime | None = None,
) -> InterviewInvite:
    """A recruiter or admin proposes interview times; the application moves to "invited"
    if it was not yet, and the candidate is told with a link to pick a time. Refuses a time
    in the past, overlapping times, a missing link or address, interviewers from another
    company and an interviewer already booked then."""
    _company_decider(application, actor)
    now = now or timezone.now()
    if application.stage not in PROPOSE_FROM:
        raise ApplicationError(
            _(
                "Interview times can be proposed from the shortlist until the interview; this application is at: %(stage)s."
            )
            % {"stage": STAGE_LABELS[application.stage]},
            code="stage",
        )
    if application.interview_invites.filter(
        status__in=[InterviewInvite.Status.PROPOSED, InterviewInvite.Status.BOOKED]
    ).exists():
        raise ApplicationError(
            _("An interview is already proposed or booked: reschedule it instead."),
            code="open_invite",
        )
    _check_place(mode=mode, video_url=video_url, address=address)
    slots = _checked_slots(starts, minutes=minutes, now=now)
    interviewers = list(interviewers)
    if not interviewers:
        raise ApplicationError(_("Choose at least one interviewer."), field="interviewers")
    strangers = [
        u.full_name
        for u in interviewers
        if not employer_member_is(u, employer_id=application.job.employer_id)
    ]
    if strangers:
        raise ApplicationError(
            _("%(name)s is not a member of this company.") % {"name": ", ".join(strangers)},
            field="interviewers",
        )
    _interviewers_clash(interviewers=interviewers, slots=slots)
    with transaction.atomic():
        if application.stage in ("shortlisted", "profile_shared"):
            application_advance(application=application, stage="invited", actor=actor, tell=False)
        invite = InterviewInvite.objects.create(
            application=application,
            mode=mode,
            video_url=video_url if mode == InterviewInvite.Mode.ONLINE else "",
            address=address.strip() if mode == InterviewInvite.Mode.IN_PERSON else "",
            minutes=minutes,
            created_by=actor,
        )
        invite.interviewers.set(interviewers)
        InterviewSlot.objects.bulk_create(
            [InterviewSlot(invite=invite, start=s, end=e) for s, e in slots]
        )
        audit_record(
            actor=actor,
            action="interview.proposed",
            obj=invite,
            details={
                "application": application.pk,
                "mode": mode,
                "slots": [s.isoformat() for s, _e in slots],
                "interviewers": [u.pk for u in interviewers],
            },
        )
        _tell(invite, to="candidate", template="interview_proposed")
    return invite


def _invite_locked(invite: InterviewInvite) -> InterviewInvite:
    """Re-read the invite under a row lock, so two picks (or a pick and a cancel) queue."""
    locked = InterviewInvite.objects.select_for_update().get(pk=invite.pk)
    invite.status = locked.status
    invite.booked_slot_id = locked.booked_slot_id
    return invite


def interview_pick(
    *, invite: InterviewInvite, slot_id: int, actor, now: dt.datetime | None = None
) -> InterviewInvite:
    """The candidate books one of the proposed times. Refuses a time that has passed, a
    time that clashes with another interview of theirs or of an interviewer, and a pick on
    an interview that is no longer waiting for one. Both sides get the .ics."""
    if application_side(application=invite.application, user=actor) != "candidate":
        raise PermissionDenied
    now = now or timezone.now()
    with transaction.atomic():
        _invite_locked(invite)
        if invite.status != InterviewInvite.Status.PROPOSED:
            raise ApplicationError(
                _("This interview is not waiting for a time any more (it is: %(s)s).")
                % {"s": invite.get_status_display()},
                code="status",
            )
        slot = invite.slots.filter(pk=slot_id).first()
        if slot is None:
            raise ApplicationError(_("Choose one of the proposed times."), field="slot")
        if slot.start <= now:
            raise ApplicationError(
                _("%(when)s has passed. Pick a later time or ask for other times.")
                % {"when": when_text(slot.start)},
                field="slot",
            )
        mine = interview_booked_clashes(
            users=[actor], start=slot.start, end=slot.end, exclude_invite_id=invite.pk
        ).first()
        if mine is not None:
            raise ApplicationError(
                _("You already have an interview at %(when)s (%(company)s). Pick another time.")
                % {
                    "when": when_text(mine.booked_slot.start),
                    "company": mine.application.job.employer.name_en,
                },
                field="slot",
                code="double_booking",
            )
        elsewhere = interview_busy_elsewhere(user_ids=[actor.pk], start=slot.start, end=slot.end)
        if elsewhere:
            raise ApplicationError(
                _("You already have an interview at %(when)s (%(company)s). Pick another time.")
                % {"when": when_text(elsewhere[0][0]), "company": elsewhere[0][1]},
                field="slot",
                code="double_booking",
            )
        interviewers = list(invite.interviewers.all())
        try:
            _interviewers_clash(
                interviewers=interviewers,
                slots=[(slot.start, slot.end)],
                exclude_invite_id=invite.pk,
            )
        except ApplicationError:
            raise ApplicationError(
                _("This time is no longer free for the company's interviewers. Pick another."),
                field="slot",
                code="double_booking",
            ) from None
        invite.status = InterviewInvite.Status.BOOKED
        invite.booked_slot = slot
        invite.reason = ""
        invite.changed_by_side = "candidate"
        invite.save(
            update_fields=["status", "booked_slot", "reason", "changed_by_side", "updated_at"]
        )
        if invite.application.stage == "invited":
            application_advance(
                application=invite.application,
                stage="interview_scheduled",
                actor=actor,
                tell=False,
            )
        audit_record(
            actor=actor,
            action="interview.booked",
            obj=invite,
            details={"slot": slot.start.isoformat()},
        )
        _tell(invite, to="both", template="interview_booked", ics=True)
    return invite


def interview_decline(*, invite: InterviewInvite, actor, reason: str) -> InterviewInvite:
    """The candidate declines the interview itself: the application moves to "declined"
    with a reason code (engine data), the invite is cancelled, the company is told."""
    if application_side(application=invite.application, user=actor) != "candidate":
        raise PermissionDenied
    with transaction.atomic():
        _invite_locked(invite)
        if invite.status not in OPEN_STATUSES:
            raise ApplicationError(_("This interview is already closed."), code="status")
        application_advance(
            application=invite.application, stage="declined", actor=actor, reason=reason
        )
        invite.status = InterviewInvite.Status.CANCELLED
        invite.reason = reason
        invite.changed_by_side = "candidate"
        invite.save(update_fields=["status", "reason", "changed_by_side", "updated_at"])
        audit_record(
            actor=actor, action="interview.declined", obj=invite, details={"reason": reason}
        )
    return invite


def _needs_reason(reason: str) -> str:
    reason = " ".join(reason.split())
    if not reason:
        raise ApplicationError(
            _("Say why, in a few words: the other side reads it."), field="reason"
        )
    return reason[:300]


def interview_other_times_ask(*, invite: InterviewInvite, actor, reason: str) -> InterviewInvite:
    """The candidate cannot come at any proposed time (or at the booked one) and asks for
    others: a booked time is freed, and the company is told why."""
    if application_side(application=invite.application, user=actor) != "candidate":
        raise PermissionDenied
    reason = _needs_reason(reason)
    with transaction.atomic():
        _invite_locked(invite)
        if invite.status not in (InterviewInvite.Status.PROPOSED, InterviewInvite.Status.BOOKED):
            raise ApplicationError(_("This interview is not open for changes."), code="status")
        freed = invite.booked_slot
        invite.status = InterviewInvite.Status.DECLINED
        invite.booked_slot = None
        invite.reason = reason
        invite.changed_by_side = "candidate"
        invite.save(
            update_fields=["status", "booked_slot", "reason", "changed_by_side", "updated_at"]
        )
        audit_record(
            actor=actor,
            action="interview.other_times_asked",
            obj=invite,
            details={"reason": reason, "freed": freed.start.isoformat() if freed else ""},
        )
        _tell(invite, to="company", template="interview_other_times")
    return invite


def interview_reschedule(
    *,
    invite: InterviewInvite,
    actor,
    starts: Sequence[dt.datetime],
    reason: str,
    now: dt.datetime | None = None,
) -> InterviewInvite:
    """A recruiter or admin replaces the proposed (or booked) times with new ones; the
    candidate picks again. Same checks as a proposal; the reason is told to the candidate."""
    _company_decider(invite, actor)
    reason = _needs_reason(reason)
    now = now or timezone.now()
    slots = _checked_slots(starts, minutes=invite.minutes, now=now)
    _interviewers_clash(
        interviewers=list(invite.interviewers.all()), slots=slots, exclude_invite_id=invite.pk
    )
    with transaction.atomic():
        _invite_locked(invite)
        if invite.status not in OPEN_STATUSES:
            raise ApplicationError(_("This interview is already closed."), code="status")
        was = invite.booked_slot.start.isoformat() if invite.booked_slot else ""
        invite.status = InterviewInvite.Status.PROPOSED
        invite.booked_slot = None
        invite.reason = reason
        invite.changed_by_side = "employer"
        invite.save(
            update_fields=["status", "booked_slot", "reason", "changed_by_side", "updated_at"]
        )
        invite.slots.all().delete()
        InterviewSlot.objects.bulk_create(
            [InterviewSlot(invite=invite, start=s, end=e) for s, e in slots]
        )
        audit_record(
            actor=actor,
            action="interview.rescheduled",
            obj=invite,
            details={"reason": reason, "was": was, "slots": [s.isoformat() for s, _e in slots]},
        )
        _tell(invite, to="candidate", template="interview_proposed")
    return invite


def interview_cancel(*, invite: InterviewInvite, actor, reason: str) -> InterviewInvite:
    """Either side cancels, saying why; the other side is told (with a cancelling .ics if it
    was booked). The application keeps its stage: the company may propose again."""
    side = application_side(application=invite.application, user=actor)
    if side == "employer" and not employer_decides(actor):
        raise PermissionDenied
    if side not in ("candidate", "employer", "facilitator"):
        raise PermissionDenied
    reason = _needs_reason(reason)
    with transaction.atomic():
        _invite_locked(invite)
        if invite.status not in OPEN_STATUSES:
            raise ApplicationError(_("This interview is already closed."), code="status")
        was_booked = invite.status == InterviewInvite.Status.BOOKED
        invite.status = InterviewInvite.Status.CANCELLED
        invite.reason = reason
        invite.changed_by_side = side
        invite.save(update_fields=["status", "reason", "changed_by_side", "updated_at"])
        audit_record(
            actor=actor, action="interview.cancelled", obj=invite, details={"reason": reason}
        )
        to = "company" if side == "candidate" else "candidate" if side == "employer" else "both"
        _tell(invite, to=to, template="interview_cancelled", ics=was_booked)
    return invite


def interview_held(
    *, invite: InterviewInvite, actor, now: dt.datetime | None = None
) -> InterviewInvite:
    """A company member (an interviewer too) records that the booked interview took place,
    once its time has come; the application moves to "interviewed" and scorecards open."""
    if application_side(application=invite.application, user=actor) != "employer":
        raise PermissionDenied
    now = now or timezone.now()
    with transaction.atomic():
        _invite_locked(invite)
        if invite.status != InterviewInvite.Status.BOOKED or invite.booked_slot is None:
            raise ApplicationError(
                _("Only a booked interview can be marked as held."), code="status"
            )
        slot = InterviewSlot.objects.get(pk=invite.booked_slot_id)
        if slot.start > now:
            raise ApplicationError(
                _("This interview starts at %(when)s: mark it as held after it has begun.")
                % {"when": when_text(slot.start)},
                code="not_yet",
            )
        invite.status = InterviewInvite.Status.HELD
        invite.save(update_fields=["status", "updated_at"])
        if invite.application.stage == "interview_scheduled":
            application_advance(application=invite.application, stage="interviewed", actor=actor)
        audit_record(actor=actor, action="interview.held", obj=invite)
    return invite


def interview_reminders_send(*, now: dt.datetime | None = None) -> int:
    """Remind both sides of each booked interview that starts within the next 24 hours and
    has not been reminded. Run hourly by Celery beat; returns how many were reminded."""
    now = now or timezone.now()
    due = InterviewInvite.objects.filter(
        status=InterviewInvite.Status.BOOKED,
        reminded_at=None,
        booked_slot__start__gt=now,
        booked_slot__start__lte=now + dt.timedelta(hours=24),
    ).select_related("application__candidate__user", "application__job__employer", "booked_slot")
    count = 0
    for invite in due:
        with transaction.atomic():
            # Claim the reminder first: two beat runs never send it twice.
            claimed = InterviewInvite.objects.filter(pk=invite.pk, reminded_at=None).update(
                reminded_at=now
            )
            if claimed:
                _tell(invite, to="both", template="interview_reminder")
                count += 1
    return count


def company_people(*, application: Application, invite: InterviewInvite | None = None) -> list:
    """Who hears for the company: the interview's interviewers, and its recruiters and
    admins."""
    users = get_user_model().objects
    people = list(invite.interviewers.all()) if invite is not None else []
    people += list(
        users.filter(
            employer_membership__employer_id=application.job.employer_id,
            employer_membership__role__in=[
                EmployerMember.Role.ADMIN,
                EmployerMember.Role.RECRUITER,
            ],
        )
    )
    return people


def _tell(invite: InterviewInvite, *, to: str, template: str, ics: bool = False) -> None:
    """E-mail and notify the candidate, the company (its interviewers, recruiters and
    admins) or both, each with the .ics in their own zone when ``ics``."""
    invite.refresh_from_db()
    candidate = invite.application.candidate.user
    people = []
    if to in ("candidate", "both"):
        people.append(candidate)
    if to in ("company", "both"):
        people += company_people(application=invite.application, invite=invite)
    link = reverse("interview_invite_detail", args=[invite.pk])
    context = {
        "invite": invite,
        "slots": list(invite.slots.all()),
        "application": invite.application,
        "page_url": site_url() + link,
        "site_url": site_url(),
    }
    for person in people:
        attachments = []
        if ics and invite.booked_slot_id:
            zone = user_zone(person) or ZoneInfo(settings.TIME_ZONE)
            attachments = [
                (
                    "kakehashi-interview.ics",
                    interview_invite_ics(invite, zone=zone).decode("utf-8"),
                    "text/calendar",
                )
            ]
        tell(
            users=[person],
            template=template,
            context={**context, "to_candidate": person.pk == candidate.pk},
            link=link,
            attachments=attachments,
        )

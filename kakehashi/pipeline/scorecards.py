"""Structured scorecards: each interviewer of an interview scores the same criteria, drawn
from the job (each required skill, then Japanese, English, communication, culture fit),
1–5 with a note, and recommends; the panel's cards are read side by side. Interviewers
score; decisions (offer, reject) stay with recruiters and admins.

One implementation for both kinds of interview: an ``InterviewInvite`` the company holds
itself, and a ministry mission's interview (missions sits above pipeline, so it hands its
interview in as plain values: a ``ScoredInterview``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kakehashi.audit.services import audit_record
from kakehashi.core.errors import ApplicationError
from kakehashi.jobs.models import Job
from kakehashi.pipeline.models import Application, InterviewInvite, Scorecard, ScorecardScore
from kakehashi.pipeline.selectors import application_side, employer_decides
from kakehashi.pipeline.services import application_advance

FIXED_CRITERIA: dict[str, Promise] = {
    "japanese": gettext_lazy("Japanese"),
    "english": gettext_lazy("English"),
    "communication": gettext_lazy("Communication"),
    "culture_fit": gettext_lazy("Culture fit"),
}
SCORE_LABELS = {
    1: gettext_lazy("1 — well below"),
    2: gettext_lazy("2 — below"),
    3: gettext_lazy("3 — meets"),
    4: gettext_lazy("4 — above"),
    5: gettext_lazy("5 — outstanding"),
}


@dataclass(frozen=True)
class Criterion:
    code: str  # "skill:<skill id>" or one of FIXED_CRITERIA
    label: str


@dataclass(frozen=True)
class CriterionScore:
    code: str
    score: int
    note: str = ""


@dataclass(frozen=True)
class ScoredInterview:
    """What a card is for: exactly one of ``invite_id`` / ``mission_interview_id``, the
    application interviewed, the interviewers who may score it, and whether it has been held
    (scores open only then)."""

    application: Application
    interviewer_ids: frozenset[int]
    held: bool
    invite_id: int | None = None
    mission_interview_id: int | None = None

    def cards(self):
        if self.invite_id is not None:
            return Scorecard.objects.filter(invite_id=self.invite_id)
        return Scorecard.objects.filter(mission_interview_id=self.mission_interview_id)


def invite_scored(*, invite: InterviewInvite) -> ScoredInterview:
    return ScoredInterview(
        application=invite.application,
        interviewer_ids=frozenset(invite.interviewers.values_list("pk", flat=True)),
        held=invite.status == InterviewInvite.Status.HELD,
        invite_id=invite.pk,
    )


def scorecard_criteria(*, job: Job) -> list[Criterion]:
    """The job's required skills (in the job's order), then the fixed criteria."""
    skills = [
        Criterion(f"skill:{js.skill_id}", str(js.skill))
        for js in job.skills.filter(required=True).select_related("skill").order_by("id")
    ]
    return skills + [Criterion(code, str(label)) for code, label in FIXED_CRITERIA.items()]


def scored_may_fill(*, scored: ScoredInterview, user) -> bool:
    """Only the interview's own interviewers fill a card, once it has been held."""
    return (
        scored.held
        and application_side(application=scored.application, user=user) == "employer"
        and user.pk in scored.interviewer_ids
    )


def scorecard_may_fill(*, invite: InterviewInvite, user) -> bool:
    return scored_may_fill(scored=invite_scored(invite=invite), user=user)


def scorecard_own(*, scored: ScoredInterview, user) -> Scorecard | None:
    """``user``'s own card for this interview, with its scores, if they have filled one."""
    return scored.cards().filter(interviewer_id=user.pk).prefetch_related("scores").first()


def scorecard_initial(*, card: Scorecard | None) -> dict:
    """A card's values as a ScorecardForm's initial data (empty for a new card)."""
    if card is None:
        return {}
    initial: dict = {"recommendation": card.recommendation, "notes": card.notes}
    for s in card.scores.all():
        initial[f"score__{s.criterion}"] = s.score
        initial[f"note__{s.criterion}"] = s.note
    return initial


def scorecard_submit(
    *,
    invite: InterviewInvite,
    actor,
    scores: list[CriterionScore],
    recommendation: str,
    notes: str = "",
) -> Scorecard:
    """``scored_submit`` for an interview the company holds itself."""
    return scored_submit(
        scored=invite_scored(invite=invite),
        actor=actor,
        scores=scores,
        recommendation=recommendation,
        notes=notes,
    )


def scored_submit(
    *,
    scored: ScoredInterview,
    actor,
    scores: list[CriterionScore],
    recommendation: str,
    notes: str = "",
) -> Scorecard:
    """Save (or revise) ``actor``'s card for this interview: every criterion scored 1–5
    and a recommendation. Nothing is saved when one is missing or out of range. Audited.
    A first card of an interview still "interview scheduled" records it as interviewed."""
    if not scored_may_fill(scored=scored, user=actor):
        if not scored.held and actor.pk in scored.interviewer_ids:
            raise ApplicationError(_("Score the interview once it has been held."), code="status")
        raise PermissionDenied
    criteria = scorecard_criteria(job=scored.application.job)
    given = {s.code: s for s in scores}
    missing = [c.label for c in criteria if c.code not in given]
    if missing:
        raise ApplicationError(
            _("Score every criterion: %(missing)s.") % {"missing": ", ".join(missing)},
            field="scores",
        )
    unknown = set(given) - {c.code for c in criteria}
    if unknown:
        raise ApplicationError(_("Score only this job's criteria."), field="scores")
    bad = [c.label for c in criteria if given[c.code].score not in SCORE_LABELS]
    if bad:
        raise ApplicationError(
            _("Give a score from 1 to 5 for: %(bad)s.") % {"bad": ", ".join(bad)}, field="scores"
        )
    if recommendation not in Scorecard.Recommendation.values:
        raise ApplicationError(_("Choose a recommendation."), field="recommendation")
    with transaction.atomic():
        card, created = Scorecard.objects.update_or_create(
            invite_id=scored.invite_id,
            mission_interview_id=scored.mission_interview_id,
            interviewer=actor,
            defaults={"recommendation": recommendation, "notes": notes.strip()[:4000]},
        )
        card.scores.all().delete()
        ScorecardScore.objects.bulk_create(
            [
                ScorecardScore(
                    scorecard=card,
                    criterion=c.code,
                    score=given[c.code].score,
                    note=" ".join(given[c.code].note.split())[:300],
                )
                for c in criteria
            ]
        )
        where = (
            {"invite": scored.invite_id}
            if scored.invite_id is not None
            else {"mission_interview": scored.mission_interview_id}
        )
        audit_record(
            actor=actor,
            action="scorecard.submitted" if created else "scorecard.revised",
            obj=card,
            details={
                **where,
                "recommendation": recommendation,
                "scores": {c.code: given[c.code].score for c in criteria},
            },
        )
        application = scored.application
        application.refresh_from_db(fields=["stage"])
        if application.stage == "interview_scheduled":
            application_advance(application=application, stage="interviewed", actor=actor)
    return card


def scorecards_side_by_side(*, invite: InterviewInvite, user) -> dict | None:
    return scored_side_by_side(scored=invite_scored(invite=invite), user=user)


def scored_side_by_side(*, scored: ScoredInterview, user) -> dict | None:
    """The panel's cards as one table: a row per criterion, a column per interviewer, and the
    mean. Recruiters and admins always see it; an interviewer only after submitting their own
    card (so no one scores under another's influence); None for others."""
    side = application_side(application=scored.application, user=user)
    cards = list(
        scored.cards().select_related("interviewer").prefetch_related("scores").order_by("id")
    )
    own = any(c.interviewer_id == user.pk for c in cards)
    if side == "facilitator":
        pass
    elif side != "employer" or not (employer_decides(user) or own):
        return None
    criteria = scorecard_criteria(job=scored.application.job)
    by_card = {c.pk: {s.criterion: s for s in c.scores.all()} for c in cards}
    rows = []
    for criterion in criteria:
        cells = [by_card[c.pk].get(criterion.code) for c in cards]
        marks = [cell.score for cell in cells if cell is not None]
        rows.append(
            {
                "criterion": criterion,
                "cells": cells,
                "mean": round(sum(marks) / len(marks), 1) if marks else None,
            }
        )
    return {"cards": cards, "rows": rows}

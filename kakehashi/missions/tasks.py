"""The timetable is solved in the background: the page queues it and shows its progress."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from engine.scheduling import SolveProgress
from kakehashi.audit.services import audit_record
from kakehashi.core.errors import ApplicationError
from kakehashi.missions.models import Mission
from kakehashi.missions.services import mission_organiser_check, mission_solve


def _progress(mission_id: int, state: str, text: str) -> None:
    Mission.objects.filter(pk=mission_id).update(solve_state=state, solve_progress=text[:300])


def mission_solve_queue(*, mission: Mission, actor, time_limit_s: float = 10.0) -> None:
    """Queue the solve (at once when Celery is eager); refuses a second while one runs."""
    mission_organiser_check(actor)
    with transaction.atomic():
        claimed = (
            Mission.objects.filter(pk=mission.pk)
            .exclude(solve_state__in=[Mission.SolveState.QUEUED, Mission.SolveState.RUNNING])
            .update(
                solve_state=Mission.SolveState.QUEUED,
                solve_progress=_("Waiting for a worker."),
                solve_started_at=timezone.now(),
            )
        )
        if not claimed:
            raise ApplicationError(_("The timetable is already being solved."))
        audit_record(actor=actor, action="mission.solve_queued", obj=mission)
    kwargs = {"mission_id": mission.pk, "actor_id": actor.pk, "time_limit_s": time_limit_s}
    if settings.CELERY_TASK_ALWAYS_EAGER:
        # Embedded mode: no worker, so solve now, in this request (the page then shows it).
        mission_solve_task.apply(kwargs=kwargs)
    else:
        # A worker must see the queued state: send the task once it is committed.
        transaction.on_commit(lambda: mission_solve_task.delay(**kwargs))


@shared_task
def mission_solve_task(*, mission_id: int, actor_id: int, time_limit_s: float = 10.0) -> dict:
    """Build the problem, solve it, store the plan; the mission's solve_state and
    solve_progress say where it stands for the page to show (updated about once a second
    while the solver improves the plan). The stored timetable changes only at the end."""
    mission = Mission.objects.get(pk=mission_id)
    actor = get_user_model().objects.get(pk=actor_id)
    _progress(
        mission_id,
        Mission.SolveState.RUNNING,
        _("Solving: placing interviews (up to %(s)d s).") % {"s": int(time_limit_s)},
    )

    def running(step: SolveProgress) -> None:
        if step.rounds == 0:
            text = _("First plan: %(n)d interviews placed; improving it (up to %(s)d s).") % {
                "n": step.scheduled,
                "s": int(time_limit_s),
            }
        else:
            text = _(
                "Improving the timetable: %(n)d interviews placed; %(i)d of %(r)d search "
                "rounds improved it (%(t)d of %(s)d s)."
            ) % {
                "n": step.scheduled,
                "i": step.improved,
                "r": step.rounds,
                "t": int(step.elapsed_s),
                "s": int(time_limit_s),
            }
        _progress(mission_id, Mission.SolveState.RUNNING, text)

    try:
        figures = mission_solve(
            mission=mission, actor=actor, time_limit_s=time_limit_s, on_progress=running
        )
    except ApplicationError as error:
        _progress(mission_id, Mission.SolveState.FAILED, error.message)
        return {"error": error.message}
    except Exception:
        _progress(
            mission_id,
            Mission.SolveState.FAILED,
            _("The solver stopped with an error; the previous timetable is kept. Try again."),
        )
        raise
    done = _("Timetable: %(s)d of %(r)d interviews placed in %(t)s s.") % {
        "s": figures["scheduled"],
        "r": figures["requested"],
        "t": figures["seconds"],
    }
    if figures["replan"]:
        done += " " + _("Re-planned: %(k)d interviews kept, %(m)d moved.") % {
            "k": figures["kept"],
            "m": figures["moved"],
        }
    _progress(mission_id, Mission.SolveState.DONE, done)
    return figures

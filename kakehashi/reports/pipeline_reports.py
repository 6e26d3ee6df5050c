"""The funnel from registration to arrival, and the time spent in each government step."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from engine.geo import geo
from engine.hiring import hire_rules
from engine.pipeline import pipeline
from engine.reports import percentile
from kakehashi.candidates.models import CandidateProfile
from kakehashi.candidates.selectors import profiles_visible_to_employers
from kakehashi.missions.models import InterviewRequest
from kakehashi.pipeline.labels import STAGE_LABELS, reason_label
from kakehashi.pipeline.models import Application, HireStep, StageChange
from kakehashi.reports.labels import (
    FUNNEL_STEPS,
    GOVERNMENT_STEPS,
    VISA_POSTS,
    step_label,
    track_label,
)
from kakehashi.reports.models import CandidateSupply
from kakehashi.reports.profiles import profile_complete_q
from kakehashi.reports.selectors import as_of, supply_run_latest
from kakehashi.reports.tables import Chart, Report, Section, Table

# Stages that count as having reached each application step of the funnel.
_REACHED_STAGE = {
    "applied": ("sourced", "applied", "shortlisted"),
    "interviewed": ("interviewed",),
    "offered": ("offered",),
    "accepted": ("accepted",),
    "departed": ("departed",),
    "arrived": ("arrived",),
}
# Hire checklist steps that count as having reached a funnel step.
_REACHED_HIRE_STEP = {
    "coe": "coe",
    "visa": "visa",
    "protector_clearance": "protector_clearance",
    "departed": "departure",
    "arrived": "arrival",
}
STUCK_SHOWN = 15


def _period_text(date_from: date | None, date_to: date | None) -> str:
    if date_from and date_to:
        return _("From %(a)s to %(b)s") % {"a": date_from.isoformat(), "b": date_to.isoformat()}
    if date_from:
        return _("From %(a)s") % {"a": date_from.isoformat()}
    if date_to:
        return _("Until %(b)s") % {"b": date_to.isoformat()}
    return _("All dates")


def _step_conditions(candidate: str) -> dict[str, Q]:
    """For each application step of the funnel: the condition on ``candidate`` (the path to
    the profile id) of having reached it, as subqueries (one SQL query for all steps)."""
    out: dict[str, Q] = {}
    for step, _label in FUNNEL_STEPS[3:]:
        q = Q()
        if step in _REACHED_STAGE:
            q |= Q(
                **{
                    f"{candidate}__in": StageChange.objects.filter(
                        to_stage__in=_REACHED_STAGE[step]
                    ).values("application__candidate_id")
                }
            )
        if step in _REACHED_HIRE_STEP:
            q |= Q(
                **{
                    f"{candidate}__in": HireStep.objects.filter(
                        step=_REACHED_HIRE_STEP[step], done_on__isnull=False
                    ).values("application__candidate_id")
                }
            )
        out[step] = q
    return out


def _counts() -> dict:
    """The funnel's counts over a queryset of profiles. Consent and completeness come from
    the latest supply run (counted there once for everyone) when there is one, else live."""
    run = supply_run_latest()
    if run is not None:
        seen = CandidateSupply.objects.filter(run=run)
        consented = Q(pk__in=seen.filter(consenting=True).values("profile_id"))
        complete = Q(pk__in=seen.filter(profile_complete=True).values("profile_id"))
    else:
        consented = Q(pk__in=profiles_visible_to_employers().values("pk"))
        complete = profile_complete_q()
    return {
        "registered": Count("pk"),
        "consented": Count("pk", filter=consented),
        "profile_complete": Count("pk", filter=complete),
        **{step: Count("pk", filter=q) for step, q in _step_conditions("pk").items()},
    }


def _cohort(*, date_from, date_to, city: str, track: str) -> QuerySet[CandidateProfile]:
    cohort = CandidateProfile.objects.all()
    if date_from:
        cohort = cohort.filter(user__date_joined__date__gte=date_from)
    if date_to:
        cohort = cohort.filter(user__date_joined__date__lte=date_to)
    if city:
        cohort = cohort.filter(city=city)
    if track:
        run = supply_run_latest()
        cohort = (
            cohort.filter(supply_seen__run=run, supply_seen__track=track) if run else cohort.none()
        )
    return cohort


def funnel(
    *, date_from=None, date_to=None, by: str = "", city: str = "", track: str = ""
) -> Report:
    """Candidates registered in the period (their cohort) reaching each step, with the
    conversion from the step before; broken down by employer, mission, city, track or month
    of registration; and the reasons people dropped out."""
    cohort = _cohort(date_from=date_from, date_to=date_to, city=city, track=track)
    counts = _counts()
    total = cohort.aggregate(**counts)
    rows, previous = [], None
    first = total["registered"]
    for step, label in FUNNEL_STEPS:
        n = total[step]
        rows.append(
            [
                str(label),
                n,
                f"{100 * n / previous:.0f}%" if previous else "—",
                f"{100 * n / first:.1f}%" if first else "—",
            ]
        )
        previous = n
    sections = [
        Section(
            _("Funnel"),
            Table(
                [_("Step"), _("Candidates"), _("From the step before"), _("From registration")],
                rows,
            ),
            Chart("funnel", [r[0] for r in rows], [(_("Candidates"), [r[1] for r in rows])]),
        )
    ]
    if by:
        sections.append(_breakdown(cohort, by=by))
    sections.append(_dropouts(cohort))
    return Report(
        slug="funnel",
        title=_("Funnel: registration to arrival"),
        period=_("Candidates registered: %(period)s")
        % {"period": _period_text(date_from, date_to)},
        sections=sections,
        notes=[_("Consent and complete profiles: %(when)s.") % {"when": _seen_when()}],
    )


def _seen_when() -> str:
    run = supply_run_latest()
    return as_of(run) if run else _("as they stand now")


def _breakdown(cohort: QuerySet[CandidateProfile], *, by: str) -> Section:
    labels = [str(label) for _s, label in FUNNEL_STEPS]
    if by in ("employer", "mission"):
        # Per company or mission only the application steps have a meaning.
        app_steps = [s for s, _l in FUNNEL_STEPS[3:]]
        if by == "employer":
            base = Application.objects.filter(candidate__in=cohort)
            key, candidate = "job__employer__name_en", "candidate_id"
        else:
            base = InterviewRequest.objects.filter(application__candidate__in=cohort)
            key, candidate = "mission__name", "application__candidate_id"
        conditions = _step_conditions(candidate)
        grouped = list(
            base.values(key)
            .annotate(
                **{s: Count(candidate, distinct=True, filter=conditions[s]) for s in app_steps}
            )
            .order_by(f"-{app_steps[0]}", key)
        )
        rows = [[g[key], *[g[s] for s in app_steps]] for g in grouped]
        columns = [_("Employer") if by == "employer" else _("Mission"), *labels[3:]]
    else:
        counts = _counts()
        if by == "month":
            grouped = list(
                cohort.annotate(group=TruncMonth("user__date_joined"))
                .values("group")
                .annotate(**counts)
                .order_by("group")
            )
            names = [g["group"].strftime("%Y-%m") if g["group"] else "—" for g in grouped]
        elif by == "city":
            cities = {c.code: c.name_en for c in geo().cities}
            grouped = list(
                cohort.values(group_key := "city")
                .annotate(**counts)
                .order_by("-registered", group_key)
            )
            names = [cities.get(g["city"], _("Not stated")) for g in grouped]
        else:  # track
            run = supply_run_latest()
            scoped = cohort.filter(supply_seen__run=run) if run else cohort.none()
            grouped = list(
                scoped.values("supply_seen__track").annotate(**counts).order_by("-registered")
            )
            names = [track_label(g["supply_seen__track"]) for g in grouped]
        rows = [
            [name, *[g[s] for s, _l in FUNNEL_STEPS]]
            for name, g in zip(names, grouped, strict=True)
        ]
        columns = [_("Group"), *labels]
    # Column of "applied" and of "offer accepted" in these rows.
    applied, accepted = (1, 4) if by in ("employer", "mission") else (4, 7)
    chart = None
    if by == "month" and rows:
        chart = Chart(
            "line",
            [r[0] for r in rows],
            [(columns[c], [r[c] for r in rows]) for c in (1, applied, accepted)],
        )
    elif rows:
        chart = Chart(
            "bar",
            [str(r[0]) for r in rows[:20]],
            [(columns[c], [r[c] for r in rows[:20]]) for c in (applied, accepted)],
        )
    return Section(_("By %(group)s") % {"group": _group_names()[by]}, Table(columns, rows), chart)


def _group_names() -> dict:
    return {
        "employer": _("employer"),
        "mission": _("mission"),
        "city": _("city"),
        "track": _("track"),
        "month": _("month of registration"),
    }


def _dropouts(cohort: QuerySet[CandidateProfile]) -> Section:
    ends = sorted(pipeline().terminal - {"arrived"})
    grouped = list(
        StageChange.objects.filter(to_stage__in=ends, application__candidate__in=cohort)
        .values("to_stage", "reason", "from_stage")
        .annotate(n=Count("id"))
        .order_by("-n", "to_stage", "reason", "from_stage")
    )
    rows = [
        [
            str(STAGE_LABELS.get(g["to_stage"], g["to_stage"])),
            reason_label(g["to_stage"], g["reason"]) if g["reason"] else _("No reason given"),
            str(STAGE_LABELS.get(g["from_stage"], g["from_stage"] or "—")),
            g["n"],
        ]
        for g in grouped
    ]
    by_reason: dict[str, int] = defaultdict(int)
    for r in rows:
        by_reason[f"{r[0]}: {r[1]}"] += r[3]
    top = sorted(by_reason.items(), key=lambda kv: -kv[1])[:12]
    return Section(
        _("Drop-out reasons"),
        Table([_("Outcome"), _("Reason"), _("Stage left"), _("Applications")], rows),
        Chart("bar", [k for k, _v in top], [(_("Applications"), [v for _k, v in top])])
        if top
        else None,
    )


def government_steps(*, date_from=None, date_to=None, today: date | None = None) -> Report:
    """Days spent in each government step (HEC, MOFA, CoE, visa, Protector of Emigrants):
    median and 90th percentile of the steps finished in the period, the cases waiting
    longest now, and the step that holds people longest this month.

    A step starts when the steps it waits for are done (engine/data/hire_steps.json), or when
    the offer was accepted for a step that waits for none."""
    today = today or timezone.localdate()
    rules = hire_rules()
    after = {s.id: s.after for s in rules.steps}
    accepted = dict(
        StageChange.objects.filter(to_stage="accepted").values_list("application_id", "at")
    )
    done: dict[int, dict[str, date | None]] = defaultdict(dict)
    meta: dict[int, tuple[str, str]] = {}
    for app_id, step, done_on, employer, province in HireStep.objects.values_list(
        "application_id",
        "step",
        "done_on",
        "application__job__employer__name_en",
        "application__candidate__province",
    ):
        done[app_id][step] = done_on
        meta[app_id] = (employer, province)
    finished: dict[str, list[int]] = defaultdict(list)
    month_wait: dict[str, list[int]] = defaultdict(list)
    waiting: list[tuple[int, str, int, str, str]] = []
    month_start = today.replace(day=1)
    for app_id, steps in done.items():
        for step in GOVERNMENT_STEPS:
            if step not in steps:
                continue
            before = [steps.get(a) for a in after[step]]
            if any(b is None for b in before):
                continue  # not started: waits for an earlier step
            if before:
                start = max(b for b in before if b is not None)
            elif app_id in accepted:
                start = timezone.localtime(accepted[app_id]).date()
            else:
                continue
            key = step
            if step == "visa":
                province = meta[app_id][1]
                key = f"visa:{geo().province(province).visa_post if province else 'islamabad'}"
            end = steps[step]
            if end is not None:
                days = (end - start).days
                if (date_from is None or end >= date_from) and (date_to is None or end <= date_to):
                    finished[key].append(days)
                if end >= month_start:
                    month_wait[key].append(days)
            else:
                days = (today - start).days
                waiting.append((days, key, app_id, meta[app_id][0], meta[app_id][1]))
                month_wait[key].append(days)

    def key_label(key: str) -> str:
        if key.startswith("visa:"):
            return str(VISA_POSTS.get(key.split(":", 1)[1], key))
        return str(GOVERNMENT_STEPS[key])

    keys = [
        k
        for k in (
            "hec_attestation",
            "mofa_attestation",
            "coe",
            "visa:islamabad",
            "visa:karachi",
            "protector_clearance",
        )
    ]
    open_by_key: dict[str, int] = defaultdict(int)
    for _d, key, *_rest in waiting:
        open_by_key[key] += 1
    rows = []
    for key in keys:
        values = finished.get(key, [])
        rows.append(
            [
                step_label(key.split(":")[0]),
                key_label(key),
                len(values),
                _days(percentile(values, 50)),
                _days(percentile(values, 90)),
                open_by_key.get(key, 0),
            ]
        )
    medians = {k: percentile(v, 50) for k, v in month_wait.items() if v}
    bottleneck = max(medians, key=lambda k: (medians[k], k)) if medians else None
    notes = []
    if bottleneck:
        notes.append(
            _(
                "Bottleneck this month: %(office)s — a median of %(days)s days for the cases finished or waiting this month."
            )
            % {"office": key_label(bottleneck), "days": _days(medians[bottleneck])}
        )
    waiting.sort(key=lambda w: (-w[0], w[2]))
    provinces = {p.code: p.name_en for p in geo().provinces}
    stuck_rows = [
        [
            _("Application #%(n)d") % {"n": app_id},
            key_label(key),
            days,
            employer,
            provinces.get(province, "—"),
        ]
        for days, key, app_id, employer, province in waiting[:STUCK_SHOWN]
    ]
    return Report(
        slug="steps",
        title=_("Time in each government step"),
        period=_("Steps finished: %(period)s") % {"period": _period_text(date_from, date_to)},
        sections=[
            Section(
                _("Days per step"),
                Table(
                    [
                        _("Step"),
                        _("Office"),
                        _("Finished"),
                        _("Median days"),
                        _("90th percentile days"),
                        _("Waiting now"),
                    ],
                    rows,
                ),
                Chart(
                    "bar",
                    [r[1] for r in rows],
                    [
                        (_("Median days"), [_num(r[3]) for r in rows]),
                        (_("90th percentile days"), [_num(r[4]) for r in rows]),
                    ],
                ),
            ),
            Section(
                _("Waiting longest"),
                Table(
                    [_("Case"), _("Waiting at"), _("Days waiting"), _("Employer"), _("Province")],
                    stuck_rows,
                ),
            ),
        ],
        notes=notes,
    )


def _days(value: float) -> float | str:
    return "—" if value != value else round(value, 1)  # NaN: no finished step


def _num(value: float | str) -> float:
    return 0.0 if isinstance(value, str) else float(value)

"""Each mission's results: interviews held, no-shows, offers and acceptances, by company and
city."""

from __future__ import annotations

from django.db.models import Count, Max, Min, Q, QuerySet
from django.utils.translation import gettext as _

from engine.geo import geo
from kakehashi.missions.models import Interview, InterviewRequest, Mission
from kakehashi.pipeline.models import StageChange
from kakehashi.reports.pipeline_reports import _period_text
from kakehashi.reports.tables import Chart, Report, Section, Table


def missions_in_period(*, date_from=None, date_to=None) -> QuerySet[Mission]:
    """Missions with a leg in the period (every mission without one), first day first."""
    missions = Mission.objects.annotate(
        first_day=Min("legs__start_date"), last_day=Max("legs__end_date")
    )
    if date_from:
        missions = missions.filter(last_day__gte=date_from)
    if date_to:
        missions = missions.filter(first_day__lte=date_to)
    return missions.order_by("first_day", "pk")


def _counts() -> dict:
    offered = StageChange.objects.filter(to_stage="offered").values("application_id")
    accepted = StageChange.objects.filter(to_stage="accepted").values("application_id")
    return {
        "interviews": Count("interview"),
        "held": Count("interview", filter=Q(interview__status=Interview.Status.CHECKED_IN)),
        "no_shows": Count("interview", filter=Q(interview__status=Interview.Status.NO_SHOW)),
        "scheduled": Count("interview", filter=Q(interview__status=Interview.Status.SCHEDULED)),
        "offers": Count("application", distinct=True, filter=Q(application_id__in=offered)),
        "acceptances": Count("application", distinct=True, filter=Q(application_id__in=accepted)),
    }


FIGURES = ("interviews", "held", "no_shows", "scheduled", "offers", "acceptances")


def _columns(first: str) -> list[str]:
    return [
        first,
        _("Interviews"),
        _("Held"),
        _("No-shows"),
        _("Still scheduled"),
        _("Offers"),
        _("Acceptances"),
    ]


def mission_results(*, mission_id: int | None = None, date_from=None, date_to=None) -> Report:
    """Per mission in the period; by company and by city for one mission (``mission_id``) or
    for all of them."""
    missions = missions_in_period(date_from=date_from, date_to=date_to)
    if mission_id is not None:
        missions = missions.filter(pk=mission_id)
    requests = InterviewRequest.objects.filter(mission__in=missions, interview__isnull=False)
    per_mission = list(
        requests.values("mission_id", "mission__name").annotate(**_counts()).order_by("mission_id")
    )
    names = dict(missions.values_list("pk", "name"))
    got = {r["mission_id"]: r for r in per_mission}
    mission_rows = [
        [name, *[got.get(pk, {}).get(f, 0) for f in FIGURES]] for pk, name in names.items()
    ]
    by_company = [
        [r["interview__panel__employer__name_en"], *[r[f] for f in FIGURES]]
        for r in requests.values("interview__panel__employer__name_en")
        .annotate(**_counts())
        .order_by("-interviews", "interview__panel__employer__name_en")
    ]
    cities = {c.code: c.name_en for c in geo().cities}
    by_city = [
        [cities.get(r["interview__leg__city"], r["interview__leg__city"]), *[r[f] for f in FIGURES]]
        for r in requests.values("interview__leg__city")
        .annotate(**_counts())
        .order_by("-interviews")
    ]

    def chart(rows: list[list]) -> Chart:
        return Chart(
            "bar",
            [str(r[0]) for r in rows[:20]],
            [
                (_("Held"), [r[2] for r in rows[:20]]),
                (_("No-shows"), [r[3] for r in rows[:20]]),
                (_("Offers"), [r[5] for r in rows[:20]]),
            ],
        )

    return Report(
        slug="missions",
        title=_("Mission results"),
        period=_("Missions: %(period)s") % {"period": _period_text(date_from, date_to)},
        sections=[
            Section(
                _("By mission"), Table(_columns(_("Mission")), mission_rows), chart(mission_rows)
            ),
            Section(_("By company"), Table(_columns(_("Company")), by_company), chart(by_company)),
            Section(_("By city"), Table(_columns(_("City")), by_city), chart(by_city)),
        ],
    )

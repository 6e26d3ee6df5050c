"""Every report by its slug: the query form of its page and the function that builds it, so
that a page, an export task and the monthly report build the same figures."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kakehashi.core.forms import QueryForm
from kakehashi.reports.fairness import fairness
from kakehashi.reports.forms import (
    FairnessFilterForm,
    FunnelFilterForm,
    MissionFilterForm,
    StepsFilterForm,
    SupplyFilterForm,
    TrainingFilterForm,
)
from kakehashi.reports.mission_results import mission_results
from kakehashi.reports.pipeline_reports import funnel, government_steps
from kakehashi.reports.selectors import demand_supply, programme_overview
from kakehashi.reports.tables import Chart, Report, Section, Table
from kakehashi.reports.training import training_options


@dataclass(frozen=True)
class ReportKind:
    slug: str
    name: object  # a lazy translated string
    form: type[QueryForm]
    build: Callable[[dict, object], Report]  # (cleaned query values, user) -> Report
    url_name: str


REPORTS: dict[str, ReportKind] = {
    k.slug: k
    for k in (
        ReportKind(
            "supply",
            gettext_lazy("Demand and supply"),
            SupplyFilterForm,
            lambda v, _u: demand_supply(**v),
            "report_supply",
        ),
        ReportKind(
            "funnel",
            gettext_lazy("Funnel"),
            FunnelFilterForm,
            lambda v, _u: funnel(**v),
            "report_funnel",
        ),
        ReportKind(
            "steps",
            gettext_lazy("Time in government steps"),
            StepsFilterForm,
            lambda v, _u: government_steps(**v),
            "report_steps",
        ),
        ReportKind(
            "training",
            gettext_lazy("Training that unlocks hires"),
            TrainingFilterForm,
            lambda v, _u: training_options(**v),
            "report_training",
        ),
        ReportKind(
            "fairness",
            gettext_lazy("Fairness of shortlists"),
            FairnessFilterForm,
            lambda v, u: fairness(job_id=v["job"], flagged_only=v["flagged"], user=u),
            "report_fairness",
        ),
        ReportKind(
            "missions",
            gettext_lazy("Mission results"),
            MissionFilterForm,
            lambda v, _u: mission_results(
                mission_id=v["mission"], date_from=v["date_from"], date_to=v["date_to"]
            ),
            "report_missions",
        ),
    )
}


def report_build(*, slug: str, params: dict, user) -> Report:
    """The report ``slug`` for raw query ``params`` (bad values dropped, as on its page)."""
    if slug == "monthly":
        return programme_monthly(month=date.fromisoformat(params["month"]))
    kind = REPORTS[slug]
    return kind.build(kind.form(params).values(), user)


def programme_monthly(*, month: date) -> Report:
    """The monthly programme report: the overview, the funnel of the month's registrations,
    the government steps finished in the month, supply, and the month's missions."""
    first = month.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    overview = programme_overview()
    stage_rows = [[str(label), n] for label, n in overview["applications"]]
    sections = [
        Section(
            _("Programme overview"),
            Table(
                [_("Figure"), _("Value")],
                [
                    [_("Employers"), overview["employers"]["total"]],
                    [_("Verified employers"), overview["employers"]["verified"]],
                    [_("Open jobs"), overview["jobs"]["open"]],
                    [_("Open openings"), overview["jobs"]["openings"]],
                    [_("Candidates"), overview["candidates"]],
                ],
            ),
        ),
        Section(
            _("Applications by stage"),
            Table([_("Stage"), _("Applications")], stage_rows),
            Chart(
                "bar", [r[0] for r in stage_rows], [(_("Applications"), [r[1] for r in stage_rows])]
            ),
        ),
    ]
    sections += list(funnel(date_from=first, date_to=last).sections[:1])
    sections += list(government_steps(date_from=first, date_to=last).sections)
    sections += list(demand_supply().sections[:1])
    sections += list(mission_results(date_from=first, date_to=last).sections[:1])
    return Report(
        slug="monthly",
        title=_("Programme report, %(month)s") % {"month": first.strftime("%B %Y")},
        period=_("From %(a)s to %(b)s") % {"a": first.isoformat(), "b": last.isoformat()},
        sections=sections,
    )

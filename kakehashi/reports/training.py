"""Training that unlocks hires: the latest supply run's ranked courses, and a course's
cohort as a list a training provider can be handed (consenting candidates only; no CNIC)."""

from __future__ import annotations

from django.db.models import Count
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from engine.geo import geo
from kakehashi.reports.labels import track_label
from kakehashi.reports.models import TrainingOption
from kakehashi.reports.selectors import as_of, profiles_in_cohort, supply_run_latest
from kakehashi.reports.tables import Chart, Link, Report, Section, Table
from kakehashi.taxonomy.models import Skill


def _course(option: TrainingOption, skills: dict[str, str]) -> str:
    if option.kind == TrainingOption.Kind.JLPT:
        return _("JLPT %(level)s course") % {"level": option.value}
    return _("%(skill)s course") % {"skill": skills.get(option.value, option.value)}


def _group(option: TrainingOption) -> str:
    cities = {c.code: c.name_en for c in geo().cities}
    parts = []
    if option.city:
        parts.append(cities.get(option.city, option.city))
    if option.track:
        parts.append(track_label(option.track))
    return ", ".join(parts) or _("Everyone")


def training_options(*, grouping: str = "city_track") -> Report:
    """The courses of the latest run for one grouping, best first, each read as a sentence."""
    run = supply_run_latest()
    options = list(
        TrainingOption.objects.filter(run=run, grouping=grouping or "city_track").defer(
            "candidate_ids"
        )
        if run
        else []
    )
    skills = dict(
        Skill.objects.filter(pk__in=[o.value for o in options if o.kind == "skill"]).values_list(
            "pk", "name_en"
        )
    )
    cohort_url = reverse("report_training_cohort")
    rows = []
    for o in options:
        sentence = _(
            "A %(course)s for the %(cohort)d candidates of %(group)s who lack it would qualify "
            "%(qualified)d of them for %(openings)d openings in %(jobs)d jobs."
        ) % {
            "course": _course(o, skills),
            "cohort": o.cohort,
            "group": _group(o),
            "qualified": o.qualified,
            "openings": o.openings,
            "jobs": o.jobs,
        }
        rows.append(
            [
                o.rank,
                _course(o, skills),
                _group(o),
                o.cohort,
                o.qualified,
                o.openings,
                o.jobs,
                sentence,
                Link(_("Cohort list (CSV)"), f"{cohort_url}?option={o.pk}&format=csv"),
            ]
        )
    top = rows[:15]
    return Report(
        slug="training",
        title=_("Training that unlocks hires"),
        period=as_of(run),
        sections=[
            Section(
                _("Courses, best first"),
                Table(
                    [
                        _("Rank"),
                        _("Course"),
                        _("Group"),
                        _("Would take it"),
                        _("Would qualify"),
                        _("Openings"),
                        _("Jobs"),
                        _("Reading"),
                        _("Cohort list"),
                    ],
                    rows,
                ),
                Chart(
                    "bar",
                    [f"{r[1]} · {r[2]}" for r in top],
                    [(_("Would qualify"), [r[4] for r in top])],
                ),
            )
        ],
        notes=[
            _(
                "Counted among consenting candidates qualified for no open job today; a course "
                "gives one skill (at the years the jobs ask) or one JLPT level to those one level "
                "below. Computed by the engine over the whole index."
            )
        ],
    )


def training_cohort(*, option_id: int, with_contacts: bool) -> Report:
    """The candidates a course would qualify who consent to share their profile now. With
    ``with_contacts`` (officers who handle personal data) their name, e-mail and phone too;
    never the CNIC."""
    run = supply_run_latest()
    option = TrainingOption.objects.filter(pk=option_id, run=run).first() if run else None
    if option is None:
        raise Http404
    skills = dict(Skill.objects.filter(pk=option.value).values_list("pk", "name_en"))
    people = (
        profiles_in_cohort(candidate_ids=option.candidate_ids)
        .select_related("user")
        .order_by("pk")
        .annotate(n_skills=Count("skills"))
    )
    cities = {c.code: c.name_en for c in geo().cities}
    columns = [_("Candidate"), _("City"), _("JLPT"), _("Skills on the profile")]
    if with_contacts:
        columns += [_("Name"), _("E-mail"), _("Phone")]
    rows = []
    for p in people:
        row = [f"#{p.pk}", cities.get(p.city, "—"), p.jlpt_level or "—", p.n_skills]
        if with_contacts:
            row += [p.user.full_name, p.user.email, p.phone]
        rows.append(row)
    return Report(
        slug="training_cohort",
        title=_("Cohort: %(course)s, %(group)s")
        % {"course": _course(option, skills), "group": _group(option)},
        period=as_of(run),
        sections=[
            Section(_("Candidates the course would qualify (consenting now)"), Table(columns, rows))
        ],
        notes=[
            _(
                "Only candidates who consent to share their profile are listed. No CNIC is ever exported."
            )
        ],
    )

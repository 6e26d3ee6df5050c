"""Reads for the ministry's reports: the latest supply run, demand against supply, the
training options, and the door to an export. Aggregates are SQL (annotate/aggregate with
filtered counts); no query runs per row."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.utils import formats
from django.utils.translation import gettext as _

from engine.geo import geo
from kakehashi.candidates.models import CandidateProfile
from kakehashi.candidates.selectors import profiles_visible_to_employers
from kakehashi.employers.models import Employer
from kakehashi.jobs.models import Job, JobSkill
from kakehashi.jobs.selectors import jobs_public
from kakehashi.pipeline.labels import STAGE_LABELS
from kakehashi.pipeline.models import Application
from kakehashi.reports.labels import GENDER_LABELS, YEAR_BANDS, family_label, track_label, year_band
from kakehashi.reports.models import JobSupply, ReportExport, SupplyCell, SupplyRun
from kakehashi.reports.tables import Chart, Report, Section, Table
from kakehashi.taxonomy.models import SkillCategory

TOP_SKILLS = 25


def programme_overview() -> dict:
    """Counts for the ministry's dashboard, in a handful of aggregate queries."""
    employers = Employer.objects.aggregate(
        total=Count("id"),
        verified=Count("id", filter=Q(verification_status=Employer.Verification.VERIFIED)),
        pending=Count("id", filter=Q(verification_status=Employer.Verification.PENDING)),
    )
    jobs = Job.objects.aggregate(
        open=Count("id", filter=Q(status=Job.Status.OPEN)),
        openings=Sum("openings", filter=Q(status=Job.Status.OPEN)),
        total=Count("id"),
    )
    by_stage = dict(
        Application.objects.values_list("stage").annotate(n=Count("id")).values_list("stage", "n")
    )
    return {
        "employers": employers,
        "jobs": {**jobs, "openings": jobs["openings"] or 0},
        "candidates": CandidateProfile.objects.count(),
        "applications": [(STAGE_LABELS[s], by_stage.get(s, 0)) for s in STAGE_LABELS],
    }


def supply_run_latest() -> SupplyRun | None:
    """The latest finished supply run (None before the first)."""
    return SupplyRun.objects.filter(status=SupplyRun.Status.DONE).first()


def supply_run_pending() -> SupplyRun | None:
    return SupplyRun.objects.filter(status=SupplyRun.Status.RUNNING).first()


def as_of(run: SupplyRun | None) -> str:
    if run is None or run.finished_at is None:
        return _("Not computed yet")
    return _("Supply as computed on %(when)s") % {
        "when": formats.date_format(run.finished_at, "DATETIME_FORMAT")
    }


def _band_q(field: str, low: int, high: int) -> Q:
    return Q(**{f"{field}__gte": low, f"{field}__lt": high})


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "—"


def demand_supply(*, track: str = "", province: str = "", family: str = "") -> Report:
    """Open openings against consenting, qualified candidates (the matching engine's hard
    filters, as of the latest supply run) by skill, skill family, track, prefecture, city,
    province, JLPT, years of experience and gender. ``track`` narrows both sides,
    ``province`` the candidates, ``family`` the skills."""
    run = supply_run_latest()
    jobs = jobs_public()
    if track and run:
        jobs = jobs.filter(pk__in=JobSupply.objects.filter(run=run, track=track).values("job_id"))

    def cells(dimension: str) -> dict[str, dict[str, int]]:
        # Pre-aggregated by the supply task per track and province: filters sum cells.
        found = SupplyCell.objects.filter(run=run, dimension=dimension)
        if track:
            found = found.filter(track=track)
        if province:
            found = found.filter(province=province)
        return {
            r["value"]: {"consenting": r["c"], "holders": r["c"], "qualified": r["q"]}
            for r in found.values("value").annotate(c=Sum("consenting"), q=Sum("qualified"))
        }

    demand = jobs.aggregate(jobs=Count("id"), openings=Sum("openings"))
    prov = cells("province")
    supply = {
        "consenting": sum(c["consenting"] for c in prov.values()),
        "qualified": sum(c["qualified"] for c in prov.values()),
    }
    empty = (
        JobSupply.objects.filter(run=run, job__in=jobs).aggregate(
            none=Count("id", filter=Q(pool=0)), openings=Sum("job__openings", filter=Q(pool=0))
        )
        if run
        else {"none": 0, "openings": 0}
    )
    openings = demand["openings"] or 0
    summary = Section(
        _("Summary"),
        Table(
            [_("Figure"), _("Value")],
            [
                [_("Open jobs"), demand["jobs"]],
                [_("Open openings"), openings],
                [_("Consenting candidates"), supply["consenting"]],
                [_("Qualified for at least one open job"), supply["qualified"]],
                [
                    _("Qualified candidates per opening"),
                    round(supply["qualified"] / openings, 2) if openings else "—",
                ],
                [_("Open jobs nobody is qualified for"), empty["none"]],
                [_("Openings in those jobs"), empty["openings"] or 0],
            ],
        ),
    )

    # Skills: openings of open jobs that must have the skill, against consenting candidates
    # who hold it and those of them qualified for at least one job.
    must = JobSkill.objects.filter(required=True, job__in=jobs)
    if family:
        must = must.filter(skill__category_id=family)
    top = list(
        must.values("skill_id", "skill__name_en")
        .annotate(jobs=Count("job", distinct=True), openings=Sum("job__openings"))
        .order_by("-openings", "skill_id")[:TOP_SKILLS]
    )
    held = cells("skill")
    skill_rows = [
        [
            t["skill__name_en"],
            t["jobs"],
            t["openings"],
            held.get(t["skill_id"], {}).get("holders", 0),
            held.get(t["skill_id"], {}).get("qualified", 0),
            t["openings"] - held.get(t["skill_id"], {}).get("qualified", 0),
        ]
        for t in top
    ]
    by_skill = Section(
        _("By skill (the %(n)d most demanded)") % {"n": TOP_SKILLS},
        Table(
            [
                _("Skill"),
                _("Jobs"),
                _("Openings"),
                _("Consenting holders"),
                _("Of whom qualified"),
                _("Gap"),
            ],
            skill_rows,
        ),
        Chart(
            "bar",
            [r[0] for r in skill_rows],
            [
                (_("Openings"), [r[2] for r in skill_rows]),
                (_("Qualified holders"), [r[4] for r in skill_rows]),
            ],
        ),
    )

    categories = {c.pk: family_label(c) for c in SkillCategory.objects.all()}
    fam_demand = {
        r["skill__category_id"]: r
        for r in JobSkill.objects.filter(required=True, job__in=jobs)
        .values("skill__category_id")
        .annotate(jobs=Count("job", distinct=True), openings=Sum("job__openings"))
    }
    fam_supply = cells("family")
    fam_rows = [
        [
            name,
            fam_demand.get(code, {}).get("jobs", 0),
            fam_demand.get(code, {}).get("openings", 0) or 0,
            fam_supply.get(code, {}).get("holders", 0),
            fam_supply.get(code, {}).get("qualified", 0),
        ]
        for code, name in categories.items()
        if code in fam_demand or code in fam_supply
    ]
    by_family = Section(
        _("By skill family"),
        Table(
            [
                _("Skill family"),
                _("Jobs"),
                _("Openings"),
                _("Consenting holders"),
                _("Of whom qualified"),
            ],
            fam_rows,
        ),
        Chart(
            "bar",
            [r[0] for r in fam_rows],
            [
                (_("Openings"), [r[2] for r in fam_rows]),
                (_("Qualified holders"), [r[4] for r in fam_rows]),
            ],
        ),
    )

    track_demand = {
        r["track"]: r
        for r in (
            JobSupply.objects.filter(run=run, job__in=jobs) if run else JobSupply.objects.none()
        )
        .values("track")
        .annotate(
            jobs=Count("id"), openings=Sum("job__openings"), nobody=Count("id", filter=Q(pool=0))
        )
    }
    track_supply = cells("track")
    track_rows = [
        [
            track_label(code),
            track_demand.get(code, {}).get("jobs", 0),
            track_demand.get(code, {}).get("openings", 0) or 0,
            track_supply.get(code, {}).get("consenting", 0),
            track_supply.get(code, {}).get("qualified", 0),
        ]
        for code in sorted(set(track_demand) | set(track_supply))
    ]
    by_track = Section(
        _("By track"),
        Table(
            [_("Track"), _("Jobs"), _("Openings"), _("Consenting candidates"), _("Qualified")],
            track_rows,
        ),
        Chart(
            "bar",
            [r[0] for r in track_rows],
            [
                (_("Openings"), [r[2] for r in track_rows]),
                (_("Qualified"), [r[4] for r in track_rows]),
            ],
        ),
    )

    prefectures = {p.code: p.name_en for p in geo().prefectures}
    pref_rows = [
        [
            prefectures.get(r["prefecture"], r["prefecture"]),
            r["prefecture"],
            r["jobs"],
            r["n_openings"] or 0,
            r["nobody"],
        ]
        for r in jobs.values("prefecture")
        .annotate(
            jobs=Count("id"),
            n_openings=Sum("openings"),
            nobody=Count(
                "id", filter=Q(pk__in=JobSupply.objects.filter(run=run, pool=0).values("job_id"))
            ),
        )
        .order_by("-n_openings", "prefecture")
    ]
    by_prefecture = Section(
        _("Demand by prefecture of the job"),
        Table(
            [
                _("Prefecture"),
                _("ISO 3166-2:JP"),
                _("Jobs"),
                _("Openings"),
                _("Jobs nobody is qualified for"),
            ],
            pref_rows,
        ),
        Chart("bar", [r[0] for r in pref_rows], [(_("Openings"), [r[3] for r in pref_rows])]),
    )

    provinces = {p.code: p.name_en for p in geo().provinces}
    prov_rows = [
        [
            provinces.get(code, _("Not stated")),
            code,
            prov[code]["consenting"],
            prov[code]["qualified"],
            _pct(prov[code]["qualified"], prov[code]["consenting"]),
        ]
        for code in [*provinces, ""]
        if code in prov
    ]
    by_province = Section(
        _("Supply by province of the candidate"),
        Table(
            [
                _("Province"),
                _("ISO 3166-2:PK"),
                _("Consenting"),
                _("Qualified"),
                _("Share qualified"),
            ],
            prov_rows,
        ),
        Chart(
            "province",
            [f"{r[1] or '—'} {r[0]}" for r in prov_rows],
            [
                (_("Consenting"), [r[2] for r in prov_rows]),
                (_("Qualified"), [r[3] for r in prov_rows]),
            ],
        ),
    )
    cities = {c.code: c.name_en for c in geo().cities}
    city_cells = cells("city")
    city_rows = [
        [
            cities.get(code, _("Not stated")),
            c["consenting"],
            c["qualified"],
            _pct(c["qualified"], c["consenting"]),
        ]
        for code, c in sorted(city_cells.items(), key=lambda kv: (-kv[1]["consenting"], kv[0]))
    ]
    by_city = Section(
        _("Supply by city of the candidate"),
        Table([_("City"), _("Consenting"), _("Qualified"), _("Share qualified")], city_rows),
        Chart(
            "bar",
            [r[0] for r in city_rows],
            [
                (_("Consenting"), [r[1] for r in city_rows]),
                (_("Qualified"), [r[2] for r in city_rows]),
            ],
        ),
    )

    levels = ["N1", "N2", "N3", "N4", "N5", ""]
    jlpt_demand = {
        r["jlpt_min"]: r
        for r in jobs.values("jlpt_min").annotate(
            jobs=Count("id"),
            n_openings=Sum("openings"),
            hard=Sum("openings", filter=Q(jlpt_is_hard=True)),
        )
    }
    jlpt_supply = cells("jlpt")
    jlpt_rows = [
        [
            level or _("None"),
            jlpt_demand.get(level, {}).get("n_openings", 0) or 0,
            jlpt_demand.get(level, {}).get("hard", 0) or 0,
            jlpt_supply.get(level, {}).get("consenting", 0),
            jlpt_supply.get(level, {}).get("qualified", 0),
        ]
        for level in levels
    ]
    by_jlpt = Section(
        _("By JLPT level (openings by the minimum asked; candidates by the level held)"),
        Table(
            [
                _("JLPT"),
                _("Openings"),
                _("Of which a hard minimum"),
                _("Consenting candidates"),
                _("Qualified"),
            ],
            jlpt_rows,
        ),
        Chart(
            "bar",
            [r[0] for r in jlpt_rows],
            [
                (_("Openings"), [r[1] for r in jlpt_rows]),
                (_("Consenting candidates"), [r[3] for r in jlpt_rows]),
            ],
        ),
    )

    year_demand = jobs.aggregate(
        **{
            f"o{i}": Sum("openings", filter=_band_q("min_experience_years", lo, hi))
            for i, (lo, hi) in enumerate(YEAR_BANDS)
        }
    )
    year_supply = cells("years")
    year_rows = [
        [
            year_band(lo),
            year_demand[f"o{i}"] or 0,
            year_supply.get(year_band(lo), {}).get("consenting", 0),
            year_supply.get(year_band(lo), {}).get("qualified", 0),
        ]
        for i, (lo, _hi) in enumerate(YEAR_BANDS)
    ]
    by_years = Section(
        _("By years of experience (openings by the minimum asked; candidates by the years held)"),
        Table([_("Years"), _("Openings"), _("Consenting candidates"), _("Qualified")], year_rows),
        Chart(
            "bar",
            [r[0] for r in year_rows],
            [
                (_("Openings"), [r[1] for r in year_rows]),
                (_("Qualified"), [r[3] for r in year_rows]),
            ],
        ),
    )
    gender_rows = [
        [
            str(GENDER_LABELS.get(code, code)),
            c["consenting"],
            c["qualified"],
            _pct(c["qualified"], c["consenting"]),
        ]
        for code, c in sorted(cells("gender").items())
    ]
    by_gender = Section(
        _("Supply by gender"),
        Table([_("Gender"), _("Consenting"), _("Qualified"), _("Share qualified")], gender_rows),
        Chart(
            "bar",
            [r[0] for r in gender_rows],
            [
                (_("Consenting"), [r[1] for r in gender_rows]),
                (_("Qualified"), [r[2] for r in gender_rows]),
            ],
        ),
        note=_("Gender is kept for statistics only: it never enters a match score."),
    )
    notes = [
        _(
            "Qualified: passes every hard requirement of at least one open job (the matching "
            "engine's filters: hard skills with their years, hard JLPT and degree minimums), "
            "among candidates who consent to share their profile."
        )
    ]
    if run is None:
        notes.append(_("Supply has not been computed yet: compute it to see the candidates' side."))
    return Report(
        slug="supply",
        title=_("Demand and supply"),
        period=as_of(run),
        sections=[
            summary,
            by_skill,
            by_family,
            by_track,
            by_prefecture,
            by_province,
            by_city,
            by_jlpt,
            by_years,
            by_gender,
        ],
        notes=notes,
    )


def report_export_get_for_user(*, export_id: int, user) -> ReportExport:
    """The door to an export file: the officer who asked for it; the monthly report (no
    requester) for every officer with the reports duty. 404 for everyone else."""
    if not user.is_authenticated or not user.has_duty("reports"):
        raise Http404
    export = ReportExport.objects.filter(pk=export_id).first()
    if export is None or (export.requested_by_id not in (None, user.pk)):
        raise Http404
    return export


def report_exports_for_user(*, user) -> QuerySet[ReportExport]:
    return ReportExport.objects.filter(Q(requested_by=user) | Q(requested_by__isnull=True))[:20]


def profiles_in_cohort(*, candidate_ids: list[int]) -> QuerySet[CandidateProfile]:
    """The candidates of a training cohort who consent to share their profile now."""
    return profiles_visible_to_employers().filter(pk__in=candidate_ids)

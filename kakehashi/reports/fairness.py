"""The fairness audit of shortlists: for each job and mission, the share of each province
and gender among the shortlisted (and in the engine's top k) against the eligible pool of
the latest supply run, as Skew@k (engine.reports.skew_at_k) with a plain-language reading.
Protected attributes are read here to audit, never to score."""

from __future__ import annotations

import math
from collections import defaultdict

from django.conf import settings
from django.db.models import Count
from django.http import Http404
from django.utils.translation import gettext as _

from engine.geo import geo
from engine.reports import skew_at_k
from kakehashi.candidates.models import CandidateProfile
from kakehashi.jobs.models import Job
from kakehashi.matching.selectors import job_plans, shortlist_job_get_for_user
from kakehashi.matching.store import index_get
from kakehashi.missions.models import InterviewRequest
from kakehashi.pipeline.models import StageChange
from kakehashi.reports.labels import GENDER_LABELS
from kakehashi.reports.models import JobSupply
from kakehashi.reports.selectors import as_of, supply_run_latest
from kakehashi.reports.tables import Chart, Report, Section, Table

MIN_SHORTLIST = 5  # fewer shortlisted than this: too few to read a share from
ATTRIBUTES = ("province", "gender")
JOBS_SHOWN = 100


def _label(attribute: str, code: str) -> str:
    if attribute == "gender":
        return str(GENDER_LABELS.get(code, code))
    names = {p.code: p.name_en for p in geo().provinces}
    return f"{names.get(code, _('Not stated'))} ({code})" if code else _("Not stated")


def _reading(attribute: str, code: str, top: dict, pool: dict, skew: float) -> str:
    n_top, n_pool = sum(top.values()), sum(pool.values())
    share_top = 100 * top.get(code, 0) / n_top if n_top else 0
    share_pool = 100 * pool.get(code, 0) / n_pool if n_pool else 0
    if skew == -math.inf:
        return _("%(group)s: none shortlisted, against %(pool).0f%% of those eligible.") % {
            "group": _label(attribute, code),
            "pool": share_pool,
        }
    return _(
        "%(group)s: %(top).0f%% of the shortlist against %(pool).0f%% of those eligible (%(ratio).1f times its share)."
    ) % {
        "group": _label(attribute, code),
        "top": share_top,
        "pool": share_pool,
        "ratio": math.exp(skew),
    }


def _worst(attribute: str, top: dict, pool: dict) -> tuple[str, float] | None:
    """The group furthest from its share, counting a missing group only where at least one
    of them would be expected."""
    n_top, n_pool = sum(top.values()), sum(pool.values())
    skews = skew_at_k(top, pool)
    candidates = {
        code: s for code, s in skews.items() if s != -math.inf or n_top * pool[code] / n_pool >= 1
    }
    if not candidates:
        return None
    code = max(candidates, key=lambda c: (abs(candidates[c]), c))
    return code, candidates[code]


def _row(name: str, employer: str, top: dict[str, dict], pool: dict[str, dict], limit: float):
    cells, flagged, readings = [], False, []
    for attribute in ATTRIBUTES:
        worst = _worst(attribute, top.get(attribute, {}), pool.get(attribute, {}))
        if worst is None:
            cells.append("—")
            continue
        code, skew = worst
        cells.append("-∞" if skew == -math.inf else round(skew, 2))
        if abs(skew) > limit:
            flagged = True
        readings.append(
            _reading(attribute, code, top.get(attribute, {}), pool.get(attribute, {}), skew)
        )
    shortlisted = sum(top.get("province", {}).values())
    in_pool = sum(pool.get("province", {}).values())
    return [name, employer, shortlisted, in_pool, *cells, " ".join(readings)], flagged


def fairness(*, job_id: int | None = None, flagged_only: bool = False, user=None) -> Report:
    """Per job and per mission, shortlists against the eligible pool; for ``job_id``
    (through the shortlist door), the engine's top k against its pool too."""
    limit = settings.REPORTS_FAIRNESS_SKEW_MAX
    run = supply_run_latest()
    pools = {
        j["job_id"]: j
        for j in (JobSupply.objects.filter(run=run) if run else JobSupply.objects.none()).values(
            "job_id", "job__title", "job__employer__name_en", "pool_groups"
        )
    }
    shortlisted: dict[int, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    reached = StageChange.objects.filter(
        to_stage="shortlisted", application__job_id__in=list(pools)
    )
    for attribute in ATTRIBUTES:
        for r in reached.values(
            "application__job_id", f"application__candidate__{attribute}"
        ).annotate(n=Count("application", distinct=True)):
            shortlisted[r["application__job_id"]][attribute][
                r[f"application__candidate__{attribute}"]
            ] = r["n"]
    rows = []
    for job_id_, top in shortlisted.items():
        if sum(top["province"].values()) < MIN_SHORTLIST:
            continue
        p = pools[job_id_]
        row, flagged = _row(
            f"{p['job__title']} (#{job_id_})",
            p["job__employer__name_en"],
            top,
            p["pool_groups"],
            limit,
        )
        rows.append((flagged, row))
    rows.sort(key=lambda fr: (not fr[0], -max(_abs(c) for c in fr[1][4:6]), fr[1][0]))
    if flagged_only:
        rows = [fr for fr in rows if fr[0]]
    shown = rows[:JOBS_SHOWN]
    columns = [
        _("Job"),
        _("Employer"),
        _("Shortlisted"),
        _("Eligible pool"),
        _("Province Skew"),
        _("Gender Skew"),
        _("Reading"),
    ]
    sections = [
        Section(
            _("Shortlists by job (%(shown)d of %(all)d jobs with at least %(min)d shortlisted)")
            % {"shown": len(shown), "all": len(rows), "min": MIN_SHORTLIST},
            Table(columns, [r for _f, r in shown]),
            flagged_rows=frozenset(i for i, (f, _r) in enumerate(shown) if f),
        ),
        _missions_section(pools, limit),
    ]
    if job_id is not None and user is not None:
        sections.append(_top_k_section(job_id=job_id, user=user, pools=pools, limit=limit))
    n_flagged = sum(1 for f, _r in rows if f)
    return Report(
        slug="fairness",
        title=_("Fairness of shortlists"),
        period=as_of(run),
        sections=sections,
        notes=[
            _(
                "Skew = ln(share in the shortlist / share in the eligible pool): 0 is "
                "proportional, +0.4 about 1.5 times the share, -0.7 about half. Flagged beyond "
                "±%(limit).2f. %(n)d jobs flagged. Province and gender never enter a score."
            )
            % {"limit": limit, "n": n_flagged}
        ],
    )


def _abs(cell) -> float:
    if cell == "-∞":
        return math.inf
    return abs(cell) if isinstance(cell, int | float) else 0.0


def _missions_section(pools: dict, limit: float) -> Section:
    top: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    requests = InterviewRequest.objects.filter(cancelled=False)
    for attribute in ATTRIBUTES:
        for r in requests.values("mission__name", f"application__candidate__{attribute}").annotate(
            n=Count("application", distinct=True)
        ):
            top[r["mission__name"]][attribute][r[f"application__candidate__{attribute}"]] = r["n"]
    pool: dict[str, dict[str, dict[str, int]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(int))
    )
    for mission, job_id in requests.values_list("mission__name", "application__job_id"):
        for attribute, counts in pools.get(job_id, {}).get("pool_groups", {}).items():
            for code, n in counts.items():
                pool[mission][attribute][code] += n
    rows, flagged_rows = [], set()
    for i, (mission, counts) in enumerate(sorted(top.items())):
        row, flagged = _row(mission, "", counts, pool.get(mission, {}), limit)
        rows.append([row[0], *row[2:]])
        if flagged:
            flagged_rows.add(i)
    return Section(
        _("Missions: invited to interview against the eligible pools of their jobs"),
        Table(
            [
                _("Mission"),
                _("Invited"),
                _("Eligible (pool places)"),
                _("Province Skew"),
                _("Gender Skew"),
                _("Reading"),
            ],
            rows,
        ),
        flagged_rows=frozenset(flagged_rows),
    )


def _top_k_section(*, job_id: int, user, pools: dict, limit: float) -> Section:
    try:
        job: Job = shortlist_job_get_for_user(job_id=job_id, user=user)
    except Http404:
        return Section(
            _("Top of the engine's ranking"),
            Table([_("Group")], []),
            note=_("There is no job with this number."),
        )
    k = settings.REPORTS_FAIRNESS_TOP_K
    matches = index_get().top_candidates(job_plans([job])[0], k=k, explain=False)
    people = CandidateProfile.objects.filter(pk__in=[m.candidate_id for m in matches])
    top: dict[str, dict[str, int]] = {}
    for attribute in ATTRIBUTES:
        top[attribute] = {
            r[attribute]: r["n"] for r in people.values(attribute).annotate(n=Count("id"))
        }
    pool = pools.get(job.pk, {}).get("pool_groups", {})
    rows = []
    for attribute in ATTRIBUTES:
        skews = skew_at_k(top[attribute], pool.get(attribute, {}))
        n_top = sum(top[attribute].values()) or 1
        n_pool = sum(pool.get(attribute, {}).values()) or 1
        for code in sorted(set(pool.get(attribute, {})) | set(top[attribute])):
            s = skews.get(code)
            rows.append(
                [
                    _label(attribute, code),
                    top[attribute].get(code, 0),
                    f"{100 * top[attribute].get(code, 0) / n_top:.0f}%",
                    f"{100 * pool.get(attribute, {}).get(code, 0) / n_pool:.0f}%",
                    "—" if s is None else ("-∞" if s == -math.inf else round(s, 2)),
                ]
            )
    flagged = frozenset(i for i, r in enumerate(rows) if _abs(r[4]) > limit and r[4] != "—")
    return Section(
        _("Top %(k)d of the engine's ranking for %(job)s") % {"k": k, "job": job.title},
        Table(
            [
                _("Group"),
                _("In the top k"),
                _("Share of the top k"),
                _("Share of the pool"),
                _("Skew@k"),
            ],
            rows,
        ),
        Chart(
            "bar",
            [r[0] for r in rows],
            [
                (_("Share of the top k"), [float(r[2].rstrip("%")) for r in rows]),
                (_("Share of the pool"), [float(r[3].rstrip("%")) for r in rows]),
            ],
            unit="%",
        ),
        flagged_rows=flagged,
    )

"""The supply run: the engine over the whole candidate index against every open job (who is
qualified, each job's eligible pool, the training that would qualify the most), stored for
the pages to aggregate in SQL. Run by a Celery task (reports.tasks), never in a request."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable

import numpy as np
from django.db import transaction
from django.db.models import Case, CharField, Count, F, Q, Value, When
from django.utils import timezone

from engine.geo import geo
from engine.reports import (
    SupplyJob,
    index_tracks,
    supply_qualify,
    tracks,
    training_unlocks,
)
from kakehashi.audit.services import audit_record
from kakehashi.candidates.models import CandidateProfile, CandidateSkill
from kakehashi.jobs.selectors import jobs_public
from kakehashi.matching.adapters import job_requirements
from kakehashi.matching.store import index_get
from kakehashi.reports.labels import YEAR_BANDS, year_band
from kakehashi.reports.models import (
    CandidateSupply,
    JobSupply,
    SupplyCell,
    SupplyRun,
    TrainingOption,
)
from kakehashi.reports.profiles import profile_complete_q

GENDERS = ("F", "M", "X")
TRAINING_PER_GROUPING = 50
RUNS_KEPT = 2  # the latest finished run and the one before it
BATCH = 5000


def _codes(values: list[str], order: list[str]) -> np.ndarray:
    position = {v: i for i, v in enumerate(order)}
    return np.array([position.get(v, -1) for v in values], dtype=np.int64)


def supply_compute(*, actor=None, progress: Callable[[str], None] | None = None) -> SupplyRun:
    """Compute and store a new supply run; older runs beyond ``RUNS_KEPT`` are deleted.
    ``actor``: the officer who asked (None for the nightly run). Returns the finished run."""
    started = time.perf_counter()
    run = SupplyRun.objects.create(requested_by=actor)
    try:
        _compute(run, progress or (lambda _step: None))
    except Exception as error:
        SupplyRun.objects.filter(pk=run.pk).update(
            status=SupplyRun.Status.FAILED, error=str(error)[:300], finished_at=timezone.now()
        )
        raise
    run.status = SupplyRun.Status.DONE
    run.finished_at = timezone.now()
    run.seconds = time.perf_counter() - started
    with transaction.atomic():
        run.save(update_fields=["status", "finished_at", "seconds", "candidates", "jobs"])
        audit_record(
            actor=actor,
            action="reports.supply_computed",
            obj=run,
            details={"candidates": run.candidates, "jobs": run.jobs},
        )
    for old in SupplyRun.objects.filter(status=SupplyRun.Status.DONE)[RUNS_KEPT:]:
        old.delete()
    return run


def _band_case() -> Case:
    return Case(
        *[
            When(experience_years__gte=low, experience_years__lt=high, then=Value(year_band(low)))
            for low, high in YEAR_BANDS
        ],
        default=Value(year_band(YEAR_BANDS[-1][0])),
        output_field=CharField(),
    )


def _cells(run: SupplyRun) -> None:
    """Count the run's consenting candidates by each dimension, per track and province, in
    SQL (a few grouped queries), and store the counts for the pages to sum."""
    seen = CandidateSupply.objects.filter(run=run, consenting=True)
    qualified = Count("id", filter=Q(qualified_jobs__gt=0))
    cells = []
    dimensions = {
        "province": F("profile__province"),
        "city": F("profile__city"),
        "gender": F("profile__gender"),
        "jlpt": F("profile__jlpt_level"),
        "years": _band_case(),
        "track": F("track"),
    }
    for dimension, expression in dimensions.items():
        for r in (
            seen.annotate(cell=expression, cell_province=F("profile__province"))
            .values("cell", "track", "cell_province")
            .annotate(n=Count("id"), q=qualified)
        ):
            cells.append(
                SupplyCell(
                    run=run,
                    dimension=dimension,
                    value=r["cell"] or "",
                    track=r["track"],
                    province=r["cell_province"],
                    consenting=r["n"],
                    qualified=r["q"],
                )
            )
    held = CandidateSkill.objects.filter(
        profile__supply_seen__run=run, profile__supply_seen__consenting=True
    )
    for dimension, field in (("skill", "skill_id"), ("family", "skill__category_id")):
        for r in held.values(field, "profile__supply_seen__track", "profile__province").annotate(
            # One row per candidate and skill: a family counts a candidate once per family.
            n=Count("profile", distinct=True),
            q=Count(
                "profile",
                distinct=True,
                filter=Q(profile__supply_seen__qualified_jobs__gt=0),
            ),
        ):
            cells.append(
                SupplyCell(
                    run=run,
                    dimension=dimension,
                    value=r[field],
                    track=r["profile__supply_seen__track"],
                    province=r["profile__province"],
                    consenting=r["n"],
                    qualified=r["q"],
                )
            )
    SupplyCell.objects.bulk_create(cells, batch_size=BATCH)


def _compute(run: SupplyRun, progress: Callable[[str], None]) -> None:
    index = index_get()
    n = index.n_
    ids = index.cols_["ids"][:n].tolist()
    people = {
        pk: (city, province, gender)
        for pk, city, province, gender in CandidateProfile.objects.values_list(
            "pk", "city", "province", "gender"
        ).iterator(chunk_size=BATCH)
    }
    known = np.array([pk in people for pk in ids], dtype=bool)
    blank = ("", "", "")
    cities = [people.get(pk, blank)[0] for pk in ids]
    provinces = [people.get(pk, blank)[1] for pk in ids]
    genders = [people.get(pk, blank)[2] for pk in ids]
    province_order = [p.code for p in geo().provinces]
    city_order = [c.code for c in geo().cities]
    t = tracks()
    track_codes = index_tracks(index).astype(np.int64)
    city_codes = _codes(cities, city_order)
    progress("index read")

    open_jobs = list(jobs_public().order_by("pk"))
    requirements = job_requirements(open_jobs)
    # Hard filters do not read the text: compile without it (no embedding to compute).
    jobs = [
        SupplyJob(index.plan(dataclasses.replace(r, text="")), openings=j.openings)
        for j, r in zip(open_jobs, requirements, strict=True)
    ]
    groups = {
        "province": _codes(provinces, province_order),
        "gender": _codes(genders, list(GENDERS)),
    }
    q = supply_qualify(index, jobs, groups=groups)
    progress("qualified")

    consenting = index.cols_["consent"][:n] & index.cols_["active"][:n] & known
    experience = index.cols_["experience"][:n]
    rows = [
        CandidateSupply(
            run=run,
            profile_id=ids[i],
            consenting=bool(consenting[i]),
            track=t.ids[track_codes[i]] if track_codes[i] >= 0 else "",
            experience_years=round(float(experience[i]), 1),
            qualified_jobs=int(q.qualified_jobs[i]),
            qualified_openings=int(q.qualified_openings[i]),
        )
        for i in np.flatnonzero(index.cols_["active"][:n] & known).tolist()
    ]
    CandidateSupply.objects.bulk_create(rows, batch_size=BATCH)
    CandidateSupply.objects.filter(
        run=run, profile_id__in=CandidateProfile.objects.filter(profile_complete_q()).values("pk")
    ).update(profile_complete=True)
    job_rows = []
    for job, req in zip(open_jobs, requirements, strict=True):
        counts = q.job_pool_groups.get(job.pk, {})
        job_rows.append(
            JobSupply(
                run=run,
                job=job,
                track=t.of_skills([(m.skill_id, m.min_years) for m in req.must_skills]),
                pool=q.job_pool.get(job.pk, 0),
                pool_groups={
                    name: {order[c]: int(v) for c, v in enumerate(counts[name].tolist()) if v}
                    for name, order in (("province", province_order), ("gender", list(GENDERS)))
                    if name in counts
                },
            )
        )
    JobSupply.objects.bulk_create(job_rows, batch_size=BATCH)
    _cells(run)
    progress("stored")

    n_tracks = len(t.ids)
    city_track = np.where(
        (city_codes >= 0) & (track_codes >= 0), city_codes * n_tracks + track_codes, -1
    )
    options = training_unlocks(
        index,
        jobs,
        groupings={"city_track": city_track, "city": city_codes, "track": track_codes},
        # Rows whose profile is gone are nobody to train: counted as not waiting.
        qualified=q.qualified | ~known,
        limit=TRAINING_PER_GROUPING,
    )
    rank: dict[str, int] = {}
    training = []
    for o in options:
        rank[o.grouping] = rank.get(o.grouping, 0) + 1
        if o.grouping == "city_track":
            city, track = city_order[o.group // n_tracks], t.ids[o.group % n_tracks]
        elif o.grouping == "city":
            city, track = city_order[o.group], ""
        else:
            city, track = "", t.ids[o.group]
        training.append(
            TrainingOption(
                run=run,
                grouping=o.grouping,
                rank=rank[o.grouping],
                city=city,
                track=track,
                kind=o.kind,
                value=o.value,
                cohort=o.cohort,
                qualified=o.qualified,
                jobs=o.jobs,
                openings=o.openings,
                candidate_ids=list(o.candidate_ids),
            )
        )
    TrainingOption.objects.bulk_create(training, batch_size=500)
    run.candidates = len(rows)
    run.jobs = len(job_rows)
    progress("training ranked")

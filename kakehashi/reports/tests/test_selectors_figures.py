"""Each report's numbers against an independent count made here, in plain Python over the
ORM rows (and, for "qualified", the engine's one-by-one score_one rather than the batched
supply run)."""

from __future__ import annotations

import datetime as dt
import random
import statistics
from collections import Counter

from django.utils import timezone

from engine.matching.learn import score_one
from kakehashi.candidates.models import CandidateProfile
from kakehashi.candidates.selectors import (
    SHARE_PURPOSE,
    candidate_profile_completeness,
    consent_active_record,
)
from kakehashi.jobs.models import Job
from kakehashi.matching.adapters import candidate_features, job_requirements
from kakehashi.matching.store import index_get
from kakehashi.missions.models import Interview, InterviewRequest, Mission, MissionLeg, Panel
from kakehashi.pipeline.models import Application, HireStep, StageChange
from kakehashi.portal.demo import _write_hire_progress
from kakehashi.reports.fairness import fairness
from kakehashi.reports.mission_results import mission_results
from kakehashi.reports.pipeline_reports import funnel, government_steps
from kakehashi.reports.selectors import demand_supply


def _rows(report, title_start: str) -> dict:
    section = next(s for s in report.sections if s.title.startswith(title_start))
    return {row[0]: row[1:] for row in section.table.rows}


def _open_jobs() -> list[Job]:
    return [
        j
        for j in Job.objects.select_related("employer")
        if j.status == Job.Status.OPEN and j.employer.is_verified
    ]


def _visible(profile: CandidateProfile) -> bool:
    return (
        profile.visibility == CandidateProfile.Visibility.BLIND
        and consent_active_record(profile=profile, purpose=SHARE_PURPOSE) is not None
    )


def test_demand_and_supply_agree_with_score_one_candidate_by_candidate(world):
    index = index_get()
    jobs = _open_jobs()
    plans = [index.plan(r) for r in job_requirements(jobs)]
    profiles = {p.pk: p for p in CandidateProfile.objects.all()}
    consenting = {pk for pk, p in profiles.items() if _visible(p)}
    qualified = set()
    for f in candidate_features(list(consenting)):
        if any(score_one(index, f, plan).eligible for plan in plans):
            qualified.add(f.candidate_id)
    report = demand_supply()
    summary = _rows(report, "Summary")
    assert summary["Open jobs"] == [len(jobs)]
    assert summary["Open openings"] == [sum(j.openings for j in jobs)]
    assert summary["Consenting candidates"] == [len(consenting)]
    assert summary["Qualified for at least one open job"] == [len(qualified)]
    assert 0 < len(qualified) < len(consenting)  # the demo's hard filters leave a real gap

    by_province = _rows(report, "Supply by province")
    expected = Counter(profiles[pk].province for pk in consenting)
    expected_q = Counter(profiles[pk].province for pk in qualified)
    for name, (code, n_consenting, n_qualified, _share) in by_province.items():
        assert (n_consenting, n_qualified) == (expected[code], expected_q[code]), name

    by_gender = _rows(report, "Supply by gender")
    assert sum(v[0] for v in by_gender.values()) == len(consenting)
    # Narrowed to one province, only its candidates count.
    lahore_side = _rows(demand_supply(province="PK-PB"), "Summary")
    assert lahore_side["Consenting candidates"] == [expected["PK-PB"]]
    assert lahore_side["Open openings"] == summary["Open openings"]  # demand is not narrowed


def test_the_funnel_counts_people_as_a_count_by_hand_does(world):
    profiles = list(CandidateProfile.objects.all())
    reached: dict[str, set[int]] = {
        s: set() for s in ("applied", "interviewed", "offered", "accepted", "coe", "visa")
    }
    for change in StageChange.objects.select_related("application"):
        for step, stages in (
            ("applied", ("sourced", "applied", "shortlisted")),
            ("interviewed", ("interviewed",)),
            ("offered", ("offered",)),
            ("accepted", ("accepted",)),
        ):
            if change.to_stage in stages:
                reached[step].add(change.application.candidate_id)
    for step in HireStep.objects.select_related("application").filter(done_on__isnull=False):
        if step.step in ("coe", "visa"):
            reached[step.step].add(step.application.candidate_id)
    rows = _rows(funnel(), "Funnel")
    assert rows["Registered"][0] == len(profiles)
    assert rows["Consented to share"][0] == sum(_visible(p) for p in profiles)
    assert rows["Profile complete"][0] == sum(
        candidate_profile_completeness(profile=p).percent == 100 for p in profiles
    )
    assert rows["Applied or shortlisted"][0] == len(reached["applied"])
    assert rows["Interviewed"][0] == len(reached["interviewed"])
    assert rows["Offer accepted"][0] == len(reached["accepted"])
    assert rows["Certificate of Eligibility"][0] == len(reached["coe"])
    assert rows["Visa"][0] == len(reached["visa"])
    assert rows["Accepted" if False else "Offered"][0] == len(reached["offered"])

    # Broken down by city, the groups add up to the whole.
    by_city = funnel(by="city").sections[1].table.rows
    assert sum(r[1] for r in by_city) == len(profiles)
    # A cohort: registered in the last 90 days.
    since = timezone.localdate().replace(day=1)
    recent = [p for p in profiles if timezone.localtime(p.user.date_joined).date() >= since]
    assert _rows(funnel(date_from=since), "Funnel")["Registered"][0] == len(recent)


def _more_hires(n: int = 25) -> None:
    """Accept more offers and walk their checklists as the demo does (dated, in order)."""
    HireStep.objects.all().delete()
    apps = list(Application.objects.exclude(stage="accepted").order_by("pk")[:n])
    Application.objects.filter(pk__in=[a.pk for a in apps]).update(stage="accepted")
    StageChange.objects.bulk_create(
        [StageChange(application=a, from_stage=a.stage, to_stage="accepted") for a in apps]
    )
    _write_hire_progress(random.Random(3))


def test_median_and_p90_days_of_hec_match_a_count_by_hand(world):
    _more_hires()
    accepted = {
        c.application_id: timezone.localtime(c.at).date()
        for c in StageChange.objects.filter(to_stage="accepted")
    }
    days = [
        (s.done_on - accepted[s.application_id]).days
        for s in HireStep.objects.filter(step="hec_attestation", done_on__isnull=False)
    ]
    assert days, "the demo hires have attested degrees"
    rows = _rows(government_steps(), "Days per step")
    finished, median, p90, _waiting = rows["Degree attested by HEC"][1:]
    assert finished == len(days)
    assert median == round(statistics.median(days), 1)
    assert p90 == round(statistics.quantiles(days, n=10, method="inclusive")[-1], 1)
    report = government_steps()
    assert any("Bottleneck this month" in n for n in report.notes)


def _mission_with_interviews(n: int = 6) -> Mission:
    mission = Mission.objects.create(name="Lahore and Karachi, January", status="published")
    legs = [
        MissionLeg.objects.create(
            mission=mission,
            city=city,
            start_date=dt.date(2027, 1, 5 + i),
            end_date=dt.date(2027, 1, 5 + i),
            venue_name="Hall",
        )
        for i, city in enumerate(("lahore", "karachi"))
    ]
    apps = list(Application.objects.select_related("job").order_by("pk")[:n])
    for i, app in enumerate(apps):
        panel, _new = Panel.objects.get_or_create(
            mission=mission, employer=app.job.employer, defaults={"name": "P"}
        )
        request = InterviewRequest.objects.create(mission=mission, application=app)
        start = dt.datetime(2027, 1, 5, 9 + i, tzinfo=dt.UTC)
        Interview.objects.create(
            request=request,
            panel=panel,
            leg=legs[i % 2],
            start=start,
            end=start + dt.timedelta(minutes=30),
            checkin_code=f"M{mission.pk}C{i:03d}",
        )
    return mission


def test_mission_results_count_interviews_by_status(world):
    _mission_with_interviews()
    interviews = list(Interview.objects.all())
    Interview.objects.filter(pk=interviews[0].pk).update(status=Interview.Status.NO_SHOW)
    Interview.objects.filter(pk=interviews[1].pk).update(status=Interview.Status.CHECKED_IN)
    rows = _rows(mission_results(), "By mission")
    statuses = Counter(i.status for i in Interview.objects.all())
    (figures,) = rows.values()
    assert figures[:4] == [
        len(interviews),
        statuses["checked_in"],
        statuses["no_show"],
        statuses["scheduled"],
    ]
    by_company = _rows(mission_results(), "By company")
    assert sum(v[0] for v in by_company.values()) == len(interviews)
    by_city = _rows(mission_results(), "By city")
    assert by_city["Lahore"][0] == sum(i.leg.city == "lahore" for i in interviews)


def test_fairness_reads_shortlists_against_the_stored_pools(world, analyst):
    report = fairness(user=analyst)
    section = report.sections[0]
    shortlisted: dict[int, set[int]] = {}
    for c in StageChange.objects.filter(to_stage="shortlisted").select_related("application"):
        shortlisted.setdefault(c.application.job_id, set()).add(c.application.candidate_id)
    for row in section.table.rows:
        job_id = int(row[0].rsplit("#", 1)[1].rstrip(")"))
        assert row[2] == len(shortlisted[job_id])
        assert row[2] >= 5
    assert "Flagged beyond ±0.40" in report.notes[0]

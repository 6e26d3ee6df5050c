"""Issue 13 in the product: verified over declared, actual values side by side, Japanese-only
ads after readable ones for a candidate who does not read Japanese."""

import datetime as dt

from django.urls import reverse

from kakehashi.candidates.models import CandidateSkill, Certification, Education
from kakehashi.candidates.selectors import SHARE_PURPOSE
from kakehashi.candidates.services import consent_give
from kakehashi.jobs.models import Job, JobSkill
from kakehashi.matching.adapters import candidate_features
from kakehashi.matching.selectors import candidate_recommendations
from kakehashi.matching.store import index_rebuild


def _skills(profile, **years):
    for skill_id, y in years.items():
        CandidateSkill.objects.create(profile=profile, skill_id=skill_id, years=y)


def test_a_verified_certificate_outranks_the_declared_level(ayesha):
    ayesha.jlpt_level = "N2"  # declared, higher than the certificate on file
    ayesha.save()
    cert = Certification.objects.create(profile=ayesha, kind="jlpt", name="JLPT", level="N3")
    [f] = candidate_features([ayesha.pk])
    assert (f.jlpt, f.jlpt_verified) == ("N2", False)  # nothing verified yet: declared
    cert.verification = Certification.Verification.VERIFIED
    cert.save()
    [f] = candidate_features([ayesha.pk])
    assert (f.jlpt, f.jlpt_verified) == ("N3", True)


def test_side_by_side_shows_years_degree_jlpt_and_salary(client, ayesha, bilal, tanaka, sakura_job):
    _skills(ayesha, python=4)
    _skills(bilal, django=1)  # a framework of Python: counts, with its own years
    Education.objects.create(
        profile=ayesha, level="master", field="Computer Science", institution="LUMS", year=2020
    )
    Certification.objects.create(
        profile=ayesha,
        kind="jlpt",
        name="JLPT",
        level="N3",
        verification=Certification.Verification.VERIFIED,
    )
    bilal.jlpt_level = "N4"
    bilal.salary_expectation_jpy = 9_000_000
    bilal.save()
    for p in (ayesha, bilal):
        consent_give(profile=p, purpose=SHARE_PURPOSE)
    index_rebuild()
    client.force_login(tanaka)
    url = reverse("job_shortlist", args=[sakura_job.pk])
    html = client.get(url, {"compare": [ayesha.pk, bilal.pk]}).content.decode()
    table = html[html.index("Side by side") :]
    assert "Python ≥ 3" in table and "4 y" in table and "1 y (Django)" in table
    assert "JLPT N3 (verified certificate)" in table and "JLPT N4 (self-declared)" in table
    assert "¥9,000,000" in table and "¥5,000,000–¥8,000,000" in table and "not stated" in table
    assert "Master" in table


def test_japanese_only_ads_come_after_readable_ones_unless_the_candidate_reads_japanese(
    ayesha, sakura, sakura_job
):
    english = Job.objects.create(
        employer=sakura,
        title="Backend Engineer (Python)",
        description="Build APIs in Python.",
        description_language="en",
        status=Job.Status.OPEN,
        salary_min_jpy=4_000_000,
        salary_max_jpy=6_000_000,
        prefecture="JP-13",
        start_date=dt.date(2027, 4, 1),
    )
    JobSkill.objects.create(job=english, skill_id="django", required=True, min_years=5)
    _skills(ayesha, python=4)
    index_rebuild()
    recs = candidate_recommendations(profile=ayesha)
    order = [job.pk for _m, job in recs.matches]
    assert order.index(english.pk) < order.index(sakura_job.pk)
    assert recs.japanese_ads_deferred
    ayesha.jlpt_level = "N2"
    ayesha.save()
    recs = candidate_recommendations(profile=ayesha)
    assert not recs.japanese_ads_deferred  # reads Japanese: ranked by fit alone

"""The demo data generator: deterministic, valid identifiers, taxonomy skills, realistic mixes."""

import itertools
import math
import re
import time
from collections import Counter
from datetime import date

import pytest

from engine.codes import cnic_clean, corporate_number_clean
from engine.demo import (
    DEMO_PERSONAS,
    DEMO_TODAY,
    GENERATED_KEY_START,
    TRACKS,
    demo_candidates,
    demo_cities,
    demo_data,
    demo_employers,
    demo_jobs,
)
from engine.geo import geo
from engine.levels import DEGREE_LEVELS, ENGLISH_LEVELS, JLPT_LEVELS
from engine.taxonomy import taxonomy

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def candidates():
    return [DEMO_PERSONAS.candidate, *demo_candidates(3000, seed=11)]


@pytest.fixture(scope="module")
def employers():
    return [*DEMO_PERSONAS.employers, *demo_employers(300, seed=11)]


@pytest.fixture(scope="module")
def jobs(employers):
    return [*DEMO_PERSONAS.jobs, *demo_jobs(employers, 1000, seed=11)]


def _career_years(candidate):
    days = sum(((e.end or DEMO_TODAY) - e.start).days for e in candidate.employment)
    return days / 365.25


# --- determinism ---------------------------------------------------------------------------


def test_the_same_seed_gives_the_same_data():
    assert list(demo_candidates(200, seed=5)) == list(demo_candidates(200, seed=5))
    employers = demo_employers(40, seed=5)
    assert employers == demo_employers(40, seed=5)
    assert demo_jobs(employers, 100, seed=5) == demo_jobs(employers, 100, seed=5)


def test_a_different_seed_gives_different_data():
    assert list(demo_candidates(50, seed=5)) != list(demo_candidates(50, seed=6))
    assert demo_employers(40, seed=5) != demo_employers(40, seed=6)
    employers = demo_employers(40, seed=5)
    assert demo_jobs(employers, 100, seed=5) != demo_jobs(employers, 100, seed=6)


def test_a_candidate_depends_only_on_seed_and_key_so_ranges_can_be_generated_apart():
    whole = list(demo_candidates(60, seed=5))
    assert list(demo_candidates(20, seed=5, start=40)) == whole[40:]
    assert [c.key for c in whole] == list(range(GENERATED_KEY_START, GENERATED_KEY_START + 60))


def test_today_defaults_to_a_fixed_date_not_the_clock():
    assert list(demo_candidates(20)) == list(demo_candidates(20, today=DEMO_TODAY))
    later = list(demo_candidates(20, today=date(2030, 1, 1)))
    assert later != list(demo_candidates(20))
    assert all(c.available_from >= date(2030, 1, 1) for c in later)


# --- identifiers ---------------------------------------------------------------------------


def test_every_cnic_is_valid_and_carries_the_city_province_and_the_gender(candidates):
    g = geo()
    for c in candidates:
        assert re.fullmatch(r"\d{5}-\d{7}-\d", c.cnic), c.cnic
        parsed = cnic_clean(c.cnic)
        assert parsed.province_digit == g.province(g.city(c.city).province).cnic_digit
        assert parsed.gender == c.gender
        assert c.province == g.city(c.city).province


def test_emails_cnics_and_phones_are_unique_and_well_formed(candidates):
    for field in ("email", "cnic", "phone"):
        values = [getattr(c, field) for c in candidates]
        assert len(set(values)) == len(values), field
    for c in candidates:
        assert re.fullmatch(r"\+923\d{9}", c.phone), c.phone
        assert re.fullmatch(r"[a-z0-9.]+@[a-z0-9.]+", c.email), c.email
        assert c.email.endswith(".example") or c.email.split("@")[1].startswith("example.")


def test_every_corporate_number_is_valid_and_unique(employers):
    numbers = [e.corporate_number for e in employers]
    assert len(set(numbers)) == len(numbers)
    for number in numbers:
        assert corporate_number_clean(number) == number


def test_employer_names_and_domains_are_unique_and_fictional(employers):
    for field in ("name_en", "name_ja", "email_domain", "corporate_number"):
        values = [getattr(e, field) for e in employers]
        assert len(set(values)) == len(values), field
    for e in employers:
        assert e.email_domain.endswith(".example")
        assert e.recruiter_email.endswith("@" + e.email_domain)
        assert e.website == f"https://www.{e.email_domain}"
        assert JAPANESE.search(e.name_ja)
        assert e.is_sme == (e.size in ("1-49", "50-299"))
        assert 1 <= e.category <= 4


# --- taxonomy and levels --------------------------------------------------------------------


def test_every_skill_id_exists_in_the_taxonomy(candidates, jobs):
    tax = taxonomy()
    for c in candidates:
        assert c.skills
        for s in c.skills:
            assert s.skill_id in tax, s.skill_id
        assert len({s.skill_id for s in c.skills}) == len(c.skills)
    for j in jobs:
        assert j.must_skills
        for sid, _ in j.must_skills:
            assert sid in tax, sid
        for sid in j.nice_skills:
            assert sid in tax, sid
        assert not set(j.nice_skills) & {sid for sid, _ in j.must_skills}
    for track in demo_data()["tracks"].values():
        for profile in track.get("profiles", []) if isinstance(track, dict) else []:
            assert all(s in tax for s in profile["core"])
            assert all(s in tax for s, _ in profile["pool"])
    for role in demo_data()["jobs"]["roles"]:
        assert all(s in tax for s, _ in role["must"]), role["id"]
        assert all(s in tax for s in role["nice"]), role["id"]
    for cert in demo_data()["certifications"]["cloud"]:
        assert cert["provider"] in tax


def test_skill_years_never_exceed_the_career_plus_study(candidates):
    for c in candidates:
        study = 4 if any(e.level in ("bachelor", "master", "doctorate") for e in c.education) else 2
        limit = _career_years(c) + study
        for s in c.skills:
            assert 0.5 <= s.years <= limit, (c.key, s, limit)


def test_a_framework_comes_with_its_language(candidates):
    for c in candidates:
        years = {s.skill_id: s.years for s in c.skills}
        if "django" in years:
            assert years["python"] >= years["django"]
        if "nextjs" in years:
            assert "react" in years and "javascript" in years


def test_levels_and_enumerations_use_the_engine_vocabularies(candidates, jobs):
    for c in candidates:
        assert c.track in TRACKS
        assert c.gender in ("M", "F")
        assert c.english_level in ENGLISH_LEVELS
        assert c.jlpt is None or c.jlpt in JLPT_LEVELS
        assert c.education and all(e.level in DEGREE_LEVELS for e in c.education)
        for cert in c.certifications:
            assert cert.kind in ("jlpt", "jft_basic", "itee", "cloud", "other")
            assert cert.obtained_on <= DEMO_TODAY
        jlpt_certs = [x for x in c.certifications if x.kind == "jlpt"]
        assert [x.level for x in jlpt_certs] == ([c.jlpt] if c.jlpt else [])
    for j in jobs:
        assert j.language in ("ja", "en")
        assert j.work_style in ("onsite", "hybrid", "remote")
        assert j.visa_route in ("engineer_specialist", "hsp", "ssw", "ict")
        assert j.status in ("open", "draft", "paused", "closed")
        assert j.jlpt_min is None or j.jlpt_min in JLPT_LEVELS
        assert j.english_level is None or j.english_level in ENGLISH_LEVELS
        assert j.degree_level is None or j.degree_level in DEGREE_LEVELS
        assert (j.degree_level is None) == (j.degree_field == "")
        assert j.openings >= 1


def test_dates_are_consistent(candidates):
    for c in candidates:
        assert c.available_from >= DEMO_TODAY
        age = (DEMO_TODAY - c.date_of_birth).days / 365.25
        assert 19 <= age <= 47
        for e in c.employment:
            assert e.start <= (e.end or DEMO_TODAY) <= DEMO_TODAY
        starts = [e.start for e in c.employment]
        assert starts == sorted(starts, reverse=True)  # most recent first
        assert sum(e.end is None for e in c.employment) <= 1
        first_degree = min(e.year for e in c.education)
        assert all(e.start.year >= first_degree for e in c.employment)
        assert abs(c.experience_years - _career_years(c)) < 0.11


# --- realism --------------------------------------------------------------------------------


def test_cities_follow_their_demo_weights():
    sample = list(demo_candidates(5000, seed=23))
    counts = Counter(c.city for c in sample)
    cities = demo_cities()
    total = sum(c.demo_weight for c in cities)
    assert set(counts) <= {c.code for c in cities}
    for city in cities:
        expected = city.demo_weight / total
        tolerance = 4 * math.sqrt(expected * (1 - expected) / len(sample)) + 0.003
        assert abs(counts[city.code] / len(sample) - expected) < tolerance, city.code


def test_cities_whose_cnic_digit_is_rejected_are_left_out():
    g = geo()
    for city in demo_cities():
        cnic_clean(g.province(city.province).cnic_digit + "000000000001")  # does not raise


def test_jlpt_is_mostly_none_n5_or_n4_with_a_few_higher(candidates):
    counts = Counter(c.jlpt for c in candidates)
    n = len(candidates)
    assert counts[None] / n > 0.5
    assert (counts["N3"] + counts["N2"] + counts["N1"]) / n < 0.15
    assert counts["N3"] and counts["N2"]


def test_women_study_at_womens_universities_and_men_do_not(candidates):
    women_only = {i["name"] for i in demo_data()["institutions"] if i.get("female_only")}
    for c in candidates:
        if c.gender == "M":
            assert not {e.institution for e in c.education} & women_only


def test_about_half_the_jobs_are_written_in_japanese(jobs):
    share = sum(j.language == "ja" for j in jobs) / len(jobs)
    assert 0.4 < share < 0.6
    for j in jobs:
        if j.language == "ja":
            assert JAPANESE.search(j.title) and "【必須】" in j.description
        else:
            assert "Must have" in j.description and not JAPANESE.search(j.title)


def test_salaries_are_ranges_in_yen_within_the_market(jobs, candidates):
    for j in jobs:
        assert 3_500_000 <= j.salary_min_jpy <= j.salary_max_jpy <= 12_000_000
        assert j.salary_min_jpy % 100_000 == 0
    for c in candidates:
        assert 3_000_000 <= c.salary_expectation_jpy <= 12_000_000


def test_jobs_belong_to_the_given_employers_and_unverified_ones_only_draft(employers, jobs):
    by_key = {e.key: e for e in employers}
    for j in jobs:
        employer = by_key[j.employer_key]
        if not employer.verified:
            assert j.status == "draft"
    assert Counter(j.status for j in jobs).most_common(1)[0][0] == "open"


def test_visa_routes_fit_the_job(employers, jobs):
    by_key = {e.key: e for e in employers}
    for j in jobs:
        if j.visa_route == "ict":
            assert by_key[j.employer_key].size in ("300-999", "1000+")
        if j.visa_route == "ssw":
            assert j.track == "embedded"


# --- personas -------------------------------------------------------------------------------


def test_personas_are_fixed_and_do_not_clash_with_generated_rows():
    p = DEMO_PERSONAS
    ayesha = p.candidate
    assert (ayesha.full_name, ayesha.city, ayesha.track, ayesha.jlpt) == (
        "Ayesha Khan",
        "lahore",
        "ai",
        "N3",
    )
    assert ayesha.consent and ayesha.education[0].institution.startswith("FAST-NUCES")
    assert p.employer.verified and p.employer.prefecture == "JP-13"
    assert not p.unverified_employer.verified
    keys = [ayesha.key, *(e.key for e in p.employers), *(j.key for j in p.jobs)]
    assert max(keys) < GENERATED_KEY_START
    assert {j.employer_key for j in p.jobs} <= {e.key for e in p.employers}
    assert any(j.status == "open" and j.employer_key == p.employer.key for j in p.jobs)
    generated = {e.name_en for e in demo_employers(700)}
    assert not generated & {e.name_en for e in p.employers}


# --- size -----------------------------------------------------------------------------------


def test_generation_is_lazy_and_fast_enough_for_large_seeds():
    started = time.perf_counter()
    first = list(itertools.islice(demo_candidates(10**9), 3))
    assert len(first) == 3 and time.perf_counter() - started < 2
    started = time.perf_counter()
    assert sum(1 for _ in demo_candidates(10_000)) == 10_000
    # ~0.6 s here; 200,000 take ~11 s. The bound is loose so a slow CI machine does not flake.
    assert time.perf_counter() - started < 15
    assert len(demo_employers(200)) == 200
    assert len(demo_jobs(demo_employers(200), 10_000)) == 10_000


def test_negative_sizes_and_jobs_without_employers_are_refused():
    with pytest.raises(ValueError):
        list(demo_candidates(-1))
    with pytest.raises(ValueError):
        demo_employers(-1)
    with pytest.raises(ValueError, match="at least one employer"):
        demo_jobs([], 3)
    assert demo_jobs([], 0) == []

"""Smallest single changes: what they suggest, how they are ordered, what they never do."""

from dataclasses import replace

import pytest

from engine.visa import (
    LANGUAGES,
    VisaApplicant,
    VisaOffer,
    eligible_routes,
    hsp_points,
    render,
    smallest_changes,
)

# 60 points: master 20 + 5 years 10 + ¥5M under 35 15 + age 29 15; JLPT N3 gives nothing.
BILAL = VisaApplicant(highest_degree="master", experience_years=5, age_years=29, jlpt="N3")
JOB = VisaOffer(
    annual_salary_yen=5_000_000, duties="it_engineering", degree_related_to_duties=True,
    pay_at_least_japanese_equivalent=True,
)  # fmt: skip


def by_kind(suggestions):
    return {s.change: s for s in suggestions}


def test_jlpt_n2_adds_10_points_and_reaches_70_and_comes_first():
    assert hsp_points(BILAL, JOB).total == 60
    suggestions = smallest_changes(BILAL, JOB)
    first = suggestions[0]
    assert (first.change, first.points_before, first.points_after) == ("jlpt", 60, 70)
    assert first.routes_opened == ("hsp_ib",)
    assert render(first.message, "en") == (
        "Passing JLPT N2 adds 10 points and reaches 70: enough for Highly Skilled"
        " Professional (70)."
    )
    assert render(first.message, "ja") == (
        "日本語能力試験N2に合格すると10点加算され、70点に達します。"
        "高度専門職の基準（70点）を満たします。"
    )
    assert render(first.message, "ur").startswith("JLPT N2 پاس کرنے سے 10 پوائنٹس بڑھیں گے")


def test_the_next_salary_band_is_the_smallest_raise_that_helps():
    salary = by_kind(smallest_changes(BILAL, JOB))["salary"]
    assert salary.points_after - salary.points_before == 5  # ¥6M band: 20 instead of 15
    assert render(salary.message, "en").startswith("A salary of ¥6,000,000 (¥1,000,000 more)")
    assert render(salary.message, "ja").startswith("年収を600万円（100万円増）にすると")


def test_suggestions_are_ordered_by_effect():
    suggestions = smallest_changes(BILAL, JOB)
    keys = [
        (
            -len(s.routes_opened),
            -(s.message.id.startswith("suggest.points_reach")),
            -s.points_delta,
        )
        for s in suggestions
    ]
    assert keys == sorted(keys)


def test_every_suggestion_helps_and_reads_in_every_language():
    for s in smallest_changes(BILAL, JOB):
        assert s.points_delta > 0 or s.routes_opened
        for lang in LANGUAGES:
            assert render(s.message, lang)


def test_an_ipa_pass_opens_the_engineer_route_for_a_pakistani_without_the_basis():
    # Unrelated degree, 4 years: only an exam on the IT告示 list would open 技人国, and for
    # a Pakistani that means a Japanese IPA exam.
    applicant = VisaApplicant(highest_degree="bachelor", experience_years=4, age_years=27)
    offer = replace(JOB, degree_related_to_duties=False)
    assert "engineer_humanities_intl" not in eligible_routes(applicant, offer)
    first = smallest_changes(applicant, offer)[0]
    assert first.change == "it_exam"
    assert first.routes_opened == ("engineer_humanities_intl",)
    assert render(first.message, "en") == (
        "Passing one more IPA exam (e.g. the Fundamental Information Technology Engineer"
        " Examination) opens Engineer / Specialist in Humanities / International Services"
        " and adds 5 points (45 → 50)."
    )


def test_equal_pay_is_suggested_when_it_is_what_blocks():
    offer = replace(JOB, pay_at_least_japanese_equivalent=False)
    equal_pay = by_kind(smallest_changes(BILAL, offer))["equal_pay"]
    assert equal_pay.routes_opened == ("engineer_humanities_intl",)
    assert equal_pay.points_delta == 0


def test_jft_basic_or_jlpt_n4_opens_specified_skilled_worker():
    builder = VisaApplicant(age_years=24, ssw_skill_tests=("construction",))
    site = VisaOffer(
        annual_salary_yen=2_800_000,
        duties="other",
        ssw_field="construction",
        pay_at_least_japanese_equivalent=True,
    )
    kinds = by_kind(smallest_changes(builder, site))
    assert kinds["jft_basic"].routes_opened == ("ssw_i",)
    assert kinds["jlpt"].routes_opened == ("ssw_i",)
    assert (
        render(kinds["jlpt"].message, "en") == "Passing JLPT N4 opens Specified Skilled Worker (i)."
    )


def test_n1_holder_gets_no_jlpt_suggestion():
    assert "jlpt" not in by_kind(smallest_changes(replace(BILAL, jlpt="N1"), JOB))


def test_experience_counts_the_years_of_age_too():
    # 29, 2 years, ¥4M: one more year reaches 3 years (+5) but at 30 the ¥4M band (−10)
    # and the under-30 age points (−5) go, so a year later is worse; no experience
    # suggestion is made.
    applicant = VisaApplicant(highest_degree="bachelor", experience_years=2, age_years=29)
    offer = replace(JOB, annual_salary_yen=4_000_000)
    assert "experience" not in by_kind(smallest_changes(applicant, offer))
    # Older, with a salary that counts at any age, experience does help.
    older = replace(applicant, age_years=45)
    experience = by_kind(smallest_changes(older, replace(offer, annual_salary_yen=8_000_000)))[
        "experience"
    ]
    assert (experience.points_before, experience.points_after) == (40, 45)
    assert render(experience.message, "en") == (
        "Reaching 3 years of relevant experience adds 5 points (40 → 45)."
    )


@pytest.mark.parametrize("salary", [2_500_000, 2_999_999])
def test_below_the_floor_the_floor_is_the_next_salary_step(salary):
    strong = VisaApplicant(highest_degree="doctorate", experience_years=10, age_years=29, jlpt="N1")
    offer = replace(JOB, annual_salary_yen=salary)
    salary_step = by_kind(smallest_changes(strong, offer))["salary"]
    assert salary_step.routes_opened == ("hsp_ib",)
    assert salary_step.message.param("change").param("salary_yen") == 3_000_000

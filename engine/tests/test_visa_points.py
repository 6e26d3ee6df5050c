"""HSP (i)(b) points: one case per row of the table, then the edge cases."""

from dataclasses import replace
from datetime import date

import pytest

from engine.visa import LANGUAGES, VisaApplicant, VisaOffer, hsp_points, render, visa_rules

# Nobody: no degree, no experience, 45 years old (no age points), paid the floor exactly
# (no salary points). Each case adds only what one row needs.
NOBODY = VisaApplicant(age_years=45)
FLOOR = VisaOffer(annual_salary_yen=3_000_000)


def awarded(applicant: VisaApplicant, offer: VisaOffer = FLOOR) -> dict[str, int]:
    return {line.rule_id: line.points for line in hsp_points(applicant, offer).lines}


ROW_CASES = [
    # (case id, applicant changes, offer changes, expected rows → points)
    ("doctorate", {"highest_degree": "doctorate"}, {}, {"degree.doctorate": 30}),
    (
        "mba_mot",
        {"highest_degree": "master", "has_mba_or_mot": True},
        {},
        {"degree.mba_mot": 25},
    ),
    ("master", {"highest_degree": "master"}, {}, {"degree.master": 20}),
    ("bachelor", {"highest_degree": "bachelor"}, {}, {"degree.bachelor": 10}),
    (
        "two_fields",
        {"highest_degree": "bachelor", "degrees_in_multiple_fields": True},
        {},
        {"degree.bachelor": 10, "degree.multiple_fields": 5},
    ),
    ("experience_10", {"experience_years": 10}, {}, {"experience.10": 20}),
    ("experience_7", {"experience_years": 7}, {}, {"experience.7": 15}),
    ("experience_5", {"experience_years": 5}, {}, {"experience.5": 10}),
    ("experience_3", {"experience_years": 3}, {}, {"experience.3": 5}),
    ("salary_10m", {}, {"annual_salary_yen": 10_000_000}, {"salary.10m": 40}),
    ("salary_9m", {}, {"annual_salary_yen": 9_000_000}, {"salary.9m": 35}),
    ("salary_8m", {}, {"annual_salary_yen": 8_000_000}, {"salary.8m": 30}),
    (
        "salary_7m_age_39",
        {"age_years": 39},
        {"annual_salary_yen": 7_000_000},
        {"salary.7m": 25, "age.under_40": 5},
    ),
    (
        "salary_6m_age_39",
        {"age_years": 39},
        {"annual_salary_yen": 6_000_000},
        {"salary.6m": 20, "age.under_40": 5},
    ),
    (
        "salary_5m_age_34",
        {"age_years": 34},
        {"annual_salary_yen": 5_000_000},
        {"salary.5m": 15, "age.under_35": 10},
    ),
    (
        "salary_4m_age_29",
        {"age_years": 29},
        {"annual_salary_yen": 4_000_000},
        {"salary.4m": 10, "age.under_30": 15},
    ),
    ("age_29", {"age_years": 29}, {}, {"age.under_30": 15}),
    ("age_34", {"age_years": 34}, {}, {"age.under_35": 10}),
    ("age_39", {"age_years": 39}, {}, {"age.under_40": 5}),
    ("research", {"research_achievements": 1}, {}, {"research.any": 15}),
    ("one_ipa_exam", {"it_exam_passes": 1}, {}, {"licences.one": 5}),
    (
        "ipa_exam_and_licence",
        {"it_exam_passes": 1, "japanese_licences": 1},
        {},
        {"licences.two_or_more": 10},
    ),
    (
        "innovation_employer",
        {},
        {"employer_innovation_support": True},
        {"employer.innovation_support": 10},
    ),
    (
        "innovation_sme",
        {},
        {"employer_innovation_support": True, "employer_sme": True},
        {"employer.innovation_support": 10, "employer.innovation_sme": 10},
    ),
    (
        "sme_rd",
        {},
        {"employer_sme_rd_over_3pct": True},
        {"employer.sme_rd_over_3pct": 5},
    ),
    (
        "local_government",
        {},
        {"employer_local_government_hsp_support": True},
        {"employer.local_government_hsp_support": 10},
    ),
    (
        "foreign_qualification",
        {"foreign_work_qualifications": 1},
        {},
        {"foreign_qualification.any": 5},
    ),
    ("japanese_degree", {"japanese_university_degree": True}, {}, {"japanese_degree.any": 10}),
    ("jlpt_n1", {"jlpt": "N1"}, {}, {"japanese.n1": 15}),
    ("bjt_480", {"bjt_score": 480}, {}, {"japanese.n1": 15}),
    (
        "japanese_major_abroad",
        {"japanese_major_foreign_university": True},
        {},
        {"japanese.n1": 15},
    ),
    ("jlpt_n2", {"jlpt": "N2"}, {}, {"japanese.n2": 10}),
    ("bjt_400", {"bjt_score": 400}, {}, {"japanese.n2": 10}),
    (
        "growth_field",
        {},
        {"growth_field_project": True},
        {"special.growth_field_project": 10},
    ),
    (
        "designated_university",
        {"designated_university": True},
        {},
        {"special.designated_university": 10},
    ),
    ("jica", {"jica_innovative_asia_training": True}, {}, {"special.jica_training": 5}),
    (
        "investment_management",
        {},
        {"investment_management_business": True},
        {"special.investment_management": 10},
    ),
]


@pytest.mark.parametrize(
    ("applicant_changes", "offer_changes", "expected"),
    [pytest.param(a, o, e, id=case) for case, a, o, e in ROW_CASES],
)
def test_each_row_of_the_points_table(applicant_changes, offer_changes, expected):
    applicant = replace(NOBODY, **applicant_changes)
    offer = replace(FLOOR, **offer_changes)
    result = hsp_points(applicant, offer)
    assert {line.rule_id: line.points for line in result.lines} == expected
    assert result.total == sum(expected.values())
    for line in result.lines:
        for lang in LANGUAGES:
            text = render(line.explanation, lang)
            assert str(line.points) in text
            assert render(line.item, lang)


def test_every_row_of_the_table_has_a_case():
    covered = {rule for *_, expected in ROW_CASES for rule in expected}
    assert covered == {row.id for row in visa_rules().hsp.rows}


def test_nobody_scores_nothing():
    result = hsp_points(NOBODY, FLOOR)
    assert result.total == 0 and result.lines == ()
    assert result.salary_floor_met and not result.passes


@pytest.mark.parametrize(
    ("age", "rule", "points"),
    [
        (29, "age.under_30", 15),
        (30, "age.under_35", 10),
        (34, "age.under_35", 10),
        (35, "age.under_40", 5),
        (39, "age.under_40", 5),
        (40, None, 0),
    ],
)
def test_age_boundaries_30_35_40(age, rule, points):
    assert awarded(replace(NOBODY, age_years=age)) == ({rule: points} if rule else {})


@pytest.mark.parametrize(
    ("salary", "age", "salary_points"),
    [
        (10_000_000, 50, 40),
        (9_999_999, 50, 35),
        (8_000_000, 40, 30),  # ≥ ¥8M counts at any age
        (7_999_999, 40, 0),  # ¥7M band is for under-40s only
        (7_000_000, 39, 25),
        (6_000_000, 40, 0),
        (6_000_000, 39, 20),
        (5_999_999, 39, 0),  # ¥5M band is for under-35s only
        (5_000_000, 35, 0),  # the public-repo bug: not 15 at 35–39
        (5_000_000, 34, 15),
        (4_999_999, 34, 0),
        (4_000_000, 30, 0),  # ¥4M band is for under-30s only
        (4_000_000, 29, 10),
        (3_999_999, 29, 0),
    ],
)
def test_salary_bands_and_their_age_limits(salary, age, salary_points):
    lines = hsp_points(replace(NOBODY, age_years=age), VisaOffer(annual_salary_yen=salary)).lines
    assert sum(line.points for line in lines if line.rule_id.startswith("salary.")) == (
        salary_points
    )


def test_a_band_lost_to_age_is_explained():
    result = hsp_points(replace(NOBODY, age_years=35), VisaOffer(annual_salary_yen=5_000_000))
    [note] = [n for n in result.notes if n.id == "hsp.note.age_closed_band"]
    assert render(note, "en") == (
        "A salary of ¥5,000,000 would give 15 points under age 35; at 35 this band gives none."
    )
    assert "500万円" in render(note, "ja") and "35" in render(note, "ur")


def test_salary_just_below_the_floor_closes_the_route_whatever_the_points():
    strong = VisaApplicant(highest_degree="doctorate", experience_years=10, age_years=29, jlpt="N1")
    result = hsp_points(strong, VisaOffer(annual_salary_yen=2_999_999))
    assert result.total == 30 + 20 + 15 + 15
    assert not result.salary_floor_met and not result.passes and not result.fast_track
    assert any(n.id == "hsp.note.below_floor" for n in result.notes)
    assert hsp_points(strong, VisaOffer(annual_salary_yen=3_000_000)).passes


def test_n1_and_n2_are_not_combined():
    assert awarded(replace(NOBODY, jlpt="N1", bjt_score=420)) == {"japanese.n1": 15}


def test_n2_is_not_given_with_a_japanese_degree():
    applicant = replace(NOBODY, jlpt="N2", japanese_university_degree=True)
    assert awarded(applicant) == {"japanese_degree.any": 10}


def test_n1_is_given_with_a_japanese_degree():
    applicant = replace(NOBODY, jlpt="N1", japanese_university_degree=True)
    assert awarded(applicant) == {"japanese_degree.any": 10, "japanese.n1": 15}


def test_below_n2_gives_no_language_points():
    assert awarded(replace(NOBODY, jlpt="N3", bjt_score=399)) == {}


def test_only_the_highest_degree_counts():
    applicant = replace(NOBODY, highest_degree="doctorate", has_mba_or_mot=True)
    assert awarded(applicant) == {"degree.doctorate": 30}


def test_two_fields_adds_five_to_the_highest_degree_only_once():
    applicant = replace(NOBODY, highest_degree="master", degrees_in_multiple_fields=True)
    assert awarded(applicant) == {"degree.master": 20, "degree.multiple_fields": 5}


def test_two_fields_needs_a_degree():
    applicant = replace(NOBODY, highest_degree="diploma", degrees_in_multiple_fields=True)
    assert awarded(applicant) == {}


def test_sme_bonus_needs_innovation_support():
    assert awarded(NOBODY, replace(FLOOR, employer_sme=True)) == {}


def test_more_licences_than_two_still_give_ten():
    assert awarded(replace(NOBODY, it_exam_passes=3)) == {"licences.two_or_more": 10}


@pytest.mark.parametrize(
    ("applied", "age_points"),
    [(date(2026, 6, 30), 15), (date(2026, 7, 1), 10)],
)
def test_age_is_counted_on_the_day_of_application(applied, age_points):
    applicant = replace(
        NOBODY, age_years=None, date_of_birth=date(1996, 7, 1), application_date=applied
    )
    assert sum(awarded(applicant).values()) == age_points


def test_date_of_birth_without_application_date_is_refused():
    with pytest.raises(ValueError, match="application_date"):
        VisaApplicant(date_of_birth=date(1996, 7, 1))


def test_unknown_age_gives_no_age_or_age_bound_salary_points_and_says_so():
    result = hsp_points(VisaApplicant(), VisaOffer(annual_salary_yen=5_000_000))
    assert result.total == 0
    assert [n.id for n in result.notes] == ["hsp.note.age_unknown"]


def test_a_typical_pakistani_engineer_passes_at_75():
    applicant = VisaApplicant(highest_degree="master", experience_years=5, age_years=29, jlpt="N2")
    result = hsp_points(applicant, VisaOffer(annual_salary_yen=6_000_000))
    assert [(line.rule_id, line.points) for line in result.lines] == [
        ("degree.master", 20),
        ("experience.5", 10),
        ("salary.6m", 20),
        ("age.under_30", 15),
        ("japanese.n2", 10),
    ]
    assert result.total == 75 and result.passes and not result.fast_track
    assert render(result.permanent_residence, "en") == (
        "With 70 points or more, permanent residence can be applied for after 3 years;"
        " with 80 points, after 1 year."
    )


def test_exactly_70_passes_and_exactly_80_is_the_fast_track():
    base = VisaApplicant(highest_degree="master", experience_years=5, age_years=34, jlpt="N2")
    offer = VisaOffer(annual_salary_yen=5_000_000)
    assert hsp_points(base, offer).total == 65
    seventy = hsp_points(replace(base, it_exam_passes=1), offer)
    assert seventy.total == 70 and seventy.passes and not seventy.fast_track
    eighty = hsp_points(replace(base, it_exam_passes=2, foreign_work_qualifications=1), offer)
    assert eighty.total == 80 and eighty.fast_track
    assert eighty.permanent_residence.id == "hsp.pr.fast_track"
    assert render(eighty.permanent_residence, "ja").startswith("80点以上")


def test_lines_carry_sources_and_tags():
    result = hsp_points(
        replace(NOBODY, highest_degree="master", has_mba_or_mot=True),
        replace(FLOOR, employer_local_government_hsp_support=True),
    )
    tags = {line.rule_id: line.tag for line in result.lines}
    assert tags == {"degree.mba_mot": "S", "employer.local_government_hsp_support": "S"}
    for line in result.lines:
        assert line.sources and all(s.url.startswith("https://") for s in line.sources)
    assert result.rules_version == visa_rules().version

from datetime import date

from engine.experience import experience_years

TODAY = date(2026, 11, 1)


def test_overlapping_and_nested_jobs_count_once():
    periods = [
        (date(2018, 1, 1), date(2020, 1, 1)),
        (date(2019, 1, 1), date(2021, 1, 1)),  # overlaps the first by a year
        (date(2019, 6, 1), date(2019, 12, 1)),  # nested in both
    ]
    assert experience_years(periods, today=TODAY) == 3.0


def test_current_job_runs_to_today_and_gaps_do_not_count():
    periods = [(date(2020, 11, 1), date(2021, 11, 1)), (date(2023, 11, 1), None)]
    assert experience_years(periods, today=TODAY) == 4.0


def test_reversed_period_counts_nothing():
    assert experience_years([(date(2022, 1, 1), date(2021, 1, 1))], today=TODAY) == 0.0

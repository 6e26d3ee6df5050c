from datetime import date

import pytest

from engine.hiring import StepState, coe_expiry, hire_rules, hire_warnings, step_ready

TODAY = date(2027, 3, 1)


def test_steps_come_in_order():
    assert not step_ready("visa", {"coe", "passport"})
    assert step_ready("visa", {"coe", "passport", "mofa_attestation"})
    assert step_ready("hec_attestation", set())


def test_coe_is_valid_three_months_from_issue():
    assert coe_expiry(date(2027, 1, 1)) == date(2027, 4, 1)


@pytest.mark.parametrize(
    ("issued", "expected"),
    [
        (date(2027, 1, 15), []),  # expires 15 Apr: 45 days left
        (date(2026, 12, 20), [("coe_expiring", 19)]),  # expires 20 Mar
        (date(2026, 11, 1), [("coe_expired", -30)]),  # expired 30 Jan
    ],
)
def test_coe_expiry_warning(issued, expected):
    warnings = hire_warnings([StepState("coe", done_on=issued)], today=TODAY)
    assert [(w.code, w.days) for w in warnings] == expected


def test_coe_warning_stops_once_departed():
    states = [
        StepState("coe", done_on=date(2027, 1, 10)),
        StepState("departure", done_on=date(2027, 2, 1)),
    ]
    assert hire_warnings(states, today=TODAY) == []


def test_coe_exactly_at_the_warning_edge():
    limit = hire_rules().limits["coe_expiry_warn_days"]
    issued = date(2027, 1, 1)
    edge_day = coe_expiry(issued).toordinal() - limit
    assert [
        w.code
        for w in hire_warnings([StepState("coe", done_on=issued)], today=date.fromordinal(edge_day))
    ] == ["coe_expiring"]
    assert (
        hire_warnings([StepState("coe", done_on=issued)], today=date.fromordinal(edge_day - 1))
        == []
    )


def test_short_passport_is_flagged_before_departure():
    states = [StepState("passport", done_on=date(2020, 1, 1), expires_on=date(2027, 6, 1))]
    assert [w.code for w in hire_warnings(states, today=TODAY)] == ["passport_short"]


def test_checkins_after_arrival():
    arrived = date(2026, 12, 1)
    states = [StepState("arrival", done_on=arrived)]
    assert [w.code for w in hire_warnings(states, today=date(2027, 2, 20))] == ["checkin_due"]
    late = hire_warnings(states, today=date(2027, 3, 10))
    assert late[0].code == "checkin_overdue" and late[0].step == "checkin_3m"
    states.append(StepState("checkin_3m", done_on=date(2027, 3, 2)))
    assert hire_warnings(states, today=date(2027, 3, 10)) == []

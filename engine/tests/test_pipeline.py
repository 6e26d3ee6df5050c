import pytest

from engine.pipeline import TransitionError, pipeline


def test_terminal_stages_have_no_way_out():
    p = pipeline()
    for stage in p.terminal:
        assert p.allowed(stage) == ()


def test_every_non_terminal_stage_can_end():
    p = pipeline()
    for stage in set(p.stages) - p.terminal:
        assert p.allowed(stage), stage
        assert set(p.allowed(stage)) & p.terminal, stage


def test_check_names_the_allowed_moves():
    with pytest.raises(TransitionError, match="allowed: shortlisted"):
        pipeline().check("applied", "offered")


def test_each_side_moves_only_its_own_stages():
    p = pipeline()
    assert p.may_move("employer", "shortlisted") and not p.may_move("candidate", "shortlisted")
    assert p.may_move("candidate", "profile_shared") and not p.may_move(
        "employer", "profile_shared"
    )
    assert p.may_move("candidate", "withdrawn") and p.may_move("facilitator", "withdrawn")
    assert p.may_move("employer", "interview_scheduled") and p.may_move(
        "candidate", "interview_scheduled"
    )


def test_terminal_moves_need_one_of_their_listed_reasons():
    p = pipeline()
    with pytest.raises(TransitionError, match="needs a reason"):
        p.check("applied", "rejected", reason="because")
    p.check("applied", "rejected", reason="skills_missing")


def test_the_main_path_walks_allowed_moves_and_full_profile_stages_follow_sharing():
    p = pipeline()
    assert p.path_to("profile_shared") == ("applied", "shortlisted", "profile_shared")
    assert "profile_shared" in p.full_profile and "shortlisted" not in p.full_profile
    assert p.tell["rejected"] == {"candidate"} and p.tell["accepted"] == {"employer"}

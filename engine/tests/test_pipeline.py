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

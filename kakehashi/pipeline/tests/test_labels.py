"""Stage facts live in engine/data; Django holds only their labels. Both must cover each other."""

from django.utils import translation

from engine.hiring import hire_rules
from engine.pipeline import pipeline
from kakehashi.pipeline.labels import (
    HIRE_STEP_LABELS,
    REASON_LABELS,
    STAGE_LABELS,
    reason_choices,
    reason_label,
)


def test_every_stage_and_reason_of_the_engine_has_a_label_and_no_label_is_left_over():
    assert set(STAGE_LABELS) == set(pipeline().stages)
    assert {s: set(c) for s, c in REASON_LABELS.items()} == {
        s: set(c) for s, c in pipeline().reasons.items()
    }
    assert set(HIRE_STEP_LABELS) == {s.id for s in hire_rules().steps}


def test_reason_choices_follow_the_engine_order_and_labels_read_for_people():
    codes = [code for code, _label in reason_choices("rejected")]
    assert codes == list(pipeline().reasons["rejected"])
    with translation.override("en"):
        assert reason_label("withdrawn", "other_offer") == "I accepted another offer"
    with translation.override("ja"):
        assert reason_label("withdrawn", "other_offer") != "I accepted another offer"
    assert reason_label("rejected", "an old free-text reason") == "an old free-text reason"

import pytest

from kakehashi.audit.models import AuditEvent
from kakehashi.core.errors import ApplicationError
from kakehashi.pipeline.services import application_advance, application_create


def test_allowed_move_writes_history_and_audit(ayesha, sakura_job, tanaka):
    app = application_create(candidate=ayesha, job=sakura_job, actor=ayesha.user)
    application_advance(application=app, stage="shortlisted", actor=tanaka)
    app.refresh_from_db()
    assert app.stage == "shortlisted"
    assert [(h.from_stage, h.to_stage) for h in app.history.all()] == [
        ("", "applied"),
        ("applied", "shortlisted"),
    ]
    assert AuditEvent.objects.filter(action="application.moved", details__to="shortlisted").exists()


def test_disallowed_move_is_refused_and_nothing_changes(ayesha, sakura_job, tanaka):
    app = application_create(candidate=ayesha, job=sakura_job, actor=ayesha.user)
    with pytest.raises(ApplicationError, match="cannot move from applied to interviewed"):
        application_advance(application=app, stage="interviewed", actor=tanaka)
    app.refresh_from_db()
    assert app.stage == "applied" and app.history.count() == 1


def test_rejection_needs_a_reason(ayesha, sakura_job, tanaka):
    app = application_create(candidate=ayesha, job=sakura_job, actor=ayesha.user)
    with pytest.raises(ApplicationError, match="needs a reason"):
        application_advance(application=app, stage="rejected", actor=tanaka)
    application_advance(application=app, stage="rejected", actor=tanaka, reason="japanese_level")
    app.refresh_from_db()
    assert app.stage == "rejected"


def test_one_application_per_candidate_and_job(ayesha, sakura_job):
    application_create(candidate=ayesha, job=sakura_job, actor=ayesha.user)
    with pytest.raises(ApplicationError):
        application_create(candidate=ayesha, job=sakura_job, actor=ayesha.user)


def test_each_side_makes_only_its_own_moves(ayesha, sakura_job, tanaka, yamada, imran):
    from django.core.exceptions import PermissionDenied

    app = application_create(candidate=ayesha, job=sakura_job, actor=ayesha.user)
    with pytest.raises(PermissionDenied):
        application_advance(application=app, stage="shortlisted", actor=ayesha.user)
    with pytest.raises(PermissionDenied):  # another company
        application_advance(application=app, stage="shortlisted", actor=yamada)
    application_advance(application=app, stage="shortlisted", actor=tanaka)
    with pytest.raises(PermissionDenied):  # only the candidate shares their profile
        application_advance(application=app, stage="profile_shared", actor=tanaka)
    application_advance(application=app, stage="profile_shared", actor=ayesha.user)
    application_advance(application=app, stage="invited", actor=imran)  # the ministry may
    assert app.history.count() == 4


def test_the_other_side_is_emailed_in_its_language(
    ayesha, sakura_job, tanaka, django_capture_on_commit_callbacks, mailoutbox
):
    tanaka.language = "ja"
    tanaka.save()
    app = application_create(candidate=ayesha, job=sakura_job, actor=ayesha.user)
    with django_capture_on_commit_callbacks(execute=True):
        application_advance(application=app, stage="shortlisted", actor=tanaka)
    assert [m.to for m in mailoutbox] == [["ayesha@example.pk"]]
    assert "Shortlisted" in mailoutbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        application_advance(
            application=app, stage="withdrawn", actor=ayesha.user, reason="other_offer"
        )
    to_employer = mailoutbox[1]
    assert to_employer.to == ["tanaka@sakura.example"]
    assert "I accepted another offer" in to_employer.body


@pytest.mark.parametrize("stage", ["offered", "accepted"])
def test_an_offer_and_its_acceptance_are_entered_only_by_the_offer_service(
    stage, ayesha, sakura_job, tanaka
):
    # They carry terms (salary, start date, contract) that a bare move cannot: a page action
    # or an API call asking for them is refused and the application stays where it was.
    app = application_create(candidate=ayesha, job=sakura_job, actor=ayesha.user)
    for step in ("shortlisted", "invited", "interview_scheduled", "interviewed"):
        application_advance(application=app, stage=step, actor=tanaka)
    if stage == "accepted":
        application_advance(application=app, stage="offered", actor=tanaka, entered_by="offer")
    actor = tanaka if stage == "offered" else ayesha.user
    with pytest.raises(ApplicationError) as refused:
        application_advance(application=app, stage=stage, actor=actor)
    assert refused.value.code == "offer_on_site"
    app.refresh_from_db()
    assert app.stage == ("interviewed" if stage == "offered" else "offered")

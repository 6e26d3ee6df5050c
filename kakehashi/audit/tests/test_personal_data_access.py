"""Every view of a candidate's personal data by someone else is recorded through one door,
the candidate can read the record, and the record cannot be changed afterwards."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, transaction
from django.urls import reverse

from kakehashi.accounts.models import User
from kakehashi.api.services import api_token_create
from kakehashi.audit.append_only import audit_unlocked
from kakehashi.audit.models import AuditEvent, PersonalDataAccess
from kakehashi.audit.services import audit_record, personal_data_seen
from kakehashi.pipeline.services import (
    application_advance,
    application_create,
    profile_share_request,
)


def _share(profile, employer_user, job):
    app = application_create(candidate=profile, job=job, actor=profile.user)
    application_advance(application=app, stage="shortlisted", actor=employer_user)
    profile_share_request(application=app, actor=employer_user)
    application_advance(application=app, stage="profile_shared", actor=profile.user)
    return app


def test_a_blind_view_is_not_a_view_of_personal_data(client, ayesha, tanaka):
    client.force_login(tanaka)
    page = client.get(reverse("candidate_detail", args=[ayesha.pk])).content.decode()
    assert "Ayesha Khan" not in page
    assert not PersonalDataAccess.objects.exists()


def test_a_company_opening_a_shared_profile_is_a_provision_to_japan(
    client, ayesha, tanaka, sakura_job
):
    _share(ayesha, tanaka, sakura_job)
    client.force_login(tanaka)
    assert (
        "Ayesha Khan" in client.get(reverse("candidate_detail", args=[ayesha.pk])).content.decode()
    )
    seen = PersonalDataAccess.objects.get(purpose="profile")
    assert (seen.actor_id, seen.subject_id, seen.channel) == (tanaka.pk, ayesha.pk, "page")
    assert seen.cross_border and seen.employer_name == "Sakura Co., Ltd."
    assert {"name", "email", "phone"} <= set(seen.fields)


def test_the_api_and_the_applications_list_are_recorded_too(
    client, ayesha, bilal, tanaka, sakura_job
):
    _share(ayesha, tanaka, sakura_job)
    application_create(candidate=bilal, job=sakura_job, actor=bilal.user)  # still blind
    _row, token = api_token_create(user=tanaka, name="t")
    body = client.get(f"/api/candidates/{ayesha.pk}", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert body["full_name"] == "Ayesha Khan"
    assert PersonalDataAccess.objects.filter(purpose="profile", channel="api").count() == 1

    client.force_login(tanaka)
    client.get(reverse("job_applications", args=[sakura_job.pk]))
    listed = PersonalDataAccess.objects.filter(purpose="applications")
    assert [r.subject_id for r in listed] == [ayesha.pk]  # Bilal's name was not shown


def test_an_officer_opening_a_profile_is_recorded_as_the_ministry(client, ayesha, imran):
    client.force_login(imran)
    client.get(reverse("candidate_detail", args=[ayesha.pk]))
    seen = PersonalDataAccess.objects.get()
    assert seen.actor_kind == "ministry:verifier" and not seen.cross_border


def test_the_candidate_reads_who_has_seen_her_data(client, ayesha, tanaka, imran, sakura_job):
    _share(ayesha, tanaka, sakura_job)
    client.force_login(tanaka)
    client.get(reverse("candidate_detail", args=[ayesha.pk]))
    client.force_login(imran)
    client.post(reverse("candidate_cnic_reveal", args=[ayesha.pk]))

    client.force_login(ayesha.user)
    page = client.get(reverse("candidate_data_seen")).content.decode()
    assert "Sakura Co., Ltd." in page and "Sent to Japan" in page
    assert "Revealed the CNIC" in page and "verifier" in page
    assert "tanaka@sakura.example" not in page  # a company, not its staff's addresses
    export = client.post(reverse("candidate_data"), {"action": "export"})
    assert {s["purpose"] for s in export.json()["seen_by"]} == {"profile", "cnic"}


def test_her_own_views_are_not_recorded(ayesha):
    assert (
        personal_data_seen(
            actor=ayesha.user,
            subject_ids=[ayesha.pk],
            fields=["name"],
            purpose="profile",
            channel="page",
        )
        == 0
    )


def test_unknown_purposes_and_channels_are_refused(ayesha, imran):
    with pytest.raises(ValueError):
        personal_data_seen(
            actor=imran,
            subject_ids=[ayesha.pk],
            fields=["name"],
            purpose="curiosity",
            channel="page",
        )
    with pytest.raises(ValueError):
        personal_data_seen(
            actor=imran, subject_ids=[ayesha.pk], fields=["name"], purpose="profile", channel="fax"
        )


@pytest.mark.parametrize("model", [AuditEvent, PersonalDataAccess])
def test_audit_rows_cannot_be_updated_or_deleted(ayesha, imran, model):
    audit_record(actor=imran, action="x.y", obj=ayesha)
    personal_data_seen(
        actor=imran, subject_ids=[ayesha.pk], fields=["name"], purpose="profile", channel="page"
    )
    for change in (
        lambda: model.objects.update(actor_label="someone else"),
        lambda: model.objects.all().delete(),
    ):
        with pytest.raises(DatabaseError), transaction.atomic():
            change()
    assert model.objects.filter(actor_label="imran@moitt.example").count() == 1


def test_deleting_an_officer_keeps_who_they_were_in_the_trail(ayesha, imran):
    audit_record(actor=imran, action="x.y", obj=ayesha)
    personal_data_seen(
        actor=imran, subject_ids=[ayesha.pk], fields=["name"], purpose="profile", channel="page"
    )
    officer_id = imran.pk
    User.objects.filter(pk=officer_id).delete()
    event = AuditEvent.objects.get(action="x.y")
    assert event.actor_id == officer_id and event.actor_label == "imran@moitt.example"
    assert PersonalDataAccess.objects.get().actor_label == "imran@moitt.example"


def test_maintenance_on_purpose_may_remove_rows(ayesha, imran):
    audit_record(actor=imran, action="x.y", obj=ayesha)
    with audit_unlocked():
        AuditEvent.objects.all().delete()
    assert not AuditEvent.objects.exists()
    with pytest.raises(DatabaseError), transaction.atomic():  # and it locks again after
        audit_record(actor=imran, action="x.y", obj=ayesha)
        AuditEvent.objects.all().delete()


def test_flush_still_empties_a_database_with_audit_rows(transactional_db, ayesha, imran):
    audit_record(actor=imran, action="x.y", obj=ayesha)
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEvent.objects.exists()


def test_the_admin_lists_and_records_are_recorded(client, ayesha, bilal, db):
    root = User.objects.create_superuser(email="root@moitt.example", password="pw-root-12345")
    client.force_login(root)
    assert client.get(reverse("admin:candidates_candidateprofile_changelist")).status_code == 200
    listed = PersonalDataAccess.objects.filter(purpose="administration")
    assert {r.subject_id for r in listed} == {ayesha.pk, bilal.pk}
    assert {r.channel for r in listed} == {"admin"}

    client.get(reverse("admin:accounts_user_change", args=[ayesha.user.pk]))
    opened = PersonalDataAccess.objects.filter(purpose="administration", fields=["name", "email"])
    assert [r.subject_id for r in opened] == [ayesha.pk]


def _seen(actor, subject, purpose="profile", employer=None):
    personal_data_seen(
        actor=actor,
        subject_ids=[subject.pk],
        fields=["name"],
        purpose=purpose,
        channel="page",
        employer=employer,
    )


def test_the_audit_viewer_filters_and_exports_for_verifiers_only(
    client, ayesha, bilal, imran, farhan, tanaka, sakura
):
    _seen(tanaka, ayesha, employer=sakura)
    _seen(imran, bilal, purpose="cnic")
    url = reverse("audit_access_records")
    for outsider in (farhan, tanaka, ayesha.user):  # analyst, company, candidate
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    client.force_login(imran)

    def table(params=None):
        page = client.get(url, params or {}).content.decode()
        return page.split('data-testid="access-records"')[-1] if "access-records" in page else ""

    assert "Sakura Co., Ltd." in table() and "Revealed the CNIC" in table()
    only_japan = table({"to_japan": "true"})
    assert "Sakura Co., Ltd." in only_japan and "Revealed the CNIC" not in only_japan
    assert "Sakura Co., Ltd." not in table({"candidate": bilal.pk})
    junk = client.get(url, {"candidate": "x", "since": "yesterday"})
    assert junk.status_code == 200 and "These filters were ignored" in junk.content.decode()

    csv_body = b"".join(client.get(url, {"company": "sakura", "format": "csv"}).streaming_content)
    lines = csv_body.decode().strip().splitlines()
    assert len(lines) == 2 and "tanaka@sakura.example" in lines[1]
    xlsx = client.get(url, {"format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert AuditEvent.objects.filter(action="audit.access_records_exported").count() == 2

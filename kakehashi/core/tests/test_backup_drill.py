"""The backup drill (docs/operations.md, "Backups"), on whichever database the suite runs
(CI: SQLite and PostgreSQL): seed, back up, wipe, restore, and find every table and file as
it was, counts and checksums, with a stored CNIC still decrypting."""

import json
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from kakehashi.accounts.models import User
from kakehashi.candidates.models import CandidateIdentity, CandidateProfile
from kakehashi.candidates.services import cnic_reveal
from kakehashi.core.backup import BackupError, BackupMismatch, backup_create, backup_restore

needs_tools = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    and not (shutil.which("pg_dump") and shutil.which("pg_restore")),
    reason="pg_dump / pg_restore not installed",
)
pytestmark = [needs_tools]

CV = b"%PDF-1.4 Ayesha Khan's CV \x00\x01\x02"


def _seed(ayesha, bilal, imran):
    name = default_storage.save("cv/ayesha/cv.pdf", ContentFile(CV))
    scan = default_storage.save("certificates/jlpt-n3.png", ContentFile(b"\x89PNG scan"))
    return name, scan


def test_backup_wipe_restore_gives_back_every_row_and_file(
    transactional_db, ayesha, bilal, imran, tmp_path
):
    cv_name, _ = _seed(ayesha, bilal, imran)
    counts = {model: model.objects.count() for model in (User, CandidateProfile, CandidateIdentity)}
    assert counts[CandidateIdentity] == 2
    folder = backup_create(tmp_path / "backups")
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["tables"]["accounts_user"]["rows"] == counts[User]
    assert set(manifest["files"]) == {"cv/ayesha/cv.pdf", "certificates/jlpt-n3.png"}

    # The disaster: every table emptied, the uploads gone.
    call_command("flush", "--noinput")
    shutil.rmtree(settings.MEDIA_ROOT)
    assert User.objects.count() == 0 and not default_storage.exists(cv_name)

    backup_restore(folder)

    assert {m: m.objects.count() for m in counts} == counts
    with default_storage.open(cv_name) as restored:
        assert restored.read() == CV
    assert (Path(settings.MEDIA_ROOT) / cv_name).stat().st_mode & 0o777 == 0o600
    # Every table and file as it was: a fresh backup of the restored data has the same figures.
    again = json.loads((backup_create(tmp_path / "again") / "manifest.json").read_text())
    assert again["tables"] == manifest["tables"] and again["files"] == manifest["files"]
    # The CNIC, encrypted at rest, decrypts with the kept keys.
    profile = CandidateProfile.objects.get(user__email="ayesha@example.pk")
    assert cnic_reveal(profile=profile, actor=User.objects.get(pk=imran.pk)) == "35202-1234567-2"


def test_an_altered_dump_is_refused_before_anything_is_touched(
    transactional_db, ayesha, bilal, imran, tmp_path
):
    _seed(ayesha, bilal, imran)
    folder = backup_create(tmp_path / "backups")
    dump = next(p for p in folder.iterdir() if p.name.startswith("database."))
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dump.write_bytes(bytes(data))
    User.objects.filter(email="bilal@example.pk").delete()
    with pytest.raises(BackupError, match="sha256 differs"):
        backup_restore(folder)
    assert not User.objects.filter(email="bilal@example.pk").exists()  # nothing restored


def test_a_restore_that_does_not_match_its_manifest_names_the_table(
    transactional_db, ayesha, bilal, imran, tmp_path
):
    _seed(ayesha, bilal, imran)
    folder = backup_create(tmp_path / "backups")
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["tables"]["accounts_user"]["rows"] += 1
    manifest["files"]["cv/ayesha/cv.pdf"]["sha256"] = "0" * 64
    (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(BackupMismatch) as failed:
        backup_restore(folder)
    assert [d.split(":")[0] for d in failed.value.differences] == [
        "table accounts_user",
        "file cv/ayesha/cv.pdf",
    ]

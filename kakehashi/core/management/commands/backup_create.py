from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kakehashi.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump -Fc, or a copy of the SQLite file) and the private "
        "uploads into VAR_DIR/backups/<UTC time>/ with a manifest: row counts and a sha256 "
        "of every table, size and sha256 of every file (docs/operations.md, Backups)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dir", type=Path, help="folder to put the backup in")

    def handle(self, *args, **opts):
        try:
            folder = backup_create(opts["dir"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Backup written to {folder}"))

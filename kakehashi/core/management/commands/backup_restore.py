from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kakehashi.core.backup import BackupError, backup_latest, backup_restore


class Command(BaseCommand):
    help = (
        "Replace the database and the private uploads with a backup (backup_create), after "
        "checking its files against the manifest; then check every table and file against it. "
        "Stop the web and worker processes first; rebuild the matching index after."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "backup", nargs="?", type=Path, help="the backup folder (default: latest)"
        )
        parser.add_argument(
            "--noinput", action="store_false", dest="interactive", help="do not ask to confirm"
        )

    def handle(self, *args, **opts):
        folder = opts["backup"] or backup_latest()
        if folder is None:
            raise CommandError("No backup found; name one: backup_restore var/backups/<time>")
        if opts["interactive"]:
            answer = input(f"Replace the database and the uploads with {folder}? Type yes: ")
            if answer.strip() != "yes":
                raise CommandError("Nothing restored.")
        try:
            manifest = backup_restore(folder)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {folder}: {len(manifest['tables'])} tables and "
                f"{len(manifest['files'])} files match the manifest."
            )
        )

"""Erase candidates whose recruitment ended (see candidates/retention.py); `--dry-run` lists
them without changing anything."""

from django.core.management.base import BaseCommand

from kakehashi.candidates.retention import retention_run


class Command(BaseCommand):
    help = (
        "Erase candidates whose recruitment ended and who were inactive for the retention period."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="list, change nothing")

    def handle(self, *args, dry_run: bool = False, **options):
        report = retention_run(dry_run=dry_run)
        verb = "would be erased" if dry_run else "erased"
        self.stdout.write(
            f"{len(report.due)} candidate(s) inactive for {report.inactive_days}+ days with no "
            f"open application and no hire {verb}."
        )
        for pk in report.due:
            self.stdout.write(f"  candidate profile #{pk}")

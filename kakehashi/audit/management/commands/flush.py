"""Django's ``flush`` (also what transactional tests use to empty the database), allowed to
empty the append-only audit tables: it removes every row of every table on purpose."""

from django.core.management.commands.flush import Command as FlushCommand

from kakehashi.audit.append_only import audit_unlocked


class Command(FlushCommand):
    def handle(self, **options):
        with audit_unlocked():
            return super().handle(**options)

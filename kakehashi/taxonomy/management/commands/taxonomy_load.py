from django.core.management.base import BaseCommand

from engine.taxonomy import taxonomy
from kakehashi.taxonomy.services import taxonomy_load


class Command(BaseCommand):
    help = "Load the skills taxonomy shipped with the engine into the database (safe to re-run)."

    def handle(self, *args, **options):
        release, changed = taxonomy_load(tax=taxonomy())
        state = "loaded" if changed else "already current"
        self.stdout.write(
            f"Skills taxonomy {release.version}: {release.skill_count} skills, {state}."
        )

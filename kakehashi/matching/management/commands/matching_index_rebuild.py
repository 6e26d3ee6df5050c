import time

from django.core.management.base import BaseCommand

from kakehashi.matching.store import index_rebuild


class Command(BaseCommand):
    help = "Rebuild the candidate matching index from the database and publish it."

    def handle(self, *args, **options):
        started = time.perf_counter()
        index = index_rebuild()
        self.stdout.write(
            f"Matching index: {len(index):,} candidates in {time.perf_counter() - started:.1f} s."
        )

import time

from django.core.management.base import BaseCommand, CommandError

from kakehashi.matching.selectors import learn_thresholds_publish
from kakehashi.matching.store import index_build_progress, index_rebuild, index_rebuild_sharded
from kakehashi.matching.tasks import matching_index_shard_task


class Command(BaseCommand):
    help = (
        "Rebuild the candidate matching index from the database and publish it; with --shards N "
        "the embedding is spread over the Celery workers by id range, with progress."
    )

    def add_arguments(self, parser):
        parser.add_argument("--shards", type=int, default=1, help="id ranges (Celery tasks)")
        parser.add_argument(
            "--timeout", type=float, default=4 * 3600, help="seconds to wait for the shards"
        )

    def handle(self, *args, **options):
        started = time.perf_counter()
        shards = options["shards"]
        if shards < 1:
            raise CommandError("--shards must be 1 or more.")
        if shards == 1:
            index = index_rebuild()
        else:
            index = index_rebuild_sharded(
                shards=shards,
                dispatch=lambda kwargs: matching_index_shard_task.delay(**kwargs),
                wait=lambda build, n: self._wait(build, n, options["timeout"]),
            )
        built = time.perf_counter() - started
        learn_thresholds_publish()  # "what to learn next" for the new index, not in a request
        self.stdout.write(
            f"Matching index: {len(index):,} candidates in {built:.1f} s "
            f"(what-to-learn thresholds: {time.perf_counter() - started - built:.1f} s)."
        )

    def _wait(self, build: str, shards: int, timeout: float) -> None:
        started = time.monotonic()
        shown = ""
        while True:
            progress = index_build_progress(build, shards)
            done = sum(p["done"] for p in progress)
            total = sum(p["total"] or 0 for p in progress)
            finished = sum(p["finished"] for p in progress)
            elapsed = time.monotonic() - started
            line = (
                f"Embedding: {done:,}/{total:,} profiles, {finished}/{shards} shards done, "
                f"{done / max(elapsed, 1e-9):,.0f} texts/s"
            )
            if line != shown:
                self.stdout.write(line)
                shown = line
            if finished == shards:
                return
            if elapsed > timeout:
                raise CommandError(f"The shards did not finish within {timeout:.0f} s.")
            time.sleep(2)

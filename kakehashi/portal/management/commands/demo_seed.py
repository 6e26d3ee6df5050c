import time

from django.core.management.base import BaseCommand, CommandError

from kakehashi.candidates.models import CandidateProfile
from kakehashi.core.database import planner_statistics_refresh
from kakehashi.portal.demo import demo_seed
from kakehashi.taxonomy.models import Skill


class Command(BaseCommand):
    help = "Fill an empty database with realistic, deterministic demo data (personas first)."

    def add_arguments(self, parser):
        parser.add_argument("--candidates", type=int, default=1000)
        parser.add_argument("--employers", type=int, default=40)
        parser.add_argument("--jobs", type=int, default=150)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing (successfully) when the database already has candidates.",
        )

    def handle(self, *args, **opts):
        if CandidateProfile.objects.exists():
            if opts["if_empty"]:
                self.stdout.write("Demo data: the database already has data; left as it is.")
                return
            raise CommandError("The database already has candidates: seed an empty database.")
        if not Skill.objects.exists():
            raise CommandError("Load the skills taxonomy first: manage.py taxonomy_load")
        started = time.perf_counter()

        def progress(n: int) -> None:
            if n % 20000 < 1000:
                self.stdout.write(f"  {n:,} candidates…")

        counts = demo_seed(
            candidates=opts["candidates"],
            employers=opts["employers"],
            jobs=opts["jobs"],
            seed=opts["seed"],
            progress=progress,
        )
        planner_statistics_refresh()  # a bulk load: the planner would otherwise guess
        seconds = time.perf_counter() - started
        summary = ", ".join(f"{v:,} {k}" for k, v in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo data: {summary} in {seconds:.1f} s."))

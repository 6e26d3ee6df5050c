from django.core.management.base import BaseCommand

from kakehashi.accounts.models import User
from kakehashi.portal.demo import DEMO_PASSWORD, demo_logins


class Command(BaseCommand):
    help = "Print the demo sign-ins, one per role."

    def handle(self, *args, **opts):
        rows = [d for d in demo_logins() if User.objects.filter(email=d.email).exists()]
        if not rows:
            self.stdout.write("No demo accounts in this database.")
            return
        self.stdout.write(f"\nDemo sign-ins (password for all: {DEMO_PASSWORD}):")
        for d in rows:
            self.stdout.write(f"  {d.role:<34} {d.email:<40} {d.name}")
        self.stdout.write("")

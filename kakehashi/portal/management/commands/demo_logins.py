from django.core.management.base import BaseCommand

from kakehashi.accounts.mfa import totp_code_now, totp_key_base32
from kakehashi.accounts.models import User
from kakehashi.portal.demo import DEMO_PASSWORD, demo_logins, demo_officer_devices


class Command(BaseCommand):
    help = (
        "Print the demo sign-ins, one per role, and for the ministry officers (who sign in "
        "in two steps) their authenticator key and the code valid now."
    )

    def handle(self, *args, **opts):
        rows = [d for d in demo_logins() if User.objects.filter(email=d.email).exists()]
        if not rows:
            self.stdout.write("No demo accounts in this database.")
            return
        devices = demo_officer_devices()
        self.stdout.write(f"\nDemo sign-ins (password for all: {DEMO_PASSWORD}):")
        for d in rows:
            self.stdout.write(f"  {d.role:<34} {d.email:<40} {d.name}")
        if devices:
            self.stdout.write(
                "\nOfficers then give a code: add the key to an authenticator app, or type the "
                "code valid now\n(run `python manage.py demo_logins` again for a fresh one):"
            )
        for email, device in devices.items():
            code, left = totp_code_now(device)
            self.stdout.write(
                f"  {email:<26} key {totp_key_base32(device)}   code now {code} ({left} s)"
            )
        self.stdout.write("")

"""Two-step sign-in (django-otp): an authenticator app (TOTP) and one-use recovery codes.

Policy (docs/operations.md, "Two-step sign-in"): required for every ministry officer (they can
reveal CNICs and open personal documents); offered to employer members and, once a person has
turned it on, required at every sign-in (there is no switch to turn it off again: a lost phone
is what the recovery codes are for, and an admin can delete the devices in /admin/).
``MFA_ENFORCED=false`` turns enforcement off for local development only.
"""

from __future__ import annotations

import secrets
import time
from base64 import b32encode

import segno
from django.db import transaction
from django_otp import devices_for_user
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from kakehashi.accounts.models import RecoveryCode, RecoveryCodeDevice, recovery_code_digest
from kakehashi.accounts.signals import account_security_event

RECOVERY_CODE_COUNT = 10
# No 0/O or 1/I: read off paper and typed by hand.
_RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def mfa_offered(user) -> bool:
    """Who may turn two-step sign-in on: ministry officers and employer members."""
    return user.is_facilitator or user.is_employer_member


def mfa_enrolled(user) -> bool:
    """Whether the person has a confirmed authenticator."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def mfa_required(user) -> bool:
    """Whether this person must give a code after the password: every officer, and anyone
    who turned it on."""
    return user.is_facilitator or mfa_enrolled(user)


def totp_device_pending(*, user) -> TOTPDevice:
    """The authenticator being set up (not yet confirmed by a code), made on first call."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


def totp_qr_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// address as an inline SVG QR code (no script, no data: URL)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, border=2)


def totp_key_base32(device: TOTPDevice) -> str:
    """The secret as an authenticator app asks for it when typed by hand, in groups of four."""
    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def totp_device_seed(*, user) -> TOTPDevice:
    """A confirmed authenticator for a demo account (the demo prints its key and the current
    code, so that a person can sign in with or without an authenticator app)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Demo authenticator")


def totp_code_now(device: TOTPDevice) -> tuple[str, int]:
    """The code the device's authenticator shows now, and the seconds it stays valid (for
    the demo sign-ins only; a real device's codes come from the person's phone)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    now = time.time()
    totp.time = now
    left = int(device.step - (now - device.t0) % device.step)
    return f"{totp.token():0{device.digits}d}", left


def _recovery_code_new() -> str:
    raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def recovery_codes_make(*, user) -> list[str]:
    """New recovery codes for ``user`` (the old ones stop working). Returned in clear, once;
    only their HMACs are stored."""
    codes = [_recovery_code_new() for _ in range(RECOVERY_CODE_COUNT)]
    with transaction.atomic():
        device, _created = RecoveryCodeDevice.objects.get_or_create(
            user=user, defaults={"name": "Recovery codes", "confirmed": True}
        )
        device.codes.all().delete()
        RecoveryCode.objects.bulk_create(
            [RecoveryCode(device=device, digest=recovery_code_digest(c)) for c in codes]
        )
        account_security_event.send(
            sender=RecoveryCodeDevice, user=user, action="mfa.recovery_codes_made", details={}
        )
    return codes


def recovery_codes_left(*, user) -> int:
    return RecoveryCode.objects.filter(device__user=user).count()


def totp_device_confirm(*, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the authenticator being set up with a code it shows. Returns the new recovery
    codes (to show once), or None when the code is wrong. Any older authenticator of the person
    is removed: one phone at a time."""
    with transaction.atomic():
        if not device.verify_token(code.strip().replace(" ", "")):
            return None
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        account_security_event.send(
            sender=TOTPDevice, user=device.user, action="mfa.enabled", details={}
        )
    return recovery_codes_make(user=device.user)


def mfa_code_check(*, user, code: str) -> Device | None:
    """The device that accepts ``code`` (six digits from the authenticator, or a recovery
    code), or None. Each device throttles wrong codes (django-otp: 1, 2, 4, 8… s apart)."""
    code = code.strip().replace(" ", "")
    if not code:
        return None
    with transaction.atomic():
        for device in devices_for_user(user, for_verify=True):
            is_recovery = isinstance(device, RecoveryCodeDevice)
            looks_like_totp = len(code) == 6 and code.isdigit()
            if is_recovery == looks_like_totp:
                continue  # six digits go to the authenticator, the rest to recovery codes
            if device.verify_token(code):
                if is_recovery:
                    account_security_event.send(
                        sender=RecoveryCodeDevice,
                        user=user,
                        action="mfa.recovery_code_used",
                        details={"left": recovery_codes_left(user=user)},
                    )
                return device
    return None

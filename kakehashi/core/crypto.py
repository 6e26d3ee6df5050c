"""Encryption of personal data at rest (CNIC, passport numbers) and blind lookups.

Values are encrypted with Fernet (AES-128-CBC + HMAC) under FIELD_ENCRYPTION_KEYS; several
comma-separated keys allow rotation (the first encrypts, all decrypt). A keyed HMAC digest
(CNIC_LOOKUP_KEY) finds duplicates without decrypting anything.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@cache
def _fernet(keys: str) -> MultiFernet:
    try:
        return MultiFernet([Fernet(k.strip().encode()) for k in keys.split(",") if k.strip()])
    except ValueError:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS must be Fernet keys (32 url-safe base64 bytes), comma-separated."
        ) from None


def encrypt(text: str) -> str:
    return _fernet(settings.FIELD_ENCRYPTION_KEYS).encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    return _fernet(settings.FIELD_ENCRYPTION_KEYS).decrypt(token.encode()).decode()


def lookup_digest(text: str) -> str:
    key = settings.CNIC_LOOKUP_KEY.encode()
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()

from __future__ import annotations

import hashlib
import secrets

from django.utils import timezone

from kakehashi.api.models import ApiToken
from kakehashi.audit.services import audit_record


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def api_token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user``: returns the row and the plaintext, which is never stored."""
    plaintext = "kk_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:100] or "API",
        prefix=plaintext[:10],
        key_hash=_hash(plaintext),
    )
    audit_record(actor=user, action="api_token.created", obj=token)
    return token, plaintext


def api_token_revoke(*, token: ApiToken, actor) -> None:
    audit_record(actor=actor, action="api_token.revoked", obj=token)
    token.delete()


def api_token_user(plaintext: str):
    """The active user a token belongs to, or None."""
    token = ApiToken.objects.select_related("user").filter(key_hash=_hash(plaintext)).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user

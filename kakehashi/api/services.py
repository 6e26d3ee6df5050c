from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from kakehashi.api.models import ApiToken
from kakehashi.audit.services import audit_record


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def api_token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user``, valid for API_TOKEN_LIFETIME_DAYS: returns the row and the
    plaintext, which is never stored."""
    plaintext = "kk_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:100] or "API",
        prefix=plaintext[:10],
        key_hash=_hash(plaintext),
        expires_at=timezone.now() + timedelta(days=settings.API_TOKEN_LIFETIME_DAYS),
    )
    audit_record(actor=user, action="api_token.created", obj=token)
    return token, plaintext


def api_token_revoke(*, token: ApiToken, actor) -> None:
    audit_record(actor=actor, action="api_token.revoked", obj=token)
    token.delete()


def api_tokens_revoke_for_password(*, user, reason: str) -> int:
    """A password was changed or reset (``reason``): revoke every API token of ``user`` and
    record the change with the number revoked, in one transaction. Returns that number."""
    with transaction.atomic():
        revoked, _by_model = ApiToken.objects.filter(user=user).delete()
        audit_record(
            actor=user,
            action=f"password.{reason}",
            obj=user,
            details={"api_tokens_revoked": revoked},
        )
    return revoked


@dataclass(frozen=True)
class TokenCheck:
    """What a presented token is: its active user, or why it was refused."""

    user: object | None
    token_id: int | None = None
    expired_at: datetime | None = None


def api_token_check(plaintext: str) -> TokenCheck:
    """The active user a token belongs to; for an unknown token or an inactive user, no
    user; for an expired token, no user and when it expired."""
    token = ApiToken.objects.select_related("user").filter(key_hash=_hash(plaintext)).first()
    if token is None or not token.user.is_active:
        return TokenCheck(user=None)
    now = timezone.now()
    if token.expires_at <= now:
        return TokenCheck(user=None, expired_at=token.expires_at)
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return TokenCheck(user=token.user, token_id=token.pk)


def api_token_user(plaintext: str):
    """The active user an unexpired token belongs to, or None."""
    return api_token_check(plaintext).user

"""Receivers of the accounts app's signals (connected in ApiConfig.ready)."""

from __future__ import annotations

from kakehashi.api.services import api_tokens_revoke_for_password
from kakehashi.audit.services import audit_record


def password_changed_revoke(sender, *, user, reason: str, **kwargs) -> None:
    """A new password ends every API token too (a stolen token must not outlive the reset)."""
    api_tokens_revoke_for_password(user=user, reason=reason)


def account_security_record(sender, *, user, action: str, details: dict, **kwargs) -> None:
    """Two-step sign-in turned on, recovery codes made or used: one audit row each."""
    audit_record(actor=user, action=action, obj=user, details=details)

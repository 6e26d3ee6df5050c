"""What accounts tells the floors above (docs/architecture.md, "The floors").

Both are sent inside the transaction of the change, so a receiver's writes (the audit row, the
revoked tokens) commit or roll back with it.
"""

from django.dispatch import Signal

# ``user``, ``reason`` ("changed" on the account page, "reset" by an e-mailed link): the
# api app revokes every API token of the user and records the change in the audit trail.
password_changed = Signal()

# ``user``, ``action`` ("mfa.enabled", "mfa.recovery_codes_made", "mfa.recovery_code_used"),
# ``details``: recorded in the audit trail by the api app's receiver.
account_security_event = Signal()

"""Audit rows are append-only in the database itself, not only in the admin: triggers refuse
UPDATE and DELETE on the audit tables. The one way round is ``audit_unlocked()``, for
maintenance the code does on purpose (the retention of old records, emptying a test
database); it is off everywhere else, including for raw SQL from a shell.

PostgreSQL: a trigger function reads the transaction-local setting ``kakehashi.audit_unlocked``.
SQLite: the triggers call ``kakehashi_audit_unlocked()``, a function this module registers on
each connection; a connection without it (the sqlite3 shell) cannot change the rows at all.

The triggers themselves are written in migration audit/0002, frozen there: a later change to
them is a new migration, never an edit of this module."""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

from django.db import connection, transaction

_UNLOCKED: contextvars.ContextVar[bool] = contextvars.ContextVar("audit_unlocked", default=False)


def sqlite_functions_register(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: give SQLite connections the unlock function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "kakehashi_audit_unlocked", 0, lambda: int(_UNLOCKED.get())
        )


@contextlib.contextmanager
def audit_unlocked() -> Iterator[None]:
    """Allow UPDATE/DELETE of audit rows inside this block (and its transaction) only."""
    token = _UNLOCKED.set(True)
    try:
        with transaction.atomic():
            _pg_setting("on")
            try:
                yield
            finally:
                # SET LOCAL outlives a savepoint: lock again for the rest of an outer transaction.
                _pg_setting("off")
    finally:
        _UNLOCKED.reset(token)


def _pg_setting(value: str) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('kakehashi.audit_unlocked', %s, true)", [value])

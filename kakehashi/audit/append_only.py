"""Audit rows are append-only in the database itself, not only in the admin: triggers refuse
UPDATE and DELETE on the audit tables. The one way round is ``audit_unlocked()``, for
maintenance the code does on purpose (the retention of old records, emptying a test
database); it is off everywhere else, including for raw SQL from a shell.

PostgreSQL: a trigger function reads the transaction-local setting ``kakehashi.audit_unlocked``.
SQLite: the triggers call ``kakehashi_audit_unlocked()``, a function this module registers on
each connection; a connection without it (the sqlite3 shell) cannot change the rows at all."""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

from django.db import connection, transaction

TABLES = ("audit_auditevent", "audit_personaldataaccess")

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


_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION kakehashi_audit_append_only() RETURNS trigger AS $$
BEGIN
  IF current_setting('kakehashi.audit_unlocked', true) = 'on' THEN
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit rows are append-only (%% on %%)', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$ LANGUAGE plpgsql
"""


def triggers_create(apps, schema_editor) -> None:
    """Migration step: install the triggers for this database."""
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(_PG_FUNCTION)
        for table in TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION kakehashi_audit_append_only()"
            )
    elif vendor == "sqlite":
        for table in TABLES:
            for op in ("UPDATE", "DELETE"):
                name = f"{table}_no_{op.lower()}"
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
                schema_editor.execute(
                    f"CREATE TRIGGER {name} BEFORE {op} ON {table} "
                    "WHEN kakehashi_audit_unlocked() = 0 "
                    "BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END"
                )


def triggers_drop(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        elif vendor == "sqlite":
            for op in ("update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_{op}")

"""What the database needs beyond the ORM."""

from __future__ import annotations

from django.db import connection


def planner_statistics_refresh() -> None:
    """``ANALYZE`` every table: the query planner's statistics, after a bulk load (the demo
    data, a restore). Until they exist PostgreSQL guesses row counts, and a 100,000-candidate
    shortlist's consent check scanned every consent per row (418 ms a shortlist; 74 ms with
    statistics). Autovacuum keeps them current afterwards, where it is on."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

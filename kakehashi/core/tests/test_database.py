"""After a bulk load the query planner has statistics (PostgreSQL or SQLite, as the suite
runs): without them PostgreSQL guessed the consent table's rows and a 100,000-candidate
shortlist spent 418 ms in one query (docs/benchmarks.md)."""

from django.db import connection

from kakehashi.core.database import planner_statistics_refresh


def _has_statistics(table: str) -> bool:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = %s", [table])
        else:
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = %s", [table])
        return cursor.fetchone()[0] > 0


def test_statistics_exist_for_the_candidates_after_a_refresh(ayesha, bilal):
    planner_statistics_refresh()
    assert _has_statistics("candidates_consentrecord")
    assert _has_statistics("candidates_candidateprofile")

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction

from kakehashi.matching.store import index_rebuild, index_refresh


# A full rebuild can outlast the broker's visibility timeout: acknowledged on receipt so it is
# never run twice at once (a lost one is redone by the next refresh or an operator).
@shared_task(acks_late=False)
def matching_index_rebuild_task() -> int:
    return len(index_rebuild())


# Re-reads the profiles from the database, so safe to run again; retried while the database
# (or the index's volume) is briefly unavailable.
@shared_task(
    autoretry_for=(OperationalError, InterfaceError, OSError), retry_backoff=True, max_retries=5
)
def matching_index_refresh_task(*, profile_ids: list[int]) -> None:
    index_refresh(profile_ids)


def matching_candidate_changed(sender, *, profile_id: int, **kwargs) -> None:
    """Receiver of candidates.signals.candidate_changed (connected in MatchingConfig.ready):
    the index is refreshed after the transaction commits (on a worker, or in-process when
    eager)."""
    if settings.MATCHING_INDEX_AUTO_REFRESH:
        transaction.on_commit(lambda: matching_index_refresh_task.delay(profile_ids=[profile_id]))

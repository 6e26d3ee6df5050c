from celery import shared_task


@shared_task
def matching_index_rebuild_task() -> int:
    from kakehashi.matching.store import index_rebuild

    return len(index_rebuild())


@shared_task
def matching_index_refresh_task(*, profile_ids: list[int]) -> None:
    from kakehashi.matching.store import index_refresh

    index_refresh(profile_ids)


def matching_candidate_changed(profile_id: int) -> None:
    """Call from a service that changed what matching reads about a candidate: the index is
    refreshed after the transaction commits (on a worker, or in-process when eager)."""
    from django.conf import settings
    from django.db import transaction

    if settings.MATCHING_INDEX_AUTO_REFRESH:
        transaction.on_commit(lambda: matching_index_refresh_task.delay(profile_ids=[profile_id]))

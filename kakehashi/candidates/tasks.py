from celery import shared_task


@shared_task
def cv_parse_task(*, document_id: int) -> str:
    """Read an uploaded CV (on a worker, or in-process when Celery is eager)."""
    from kakehashi.candidates.cv import cv_parse_run

    return cv_parse_run(document_id=document_id).state

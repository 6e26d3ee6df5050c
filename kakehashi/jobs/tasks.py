"""The jobs app's Celery tasks, for Celery's discovery (each is defined beside the service
it runs)."""

from kakehashi.jobs.importer import jobs_import_task

__all__ = ["jobs_import_task"]

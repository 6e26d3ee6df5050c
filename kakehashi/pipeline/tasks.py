from celery import shared_task

from kakehashi.pipeline.hiring import hire_deadlines_notify


@shared_task
def hire_deadlines_daily() -> int:
    """Run every morning by Celery beat: warn about expiring CoEs, short passports, check-ins."""
    return hire_deadlines_notify()

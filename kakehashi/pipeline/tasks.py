from celery import shared_task

from kakehashi.pipeline.hiring import hire_deadlines_notify
from kakehashi.pipeline.interviews import interview_reminders_send
from kakehashi.pipeline.offers import offers_expire_due


@shared_task
def hire_deadlines_daily() -> int:
    """Run every morning by Celery beat: warn about expiring CoEs, short passports, check-ins."""
    return hire_deadlines_notify()


@shared_task
def interview_reminders_hourly() -> int:
    """Run hourly by Celery beat: remind both sides of interviews in the next 24 hours."""
    return interview_reminders_send()


@shared_task
def offers_expire_daily() -> int:
    """Run daily by Celery beat: close offers not answered by their day."""
    return offers_expire_due()

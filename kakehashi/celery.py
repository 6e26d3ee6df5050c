"""Celery application. Eager (in-process) when no broker is configured."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kakehashi.settings")

app = Celery("kakehashi")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

"""The candidates app's Celery tasks, for Celery's discovery (each is defined beside the
service it runs)."""

from kakehashi.candidates.cv import cv_parse_task
from kakehashi.candidates.retention import retention_daily
from kakehashi.candidates.sweeper import cv_parse_sweep

__all__ = ["cv_parse_sweep", "cv_parse_task", "retention_daily"]

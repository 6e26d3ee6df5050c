from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MissionsConfig(AppConfig):
    name = "kakehashi.missions"
    label = "missions"
    verbose_name = _("Hiring missions")

    def ready(self) -> None:
        # An interview outside missions must not clash with a published mission interview.
        from kakehashi.missions.selectors import mission_interviews_overlapping
        from kakehashi.pipeline.signals import interview_busy_check

        def mission_busy(sender, *, user_ids, start, end, **kwargs):
            return mission_interviews_overlapping(user_ids=user_ids, start=start, end=end)

        interview_busy_check.connect(mission_busy, weak=False, dispatch_uid="missions_busy")

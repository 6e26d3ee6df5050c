from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "kakehashi.matching"
    label = "matching"
    verbose_name = _("Matching")

    def ready(self) -> None:
        # Imported once the app registry is ready (the receiver's module reads models).
        from kakehashi.candidates.signals import candidate_changed
        from kakehashi.matching.tasks import matching_candidate_changed

        candidate_changed.connect(matching_candidate_changed, dispatch_uid="matching_index")

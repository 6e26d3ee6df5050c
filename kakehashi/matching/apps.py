from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "kakehashi.matching"
    label = "matching"
    verbose_name = _("Matching")

    def ready(self) -> None:
        # Ranking temporaries reuse heap pages (engine.matching.heap: 40 % of a 1M query).
        from engine.matching.heap import keep_arrays_on_heap

        keep_arrays_on_heap()
        # Imported once the app registry is ready (the receiver's module reads models).
        from kakehashi.candidates.signals import candidate_changed
        from kakehashi.matching.tasks import matching_candidate_changed

        candidate_changed.connect(matching_candidate_changed, dispatch_uid="matching_index")

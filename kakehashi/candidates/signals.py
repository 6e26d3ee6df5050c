"""What the candidates app tells the apps above it. It imports none of them: an app that
must react registers a receiver in its AppConfig.ready (docs/architecture.md)."""

from django.dispatch import Signal

# Sent with ``profile_id`` by every service that changed what others read about a candidate
# (registration, profile, consent, CV, deletion). The matching app refreshes its index.
candidate_changed = Signal()


def candidate_changed_announce(profile_id: int) -> None:
    candidate_changed.send(sender="candidates", profile_id=profile_id)

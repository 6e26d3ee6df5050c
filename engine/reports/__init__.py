"""The ministry's figures that need the whole candidate index or plain statistics (issue 14).
Pure Python + NumPy, no Django.

Public API::

    tracks() -> Tracks; Tracks.of_skills(skills) -> track id or ""; index_tracks(index) -> codes
    percentile(values, q) -> float; skew_at_k(top, pool) -> {group: float}
    supply_qualify(index, jobs, groups=None) -> Qualification
    training_unlocks(index, jobs, groupings, limit=50) -> list[TrainingOption]
"""

from engine.reports.stats import percentile, skew_at_k
from engine.reports.supply import (
    Qualification,
    SupplyJob,
    TrainingOption,
    supply_qualify,
    training_unlocks,
)
from engine.reports.tracks import Tracks, index_tracks, tracks

__all__ = [
    "Qualification",
    "SupplyJob",
    "Tracks",
    "TrainingOption",
    "index_tracks",
    "percentile",
    "skew_at_k",
    "supply_qualify",
    "tracks",
    "training_unlocks",
]

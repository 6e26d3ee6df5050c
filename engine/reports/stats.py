"""Plain statistics for the ministry's reports: percentiles of durations and Skew@k."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0..100) of ``values`` by linear interpolation between closest
    ranks (NumPy's default, "linear"); NaN for no values."""
    if not 0 <= q <= 100:
        raise ValueError(f"percentile must be within 0..100, not {q}")
    ordered = sorted(float(v) for v in values)
    if not ordered:
        return math.nan
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def skew_at_k(top: Mapping[str, int], pool: Mapping[str, int]) -> dict[str, float]:
    """Skew@k of each group (Geyik et al., KDD 2019): ln(share in the top k / share in the
    eligible pool). 0 is proportional; +0.4 is about 1.5x its share, -0.7 about half.

    ``top`` and ``pool``: head counts per group (the top k, the eligible pool). Groups absent
    from the pool are left out (no share to compare with); a group in the pool but absent
    from a non-empty top k gets -inf."""
    n_top, n_pool = sum(top.values()), sum(pool.values())
    out: dict[str, float] = {}
    if n_top <= 0 or n_pool <= 0:
        return out
    for group, in_pool in pool.items():
        if in_pool <= 0:
            continue
        share_top = top.get(group, 0) / n_top
        share_pool = in_pool / n_pool
        out[group] = math.log(share_top / share_pool) if share_top > 0 else -math.inf
    return out

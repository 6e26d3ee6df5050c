"""Straight-line distances between Pakistani cities (``engine.geo`` codes), in whole km.

Coordinates are data (``city_coordinates.json``, with its source); the distance is the
great-circle (haversine) distance on a 6,371 km sphere, a proxy for travel effort.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "city_coordinates.json"
EARTH_RADIUS_KM = 6371.0


@cache
def city_coordinates() -> dict[str, tuple[float, float]]:
    """City code -> (latitude, longitude) in degrees, read once per process."""
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    return {code: (float(lat), float(lon)) for code, (lat, lon) in raw["cities"].items()}


@cache
def city_distance_km(a: str, b: str) -> int:
    """Great-circle distance between two city codes, rounded to km; 0 for the same city.

    Raises ``KeyError`` for a code without coordinates.
    """
    if a == b:
        return 0
    coords = city_coordinates()
    (lat1, lon1), (lat2, lon2) = coords[a], coords[b]
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return round(2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h)))

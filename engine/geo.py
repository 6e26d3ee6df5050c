"""Places: Japanese prefectures (ISO 3166-2:JP), Pakistani provinces and IT cities (ISO 3166-2:PK).

Loaded from ``engine/data/geo.json``, which carries its sources and version.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "geo.json"


@dataclass(frozen=True, slots=True)
class Prefecture:
    code: str  # "JP-13"
    name_en: str
    name_ja: str


@dataclass(frozen=True, slots=True)
class Province:
    code: str  # "PK-PB"
    name_en: str
    name_ur: str
    cnic_digit: str
    visa_post: str  # "islamabad" or "karachi": where its residents apply for a Japanese visa


@dataclass(frozen=True, slots=True)
class City:
    code: str  # "lahore"
    name_en: str
    name_ur: str
    province: str  # province code
    demo_weight: int
    hub: bool


@dataclass(frozen=True, slots=True)
class Geo:
    version: str
    prefectures: tuple[Prefecture, ...]
    provinces: tuple[Province, ...]
    cities: tuple[City, ...]

    def city(self, code: str) -> City:
        for city in self.cities:
            if city.code == code:
                return city
        raise KeyError(code)

    def province(self, code: str) -> Province:
        for province in self.provinces:
            if province.code == code:
                return province
        raise KeyError(code)


@cache
def geo() -> Geo:
    """The place lists, read once per process."""
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    return Geo(
        version=raw["version"],
        prefectures=tuple(Prefecture(**p) for p in raw["jp_prefectures"]),
        provinces=tuple(Province(**p) for p in raw["pk_provinces"]),
        cities=tuple(City(**c) for c in raw["pk_cities"]),
    )

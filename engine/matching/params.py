"""Weights and scoring parameters, read from ``engine/data/matching_weights.json``."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1] / "data" / "matching_weights.json"

#: Score components in summation order. The first three (``SPARSE``) are computed for every
#: row from sparse columns; ``semantic`` is last on purpose: the index bounds the score before
#: computing it (see ``engine.matching.index``).
COMPONENTS: tuple[str, ...] = (
    "skills_required",
    "skills_nice",
    "lexical",
    "experience",
    "japanese",
    "english",
    "education",
    "salary",
    "location",
    "availability",
    "semantic",
)
SPARSE: tuple[str, ...] = COMPONENTS[:3]
ATTRIBUTES: tuple[str, ...] = COMPONENTS[3:10]


@dataclass(frozen=True)
class MatchingParams:
    """The parsed data file. ``weights`` holds one non-negative weight per component."""

    version: str
    weights: Mapping[str, float]
    relation: Mapping[str, float]
    years_floor: float
    level_step: Mapping[str, float]
    salary_tolerance: float
    location: Mapping[str, float]
    availability_grace_days: float
    semantic_calibration: Mapping[str, Mapping[str, float]]
    #: category id -> factor of a skill's weight in a coverage ("default" for the rest)
    importance_category: Mapping[str, float]
    importance_hard: float
    #: a must-have list longer than this counts as this many skills of its mean importance
    coverage_cap_skills: float
    lexical_k1: float
    lexical_b: float
    lexical_scale: float
    #: factor of the Japanese component when the level is self-declared, not a verified certificate
    jlpt_declared_factor: float

    def calibration(self, embedder_name: str) -> tuple[float, float]:
        """(lo, hi) cosine range mapped to semantic 0..1 for this embedder."""
        cal = self.semantic_calibration.get(embedder_name, self.semantic_calibration["default"])
        return float(cal["lo"]), float(cal["hi"])


def weights_check(weights: Mapping[str, float]) -> None:
    """ValueError unless every name is a component and every weight is finite and >= 0."""
    for name, value in weights.items():
        if name not in COMPONENTS:
            raise ValueError(f"unknown matching component {name!r}; expected one of {COMPONENTS}")
        if not (value >= 0 and value < float("inf")):
            raise ValueError(f"weight of {name!r} must be a finite number >= 0, not {value!r}")


def params_from_dict(raw: Mapping[str, Any]) -> MatchingParams:
    """Build and check :class:`MatchingParams` from the parsed data file."""
    weights = {k: float(v) for k, v in raw["weights"].items()}
    weights_check(weights)
    missing = set(COMPONENTS) - set(weights)
    if missing:
        raise ValueError(f"matching weights lack {sorted(missing)}")
    if "default" not in raw["semantic_calibration"]:
        raise ValueError("semantic_calibration needs a 'default' entry")
    return MatchingParams(
        version=str(raw["version"]),
        weights=weights,
        relation={k: float(v) for k, v in raw["skill_relation"].items()},
        years_floor=float(raw["years_floor"]),
        level_step={k: float(v) for k, v in raw["level_step"].items()},
        salary_tolerance=float(raw["salary_tolerance"]),
        location={k: float(v) for k, v in raw["location"].items()},
        availability_grace_days=float(raw["availability_grace_days"]),
        semantic_calibration=raw["semantic_calibration"],
        importance_category={k: float(v) for k, v in raw["skill_importance"]["category"].items()},
        importance_hard=float(raw["skill_importance"]["hard"]),
        coverage_cap_skills=float(raw["skill_importance"]["cap_skills"]),
        lexical_k1=float(raw["lexical"]["k1"]),
        lexical_b=float(raw["lexical"]["b"]),
        lexical_scale=float(raw["lexical"]["scale"]),
        jlpt_declared_factor=float(raw["jlpt_declared_factor"]),
    )


@cache
def matching_params() -> MatchingParams:
    """The shipped parameters, read once per process."""
    return params_from_dict(json.loads(DATA.read_text(encoding="utf-8")))

"""The application pipeline as a state machine, read from ``engine/data/pipeline.json``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "pipeline.json"


class TransitionError(ValueError):
    """A move the pipeline does not allow; the message says which moves are allowed."""


@dataclass(frozen=True)
class Pipeline:
    version: str
    stages: tuple[str, ...]
    terminal: frozenset[str]
    needs_reason: frozenset[str]
    transitions: dict[str, tuple[str, ...]]
    moved_by: dict[str, str]  # stage -> "candidate" | "employer" | "any"

    def allowed(self, stage: str) -> tuple[str, ...]:
        """Stages reachable in one move from ``stage``."""
        if stage not in self.transitions:
            raise TransitionError(f"unknown stage {stage!r}")
        return self.transitions[stage]

    def check(self, current: str, target: str, *, reason: str = "") -> None:
        """Raise TransitionError unless ``current`` → ``target`` is allowed (with a reason
        where the target needs one)."""
        allowed = self.allowed(current)
        if target not in allowed:
            options = ", ".join(allowed) or "none: this stage is final"
            raise TransitionError(f"cannot move from {current} to {target} (allowed: {options})")
        if target in self.needs_reason and not reason.strip():
            raise TransitionError(f"moving to {target} needs a reason")

    def may_move(self, side: str, target: str) -> bool:
        """Whether a party ("candidate", "employer" or "facilitator") may move an application
        into ``target``. Facilitators may make every move."""
        return side == "facilitator" or self.moved_by[target] in (side, "any")


@cache
def pipeline() -> Pipeline:
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    stages = tuple(s["id"] for s in raw["stages"])
    transitions = {k: tuple(v) for k, v in raw["transitions"].items()}
    for source, targets in transitions.items():
        if source not in stages or any(t not in stages for t in targets):
            raise ValueError(f"pipeline data: unknown stage in transitions from {source!r}")
    return Pipeline(
        version=raw["version"],
        stages=stages,
        terminal=frozenset(s["id"] for s in raw["stages"] if s.get("terminal")),
        needs_reason=frozenset(s["id"] for s in raw["stages"] if s.get("needs_reason")),
        transitions=transitions,
        moved_by={s["id"]: s["moved_by"] for s in raw["stages"]},
    )

"""The application pipeline as a state machine, read from ``engine/data/pipeline.json``.

Every fact about a stage lives there: who may move an application into it, which reasons a
terminal move may give, whether the company sees the full profile at it, and which side is
told. Django keeps only the translatable labels."""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "pipeline.json"
SIDES = ("candidate", "employer")


class TransitionError(ValueError):
    """A move the pipeline does not allow; the message says which moves are allowed."""


@dataclass(frozen=True)
class Pipeline:
    version: str
    stages: tuple[str, ...]
    terminal: frozenset[str]
    transitions: dict[str, tuple[str, ...]]
    moved_by: dict[str, str]  # stage -> "candidate" | "employer" | "any"
    reasons: dict[str, tuple[str, ...]]  # stage -> the reason codes a move into it may give
    full_profile: frozenset[str]  # stages at which the company sees the full profile
    tell: dict[str, frozenset[str]]  # stage -> the sides e-mailed when an application gets there
    main_path: tuple[str, ...]  # the usual road of a hire, in order
    # stage -> the one service that may move an application there (an offer and its
    # acceptance carry terms that a bare move cannot): "offer"
    entered_by: dict[str, str] = field(default_factory=dict)

    @property
    def needs_reason(self) -> frozenset[str]:
        return frozenset(self.reasons)

    def allowed(self, stage: str) -> tuple[str, ...]:
        """Stages reachable in one move from ``stage``."""
        if stage not in self.transitions:
            raise TransitionError(f"unknown stage {stage!r}")
        return self.transitions[stage]

    def check(self, current: str, target: str, *, reason: str = "") -> None:
        """Raise TransitionError unless ``current`` → ``target`` is allowed, with one of the
        listed reason codes where the target asks for a reason."""
        allowed = self.allowed(current)
        if target not in allowed:
            options = ", ".join(allowed) or "none: this stage is final"
            raise TransitionError(f"cannot move from {current} to {target} (allowed: {options})")
        if target in self.reasons and reason not in self.reasons[target]:
            codes = ", ".join(self.reasons[target])
            raise TransitionError(f"moving to {target} needs a reason, one of: {codes}")

    def may_move(self, side: str, target: str) -> bool:
        """Whether a party ("candidate", "employer" or "facilitator") may move an application
        into ``target``. Facilitators may make every move."""
        return side == "facilitator" or self.moved_by[target] in (side, "any")

    def path_to(self, stage: str) -> tuple[str, ...]:
        """The stages of the main path up to and including ``stage`` (ValueError when the
        stage is not on it)."""
        return self.main_path[: self.main_path.index(stage) + 1]


@cache
def pipeline() -> Pipeline:
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    stages = tuple(s["id"] for s in raw["stages"])
    transitions = {k: tuple(v) for k, v in raw["transitions"].items()}
    for source, targets in transitions.items():
        if source not in stages or any(t not in stages for t in targets):
            raise ValueError(f"pipeline data: unknown stage in transitions from {source!r}")
    main_path = tuple(raw["main_path"])
    for a, b in itertools.pairwise(main_path):
        if b not in transitions.get(a, ()):
            raise ValueError(f"pipeline data: the main path moves {a} → {b}, not a transition")
    tell = {s["id"]: frozenset(s.get("tell", ())) for s in raw["stages"]}
    if any(side not in SIDES for sides in tell.values() for side in sides):
        raise ValueError("pipeline data: 'tell' names a side other than candidate or employer")
    return Pipeline(
        version=raw["version"],
        stages=stages,
        terminal=frozenset(s["id"] for s in raw["stages"] if s.get("terminal")),
        transitions=transitions,
        moved_by={s["id"]: s["moved_by"] for s in raw["stages"]},
        reasons={s["id"]: tuple(s["reasons"]) for s in raw["stages"] if s.get("reasons")},
        full_profile=frozenset(s["id"] for s in raw["stages"] if s.get("shows_full_profile")),
        tell=tell,
        main_path=main_path,
        entered_by={s["id"]: s["entered_by"] for s in raw["stages"] if s.get("entered_by")},
    )

"""The road from an accepted offer to arrival in Japan: the steps in order, who owns each,
and the deadlines and expiries to warn about. Steps and limits are data
(``engine/data/hire_steps.json``, with sources); this module only reasons over them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data" / "hire_steps.json"


@dataclass(frozen=True, slots=True)
class Place:
    """Where a step is done: an office or portal (``id`` names it for the labels), its web
    address, and for the visa the post it belongs to ("islamabad" or "karachi")."""

    id: str
    url: str
    post: str = ""


@dataclass(frozen=True, slots=True)
class Fee:
    """What a step costs in Pakistani rupees: ``amount_pkr`` None when no source gives an
    amount (the page points to the office), 0 when it is free; ``basis`` names how it is
    charged (for the labels); ``confirmed`` False when the sources disagree."""

    amount_pkr: int | None
    basis: str
    confirmed: bool = True


@dataclass(frozen=True, slots=True)
class StepRule:
    id: str
    owner: str  # "candidate" | "employer" | "facilitator"
    after: tuple[str, ...] = ()
    needs_evidence: bool = False
    needs_expiry: bool = False
    valid_days_from_issue: int | None = None
    due_days_after_arrival: int | None = None
    needs_contract: bool = False  # the employment contract's terms go with this step
    places: tuple[Place, ...] = ()  # where it is done (offices, portals)
    fee: Fee | None = None
    documents: tuple[str, ...] = ()  # document codes to bring, in order
    source: str = ""  # key into HireRules.sources

    def places_for(self, post: str) -> tuple[Place, ...]:
        """The places for a visa post (a place without a post serves every post)."""
        return tuple(p for p in self.places if not p.post or p.post == post)


@dataclass(frozen=True, slots=True)
class StepState:
    """Where one step of one hire stands. Dates are calendar dates in Pakistan."""

    id: str
    done_on: date | None = None  # completed (issued, attested, departed, …)
    expires_on: date | None = None  # passport or CoE expiry, where the step has one


@dataclass(frozen=True, slots=True)
class HireWarning:
    step: str
    code: str  # coe_expiring, coe_expired, passport_short, checkin_due, checkin_overdue
    days: int  # days left (negative: days overdue)
    due: date


@dataclass(frozen=True)
class HireRules:
    version: str
    steps: tuple[StepRule, ...]
    limits: dict[str, int]
    # What the employment contract (the Foreign Service Agreement) must state for the
    # Protector of Emigrants, in order: employer, job title, salary, duration, ...
    contract_fields: tuple[str, ...] = ()
    sources: dict[str, str] | None = None

    def step(self, step_id: str) -> StepRule:
        for rule in self.steps:
            if rule.id == step_id:
                return rule
        raise KeyError(step_id)


@cache
def hire_rules() -> HireRules:
    raw: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    steps = tuple(
        StepRule(
            id=s["id"],
            owner=s["owner"],
            after=tuple(s.get("after", ())),
            needs_evidence=bool(s.get("needs_evidence", False)),
            needs_expiry=bool(s.get("needs_expiry", False)),
            valid_days_from_issue=s.get("valid_days_from_issue"),
            due_days_after_arrival=s.get("due_days_after_arrival"),
            needs_contract=bool(s.get("needs_contract", False)),
            places=tuple(Place(**p) for p in s.get("places", ())),
            fee=Fee(**s["fee"]) if s.get("fee") else None,
            documents=tuple(s.get("documents", ())),
            source=s.get("source", ""),
        )
        for s in raw["steps"]
    )
    return hire_rules_check(
        HireRules(
            version=raw["version"],
            steps=steps,
            limits=dict(raw["warnings"]),
            contract_fields=tuple(raw.get("contract_fields", ())),
            sources=dict(raw.get("sources", {})),
        ),
        documents=frozenset(raw.get("documents", ())),
    )


def hire_rules_check(rules: HireRules, *, documents: frozenset[str]) -> HireRules:
    """``rules`` unchanged, or ValueError naming what does not resolve: an unknown earlier
    step, source or document code, or a place without an https address."""
    ids = {s.id for s in rules.steps}
    for s in rules.steps:
        if any(a not in ids for a in s.after):
            raise ValueError(f"hire step {s.id!r} comes after an unknown step")
        if s.source and s.source not in (rules.sources or {}):
            raise ValueError(f"hire step {s.id!r} names an unknown source {s.source!r}")
        if any(d not in documents for d in s.documents):
            raise ValueError(f"hire step {s.id!r} lists a document not in 'documents'")
        if any(not p.url.startswith("https://") for p in s.places):
            raise ValueError(f"hire step {s.id!r} has a place without an https address")
    return rules


def step_ready(step_id: str, done: set[str], rules: HireRules | None = None) -> bool:
    """True when every step that must come before ``step_id`` is done."""
    rules = rules or hire_rules()
    return all(before in done for before in rules.step(step_id).after)


def coe_expiry(issued_on: date, rules: HireRules | None = None) -> date:
    """The last day a Certificate of Eligibility issued on ``issued_on`` can be used to land."""
    days = (rules or hire_rules()).step("coe").valid_days_from_issue or 90
    return issued_on + timedelta(days=days)


def hire_warnings(
    states: list[StepState], *, today: date, rules: HireRules | None = None
) -> list[HireWarning]:
    """What to warn about for one hire today, most urgent first.

    - the CoE expires within ``coe_expiry_warn_days`` (or has expired) and the hire has not
      yet departed;
    - the passport expires less than ``passport_min_validity_days`` after today, before
      departure;
    - a post-arrival check-in is due within ``checkin_warn_days`` or overdue.
    """
    rules = rules or hire_rules()
    by_id = {s.id: s for s in states}
    done = {s.id for s in states if s.done_on is not None}
    limits = rules.limits
    warnings: list[HireWarning] = []
    departed = "departure" in done
    coe = by_id.get("coe")
    if coe and coe.done_on and not departed:
        expiry = coe.expires_on or coe_expiry(coe.done_on, rules)
        left = (expiry - today).days
        if left < 0:
            warnings.append(HireWarning("coe", "coe_expired", left, expiry))
        elif left <= limits["coe_expiry_warn_days"]:
            warnings.append(HireWarning("coe", "coe_expiring", left, expiry))
    passport = by_id.get("passport")
    if passport and passport.expires_on and not departed:
        left = (passport.expires_on - today).days
        if left < limits["passport_min_validity_days"]:
            warnings.append(HireWarning("passport", "passport_short", left, passport.expires_on))
    arrival = by_id.get("arrival")
    if arrival and arrival.done_on:
        for rule in rules.steps:
            if rule.due_days_after_arrival is None or rule.id in done:
                continue
            due = arrival.done_on + timedelta(days=rule.due_days_after_arrival)
            left = (due - today).days
            if left < 0:
                warnings.append(HireWarning(rule.id, "checkin_overdue", left, due))
            elif left <= limits["checkin_warn_days"]:
                warnings.append(HireWarning(rule.id, "checkin_due", left, due))
    return sorted(warnings, key=lambda w: w.days)

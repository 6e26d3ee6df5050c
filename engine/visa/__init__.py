"""Visa-route engine: which Japanese residence statuses are open for a candidate × offer.

Public API (all pure functions over frozen dataclasses; money in yen, time in years)::

    hsp_points(applicant, offer) -> HspResult              # HSP (i)(b) points, line by line
    visa_routes(applicant, offer) -> list[RouteAssessment] # every route: eligible? why?
    smallest_changes(applicant, offer) -> list[Suggestion] # single steps that help, best first
    salary_floor_yen(route) -> int | None                  # the route's pay floor, if any
    render(msg, lang) -> str                               # "en", "ja" or "ur"

The rules are data with their sources and a tag (O official, S secondary, U unverified):
``engine/data/visa_rules.json``; the texts are ``engine/data/visa_messages.json``.
See docs/visa-rules.md.
"""

from engine.visa.changes import smallest_changes
from engine.visa.floors import salary_floor_yen
from engine.visa.messages import LANGUAGES, render
from engine.visa.model import (
    HspLine,
    HspResult,
    Msg,
    RouteAssessment,
    Source,
    Suggestion,
    VisaApplicant,
    VisaOffer,
    msg,
)
from engine.visa.points import applicant_age, hsp_points
from engine.visa.routes import ROUTES, eligible_routes, visa_routes
from engine.visa.rules import VisaRules, load_visa_rules, visa_rules

__all__ = [
    "LANGUAGES",
    "ROUTES",
    "HspLine",
    "HspResult",
    "Msg",
    "RouteAssessment",
    "Source",
    "Suggestion",
    "VisaApplicant",
    "VisaOffer",
    "VisaRules",
    "applicant_age",
    "eligible_routes",
    "hsp_points",
    "load_visa_rules",
    "msg",
    "render",
    "salary_floor_yen",
    "smallest_changes",
    "visa_routes",
    "visa_rules",
]

"""The lowest annual salary (yen, bonus included) a residence status accepts, from the rules
data. Only routes whose data names a figure have one: HSP (i)(b) gates at its
``salary_floor_yen``; the Engineer/Specialist, SSW and intra-company routes ask for pay equal
to a Japanese employee's, which is no single figure, so they have none."""

from __future__ import annotations

from engine.visa.routes import ROUTES
from engine.visa.rules import VisaRules, visa_rules


def salary_floor_yen(route: str, rules: VisaRules | None = None) -> int | None:
    """The floor of ``route`` (one of ``engine.visa.ROUTES``) in yen a year, or None when
    the route's rules give no figure. An unknown route raises ValueError."""
    if route not in ROUTES:
        raise ValueError(f"unknown residence status {route!r}; one of {', '.join(ROUTES)}")
    rules = rules or visa_rules()
    if route == "hsp_ib":
        return rules.hsp.salary_floor_yen
    return None

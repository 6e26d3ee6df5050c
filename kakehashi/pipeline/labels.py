"""The translatable labels of the pipeline's stages, reasons and hire steps. Every other fact
about them (order, who moves, which reasons, who is told) is data in engine/data/pipeline.json
and engine/data/hire_steps.json; a test checks that the two cover each other."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from engine.pipeline import pipeline

STAGE_LABELS = {
    "sourced": _("Sourced"),
    "applied": _("Applied"),
    "shortlisted": _("Shortlisted"),
    "profile_shared": _("Profile shared"),
    "invited": _("Invited to interview"),
    "interview_scheduled": _("Interview scheduled"),
    "interviewed": _("Interviewed"),
    "offered": _("Offered"),
    "accepted": _("Offer accepted"),
    "departed": _("Departed for Japan"),
    "arrived": _("Arrived in Japan"),
    "rejected": _("Rejected"),
    "withdrawn": _("Withdrawn"),
    "declined": _("Declined"),
    "offer_withdrawn": _("Offer withdrawn by the company"),
    "offer_expired": _("Offer expired without an answer"),
    "visa_refused": _("Visa refused"),
    "coe_expired": _("Certificate of Eligibility expired"),
}

# The label of each reason code that engine/data/pipeline.json lists for a terminal move;
# the code is stored, the label shown.
REASON_LABELS = {
    "rejected": {
        "skills_missing": _("Required skills are missing"),
        "experience_short": _("Not enough experience"),
        "japanese_level": _("Japanese level below the requirement"),
        "salary_mismatch": _("Salary expectations do not match"),
        "position_filled": _("The position has been filled"),
        "other_candidate": _("Another candidate was a closer fit"),
    },
    "withdrawn": {
        "other_offer": _("I accepted another offer"),
        "not_interested": _("I am no longer interested"),
        "personal": _("Personal reasons"),
    },
    "declined": {
        "not_sharing": _("I prefer not to share my full profile"),
        "terms": _("The terms do not suit me"),
        "personal": _("Personal reasons"),
    },
    "offer_withdrawn": {
        "position_cancelled": _("The position was cancelled"),
        "visa_route_closed": _("No residence status is open for this hire"),
        "documents": _("Required documents were not provided"),
    },
    "visa_refused": {
        "embassy_refusal": _("The embassy refused the visa"),
        "documents": _("Required documents were not provided"),
    },
    "coe_expired": {
        "not_used_in_time": _("The candidate could not travel within three months"),
        "visa_delay": _("The visa came too late"),
    },
}


HIRE_STEP_LABELS = {
    "hec_attestation": _("Degree attested by HEC"),
    "mofa_attestation": _("Degree attested by MOFA"),
    "passport": _("Passport valid for the stay"),
    "coe": _("Certificate of Eligibility issued"),
    "visa": _("Visa issued by the Embassy or Consulate-General of Japan"),
    "protector_clearance": _("Emigration clearance (Protector of Emigrants, BE&OE)"),
    "insurance": _("State Life insurance for emigrants"),
    "departure": _("Departure"),
    "arrival": _("Arrival in Japan"),
    "checkin_3m": _("Check-in after 3 months"),
    "checkin_6m": _("Check-in after 6 months"),
    "checkin_9m": _("Check-in after 9 months"),
    "checkin_12m": _("Check-in after 12 months"),
}


def reason_choices(stage: str) -> list[tuple[str, Promise]]:
    """The reasons a move into ``stage`` may give, in the engine's order, with their labels."""
    return [(code, REASON_LABELS[stage][code]) for code in pipeline().reasons.get(stage, ())]


def reason_label(stage: str, code: str) -> str:
    """The label of a stored reason code (the code itself for old free-text reasons)."""
    return str(REASON_LABELS.get(stage, {}).get(code, code))

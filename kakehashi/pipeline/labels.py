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


# Where a hire step is done, what it costs and what to bring: the facts (addresses, amounts,
# which documents) are data in engine/data/hire_steps.json; these are only their names.
HIRE_PLACE_LABELS = {
    "hec_eservices": _("HEC e-Services portal (degree attestation)"),
    "mofa_attestation": _(
        "Ministry of Foreign Affairs attestation (Islamabad, Lahore, Karachi, Peshawar, Quetta)"
    ),
    "dgip": _("Directorate General of Immigration & Passports"),
    "immigration_bureau": _("Regional Immigration Bureau in Japan (the employer applies)"),
    "embassy_islamabad": _("Embassy of Japan in Islamabad"),
    "consulate_karachi": _("Consulate-General of Japan in Karachi"),
    "protector_beoe": _("Protector of Emigrants, Bureau of Emigration & Overseas Employment"),
    "state_life": _("State Life Insurance for emigrants (through BE&OE)"),
}

HIRE_DOCUMENT_LABELS = {
    "cnic_copy": _("CNIC copy"),
    "cnic_original": _("original CNIC"),
    "coe": _("Certificate of Eligibility (e-mail printout accepted)"),
    "contract": _("employment contract (Foreign Service Agreement)"),
    "degree_attested_copy": _("copy of the attested degree"),
    "degree_hec_attested": _("degree attested by HEC"),
    "degree_original": _("original degree"),
    "fee_receipts": _("fee receipts (registration, welfare fund, emigration promotion)"),
    "offer_letter": _("signed offer letter"),
    "old_passports": _("old passports"),
    "passport": _("passport"),
    "passport_copy": _("passport copy"),
    "passport_two_pages": _("passport with at least two blank pages"),
    "photo_45": _("photo 4.5 × 4.5 cm"),
    "state_life_certificate": _("State Life insurance certificate"),
    "transcript_original": _("original transcript"),
    "visa_form": _("visa application form"),
    "visa_stamped": _("passport with the Japanese visa"),
}

#: Each way a fee is charged; %(amount)s is the amount in rupees, grouped for the reader.
HIRE_FEE_LABELS = {
    "hec_per_document": _(
        "About Rs %(amount)s per original document (copies cost less; urgent service costs more)"
    ),
    "see_office": _("See the office's page for the current fee"),
    "coe_free": _("No fee: the employer files it in Japan"),
    "see_embassy": _(
        "See the embassy's or consulate's page for the fee (Pakistani nationals may be exempt)"
    ),
    "protector_registration": _(
        "About Rs %(amount)s registration if you apply directly, plus the welfare fund and emigration promotion fees"
    ),
    "state_life_5y": _("Rs %(amount)s for Rs 1,000,000 of cover over five years"),
}

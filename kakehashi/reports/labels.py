"""Translatable labels of the codes the reports show (the codes live in the engine's data)."""

from django.utils.translation import gettext_lazy as _

from kakehashi.pipeline.labels import HIRE_STEP_LABELS

TRACK_LABELS = {
    "ai_data": _("AI & data"),
    "programming": _("Programming"),
    "animation_3d": _("Animation & 3D"),
    "cloud_devops": _("Cloud & DevOps"),
    "mobile": _("Mobile"),
    "testing": _("Testing & QA"),
    "embedded": _("Embedded systems"),
}

# The funnel: registration to arrival (engine/data/pipeline.json's main path, then the hire
# steps of engine/data/hire_steps.json that are government steps or travel).
FUNNEL_STEPS = (
    ("registered", _("Registered")),
    ("consented", _("Consented to share")),
    ("profile_complete", _("Profile complete")),
    ("applied", _("Applied or shortlisted")),
    ("interviewed", _("Interviewed")),
    ("offered", _("Offered")),
    ("accepted", _("Offer accepted")),
    ("coe", _("Certificate of Eligibility")),
    ("visa", _("Visa")),
    ("protector_clearance", _("BE&OE clearance")),
    ("departed", _("Departed")),
    ("arrived", _("Arrived in Japan")),
)

# The government steps whose time the ministry follows, and the office each waits on.
GOVERNMENT_STEPS = {
    "hec_attestation": _("Higher Education Commission (HEC)"),
    "mofa_attestation": _("Ministry of Foreign Affairs (MOFA)"),
    "coe": _("Immigration Services Agency of Japan (CoE)"),
    "visa": _("Embassy or Consulate-General of Japan (visa)"),
    "protector_clearance": _("Protector of Emigrants (BE&OE)"),
}
VISA_POSTS = {
    "islamabad": _("Embassy of Japan, Islamabad"),
    "karachi": _("Consulate-General of Japan, Karachi"),
}
GENDER_LABELS = {"F": _("Female"), "M": _("Male"), "X": _("Prefer not to say"), "": _("Not stated")}


def track_label(code: str) -> str:
    return str(TRACK_LABELS.get(code, _("No track")))


def family_label(category) -> str:
    """A skill family's name in the current language: a family that is a track has one in
    each (the taxonomy names families in English and Japanese only)."""
    return str(TRACK_LABELS.get(category.pk, category))


def step_label(code: str) -> str:
    return str(HIRE_STEP_LABELS.get(code, code))


# Years of experience, in bands [low, high).
YEAR_BANDS = ((0, 1), (1, 3), (3, 5), (5, 10), (10, 99))


def year_band(low: int) -> str:
    high = dict(YEAR_BANDS)[low]
    return f"{low}–{high}" if high < 99 else f"{low}+"

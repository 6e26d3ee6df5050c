"""Choice lists built from the engine's data files, so forms and models share one source."""

from django.utils.translation import gettext_lazy as _

from engine.geo import geo
from engine.levels import DEGREE_LEVELS, ENGLISH_LEVELS, JLPT_LEVELS


def prefecture_choices() -> list[tuple[str, str]]:
    return [(p.code, f"{p.name_en} / {p.name_ja}") for p in geo().prefectures]


def province_choices() -> list[tuple[str, str]]:
    return [(p.code, f"{p.name_en} / {p.name_ur}") for p in geo().provinces]


def city_choices() -> list[tuple[str, str]]:
    return [(c.code, f"{c.name_en} / {c.name_ur}") for c in geo().cities]


#: A candidate's city that is not in engine/data/geo.json: its name goes in ``city_other``.
OTHER_CITY = "other"


def candidate_city_choices() -> list[tuple[str, str]]:
    """The cities a candidate may live in: the listed ones, then "another city"."""
    return [*city_choices(), (OTHER_CITY, "Other city / دوسرا شہر")]


JLPT_CHOICES = [(lvl, lvl) for lvl in reversed(JLPT_LEVELS)]
DEGREE_CHOICES = [
    ("matric", _("Matriculation (SSC)")),
    ("intermediate", _("Intermediate (HSSC)")),
    ("diploma", _("Diploma")),
    ("bachelor", _("Bachelor's degree")),
    ("master", _("Master's degree")),
    ("doctorate", _("Doctorate")),
]
assert [c for c, _label in DEGREE_CHOICES] == list(DEGREE_LEVELS)
ENGLISH_CHOICES = [
    ("basic", _("Basic")),
    ("conversational", _("Conversational")),
    ("business", _("Business")),
    ("fluent", _("Fluent")),
    ("native", _("Native")),
]
assert [c for c, _label in ENGLISH_CHOICES] == list(ENGLISH_LEVELS)
#: English tests whose scores the profile keeps; the names are the tests' rules in
#: engine/data/cv_rules.json (language_tests), which give each score its level.
ENGLISH_TEST_CHOICES = [("IELTS", "IELTS"), ("TOEFL iBT", "TOEFL iBT"), ("TOEIC", "TOEIC")]

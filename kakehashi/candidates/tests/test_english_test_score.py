"""An English test score on the profile: checked against the test's range, and read as the
English level where the profile gives none (issue 12)."""

from decimal import Decimal

from django.urls import reverse

from engine.cv.rules import cv_rules
from kakehashi.candidates.forms import CandidateProfileForm
from kakehashi.core.choices import ENGLISH_TEST_CHOICES
from kakehashi.matching.adapters import candidate_features


def _form(ayesha, **fields):
    data = {"city": "lahore", "willing_to_relocate": "on", **fields}
    return CandidateProfileForm(data, instance=ayesha)


def test_a_score_the_test_cannot_give_is_refused_with_its_range(ayesha):
    form = _form(ayesha, english_test="IELTS", english_test_score="12")
    assert not form.is_valid()
    assert form.errors["english_test_score"] == ["The highest IELTS score is 9."]
    assert _form(ayesha, english_test="TOEIC", english_test_score="785").is_valid()


def test_a_score_needs_its_test_and_a_test_its_score(ayesha):
    assert "english_test" in _form(ayesha, english_test_score="7").errors
    assert "english_test_score" in _form(ayesha, english_test="IELTS").errors


def test_without_a_level_the_score_gives_it_to_matching_and_the_blind_profile(
    client, ayesha, tanaka
):
    ayesha.english_level = ""
    ayesha.english_test, ayesha.english_test_score = "TOEIC", Decimal("800")
    ayesha.save()
    [features] = candidate_features([ayesha.pk])
    assert features.english == "business"
    client.force_login(tanaka)
    page = client.get(reverse("candidate_detail", args=[ayesha.pk])).content.decode()
    assert "English: Business (TOEIC 800)" in page
    assert "Ayesha" not in page  # still blind


def test_the_profile_offers_exactly_the_tests_the_engine_has_bands_for():
    engine_tests = {t.name for t in cv_rules().language_tests if t.language == "en"}
    assert {value for value, _label in ENGLISH_TEST_CHOICES} == engine_tests

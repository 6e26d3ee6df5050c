"""A candidate from a city the list lacks: more Pakistani cities are listed (data in
engine/data/geo.json), and "Other city" takes the city's name."""

from django.urls import reverse

from engine.geo import geo
from kakehashi.candidates.models import CandidateProfile

SIGNUP = {
    "full_name": "Hina Baloch",
    "email": "hina@example.pk",
    "cnic": "54400-1234567-2",
    "language": "en",
    "password1": "Sakura-2026!x",
    "password2": "Sakura-2026!x",
}


def test_the_sign_up_lists_more_cities_and_other(client, db):
    page = client.get(reverse("candidate_signup")).content.decode()
    for name in ("Gujranwala", "Bahawalpur", "Sukkur", "Muzaffarabad", "Sialkot", "Abbottabad"):
        assert f">{name} / " in page
    assert '<option value="other">Other city / دوسرا شہر</option>' in page
    assert geo().city("sukkur").province == "PK-SD"  # so the visa post is Karachi


def test_other_city_needs_its_name_and_keeps_it(client, db):
    page = client.post(reverse("candidate_signup"), {**SIGNUP, "city": "other"}).content.decode()
    assert "Write the name of your city." in page
    assert not CandidateProfile.objects.exists()
    client.post(reverse("candidate_signup"), {**SIGNUP, "city": "other", "city_other": "Chitral"})
    profile = CandidateProfile.objects.get()
    assert (profile.city, profile.city_other, profile.province) == ("other", "Chitral", "")
    assert profile.get_city_display() == "Chitral"


def test_a_listed_city_drops_the_typed_name_on_the_profile(client, ayesha):
    client.force_login(ayesha.user)
    data = {
        "city": "bahawalpur",
        "city_other": "Chitral",
        "english_level": "business",
        **{
            f"{p}-{k}": v
            for p in ("education", "employment", "skills")
            for k, v in {
                "TOTAL_FORMS": "0",
                "INITIAL_FORMS": "0",
                "MIN_NUM_FORMS": "0",
                "MAX_NUM_FORMS": "1000",
            }.items()
        },
    }
    assert client.post(reverse("candidate_profile_edit"), data).status_code == 302
    ayesha.refresh_from_db()
    assert (ayesha.city, ayesha.city_other, ayesha.province) == ("bahawalpur", "", "PK-PB")

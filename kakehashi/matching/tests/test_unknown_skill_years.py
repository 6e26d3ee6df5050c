"""A skill whose years the profile does not know is stored as unknown (None), not 0, and no
page shows "0 years", "0.0/3.0" or "0年" for it (issue 12)."""

from decimal import Decimal

from django.urls import reverse

from kakehashi.candidates.models import CandidateSkill
from kakehashi.matching.adapters import candidate_features
from kakehashi.matching.store import index_rebuild


def test_unknown_years_reach_the_engine_as_no_years_and_known_ones_as_they_are(ayesha):
    CandidateSkill.objects.create(profile=ayesha, skill_id="docker", years=None, source="cv")
    CandidateSkill.objects.create(profile=ayesha, skill_id="python", years=Decimal("4.5"))
    [f] = candidate_features([ayesha.pk])
    assert {s.skill_id: s.years for s in f.skills} == {"docker": 0.0, "python": 4.5}


def test_the_shortlist_says_years_not_stated_instead_of_zero(
    client, ayesha, bilal, tanaka, sakura_job
):
    CandidateSkill.objects.create(profile=ayesha, skill_id="python", years=None, source="cv")
    CandidateSkill.objects.create(profile=bilal, skill_id="python", years=4)
    index_rebuild()
    client.force_login(tanaka)
    url = reverse("job_shortlist", args=[sakura_job.pk])
    html = client.get(url, {"compare": [ayesha.pk, bilal.pk]}).content.decode()
    assert "0.0/3.0" not in html and "0 y" not in html
    assert "years not stated" in html
    assert "4.0/3.0" in html  # a known figure is still shown
    table = html[html.index("Side by side") :]
    assert "4 y ✓" in table


def test_an_employer_never_sees_docker_with_zero_years(client, ayesha, tanaka):
    CandidateSkill.objects.create(profile=ayesha, skill_id="docker", years=None, source="cv")
    CandidateSkill.objects.create(profile=ayesha, skill_id="kubernetes", years=Decimal("0.4"))
    CandidateSkill.objects.create(profile=ayesha, skill_id="python", years=Decimal("3"))
    client.force_login(tanaka)
    url = reverse("candidate_detail", args=[ayesha.pk])
    for lang in ("en", "ja"):
        page = client.get(url, HTTP_ACCEPT_LANGUAGE=lang).content.decode()
        skills = page[page.index('<ul class="tags">') :]
        skills = skills[: skills.index("</ul>")]
        assert "Docker</li>" in skills
        assert "0年" not in skills and "0 year" not in skills
        assert "Python" in skills
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Kubernetes · under a year" in english
    assert "Python · 3 years" in english

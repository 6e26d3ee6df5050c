import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kakehashi.candidates.models import CandidateSkill, Education
from kakehashi.candidates.services import RowEdit, candidate_profile_review_save


def _management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_candidate_confirms_profile_rows_and_fields(client, ayesha, taxonomy_loaded):
    client.force_login(ayesha.user)
    data = {
        "headline": "ML engineer",
        "city": "lahore",
        "english_level": "business",
        **_management("education", 1),
        **_management("employment", 0),
        **_management("skills", 2),
        "education-0-level": "bachelor",
        "education-0-field": "Computer Science",
        "education-0-institution": "FAST-NUCES",
        "education-0-year": "2021",
        "skills-0-skill": "Python",
        "skills-0-years": "4",
        "skills-1-skill": "機械学習",
        "skills-1-years": "2",
    }
    response = client.post(reverse("candidate_profile_edit"), data)
    assert response.status_code == 302
    ayesha.refresh_from_db()
    assert {"headline", "city", "english_level"} <= set(ayesha.confirmed_fields)
    assert Education.objects.get(profile=ayesha).from_cv is False
    skills = {
        s.skill_id: (float(s.years), s.source)
        for s in CandidateSkill.objects.filter(profile=ayesha)
    }
    assert skills == {"python": (4.0, "confirmed"), "machine-learning": (2.0, "confirmed")}


def test_unknown_skill_and_reversed_dates_are_explained(client, ayesha, taxonomy_loaded):
    client.force_login(ayesha.user)
    data = {
        **_management("education", 0),
        **_management("employment", 1),
        **_management("skills", 1),
        "employment-0-title": "Engineer",
        "employment-0-employer_name": "Arbisoft",
        "employment-0-start": "2022-01-01",
        "employment-0-end": "2021-01-01",
        "skills-0-skill": "Klingon",
        "skills-0-years": "1",
    }
    html = client.post(reverse("candidate_profile_edit"), data).content.decode()
    assert "The end is before the start." in html
    assert "“Klingon” is not in the skills list." in html
    assert not CandidateSkill.objects.filter(profile=ayesha).exists()


def test_the_review_service_refuses_a_row_of_another_profile(ayesha, bilal):
    theirs = Education.objects.create(profile=bilal, level="bachelor", field="CS")
    with pytest.raises(PermissionDenied):
        candidate_profile_review_save(
            profile=ayesha,
            actor=ayesha.user,
            fields={},
            education=[RowEdit(row_id=theirs.pk, fields={"field": "Hacked"})],
        )
    theirs.refresh_from_db()
    assert theirs.field == "CS"


def test_the_review_page_shows_skill_names_not_ids_and_saves_them_back(
    client, ayesha, taxonomy_loaded
):
    row = CandidateSkill.objects.create(profile=ayesha, skill_id="gitlab-ci", years=None)
    client.force_login(ayesha.user)
    page = client.get(reverse("candidate_profile_edit")).content.decode()
    assert 'value="GitLab CI/CD"' in page and 'value="gitlab-ci"' not in page
    data = {
        "city": "lahore",
        "willing_to_relocate": "on",
        **_management("education", 0),
        **_management("employment", 0),
        **_management("skills", 1, initial=1),
        "skills-0-id": str(row.pk),
        "skills-0-skill": "GitLab CI/CD",
        "skills-0-years": "",
    }
    client.post(reverse("candidate_profile_edit"), data)
    row.refresh_from_db()
    assert (row.skill_id, row.years) == ("gitlab-ci", None)  # the name maps back to its id


def _skill_rows(*rows, initial=0):
    data = {
        "city": "lahore",
        **_management("education", 0),
        **_management("employment", 0),
        **_management("skills", len(rows), initial=initial),
    }
    for i, (skill, years) in enumerate(rows):
        data[f"skills-{i}-skill"] = skill
        data[f"skills-{i}-years"] = years
    return data


def test_any_taxonomy_alias_or_vendor_name_is_accepted(client, ayesha, taxonomy_loaded):
    client.force_login(ayesha.user)
    data = _skill_rows(("Amazon EKS", "2"), ("k8s-free", ""), ("ＤＯＣＫＥＲ", "1"))
    data["skills-1-skill"] = "GitHub Actions"
    response = client.post(reverse("candidate_profile_edit"), data)
    assert response.status_code == 302
    assert set(
        CandidateSkill.objects.filter(profile=ayesha).values_list("skill_id", flat=True)
    ) == {
        "kubernetes",
        "github-actions",
        "docker",
    }


def test_a_skill_listed_twice_names_both_rows(client, ayesha, taxonomy_loaded):
    client.force_login(ayesha.user)
    rows = [("Python", "3")] + [("", "")] * 10 + [("docker", "1")]
    rows[2] = ("Docker", "2")
    html = client.post(reverse("candidate_profile_edit"), _skill_rows(*rows)).content.decode()
    assert "Row 12: Docker is already listed (row 3)." in html
    assert "Please correct the duplicate data" not in html
    assert not CandidateSkill.objects.filter(profile=ayesha).exists()


def test_a_japanese_reader_sees_skill_names_in_japanese_and_the_picker(
    client, ayesha, taxonomy_loaded
):
    CandidateSkill.objects.create(profile=ayesha, skill_id="machine-learning", years=2)
    ayesha.user.language = "ja"
    ayesha.user.save(update_fields=["language"])
    client.force_login(ayesha.user)
    page = client.get(reverse("candidate_profile_edit")).content.decode()
    assert 'value="機械学習"' in page and 'value="machine-learning"' not in page
    assert 'data-testid="skill-picker"' in page and 'id="skills-empty-row"' in page


def test_the_picker_finds_a_skill_by_its_vendor_name_first(client, ayesha, taxonomy_loaded):
    client.force_login(ayesha.user)
    html = client.get(reverse("skill_search"), {"q": "Amazon EKS"}).content.decode()
    first = html.index("data-skill=")
    assert html[first:].startswith('data-skill="kubernetes" data-name="Kubernetes"')

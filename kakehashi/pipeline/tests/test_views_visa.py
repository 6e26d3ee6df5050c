import datetime as dt

from django.urls import reverse

from kakehashi.candidates.models import Education, Employment
from kakehashi.pipeline.services import application_create


def test_visa_page_assesses_routes_and_points_for_the_parties(
    client, ayesha, tanaka, yamada, sakura_job
):
    ayesha.date_of_birth = dt.date(1999, 5, 1)
    ayesha.jlpt_level = "N2"
    ayesha.save()
    Education.objects.create(
        profile=ayesha, level="master", field="Computer Science", institution="NUST", year=2023
    )
    Employment.objects.create(
        profile=ayesha, employer_name="Arbisoft", title="ML Engineer", start=dt.date(2021, 1, 1)
    )
    app = application_create(candidate=ayesha, job=sakura_job, actor=ayesha.user)

    client.force_login(tanaka)
    page = client.get(reverse("application_visa", args=[app.pk])).content.decode()
    assert 'data-testid="route-open"' in page  # the Engineer route opens with a CS master's
    total = int(page.split('data-testid="hsp-total">')[1].split("<")[0])
    assert total >= 20 + 10  # master's 20, JLPT N2 10, plus age and salary points

    client.force_login(yamada)
    assert client.get(reverse("application_visa", args=[app.pk])).status_code == 404


def test_visa_page_speaks_japanese(client, ayesha, tanaka, sakura_job):
    app = application_create(candidate=ayesha, job=sakura_job, actor=ayesha.user)
    tanaka.language = "ja"
    tanaka.save()
    client.force_login(tanaka)
    page = client.get(reverse("application_visa", args=[app.pk])).content.decode()
    assert "高度専門職" in page

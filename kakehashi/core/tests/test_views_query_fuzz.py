"""Every page that reads query parameters survives junk in each of them: a bad value is
ignored (its error shown), never a server error."""

import pytest
from django.urls import reverse

from kakehashi.candidates.models import CandidateSkill
from kakehashi.candidates.selectors import SHARE_PURPOSE
from kakehashi.candidates.services import consent_give
from kakehashi.matching.store import index_rebuild

JUNK = [
    "x",
    "N9",
    "-1",
    "0",
    "101",
    "1e999",
    "nan",
    "inf",
    "%00",
    "\x00",
    "a\r\nb",
    "²",  # a digit to str.isdigit, not to int()
    "١٢",  # Arabic-Indic digits
    "9" * 5000,  # longer than int() converts
    "x" * 20_000,
    " ",
    "",
]

# (url name, who is signed in, the page's query parameters)
PAGES = {
    "job_list": (None, ["q", "prefecture", "work_style", "jlpt", "skill"]),
    "job_shortlist": ("tanaka", ["jlpt", "city", "min_score", "compare"]),
    "skill_search": (None, ["q"]),
    "candidate_cv": ("ayesha", ["export"]),
    "report_supply": ("farhan", ["track", "province", "family"]),
    "report_funnel": ("farhan", ["date_from", "date_to", "by", "city", "track"]),
    "report_steps": ("farhan", ["date_from", "date_to"]),
    "report_training": ("farhan", ["grouping"]),
    "report_fairness": ("farhan", ["job", "flagged"]),
    "report_missions": ("farhan", ["date_from", "date_to", "mission"]),
}
CASES = [(page, param) for page, (_who, params) in PAGES.items() for param in params]


@pytest.fixture
def ranked(ayesha, sakura_job):
    """Ayesha is ranked for Sakura's job, so the shortlist's filters run on a row."""
    CandidateSkill.objects.create(profile=ayesha, skill_id="python", years=4)
    consent_give(profile=ayesha, purpose=SHARE_PURPOSE)
    index_rebuild()
    return sakura_job


def _url(page: str, job) -> str:
    return reverse(page, args=[job.pk]) if page == "job_shortlist" else reverse(page)


@pytest.mark.parametrize(("page", "param"), CASES, ids=[f"{p}-{q}" for p, q in CASES])
def test_junk_in_a_query_parameter_is_never_a_server_error(
    client, page, param, ranked, ayesha, tanaka, farhan
):
    who = PAGES[page][0]
    if who:
        client.force_login({"tanaka": tanaka, "ayesha": ayesha.user, "farhan": farhan}[who])
    url = _url(page, ranked)
    for value in JUNK:
        response = client.get(url, {param: value})
        assert response.status_code == 200, (param, value[:20])
    # Repeated, and every parameter junk at once.
    assert client.get(url, {param: JUNK}).status_code == 200
    everything = {p: "N9" for p in PAGES[page][1]}
    assert client.get(url, everything).status_code == 200


def test_a_bad_jlpt_filter_on_the_shortlist_is_ignored_and_said(client, ranked, ayesha, tanaka):
    client.force_login(tanaka)
    html = client.get(reverse("job_shortlist", args=[ranked.pk]), {"jlpt": "x"}).content.decode()
    assert f"Candidate #{ayesha.pk}" in html  # the filter is ignored ...
    assert 'role="alert"' in html and "JLPT at least" in html  # ... and the page says so


def test_a_score_out_of_range_is_ignored_and_said(client, ranked, ayesha, tanaka):
    client.force_login(tanaka)
    url = reverse("job_shortlist", args=[ranked.pk])
    html = client.get(url, {"min_score": "1e999"}).content.decode()
    assert f"Candidate #{ayesha.pk}" in html
    assert 'role="alert"' in html and "Score at least (%)" in html
    assert 'value="1e999"' not in html
    # A good value still filters.
    html = client.get(url, {"min_score": "100"}).content.decode()
    assert f"Candidate #{ayesha.pk}" not in html and 'role="alert"' not in html


def test_compare_takes_ids_of_ranked_candidates(client, ranked, ayesha, tanaka):
    client.force_login(tanaka)
    url = reverse("job_shortlist", args=[ranked.pk])
    assert "Side by side" in client.get(url, {"compare": [ayesha.pk]}).content.decode()
    html = client.get(url, {"compare": [str(ayesha.pk), "x"]}).content.decode()
    assert "Side by side" not in html and 'role="alert"' in html


def test_a_bad_job_board_filter_is_ignored_and_said(client, sakura_job):
    url = reverse("job_list")
    html = client.get(url, {"jlpt": "N9", "prefecture": "JP-99"}).content.decode()
    assert "機械学習エンジニア" in html  # both filters ignored
    assert 'role="alert"' in html and "My JLPT level" in html and "Prefecture" in html
    html = client.get(url, {"q": "Py\x00thon"}).content.decode()
    assert 'role="alert"' in html and "機械学習エンジニア" in html

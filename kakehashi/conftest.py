"""Fixed personas, as in healthchecks' tests: Alice owns, Bob is on her team, Charlie must
see nothing. Here: a candidate (Ayesha), an employer with two members (Tanaka, admin; Sato,
recruiter), an outsider company (Yamada), and ministry officers of each sub-role (Imran,
verifier; Nadia, mission organiser; Farhan, analyst)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone, translation

from kakehashi.accounts.models import User
from kakehashi.candidates import services as candidate_services
from kakehashi.candidates.models import ConsentText
from kakehashi.employers.models import (
    CompanyTerms,
    CompanyTermsAcceptance,
    Employer,
    EmployerMember,
)
from kakehashi.employers.selectors import company_terms_current
from kakehashi.jobs.models import Job, JobSkill
from kakehashi.taxonomy.models import Skill


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the 2,500-skill taxonomy into the test database once per session: each `db`
    test runs in a transaction rolled back at its end, so the rows committed here stay."""
    with django_db_blocker.unblock():
        call_command("taxonomy_load", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hashing a password the production way takes ~0.4 s; tests need none of its strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the (process-memory) cache: each test starts from none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _second_factor_only_where_tested(request, settings):
    """Tests sign officers in with client.force_login, which gives no second factor: two-step
    sign-in is enforced only in the tests marked `mfa` (kakehashi/accounts/tests), which
    sign in through the pages with a real code computed from the device's key."""
    settings.MFA_ENFORCED = request.node.get_closest_marker("mfa") is not None


@pytest.fixture
def taxonomy_loaded(db):
    # Transactional tests (transactional_db, live_server: the browser tests) flush every
    # table when they finish. pytest-django runs them after the `db` tests, but a selection
    # or another order may put a `db` test after one: reload then, inside this test's
    # transaction. A check is simpler and cheaper than serialized rollback, which would
    # serialize and restore the whole database around every transactional test.
    if not Skill.objects.exists():
        call_command("taxonomy_load", stdout=io.StringIO())


def make_open_job(employer: Employer, title: str = "Data engineer") -> Job:
    """A second open job, in English: Python (2 years required) and AWS, in Osaka."""
    job = Job.objects.create(
        employer=employer,
        title=title,
        description="Python and AWS, 2 years",
        status=Job.Status.OPEN,
        salary_min_jpy=4_500_000,
        salary_max_jpy=6_000_000,
        prefecture="JP-27",
    )
    JobSkill.objects.create(job=job, skill_id="python", required=True, min_years=2)
    return job


def make_employer(name: str, number: str, *, verified: bool = True) -> Employer:
    """A company; a verified one has also accepted the current programme terms."""
    employer = Employer.objects.create(
        name_en=f"{name} Co., Ltd.",
        name_ja=f"株式会社{name}",
        corporate_number=number,
        prefecture="JP-13",
        size=Employer.Size.SMALL,
        category=Employer.Category.OTHER,
        verification_status=(
            Employer.Verification.VERIFIED if verified else Employer.Verification.PENDING
        ),
    )
    if verified:
        # Transactional tests empty the tables: publish the terms again where they are gone.
        terms = company_terms_current() or CompanyTerms.objects.create(
            version=1, body_en="Programme terms", body_ja="利用規約"
        )
        CompanyTermsAcceptance.objects.create(
            employer=employer, terms=terms, accepted_at=timezone.now()
        )
    return employer


def make_member(employer: Employer, email: str, role: str = EmployerMember.Role.RECRUITER) -> User:
    user = User.objects.create_user(
        email, "pw-kakehashi-1", full_name=email.split("@")[0], role=User.Role.EMPLOYER
    )
    EmployerMember.objects.create(user=user, employer=employer, role=role)
    return user


@pytest.fixture
def sakura(db) -> Employer:
    return make_employer("Sakura", "1180301018771")


@pytest.fixture
def tanaka(sakura) -> User:
    return make_member(sakura, "tanaka@sakura.example", EmployerMember.Role.ADMIN)


@pytest.fixture
def sato(sakura) -> User:
    return make_member(sakura, "sato@sakura.example")


@pytest.fixture
def yamada(db) -> User:
    return make_member(make_employer("Fuji", "5010001008846"), "yamada@fuji.example")


@pytest.fixture
def imran(db) -> User:
    """A ministry verifier."""
    return make_officer("imran@moitt.example", "Imran Ali", User.FacilitatorRole.VERIFIER)


def make_officer(email: str, name: str, sub_role: str) -> User:
    return User.objects.create_user(
        email,
        "pw-kakehashi-1",
        full_name=name,
        role=User.Role.FACILITATOR,
        facilitator_role=sub_role,
        is_staff=True,
    )


@pytest.fixture
def nadia(db) -> User:
    """A ministry mission organiser."""
    return make_officer(
        "nadia@moitt.example", "Nadia Malik", User.FacilitatorRole.MISSION_ORGANISER
    )


@pytest.fixture
def farhan(db) -> User:
    """A ministry analyst: figures and blind lists, never one person's data."""
    return make_officer("farhan@moitt.example", "Farhan Siddiqui", User.FacilitatorRole.ANALYST)


def consenting(profile):
    """``profile`` after its candidate agreed to share with Japanese employers (applying and
    every company's view need it), publishing the text first where a transactional test
    emptied the tables."""
    if not ConsentText.objects.exists():
        candidate_services.consent_text_publish(
            purpose="share_jp_employers",
            body_en="Share with Japan (APPI).",
            body_ja="日本",
            body_ur="جاپان",
        )
    candidate_services.consent_give(profile=profile, purpose="share_jp_employers")
    profile.refresh_from_db()
    return profile


@pytest.fixture
def ayesha(db):
    """A candidate in Lahore who consents to share her profile with Japanese employers."""
    return consenting(
        candidate_services.candidate_register(
            email="ayesha@example.pk",
            email_confirmed=True,
            full_name="Ayesha Khan",
            password="pw-kakehashi-1",
            cnic="35202-1234567-2",
            city="lahore",
        )
    )


@pytest.fixture
def bilal(db):
    """A candidate in Karachi who consents to share his profile with Japanese employers."""
    return consenting(
        candidate_services.candidate_register(
            email="bilal@example.pk",
            email_confirmed=True,
            full_name="Bilal Ahmed",
            password="pw-kakehashi-1",
            cnic="42101-7654321-1",
            city="karachi",
        )
    )


@pytest.fixture
def zara(db):
    """A candidate in Islamabad who has registered but not consented to share with anyone."""
    return candidate_services.candidate_register(
        email="zara@example.pk",
        full_name="Zara Hussain",
        password="pw-kakehashi-1",
        cnic="61101-2345678-4",
        city="islamabad",
    )


@pytest.fixture
def sakura_job(sakura, taxonomy_loaded) -> Job:
    job = Job.objects.create(
        employer=sakura,
        title="機械学習エンジニア",
        description="【必須】Python 3年以上",
        description_language="ja",
        status=Job.Status.OPEN,
        salary_min_jpy=5_000_000,
        salary_max_jpy=8_000_000,
        prefecture="JP-13",
        jlpt_min="N3",
        start_date=dt.date(2027, 4, 1),
    )
    JobSkill.objects.create(job=job, skill_id="python", required=True, min_years=3)
    JobSkill.objects.create(job=job, skill_id="aws", required=False)
    return job


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts in the site's language: a page rendered in Japanese or Urdu by one
    test must not leave that language active for the next."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _isolated_var_and_index(settings, tmp_path):
    """Each test has its own var/ (uploads, matching index); the matching index is refreshed
    only in the tests that ask for it (`matching_live`)."""
    from kakehashi.matching import selectors, store, tasks, vectors

    settings.VAR_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private")},
        },
    }
    settings.MATCHING_INDEX_AUTO_REFRESH = False
    store.index_forget()
    selectors._PLANS.clear()
    selectors._PLANS_SCOPE[0] = None
    selectors._THRESHOLDS.clear()
    vectors.vectors_forget()
    yield
    assert tasks.background_wait(), "a background index thread did not finish"
    store.index_forget()


@pytest.fixture
def matching_live(settings):
    settings.MATCHING_INDEX_AUTO_REFRESH = True


@pytest.fixture
def consent_v1(transactional_db):
    # Transactional tests empty the tables between tests, so publish the text if it is gone.
    if not ConsentText.objects.exists():
        candidate_services.consent_text_publish(
            purpose="share_jp_employers",
            body_en="Share with Japan (APPI).",
            body_ja="日本",
            body_ur="جاپان",
        )

"""Realistic Pakistani CVs (written by the team, fictional people) in TXT, DOCX and PDF:
each field the parser extracts is asserted, with its evidence pointing at the CV text."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

import pytest

from engine.cv import ParsedCv, cv_from_json_resume, cv_parse, cv_to_json_resume
from engine.tests.test_cv_files import docx_bytes, pdf_bytes

TODAY = date(2026, 11, 1)


@dataclass
class Expect:
    name: str
    email: str
    phone: str
    city: str | None
    province: str | None
    links: dict[str, str] = field(default_factory=dict)  # kind -> url
    degrees: list[tuple[str, str | None, int | None]] = field(
        default_factory=list
    )  # level, inst id, year
    cgpa: float | None = None
    jobs: list[tuple[str | None, str | None]] = field(default_factory=list)  # employer, title
    months: int | None = None
    skills: set[str] = field(default_factory=set)
    certs: set[tuple[str, str | None]] = field(default_factory=set)  # kind, level
    languages: dict[str, str | None] = field(default_factory=dict)
    jft_score: int | None = None


AI = """Ayesha Siddiqui
Machine Learning Engineer
House 12, Street 4, F-10/2, Islamabad | +92 300 1234567 | ayesha.siddiqui@example.pk
github.com/ayesha-ml | https://www.linkedin.com/in/ayesha-siddiqui

SUMMARY
Machine learning engineer with 4+ years of experience building NLP and computer vision
systems in Python, PyTorch and TensorFlow. Preparing for work in Japan (JLPT N3).

WORK EXPERIENCE
Senior ML Engineer | Afiniti, Islamabad
Jan 2022 – Present
• Built a speech analytics pipeline with PyTorch and AWS SageMaker.
• Deployed models on Kubernetes with Docker.

Machine Learning Engineer at Arbisoft
Jul 2020 – Dec 2022
• Trained Urdu text classifiers with scikit-learn and TensorFlow (2 years).

Intern, Teradata Pakistan
06/2019 - 08/2019

EDUCATION
BS Computer Science, National University of Sciences and Technology (NUST), Islamabad
2016 – 2020 | CGPA: 3.61/4.00
FSc Pre-Engineering, Punjab Group of Colleges, Rawalpindi — 2016 — 89%

CERTIFICATIONS
JLPT N3 (2024)
AWS Certified Machine Learning – Specialty, 2023

LANGUAGES
Urdu – Native; English – Fluent; Japanese – N3"""

BACKEND = """MUHAMMAD HAMZA KHAN
Senior Backend Developer
Email: hamza.khan@example.com
Phone: 0321-4567890
Address: DHA Phase 5, Lahore, Punjab
GitHub: https://github.com/hamzakhan-dev

PROFILE
Backend developer (Python, Django, PostgreSQL, Redis) who ships payment APIs.

EXPERIENCE
Systems Limited — Senior Software Engineer
March 2021 – Present
Designed REST APIs in Django and FastAPI; PostgreSQL tuning; Celery workers.

10Pearls, Software Engineer
Aug 2018 – Feb 2021
Node.js and React features for a US fintech client.

EDUCATION
BSCS — FAST-NUCES Lahore, 2014 – 2018, CGPA 3.2/4

SKILLS
Python, Django, FastAPI, PostgreSQL, Redis, Docker, Git, React, Node.js

CERTIFICATIONS
ITEE FE exam passed, 2022"""

ANIMATION = """Zainab Raza
3D Animator & Rigging Artist
Karachi, Sindh • +92 333 2223344 • zainab.raza.3d@example.com
Showreel: https://vimeo.com/123456789
Portfolio: https://www.artstation.com/zainabraza

ABOUT ME
Character animator for TV series and mobile games. Maya, Blender, After Effects, ZBrush.

EXPERIENCE
Animator, Sharp Image Studios
2019-21
Keyframe animation for an animated feature film in Maya.

Lead Animator, Mindstorm Studios
2021 – Present
Animated characters for mobile games in Unity and Blender.

EDUCATION
BFA in Animation, Indus Valley School of Art and Architecture, 2019

LANGUAGES
Urdu: Native
English: Professional
Japanese: Basic"""

CLOUD = """Usman Tariq
Cloud & DevOps Engineer
Peshawar, Khyber Pakhtunkhwa | 091-5701234 | usman.tariq@example.org
linkedin.com/in/usman-tariq-devops

PROFESSIONAL SUMMARY
DevOps engineer with 6 years of experience on AWS, Azure and GCP: Terraform, Kubernetes,
CI/CD with Jenkins and GitHub Actions.

WORK HISTORY
DevOps Engineer, Jazz (Pakistan Mobile Communications Ltd)
Jan 2020 – Present

Cloud Engineer, PTCL
Jun 2018 – Dec 2020

EDUCATION
B.E. Computer Systems Engineering, UET Peshawar, 2018

CERTIFICATIONS
AWS Certified Solutions Architect – Associate (2021)
Microsoft Certified: Azure Administrator Associate (AZ-104), 2022
Google Cloud Professional Cloud Architect, 2023
CKA – Certified Kubernetes Administrator, 2023"""

FRESH = """Hira Batool
Junior Software Developer
Multan, Punjab | 0300 7654321 | hira.batool@example.pk

OBJECTIVE
Fresh graduate seeking a software developer role in Japan.

EDUCATION
BS Software Engineering
Bahauddin Zakariya University (BZU), Multan
2022 – 2026 | CGPA 3.45/4.00
Intermediate (ICS), Punjab College Multan, 2022

INTERNSHIPS
Software Development Intern, Techlogix
Jun 2025 – Aug 2025
Java and Spring Boot microservices.

CERTIFICATES
JFT-Basic score 215/250 (2025)
JLPT N4, 2025

LANGUAGES
Urdu (Native), English (Fluent), Japanese (JLPT N4)"""

GAMES = """Name: Ali Hassan Shah
Unity Game Developer
Islamabad | ali.shah@example.com | +923451112233
https://github.com/alishah-games | https://www.youtube.com/watch?v=abcdEFGhijk

EXPERIENCE
Game Developer at Tintash
Sep 2019 - Oct 2023
C# gameplay programming in Unity; shaders; multiplayer with Photon.

Senior Game Developer at Mindstorm Studios
Nov 2023 - Present
Unity, C#, Unreal Engine prototypes.

EDUCATION
MS Computer Science, COMSATS University Islamabad, 2022
BS Computer Science, COMSATS, 2019

LANGUAGES
English - fluent, Urdu - native"""

DATA = """Fatima Noor
Data Engineer
Faisalabad, Pakistan | fatima.noor@example.pk | 0341-2345678

SUMMARY
Data engineer: Apache Spark, Airflow, BigQuery and SQL pipelines on Google Cloud.

EXPERIENCE
Data Engineer | Motive (KeepTruckin) | 01/2022 - Present
Airflow DAGs, Spark jobs and BigQuery models.
Data Analyst | Jazz | 07/2019 - 12/2021
SQL reports and Power BI dashboards.

EDUCATION
MSc Statistics, University of Agriculture Faisalabad (UAF), 2019, CGPA 3.7/4.0

CERTIFICATIONS
Google Cloud Certified Professional Data Engineer (2023)"""

MOBILE = """Saad Mehmood
Mobile App Developer (Flutter)
Rawalpindi, Punjab
Cell: +92-312-9876543
E-mail: saad.mehmood@example.com

WORK EXPERIENCE
Flutter Developer – Ovex Technologies (Pvt) Ltd
2021 – Present
Flutter, Dart and Firebase apps for clients in Japan and the UAE.
Android Developer – Appiskey
2019 – 2021
Kotlin and Java Android apps.

EDUCATION
BSIT, Arid Agriculture University Rawalpindi (PMAS-AAUR), 2019

SKILLS
Flutter, Dart, Firebase, Kotlin, Java, Android, Git"""

CASES = {
    "ai": (
        AI,
        Expect(
            name="Ayesha Siddiqui",
            email="ayesha.siddiqui@example.pk",
            phone="+923001234567",
            city="islamabad",
            province="PK-IS",
            links={
                "github": "https://github.com/ayesha-ml",
                "linkedin": "https://www.linkedin.com/in/ayesha-siddiqui",
            },
            degrees=[("bachelor", "nust", 2020), ("intermediate", None, 2016)],
            cgpa=3.61,
            jobs=[
                ("Afiniti", "Senior ML Engineer"),
                ("Arbisoft", "Machine Learning Engineer"),
                ("Teradata Pakistan", "Intern"),
            ],
            months=79,
            skills={"python", "pytorch", "tensorflow", "kubernetes", "sagemaker", "scikit-learn"},
            certs={("jlpt", "N3"), ("aws", None)},
            languages={"ur": "native", "en": "fluent", "ja": "N3"},
        ),
    ),
    "backend": (
        BACKEND,
        Expect(
            name="MUHAMMAD HAMZA KHAN",
            email="hamza.khan@example.com",
            phone="+923214567890",
            city="lahore",
            province="PK-PB",
            links={"github": "https://github.com/hamzakhan-dev"},
            degrees=[("bachelor", "fast-lahore", 2018)],
            cgpa=3.2,
            jobs=[
                ("Systems Limited", "Senior Software Engineer"),
                ("10Pearls", "Software Engineer"),
            ],
            months=99,  # Aug 2018 – Oct 2026, today being 1 Nov 2026
            skills={"python", "django", "fastapi", "postgresql", "redis", "docker", "react"},
            certs={("itee", "FE")},
        ),
    ),
    "animation": (
        ANIMATION,
        Expect(
            name="Zainab Raza",
            email="zainab.raza.3d@example.com",
            phone="+923332223344",
            city="karachi",
            province="PK-SD",
            links={
                "showreel": "https://vimeo.com/123456789",
                "portfolio": "https://www.artstation.com/zainabraza",
            },
            degrees=[("bachelor", "ivs", 2019)],
            jobs=[("Sharp Image Studios", "Animator"), ("Mindstorm Studios", "Lead Animator")],
            months=(2026 - 2019) * 12 + 10,
            skills={"maya", "blender", "after-effects"},
            languages={"ur": "native", "en": "business", "ja": "basic"},
        ),
    ),
    "cloud": (
        CLOUD,
        Expect(
            name="Usman Tariq",
            email="usman.tariq@example.org",
            phone="+92915701234",
            city="peshawar",
            province="PK-KP",
            links={"linkedin": "https://linkedin.com/in/usman-tariq-devops"},
            degrees=[("bachelor", "uet-peshawar", 2018)],
            jobs=[("Jazz", "DevOps Engineer"), ("PTCL", "Cloud Engineer")],
            months=(2026 - 2018) * 12 + 10 - 5,
            skills={"aws", "azure", "terraform", "kubernetes", "jenkins"},
            certs={("aws", None), ("azure", "AZ-104"), ("gcp", None), ("kubernetes", "CKA")},
        ),
    ),
    "fresh": (
        FRESH,
        Expect(
            name="Hira Batool",
            email="hira.batool@example.pk",
            phone="+923007654321",
            city="multan",
            province="PK-PB",
            degrees=[("bachelor", "bzu", 2026), ("intermediate", None, 2022)],
            cgpa=3.45,
            jobs=[("Techlogix", "Software Development Intern")],
            months=3,
            skills={"java", "spring"},
            certs={("jft_basic", None), ("jlpt", "N4")},
            languages={"ur": "native", "en": "fluent", "ja": "N4"},
            jft_score=215,
        ),
    ),
    "games": (
        GAMES,
        Expect(
            name="Ali Hassan Shah",
            email="ali.shah@example.com",
            phone="+923451112233",
            city="islamabad",
            province="PK-IS",
            links={
                "github": "https://github.com/alishah-games",
                "showreel": "https://www.youtube.com/watch?v=abcdEFGhijk",
            },
            degrees=[("master", "comsats", 2022), ("bachelor", "comsats", 2019)],
            jobs=[("Tintash", "Game Developer"), ("Mindstorm Studios", "Senior Game Developer")],
            months=(2026 - 2019) * 12 + 2,
            skills={"unity", "csharp", "unreal-engine"},
            languages={"en": "fluent", "ur": "native"},
        ),
    ),
    "data": (
        DATA,
        Expect(
            name="Fatima Noor",
            email="fatima.noor@example.pk",
            phone="+923412345678",
            city="faisalabad",
            province="PK-PB",
            degrees=[("master", "uaf", 2019)],
            cgpa=3.7,
            jobs=[("Motive", "Data Engineer"), ("Jazz", "Data Analyst")],
            months=(2026 - 2019) * 12 + 4,
            skills={"apache-spark", "airflow", "bigquery", "sql"},
            certs={("gcp", None)},
        ),
    ),
    "mobile": (
        MOBILE,
        Expect(
            name="Saad Mehmood",
            email="saad.mehmood@example.com",
            phone="+923129876543",
            city="rawalpindi",
            province="PK-PB",
            degrees=[("bachelor", "uaar", 2019)],
            jobs=[
                ("Ovex Technologies (Pvt) Ltd", "Flutter Developer"),
                ("Appiskey", "Android Developer"),
            ],
            months=(2026 - 2019) * 12 + 10,
            skills={"flutter", "dart", "firebase", "kotlin"},
        ),
    ),
}


def _as(fmt: str, text: str) -> tuple[bytes, str]:
    if fmt == "txt":
        return text.encode(), "cv.txt"
    if fmt == "docx":
        return docx_bytes(text), "cv.docx"
    return pdf_bytes(text, lines_per_page=30), "cv.pdf"


def _check(parsed: ParsedCv, want: Expect) -> None:
    text = parsed.text
    assert parsed.name and parsed.name.value == want.name
    assert text[parsed.name.evidence.start : parsed.name.evidence.end] == want.name
    assert parsed.email and parsed.email.value == want.email
    assert [p.e164 for p in parsed.phones] == [want.phone]
    assert parsed.location and (parsed.location.city, parsed.location.province) == (
        want.city,
        want.province,
    )
    assert {link.kind: link.url for link in parsed.links} == want.links
    assert [(e.level, e.institution_id, e.year) for e in parsed.education] == want.degrees
    if want.cgpa is not None:
        assert parsed.education[0].cgpa == want.cgpa
    assert [(j.employer, j.title) for j in parsed.employment] == want.jobs
    assert parsed.experience_months == want.months
    assert want.skills <= {s.skill_id for s in parsed.skills}
    assert {(c.kind, c.level) for c in parsed.certifications} == want.certs
    assert {lang.code: lang.level for lang in parsed.languages} == want.languages
    if want.jft_score is not None:
        assert [c.score for c in parsed.certifications if c.kind == "jft_basic"] == [want.jft_score]
    for skill in parsed.skills:  # evidence is where the word is
        assert text[skill.evidence.start : skill.evidence.end] == skill.surface


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
@pytest.mark.parametrize("case", list(CASES))
def test_it_extracts_the_profile_from_each_format(case, fmt):
    text, want = CASES[case]
    data, filename = _as(fmt, text)
    _check(cv_parse(data, filename=filename, today=TODAY), want)


@pytest.mark.parametrize("case", list(CASES))
def test_json_resume_export_then_import_keeps_the_profile(case):
    text, _want = CASES[case]
    parsed = cv_parse(text.encode(), filename="cv.txt", today=TODAY)
    again = cv_from_json_resume(cv_to_json_resume(parsed), today=TODAY)
    assert again.name == parsed.name or (
        again.name and parsed.name and again.name.value == parsed.name.value
    )
    assert [p.e164 for p in again.phones] == [p.e164 for p in parsed.phones]
    assert (again.location and again.location.city) == (parsed.location and parsed.location.city)
    assert [(j.employer, j.title, j.start, j.end) for j in again.employment] == [
        (j.employer, j.title, j.start, j.end) for j in parsed.employment
    ]
    assert again.experience_months == parsed.experience_months
    assert [(e.level, e.year, e.institution_id) for e in again.education] == [
        (e.level, e.year, e.institution_id) for e in parsed.education
    ]
    assert {s.skill_id for s in parsed.skills} <= {s.skill_id for s in again.skills} | {"jlpt"}
    assert {lang.code: lang.level for lang in again.languages} == {
        lang.code: lang.level for lang in parsed.languages
    }


def test_json_resume_import_reads_the_schema_fields():
    resume = {
        "basics": {
            "name": "Omar Farooq",
            "email": "omar@example.pk",
            "phone": "0300-1112223",
            "location": {"city": "Karachi", "countryCode": "PK"},
            "profiles": [{"network": "GitHub", "url": "https://github.com/omarf"}],
        },
        "work": [
            {
                "name": "Careem",
                "position": "Backend Engineer",
                "startDate": "2020-02",
                "endDate": "2023-01",
            }
        ],
        "education": [
            {
                "institution": "NED University",
                "studyType": "Bachelor",
                "area": "Software Engineering",
                "endDate": "2019",
                "score": "3.4/4",
            }
        ],
        "skills": [{"name": "Backend", "keywords": ["Go", "Kubernetes", "PostgreSQL"]}],
        "certificates": [{"name": "JLPT N2", "date": "2024-12-01"}],
        "languages": [
            {"language": "Japanese", "fluency": "JLPT N2"},
            {"language": "Urdu", "fluency": "Native speaker"},
        ],
    }
    parsed = cv_from_json_resume(resume, today=TODAY)
    assert parsed.source_format == "json_resume"
    assert parsed.phones[0].e164 == "+923001112223"
    assert parsed.location and parsed.location.province == "PK-SD"
    assert parsed.employment[0].months == 36 and parsed.experience_months == 36
    assert parsed.education[0].institution_id == "ned" and parsed.education[0].cgpa == 3.4
    assert {"kubernetes", "postgresql"} <= {s.skill_id for s in parsed.skills}
    assert [(c.kind, c.level, c.year) for c in parsed.certifications] == [("jlpt", "N2", 2024)]
    assert {lang.code: lang.level for lang in parsed.languages} == {"ja": "N2", "ur": "native"}
    ev = parsed.employment[0].dates_evidence
    assert parsed.text[ev.start : ev.end] == "2020-02 – 2023-01"


def _full_resume() -> dict:
    return {
        "basics": {
            "name": "Omar Farooq",
            "label": "Backend Engineer",
            "email": "omar@example.pk",
            "summary": "Backend engineer.",
        },
        "work": [
            {
                "name": "Careem",
                "position": "Backend Engineer",
                "startDate": "2020-02",
                "summary": "Built payment services in Go.",
            }
        ],
        "skills": [
            {"name": "Go", "level": "3.5 years", "keywords": ["go"]},
            {"name": "React", "keywords": ["react"]},
        ],
        "certificates": [{"name": "JLPT", "date": "2024-12-01"}, {"name": "JLPT N3"}],
    }


def test_json_resume_import_reads_label_job_summary_skill_years_and_certificate_days():
    parsed = cv_from_json_resume(
        {
            **_full_resume(),
            "certificates": [{"name": "JLPT N2", "date": "2024-12-01"}, {"name": "JFT-Basic"}],
        },
        today=TODAY,
    )
    assert parsed.headline and parsed.headline.value == "Backend Engineer"
    assert parsed.employment[0].description
    assert parsed.employment[0].description.value == "Built payment services in Go."
    skills = {s.skill_id: s for s in parsed.skills}
    assert skills["go"].years == 3.5 and "react" in skills
    for skill in parsed.skills:
        assert parsed.text[skill.evidence.start : skill.evidence.end] == skill.surface
    assert [(c.kind, c.year, c.obtained_on) for c in parsed.certifications] == [
        ("jlpt", 2024, date(2024, 12, 1)),
        ("jft_basic", None, None),
    ]


def test_json_resume_export_writes_label_job_summary_skills_by_id_and_certificate_levels():
    parsed = cv_from_json_resume(_full_resume(), today=TODAY)
    parsed = replace(
        parsed,
        certifications=(
            replace(parsed.certifications[0], level="N2"),  # "JLPT" with its level apart
            parsed.certifications[1],
        ),
    )
    out = cv_to_json_resume(parsed)
    assert out["basics"]["label"] == "Backend Engineer"
    assert out["work"][0]["summary"] == "Built payment services in Go."
    assert {"name": "Go", "level": "3.5 years", "keywords": ["go"]} in out["skills"]
    assert {"name": "React", "keywords": ["react"]} in out["skills"]
    assert [(c["name"], c.get("date")) for c in out["certificates"]] == [
        ("JLPT N2", "2024-12-01"),
        ("JLPT N3", None),
    ]
    again = cv_from_json_resume(out, today=TODAY)
    assert again.headline == parsed.headline
    assert again.employment[0].description == parsed.employment[0].description
    assert {(s.skill_id, s.years) for s in again.skills} >= {("go", 3.5), ("react", None)}
    assert [(c.level, c.obtained_on) for c in again.certifications] == [
        ("N2", date(2024, 12, 1)),
        ("N3", None),
    ]


@pytest.mark.parametrize("case", list(CASES))
def test_json_resume_round_trip_keeps_every_skill_and_its_stated_years(case):
    parsed = cv_parse(CASES[case][0].encode(), filename="cv.txt", today=TODAY)
    again = cv_from_json_resume(cv_to_json_resume(parsed), today=TODAY)
    years = {s.skill_id: s.years for s in again.skills}
    assert {s.skill_id: s.years for s in parsed.skills if s.years is not None}.items() <= (
        years.items()
    )
    assert {s.skill_id for s in parsed.skills} <= years.keys()

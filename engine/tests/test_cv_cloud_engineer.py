"""A realistic 2-page PDF CV of a Pakistani cloud engineer, read end to end (issue 12).

Each test is one of the wrong results a new user saw: the English level with its IELTS
score, a skill's years from the jobs that used it, the headline, a HashiCorp certificate,
a certificate's month ("December 2024"), and no level written twice. The PDF is laid out by
reportlab the way a word processor would (title, headings, bold job lines, bullets), with a
page break before the education section.
"""

from __future__ import annotations

import io
import itertools
from datetime import date

import pytest

from engine.cv import ParsedCv, cv_parse, cv_to_json_resume

TODAY = date(2026, 12, 1)

CLOUD_ENGINEER_CV: list[tuple[str, str]] = [
    ("title", "Bilal Ahmed Qureshi"),
    ("p", "Senior Cloud Engineer"),
    ("p", "Lahore, Punjab | +92 321 4567890 | bilal.qureshi@example.pk"),
    ("p", "github.com/bilal-qureshi | linkedin.com/in/bilalqureshi"),
    ("h", "Professional Summary"),
    (
        "p",
        "Cloud engineer designing and running infrastructure on AWS and Google Cloud for "
        "fintech and telecom clients. I automate everything with Terraform and Ansible and run "
        "containerised workloads on Kubernetes.",
    ),
    ("h", "Work Experience"),
    ("job", "Senior Cloud Engineer, Systems Limited"),
    ("p", "Mar 2022 – Present"),
    ("li", "Migrated 40 microservices from virtual machines to Docker containers on Amazon EKS."),
    ("li", "Wrote Terraform modules for VPCs, IAM and RDS used by six product teams."),
    ("li", "Built CI/CD pipelines with GitHub Actions and Argo CD; releases now take hours."),
    ("job", "DevOps Engineer, NetSol Technologies"),
    ("p", "Jul 2019 – Feb 2022"),
    ("li", "Packaged Java services with Docker and ran them on Kubernetes clusters."),
    ("li", "Monitoring with Prometheus and Grafana; on call for production incidents."),
    ("job", "Junior System Administrator, PTCL"),
    ("p", "Aug 2018 – Jun 2019"),
    ("li", "Linux server administration, Bash scripting and backups."),
    ("pagebreak", ""),
    ("h", "Education"),
    ("p", "BS Computer Science, University of Engineering and Technology (UET) Lahore, 2018"),
    ("h", "Skills"),
    (
        "p",
        "AWS, Google Cloud, Terraform, Kubernetes, Docker, Ansible, Python, Bash, Linux, "
        "Prometheus, Grafana",
    ),
    ("h", "Certifications"),
    ("p", "HashiCorp Certified: Terraform Associate (003), March 2023"),
    ("p", "CKA – Certified Kubernetes Administrator, 2023"),
    ("p", "AWS Certified Solutions Architect – Associate, 2021"),
    ("h", "Languages"),
    ("p", "Urdu (native)"),
    ("p", "English (fluent, IELTS 7.5)"),
    ("p", "Japanese: JLPT N4, December 2024"),
]


def cloud_engineer_cv_pdf() -> bytes:
    """The CV above as a 2-page A4 PDF with a text layer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()
    style = {
        "title": styles["Title"],
        "h": styles["Heading2"],
        "job": styles["Heading4"],
        "p": styles["Normal"],
        "li": styles["Normal"],
    }
    story: list[object] = []
    for kind, text in CLOUD_ENGINEER_CV:
        if kind == "pagebreak":
            story.append(PageBreak())
            continue
        story.append(Paragraph(("• " if kind == "li" else "") + text, style[kind]))
        if kind == "title":
            story.append(Spacer(1, 6))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, title="CV", author="Bilal Ahmed Qureshi").build(story)
    return buf.getvalue()


@pytest.fixture(scope="module")
def parsed() -> ParsedCv:
    return cv_parse(cloud_engineer_cv_pdf(), filename="Bilal_Qureshi_CV.pdf", today=TODAY)


def test_the_pdf_is_two_pages_with_a_text_layer(parsed):
    assert parsed.pages == 2 and parsed.source_format == "pdf"
    assert parsed.name is not None and parsed.name.value == "Bilal Ahmed Qureshi"


def test_english_is_fluent_with_its_ielts_score_kept(parsed):
    english = next(lang for lang in parsed.languages if lang.code == "en")
    assert english.level == "fluent"
    assert (english.test, english.score) == ("IELTS", "7.5")
    assert parsed.text[english.evidence.start : english.evidence.end] == (
        "English (fluent, IELTS 7.5"
    )


def test_a_skill_takes_its_years_from_the_jobs_that_used_it(parsed):
    skills = {s.skill_id: s for s in parsed.skills}
    # Docker: Systems Limited (Mar 2022 - Nov 2026, 57 months) + NetSol (Jul 2019 - Feb 2022,
    # 32 months) = 89 months; the PTCL job does not mention it
    assert skills["docker"].years_in_jobs == 7.4
    assert skills["linux"].years_in_jobs == 0.9  # the PTCL job only
    # named in the Skills list only: unknown, not 0
    assert skills["python"].years is None and skills["python"].years_in_jobs is None


def test_the_headline_is_the_title_under_the_name(parsed):
    assert parsed.headline is not None and parsed.headline.value == "Senior Cloud Engineer"


def test_the_terraform_certificate_is_kept_with_its_month(parsed):
    terraform = next(c for c in parsed.certifications if c.kind == "hashicorp")
    assert terraform.name == "HashiCorp Certified: Terraform Associate (003)"
    assert terraform.issuer == "HashiCorp"
    assert (terraform.obtained_on, terraform.precision, terraform.year) == (
        date(2023, 3, 1),
        "month",
        2023,
    )


def test_jlpt_december_2024_is_that_month_not_new_year(parsed):
    jlpt = next(c for c in parsed.certifications if c.kind == "jlpt")
    assert (jlpt.level, jlpt.obtained_on, jlpt.precision) == ("N4", date(2024, 12, 1), "month")
    japanese = next(lang for lang in parsed.languages if lang.code == "ja")
    assert japanese.level == "N4"
    certificates = {c["name"]: c.get("date") for c in cv_to_json_resume(parsed)["certificates"]}
    assert certificates["JLPT N4"] == "2024-12"


def test_no_certificate_repeats_its_level(parsed):
    names = [c["name"] for c in cv_to_json_resume(parsed)["certificates"]]
    assert "CKA – Certified Kubernetes Administrator" in names
    for name in names:
        words = name.split()
        assert all(a != b for a, b in itertools.pairwise(words)), name


def test_the_jobs_have_titles_employers_and_dates(parsed):
    jobs = [(j.title, j.employer, j.start, j.current) for j in parsed.employment]
    assert jobs == [
        ("Senior Cloud Engineer", "Systems Limited", date(2022, 3, 1), True),
        ("DevOps Engineer", "NetSol Technologies", date(2019, 7, 1), False),
        ("Junior System Administrator", "PTCL", date(2018, 8, 1), False),
    ]
    assert parsed.experience_months == 100  # Aug 2018 - Nov 2026, gap Jul 2019 counted once

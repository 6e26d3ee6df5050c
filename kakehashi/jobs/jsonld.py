"""schema.org JobPosting for public job pages, so search engines list the jobs."""

from __future__ import annotations

import json

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from engine.geo import geo
from kakehashi.jobs.models import Job


def job_posting_jsonld(job: Job, *, url: str) -> dict:
    prefecture = next(p for p in geo().prefectures if p.code == job.prefecture)
    data: dict = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": job.title,
        "description": str(escape(job.description)).replace("\n", "<br>"),
        "datePosted": job.created_at.date().isoformat(),
        "employmentType": "FULL_TIME",
        "url": url,
        "hiringOrganization": {"@type": "Organization", "name": job.employer.name_en},
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressRegion": prefecture.name_en,
                "addressCountry": "JP",
            },
        },
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "JPY",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": job.salary_min_jpy,
                "maxValue": job.salary_max_jpy,
                "unitText": "YEAR",
            },
        },
        "totalJobOpenings": job.openings,
        "inLanguage": job.description_language,
        "applicantLocationRequirements": {"@type": "Country", "name": "Pakistan"},
    }
    if job.employer.website:
        data["hiringOrganization"]["sameAs"] = job.employer.website
    if job.work_style == Job.WorkStyle.REMOTE:
        data["jobLocationType"] = "TELECOMMUTE"
    if job.start_date:
        data["jobStartDate"] = job.start_date.isoformat()
    return data


def jsonld_script(data: dict) -> SafeString:
    # Escape "<" so that no text in the job can close the script element.
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')

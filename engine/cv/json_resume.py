"""JSON Resume (https://jsonresume.org/schema, v1.0.0) import and export.

Import renders the resume as text (one "label: value" line per value) so that every field
has evidence offsets like a parsed document, then fills the fields straight from the JSON.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from engine.cv.contact import links_find, phones_find
from engine.cv.credentials import certifications_find, language_code
from engine.cv.dates import DateRange, merged_months
from engine.cv.education import _level_at, institution_find
from engine.cv.errors import CvCorrupt, CvInvalidJsonResume, CvNothingFound
from engine.cv.layout import split_lines
from engine.cv.model import (
    Certification,
    Education,
    Employment,
    Evidence,
    Language,
    Link,
    Location,
    ParsedCv,
    Phone,
    Skill,
    TextValue,
)
from engine.cv.rules import cv_rules
from engine.cv.skills import skills_find
from engine.geo import geo
from engine.taxonomy import taxonomy

SCHEMA = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_YEARS = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*\+?\s*(?:years?|yrs?)\s*$", re.IGNORECASE)


#: A JSON Resume is 4 levels deep (resume > work > entry > highlights); far deeper is not one.
JSON_MAX_DEPTH = 32


def json_resume_load(data: bytes) -> Any:
    """The values in a .json upload, for ``cv_from_json_resume``. Raises ``CvCorrupt`` for
    bytes that are not JSON and ``CvInvalidJsonResume`` for JSON nested deeper than
    ``JSON_MAX_DEPTH`` levels (never a RecursionError: Python's decoder recurses per level)."""
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CvCorrupt(
            f"This JSON file is not valid JSON ({exc.__class__.__name__} near the "
            f"{'start' if not hasattr(exc, 'lineno') else f'line {exc.lineno}'}). "
            "Export your JSON Resume again, or upload a PDF or DOCX."
        ) from None
    except RecursionError:
        obj = None  # nested beyond the interpreter's limit: certainly too deep
    else:
        if _json_depth(obj) <= JSON_MAX_DEPTH:
            return obj
    raise CvInvalidJsonResume(
        f"This JSON file is nested more than {JSON_MAX_DEPTH} levels deep, so it is not a "
        "JSON Resume. Export your JSON Resume again, or upload a PDF or DOCX."
    )


def _json_depth(obj: Any) -> int:
    """How many arrays and objects deep ``obj`` goes (a loop, not recursion)."""
    deepest, stack = 0, [(obj, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children: Any = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        deepest = max(deepest, depth)
        if deepest > JSON_MAX_DEPTH:
            break
        stack.extend((child, depth + 1) for child in children)
    return deepest


class _Doc:
    """Text built line by line; ``add`` returns the evidence of the value just written."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.line = 1

    def add(self, label: str, value: str) -> Evidence:
        value = " ".join(str(value).split())
        prefix = f"{label}: " if label else ""
        start = self.pos + len(prefix)
        self.parts.append(prefix + value + "\n")
        ev = Evidence(start, start + len(value), self.line)
        self.pos += len(prefix) + len(value) + 1
        self.line += 1
        return ev

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _str(obj: dict[str, Any], key: str, path: str) -> str | None:
    value = obj.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, (str, int, float)):
        raise CvInvalidJsonResume(
            f"This JSON Resume has a {type(value).__name__} at {path}.{key} where text is "
            "expected. Check the file against jsonresume.org/schema."
        )
    return str(value).strip() or None


def _list(obj: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = obj.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise CvInvalidJsonResume(
            f"In this JSON Resume, '{key}' must be a list of objects. Check the file against "
            "jsonresume.org/schema."
        )
    return value


def _date(raw: str | None) -> tuple[date, str] | None:
    if not raw:
        return None
    m = _ISO_DATE.match(raw.strip())
    if not m:
        return None
    return date(int(m.group(1)), int(m.group(2) or 1), 1), ("month" if m.group(2) else "year")


def _day(raw: str | None) -> date | None:
    """The date of a full "YYYY-MM-DD", else None."""
    try:
        return date.fromisoformat(raw.strip()) if raw and len(raw.strip()) == 10 else None
    except ValueError:
        return None


def _years(level: str | None) -> float | None:
    """Years from a skill's level written as "3 years", "2.5 yrs", "4+ years"."""
    m = _YEARS.match(level or "")
    return float(m.group(1)) if m else None


@dataclass(frozen=True, slots=True)
class _Listed:
    surface: str  # the entry's name, else the id
    offset: int  # of ``surface`` in the skills line
    years: float | None  # from the entry's level ("3.0 years")


def _skills_listed(entries: list[dict[str, Any]]) -> tuple[str, dict[str, _Listed]]:
    """The skills line ("name, keyword, ...; ...") and the skills named by taxonomy id.

    A keyword that is a taxonomy id names that skill: ``cv_to_json_resume`` writes one entry
    per skill, ``{"name": "React", "level": "3.0 years", "keywords": ["react"]}``, so a skill
    comes back even where the text alone would not say it is one ("React" as a word).
    """
    parts: list[str] = []
    listed: dict[str, _Listed] = {}
    at = 0
    for entry in entries:
        name = " ".join((_str(entry, "name", "skills") or "").split())
        keywords = [" ".join(str(k).split()) for k in entry.get("keywords") or []]
        part = ", ".join(n for n in [name, *keywords] if n)
        years = _years(_str(entry, "level", "skills"))
        for k in keywords:
            if k in taxonomy() and k not in listed:
                surface = name or k
                listed[k] = _Listed(surface, at + part.index(surface), years)
        parts.append(part)
        at += len(part) + 2  # "; "
    return "; ".join(parts), listed


def cv_from_json_resume(obj: object, *, today: date | None = None) -> ParsedCv:
    """A ``ParsedCv`` from a JSON Resume object (already decoded from JSON).

    Raises ``CvInvalidJsonResume`` when ``obj`` is not shaped like a JSON Resume and
    ``CvNothingFound`` when it holds no CV details.
    """
    today = today or date.today()
    known = ("basics", "work", "education", "skills", "certificates", "languages", "projects")
    if not isinstance(obj, dict) or not any(k in obj for k in known):
        raise CvInvalidJsonResume()
    basics = obj.get("basics") or {}
    if not isinstance(basics, dict):
        raise CvInvalidJsonResume("In this JSON Resume, 'basics' must be an object.")
    rules = cv_rules()
    doc = _Doc()
    name = email = summary = headline = None
    phones: list[Phone] = []
    links: list[Link] = []
    location = None
    if v := _str(basics, "name", "basics"):
        name = TextValue(v, doc.add("Name", v))
    if v := _str(basics, "label", "basics"):
        headline = TextValue(v, doc.add("Title", v))
    if v := _str(basics, "email", "basics"):
        email = TextValue(v, doc.add("Email", v))
    if v := _str(basics, "phone", "basics"):
        ev = doc.add("Phone", v)
        found = phones_find(v, split_lines(v))
        phones = [Phone(p.e164, p.kind, p.raw, ev) for p in found[:1]]
    loc = basics.get("location") or {}
    if isinstance(loc, dict):
        city_raw = _str(loc, "city", "basics.location")
        region_raw = _str(loc, "region", "basics.location")
        raw = ", ".join(x for x in (city_raw, region_raw) if x)
        if raw:
            ev = doc.add("Location", raw)
            cm = rules.city_pattern.search(raw)
            pm = rules.province_pattern.search(raw)
            city = rules.city_by_alias[cm.group(0).lower()] if cm else None
            province = rules.province_by_alias[pm.group(0).lower()] if pm else None
            if city and not province:
                province = geo().city(city).province
            location = Location(raw, city, province, ev)
    urls = []
    if v := _str(basics, "url", "basics"):
        urls.append(v)
    urls += [u for p in _list(basics, "profiles") if (u := _str(p, "url", "basics.profiles"))]
    for url in urls:
        ev = doc.add("Link", url)
        for link in links_find(url, split_lines(url))[:1]:
            links.append(Link(link.kind, link.url, ev))
    if v := _str(basics, "summary", "basics"):
        summary = TextValue(" ".join(v.split()), doc.add("Summary", v))

    jobs: list[Employment] = []
    for job in _list(obj, "work"):
        employer = _str(job, "name", "work") or _str(job, "company", "work")
        title = _str(job, "position", "work")
        start = _date(_str(job, "startDate", "work"))
        end = _date(_str(job, "endDate", "work"))
        first = doc.pos
        line = doc.line
        ev_dates = doc.add(
            "Dates",
            f"{_str(job, 'startDate', 'work') or '?'} – {_str(job, 'endDate', 'work') or 'Present'}",
        )
        if employer:
            doc.add("Employer", employer)
        if title:
            doc.add("Title", title)
        description = None
        if v := _str(job, "summary", "work"):
            description = TextValue(" ".join(v.split()), doc.add("", v))
        for text in [str(h) for h in job.get("highlights") or []]:
            if text:
                doc.add("", text)
        months = None
        precision = start[1] if start else "year"
        if start:
            dr = DateRange(start[0], end[0] if end else None, precision, (0, 0), "")
            months = dr.months(today=today)
        jobs.append(
            Employment(
                employer=employer,
                title=title,
                start=start[0] if start else None,
                end=end[0] if end else None,
                current=start is not None and end is None,
                precision=precision,
                months=months,
                dates_raw=doc.text[ev_dates.start : ev_dates.end],
                evidence=Evidence(first, doc.pos - 1, line),
                dates_evidence=ev_dates,
                description=description,
            )
        )

    education: list[Education] = []
    for edu in _list(obj, "education"):
        study = _str(edu, "studyType", "education") or ""
        area = _str(edu, "area", "education")
        inst = _str(edu, "institution", "education")
        first, line = doc.pos, doc.line
        degree = " ".join(x for x in (study, area) if x)
        if degree:
            doc.add("Degree", degree)
        inst_id = None
        if inst:
            doc.add("Institution", inst)
            hit = institution_find(inst)
            inst_id = hit[1] if hit else None
        end = _date(_str(edu, "endDate", "education"))
        score = _str(edu, "score", "education")
        if end:
            doc.add("Graduated", str(end[0].year))
        cgpa = scale = None
        if score:
            doc.add("Score", score)
            m = re.match(r"^\s*(\d(?:\.\d+)?)\s*(?:/\s*(\d(?:\.\d+)?))?", score)
            if m and float(m.group(1)) <= float(m.group(2) or 4):
                cgpa, scale = float(m.group(1)), float(m.group(2) or 4)
        level = _level_at(study or degree)
        education.append(
            Education(
                level=level[0] if level else None,
                degree=degree,
                field=area,
                institution=inst,
                institution_id=inst_id,
                year=end[0].year if end else None,
                grade=score,
                cgpa=cgpa,
                cgpa_scale=scale,
                evidence=Evidence(first, max(first, doc.pos - 1), line),
            )
        )

    skills_line, listed = _skills_listed(_list(obj, "skills"))
    skills_ev = doc.add("Skills", skills_line) if skills_line else None

    certs: list[Certification] = []
    for c in _list(obj, "certificates"):
        cname = _str(c, "name", "certificates")
        if not cname:
            continue
        ev = doc.add("Certificate", cname)
        cdate_raw = _str(c, "date", "certificates")
        cdate = _date(cdate_raw)
        known_cert = certifications_find(cname, split_lines(cname))
        kind = known_cert[0] if known_cert else None
        certs.append(
            Certification(
                kind=kind.kind if kind else "other",
                name=cname,
                issuer=_str(c, "issuer", "certificates") or (kind.issuer if kind else ""),
                level=kind.level if kind else None,
                score=kind.score if kind else None,
                year=cdate[0].year if cdate else (kind.year if kind else None),
                evidence=ev,
                obtained_on=_day(cdate_raw)
                or (cdate[0] if cdate and cdate[1] == "month" else None),
                precision="day"
                if _day(cdate_raw)
                else ("month" if cdate and cdate[1] == "month" else None),
            )
        )

    langs: list[Language] = []
    for lang in _list(obj, "languages"):
        lname = _str(lang, "language", "languages")
        if not lname:
            continue
        fluency = _str(lang, "fluency", "languages") or ""
        ev = doc.add("Language", f"{lname} ({fluency})" if fluency else lname)
        code = language_code(lname)
        jlpt = re.search(r"\bN[1-5]\b", fluency)
        lvl = rules.level_pattern.search(fluency)
        lang_level = (
            jlpt.group(0)
            if jlpt and code == "ja"
            else rules.level_by_word[lvl.group(0).lower()]
            if lvl
            else None
        )
        langs.append(Language(code, lname, lang_level, ev))

    text = doc.text
    lines = split_lines(text)
    skills = [
        replace(s, years=listed[s.skill_id].years)
        if s.skill_id in listed and listed[s.skill_id].years is not None
        else s
        for s in skills_find(text, lines, tuple(jobs), today=today)
    ]
    extracted = {s.skill_id for s in skills}
    for skill_id, item in listed.items():
        if skill_id not in extracted and skills_ev is not None:
            at = skills_ev.start + item.offset
            ev = Evidence(at, at + len(item.surface), skills_ev.line)
            skills.append(
                Skill(
                    skill_id=skill_id,
                    surface=item.surface,
                    years=item.years,
                    years_in_jobs=None,
                    confidence=1.0,  # named by its id
                    mentions=1,
                    evidence=ev,
                )
            )
    months = (
        merged_months(
            [
                (
                    j.start,
                    DateRange(j.start, j.end, j.precision, (0, 0), "").end_exclusive(today=today),
                )
                for j in jobs
                if j.start
            ]
        )
        if any(j.start for j in jobs)
        else None
    )
    parsed = ParsedCv(
        text=text,
        source_format="json_resume",
        pages=None,
        name=name,
        email=email,
        phones=tuple(phones),
        location=location,
        links=tuple(links),
        summary=summary,
        education=tuple(education),
        employment=tuple(jobs),
        experience_months=months,
        experience_stated=None,
        skills=tuple(skills),
        certifications=tuple(certs),
        languages=tuple(langs),
        headline=headline,
    )
    if parsed.is_empty:
        raise CvNothingFound()
    return parsed


def _month(d: date | None, precision: str) -> str | None:
    if d is None:
        return None
    return f"{d.year:04d}" if precision == "year" else f"{d.year:04d}-{d.month:02d}"


def cv_to_json_resume(parsed: ParsedCv) -> dict[str, Any]:
    """A JSON Resume (v1.0.0) object for ``parsed``: the only JSON Resume writer (the
    platform's profile export adapts the profile to a ``ParsedCv``).

    One skills entry per skill: ``name`` as written, ``level`` the years stated ("3.0 years"),
    ``keywords`` the taxonomy id. A certificate's level joins its name unless the name says
    it already (the schema has no level); its ``date`` is the day when known, else the year.
    ``cv_from_json_resume`` reads all of this back.
    """
    basics: dict[str, Any] = {}
    if parsed.name:
        basics["name"] = parsed.name.value
    if parsed.headline:
        basics["label"] = parsed.headline.value
    if parsed.email:
        basics["email"] = parsed.email.value
    if parsed.phones:
        basics["phone"] = parsed.phones[0].e164
    if parsed.summary:
        basics["summary"] = parsed.summary.value
    if parsed.location:
        loc: dict[str, Any] = (
            {"countryCode": "PK"} if parsed.location.city or parsed.location.province else {}
        )
        if parsed.location.city:
            loc["city"] = geo().city(parsed.location.city).name_en
        elif parsed.location.raw:
            loc["city"] = parsed.location.raw
        if parsed.location.province:
            loc["region"] = geo().province(parsed.location.province).name_en
        basics["location"] = loc
    profiles = [
        {"network": link.kind.title() if link.kind != "linkedin" else "LinkedIn", "url": link.url}
        for link in parsed.links
    ]
    if profiles:
        basics["profiles"] = profiles
    work = []
    for job in parsed.employment:
        entry: dict[str, Any] = {}
        if job.employer:
            entry["name"] = job.employer
        if job.title:
            entry["position"] = job.title
        if s := _month(job.start, job.precision):
            entry["startDate"] = s
        if e := _month(job.end, job.precision):
            entry["endDate"] = e
        if job.description:
            entry["summary"] = job.description.value
        work.append(entry)
    education = []
    for edu in parsed.education:
        item: dict[str, Any] = {}
        if edu.institution:
            item["institution"] = edu.institution
        if edu.field:
            item["area"] = edu.field
        study = edu.degree
        if edu.field and study.endswith(edu.field):
            study = study[: -len(edu.field)].strip(" ,(-") or study
        item["studyType"] = study
        if edu.year:
            item["endDate"] = str(edu.year)
        if edu.cgpa is not None and edu.cgpa_scale:
            item["score"] = f"{edu.cgpa}/{edu.cgpa_scale}"
        elif edu.grade:
            item["score"] = edu.grade
        education.append(item)
    out: dict[str, Any] = {
        "$schema": SCHEMA,
        "basics": basics,
        "work": work,
        "education": education,
    }
    if parsed.skills:
        out["skills"] = [
            {
                "name": s.surface,
                **({"level": f"{s.years} years"} if s.years is not None else {}),
                "keywords": [s.skill_id],
            }
            for s in parsed.skills
        ]
    certificates = []
    for cert in parsed.certifications:
        name = cert.name
        if cert.level and not re.search(rf"\b{re.escape(cert.level)}\b", name, re.IGNORECASE):
            name = f"{name} {cert.level}"
        c: dict[str, Any] = {"name": name}
        if cert.issuer:
            c["issuer"] = cert.issuer
        if cert.obtained_on and cert.precision == "month":
            c["date"] = cert.obtained_on.isoformat()[:7]  # "2024-12": ISO 8601 month
        elif cert.obtained_on:
            c["date"] = cert.obtained_on.isoformat()
        elif cert.year:
            c["date"] = str(cert.year)
        certificates.append(c)
    if certificates:
        out["certificates"] = certificates
    if parsed.languages:
        out["languages"] = [
            {"language": lang.name, **({"fluency": lang.level} if lang.level else {})}
            for lang in parsed.languages
        ]
    return out

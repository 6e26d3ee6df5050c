"""Who and where: name, e-mail, phones (E.164), links, location, stated years of experience."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import phonenumbers

from engine.cv.layout import Line, Section, evidence
from engine.cv.model import Link, Location, Phone, TextValue
from engine.cv.rules import cv_rules
from engine.geo import geo
from engine.skills import skills_extract

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
URL = re.compile(
    r"(?:(?:https?://)|(?:www\.))[^\s<>()\[\]\"',;|]+"
    r"|(?<![\w@./-])(?:[a-z0-9-]+\.)?(?:" + "|".join(
        re.escape(h) for h in ("github.com", "gitlab.com", "bitbucket.org", "linkedin.com",
                               "vimeo.com", "youtube.com", "youtu.be", "artstation.com",
                               "behance.net", "dribbble.com", "kaggle.com", "huggingface.co",
                               "sketchfab.com", "medium.com", "stackoverflow.com")
    ) + r")/[^\s<>()\[\]\"',;|]*",
    re.IGNORECASE,
)  # fmt: skip
_NAME_LABEL = re.compile(r"^\s*(?:full\s+)?name\s*[:\-]\s*(?P<name>.+?)\s*$", re.IGNORECASE)
_HONORIFIC = re.compile(
    r"^(?:engr\.?|eng\.?|mr\.?|mrs\.?|ms\.?|miss|dr\.?|syed\b|hafiz\b)\s*", re.I
)
_NAME_TOKEN = re.compile(r"^(?:[A-Z][a-z'’.-]+|[A-Z]{2,}|[A-Z]\.?)$")
_NOT_NAME = {
    "curriculum", "vitae", "resume", "résumé", "cv", "profile", "contact", "address", "phone",
    "email", "mobile", "page", "personal", "information", "details", "the", "and", "of", "for",
    "in", "at", "with", "objective", "summary", "linkedin", "github", "street", "road", "town",
    "city", "pakistan", "india", "block", "sector", "house", "flat", "portfolio", "skills",
    "cell", "tel", "contacts", "description", "position", "positions", "work", "experience",
    "expirience", "home", "office", "updated", "dev", "web", "tools", "tech", "education",
}  # fmt: skip
_YEARS_STATED = re.compile(
    r"(?P<n>\d{1,2}(?:\.\d)?)\s*\+?\s*(?:years?|yrs?)(?:\s+and\s+\d{1,2}\s+months?)?"
    r"(?:\s+of)?(?:\s+\w+){0,4}?\s+(?:experience|exp\b)",
    re.IGNORECASE,
)


def email_find(text: str, lines: list[Line]) -> TextValue | None:
    m = EMAIL.search(text)
    if not m:
        return None
    return TextValue(m.group(0).rstrip("."), evidence(lines, m.start(), m.end()))


def phones_find(text: str, lines: list[Line]) -> tuple[Phone, ...]:
    """Valid Pakistani (or international, with +) numbers, normalised to E.164."""
    out: list[Phone] = []
    seen: set[str] = set()
    for match in phonenumbers.PhoneNumberMatcher(text, "PK", leniency=phonenumbers.Leniency.VALID):
        number = match.number
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        if e164 in seen:
            continue
        seen.add(e164)
        kind = phonenumbers.number_type(number)
        kind_name = (
            "mobile"
            if kind == phonenumbers.PhoneNumberType.MOBILE
            else "landline"
            if kind == phonenumbers.PhoneNumberType.FIXED_LINE
            else "other"
        )
        out.append(
            Phone(e164, kind_name, match.raw_string, evidence(lines, match.start, match.end))
        )
    return tuple(out)


def links_find(text: str, lines: list[Line]) -> tuple[Link, ...]:
    kinds = cv_rules().link_kinds
    out: list[Link] = []
    seen: set[str] = set()
    for m in URL.finditer(text):
        raw = m.group(0).rstrip(".:)")
        url = raw if raw.lower().startswith("http") else "https://" + raw
        try:
            host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
        except ValueError:  # "http://[broken": not a link we can keep
            continue
        if not host or "@" in raw:
            continue
        base = ".".join(host.split(".")[-2:])
        kind = kinds.get(host) or kinds.get(base) or "website"
        key = url.lower().rstrip("/")
        if key in seen:
            continue
        seen.add(key)
        out.append(Link(kind, url, evidence(lines, m.start(), m.start() + len(raw))))
    return tuple(out)


def _name_candidate(segment: str) -> str | None:
    seg = _HONORIFIC.sub("", segment.strip().strip("•|:,-– ").strip())
    words = seg.split()
    if not 2 <= len(words) <= 5 or len(seg) > 50:
        return None
    if any(ch.isdigit() or ch in "@/\\:;()[]{}|" for ch in seg):
        return None
    lowered = {w.lower().strip(".,") for w in words}
    rules = cv_rules()
    if lowered & _NOT_NAME or lowered & rules.title_words or lowered & rules.company_words:
        return None
    if lowered & rules.institution_words or rules.city_pattern.search(seg):
        return None
    if not all(_NAME_TOKEN.match(w) for w in words):
        return None
    if skills_extract(seg).mentions:  # "Python SQL", "React Native"
        return None
    if sum(1 for w in words if len(w.rstrip(".")) > 1) < 2:
        return None
    return seg


_SEGMENTS = re.compile(r"\s{3,}|\t+|\s+[|•·]\s+|\s+[-–]\s+")


def name_find(text: str, lines: list[Line], header: Section | None) -> TextValue | None:
    """The person's name: a "Name:" label, else the first line (or line segment) near the top
    that reads as 2–5 capitalised words and is nothing else (no title, company, place)."""
    for line in lines[:40]:
        m = _NAME_LABEL.match(line.text)
        if m and (name := _name_candidate(m.group("name"))):
            start = line.start + m.start("name")
            return TextValue(name, evidence(lines, start, start + len(m.group("name"))))
    scope = list(header.lines if header and header.lines else lines[:8])[:12]
    for line in scope:
        if not line.stripped:
            continue
        pos = 0
        for seg in _SEGMENTS.split(line.text[:300]):
            where = line.text.find(seg, pos)
            pos = where + len(seg)
            name = _name_candidate(seg)
            if name:
                start = line.start + where + seg.find(name)
                return TextValue(name, evidence(lines, start, start + len(name)))
    return None


def location_find(text: str, lines: list[Line], scope: list[Line]) -> Location | None:
    """The candidate's city and province from the contact lines at the top (an "Address:"
    line anywhere counts too)."""
    rules = cv_rules()
    address = [
        ln for ln in lines if re.match(r"\s*(?:address|location|city|based in)\b", ln.text, re.I)
    ]
    for line in address + scope:
        m = rules.city_pattern.search(line.text)
        p = rules.province_pattern.search(line.text)
        if not m and not p:
            continue
        city = rules.city_by_alias[m.group(0).lower()] if m else None
        province = rules.province_by_alias[p.group(0).lower()] if p else None
        if city and not province:
            province = geo().city(city).province
        hits = [x for x in (m, p) if x]
        start = min(x.start() for x in hits)
        end = max(x.end() for x in hits)
        # widen to "Gulberg III, Lahore, Punjab": the comma-separated run around the hit
        seg_start = max(line.text.rfind(sep, 0, start) for sep in ("|", "•", ":", "\t", "  "))
        seg_start = 0 if seg_start < 0 else seg_start + 1
        raw = line.text[seg_start:end].strip(" ,-")
        abs_start = line.start + line.text.find(raw, seg_start)
        return Location(raw, city, province, evidence(lines, abs_start, abs_start + len(raw)))
    return None


def experience_stated_find(text: str, lines: list[Line]) -> TextValue | None:
    m = _YEARS_STATED.search(text)
    if not m:
        return None
    return TextValue(m.group(0), evidence(lines, m.start(), m.end()))

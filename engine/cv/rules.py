"""The CV parser's data: section headings, degrees, places, links, certifications, languages
(``engine/data/cv_rules.json``) and Pakistani institutions (``engine/data/cv_institutions.json``)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from engine.levels import LanguageTest, language_tests

DATA = Path(__file__).resolve().parents[1] / "data"


@dataclass(frozen=True, slots=True)
class Institution:
    id: str
    name: str
    city: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CertRule:
    kind: str
    issuer: str
    patterns: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class CvRules:
    version: str
    headings: dict[str, str]  # normalised heading -> section
    degree_patterns: tuple[tuple[str, re.Pattern[str]], ...]  # (level, pattern), highest first
    degree_fields: dict[str, str]
    title_words: frozenset[str]
    company_words: frozenset[str]
    institution_words: frozenset[str]
    city_pattern: re.Pattern[str]
    city_by_alias: dict[str, str]
    province_pattern: re.Pattern[str]
    province_by_alias: dict[str, str]
    link_kinds: dict[str, str]
    certifications: tuple[CertRule, ...]
    language_pattern: re.Pattern[str]
    language_by_name: dict[str, str]
    level_pattern: re.Pattern[str]
    level_by_word: dict[str, str]
    language_tests: tuple[LanguageTest, ...]
    institutions: tuple[Institution, ...]
    institution_pattern_cs: re.Pattern[str]
    institution_pattern_i: re.Pattern[str]
    institution_by_alias: dict[str, str]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _names_pattern(names: list[str], flags: int = 0) -> re.Pattern[str]:
    """Whole-word alternation; all-capital abbreviations ("KP", "ISB") stay case-sensitive."""
    parts = [
        f"(?-i:{re.escape(n)})" if n.isupper() and flags & re.IGNORECASE else re.escape(n)
        for n in sorted(names, key=len, reverse=True)
    ]
    return re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w-])", flags)


def _patterns(raw: dict[str, Any]) -> tuple[re.Pattern[str], ...]:
    out = [re.compile(p, re.IGNORECASE) for p in raw.get("i", [])]
    out += [re.compile(p) for p in raw.get("cs", [])]
    return tuple(out)


@cache
def cv_rules() -> CvRules:
    """Read once per process."""
    raw = json.loads((DATA / "cv_rules.json").read_text(encoding="utf-8"))
    inst_raw = json.loads((DATA / "cv_institutions.json").read_text(encoding="utf-8"))
    headings = {h: section for section, names in raw["sections"].items() for h in names}
    degree_patterns = []
    for level in ("doctorate", "master", "bachelor", "diploma", "intermediate", "matric"):
        spec = raw["degrees"][level]
        if spec.get("i"):
            degree_patterns.append(
                (level, re.compile(rf"(?<![\w.])(?:{'|'.join(spec['i'])})", re.IGNORECASE))
            )
        if spec.get("cs"):
            degree_patterns.append(
                (level, re.compile(rf"(?<![\w.])(?:{_alternation(spec['cs'])})(?![\w])"))
            )
    city_by_alias = {a.lower(): code for code, names in raw["cities"].items() for a in names}
    province_by_alias = {a.lower(): code for code, names in raw["provinces"].items() for a in names}
    language_by_name = {n.lower(): code for code, names in raw["languages"].items() for n in names}
    level_by_word = {w: level for level, words in raw["language_levels"].items() for w in words}
    institutions = tuple(
        Institution(i["id"], i["name"], i["city"], tuple(i["aliases"]))
        for i in inst_raw["institutions"]
    )
    institution_by_alias: dict[str, str] = {}
    cs_names: list[str] = []
    i_names: list[str] = []
    for inst in institutions:
        for alias in (inst.name, *inst.aliases):
            # Abbreviations ("NUST", "UoK") must be written as such; full names in any case.
            if (len(alias) <= 8 and " " not in alias) or alias.isupper():
                cs_names.append(alias)
                institution_by_alias[alias] = inst.id
            else:
                i_names.append(alias)
                institution_by_alias[alias.lower()] = inst.id
    return CvRules(
        version=raw["version"],
        headings=headings,
        degree_patterns=tuple(degree_patterns),
        degree_fields=raw["degree_fields"],
        title_words=frozenset(raw["title_words"]),
        company_words=frozenset(raw["company_words"]),
        institution_words=frozenset(raw["institution_words"]),
        city_pattern=_names_pattern([a for n in raw["cities"].values() for a in n], re.IGNORECASE),
        city_by_alias=city_by_alias,
        province_pattern=_names_pattern(
            [a for n in raw["provinces"].values() for a in n], re.IGNORECASE
        ),
        province_by_alias=province_by_alias,
        link_kinds=raw["links"],
        certifications=tuple(
            CertRule(c["kind"], c["issuer"], _patterns(c)) for c in raw["certifications"]
        ),
        language_pattern=_names_pattern(
            [n for names in raw["languages"].values() for n in names], re.IGNORECASE
        ),
        language_by_name=language_by_name,
        level_pattern=_names_pattern(list(level_by_word), re.IGNORECASE),
        level_by_word=level_by_word,
        language_tests=language_tests(),
        institutions=institutions,
        institution_pattern_cs=_names_pattern(cs_names),
        institution_pattern_i=_names_pattern(i_names, re.IGNORECASE),
        institution_by_alias=institution_by_alias,
    )

"""Explanations: why a candidate scored what it did for a job, in data and in one sentence.

The sentence exists in Japanese, English and Urdu; it names the strongest components, the
matched and the missing must-have skills (by the taxonomy's English or Japanese name).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from engine.taxonomy import taxonomy

COMPONENT_LABELS: dict[str, dict[str, str]] = {
    "skills_required": {"en": "required skills", "ja": "必須スキル", "ur": "لازمی مہارتیں"},
    "skills_nice": {"en": "preferred skills", "ja": "歓迎スキル", "ur": "پسندیدہ مہارتیں"},
    "lexical": {"en": "words in common", "ja": "共通の語句", "ur": "مشترک الفاظ"},
    "experience": {"en": "experience", "ja": "経験年数", "ur": "تجربہ"},
    "japanese": {"en": "Japanese level", "ja": "日本語レベル", "ur": "جاپانی زبان"},
    "english": {"en": "English level", "ja": "英語力", "ur": "انگریزی زبان"},
    "education": {"en": "education", "ja": "学歴", "ur": "تعلیم"},
    "salary": {"en": "salary", "ja": "給与", "ur": "تنخواہ"},
    "location": {"en": "relocation", "ja": "勤務地", "ur": "مقام"},
    "availability": {"en": "start date", "ja": "入社可能日", "ur": "دستیابی"},
    "semantic": {"en": "profile text", "ja": "職務内容の近さ", "ur": "پروفائل کی مطابقت"},
}


@dataclass(frozen=True, slots=True)
class SkillMatch:
    """A required or preferred skill and the held skill that covers it.

    ``kind``: "exact" | "child" | "parent" | "sibling"; ``credit`` in [0, 1] after years;
    ``years``: years the candidate holds ``held_skill_id``; ``evidence``: where the CV shows it.
    """

    skill_id: str
    held_skill_id: str
    kind: str
    credit: float
    years: float
    required_years: float
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class Explanation:
    """Component values and effective weights (both in [0, 1]), skills and sentences."""

    components: Mapping[str, float]
    weights: Mapping[str, float]
    matched: tuple[SkillMatch, ...]
    missing: tuple[str, ...]  # must-have skill ids with no credit at all
    nice_matched: tuple[SkillMatch, ...]
    sentences: Mapping[str, str]  # "ja" | "en" | "ur" -> one sentence
    weights_version: str
    #: components left out because the candidate's datum is unknown (weights renormalised)
    unknown: tuple[str, ...] = ()
    #: where the JLPT level scored comes from: "verified" certificate, "declared", "" (none)
    jlpt_source: str = ""


def _skill_name(skill_id: str, lang: str) -> str:
    tax = taxonomy()
    if skill_id not in tax:
        return skill_id
    skill = tax.get(skill_id)
    return skill.name_ja or skill.name_en if lang == "ja" else skill.name_en


def explanation_sentences(
    score: float,
    components: Mapping[str, float],
    weights: Mapping[str, float],
    matched: tuple[SkillMatch, ...],
    missing: tuple[str, ...],
    *,
    unknown: tuple[str, ...] = (),
) -> dict[str, str]:
    """One readable sentence per language: score, two strongest parts, skills, gaps, and
    the parts not scored for want of data."""
    contrib = sorted(
        (c for c in components if weights.get(c, 0) > 0),
        key=lambda c: (-weights[c] * components[c], c),
    )
    top = contrib[:2]
    pct = round(100 * score)
    out: dict[str, str] = {}
    for lang in ("en", "ja", "ur"):
        labels = [COMPONENT_LABELS[c][lang] for c in top]
        have = [_skill_name(m.skill_id, lang) for m in matched if m.credit > 0][:4]
        lack = [_skill_name(s, lang) for s in missing][:3]
        blank = [COMPONENT_LABELS[c][lang] for c in unknown]
        if lang == "en":
            text = f"{pct}% match, strongest on {' and '.join(labels)}"
            if have:
                text += f"; has {', '.join(have)}"
            if lack:
                text += f"; missing {', '.join(lack)}"
            if blank:
                text += f"; not scored (not in the profile): {', '.join(blank)}"
            text += "."
        elif lang == "ja":
            text = f"適合度{pct}%。特に{'と'.join(labels)}が合致"
            if have:
                text += f"。{('、'.join(have))}あり"
            if lack:
                text += f"。不足: {'、'.join(lack)}"
            if blank:
                text += f"。未評価（プロフィールに記載なし）: {'、'.join(blank)}"
            text += "。"
        else:
            text = f"{pct}% مطابقت، سب سے زیادہ {' اور '.join(labels)} میں"
            if have:
                text += f"؛ موجود: {'، '.join(have)}"
            if lack:
                text += f"؛ کمی: {'، '.join(lack)}"
            if blank:
                text += f"؛ شامل نہیں (پروفائل میں درج نہیں): {'، '.join(blank)}"
            text += "۔"
        out[lang] = text
    return out

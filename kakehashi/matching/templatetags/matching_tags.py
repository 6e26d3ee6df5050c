from django import template
from django.utils.translation import get_language

from engine.matching.explain import COMPONENT_LABELS
from engine.taxonomy import taxonomy

register = template.Library()


def _lang() -> str:
    lang = get_language() or "en"
    return lang if lang in ("en", "ja", "ur") else "en"


@register.filter
def skill_name(skill_id: str) -> str:
    tax = taxonomy()
    if skill_id not in tax:
        return skill_id
    s = tax.get(skill_id)
    return s.name_ja if _lang() == "ja" and s.name_ja else s.name_en


@register.filter
def component_label(name: str) -> str:
    return COMPONENT_LABELS.get(name, {}).get(_lang(), name)


@register.filter
def percent(value: float) -> int:
    return round(100 * float(value))


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None

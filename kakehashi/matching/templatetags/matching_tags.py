from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from engine.matching.explain import COMPONENT_LABELS
from engine.taxonomy import taxonomy
from kakehashi.core.templatetags.locale_format import yen_range

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


EFFORT_LABELS = {
    "jlpt_step": _("one JLPT level: the test is held twice a year"),
    "framework": _("a framework of a language you know: a few weeks"),
    "certificate": _("a cloud platform: an associate certification, two to three months"),
    "related": _("next to a skill you have: one to three months"),
    "new_area": _("a new area: three to six months"),
}


@register.filter
def effort_label(effort: str) -> str:
    return str(EFFORT_LABELS.get(effort, ""))


# "¥4,000,000–¥6,000,000", isolated left to right (core's locale_format).
register.filter("yen_range", yen_range)

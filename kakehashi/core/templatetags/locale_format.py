"""Values that must read the same in every language and direction.

``{% load locale_format %}``:

- ``{{ offer.salary_jpy|yen }}``: "¥6,500,000", thousands grouped in the reader's format
  (kakehashi/formats), isolated left to right: in an Urdu sentence the digits after Arabic
  letters would otherwise be reordered and the ¥ land after the number ("6500000¥").
- ``{{ job.salary_min_jpy|yen_range:job.salary_max_jpy }}``: "¥4,000,000–¥6,000,000"
  (either end may be missing).
- ``{{ leg.get_city_display|urdu_marked }}``: "Lahore / لاہور" with the Urdu run marked
  ``lang="ur"``, so it gets the Nastaliq font and the tall line it needs (site.css) inside an
  English or Japanese line, and is isolated from the Latin beside it.
- ``{{ profile.phone|ltr }}``: a phone number, e-mail, CNIC or code isolated left to right
  ("+923215550147", not "923215550147+" in an Urdu page).
- ``{{ field.help_text|ltr_runs }}``: in a right-to-left page, every number, CNIC, phone or
  e-mail inside a sentence isolated left to right (the example "12345-1234567-1" in an Urdu
  help text otherwise shows its groups in reverse order); unchanged in other languages.
"""

from __future__ import annotations

import re

from django import template
from django.utils.formats import number_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_bidi

register = template.Library()

# Arabic-script letters (Urdu uses the Arabic block and its presentation forms), with the
# spaces and marks between words of one run.
_URDU_RUN = re.compile(
    r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]"
    r"(?:[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF\u200C\u200D ]*"
    r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF])?"
)


# Numbers with their separators (12345-1234567-1, +92 321 5550147, 2026-02-12, 09:00) and
# e-mail addresses, in text already escaped: never the digits of an entity (&#x27;, &#39;) or
# of a word (N3).
_LTR_RUN = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<![\w#])\+?\d(?:[\d\-/.:, ]*\d)?")


_TAG = re.compile(r"(<[^>]*>)")


def yen_text(amount: int) -> str:
    """``amount`` in yen as plain text, thousands grouped in the active language."""
    return f"¥{number_format(int(amount), force_grouping=True)}"


@register.filter
def yen(amount: int | None) -> SafeString | str:
    if amount is None or amount == "":
        return ""
    return format_html('<bdi dir="ltr" class="num">{}</bdi>', yen_text(amount))


@register.filter
def yen_range(low: int | None, high: int | None) -> SafeString | str:
    parts = [yen_text(v) for v in (low, high) if v]
    if not parts:
        return ""
    return format_html('<bdi dir="ltr" class="num">{}</bdi>', "–".join(parts))


@register.filter
def urdu_marked(text: object) -> SafeString:
    escaped = str(conditional_escape("" if text is None else text))
    return mark_safe(_URDU_RUN.sub(lambda m: f'<bdi lang="ur">{m.group(0)}</bdi>', escaped))


@register.filter
def ltr(value: object) -> SafeString | str:
    if value is None or value == "":
        return ""
    return format_html('<bdi dir="ltr">{}</bdi>', value)


@register.filter
def ltr_runs(text: object) -> SafeString | str:
    if text is None or text == "":
        return ""
    escaped = str(conditional_escape(text))
    if not get_language_bidi():
        return mark_safe(escaped)
    # Only text between tags (an error list is HTML): never the digits of an attribute.
    parts = _TAG.split(escaped)
    return mark_safe("".join(p if p.startswith("<") else _LTR_RUN.sub(_ltr_run, p) for p in parts))


def _ltr_run(match: re.Match) -> str:
    run = match.group(0)
    # A number is never broken at its hyphens (an e-mail may wrap on a narrow screen).
    kind = "" if "@" in run else ' class="num"'
    return f'<bdi dir="ltr"{kind}>{run}</bdi>'


@register.simple_tag
def upload_limit_attrs() -> SafeString:
    """Attributes for <body>: the largest upload (bytes) and its refusal in the reader's
    language, so that site.js refuses a too-large file before it is sent (the server refuses
    it again by its Content-Length: core.middleware)."""
    from django.conf import settings
    from django.template.defaultfilters import filesizeformat
    from django.utils.translation import gettext

    message = gettext(
        "This file is too large: the largest file we accept is %(limit)s. Choose a smaller "
        "file (a PDF without embedded pictures is usually small)."
    ) % {"limit": filesizeformat(settings.UPLOAD_MAX_BYTES)}
    return format_html(
        'data-upload-max-bytes="{}" data-upload-too-large="{}"', settings.UPLOAD_MAX_BYTES, message
    )

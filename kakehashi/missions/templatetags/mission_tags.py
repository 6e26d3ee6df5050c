import segno
from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def qr_svg(code: str) -> str:
    """A small inline SVG QR code of a check-in code, for the desk's scanner."""
    svg = segno.make(code, micro=False).svg_inline(scale=3, dark="#1d2433")
    return mark_safe(svg)  # generated from our own code string, no user HTML

"""Validators shared by the models and forms of every app."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Control characters (CR, LF, tab, NUL, ...) and the Unicode line and paragraph separators.
# Format characters (Cf) stay allowed: Urdu and emoji need the zero-width joiners.
_REFUSED = {"Cc", "Zl", "Zp"}


def single_line(value: str) -> None:
    """Refuse line breaks and other control characters in a one-line text (a name, a title):
    they would break an e-mail's subject, a CSV row or the page around the text."""
    if any(unicodedata.category(c) in _REFUSED for c in value):
        raise ValidationError(
            _(
                "Write this on one line: line breaks, tabs and other control characters are not allowed."
            ),
            code="single_line",
        )

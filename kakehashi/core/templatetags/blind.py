from django import template

from engine.blind import personal_data_scrub

register = template.Library()


@register.filter
def contacts_hidden(text: str) -> str:
    """A short text shown on blind lists (a headline) without e-mails, phones or links."""
    return personal_data_scrub(text or "")

from django import forms
from django.utils.translation import gettext_lazy as _

from kakehashi.core.forms import QueryForm


class SkillSearchForm(QueryForm):
    q = forms.CharField(label=_("Skill"), max_length=100, required=False)

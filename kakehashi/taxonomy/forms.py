from django import forms
from django.utils.translation import gettext_lazy as _

from kakehashi.core.forms import QueryForm
from kakehashi.core.validators import single_line


class SkillSearchForm(QueryForm):
    q = forms.CharField(label=_("Skill"), max_length=100, required=False, validators=[single_line])

from django import forms
from django.utils.translation import gettext_lazy as _

from kakehashi.core.choices import JLPT_CHOICES, city_choices
from kakehashi.core.forms import QueryForm, row_id

COMPARE_MAX = 4


class CandidateIdsField(forms.Field):
    """Candidate ids ticked on the page (a repeated parameter), at most ``COMPARE_MAX``."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[int]:
        if not value:
            return []
        ids = [row_id(v) for v in value]
        if None in ids:
            raise forms.ValidationError(_("Tick the candidates to compare in the list."))
        if len(value) > COMPARE_MAX:
            raise forms.ValidationError(
                _("Compare at most %(n)d candidates at a time.") % {"n": COMPARE_MAX}
            )
        return ids


class ShortlistFilterForm(QueryForm):
    jlpt = forms.ChoiceField(label=_("JLPT at least"), choices=JLPT_CHOICES, required=False)
    city = forms.ChoiceField(label=_("City"), choices=city_choices, required=False)
    min_score = forms.IntegerField(
        label=_("Score at least (%)"), min_value=0, max_value=100, required=False
    )
    compare = CandidateIdsField(label=_("Compare the ticked candidates"), required=False)

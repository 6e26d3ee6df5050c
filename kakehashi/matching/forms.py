from django import forms
from django.utils.translation import gettext_lazy as _

from kakehashi.core.choices import JLPT_CHOICES, city_choices
from kakehashi.core.forms import QueryForm, row_id

COMPARE_MAX = 4
#: Ranked candidates on one page of the shortlist.
SHORTLIST_PAGE_SIZE = 10
#: The most candidates one bulk action may be applied to (a page of the ranked list, twice).
BULK_MAX = 2 * SHORTLIST_PAGE_SIZE


class CandidateIdsField(forms.Field):
    """Candidate ids ticked on the page (a repeated parameter), at most ``COMPARE_MAX``."""

    widget = forms.MultipleHiddenInput
    most = COMPARE_MAX

    def to_python(self, value) -> list[int]:
        if not value:
            return []
        ids = [row_id(v) for v in value]
        if None in ids:
            raise forms.ValidationError(_("Tick the candidates to compare in the list."))
        if len(value) > self.most:
            raise forms.ValidationError(self.too_many_message())
        return ids

    def too_many_message(self) -> str:
        return _("Compare at most %(n)d candidates at a time.") % {"n": self.most}


class BulkCandidateIdsField(CandidateIdsField):
    most = BULK_MAX

    def to_python(self, value) -> list[int]:
        ids = super().to_python(value)
        if not ids:
            raise forms.ValidationError(_("Tick at least one candidate in the list first."))
        return ids

    def too_many_message(self) -> str:
        return _("Tick at most %(n)d candidates for one action.") % {"n": self.most}


class ShortlistFilterForm(QueryForm):
    jlpt = forms.ChoiceField(label=_("JLPT at least"), choices=JLPT_CHOICES, required=False)
    city = forms.ChoiceField(label=_("City"), choices=city_choices, required=False)
    min_score = forms.IntegerField(
        label=_("Score at least (%)"), min_value=0, max_value=100, required=False
    )
    compare = CandidateIdsField(label=_("Compare the ticked candidates"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=[
            ("score", _("Score")),
            ("experience", _("Experience")),
            ("jlpt", _("JLPT level")),
        ],
        required=False,
    )
    page = forms.IntegerField(label=_("Page"), min_value=1, required=False)


class ShortlistBulkForm(forms.Form):
    """A bulk action on the candidates ticked in the ranked list (the action is in the URL)."""

    compare = BulkCandidateIdsField(label=_("Ticked candidates"))
    reason = forms.ChoiceField(label=_("Reason"), required=False)

    def __init__(self, *args, action: str, reasons, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        self.fields["reason"].choices = [("", "—"), *reasons]

    def clean(self):
        data = super().clean()
        if self.action == "reject" and not data.get("reason"):
            self.add_error("reason", _("Choose a reason for rejecting the ticked candidates."))
        return data

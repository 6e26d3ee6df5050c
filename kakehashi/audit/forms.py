from django import forms
from django.utils.translation import gettext_lazy as _

from kakehashi.audit.labels import PURPOSE_LABELS
from kakehashi.core.forms import QueryForm
from kakehashi.core.validators import single_line


class AccessFilterForm(QueryForm):
    """The audit viewer's filters (GET)."""

    candidate = forms.IntegerField(label=_("Candidate no."), min_value=1, required=False)
    company = forms.CharField(
        label=_("Company"), max_length=100, required=False, validators=[single_line]
    )
    viewer = forms.CharField(
        label=_("Viewer's e-mail"), max_length=100, required=False, validators=[single_line]
    )
    purpose = forms.ChoiceField(
        label=_("What they did"),
        choices=[("", _("Any")), *PURPOSE_LABELS.items()],
        required=False,
    )
    to_japan = forms.NullBooleanField(
        label=_("Sent to Japan"),
        required=False,
        widget=forms.Select(choices=[("", _("Either")), ("true", _("Yes")), ("false", _("No"))]),
    )
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    format = forms.ChoiceField(
        choices=[("", "page"), ("csv", "CSV"), ("xlsx", "XLSX")], required=False
    )

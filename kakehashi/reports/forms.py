"""Each report page's query parameters (core.forms.QueryForm: a bad value is dropped and the
page says so)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kakehashi.core.choices import city_choices, province_choices
from kakehashi.core.forms import QueryForm, row_id
from kakehashi.reports.labels import TRACK_LABELS, family_label
from kakehashi.taxonomy.models import SkillCategory


def _blank(choices) -> list:
    return [("", _("All")), *choices]


def _track_choices() -> list:
    return _blank(list(TRACK_LABELS.items()))


class RowIdField(forms.Field):
    """A row id typed or chosen (None when empty); junk is a readable error."""

    def to_python(self, value):
        text = str(value or "").strip()
        if not text:
            return None
        number = row_id(text)
        if number is None:
            raise forms.ValidationError(_("Choose one from the list."))
        return number


class PeriodForm(QueryForm):
    date_from = forms.DateField(label=_("From"), required=False)
    date_to = forms.DateField(label=_("To"), required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end of the period comes before its start."))
            data.pop("date_to", None)
        return data


class SupplyFilterForm(QueryForm):
    track = forms.ChoiceField(label=_("Track"), choices=_track_choices, required=False)
    province = forms.ChoiceField(
        label=_("Province of the candidate"),
        choices=lambda: _blank(province_choices()),
        required=False,
    )
    family = forms.ChoiceField(
        label=_("Skill family"),
        choices=lambda: _blank([(c.pk, family_label(c)) for c in SkillCategory.objects.all()]),
        required=False,
    )


FUNNEL_GROUPS = [
    ("", _("No breakdown")),
    ("employer", _("Employer")),
    ("mission", _("Mission")),
    ("city", _("City")),
    ("track", _("Track")),
    ("month", _("Month of registration")),
]


class FunnelFilterForm(PeriodForm):
    by = forms.ChoiceField(label=_("Break down by"), choices=FUNNEL_GROUPS, required=False)
    city = forms.ChoiceField(
        label=_("City"), choices=lambda: _blank(city_choices()), required=False
    )
    track = forms.ChoiceField(label=_("Track"), choices=_track_choices, required=False)


class StepsFilterForm(PeriodForm):
    pass


class TrainingFilterForm(QueryForm):
    grouping = forms.ChoiceField(
        label=_("Group"),
        choices=[("city_track", _("City and track")), ("city", _("City")), ("track", _("Track"))],
        required=False,
    )


class FairnessFilterForm(QueryForm):
    job = RowIdField(label=_("Job number (for its top-k)"), required=False)
    flagged = forms.BooleanField(label=_("Only flagged"), required=False)


class MissionFilterForm(PeriodForm):
    mission = RowIdField(label=_("Mission number"), required=False)


EXPORT_FORMATS = [("csv", "CSV"), ("xlsx", "XLSX"), ("pdf", "PDF")]


class ExportForm(forms.Form):
    format = forms.ChoiceField(label=_("Format"), choices=EXPORT_FORMATS)

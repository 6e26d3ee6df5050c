"""Forms of the interview, scorecard, offer and message pages. They only parse what was
typed (times in the reader's own zone); the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kakehashi.core.validators import single_line
from kakehashi.jobs.models import Job
from kakehashi.pipeline.labels import reason_choices
from kakehashi.pipeline.models import InterviewInvite, Scorecard
from kakehashi.pipeline.scorecards import SCORE_LABELS, CriterionScore

SLOT_FIELDS = 5
DATETIME_LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SlotsMixin(forms.Form):
    """Up to five proposed start times, typed in the reader's own time zone."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(1, SLOT_FIELDS + 1):
            self.fields[f"slot_{i}"] = forms.DateTimeField(
                label=_("Time %(n)d") % {"n": i}, required=False, widget=DATETIME_LOCAL
            )

    def starts(self) -> list:
        return [
            self.cleaned_data[f"slot_{i}"]
            for i in range(1, SLOT_FIELDS + 1)
            if self.cleaned_data.get(f"slot_{i}")
        ]

    def slot_fields(self):
        return [self[f"slot_{i}"] for i in range(1, SLOT_FIELDS + 1)]


class InterviewProposeForm(SlotsMixin):
    mode = forms.ChoiceField(
        label=_("How"), choices=InterviewInvite.Mode.choices, widget=forms.RadioSelect
    )
    video_url = forms.URLField(
        label=_("Video-call link"), required=False, max_length=500, assume_scheme="https"
    )
    address = forms.CharField(
        label=_("Address"), required=False, max_length=300, validators=[single_line]
    )
    minutes = forms.IntegerField(
        label=_("Length (minutes)"), initial=45, min_value=1, max_value=600
    )
    interviewers = forms.ModelMultipleChoiceField(
        label=_("Interviewers"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interviewers"].queryset = members
        self.fields["interviewers"].label_from_instance = lambda u: u.full_name
        self.order_fields(["mode", "video_url", "address", "minutes", "interviewers"])


class InterviewRescheduleForm(SlotsMixin):
    reason = forms.CharField(label=_("Why"), max_length=300, validators=[single_line])


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Why"), max_length=300, validators=[single_line])


class DeclineForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"] = forms.ChoiceField(
            label=_("Reason"), choices=[("", _("Reason…")), *reason_choices("declined")]
        )


class WithdrawForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"] = forms.ChoiceField(
            label=_("Reason"), choices=[("", _("Reason…")), *reason_choices("withdrawn")]
        )


class ScorecardForm(forms.Form):
    """A score and a note per criterion, then the recommendation."""

    recommendation = forms.ChoiceField(
        label=_("Recommendation"),
        choices=[("", "—"), *Scorecard.Recommendation.choices],
        required=False,
    )
    notes = forms.CharField(
        label=_("Overall notes"), required=False, max_length=4000, widget=forms.Textarea
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        choices = [("", "—"), *[(str(k), v) for k, v in SCORE_LABELS.items()]]
        for c in criteria:
            self.fields[f"score__{c.code}"] = forms.TypedChoiceField(
                label=c.label,
                choices=choices,
                coerce=int,
                required=False,
                empty_value=None,
                error_messages={"invalid_choice": _("Give a score from 1 to 5.")},
            )
            self.fields[f"note__{c.code}"] = forms.CharField(
                label=_("Note on %(c)s") % {"c": c.label},
                required=False,
                max_length=300,
                validators=[single_line],
            )

    def rows(self):
        return [(c, self[f"score__{c.code}"], self[f"note__{c.code}"]) for c in self.criteria]

    def scores(self) -> list[CriterionScore]:
        return [
            CriterionScore(
                c.code, self.cleaned_data[f"score__{c.code}"], self.cleaned_data[f"note__{c.code}"]
            )
            for c in self.criteria
            if self.cleaned_data.get(f"score__{c.code}") is not None
        ]


class OfferForm(forms.Form):
    salary_jpy = forms.IntegerField(label=_("Annual salary (JPY, bonus included)"), min_value=1)
    allowances = forms.CharField(
        label=_("Allowances"),
        required=False,
        max_length=300,
        validators=[single_line],
        help_text=_("E.g. housing ¥30,000 a month; commuting paid in full."),
    )
    working_hours = forms.CharField(
        label=_("Working hours"),
        max_length=200,
        validators=[single_line],
        initial="09:00–18:00, 40 h/week",
    )
    start_date = forms.DateField(label=_("Start date"), widget=DATE)
    contract_months = forms.IntegerField(
        label=_("Contract length (months)"), min_value=1, initial=36
    )
    residence_status = forms.ChoiceField(
        label=_("Residence status applied for"), choices=Job.VisaRoute.choices
    )
    accommodation = forms.CharField(
        label=_("Accommodation"), max_length=300, validators=[single_line]
    )
    travel = forms.CharField(label=_("Travel to Japan"), max_length=300, validators=[single_line])
    insurance = forms.CharField(label=_("Insurance"), max_length=300, validators=[single_line])
    expires_on = forms.DateField(label=_("Answer by"), widget=DATE)
    decision_note = forms.CharField(
        label=_("Why this offer (kept with the decision)"),
        required=False,
        max_length=300,
        validators=[single_line],
    )


class OfferAnswerForm(forms.Form):
    terms_read = forms.BooleanField(
        label=_("I have read every term of this offer."), required=False
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )

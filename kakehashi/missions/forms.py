import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from kakehashi.accounts.models import User
from kakehashi.core.forms import QueryForm
from kakehashi.core.validators import single_line
from kakehashi.missions.models import Interpreter, InterviewRequest, Mission, MissionLeg, Panel


class MissionForm(forms.ModelForm):
    class Meta:
        model = Mission
        fields = ["name", "slot_minutes", "online_lines", "candidate_gap_minutes"]


class LegForm(forms.ModelForm):
    rooms = forms.CharField(
        label=_("Rooms"),
        initial="Room A:4, Room B:4",
        validators=[single_line],
        help_text=_("Name:seats, separated by commas, e.g. “Hall 1:4, Hall 2:6”."),
    )

    class Meta:
        model = MissionLeg
        fields = [
            "city",
            "start_date",
            "end_date",
            "venue_name",
            "venue_address",
            "opens",
            "closes",
            "break_start",
            "break_end",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
            "opens": forms.TimeInput(attrs={"type": "time"}),
            "closes": forms.TimeInput(attrs={"type": "time"}),
            "break_start": forms.TimeInput(attrs={"type": "time"}),
            "break_end": forms.TimeInput(attrs={"type": "time"}),
        }

    def clean_rooms(self) -> list[tuple[str, int]]:
        rooms = []
        for part in self.cleaned_data["rooms"].split(","):
            name, _sep, seats = part.strip().rpartition(":")
            seats = seats.strip()
            # isdecimal(), not isdigit(): int() refuses "²"; a room seats at most 999.
            if not name or not seats.isdecimal() or len(seats) > 3 or int(seats) < 2:
                raise forms.ValidationError(
                    _("Write each room as Name:seats with at least 2 seats, e.g. “Hall 1:4”.")
                )
            rooms.append((name.strip(), int(seats)))
        return rooms

    def clean(self):
        data = super().clean()
        if (
            data.get("start_date")
            and data.get("end_date")
            and data["end_date"] < data["start_date"]
        ):
            self.add_error("end_date", _("The last day is before the first."))
        if data.get("opens") and data.get("closes") and data["closes"] <= data["opens"]:
            self.add_error("closes", _("Closing time is before opening time."))
        return data


class PanelForm(forms.ModelForm):
    class Meta:
        model = Panel
        fields = ["employer", "name", "interviewers", "legs", "needs_interpreter"]
        widgets = {
            "interviewers": forms.CheckboxSelectMultiple,
            "legs": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, mission: Mission, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = mission.employers.all()
        self.fields["legs"].queryset = mission.legs.all()
        # The label names each interviewer's company: fetch it with the users, not per user.
        self.fields["interviewers"].queryset = (
            User.objects.filter(employer_membership__employer__in=mission.employers.all())
            .select_related("employer_membership__employer")
            .order_by("employer_membership__employer", "full_name")
        )
        self.fields["interviewers"].label_from_instance = lambda u: (
            f"{u.full_name} ({u.employer_membership.employer})"
        )

    def clean(self):
        data = super().clean()
        employer = data.get("employer")
        for user in data.get("interviewers", []):
            if employer and user.employer_membership.employer_id != employer.pk:
                self.add_error(
                    "interviewers",
                    _("%(name)s is not a member of this company.") % {"name": user.full_name},
                )
        return data


class InterpreterForm(forms.ModelForm):
    class Meta:
        model = Interpreter
        fields = ["name", "email", "legs"]
        widgets = {"legs": forms.CheckboxSelectMultiple}

    def __init__(self, *args, mission: Mission, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["legs"].queryset = mission.legs.all()


class ShortlistBalanceForm(QueryForm):
    """How to balance the shortlists of a mission's companies (query parameters of the
    preview, and the posted proposal)."""

    DEFAULTS = {"method": "optimal", "places_per_job": 10, "shortlists_per_candidate": 5}

    method = forms.ChoiceField(
        label=_("Allocation"),
        required=False,
        choices=[
            ("optimal", _("Highest total match score")),
            (
                "stable",
                _("Stable: no job and candidate would both rather be paired with each other"),
            ),
        ],
    )
    places_per_job = forms.IntegerField(
        label=_("Candidates per job (k)"), required=False, min_value=1, max_value=50
    )
    shortlists_per_candidate = forms.IntegerField(
        label=_("Shortlists per candidate (c)"),
        required=False,
        min_value=1,
        max_value=20,
        help_text=_("To how many of the mission's jobs the same candidate may be proposed."),
    )

    def settings(self) -> dict:
        """The chosen values, the defaults where a value is missing or bad."""
        return {
            name: value if value not in (None, "") else self.DEFAULTS[name]
            for name, value in self.values().items()
        }


class CheckinSearchForm(QueryForm):
    """The desk's search: part of a name, or the last digits of the CNIC."""

    q = forms.CharField(
        label=_("Name or last digits of the CNIC"),
        required=False,
        max_length=80,
        validators=[single_line],
    )


class AvailabilityForm(forms.Form):
    """An interviewer's hours per mission day (Pakistan time); a day left blank is a day
    they cannot interview. Two windows a day (e.g. a morning and an afternoon)."""

    def __init__(self, *args, days, initial_hours=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.days = days
        initial_hours = initial_hours or {}
        for day in days:
            given = initial_hours.get(day, [])
            for n in (1, 2):
                window = given[n - 1] if len(given) >= n else (None, None)
                for part, value in (("from", window[0]), ("to", window[1])):
                    self.fields[f"{day.isoformat()}_{n}_{part}"] = forms.TimeField(
                        required=False,
                        initial=value,
                        label=f"{day:%a %d %b} {n} {part}",
                        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                    )

    def rows(self):
        return [
            (
                day,
                [
                    (self[f"{day.isoformat()}_{n}_from"], self[f"{day.isoformat()}_{n}_to"])
                    for n in (1, 2)
                ],
            )
            for day in self.days
        ]

    def hours(self) -> dict:
        found: dict = {}
        for day in self.days:
            for n in (1, 2):
                start = self.cleaned_data.get(f"{day.isoformat()}_{n}_from")
                end = self.cleaned_data.get(f"{day.isoformat()}_{n}_to")
                if start is None and end is None:
                    continue
                if start is None or end is None:
                    raise forms.ValidationError(
                        _("On %(day)s give both the start and the end.") % {"day": day.isoformat()}
                    )
                found.setdefault(day, []).append((start, end))
        return found


class InvitationAnswerForm(forms.Form):
    unavailable_days = forms.MultipleChoiceField(
        label=_("Days I cannot come"), required=False, widget=forms.CheckboxSelectMultiple
    )
    attendance = forms.ChoiceField(label=_("How I can attend"), choices=[])
    reason = forms.CharField(
        label=_("If you decline: why"), required=False, max_length=300, validators=[single_line]
    )

    def __init__(self, *args, days, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unavailable_days"].choices = [
            (d.isoformat(), f"{d:%a %d %b %Y}") for d in days
        ]
        self.fields["attendance"].choices = InterviewRequest.Attendance.choices

    def chosen_days(self):
        return [dt.date.fromisoformat(d) for d in self.cleaned_data.get("unavailable_days", [])]

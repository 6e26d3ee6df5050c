from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """The ministry's reports: demand against supply, the funnel, time in each government
    step, training that unlocks hires, the fairness of shortlists, mission results, and
    their exports. Above missions, below api and portal."""

    name = "kakehashi.reports"
    label = "reports"
    verbose_name = _("Reports")

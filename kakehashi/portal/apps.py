from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The top floor: pages that draw on many apps (home, the three dashboards, the
    ministry's queues), the demo data and its commands. Nothing imports it."""

    name = "kakehashi.portal"
    label = "portal"
    verbose_name = _("Portal")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "kakehashi.api"
    label = "api"
    verbose_name = _("REST API")

    def ready(self) -> None:
        from kakehashi.accounts.signals import account_security_event, password_changed
        from kakehashi.api.receivers import account_security_record, password_changed_revoke

        password_changed.connect(password_changed_revoke, dispatch_uid="api_password_changed")
        account_security_event.connect(account_security_record, dispatch_uid="api_security")

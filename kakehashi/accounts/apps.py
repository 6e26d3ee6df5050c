from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "kakehashi.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from kakehashi.accounts.middleware import session_started
        from kakehashi.accounts.services import facilitator_group_sync

        user_logged_in.connect(session_started, dispatch_uid="accounts_session_started")

        # After every app, since permissions of apps migrated later exist only then.
        post_migrate.connect(facilitator_group_sync, dispatch_uid="facilitator_group_sync")

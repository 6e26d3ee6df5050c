from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "kakehashi.audit"
    label = "audit"
    verbose_name = _("Audit")

    def ready(self) -> None:
        from kakehashi.audit.append_only import sqlite_functions_register

        connection_created.connect(sqlite_functions_register, dispatch_uid="audit_sqlite")

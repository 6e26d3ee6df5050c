from django.contrib import admin
from django.contrib.admin.utils import unquote

from kakehashi.audit.models import AuditEvent, PersonalDataAccess
from kakehashi.audit.services import personal_data_seen


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("at", "actor_label", "action", "object_type", "object_id")
    list_filter = ("action", "object_type")
    search_fields = ("actor_label", "object_id", "action")
    date_hierarchy = "at"

    # The audit trail is append-only, also for superusers in the admin.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(AuditEventAdmin):
    list_display = ("at", "actor_label", "actor_kind", "employer_name", "subject_id", "purpose")
    list_filter = ("purpose", "channel", "cross_border", "actor_kind")
    search_fields = ("actor_label", "employer_name", "subject_id")


class PersonalDataAdminMixin:
    """For a ModelAdmin whose rows show a candidate's personal data: each list page and each
    record opened is written to the personal-data access record (purpose "administration",
    channel "admin"), like any other view. Subclasses say how a row leads to the candidate
    profile (``personal_data_subject_id``) and what the page shows (``personal_data_fields``)."""

    personal_data_fields: tuple[str, ...] = ("name",)

    def personal_data_subject_id(self, obj) -> int | None:
        raise NotImplementedError

    def _personal_data_record(self, request, objects) -> None:
        ids = [i for i in (self.personal_data_subject_id(o) for o in objects) if i is not None]
        personal_data_seen(
            actor=request.user,
            subject_ids=ids,
            fields=self.personal_data_fields,
            purpose="administration",
            channel="admin",
        )

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)  # type: ignore[misc]
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            self._personal_data_record(request, changelist.result_list)
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)  # type: ignore[misc]
        obj = self.get_object(request, unquote(object_id))  # type: ignore[attr-defined]
        if obj is not None and request.method == "GET":
            self._personal_data_record(request, [obj])
        return response

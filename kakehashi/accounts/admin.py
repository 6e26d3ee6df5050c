from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from kakehashi.accounts.forms import AdminPasswordSetForm
from kakehashi.accounts.models import User
from kakehashi.accounts.services import facilitator_group_join, facilitator_is_staff


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    change_password_form = AdminPasswordSetForm
    ordering = ("email",)
    list_display = ("email", "full_name", "role", "facilitator_role", "is_active", "date_joined")
    list_filter = ("role", "facilitator_role", "is_active", "is_staff")
    search_fields = ("email", "full_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name", "language", "time_zone")}),
        (_("Role"), {"fields": ("role", "facilitator_role")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    # Facilitators are created here by an admin; candidates and employers sign up themselves.
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "email",
                    "full_name",
                    "role",
                    "facilitator_role",
                    "is_staff",
                    "password1",
                    "password2",
                ),
            },
        ),
    )

    def save_model(self, request, obj, form, change):
        if obj.is_facilitator:
            obj.is_staff = facilitator_is_staff(obj)
        super().save_model(request, obj, form, change)
        facilitator_group_join(obj)

    # The user list is personal data: superusers and verifiers only, whatever permissions a
    # group or an admin may have given.
    def _may_see_people(self, request) -> bool:
        user = request.user
        return user.is_authenticated and (user.is_superuser or user.has_duty("verify"))

    def has_view_permission(self, request, obj=None):
        return self._may_see_people(request) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_see_people(request) and super().has_change_permission(request, obj)

    def has_module_permission(self, request):
        return self._may_see_people(request) and super().has_module_permission(request)

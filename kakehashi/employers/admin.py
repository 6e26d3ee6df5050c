from django.contrib import admin

from kakehashi.employers.models import Employer, EmployerMember


class EmployerMemberInline(admin.TabularInline):
    model = EmployerMember
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    list_display = (
        "name_en",
        "name_ja",
        "corporate_number",
        "prefecture",
        "category",
        "verification_status",
    )
    list_filter = ("verification_status", "category", "prefecture", "is_sme")
    search_fields = ("name_en", "name_ja", "corporate_number")
    inlines = [EmployerMemberInline]
    # Verification goes through the ministry dashboard, which audits the decision.
    readonly_fields = ("verification_status", "verified_at", "verified_by")

from django.contrib import admin

from kakehashi.jobs.models import Job, JobImport, JobSkill


class JobSkillInline(admin.TabularInline):
    model = JobSkill
    extra = 0
    autocomplete_fields = ("skill",)


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "employer",
        "status",
        "openings",
        "jlpt_min",
        "prefecture",
        "created_at",
    )
    list_filter = ("status", "description_language", "jlpt_min", "visa_route")
    search_fields = ("title", "employer__name_en", "employer__name_ja")
    list_select_related = ("employer",)
    inlines = [JobSkillInline]


@admin.register(JobImport)
class JobImportAdmin(admin.ModelAdmin):
    """Imports and their reports, read-only: they record what a company uploaded."""

    list_display = ("original_name", "employer", "state", "created_at", "finished_at")
    list_filter = ("state",)
    list_select_related = ("employer",)
    readonly_fields = [f.name for f in JobImport._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

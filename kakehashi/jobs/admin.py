from django.contrib import admin

from kakehashi.jobs.models import Job, JobSkill


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

from django.contrib import admin

from kakehashi.pipeline.models import Application, StageChange


class StageChangeInline(admin.TabularInline):
    model = StageChange
    extra = 0
    can_delete = False
    readonly_fields = ("from_stage", "to_stage", "reason", "actor", "at")


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("id", "candidate", "job", "stage", "updated_at")
    list_filter = ("stage",)
    raw_id_fields = ("candidate", "job")
    readonly_fields = ("stage",)  # moves go through application_advance (audited)
    inlines = [StageChangeInline]

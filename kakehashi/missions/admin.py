from django.contrib import admin

from kakehashi.missions.models import Mission, MissionLeg


class MissionLegInline(admin.TabularInline):
    model = MissionLeg
    extra = 1


@admin.register(Mission)
class MissionAdmin(admin.ModelAdmin):
    list_display = ("name", "status", "slot_minutes", "created_at")
    filter_horizontal = ("employers",)
    inlines = [MissionLegInline]

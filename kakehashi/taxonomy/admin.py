from django.contrib import admin

from kakehashi.taxonomy.models import Skill, SkillCategory, TaxonomyRelease


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ("id", "name_en", "name_ja", "category", "hot")
    list_filter = ("category", "hot")
    search_fields = ("id", "name_en", "name_ja")
    filter_horizontal = ("parents",)


admin.site.register(SkillCategory)
admin.site.register(TaxonomyRelease)

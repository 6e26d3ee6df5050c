from django.contrib import admin

from kakehashi.candidates.models import CandidateProfile, ConsentRecord, ConsentText

# CandidateIdentity (the CNIC) is deliberately not registered: it is revealed only through
# the audited view on the candidate page.


@admin.register(CandidateProfile)
class CandidateProfileAdmin(admin.ModelAdmin):
    list_display = ("id", "headline", "city", "jlpt_level", "visibility", "created_at")
    list_filter = ("city", "jlpt_level", "visibility")
    search_fields = ("headline",)
    exclude = ("gender", "date_of_birth")
    raw_id_fields = ("user",)


@admin.register(ConsentText)
class ConsentTextAdmin(admin.ModelAdmin):
    list_display = ("purpose", "version", "recipient_country", "published_at")
    readonly_fields = ("published_at",)

    def has_change_permission(self, request, obj=None):
        return False  # a published text never changes; publish a new version instead


@admin.register(ConsentRecord)
class ConsentRecordAdmin(admin.ModelAdmin):
    list_display = ("profile", "text", "given_at", "withdrawn_at")

    def has_change_permission(self, request, obj=None):
        return False

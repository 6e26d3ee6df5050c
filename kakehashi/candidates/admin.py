from django.contrib import admin

from kakehashi.accounts.admin import UserAdmin
from kakehashi.accounts.models import User
from kakehashi.audit.admin import PersonalDataAdminMixin
from kakehashi.candidates.models import CandidateProfile, ConsentRecord, ConsentText

# CandidateIdentity (the CNIC) is deliberately not registered: it is revealed only through
# the audited view on the candidate page.


@admin.register(CandidateProfile)
class CandidateProfileAdmin(PersonalDataAdminMixin, admin.ModelAdmin):
    personal_data_fields = ("headline", "city", "summary", "phone")

    def personal_data_subject_id(self, obj) -> int | None:
        return obj.pk

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


# A candidate's account (name, e-mail) is personal data too: the accounts app sits below
# audit, so its user admin is recorded from here, where candidates are known.
admin.site.unregister(User)


@admin.register(User)
class CandidateRecordedUserAdmin(PersonalDataAdminMixin, UserAdmin):
    personal_data_fields = ("name", "email")
    list_select_related = ("candidate_profile",)

    def personal_data_subject_id(self, obj) -> int | None:
        if not obj.is_candidate:
            return None
        profile = getattr(obj, "candidate_profile", None)
        return profile.pk if profile is not None else None

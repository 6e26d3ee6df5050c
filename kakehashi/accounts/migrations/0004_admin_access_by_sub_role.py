"""Admin access follows the sub-role: verifiers in "Ministry verifiers", mission organisers in
"Mission organisers", analysts not staff (accounts.services.FACILITATOR_GROUPS). The groups'
permissions are set after migrate by facilitator_group_sync, which also drops the old
"Ministry officers" group that every officer was in."""

from django.db import migrations

GROUPS = {"verifier": "Ministry verifiers", "mission_organiser": "Mission organisers"}


def officers_regroup(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    Group = apps.get_model("auth", "Group")
    groups = {role: Group.objects.get_or_create(name=name)[0] for role, name in GROUPS.items()}
    legacy = Group.objects.filter(name__in=["Ministry officers", *GROUPS.values()])
    for officer in User.objects.filter(role="facilitator"):
        officer.groups.remove(*legacy)
        if officer.facilitator_role in groups:
            officer.groups.add(groups[officer.facilitator_role])
        staff = officer.is_superuser or officer.facilitator_role in groups
        if officer.is_staff != staff:
            officer.is_staff = staff
            officer.save(update_fields=["is_staff"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_email_confirmation_and_recovery_codes"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(officers_regroup, migrations.RunPython.noop)]

"""CandidateSkill.years may be unknown (NULL): a skill found in a CV with no job that used it
was stored as 0 years and shown as "0 years"; those rows become unknown."""

from django.db import migrations, models


def cv_zero_years_to_unknown(apps, schema_editor):
    CandidateSkill = apps.get_model("candidates", "CandidateSkill")
    CandidateSkill.objects.filter(source="cv", years=0).update(years=None)


class Migration(migrations.Migration):
    dependencies = [
        ("candidates", "0007_cv_parse_attempts"),
    ]

    operations = [
        migrations.AlterField(
            model_name="candidateskill",
            name="years",
            field=models.DecimalField(
                blank=True,
                decimal_places=1,
                help_text="Leave empty if you are not sure.",
                max_digits=4,
                null=True,
                verbose_name="years",
            ),
        ),
        migrations.RunPython(cv_zero_years_to_unknown, migrations.RunPython.noop),
    ]

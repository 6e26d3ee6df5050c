"""Loading the taxonomy: skill families named in each of the site's languages."""

from __future__ import annotations

from django.utils import translation

from engine.taxonomy import taxonomy
from kakehashi.taxonomy.models import SkillCategory
from kakehashi.taxonomy.services import taxonomy_load


def test_every_family_has_a_name_in_each_language(taxonomy_loaded):
    cloud = SkillCategory.objects.get(pk="cloud_devops")
    names = {}
    for language in ("en", "ja", "ur"):
        with translation.override(language):
            names[language] = str(cloud)
    assert names == {"en": "Cloud & DevOps", "ja": "クラウド・DevOps", "ur": "کلاؤڈ اور DevOps"}
    assert not SkillCategory.objects.filter(name_ur="").exists()


def test_a_reload_of_the_same_release_brings_family_names_up_to_date(taxonomy_loaded):
    SkillCategory.objects.filter(pk="design").update(name_ur="")
    _release, changed = taxonomy_load(tax=taxonomy())
    assert not changed  # the skills are as they were
    assert SkillCategory.objects.get(pk="design").name_ur == "ڈیزائن"

from __future__ import annotations

from django.db import transaction

from engine.taxonomy import Taxonomy
from kakehashi.taxonomy.models import Skill, SkillCategory, TaxonomyRelease


@transaction.atomic
def taxonomy_load(*, tax: Taxonomy) -> tuple[TaxonomyRelease, bool]:
    """Load (or update to) an engine taxonomy. Returns the release and whether anything changed.

    Skills are upserted by their stable id; ids that left the data file are kept (jobs and
    profiles may still point to them) and simply stop being updated.
    """
    # The few categories are always brought up to date: a name (say, a new Urdu one) may change
    # without a new skills release.
    for cat in tax.categories:
        SkillCategory.objects.update_or_create(
            id=cat.id,
            defaults={"name_en": cat.name_en, "name_ja": cat.name_ja, "name_ur": cat.name_ur},
        )
    existing = TaxonomyRelease.objects.filter(version=tax.version).first()
    if existing and existing.skill_count == len(tax):
        return existing, False

    rows = [
        Skill(
            id=s.id,
            name_en=s.name_en,
            name_ja=s.name_ja,
            category_id=s.category,
            aliases=list(s.aliases),
            esco_uri=s.esco_uri,
            onet_codes=list(s.onet_codes),
            hot=s.hot,
            taxonomy_version=tax.version,
        )
        for s in tax
    ]
    Skill.objects.bulk_create(
        rows,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["id"],
        update_fields=[
            "name_en",
            "name_ja",
            "category",
            "aliases",
            "esco_uri",
            "onet_codes",
            "hot",
            "taxonomy_version",
        ],
    )
    Link = Skill.parents.through
    ids = [s.id for s in tax]
    Link.objects.filter(from_skill_id__in=ids).delete()
    Link.objects.bulk_create(
        [Link(from_skill_id=s.id, to_skill_id=p) for s in tax for p in s.parents], batch_size=1000
    )
    release, _ = TaxonomyRelease.objects.update_or_create(
        version=tax.version,
        defaults={"skill_count": len(tax), "attribution": list(tax.attribution)},
    )
    return release, True

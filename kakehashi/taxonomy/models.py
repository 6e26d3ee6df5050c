from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kakehashi.core.validators import single_line


class SkillCategory(models.Model):
    id = models.SlugField(primary_key=True, max_length=40)
    name_en = models.CharField(_("name (English)"), max_length=100, validators=[single_line])
    name_ja = models.CharField(_("name (Japanese)"), max_length=100, validators=[single_line])
    name_ur = models.CharField(
        _("name (Urdu)"), max_length=100, blank=True, validators=[single_line]
    )

    class Meta:
        verbose_name = _("skill category")
        verbose_name_plural = _("skill categories")
        ordering = ["id"]

    def __str__(self) -> str:
        language = get_language()
        if language == "ja":
            return self.name_ja
        if language == "ur" and self.name_ur:
            return self.name_ur
        return self.name_en


class Skill(models.Model):
    """One skill of the taxonomy, loaded from the engine's versioned data file."""

    id = models.SlugField(primary_key=True, max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=200, validators=[single_line])
    name_ja = models.CharField(
        _("name (Japanese)"), max_length=200, blank=True, validators=[single_line]
    )
    category = models.ForeignKey(SkillCategory, on_delete=models.PROTECT, related_name="skills")
    aliases = models.JSONField(_("aliases"), default=list, blank=True)
    parents = models.ManyToManyField("self", symmetrical=False, related_name="children", blank=True)
    esco_uri = models.URLField(_("ESCO URI"), blank=True, max_length=300)
    onet_codes = models.JSONField(_("O*NET commodity codes"), default=list, blank=True)
    hot = models.BooleanField(_("in demand"), default=False)
    taxonomy_version = models.CharField(max_length=40)

    class Meta:
        verbose_name = _("skill")
        ordering = ["name_en"]

    def __str__(self) -> str:
        if get_language() == "ja" and self.name_ja:
            return self.name_ja
        return self.name_en


class TaxonomyRelease(models.Model):
    """Each load of the taxonomy data file, so extractions can name the version they used."""

    version = models.CharField(max_length=40, unique=True)
    loaded_at = models.DateTimeField(auto_now_add=True)
    skill_count = models.PositiveIntegerField()
    attribution = models.JSONField(default=list)

    class Meta:
        ordering = ["-loaded_at"]

    def __str__(self) -> str:
        return self.version

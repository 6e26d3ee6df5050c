from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """Who did what to which object, when: written by the services that change protected
    data, in the same transaction as the change. Append-only in the database (triggers in
    migration 0002); the actor's e-mail is kept beside the id so a deleted account leaves its
    trail readable."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_label = models.CharField(_("actor"), max_length=254, blank=True)
    action = models.CharField(_("action"), max_length=64, db_index=True)
    object_type = models.CharField(_("object type"), max_length=64)
    object_id = models.CharField(_("object id"), max_length=64)
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]
        verbose_name = _("audit event")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_type}:{self.object_id}"


class PersonalDataAccess(models.Model):
    """One person's personal data seen by someone else: who, whose, which fields, why, through
    which channel, and whether it went to a company in Japan (APPI Art. 28–30 asks for a
    record of each provision to a third party abroad, kept 3 years). Written by
    ``personal_data_seen`` only; append-only in the database. Plain ids, not foreign keys,
    so the record outlives both accounts."""

    class Channel(models.TextChoices):
        PAGE = "page", _("web page")
        API = "api", _("API")
        FILE = "file", _("file download")
        PDF = "pdf", _("PDF")
        ADMIN = "admin", _("administration site")

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor_id = models.BigIntegerField(_("viewer id"), null=True, db_index=True)
    actor_label = models.CharField(_("viewer"), max_length=254)
    # "employer" (a company member), or "ministry:<sub-role>"
    actor_kind = models.CharField(_("viewer kind"), max_length=40)
    employer_id = models.BigIntegerField(_("company id"), null=True, db_index=True)
    employer_name = models.CharField(_("company"), max_length=200, blank=True)
    subject_id = models.BigIntegerField(_("candidate profile id"), db_index=True)
    fields = models.JSONField(_("fields"), default=list)
    purpose = models.CharField(_("purpose"), max_length=40)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    cross_border = models.BooleanField(_("to Japan"), default=False)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["subject_id", "-at"])]
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data accesses")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} saw #{self.subject_id} {self.fields}"

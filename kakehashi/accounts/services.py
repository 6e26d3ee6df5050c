from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext as _

from kakehashi.core.errors import ApplicationError

FACILITATOR_GROUP = "Ministry officers"
# What ministry officers may do in the Django admin. CNICs are not there at all, audit
# events and consent records are read-only, and verification goes through the audited page.
_VIEW_APPS = (
    "accounts",
    "audit",
    "candidates",
    "employers",
    "jobs",
    "missions",
    "pipeline",
    "taxonomy",
)
_CHANGE_MODELS = {
    "missions": ("mission", "missionleg"),
    "taxonomy": ("skill", "skillcategory"),
    "employers": ("employer", "employermember"),
    "accounts": ("user",),
}


def facilitator_group_sync(**kwargs) -> None:
    """Create or refresh the group that gives facilitators their admin permissions
    (runs after every migrate)."""
    group, _created = Group.objects.get_or_create(name=FACILITATOR_GROUP)
    perms = Permission.objects.filter(
        content_type__app_label__in=_VIEW_APPS, codename__startswith="view_"
    )
    change = [
        p
        for app, models in _CHANGE_MODELS.items()
        for p in Permission.objects.filter(
            content_type__app_label=app, content_type__model__in=models
        ).exclude(codename__startswith="delete_")
    ]
    group.permissions.set([*perms, *change])


def facilitator_group_join(user) -> None:
    """Every facilitator is staff and in the officers' group."""
    if user.is_facilitator:
        user.groups.add(Group.objects.get(name=FACILITATOR_GROUP))


def email_claim_check(*, email: str, field: str) -> str:
    """The normalised e-mail address, or ApplicationError if an account already uses it."""
    email = email.strip().lower()
    if get_user_model().objects.filter(email=email).exists():
        raise ApplicationError(
            _(
                "An account with this e-mail address already exists. Sign in, or reset your password."
            ),
            field=field,
            code="duplicate_email",
        )
    return email

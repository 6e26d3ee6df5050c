from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kakehashi.accounts.signals import password_changed
from kakehashi.core.errors import ApplicationError
from kakehashi.core.notify import notify
from kakehashi.core.site import site_url

# The Django admin shows personal data (users, candidates, applications), so only verifiers
# (and superusers) see it there. Mission organisers may edit missions and the skills taxonomy
# in the admin and nothing else; analysts are not staff at all. CNICs are in no admin page,
# audit events and consent records are read-only, and verification goes through the audited
# page.
_VERIFIER_VIEW_APPS = (
    "accounts",
    "audit",
    "candidates",
    "employers",
    "jobs",
    "missions",
    "pipeline",
    "taxonomy",
)
_VERIFIER_CHANGE_MODELS = {
    "missions": ("mission", "missionleg"),
    "taxonomy": ("skill", "skillcategory"),
    "employers": ("employer", "employermember"),
    "accounts": ("user",),
}
_ORGANISER_CHANGE_MODELS = {
    "missions": ("mission", "missionleg"),
    "taxonomy": ("skill", "skillcategory"),
}
# The admin group of each sub-role that uses the admin: (name, apps it views, models it edits).
FACILITATOR_GROUPS: dict[str, tuple[str, tuple[str, ...], dict[str, tuple[str, ...]]]] = {
    "verifier": ("Ministry verifiers", _VERIFIER_VIEW_APPS, _VERIFIER_CHANGE_MODELS),
    "mission_organiser": ("Mission organisers", (), _ORGANISER_CHANGE_MODELS),
}
# Before sub-roles decided admin access, every officer was in this group.
LEGACY_FACILITATOR_GROUP = "Ministry officers"


def facilitator_group_sync(**kwargs) -> None:
    """Create or refresh the groups that give facilitators their admin permissions (runs
    after every migrate)."""
    for name, view_apps, change_models in FACILITATOR_GROUPS.values():
        group, _created = Group.objects.get_or_create(name=name)
        perms = list(
            Permission.objects.filter(
                content_type__app_label__in=view_apps, codename__startswith="view_"
            )
        )
        for app, models in change_models.items():
            perms += Permission.objects.filter(
                content_type__app_label=app, content_type__model__in=models
            ).exclude(codename__startswith="delete_")
        group.permissions.set(perms)
    Group.objects.filter(name=LEGACY_FACILITATOR_GROUP).delete()


def facilitator_is_staff(user) -> bool:
    """Whether this person may enter the Django admin: superusers, and officers whose
    sub-role has an admin group (verifiers, mission organisers)."""
    return user.is_superuser or (
        user.is_facilitator and user.facilitator_role in FACILITATOR_GROUPS
    )


def facilitator_group_join(user) -> None:
    """Put an officer in their sub-role's admin group (and no other officers' group) and set
    staff status to match; a non-officer keeps what an admin gave."""
    if not user.is_facilitator:
        return
    names = [name for name, _apps, _models in FACILITATOR_GROUPS.values()]
    user.groups.remove(*Group.objects.filter(name__in=[*names, LEGACY_FACILITATOR_GROUP]))
    if user.facilitator_role in FACILITATOR_GROUPS:
        user.groups.add(Group.objects.get(name=FACILITATOR_GROUPS[user.facilitator_role][0]))
    staff = facilitator_is_staff(user)
    if user.is_staff != staff:
        user.is_staff = staff
        user.save(update_fields=["is_staff"])


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


# Sign-up answers these refusals like a success, and tells the account's holder by e-mail.
SIGNUP_DUPLICATE_CODES = frozenset({"duplicate_email", "duplicate_cnic", "duplicate"})
_CONFIRM_SALT = "kakehashi.accounts.email-confirm"


def user_password_set(*, user, password: str | None, reason: str) -> None:
    """Give ``user`` a new password, or none that works (``password=None``, from the admin).
    ``reason``: "changed" on the account page, "reset" by an e-mailed link, "set_by_admin". Every other session of the user ends (Django checks the password's hash on
    each request; the view keeps its own with update_session_auth_hash) and the api app revokes
    every API token and records the change (accounts.signals.password_changed), all in one
    transaction. A reset link proves the address, so it confirms an unconfirmed one too."""
    with transaction.atomic():
        if password is None:
            user.set_unusable_password()
        else:
            user.set_password(password)
        fields = ["password"]
        if reason == "reset" and user.email_confirmed_at is None:
            user.email_confirmed_at = timezone.now()
            fields.append("email_confirmed_at")
        user.save(update_fields=fields)
        password_changed.send(sender=type(user), user=user, reason=reason)


def email_confirm_token(*, user) -> str:
    """A signed token naming the user and the address it confirms (a changed address voids
    it); valid for EMAIL_CONFIRM_DAYS."""
    return signing.dumps({"user": user.pk, "email": user.email}, salt=_CONFIRM_SALT)


def email_confirm_user(*, token: str):
    """The unconfirmed or confirmed user a valid, unexpired token names, or None."""
    try:
        data = signing.loads(
            token, salt=_CONFIRM_SALT, max_age=settings.EMAIL_CONFIRM_DAYS * 24 * 3600
        )
    except signing.BadSignature:
        return None
    user = get_user_model().objects.filter(pk=data.get("user"), is_active=True).first()
    if user is None or user.email != data.get("email"):
        return None
    return user


def email_confirmation_send(*, user) -> None:
    """E-mail ``user`` the link that confirms their address (in their language)."""
    link = site_url() + reverse("email_confirm", args=[email_confirm_token(user=user)])
    notify(
        users=[user],
        template="email_confirm",
        context={"link": link, "days": settings.EMAIL_CONFIRM_DAYS},
    )


def email_confirm(*, user) -> bool:
    """Mark the address confirmed. False if it already was (the link is then spent)."""
    updated = (
        get_user_model()
        .objects.filter(pk=user.pk, email_confirmed_at__isnull=True)
        .update(email_confirmed_at=timezone.now())
    )
    user.refresh_from_db(fields=["email_confirmed_at"])
    return bool(updated)


def email_confirmation_resend(*, email: str) -> None:
    """A new link for an account that still awaits confirmation; nothing for any other
    address (the page answers the same either way)."""
    user = (
        get_user_model()
        .objects.filter(email=email.strip().lower(), is_active=True, email_confirmed_at=None)
        .first()
    )
    if user is not None:
        email_confirmation_send(user=user)


def signup_duplicate_answer(*, email: str, password: str) -> None:
    """Sign-up with an e-mail address that already has an account: e-mail that account's
    holder (sign in, or reset the password) instead of telling the person at the form. The
    password is hashed as a new account's would be, so that the answer takes as long."""
    make_password(password)
    holder = get_user_model().objects.filter(email=email.strip().lower()).first()
    if holder is not None:
        notify(
            users=[holder],
            template="signup_existing_account",
            context={
                "login_link": site_url() + reverse("login"),
                "reset_link": site_url() + reverse("password_reset"),
            },
        )

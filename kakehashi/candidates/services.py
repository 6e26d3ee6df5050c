from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from engine.codes import CodeError, cnic_clean
from engine.geo import geo
from kakehashi.accounts.services import (
    SIGNUP_DUPLICATE_CODES,
    email_claim_check,
    email_confirmation_send,
    signup_duplicate_answer,
)
from kakehashi.audit.services import audit_record, personal_data_seen
from kakehashi.candidates.models import (
    CandidateIdentity,
    CandidateProfile,
    CandidateSkill,
    ConsentRecord,
    ConsentText,
    Education,
    Employment,
)
from kakehashi.candidates.selectors import consent_active_record, consent_text_current
from kakehashi.candidates.signals import candidate_changed_announce
from kakehashi.core.choices import OTHER_CITY
from kakehashi.core.crypto import decrypt, encrypt, lookup_digest
from kakehashi.core.errors import ApplicationError
from kakehashi.core.notify import notify

User = get_user_model()


def province_of_city(city: str) -> str:
    """The province (ISO 3166-2:PK) of a listed city; "" for none or a city not listed."""
    return geo().city(city).province if city and city != OTHER_CITY else ""


def candidate_register(
    *,
    email: str,
    full_name: str,
    password: str,
    cnic: str,
    city: str = "",
    city_other: str = "",
    language: str = "en",
    email_confirmed: bool = False,
) -> CandidateProfile:
    """Create a candidate's account, profile and encrypted identity in one transaction. The
    account cannot sign in until its e-mail address is confirmed (``email_confirmed``: the
    caller already knows the address is theirs).

    Raises ApplicationError (with the form field) for a malformed CNIC, an e-mail or a CNIC
    that is already registered. Nothing is saved unless everything is.
    """
    try:
        card = cnic_clean(cnic)
    except CodeError as error:
        raise ApplicationError(str(error), field="cnic") from None
    email = email_claim_check(email=email, field="email")
    digest = lookup_digest(card.digits)
    if CandidateIdentity.objects.filter(cnic_digest=digest).exists():
        raise ApplicationError(
            _(
                "This CNIC is already registered. Each person has one account: sign in, "
                "or contact the ministry's help desk if you did not register it."
            ),
            field="cnic",
            code="duplicate_cnic",
        )
    province = province_of_city(city)
    city_other = city_other.strip() if city == OTHER_CITY else ""
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email,
                password,
                full_name=full_name.strip(),
                role=User.Role.CANDIDATE,
                language=language,
                email_confirmed_at=timezone.now() if email_confirmed else None,
            )
            profile = CandidateProfile.objects.create(
                user=user, city=city, city_other=city_other, province=province
            )
            CandidateIdentity.objects.create(
                profile=profile,
                cnic_encrypted=encrypt(card.digits),
                cnic_digest=digest,
                cnic_last4=card.digits[-4:],
            )
            audit_record(actor=user, action="candidate.registered", obj=profile)
            candidate_changed_announce(profile.pk)
    except IntegrityError:
        # A concurrent registration won the race for the same e-mail or CNIC.
        raise ApplicationError(
            _("This e-mail address or CNIC was registered a moment ago. Please sign in."),
            code="duplicate",
        ) from None
    return profile


def candidate_signup(
    *,
    email: str,
    full_name: str,
    password: str,
    cnic: str,
    city: str = "",
    city_other: str = "",
    language: str = "en",
) -> None:
    """The public sign-up form: register and e-mail the confirmation link. When the e-mail
    address or the CNIC already has an account, nothing is created and that account's holder
    is e-mailed instead, so that the form answers the same way ("check your e-mail") and tells
    nobody who is registered. A malformed CNIC is still refused at the form."""
    try:
        profile = candidate_register(
            email=email,
            full_name=full_name,
            password=password,
            cnic=cnic,
            city=city,
            city_other=city_other,
            language=language,
        )
    except ApplicationError as error:
        if error.code not in SIGNUP_DUPLICATE_CODES:
            raise
        if error.code == "duplicate_cnic":
            _cnic_holder_tell(cnic=cnic)
        signup_duplicate_answer(email=email, password=password)
        return
    email_confirmation_send(user=profile.user)


def _cnic_holder_tell(*, cnic: str) -> None:
    """E-mail the holder of this CNIC's account that someone tried to register it again."""
    digest = lookup_digest(cnic_clean(cnic).digits)
    identity = CandidateIdentity.objects.select_related("profile__user").filter(cnic_digest=digest)
    for row in identity:
        notify(users=[row.profile.user], template="signup_cnic_in_use", context={})


def cnic_reveal(*, profile: CandidateProfile, actor) -> str:
    """The full CNIC, for the candidate themself or a ministry verifier; every reveal is
    audited. Employers never see it."""
    if not (actor.pk == profile.user_id or actor.has_duty("verify")):
        raise PermissionDenied
    with transaction.atomic():
        identity = CandidateIdentity.objects.get(profile=profile)
        digits = decrypt(identity.cnic_encrypted)
        personal_data_seen(
            actor=actor, subject_ids=[profile.pk], fields=["cnic"], purpose="cnic", channel="page"
        )
    return cnic_clean(digits).formatted


@transaction.atomic
def consent_give(
    *, profile: CandidateProfile, purpose: str, text: ConsentText | None = None
) -> ConsentRecord:
    """Record consent to the current text for ``purpose`` (idempotent while still active)."""
    current = consent_text_current(purpose=purpose)
    if current is None:
        raise ApplicationError(_("There is no consent text to agree to yet."))
    if text is not None and text.pk != current.pk:
        raise ApplicationError(
            _(
                "The consent text was updated while you were reading it. Please read the new version."
            ),
            code="stale_consent",
        )
    active = consent_active_record(profile=profile, purpose=purpose)
    if active is not None:
        return active
    record = ConsentRecord.objects.create(profile=profile, text=current, given_at=timezone.now())
    if purpose == ConsentText.Purpose.SHARE_WITH_JAPANESE_EMPLOYERS:
        # Consenting to share means wanting to be seen: show the blind profile at once.
        profile.visibility = CandidateProfile.Visibility.BLIND
        profile.save(update_fields=["visibility", "updated_at"])
    candidate_changed_announce(profile.pk)
    audit_record(
        actor=profile.user,
        action="consent.given",
        obj=profile,
        details={
            "purpose": purpose,
            "version": current.version,
            "country": current.recipient_country,
        },
    )
    return record


@transaction.atomic
def consent_withdraw(*, profile: CandidateProfile, purpose: str) -> None:
    """Withdraw consent: from this moment employers no longer see the profile."""
    now = timezone.now()
    count = ConsentRecord.objects.filter(
        profile=profile, text__purpose=purpose, withdrawn_at__isnull=True
    ).update(withdrawn_at=now)
    if count:
        profile.visibility = CandidateProfile.Visibility.HIDDEN
        profile.save(update_fields=["visibility", "updated_at"])
        candidate_changed_announce(profile.pk)
        audit_record(
            actor=profile.user,
            action="consent.withdrawn",
            obj=profile,
            details={"purpose": purpose},
        )


@transaction.atomic
def consent_text_publish(
    *, purpose: str, body_en: str, body_ja: str, body_ur: str, actor=None
) -> ConsentText:
    """Publish the next version of a consent text. Earlier consents stop counting."""
    last = ConsentText.objects.filter(purpose=purpose).order_by("-version").first()
    text = ConsentText.objects.create(
        purpose=purpose,
        version=(last.version + 1) if last else 1,
        body_en=body_en,
        body_ja=body_ja,
        body_ur=body_ur,
        published_at=timezone.now(),
    )
    audit_record(
        actor=actor, action="consent_text.published", obj=text, details={"version": text.version}
    )
    return text


def candidate_profile_update(*, profile: CandidateProfile, actor, fields: dict) -> CandidateProfile:
    """Save the candidate's own edits; the province follows the city."""
    if actor.pk != profile.user_id:
        raise PermissionDenied
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.province = province_of_city(profile.city)
    if profile.city != OTHER_CITY:
        profile.city_other = ""
        fields = {**fields, "city_other": ""}
    profile.save(update_fields=[*fields, "province", "updated_at"])
    return profile


@dataclass(frozen=True)
class RowEdit:
    """One row of a list the candidate edited (education, work history, skills): ``row_id``
    None for a new row; ``fields`` are the model's field values."""

    row_id: int | None
    fields: dict[str, Any]
    delete: bool = False


def _rows_apply(*, profile: CandidateProfile, model, edits: Sequence[RowEdit]) -> None:
    """Create, update or delete the profile's rows of ``model``; a row of another profile is
    refused. Every row written counts as the candidate's own (never replaced by a CV parse)."""
    own = model.objects.filter(profile=profile).in_bulk([e.row_id for e in edits if e.row_id])
    for edit in edits:
        if edit.row_id is not None and edit.row_id not in own:
            raise PermissionDenied
        row = own[edit.row_id] if edit.row_id is not None else model(profile=profile)
        if edit.delete:
            if row.pk:
                row.delete()
            continue
        for name, value in edit.fields.items():
            setattr(row, name, value)
        if hasattr(row, "from_cv"):
            row.from_cv = False
        if hasattr(row, "source"):
            row.source = row.Source.CONFIRMED
        row.save()


def candidate_profile_review_save(
    *,
    profile: CandidateProfile,
    actor,
    fields: dict,
    education: Sequence[RowEdit] = (),
    employment: Sequence[RowEdit] = (),
    skills: Sequence[RowEdit] = (),
) -> None:
    """Save the candidate's reviewed profile: the fields and the edited rows of education,
    work history and skills. Everything saved here counts as confirmed by the candidate, so a
    later CV parse never overwrites it. One transaction, audited."""
    if actor.pk != profile.user_id:
        raise PermissionDenied
    with transaction.atomic():
        candidate_profile_update(profile=profile, actor=actor, fields=fields)
        profile.confirmed_fields = sorted(set(profile.confirmed_fields) | set(fields))
        profile.save(update_fields=["confirmed_fields"])
        _rows_apply(profile=profile, model=Education, edits=education)
        _rows_apply(profile=profile, model=Employment, edits=employment)
        _rows_apply(profile=profile, model=CandidateSkill, edits=skills)
        audit_record(actor=actor, action="candidate.profile_confirmed", obj=profile)
        candidate_changed_announce(profile.pk)

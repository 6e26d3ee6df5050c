"""Pages of the offer (the company makes it; the candidate reads every term, accepts or
declines), its bilingual PDF letter, the application's message thread and each person's
notifications."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from engine.visa import salary_floor_yen
from kakehashi.core.errors import ApplicationError
from kakehashi.core.forms import QueryForm, form_add_application_error
from kakehashi.jobs.models import Job
from kakehashi.pipeline.forms import DeclineForm, MessageForm, OfferAnswerForm, OfferForm
from kakehashi.pipeline.messages import message_author_label, message_post
from kakehashi.pipeline.notices import notices_for_user, notices_mark_read
from kakehashi.pipeline.offer_letter import offer_letter_pdf
from kakehashi.pipeline.offers import (
    ENGINE_ROUTE,
    OfferTerms,
    offer_accept,
    offer_contract_rows,
    offer_decline,
    offer_expire_if_due,
    offer_make,
)
from kakehashi.pipeline.resume_pdf import KINDS, LANGUAGES, profile_resume_download
from kakehashi.pipeline.selectors import (
    application_get_for_user,
    application_messages,
    application_moves,
    application_offer_get,
    application_read_for_user,
    application_side,
)


def _application(request, application_id: int, *, purpose: str, channel: str = "page"):
    # These pages name the candidate to the company: each view is recorded.
    return application_read_for_user(
        application_id=application_id,
        user=request.user,
        fields=("name",),
        purpose=purpose,
        channel=channel,
    )


@login_required  # links in e-mails: sign in, then come back here
def application_offer(request, application_id: int):
    """The company makes its offer here; the candidate reads it and answers here."""
    application = _application(request, application_id, purpose="offer")
    side = application_side(application=application, user=request.user)
    offer = application_offer_get(application=application)
    if offer is not None:
        offer_expire_if_due(offer=offer)  # an offer past its day is closed before it is read
        application.refresh_from_db()
    may_offer = "offered" in application_moves(application=application, user=request.user)
    form = None
    if may_offer and side == "employer":
        job = application.job
        form = OfferForm(
            request.POST or None,
            initial={
                "salary_jpy": job.salary_min_jpy,
                "start_date": job.start_date,
                "residence_status": job.visa_route,
            },
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                offer_make(application=application, actor=request.user, terms=OfferTerms(**data))
            except PermissionDenied:
                raise Http404 from None
            except ApplicationError as error:
                form_add_application_error(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Offer sent: the candidate is told and answers on this page. Once they "
                        "accept, the checklist to Japan opens; your company files the "
                        "Certificate of Eligibility."
                    ),
                )
                return redirect("application_offer", application_id=application.pk)
    elif request.method == "POST":
        if side != "candidate" or offer is None:
            raise Http404
        try:
            if request.POST.get("action") == "accept":
                answer = OfferAnswerForm(request.POST)
                answer.is_valid()
                offer_accept(
                    offer=offer,
                    actor=request.user,
                    terms_read=bool(answer.cleaned_data.get("terms_read")),
                )
                messages.success(
                    request,
                    _(
                        "You accepted the offer; the company is told. Next: your checklist to "
                        "Japan below, starting with the HEC attestation of your degree."
                    ),
                )
                return redirect("application_hire", application_id=application.pk)
            if request.POST.get("action") == "decline":
                decline = DeclineForm(request.POST)
                if not decline.is_valid():
                    raise ApplicationError(_("Choose a reason from the list."))
                offer_decline(
                    offer=offer, actor=request.user, reason=decline.cleaned_data["reason"]
                )
                messages.success(request, _("You declined the offer; the company has been told."))
                return redirect("candidate_dashboard")
            raise Http404
        except PermissionDenied:
            raise Http404 from None
        except ApplicationError as error:
            messages.error(request, error.message)
        return redirect("application_offer", application_id=application.pk)
    if offer is None and form is None:
        raise Http404
    floors = {code: salary_floor_yen(route) for code, route in ENGINE_ROUTE.items()}
    return render(
        request,
        "pipeline/offer.html",
        {
            "application": application,
            "side": side,
            "offer": offer,
            "form": form,
            "contract": offer_contract_rows(offer) if offer else [],
            "residence_label": Job.VisaRoute(offer.residence_status).label if offer else "",
            "floors": [(Job.VisaRoute(code).label, f) for code, f in floors.items() if f],
            "answer_form": OfferAnswerForm(),
            "decline_form": DeclineForm(),
            "today": timezone.localdate(),
        },
    )


@login_required  # links in e-mails: sign in, then come back here
def application_offer_pdf(request, application_id: int):
    """The offer letter (Japanese and English), for both sides."""
    application = _application(request, application_id, purpose="offer", channel="pdf")
    offer = application_offer_get(application=application)
    if offer is None:
        raise Http404
    response = HttpResponse(offer_letter_pdf(offer), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="offer-{application.pk}.pdf"'
    return response


@login_required  # links in e-mails: sign in, then come back here
def application_messages_view(request, application_id: int):
    """The application's thread; a message that cannot be sent stays in the box."""
    application = _application(request, application_id, purpose="messages")
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            message_post(
                application=application, actor=request.user, body=form.cleaned_data["body"]
            )
        except PermissionDenied:
            raise Http404 from None
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            messages.success(request, _("Sent."))
            return redirect("application_messages", application_id=application.pk)
    thread = [
        {"message": m, "author": message_author_label(m, reader=request.user)}
        for m in application_messages(application=application)
    ]
    return render(
        request,
        "pipeline/messages.html",
        {"application": application, "thread": thread, "form": form},
    )


@login_required
def notices_view(request):
    """Everyone's notifications page: newest first; opening it marks them read."""
    notices = list(notices_for_user(user=request.user)[:100])
    unread = {n.pk for n in notices if n.read_at is None}
    if request.method == "POST":
        notices_mark_read(user=request.user)
        return redirect("notices")
    return render(request, "pipeline/notices.html", {"notices": notices, "unread": unread})


class ResumeQuery(QueryForm):
    kind = forms.ChoiceField(choices=[(k, k) for k in KINDS], required=False)
    lang = forms.ChoiceField(choices=[(code, code) for code in LANGUAGES], required=False)


@login_required  # links in e-mails: sign in, then come back here
def application_resume_pdf(request, application_id: int):
    """The shared profile as a 履歴書 or 職務経歴書 (?kind=rirekisho|shokumu&lang=ja|en);
    each download is audited (the download records itself)."""
    application = application_get_for_user(application_id=application_id, user=request.user)
    query = ResumeQuery(request.GET).values()
    kind, language = query["kind"] or "rirekisho", query["lang"] or "ja"
    try:
        pdf = profile_resume_download(
            application=application, actor=request.user, kind=kind, language=language
        )
    except PermissionDenied:
        raise Http404 from None
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{kind}-{application.candidate_id}-{language}.pdf"'
    )
    response["Cache-Control"] = "no-store"
    return response

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kakehashi.api.forms import ApiTokenForm
from kakehashi.api.selectors import api_token_get_for_user, api_tokens_for_user
from kakehashi.api.services import api_token_create, api_token_revoke


@login_required
def api_tokens(request):
    """Create and revoke personal API tokens. A new token is shown once, in this response."""
    new_token = None
    form = ApiTokenForm()
    if request.method == "POST":
        if "revoke" in request.POST:
            token = api_token_get_for_user(token_id=request.POST["revoke"], user=request.user)
            if token is not None:
                api_token_revoke(token=token, actor=request.user)
                messages.success(request, _("The token is revoked."))
            return redirect("api_tokens")
        form = ApiTokenForm(request.POST)
        if form.is_valid():
            _row, new_token = api_token_create(user=request.user, name=form.cleaned_data["name"])
            form = ApiTokenForm()
    response = render(
        request,
        "api/api_tokens.html",
        {
            "tokens": api_tokens_for_user(user=request.user),
            "new_token": new_token,
            "form": form,
            "now": timezone.now(),
            "lifetime_days": settings.API_TOKEN_LIFETIME_DAYS,
        },
    )
    response["Cache-Control"] = "no-store"
    return response

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kakehashi.api.selectors import api_token_get_for_user, api_tokens_for_user
from kakehashi.api.services import api_token_create, api_token_revoke


@login_required
def api_tokens(request):
    """Create and revoke personal API tokens. A new token is shown once, in this response."""
    new_token = None
    if request.method == "POST":
        if "revoke" in request.POST:
            token = api_token_get_for_user(token_id=request.POST["revoke"], user=request.user)
            if token is not None:
                api_token_revoke(token=token, actor=request.user)
                messages.success(request, _("The token is revoked."))
            return redirect("api_tokens")
        _row, new_token = api_token_create(user=request.user, name=request.POST.get("name", ""))
    response = render(
        request,
        "api/api_tokens.html",
        {"tokens": api_tokens_for_user(user=request.user), "new_token": new_token},
    )
    response["Cache-Control"] = "no-store"
    return response

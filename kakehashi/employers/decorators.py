from functools import wraps

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from kakehashi.employers.selectors import employer_for_member, employer_terms_accepted


def company_terms_required(view):
    """On pages that show candidates: a member of a verified company that has not accepted the
    current programme terms is sent to the terms page, told why. (The doors refuse such a
    company anyway; this turns their 404 into a way forward.)"""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        employer = employer_for_member(request.user, verified=True)
        if employer is not None and not employer_terms_accepted(employer=employer):
            messages.warning(
                request,
                _("Your company sees candidates once an admin has accepted the programme's terms."),
            )
            return redirect("company_terms")
        return view(request, *args, **kwargs)

    return wrapped
